"""kg_normalizer: the matching form of every token, and the stems it may carry behind clitics.

Sets `token.norm_` (never `token.text`, so offsets stay true) and `doc._.kg_words`, the
per-token lists that every matcher after it reads: texts, matching forms, stems behind
proclitics, and whether a token is space or punctuation. Reading plain lists is much cheaper
than going through `doc[i]` for every look-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.normalize import clitic_stems, normalize_ar

if not Doc.has_extension("kg_words"):
    Doc.set_extension("kg_words", default=None)


@dataclass(frozen=True)
class Words:
    """One entry per token of a doc."""

    texts: list[str]
    norms: list[str]  # the matching form (token.norm_)
    stems: list[tuple[str, ...]]  # article-less stems behind proclitics, the plain word first
    space: list[bool]
    punct: list[bool]


@lru_cache(maxsize=1 << 17)
def matching_forms(text: str) -> tuple[str, tuple[str, ...]]:
    """A word's matching form and stems, computed once per distinct word (words repeat a lot)."""
    return normalize_ar(text), (() if text.isspace() else tuple(clitic_stems(text)))


@Language.component("kg_normalizer", assigns=["token.norm", "doc._.kg_words"])
def normalize_doc(doc: Doc) -> Doc:
    texts, forms = [], []
    for token in doc:
        text = token.text
        form = matching_forms(text)
        token.norm_ = form[0]
        texts.append(text)
        forms.append(form)
    flags = doc.to_array([IS_SPACE, IS_PUNCT]).tolist() if len(doc) else []
    doc._.kg_words = Words(
        texts=texts,
        norms=[norm for norm, _ in forms],
        stems=[stems for _, stems in forms],
        space=[bool(space) for space, _ in flags],
        punct=[bool(punct) for _, punct in flags],
    )
    return doc
