"""kg_trigger_ruler: the words that trigger a relation, from `ontology/triggers/<lang>.yaml`.

Writes `doc.spans["kg_triggers"]`: label = relation, `span._.kg_is_verb` = whether the
trigger is a conjugated verb, `span._.kg_object_pronoun` = whether it carries its object as a
pronoun suffix ("زارها"). Triggers may overlap (a phrase can be read two ways); a
trigger inside an actor's name ("مجلس التعاون الخليجي") is not a trigger.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.knowledge.lexicon import Trigger, load_lexicon
from kg.nlp.actor_ruler import proclitic_of
from kg.nlp.cache import cached
from kg.nlp.normalize import normalize_ar
from kg.nlp.phrase_index import PhraseIndex, phrase_keys

for _name in ("kg_is_verb", "kg_object_pronoun", "kg_participle", "kg_needs_agent", "kg_object_before"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=False)


@Language.factory(
    "kg_trigger_ruler",
    assigns=["doc.spans"],
    requires=["doc._.kg_words", "doc.spans"],
    default_config={"spans_key": "kg_triggers", "actors_key": "kg_actors", "lang": "ar"},
)
def make_trigger_ruler(nlp: Language, name: str, spans_key: str, actors_key: str, lang: str):
    return TriggerRuler(nlp, spans_key=spans_key, actors_key=actors_key, lang=lang)


def build_trigger_index(nlp: Language, triggers: tuple[Trigger, ...]) -> PhraseIndex[Trigger]:
    index: PhraseIndex[Trigger] = PhraseIndex()
    for trigger, key in zip(triggers, phrase_keys(nlp, [t.text for t in triggers])):
        index.add(key, trigger)
    return index


class TriggerRuler:
    def __init__(self, nlp: Language, spans_key: str, actors_key: str, lang: str):
        self.spans_key = spans_key
        self.actors_key = actors_key
        lexicon = load_lexicon(lang)
        self.verb_proclitics = frozenset(normalize_ar(p) for p in lexicon.language["verb_proclitics"])
        self.index = cached(f"trigger-index-{lang}", lambda: build_trigger_index(nlp, lexicon.triggers))

    def _verb_proclitic(self, proclitic: str, trigger: Trigger) -> bool:
        if proclitic.endswith("ال") and normalize_ar(trigger.text).startswith("ال"):
            proclitic = proclitic[:-2]
        return proclitic in self.verb_proclitics

    def __call__(self, doc: Doc) -> Doc:
        in_actor = set()
        for span in doc.spans.get(self.actors_key, []):
            in_actor.update(range(span.start, span.end))
        spans = []
        for start, end, triggers, first_stem in self.index.finditer(doc._.kg_words.stems, overlapping=True):
            if in_actor.intersection(range(start, end)):
                continue
            proclitic = proclitic_of(doc[start].norm_, first_stem)
            for relation in dict.fromkeys(t.relation for t in triggers):
                readings = [t for t in triggers if t.relation == relation]
                # "القدم" is no verb, but "التقى" begins with the letters of the article
                readings = [t for t in readings if not t.is_verb or self._verb_proclitic(proclitic, t)]
                if not readings:
                    continue
                span = Span(doc, start, end, label=relation)
                span._.kg_is_verb = any(t.is_verb for t in readings)
                span._.kg_object_pronoun = any(t.object_pronoun for t in readings)
                span._.kg_participle = any(t.participle for t in readings)
                span._.kg_needs_agent = all(t.needs_agent for t in readings)
                span._.kg_object_before = any(t.object_before for t in readings)
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc
