"""Plain-text and Markdown articles: the first non-empty line is the title, a date line near the top is the date."""

from __future__ import annotations

from typing import BinaryIO, Iterator

from kg.errors import InputError
from kg.ingest.boilerplate import load_boilerplate
from kg.ingest.dates import find_date
from kg.ingest.encoding import decode, read_limited
from kg.ingest.lang import detect_lang
from kg.records import Article


def read_text(stream: BinaryIO, *, name: str, source: str, default_lang: str | None) -> Iterator[Article]:
    """One article from a .txt or .md file: its text without page-junk lines, title, date and language."""
    text = decode(read_limited(stream, source), source)
    yield article_from_text(text, name=name, source=source, default_lang=default_lang)


def article_from_text(
    text: str,
    *,
    name: str,
    source: str,
    default_lang: str | None,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> Article:
    """An Article from decoded text; `title` and `date` (from page metadata, say) win over the ones found in it."""
    text = load_boilerplate().clean(text)
    lines = text.split("\n")
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise InputError(source, "no article text: only page junk (comment prompts, share buttons ...)")
    return Article(
        doc=name,
        text=text,
        title=title or _title_of(lines[first]),
        date=date or find_date(lines[first + 1 :]),
        url=url,
        lang=default_lang or detect_lang(text),
        source=source,
    )


def _title_of(line: str) -> str:
    """The title line without Markdown heading marks ("# Title")."""
    return line.strip().lstrip("#").strip() or line.strip()
