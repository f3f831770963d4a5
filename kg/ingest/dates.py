"""Article dates: ISO YYYY-MM-DD from the date lines of Arabic and English news.

Numeric dates are read with a regular expression; dates with month names go to dateparser,
with the locales of ontology/dates.yaml. dateparser takes a while to import and to load its
Arabic data, so it is imported on first use and its parsers are built once.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable


from kg.errors import DataError
from kg.resources import ontology_path, read_yaml

DATES_FILE = "dates.yaml"

_TIME = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
_ZONE = r"(?:Z|[+-]\d{2}:?\d{2}|GMT|UTC)"
_WORD = r"[^\W\d_][^\s\d,،|()\[\]]*"  # a word: a letter, then anything but spaces, digits and separators
_ISO = re.compile(rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})(?:[T ]{_TIME}\s*{_ZONE}?)?")
_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}})(?:[\s|,،\-–]+{_TIME}(?:\s*{_WORD})?)?")
_DAY_NAMED_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([^\W\d_]+)\s+(\d{4})")  # 27 يناير 2022


@dataclass(frozen=True)
class DateRules:
    locales: tuple[tuple[str, ...], ...]  # one dateparser parser per group, tried in order
    era_suffix: re.Pattern  # a letter after a Gregorian year ("2022م")
    span: re.Pattern  # a date somewhere in a line
    search_lines: int


@lru_cache(maxsize=4096)  # the articles of a day share their date line
def parse_date(text: str) -> str | None:
    """The date that `text` is, as ISO YYYY-MM-DD, or None when it is not one date.

    >>> parse_date("27 يناير 2022 8:14 صباحًا")
    '2022-01-27'
    """
    text = _ascii_digits(text).strip()
    if not text:
        return None
    numeric = _numeric_date(text)
    if numeric is not None:
        return numeric
    if not any(ch.isdigit() for ch in text):
        return None  # "أمس", "yesterday": relative dates are not article dates
    rules = _rules()
    text = rules.era_suffix.sub(r"\1", text.replace("|", " "))
    named = _named_month_date(text, rules)
    if named is not None:
        return named
    for parser in _dateparsers(rules.locales):
        found = parser.get_date_data(text).date_obj
        if found is not None:
            return found.date().isoformat()
    return None


def find_date(lines: Iterable[str]) -> str | None:
    """The date of the first date line among `lines` (the lines after an article's title).

    A date line is mostly a date, or starts with a bracketed dateline holding one; a date inside
    a sentence is an event, not the article's date. Only the first few non-empty lines are read.
    """
    rules = _rules()
    non_empty = (line.strip() for line in lines if line.strip())
    for _, line in zip(range(rules.search_lines), non_empty):
        found = _date_of_line(_ascii_digits(line), rules.span)
        if found is not None:
            return found
    return None


def _date_of_line(line: str, span: re.Pattern) -> str | None:
    if not any(ch.isdigit() for ch in line):
        return None
    dateline = _leading_dateline(line)
    if dateline is not None:
        match = span.search(dateline)
        if match:
            return parse_date(match.group())
    match = span.search(line)
    if match and _mostly(match.group(), line):
        return parse_date(match.group())
    return None


def _leading_dateline(line: str) -> str | None:
    """The bracketed header of a first paragraph, "(Agency - 28 January 2022)", or None."""
    closing = {"(": ")", "[": "]"}.get(line[0])
    if closing is None:
        return None
    end = line.find(closing, 1, 120)
    return line[1:end] if end > 0 else None


def _mostly(date: str, line: str) -> bool:
    """Whether the date outweighs the other words of the line ("عرب وعالم 11-8-2021 | 19:22" does)."""
    rest = line.replace(date, " ", 1)
    other_letters = sum(ch.isalpha() for ch in rest)
    return other_letters <= sum(not ch.isspace() for ch in date)


def _numeric_date(text: str) -> str | None:
    match = _ISO.fullmatch(text)
    if match:
        year, month, day = match.groups()
    else:
        match = _DAY_MONTH_YEAR.fullmatch(text)
        if not match:
            return None
        day, month, year = match.groups()
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None  # 31-02-2021 is no date


def _named_month_date(text: str, rules: DateRules) -> str | None:
    """ "27 يناير 2022" without asking dateparser for the whole date (2 ms a date): the month
    word is read by dateparser once, and the day and year are checked here; None sends the
    text to dateparser (any other shape, a word that is no month, 30 February)."""
    match = _DAY_NAMED_MONTH_YEAR.fullmatch(text)
    if not match:
        return None
    day, word, year = match.groups()
    month = _month_number(word, rules.locales)
    try:
        return dt.date(int(year), month, int(day)).isoformat() if month else None
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def _month_number(word: str, locales: tuple[tuple[str, ...], ...]) -> int | None:
    """The month dateparser reads `word` as, between a day and a year, in the first locale that reads it."""
    for parser in _dateparsers(locales):
        found = parser.get_date_data(f"1 {word} 2000").date_obj
        if found is not None:
            return found.month
    return None


def _ascii_digits(text: str) -> str:
    """Arabic-Indic and other decimal digits as 0-9, so that patterns and parsers see one kind."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


@lru_cache(maxsize=1)
def _rules() -> DateRules:
    path = ontology_path(DATES_FILE)
    try:
        data = read_yaml(path)
        eras = "".join(re.escape(letter) for letter in data["era_suffixes"])
        search_lines = int(data["search_lines"])
        locales = tuple(tuple(group) for group in data["locales"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(path, None, f"cannot load the date rules: {exc}") from None
    era_year = rf"\d{{4}}[{eras}]?"
    span = re.compile(
        rf"{_ISO.pattern}"
        rf"|{_DAY_MONTH_YEAR.pattern}"
        # 27 يناير 2022 8:14 صباحًا · 28 كانون الثاني 2022 · 15 May 2018 17:04:15 +0400
        rf"|\d{{1,2}}\s+{_WORD}(?:\s+{_WORD})?[\s,،]+{era_year}(?:[\s,،\-–|]+{_TIME}(?:\s*{_ZONE}|\s*{_WORD})?)?"
        # May 5, 2019
        rf"|{_WORD}\s+\d{{1,2}},?\s+{era_year}"
    )
    return DateRules(
        locales=locales,
        era_suffix=re.compile(rf"(\d{{4}})[{eras}]"),
        span=span,
        search_lines=search_lines,
    )


@lru_cache(maxsize=1)
def _dateparsers(locales: tuple[tuple[str, ...], ...]) -> tuple:
    """dateparser's parsers, built once, when the first date with a month name is met (it is slow to load)."""
    from dateparser.date import DateDataParser

    settings = {
        "DATE_ORDER": "DMY",
        "PARSERS": ["absolute-time", "timestamp"],  # no "yesterday", no guessing from a bare month
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    try:
        return tuple(DateDataParser(locales=list(group), settings=settings) for group in locales)
    except ValueError as exc:
        raise DataError(ontology_path(DATES_FILE), None, f"bad dateparser locales: {exc}") from None
