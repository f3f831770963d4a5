"""kg_normalizer: the matching form of every token, and the stems it may carry behind clitics.

Sets `token.norm_` (never `token.text`, so offsets stay true) and `doc._.kg_words`, the
per-token lists that every matcher after it reads: texts, matching forms, stems behind
proclitics, and whether a token is space or punctuation. Reading plain lists is much cheaper
than going through `doc[i]` for every look-up.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, NORM, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.normalize import clitic_stems, normalize_ar

if not Doc.has_extension("kg_words"):
    Doc.set_extension("kg_words", default=None)

CACHE_SIZE = 1 << 19  # distinct words remembered; news vocabulary repeats, so most look-ups hit


@dataclass(frozen=True)
class Words:
    """One entry per token of a doc."""

    texts: list[str]
    norms: list[str]  # the matching form (token.norm_)
    stems: list[tuple[str, ...]]  # article-less stems behind proclitics, the plain word first
    space: list[bool]
    punct: list[bool]


@Language.factory("kg_normalizer", assigns=["token.norm", "doc._.kg_words"])
def make_normalizer(nlp: Language, name: str):
    return Normalizer(nlp)


class Normalizer:
    def __init__(self, nlp: Language):
        self.strings = nlp.vocab.strings
        # word id -> (text, matching form, stems, id of the matching form): each distinct word
        # is normalized once, and the whole doc's norms are set in one call.
        self.forms: dict[int, tuple[str, str, tuple[str, ...], int]] = {}

    def _form(self, orth: int) -> tuple[str, str, tuple[str, ...], int]:
        text = self.strings[orth]
        norm = normalize_ar(text)
        stems = () if text.isspace() else tuple(clitic_stems(text))
        if len(self.forms) >= CACHE_SIZE:
            self.forms.clear()
        form = self.forms[orth] = (text, norm, stems, self.strings.add(norm))
        return form

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            doc._.kg_words = Words([], [], [], [], [])
            return doc
        orths, spaces, puncts = doc.to_array([ORTH, IS_SPACE, IS_PUNCT]).T.tolist()
        forms = self.forms
        entries = [forms.get(orth) or self._form(orth) for orth in orths]
        doc.from_array([NORM], numpy.array([[entry[3]] for entry in entries], dtype="uint64"))
        doc._.kg_words = Words(
            texts=[entry[0] for entry in entries],
            norms=[entry[1] for entry in entries],
            stems=[entry[2] for entry in entries],
            space=[bool(flag) for flag in spaces],
            punct=[bool(flag) for flag in puncts],
        )
        return doc
