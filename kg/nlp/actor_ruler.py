"""kg_actor_ruler: every actor mention, resolved to the id it stands for.

Names, capitals, seats of power, national adjectives, leaders, organisations and groups all
come from the actor data (`kg.knowledge.actors`); a longer non-actor phrase ("أمريكا
اللاتينية") wins over the actor name inside it. Matches are written to
`doc.spans["kg_actors"]`: label = mention kind, `kb_id_` = the actor id the mention stands
for, `span._.kg_proclitic` = the proclitics the first word carries ("ل" in "لروسيا").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span
from kg.nlp.cache import cached
from kg.nlp.matches import Matches, register_matches
from kg.nlp.normalizer import normalizer_of
from kg.nlp.phrase_index import PhraseIndex, phrase_keys


class ActorAttrs(NamedTuple):
    """What the ruler knows of a mention beyond its label and id: `span._.kg_proclitic` etc."""

    proclitic: str = ""  # the proclitics the first word carries ("ل" in "لروسيا")
    actor: str | None = None  # the actor the alias names (the person, for a leader's name)
    source_kind: str | None = None  # name | abbreviation | capital | seat | adjective | person


NO_ACTOR_ATTRS = ActorAttrs()
WORD_FLAG = "actor_start"  # the words an actor name may start at
register_matches("kg_actor_matches", ActorAttrs)


@dataclass(frozen=True)
class ActorEntry:
    stands_for: str | None  # None for a non-actor phrase
    kind: str
    actor: str | None  # the actor the alias names (the person, for a leader's name)
    source_kind: str | None = None  # name | abbreviation | capital | seat | adjective | person


@Language.factory(
    "kg_actor_ruler",
    assigns=["doc.spans", "doc._.kg_actor_matches"],
    requires=["doc._.kg_words"],
    default_config={"spans_key": "kg_actors", "lang": "ar"},
)
def make_actor_ruler(nlp: Language, name: str, spans_key: str, lang: str):
    return ActorRuler(nlp, spans_key=spans_key, lang=lang)


def build_actor_index(nlp: Language, lang: str) -> PhraseIndex[ActorEntry]:
    from kg.knowledge.actors import load_actors

    base = load_actors()
    index: PhraseIndex[ActorEntry] = PhraseIndex()
    aliases = [a for a in base.aliases if a.lang == lang and not a.ambiguous]
    for alias, key in zip(aliases, phrase_keys(nlp, [a.text for a in aliases])):
        index.add(key, ActorEntry(alias.stands_for, alias.kind, alias.actor, alias.source_kind))
    blockers = [text for text, text_lang in base.non_actors if text_lang == lang]
    for key in phrase_keys(nlp, blockers):
        index.add(key, ActorEntry(None, "none", None))
    return index


class ActorRuler:
    def __init__(self, nlp: Language, spans_key: str, lang: str):
        self.spans_key = spans_key
        self.index = cached(f"actor-index-{lang}", lambda: build_actor_index(nlp, lang))
        normalizer_of(nlp).add_word_flag(WORD_FLAG, self.index.can_start)
        # (name's entries, first word, its stem) -> the mention, or None: names recur in every article
        self.mentions: dict[tuple[int, str, str], tuple[str, str, ActorAttrs] | None] = {}

    @staticmethod
    def _mention(entries: list[ActorEntry], proclitic: str) -> tuple[str, str, ActorAttrs] | None:
        """The kind, actor id and attributes of a mention of this name, behind this proclitic."""
        resolved = {e.stands_for for e in entries}
        if None in resolved or len(resolved) != 1:
            return None  # a non-actor phrase, or a name two actors claim
        entry = entries[0]
        return entry.kind, entry.stands_for, ActorAttrs(proclitic, entry.actor, entry.source_kind)

    def __call__(self, doc: Doc) -> Doc:
        words = doc._.kg_words
        spans = []
        attrs = {}
        for start, end, entries, first_stem in self.index.finditer(words.stems, words.flagged[WORD_FLAG]):
            # the index's list of entries of a name is one object for as long as the index lives
            key = (id(entries), words.norms[start], first_stem)
            mention = self.mentions.get(key, False)
            if mention is False:
                mention = self.mentions[key] = self._mention(entries, proclitic_of(words.norms[start], first_stem))
            if mention is not None:
                kind, stands_for, mention_attrs = mention
                spans.append(Span(doc, start, end, label=kind, kb_id=stands_for))
                attrs[start, end] = mention_attrs
        doc.spans[self.spans_key] = spans
        doc._.kg_actor_matches = Matches(spans, attrs)
        return doc


def mention_offsets(span: Span, doc_text: str, proclitic: str) -> tuple[int, int]:
    """The characters of a mention without the proclitics and punctuation glued to its words:
    "والأمريكي" -> "الأمريكي", "لروسيا" -> "روسيا", 'الاستوائية”.' -> "الاستوائية".

    `doc_text` is the text of the span's doc: the span's text is sliced from it by offsets.
    `proclitic` is what the ruler found on its first word (`span._.kg_proclitic`: callers with
    many mentions read it from the doc's `kg_actor_matches` table, much cheaper).
    """
    text = doc_text[span.start_char : span.end_char]
    letters = len(proclitic) - (2 if proclitic.endswith(("ال", "لل")) else 0)  # the article stays
    start = 0
    while letters > 0 and start < len(text):
        start += 1
        if unicodedata.category(text[start - 1]) != "Mn":  # harakat ride on the letter before
            letters -= 1
    while start < len(text) and unicodedata.category(text[start]) == "Mn":
        start += 1
    end = len(text)
    while end > start + 1 and unicodedata.category(text[end - 1]).startswith("P"):
        end -= 1
    return span.start_char + start, span.start_char + end


def proclitic_of(norm: str, stem: str) -> str:
    """What stands before the stem in the word: "لروسيا" -> "ل", "بالولايات" -> "بال", "روسيا" -> ""."""
    at = norm.find(stem)
    return norm[:at] if at > 0 else ""
