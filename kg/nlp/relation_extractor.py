"""kg_relation_extractor: triggers + actor mentions -> relations between actors, per sentence.

For each trigger in a sentence the arguments are found from Arabic word order:
- a verb (or verbal noun) followed at once by an actor that no preposition marks takes it as
  its subject (verb-subject-object: "اتهمت السعودية الحوثيين", "زيارة بوتين للصين"), unless
  an actor stands right before it (subject-verb-object: "واشنطن تتهم موسكو");
- otherwise the subject is the nearest actor before the trigger that no preposition marks;
- the object is the next actor after it, marked by one of the relation's prepositions
  (مع، على، ضد، إلى، لدى، من، ل، ب ...) or unmarked (a direct object), within the clause;
  a symmetric relation also takes a party marked before it ("اتفق بوتين مع كوبا على تطوير ...");
  a verb with an object pronoun ("زارها") takes the actor named before it;
- "بين X و Y" after a trigger makes X and Y the parties;
- coordinated actors ("كوبا وفنزويلا ونيكاراغوا") act together: one record per member, and a
  symmetric relation among one list gives every pair, less the members known to be absent;
- "البلدين" stands for the two actors named last, "هذه الدول" for the last list, "بلاده" for
  the nearest state before it;
- a negation just before the trigger, or a verb of denial before it in the sentence,
  suppresses it; member_of is stated only where the actor data holds the membership.
Results go to `doc._.kg_relations` as `RelationCandidate`s.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import combinations, permutations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.knowledge.lexicon import load_lexicon
from kg.knowledge.relations import load_relations
from kg.nlp.actor_ruler import NO_ACTOR_ATTRS, ActorAttrs
from kg.nlp.cache import cached
from kg.nlp.normalize import normalize_ar, strip_article
from kg.nlp.normalizer import normalizer_of
from kg.nlp.phrase_index import PhraseIndex, phrase_keys
from kg.nlp.trigger_ruler import NO_TRIGGER_ATTRS, TriggerAttrs

if not Doc.has_extension("kg_relations"):
    Doc.set_extension("kg_relations", default=None)

VSO_REACH = 4  # tokens between a verb and the subject that follows it (titles: "الرئيس الروسي")
SVO_REACH = 2  # tokens between a subject and the verb that follows it
OBJECT_REACH = 14  # tokens between the trigger (or its subject) and its object
VERB_SUBJECT_REACH = 30  # tokens back to the subject of a verb (reported speech reaches far)
NOUN_SUBJECT_REACH = 10  # tokens back to the subject of a verbal noun
BETWEEN_REACH = 7  # tokens between a trigger and the "بين" that names its parties
MARKER_REACH = 4  # head words ("رؤساء دول", "نظيره") between a preposition and its actor
MEMBER_REACH = 8  # tokens between a membership word and its organisation
MEMBER_STATE_REACH = 3  # tokens between a membership word and the states it is said of

# word flags asked of the normalizer
DENIAL_FLAG = "denial"  # the words of denial or allegation
REFERENCE_FLAG = "reference_start"  # the words a reference ("البلدين") may start at


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
    multilateral: bool = False  # one pair of a list acting together (a summit, a joint signing)


@dataclass
class Group:
    """Coordinated actor mentions that act together."""

    mentions: list[Span]
    opener: Span  # the mention that opened it (a name in parentheses may take its place in mentions)
    # Set by _assign_roles, for the sentences with a trigger only:
    marker: str = ""  # the preposition that introduces the group ("مع", "ل" ...), if any
    topic: bool = False  # it follows a noun of topic or place ("الأزمة الليبية"): no agent
    # Set by _groups once its mentions are final:
    members: list[str] = field(default_factory=list)
    start: int = 0  # the first token of its first mention
    end: int = 0  # past the last token of its last mention


@Language.factory(
    "kg_relation_extractor",
    assigns=["doc._.kg_relations"],
    requires=["doc._.kg_actor_matches", "doc._.kg_trigger_matches", "token.is_sent_start"],
    default_config={"lang": "ar"},
)
def make_relation_extractor(nlp: Language, name: str, lang: str):
    return RelationExtractor(nlp, lang=lang)


def organisation_members() -> dict[str, frozenset[str]]:
    """Each organisation's member states, from the actor data."""
    from kg.knowledge.actors import load_actors

    base = load_actors()
    return {org.id: frozenset(base.members_of(org.id)) for org in base.by_kind("organisation")}


def _words(items) -> frozenset[str]:
    return frozenset(normalize_ar(w) for w in items)


class RelationExtractor:
    def __init__(self, nlp: Language, lang: str):
        self.lexicon = load_lexicon(lang)
        self.relations = load_relations()
        self.members = cached("memberships", organisation_members)
        words = self.lexicon.language
        self.negation = _words(words["negation"])
        self.negation_window = int(words["negation_window"])
        self.denial = _words(words["denial"]) | _words(words["allegation"])
        self.prepositions = _words(words["prepositions"])
        self.subject_breaks = _words(words["subject_breaks"])
        self.joiners = _words(words["list_joiners"])
        self.heads = frozenset(strip_article(w) for w in words["actor_heads"])
        self.clause_breaks = _words(words["clause_breaks"])
        self.topic_nouns = frozenset(strip_article(w) for w in words["topic_nouns"])
        self.heads_or_topics = self.heads | self.topic_nouns
        self.absence = _words(words["absence"])
        self.member_listing = _words(words["member_listing"])
        self.pronoun_objects = _words(words["pronoun_objects"])
        self.circumstantial = _words(words["circumstantial"])
        self.relatives = _words(words["relative_pronouns"])
        self.light_verbs = _words(words["light_verbs"])
        self.reciprocal = _words(words["reciprocal"])
        self.preps = {rel: _words(p) for rel, p in self.lexicon.object_preps.items()}
        self.agent_preps = {rel: _words(p) for rel, p in self.lexicon.agent_preps.items()}
        self.all_preps = self.prepositions.union(*self.preps.values(), *self.agent_preps.values())
        # the prepositions that may mark either party of each relation
        self.party_preps = {
            rel: self.preps.get(rel, frozenset()) | self.agent_preps.get(rel, frozenset()) for rel in self.relations
        }
        self.references: PhraseIndex[str] = PhraseIndex()
        for kind, phrases in words["references"].items():
            for key in phrase_keys(nlp, phrases):
                self.references.add(key, kind)
        normalizer_of(nlp).add_word_flag(REFERENCE_FLAG, self.references.can_start)
        normalizer_of(nlp).add_word_flag(DENIAL_FLAG, lambda text, stems: not self.denial.isdisjoint(stems))

    # -- the pass over a document -------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        # The per-token lists of kg_normalizer, read by every helper below during this call.
        self._w = doc._.kg_words
        actors, triggers = doc._.kg_actor_matches, doc._.kg_trigger_matches
        self._actor_attrs, self._trigger_attrs = actors.attrs, triggers.attrs
        self._denial_at: tuple[tuple[int, int] | None, int] = (None, 0)
        mentions, triggers = actors.spans, triggers.spans  # in order of start
        results: list[RelationCandidate] = []
        context = _Context()
        mention_starts, trigger_starts = [s.start for s in mentions], [s.start for s in triggers]
        reference_starts = self._w.flagged[REFERENCE_FLAG]
        for start, end in _sentence_bounds(doc):
            sent_mentions = mentions[bisect_left(mention_starts, start) : bisect_left(mention_starts, end)]
            sent_triggers = triggers[bisect_left(trigger_starts, start) : bisect_left(trigger_starts, end)]
            if not sent_mentions and (
                not context.mentions or bisect_left(reference_starts, start) == bisect_left(reference_starts, end)
            ):
                continue  # nothing to relate, nor a reference to resolve
            sent = _Sentence(doc, start, end)
            references = self._references(sent, sent_mentions, context)
            if references:
                sent_mentions = sorted(sent_mentions + references, key=lambda s: s.start)
            groups = self._groups(doc, sent_mentions)
            context.absent.update(self._absentees(doc, sent, groups))
            if sent_triggers and groups and not self._question(sent):
                self._assign_roles(doc, groups)
                # the group of each mention (a span is in one group, and equal to no other mention)
                group_of = {id(m): g for g in groups for m in g.mentions}
                seen = set()
                for trigger in self._drop_overridden(sent_triggers):
                    if self._suppressed(doc, sent, trigger):
                        continue
                    for cand in self._relate(doc, sent, trigger, groups, context):
                        key = (cand.subject, cand.relation, cand.object)
                        if key not in seen:
                            seen.add(key)
                            results.append(cand)
                            context.last_subject = group_of.get(id(cand.subject_span), context.last_subject)
            context.remember(sent_mentions, groups)
        doc._.kg_relations = [
            c for c in results if not (c.multilateral and {c.subject, c.object} & context.absent)
        ]
        return doc

    def _actor(self, span: Span) -> ActorAttrs:
        return self._actor_attrs.get((span.start, span.end), NO_ACTOR_ATTRS)

    def _trigger(self, span: Span) -> TriggerAttrs:
        return self._trigger_attrs.get((span.start, span.end), NO_TRIGGER_ATTRS)

    def _drop_overridden(self, triggers: list[Span]) -> list[Span]:
        """The specific relation wins over a general one next to it; what a threat or demand
        is about ("هدد بفرض عقوبات") is not coded as done."""
        overrides, scopes, near = self.lexicon.overrides, self.lexicon.scopes, self.lexicon.override_window
        dropped = set()
        triggers = sorted(triggers, key=lambda t: (t.start, t.end))
        for strong in triggers:
            if strong.label_ not in scopes and strong.label_ not in overrides:
                continue  # it silences nothing
            silenced, window = scopes.get(strong.label_, (frozenset(), 0))
            reach, chained = strong.end + window, False  # "هدد بفرض رسوم جمركية": the scope runs on over a chain
            for t in triggers:
                overlaps = t.start < strong.end + near and strong.start - near < t.end
                # what is threatened or demanded is introduced by ب or ل: "هدد بفرض", "طالب بوقف"
                introduced = chained or self._w.norms[t.start][:1] in ("ب", "ل")
                in_scope = t.label_ in silenced and strong.end <= t.start < reach and introduced
                if in_scope:
                    reach, chained = max(reach, t.end + window), True
                if in_scope or (t.label_ in overrides.get(strong.label_, ()) and overlaps):
                    dropped.add((t.start, t.end, t.label_))
        return [t for t in triggers if (t.start, t.end, t.label_) not in dropped]

    # -- references: "البلدين", "هذه الدول", "بلاده" ---------------------------------------
    def _references(self, sent: "_Sentence", mentions: list[Span], context: "_Context") -> list[Span]:
        doc = sent.doc
        found = []
        for start, end, kinds, _ in self.references.finditer(self._w.stems, self._w.flagged[REFERENCE_FLAG], sent.start, sent.end):
            if "dual" in kinds and any(m.start == end for m in mentions):
                continue  # "الحكومتين التركية والقطرية": the parties are named right after
            before = [m for m in mentions if m.end <= start]
            if "dual" in kinds:
                ids = list(dict.fromkeys(m.kb_id_ for m in reversed(before or context.mentions)))
                actors = ids[:2] if len(ids) == 2 else []  # more than two named: not resolvable
            elif "plural" in kinds:
                lists = [g.members for g in self._groups(doc, before) if len(g.members) >= 2]
                actors = lists[-1] if lists else context.last_list
            else:
                states = [m for m in before if m.label_ in ("state", "person", "place")]
                actors = [states[-1].kb_id_] if states else []
            found += [Span(doc, start, end, label="reference", kb_id=a) for a in actors]
        return found

    # -- coordinated actors -------------------------------------------------------------
    def _groups(self, doc: Doc, mentions: list[Span]) -> list[Group]:
        groups: list[Group] = []
        for mention in mentions:
            current = groups[-1] if groups else None
            if current is not None and self._in_parentheses_after(doc, current.mentions[-1], mention):
                current.mentions[-1] = mention  # "حركة المقاومة الفلسطينية (حماس)": the name says who
            elif current is not None and self._joined(doc, current.mentions[-1], mention):
                current.mentions.append(mention)
            else:
                groups.append(Group([mention], mention))
        for group in groups:
            group.start, group.end = group.mentions[0].start, group.mentions[-1].end
            if len(group.mentions) == 1:
                group.members = [group.mentions[0].kb_id_]
            else:
                group.members = list(dict.fromkeys(m.kb_id_ for m in group.mentions))
        return groups

    def _assign_roles(self, doc: Doc, groups: list[Group]) -> None:
        """The preposition before each group, and whether it follows a topic noun: what the
        arguments of a trigger are chosen by (the other sentences need only the groups)."""
        for group in groups:
            group.marker = self._marker(doc, group.opener)
            group.topic = self._after_topic(doc, group.opener)

    def _joined(self, doc: Doc, last: Span, mention: Span) -> bool:
        """A conjunction or list punctuation stands between; touching mentions of one actor are an apposition."""
        if mention.start < last.end:
            return True  # a reference resolved to several actors shares its tokens
        w = self._w
        words_between = False
        for i in range(last.end, mention.start):
            if not w.space[i]:
                if w.norms[i] not in self.joiners:
                    return False
                words_between = True
        if words_between:
            return True  # joiners only
        adjectives = self._actor(last).source_kind == self._actor(mention).source_kind == "adjective"  # "الفرنسي الأمريكي"
        return self._actor(mention).proclitic.startswith("و") or mention.kb_id_ == last.kb_id_ or adjectives

    def _in_parentheses_after(self, doc: Doc, last: Span, mention: Span) -> bool:
        w = self._w
        if mention.end >= len(doc) or w.texts[mention.end] != ")":
            return False
        return [w.texts[i] for i in range(last.end, mention.start) if not w.space[i]] == ["("]

    def _after_topic(self, doc: Doc, mention: Span) -> bool:
        """ "الأزمة الليبية", "الحل السياسي الليبي": a topic noun, perhaps with an adjective, before it."""
        i = mention.start - 1
        if i >= 1 and self._nisba(self._w.norms[i]):
            i -= 1
        return i >= 0 and not self.topic_nouns.isdisjoint(self._w.stems[i])

    @staticmethod
    def _nisba(word: str) -> bool:
        """A definite nisba adjective ("السياسي", "الغربية")."""
        return word.startswith("ال") and word.endswith(("ي", "ية", "يين", "يون")) and len(word) > 5

    def _marker(self, doc: Doc, mention: Span) -> str:
        """The preposition before a mention: a proclitic ("لروسيا"), or a word, perhaps over head
        words ("مع رؤساء دول كوبا", "مع نظيره الأمريكي")."""
        proclitic = self._actor(mention).proclitic.lstrip("وف")
        if proclitic.endswith("ال"):
            proclitic = proclitic[:-2]
        if proclitic:
            previous = mention.start - 1
            if proclitic[:1] == "ل" and previous >= 0 and self._is_head(doc, previous):
                return ""  # "الأمين العام لحزب الله": ل of possession, not a preposition
            return proclitic[:1]
        i, skipped = mention.start - 1, 0
        while i >= 0 and skipped <= MARKER_REACH:
            w = self._w
            if not w.space[i]:
                word = w.norms[i]
                if word[:1] in ("و", "ف") and word[1:] in self.all_preps:
                    word = word[1:]
                if word in self.all_preps:
                    return word
                stems = w.stems[i]
                if not self._is_head(doc, i):
                    # "لدى السلطات" and "للقاء" carry their preposition as a proclitic
                    return ""
                skipped += 1
                head_proclitic = w.norms[i][: len(w.norms[i]) - len(stems[-1])] if stems else ""
                head_proclitic = head_proclitic.lstrip("وف").removesuffix("ال")
                if head_proclitic[:1] in ("ل", "ب"):
                    return head_proclitic[:1]
            i -= 1
        return ""

    def _is_head(self, doc: Doc, i: int) -> bool:
        """A title or a noun of topic may stand between a preposition and its actor."""
        return not self.heads_or_topics.isdisjoint(self._w.stems[i])

    def _absentees(self, doc: Doc, sent: "_Sentence", groups: list[Group]) -> set[str]:
        """ "على الرغم من مقاطعة أرمينيا": the actor right after a word of absence."""
        absent = set()
        for group in groups:
            i = group.start - 1
            while i >= sent.start and self._w.space[i]:
                i -= 1
            if i >= sent.start and not (self.absence.isdisjoint(self._w.stems[i]) and self._w.norms[i] not in self.absence):
                absent.update(group.members)
        return absent

    # -- suppression --------------------------------------------------------------------
    def _question(self, sent: "_Sentence") -> bool:
        """A question asserts nothing: "هل هذه حجة كافية لشن حرب على اليمن؟"."""
        last = sent.end - 1  # the last word
        while last >= sent.start and self._w.space[last]:
            last -= 1
        return last >= sent.start and self._w.texts[last][-1:] in ("؟", "?")

    def _suppressed(self, doc: Doc, sent: "_Sentence", trigger: Span) -> bool:
        window_start = max(sent.start, trigger.start - self.negation_window)
        if not self.negation.isdisjoint(self._w.norms[window_start:trigger.start]):
            return True
        return trigger.label_ != "disapprove" and self._first_denial(sent) < trigger.start

    def _first_denial(self, sent: "_Sentence") -> int:
        """Where the sentence's first word of denial or allegation stands (its end if none)."""
        key = (sent.start, sent.end)
        if self._denial_at[0] != key:
            denials = self._w.flagged[DENIAL_FLAG]
            first = bisect_left(denials, sent.start)
            at = denials[first] if first < len(denials) and denials[first] < sent.end else sent.end
            self._denial_at = (key, at)
        return self._denial_at[1]

    # -- arguments ----------------------------------------------------------------------
    def _relate(self, doc: Doc, sent: "_Sentence", trigger: Span, groups: list[Group], context: "_Context"):
        relation = trigger.label_
        if not groups:
            return
        if relation == "member_of":
            yield from self._membership(doc, sent, trigger, groups)
            return
        spec = self.relations[relation]
        preps = self.party_preps[relation]
        confidence = self.lexicon.confidence.get(relation, 0.7)
        left = [g for g in groups if g.end <= trigger.start]
        right = [g for g in groups if g.start >= trigger.end]

        between = self._between_group(doc, trigger, right)
        if between is not None:
            # "محادثات بين روسيا والصين"; "اشتباكات بين الجيش السوداني والدعم السريع" (each against the other)
            if len(between.members) >= 2:
                yield from self._pairs(sent, trigger, between, between, relation, confidence)
            return

        if self._trigger(trigger).object_before:
            yield from self._object_before(sent, trigger, left, relation, confidence)
            return
        subject = self._subject(doc, trigger, left, right, context)
        if subject is None:
            return
        rest = [g for g in right if g.start >= subject.end]
        obj = self._object(doc, rest, max(trigger.end, subject.end) if subject in right else trigger.end, subject, preps)
        if obj is None and (self._trigger(trigger).object_pronoun or self._pronoun_object_after(doc, trigger, subject)):
            # "زارها": the pronoun stands for the actor named before the verb
            before = [g for g in left if g is not subject and not set(g.members) <= set(subject.members)]
            obj = before[-1] if before else None
        if obj is None and spec.symmetric:
            # a party marked before the trigger: "اتفق بوتين مع كوبا على تطوير شراكات"
            marked = [g for g in left if g.start >= subject.end and g.marker in preps]
            obj = marked[-1] if marked else None
        if obj is None and not spec.symmetric:
            # "انتقد عاصفة الحزم التي تقودها السعودية": what is criticised belongs to the actor
            # of the relative clause right after it
            obj = self._relative_clause_agent(right, anchor=max(trigger.end, subject.end), subject=subject)
        if obj is None and not spec.symmetric and subject in right and self._circumstantial(doc, trigger, "في"):
            # "مقتل زعيم داعش ... في غارة جوية أمريكية": the strike's target is named before it
            targets = [g for g in left if not g.marker and not g.topic and trigger.start - g.end <= NOUN_SUBJECT_REACH]
            obj = targets[-1] if targets else None
        if obj is None and spec.symmetric and subject in right and len(subject.members) == 1:
            # the agent follows a joint activity, the partner stands before it:
            # "ضباط أوزبكستان يتلقون التعليم في الكليات العسكرية الروسية"
            partners = [g for g in left if not g.topic and trigger.start - g.end <= NOUN_SUBJECT_REACH]
            obj = partners[-1] if partners else None
        if obj is None:
            if len(subject.members) >= 2 and (spec.symmetric or self._reciprocal(doc, sent, trigger)):
                yield from self._pairs(sent, trigger, subject, subject, relation, confidence)
            return
        if obj.marker and obj.marker in self.agent_preps.get(relation, ()):
            subject, obj = obj, subject  # "عروض بالمساعدة من مصر": the giver is marked by من
        yield from self._pairs(sent, trigger, subject, obj, relation, confidence)

    def _object_before(self, sent, trigger, left: list[Group], relation, confidence):
        """ "قررت دول الخليج اعتبار حزب الله منظمة إرهابية", "قال أردوغان إن هولندا ستدفع ثمن":
        the object stands right before the trigger, the subject before it."""
        if not left or trigger.start - left[-1].end > SVO_REACH + 1:
            return
        designated = left[-1]
        deciders = [g for g in left[:-1] if not g.marker and not g.topic and designated.start - g.end <= VERB_SUBJECT_REACH]
        if deciders:
            yield from self._pairs(sent, trigger, deciders[-1], designated, relation, confidence)

    def _pronoun_object_after(self, doc: Doc, trigger: Span, subject: Group) -> bool:
        """ "سيطرة الحوثيين عليها": a preposition with a pronoun right after the trigger or its agent."""
        i = max(trigger.end, subject.end if subject.start >= trigger.end else trigger.end)
        while i < len(doc) and self._w.space[i]:
            i += 1
        return i < len(doc) and self._w.norms[i] in self.pronoun_objects

    def _subject(self, doc: Doc, trigger: Span, left: list[Group], right: list[Group], context: "_Context") -> Group | None:
        """Who acts: the agent right after a verb or verbal noun, else the nearest actor before."""
        is_verb = self._trigger(trigger).is_verb or self._after_light_verb(trigger)
        agents_after = [g for g in right if not g.topic]
        next_right = agents_after[0] if agents_after and agents_after[0].start - trigger.end <= VSO_REACH else None
        if next_right is not None and (next_right.marker or self._breaks(doc, trigger.end, next_right.start)):
            next_right = None
        agents_before = [g for g in left if not g.marker and not g.topic and not self._subject_break(doc, g.end, trigger.start)]
        prev_left = agents_before[-1] if agents_before and trigger.start - agents_before[-1].end <= SVO_REACH else None
        antecedent = self._relative_antecedent(doc, trigger, left)
        if antecedent is not None:
            return antecedent
        agent_named = next_right is not None  # "خلال زيارة الرئيس الكازاخي": the visit names its agent
        if self._trigger(trigger).participle or (self._circumstantial(doc, trigger) and not agent_named):
            # "قطعت العلاقات مع قطر متهمة الدوحة": the participle's subject is the clause's
            reach = [g for g in agents_before if trigger.start - g.end <= VERB_SUBJECT_REACH]
            return reach[-1] if reach else context.last_subject
        if self._trigger(trigger).needs_agent:
            # "الدعم الأمريكي": only an adjective right after names who gives ("دعم أوكرانيا" names who gets)
            first = next_right.mentions[0] if next_right is not None and next_right.start == trigger.end else None
            named = first is not None and (self._actor(first).source_kind == "adjective" or first.label_ == "reference")
            return next_right if named else None  # "دعم بلاده لسوريا" names the giver too
        if next_right is not None and not is_verb and self._is_head(doc, trigger.end - 1):
            next_right = None  # "طرد السفير الإيراني": the adjective says whose ambassador, not who acts
        follows = next_right is not None and (prev_left is None or (not is_verb and next_right.start == trigger.end))
        if follows:
            return next_right  # verb-subject-object; a verbal noun and its agent ("الهجوم الإسرائيلي")
        if not is_verb and self._foreign_agent(doc, trigger, right):
            return None  # "الدعم الغربي": the agent is named, and is no actor
        reach = VERB_SUBJECT_REACH if is_verb else NOUN_SUBJECT_REACH
        near = [g for g in agents_before if trigger.start - g.end <= reach]
        return prev_left or (near[-1] if near else None)

    def _object(self, doc: Doc, rest: list[Group], anchor: int, subject: Group, preps) -> Group | None:
        for group in rest:
            if group.start - anchor > OBJECT_REACH or self._breaks(doc, anchor, group.start):
                return None
            if set(group.members) <= set(subject.members):
                anchor = group.end  # the subject named again ("الرئيس الروسي ... بوتين")
                continue
            if (not group.marker and not group.topic) or group.marker in preps:
                return group
            anchor = group.end
        return None

    def _relative_antecedent(self, doc: Doc, trigger: Span, left: list[Group]) -> Group | None:
        """ "حلف شمال الأطلسي، الذي يتقدم عسكريا": the actor a relative pronoun right before the
        trigger refers to is its subject, whatever marks it."""
        w = self._w
        words = [i for i in range(max(0, trigger.start - 3), trigger.start) if not w.space[i] and not w.punct[i]]
        if not words or w.norms[words[-1]] not in self.relatives:
            return None
        pronoun = words[-1]
        before = [g for g in left if g.end <= pronoun and all(w.punct[i] or w.space[i] for i in range(g.end, pronoun))]
        return before[-1] if before else None

    def _after_light_verb(self, trigger: Span) -> bool:
        """ "وأجرى زيارة", "عقد محادثات": the verbal noun stands for the verb."""
        i = trigger.start - 1
        return i >= 0 and not self.light_verbs.isdisjoint(self._w.stems[i])

    def _circumstantial(self, doc: Doc, trigger: Span, *also: str) -> bool:
        """ "خلال اتصال هاتفي" (and "في غارة" where `also` says so): a verbal noun in a circumstantial phrase."""
        i = trigger.start - 1
        return i >= 0 and (self._w.norms[i] in self.circumstantial or self._w.norms[i] in also)

    def _relative_clause_agent(self, right: list[Group], anchor: int, subject: Group) -> Group | None:
        """The unmarked actor two or three words into a relative clause that opens within a few
        words of `anchor`: "عاصفة الحزم التي تقودها السعودية"."""
        w = self._w
        for i in range(anchor, min(anchor + 5, len(w.norms))):
            if w.punct[i] and w.texts[i] not in ('"', "«", "»", "“", "”"):
                return None
            if w.norms[i] in self.relatives:
                after = [g for g in right if i < g.start <= i + 3 and not g.marker and g is not subject]
                return after[0] if after and not set(after[0].members) <= set(subject.members) else None
        return None

    def _breaks(self, doc: Doc, start: int, end: int) -> bool:
        return not self.clause_breaks.isdisjoint(self._w.norms[start:end])

    def _subject_break(self, doc: Doc, start: int, end: int) -> bool:
        return not self.subject_breaks.isdisjoint(self._w.norms[start:end])

    def _foreign_agent(self, doc: Doc, trigger: Span, right: list[Group]) -> bool:
        """A verbal noun followed by a nisba adjective that is no actor ("الاتهامات الغربية")."""
        if trigger.end >= len(doc) or (right and right[0].start == trigger.end):
            return False
        return self._nisba(self._w.norms[trigger.end])

    def _between_group(self, doc: Doc, trigger: Span, right: list[Group]) -> Group | None:
        """The group right after "بين" that follows the trigger within a few words of its clause,
        or of a relative clause on it ("اللقاء الذي جرى في موسكو بين لافروف وتيلرسون")."""
        if "بين" not in self._w.norms[trigger.end : trigger.end + 2 * BETWEEN_REACH]:
            return None  # the usual case, told in C
        reach = BETWEEN_REACH
        for i in range(trigger.end, min(trigger.end + 2 * BETWEEN_REACH, len(doc))):
            if i >= trigger.end + reach or self._w.punct[i]:
                return None
            if self._w.norms[i] in self.relatives and i == trigger.end:
                reach = 2 * BETWEEN_REACH  # the relative clause describes the same event
            elif self._w.norms[i] in self.clause_breaks:
                return None
            if self._w.norms[i] == "بين":
                # "بين الجيش السوداني وقوات الدعم السريع": titles may stand before the parties
                first = next((g for g in right if g.start > i), None)
                if first is not None and all(self._is_head(doc, j) for j in range(i + 1, first.start)):
                    return first
                return None
        return None

    def _reciprocal(self, doc: Doc, sent: "_Sentence", trigger: Span) -> bool:
        """ "تبادلت الهند وباكستان الاتهامات", "الاتهامات المتبادلة"."""
        near = range(max(sent.start, trigger.start - 5), min(sent.end, trigger.end + 2))
        return not all(map(self.reciprocal.isdisjoint, self._w.stems[near.start:near.stop]))

    def _pairs(self, sent, trigger, subjects: Group, objects: Group, relation, confidence):
        symmetric = self.relations[relation].symmetric
        multilateral = subjects is objects
        if multilateral and not symmetric:  # reciprocal: each does it to the other
            pairs = list(permutations(subjects.mentions, 2))
        elif multilateral:
            pairs = list(combinations(subjects.mentions, 2))
        else:
            pairs = [(a, b) for a in subjects.mentions for b in objects.mentions]
        for a, b in pairs:
            s, o = a.kb_id_, b.kb_id_
            if s == o:
                continue
            if symmetric and o < s:
                s, o, a, b = o, s, b, a
            yield RelationCandidate(s, relation, o, sent.span, trigger, a, b, confidence, multilateral)

    def _membership(self, doc: Doc, sent: "_Sentence", trigger: Span, groups: list[Group]):
        """ "X وشركائها في الناتو", "دول أعضاء في مجلس الأمن، وهي ...", "الناتو ... وتضم X":
        the states next to the membership word, and only memberships the actor data holds."""
        near = [g for g in groups if self._gap(trigger, g) <= MEMBER_REACH]
        organisations = [m for g in near for m in g.mentions if m.label_ == "organisation"]
        if not organisations:
            return
        org = min(organisations, key=lambda m: self._gap(trigger, m))
        states = [g for g in near if self._gap(trigger, g) <= MEMBER_STATE_REACH]
        # "... في مجلس الأمن، وهي الصين وإثيوبيا": the list that names the members after the organisation
        states += [g for g in groups if g.start >= org.end and self._lists_members(doc, org.end, g.start)]
        members = self.members.get(org.kb_id_, frozenset())
        confidence = self.lexicon.confidence.get("member_of", 0.8)
        for group in states:
            for state in group.mentions:
                if state.label_ not in ("organisation", "reference") and state.kb_id_ in members:
                    yield RelationCandidate(state.kb_id_, "member_of", org.kb_id_, sent.span, trigger, state, org, confidence)

    @staticmethod
    def _gap(trigger: Span, item) -> int:
        return max(item.start - trigger.end, trigger.start - item.end, 0)

    def _lists_members(self, doc: Doc, start: int, end: int) -> bool:
        w = self._w
        words = [w.norms[i] for i in range(start, end) if not w.space[i] and not w.punct[i]]
        return 0 < len(words) <= 2 and words[-1] in self.member_listing

def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each sentence, as `doc.sents` gives them, without a Span for each one."""
    if not len(doc):
        return []
    starts = [0, *(numpy.flatnonzero(doc.to_array(SENT_START)[1:] == 1) + 1).tolist(), len(doc)]
    return list(zip(starts, starts[1:]))


class _Sentence:
    """A sentence's tokens; its Span is made only for the sentences that state a relation."""

    __slots__ = ("doc", "start", "end", "_span")

    def __init__(self, doc: Doc, start: int, end: int):
        self.doc, self.start, self.end = doc, start, end
        self._span: Span | None = None

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = Span(self.doc, self.start, self.end)
        return self._span


class _Context:
    """What earlier sentences of the article named, for references and absences."""

    def __init__(self) -> None:
        self.mentions: list[Span] = []
        self.last_subject: Group | None = None  # who acted last: the subject of a sentence-initial participle
        self.last_list: list[str] = []
        self.absent: set[str] = set()

    def remember(self, mentions: list[Span], groups: list[Group]) -> None:
        if mentions:
            self.mentions = mentions
        for group in groups:
            if len(group.members) >= 2:
                self.last_list = list(group.members)
