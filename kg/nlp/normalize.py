"""Arabic normalization for matching, and the clitic variants of a word.

Both work on single words and return new strings: the article text, and so every offset,
is left as it is. The tables come from `ontology/lang/ar.yaml`.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


from kg.resources import ontology_path, read_yaml


@lru_cache(maxsize=None)
def _language_data(lang: str = "ar") -> dict:
    return read_yaml(ontology_path("lang", f"{lang}.yaml"))


@lru_cache(maxsize=None)
def _translation_table() -> dict[int, str | None]:
    data = _language_data()["normalization"]
    table: dict[int, str | None] = {ord(ch): None for ch in data["drop"]}
    table.update({ord(src): dst for src, dst in data["map"].items()})
    return table


def normalize_ar(text: str) -> str:
    """The matching form of Arabic text: no diacritics or tatweel, one alef, ي for ى, lower-case Latin."""
    return text.translate(_translation_table()).lower()


@lru_cache(maxsize=None)
def _drop_table() -> dict[int, None]:
    return {ord(ch): None for ch in _language_data()["normalization"]["drop"]}


def _unmarked(text: str) -> str:
    """Diacritics and tatweel dropped, letters kept: the article is told from "أل" here.

    Punctuation glued to a word by the tokenizer ('الاستوائية”.') is dropped from its ends.
    """
    letters = text.translate(_drop_table())
    return letters.strip(_PUNCTUATION) or letters


# Every punctuation character the tokenizer may leave on a word's ends.
_PUNCTUATION = "".join(
    chr(c) for c in range(0x2070) if unicodedata.category(chr(c)).startswith("P")
) + "«»“”‘’‹›…–—"


@lru_cache(maxsize=None)
def _clitic_data() -> tuple[dict[str, tuple[str, ...]], str]:
    """The proclitics by their first letter (longest first), and the article."""
    data = _language_data()
    by_letter: dict[str, tuple[str, ...]] = {}
    for proclitic in sorted(data["proclitics"], key=len, reverse=True):
        by_letter[proclitic[0]] = by_letter.get(proclitic[0], ()) + (proclitic,)
    return by_letter, data["article"]


def _strip_article(word: str, article: str) -> str:
    if word.startswith(article) and len(word) - len(article) >= 2:
        return word[len(article):]
    return word


def strip_article(word: str) -> str:
    """The matching form of a word without its article: "الروسية" -> "روسية", but "ألبان" keeps its alef-lam."""
    return normalize_ar(_strip_article(_unmarked(word), _clitic_data()[1]))


def clitic_stems(word: str) -> list[str]:
    """The article-less matching stems a word may carry behind its proclitics, the word itself first.

    "وللولايات" -> ["وللولايات", "للولايات", "ولايات", ...]: "لل" is ل plus the article.
    The article is recognised before hamza is normalized away, so "بأن" never reads as "ب + ألبان".
    Callers look each stem up in their index; the first hit wins, so the plain word is preferred.
    """
    by_letter, article = _clitic_data()
    table = _translation_table()
    word = _unmarked(word)
    plain = _strip_article(word, article)
    proclitics = by_letter.get(word[:1])
    if not proclitics:
        return [plain.translate(table).lower()]  # no proclitic can stand before it
    stems = []
    for prefix in proclitics:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            rest = word[len(prefix):]
            if prefix.endswith(article[-1]) and rest.startswith(article[-1]) and len(rest) >= 3:
                stems.append(rest[1:])  # لل: the article's alef is elided after ل
            stems.append(_strip_article(rest, article))
    # The plain word first, then the longest stems: "وبحث" is و + بحث before it is وب + حث.
    stems.sort(key=len, reverse=True)
    normalized = [plain.translate(table).lower()]
    for stem in stems:
        stem = stem.translate(table).lower()
        if stem not in normalized:
            normalized.append(stem)
    return normalized
