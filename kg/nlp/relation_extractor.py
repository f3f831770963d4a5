"""kg_relation_extractor: triggers + actor mentions -> relations between actors, per sentence.

For each trigger in a sentence the arguments are found from Arabic word order:
- a verb (or verbal noun) followed at once by an actor that no preposition marks takes it as
  its subject (verb-subject-object: "اتهمت السعودية الحوثيين", "زيارة بوتين للصين"), unless
  an actor stands right before it (subject-verb-object: "واشنطن تتهم موسكو");
- otherwise the subject is the nearest actor before the trigger;
- the object is the next actor after it, marked by one of the relation's prepositions
  (مع، على، ضد، إلى، لدى، من، ل، ب ...) or unmarked (a direct object);
- "بين X و Y" after a trigger makes X and Y the parties;
- coordinated actors ("كوبا وفنزويلا ونيكاراغوا") act together: one record per member, and a
  symmetric relation among one list gives every pair;
- "البلدين"/"الجانبين"/"الطرفين" stand for the two actors named last, "بلاده" for the nearest
  state before it;
- a negation just before the trigger, or a verb of denial before it in the sentence,
  suppresses it; member_of is stated only where the actor data holds the membership.
Results go to `doc._.kg_relations` as `RelationCandidate`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.knowledge.lexicon import load_lexicon
from kg.knowledge.relations import load_relations
from kg.nlp.normalize import normalize_ar

if not Doc.has_extension("kg_relations"):
    Doc.set_extension("kg_relations", default=None)

VSO_REACH = 4  # tokens between a verb and the subject that follows it (titles: "الرئيس الروسي")
SVO_REACH = 2  # tokens between a subject and the verb that follows it
OBJECT_REACH = 14  # tokens between the trigger (or its subject) and its object
SUBJECT_REACH = 30  # tokens back to look for the subject of a trigger
MEMBER_REACH = 12  # tokens between a membership word and its state or organisation


@dataclass(frozen=True)
class RelationCandidate:
    subject: str
    relation: str
    object: str
    sentence: Span
    trigger: Span
    subject_span: Span
    object_span: Span
    confidence: float


@dataclass
class Group:
    """Coordinated actor mentions that act together."""

    mentions: list[Span]
    marker: str = ""  # the preposition that introduces the group ("مع", "ل" ...), if any
    members: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[-1].end


@Language.factory(
    "kg_relation_extractor",
    assigns=["doc._.kg_relations"],
    requires=["doc.spans", "token.is_sent_start"],
    default_config={"actors_key": "kg_actors", "triggers_key": "kg_triggers", "lang": "ar"},
)
def make_relation_extractor(nlp: Language, name: str, actors_key: str, triggers_key: str, lang: str):
    return RelationExtractor(actors_key=actors_key, triggers_key=triggers_key, lang=lang)


class RelationExtractor:
    def __init__(self, actors_key: str, triggers_key: str, lang: str):
        from kg.knowledge.actors import load_actors

        self.actors_key = actors_key
        self.triggers_key = triggers_key
        self.lexicon = load_lexicon(lang)
        self.relations = load_relations()
        self.actor_base = load_actors()
        words = self.lexicon.language
        norm = lambda items: frozenset(normalize_ar(w) for w in items)  # noqa: E731
        self.negation = norm(words["negation"])
        self.negation_window = int(words["negation_window"])
        self.denial = norm(words["denial"])
        self.joiners = norm(words["list_joiners"])
        self.dual_refs = norm(words["dual_references"])
        self.own_state_refs = norm(words["own_state_references"])
        self.preps = {rel: norm(p) for rel, p in self.lexicon.object_preps.items()}
        self.all_preps = frozenset().union(*self.preps.values())

    # -- the pass over a document -------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        mentions = sorted(doc.spans.get(self.actors_key, []), key=lambda s: s.start)
        triggers = self._drop_overridden(list(doc.spans.get(self.triggers_key, [])))
        results: list[RelationCandidate] = []
        previous: list[Span] = []
        for sent in doc.sents:
            sent_mentions = [m for m in mentions if sent.start <= m.start < sent.end]
            sent_mentions = sorted(sent_mentions + self._references(sent, sent_mentions, previous), key=lambda s: s.start)
            sent_triggers = [t for t in triggers if sent.start <= t.start < sent.end]
            if sent_mentions and sent_triggers:
                groups = self._groups(doc, sent_mentions)
                seen = set()
                for trigger in sent_triggers:
                    if self._suppressed(doc, sent, trigger):
                        continue
                    for cand in self._relate(doc, sent, trigger, groups):
                        key = (cand.subject, cand.relation, cand.object)
                        if key not in seen:
                            seen.add(key)
                            results.append(cand)
            if sent_mentions:
                previous = sent_mentions
        doc._.kg_relations = results
        return doc

    def _drop_overridden(self, triggers: list[Span]) -> list[Span]:
        overrides = self.lexicon.overrides
        dropped = set()
        for strong in triggers:
            for weak in overrides.get(strong.label_, ()):
                for t in triggers:
                    if t.label_ == weak and t.start < strong.end and strong.start < t.end:
                        dropped.add((t.start, t.end, t.label_))
        return [t for t in triggers if (t.start, t.end, t.label_) not in dropped]

    # -- references: "البلدين", "بلاده" ---------------------------------------------------
    def _references(self, sent: Span, mentions: list[Span], previous: list[Span]) -> list[Span]:
        doc = sent.doc
        found = []
        for token in sent:
            stems = doc._.kg_stems[token.i]
            if any(s in self.dual_refs or "ال" + s in self.dual_refs for s in stems):
                before = [m for m in mentions if m.end <= token.i] or previous
                ids = list(dict.fromkeys(m.kb_id_ for m in reversed(before)))[:2]
                if len(ids) == 2 and len(set(m.kb_id_ for m in before)) == 2:
                    for actor in ids:
                        found.append(Span(doc, token.i, token.i + 1, label="reference", kb_id=actor))
            elif token.norm_ in self.own_state_refs:
                before = [m for m in mentions if m.end <= token.i and m.label_ in ("state", "person", "place")]
                if before:
                    found.append(Span(doc, token.i, token.i + 1, label="reference", kb_id=before[-1].kb_id_))
        return found

    # -- coordinated actors -------------------------------------------------------------
    def _groups(self, doc: Doc, mentions: list[Span]) -> list[Group]:
        groups: list[Group] = []
        for mention in mentions:
            current = groups[-1] if groups else None
            if current is not None and self._joined(doc, current.mentions[-1], mention):
                current.mentions.append(mention)
            else:
                groups.append(Group([mention], marker=self._marker(doc, mention)))
        for group in groups:
            group.members = list(dict.fromkeys(m.kb_id_ for m in group.mentions))
        return groups

    def _joined(self, doc: Doc, last: Span, mention: Span) -> bool:
        """A conjunction or list punctuation stands between; touching mentions of one actor are an apposition."""
        if mention.start < last.end:
            return True  # a reference resolved to two actors shares its token
        between = [t for t in doc[last.end:mention.start] if not t.is_space]
        if not between:
            return mention._.kg_proclitic.startswith("و") or mention.kb_id_ == last.kb_id_
        return all(t.norm_ in self.joiners for t in between)

    def _marker(self, doc: Doc, mention: Span) -> str:
        """The preposition before a mention: a word ("مع روسيا") or a proclitic ("لروسيا")."""
        proclitic = mention._.kg_proclitic.lstrip("وف")
        if proclitic.endswith("ال"):
            proclitic = proclitic[:-2] or ""
        if proclitic:
            return proclitic[:1]
        i = mention.start - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i >= 0:
            word = doc[i].norm_
            word = word[1:] if word[:1] in ("و", "ف") and word[1:] in self.all_preps else word
            if word in self.all_preps:
                return word
        return ""

    # -- suppression --------------------------------------------------------------------
    def _suppressed(self, doc: Doc, sent: Span, trigger: Span) -> bool:
        window_start = max(sent.start, trigger.start - self.negation_window)
        if any(doc[i].norm_ in self.negation for i in range(window_start, trigger.start)):
            return True
        for i in range(sent.start, trigger.start):
            if any(s in self.denial for s in doc._.kg_stems[i]):
                return True
        return False

    # -- arguments ----------------------------------------------------------------------
    def _relate(self, doc: Doc, sent: Span, trigger: Span, groups: list[Group]):
        relation = trigger.label_
        if relation == "member_of":
            yield from self._membership(sent, trigger, groups)
            return
        spec = self.relations[relation]
        preps = self.preps.get(relation, frozenset())
        confidence = self.lexicon.confidence.get(relation, 0.7)
        left = [g for g in groups if g.end <= trigger.start]
        right = [g for g in groups if g.start >= trigger.end]

        between = self._between_group(doc, trigger, right)
        if between is not None:
            if spec.symmetric and len(between.members) >= 2:
                yield from self._pairs(sent, trigger, between, between, relation, confidence)
            return

        subject = obj = None
        next_right = right[0] if right and right[0].start - trigger.end <= VSO_REACH else None
        prev_left = left[-1] if left and trigger.start - left[-1].end <= SVO_REACH else None
        if next_right is not None and not next_right.marker and prev_left is None:
            subject = next_right  # verb-subject-object, or a verbal noun and its agent
            rest = right[1:]
            anchor = subject.end
        else:
            unmarked = [g for g in left if not g.marker and trigger.start - g.end <= SUBJECT_REACH]
            subject = prev_left or (unmarked[-1] if unmarked else None)
            rest = right
            anchor = trigger.end
        for group in rest:
            if group.start - anchor > OBJECT_REACH:
                break
            if set(group.members) <= set(subject.members if subject else ()):
                anchor = group.end  # the subject named again ("الرئيس الروسي ... بوتين")
                continue
            if not group.marker or group.marker in preps:
                obj = group
                break
            anchor = group.end
        if subject is None:
            return
        if obj is None:
            if spec.symmetric and len(subject.members) >= 2:
                yield from self._pairs(sent, trigger, subject, subject, relation, confidence)
            return
        yield from self._pairs(sent, trigger, subject, obj, relation, confidence)

    def _between_group(self, doc: Doc, trigger: Span, right: list[Group]) -> Group | None:
        """The group right after "بين" that follows the trigger (within two words)."""
        for i in range(trigger.end, min(trigger.end + 3, len(doc))):
            if doc[i].norm_ == "بين":
                return next((g for g in right if g.start == i + 1), None)
        return None

    def _pairs(self, sent, trigger, subjects: Group, objects: Group, relation, confidence):
        symmetric = self.relations[relation].symmetric
        if subjects is objects:
            pairs = [(a, b) for a, b in combinations(subjects.mentions, 2)]
        else:
            pairs = [(a, b) for a in subjects.mentions for b in objects.mentions]
        for a, b in pairs:
            s, o = a.kb_id_, b.kb_id_
            if s == o:
                continue
            if symmetric and o < s:
                s, o, a, b = o, s, b, a
            yield RelationCandidate(s, relation, o, sent, trigger, a, b, confidence)

    def _membership(self, sent: Span, trigger: Span, groups: list[Group]):
        """ "X وشركائها في الناتو", "دول أعضاء في مجلس الأمن وهي ...": only memberships the data holds."""
        near = [g for g in groups if -MEMBER_REACH <= g.start - trigger.end <= MEMBER_REACH
                or -MEMBER_REACH <= trigger.start - g.end <= MEMBER_REACH]
        mentions = [m for g in near for m in g.mentions]
        organisations = [m for m in mentions if m.label_ == "organisation"]
        states = [m for m in mentions if m.label_ != "organisation"]
        confidence = self.lexicon.confidence.get("member_of", 0.8)
        for org in organisations[:1] if organisations else []:
            members = set(self.actor_base.members_of(org.kb_id_))
            for state in states:
                if state.kb_id_ in members:
                    yield RelationCandidate(state.kb_id_, "member_of", org.kb_id_, sent, trigger, state, org, confidence)
