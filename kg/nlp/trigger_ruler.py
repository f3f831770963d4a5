"""kg_trigger_ruler: the words that trigger a relation, from `ontology/triggers/<lang>.yaml`.

Writes `doc.spans["kg_triggers"]`: label = relation, `span._.kg_is_verb` = whether the
trigger is a conjugated verb, `span._.kg_object_pronoun` = whether it carries its object as a
pronoun suffix ("زارها"). Triggers may overlap (a phrase can be read two ways); a
trigger inside an actor's name ("مجلس التعاون الخليجي") is not a trigger.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.knowledge.lexicon import Trigger, load_lexicon
from kg.nlp.actor_ruler import proclitic_of
from kg.nlp.cache import cached
from kg.nlp.matches import Matches, register_matches
from kg.nlp.normalizer import normalizer_of
from kg.nlp.normalize import normalize_ar
from kg.nlp.phrase_index import PhraseIndex, phrase_keys


class TriggerAttrs(NamedTuple):
    """What the readings of a trigger say of its arguments: `span._.kg_is_verb` etc."""

    is_verb: bool = False
    object_pronoun: bool = False
    participle: bool = False
    needs_agent: bool = False
    object_before: bool = False


NO_TRIGGER_ATTRS = TriggerAttrs()
WORD_FLAG = "trigger_start"  # the words a trigger may start at
register_matches("kg_trigger_matches", TriggerAttrs)


@Language.factory(
    "kg_trigger_ruler",
    assigns=["doc.spans", "doc._.kg_trigger_matches"],
    requires=["doc._.kg_words", "doc._.kg_actor_matches"],
    default_config={"spans_key": "kg_triggers", "lang": "ar"},
)
def make_trigger_ruler(nlp: Language, name: str, spans_key: str, lang: str):
    return TriggerRuler(nlp, spans_key=spans_key, lang=lang)


def build_trigger_index(nlp: Language, triggers: tuple[Trigger, ...]) -> PhraseIndex[Trigger]:
    index: PhraseIndex[Trigger] = PhraseIndex()
    for trigger, key in zip(triggers, phrase_keys(nlp, [t.text for t in triggers])):
        index.add(key, trigger)
    return index


class TriggerRuler:
    def __init__(self, nlp: Language, spans_key: str, lang: str):
        self.spans_key = spans_key
        lexicon = load_lexicon(lang)
        self.verb_proclitics = frozenset(normalize_ar(p) for p in lexicon.language["verb_proclitics"])
        self.index = cached(f"trigger-index-{lang}", lambda: build_trigger_index(nlp, lexicon.triggers))
        normalizer_of(nlp).add_word_flag(WORD_FLAG, self.index.can_start)
        # (phrase's triggers, proclitic) -> readings: a few thousand pairs recur in every article
        self.readings: dict[tuple[int, str], list[tuple[str, TriggerAttrs]]] = {}

    def _verb_proclitic(self, proclitic: str, trigger: Trigger) -> bool:
        if proclitic.endswith("ال") and normalize_ar(trigger.text).startswith("ال"):
            proclitic = proclitic[:-2]
        return proclitic in self.verb_proclitics

    def _readings(self, triggers: list[Trigger], proclitic: str) -> list[tuple[str, TriggerAttrs]]:
        """The relations a phrase's triggers stand for behind this proclitic, with what their readings say."""
        found = []
        for relation in dict.fromkeys(t.relation for t in triggers):
            readings = [t for t in triggers if t.relation == relation]
            # "القدم" is no verb, but "التقى" begins with the letters of the article
            readings = [t for t in readings if not t.is_verb or self._verb_proclitic(proclitic, t)]
            if readings:
                found.append((relation, TriggerAttrs(
                    is_verb=any(t.is_verb for t in readings),
                    object_pronoun=any(t.object_pronoun for t in readings),
                    participle=any(t.participle for t in readings),
                    needs_agent=all(t.needs_agent for t in readings),
                    object_before=any(t.object_before for t in readings),
                )))
        return found

    def __call__(self, doc: Doc) -> Doc:
        words = doc._.kg_words
        in_actor = set()
        for start, end in doc._.kg_actor_matches.attrs:
            in_actor.update(range(start, end))
        spans = []
        attrs = {}
        for start, end, triggers, first_stem in self.index.finditer(words.stems, words.flagged[WORD_FLAG], overlapping=True):
            if in_actor.intersection(range(start, end)):
                continue
            proclitic = proclitic_of(words.norms[start], first_stem)
            # the index's list of triggers of a phrase is one object for as long as the index lives
            key = (id(triggers), proclitic)
            readings = self.readings.get(key)
            if readings is None:
                readings = self.readings[key] = self._readings(triggers, proclitic)
            for relation, reading in readings:
                spans.append(Span(doc, start, end, label=relation))
                attrs[start, end] = reading
        doc.spans[self.spans_key] = spans
        doc._.kg_trigger_matches = Matches(spans, attrs)
        return doc
