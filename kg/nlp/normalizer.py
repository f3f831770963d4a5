"""kg_normalizer: the matching form of every token, and the stems it may carry behind clitics.

Sets `token.norm_` (never `token.text`, so offsets stay true) and `doc._.kg_words`, the
per-token lists that every matcher after it reads: texts, matching forms, stems behind
proclitics, whether a token is space or punctuation, and the tokens that have each word flag
the components after it asked for. Reading plain lists is much cheaper than going through
`doc[i]` for every look-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy
from spacy.attrs import ID, NORM, ORTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import OOV_RANK

from kg.nlp.normalize import clitic_stems, normalize_ar

if not Doc.has_extension("kg_words"):
    Doc.set_extension("kg_words", default=None)

CACHE_SIZE = 1 << 19  # distinct words numbered before the tables start again (news vocabulary repeats)


@dataclass(frozen=True)
class Words:
    """One entry per token of a doc."""

    texts: list[str]
    norms: list[str]  # the matching form (token.norm_)
    stems: list[tuple[str, ...]]  # article-less stems behind proclitics, the plain word first
    space: list[bool]
    punct: list[bool]
    flagged: dict[str, list[int]]  # for each word flag later components asked for, the tokens that have it


# What a word flag is computed from: the word's text and its stems.
WordPredicate = Callable[[str, tuple[str, ...]], bool]


@Language.factory("kg_normalizer", assigns=["token.norm", "doc._.kg_words"])
def make_normalizer(nlp: Language, name: str):
    return Normalizer(nlp)


class Normalizer:
    """Each distinct word is normalized once, into tables indexed by a number of its own.

    That number is kept in the word's lexeme, as its rank (the row of its word vector: this
    pipeline has no vectors), so that a doc's word numbers come out of spaCy in one numpy array,
    and everything per token is gathered from the tables in C or in one map: a loop over the
    tokens in Python, or a dict look-up per token, cost more than all the matching after it.
    """

    def __init__(self, nlp: Language):
        if nlp.vocab.vectors.shape[0]:
            raise ValueError("kg_normalizer keeps its word numbers in the lexeme ranks: a pipeline with vectors needs them")
        self.vocab = nlp.vocab
        self.predicates: dict[str, WordPredicate] = {}
        self._clear()

    def add_word_flag(self, name: str, predicate: WordPredicate) -> None:
        """Adds `words.flagged[name]`, the tokens of a doc whose word `predicate` holds for.

        The matchers after the normalizer ask for the words they may start at, and scan those
        tokens alone. The predicate is computed once per distinct word.
        """
        self.predicates[name] = predicate
        self._clear()

    def _clear(self) -> None:
        for lexeme in self.vocab:
            lexeme.rank = OOV_RANK
        self.size = 0  # words numbered
        # text, matching form and stems of each word (object arrays: gathered in C)
        self.words = numpy.empty((3, 1024), dtype=object)
        self.norm_ids = numpy.zeros(1024, dtype="uint64")  # the id of each word's matching form
        self.flags = numpy.zeros((1024, 2 + len(self.predicates)), dtype=bool)  # space, punct, word flags

    def _add_words(self, doc: Doc, new: numpy.ndarray) -> None:
        """Numbers the `new` words of the doc (all of them, when the tables were full)."""
        orths = list(dict.fromkeys(doc.to_array(ORTH)[new].tolist()))
        if self.size + len(orths) > CACHE_SIZE:
            self._clear()
            orths = list(dict.fromkeys(doc.to_array(ORTH).tolist()))
        first = self.size
        self.size += len(orths)
        if self.size > len(self.norm_ids):  # room for twice as many
            room = 2 * self.size - len(self.norm_ids)
            self.words = numpy.concatenate([self.words, numpy.empty((3, room), dtype=object)], axis=1)
            self.norm_ids = numpy.concatenate([self.norm_ids, numpy.zeros(room, dtype="uint64")])
            self.flags = numpy.concatenate([self.flags, numpy.zeros((room, self.flags.shape[1]), dtype=bool)])
        strings, predicates = self.vocab.strings, tuple(self.predicates.values())
        texts, norms, stems, flags = [], [], [], []
        for number, orth in enumerate(orths, first):
            lexeme = self.vocab[orth]
            lexeme.rank = number
            text = lexeme.orth_
            word_stems = () if text.isspace() else tuple(clitic_stems(text))
            texts.append(text)
            norms.append(normalize_ar(text))
            stems.append(word_stems)
            flags.append([lexeme.is_space, lexeme.is_punct] + [p(text, word_stems) for p in predicates])
        # filled in bulk: setting numpy elements one by one costs more than the normalizing
        new = slice(first, self.size)
        for row, column in enumerate((texts, norms, stems)):
            self.words[row, new] = numpy.fromiter(column, dtype=object, count=len(column))  # a stem tuple stays one object
        self.norm_ids[new] = [strings.add(norm) for norm in norms]
        self.flags[new] = flags

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            doc._.kg_words = Words([], [], [], [], [], {name: [] for name in self.predicates})
            return doc
        numbers = doc.to_array(ID).view("int64")  # OOV_RANK reads -1
        new = numbers < 0
        if new.any():
            self._add_words(doc, new)
            numbers = doc.to_array(ID).view("int64")
        texts, norms, stems = self.words[:, numbers].tolist()
        doc.from_array([NORM], self.norm_ids[numbers][:, None])
        flags = self.flags[numbers]
        flagged = {name: numpy.flatnonzero(flags[:, k]).tolist() for k, name in enumerate(self.predicates, 2)}
        doc._.kg_words = Words(texts, norms, stems, flags[:, 0].tolist(), flags[:, 1].tolist(), flagged)
        return doc


def normalizer_of(nlp: Language) -> Normalizer:
    """The pipeline's normalizer, for the components after it to ask for word flags."""
    for _, component in nlp.pipeline:
        if isinstance(component, Normalizer):
            return component
    raise ValueError("kg_normalizer must come before the components that read doc._.kg_words")
