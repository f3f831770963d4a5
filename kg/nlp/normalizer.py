"""kg_normalizer: the matching form of every token, and the stems it may carry behind clitics.

Sets `token.norm_` (never `token.text`, so offsets stay true) and `doc._.kg_words`, the
per-token lists that every matcher after it reads: texts, matching forms, stems behind
proclitics, and whether a token is space or punctuation. Reading plain lists is much cheaper
than going through `doc[i]` for every look-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.normalize import clitic_stems, normalize_ar

if not Doc.has_extension("kg_words"):
    Doc.set_extension("kg_words", default=None)

CACHE_SIZE = 1 << 19  # distinct words remembered; news vocabulary repeats, so most look-ups hit


@dataclass(frozen=True)
class Words:
    """One entry per token of a doc."""

    texts: tuple[str, ...]
    norms: tuple[str, ...]  # the matching form (token.norm_)
    stems: tuple[tuple[str, ...], ...]  # article-less stems behind proclitics, the plain word first
    space: tuple[bool, ...]
    punct: tuple[bool, ...]
    flags: dict[str, tuple[bool, ...]]  # the word flags later components asked for, by name


# What a word flag is computed from: the word's text and its stems.
WordPredicate = Callable[[str, tuple[str, ...]], bool]


@Language.factory("kg_normalizer", assigns=["token.norm", "doc._.kg_words"])
def make_normalizer(nlp: Language, name: str):
    return Normalizer(nlp)


class Normalizer:
    def __init__(self, nlp: Language):
        self.vocab = nlp.vocab
        self.predicates: dict[str, WordPredicate] = {}
        # word id -> (text, matching form, stems, space, punct, id of the matching form, flags...):
        # each distinct word is normalized once, and a doc's entries are looked up in one
        # C-level map.
        self.forms: dict[int, tuple] = {}

    def add_word_flag(self, name: str, predicate: WordPredicate) -> None:
        """Adds `words.flags[name]`, computed once per distinct word.

        The matchers after the normalizer ask for the words they may start at: scanning a
        column of flags in C is much cheaper than testing every token's stems in each of them.
        """
        self.predicates[name] = predicate
        self.forms.clear()

    def _add_forms(self, orths: set[int]) -> None:
        if len(self.forms) + len(orths) > CACHE_SIZE:
            self.forms.clear()
        strings = self.vocab.strings
        predicates = tuple(self.predicates.values())
        for orth in orths:
            lexeme = self.vocab[orth]
            text = lexeme.orth_
            norm = normalize_ar(text)
            stems = () if text.isspace() else tuple(clitic_stems(text))
            flags = (predicate(text, stems) for predicate in predicates)
            self.forms[orth] = (text, norm, stems, lexeme.is_space, lexeme.is_punct, strings.add(norm), *flags)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            doc._.kg_words = Words((), (), (), (), (), {name: () for name in self.predicates})
            return doc
        orths = doc.to_array(ORTH).tolist()
        new = set(orths).difference(self.forms)
        if new:
            self._add_forms(new)
        texts, norms, stems, space, punct, norm_ids, *flags = zip(*map(self.forms.__getitem__, orths))
        doc.from_array([NORM], numpy.array(norm_ids, dtype="uint64")[:, None])
        doc._.kg_words = Words(texts, norms, stems, space, punct, dict(zip(self.predicates, flags)))
        return doc


def normalizer_of(nlp: Language) -> Normalizer:
    """The pipeline's normalizer, for the components after it to ask for word flags."""
    for _, component in nlp.pipeline:
        if isinstance(component, Normalizer):
            return component
    raise ValueError("kg_normalizer must come before the components that read doc._.kg_words")
