"""kg_normalizer: the matching form of every token, and the stems it may carry behind clitics.

Sets `token.norm_` (never `token.text`, so offsets stay true) and `doc._.kg_words`, the
per-token lists that every matcher after it reads: texts, matching forms, stems behind
proclitics, and whether a token is space or punctuation. Reading plain lists is much cheaper
than going through `doc[i]` for every look-up.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@Language.factory("kg_normalizer", assigns=["token.norm", "doc._.kg_words"])
def make_normalizer(nlp: Language, name: str):
    return Normalizer(nlp)


class Normalizer:
    def __init__(self, nlp: Language):
        self.vocab = nlp.vocab
        # word id -> (text, matching form, stems, space, punct, id of the matching form): each
        # distinct word is normalized once, and a doc's entries are looked up in one C-level map.
        self.forms: dict[int, tuple[str, str, tuple[str, ...], bool, bool, int]] = {}

    def _add_forms(self, orths: set[int]) -> None:
        if len(self.forms) + len(orths) > CACHE_SIZE:
            self.forms.clear()
        strings = self.vocab.strings
        for orth in orths:
            lexeme = self.vocab[orth]
            text = lexeme.orth_
            norm = normalize_ar(text)
            stems = () if text.isspace() else tuple(clitic_stems(text))
            self.forms[orth] = (text, norm, stems, lexeme.is_space, lexeme.is_punct, strings.add(norm))

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            doc._.kg_words = Words((), (), (), (), ())
            return doc
        orths = doc.to_array(ORTH).tolist()
        new = set(orths).difference(self.forms)
        if new:
            self._add_forms(new)
        texts, norms, stems, space, punct, norm_ids = zip(*map(self.forms.__getitem__, orths))
        doc.from_array([NORM], numpy.array(norm_ids, dtype="uint64")[:, None])
        doc._.kg_words = Words(texts, norms, stems, space, punct)
        return doc
