"""The language of an article: Arabic or English, by the share of Arabic letters."""

from __future__ import annotations

import re

from kg.errors import InputError

# The languages kg has rules for; the first is the default of a text without letters.
LANGUAGES = ("ar", "en")

# Arabic-script letters (basic, extended, supplement, extended-A, presentation forms), and Latin ones.
ARABIC_LETTER = re.compile(
    "[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"
)
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def arabic_share(text: str) -> float:
    """Arabic letters among all Arabic and Latin letters of `text` (0.0 when it has none)."""
    arabic = len(ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    return arabic / (arabic + latin) if arabic + latin else 0.0


def detect_lang(text: str) -> str:
    """"ar" when at least half the letters are Arabic (or there are no letters), else "en"."""
    if not _LATIN_LETTER.search(text):
        return "ar"
    return "ar" if arabic_share(text) >= 0.5 else "en"


def check_lang(lang: str, source: str) -> str:
    """`lang` if kg knows it, else an InputError naming `source`."""
    if lang not in LANGUAGES:
        raise InputError(source, f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    return lang
