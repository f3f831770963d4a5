"""JSON Lines: one article a line, `id` and `text`, optional `title`, `date`, `url`, `lang`.

The text is taken as it is (no junk removal): the writer chose it, and may hold offsets into it.
A bad line is reported as `file:line` and the other lines still go through.
"""

from __future__ import annotations

import codecs
import json
from typing import BinaryIO, Iterator

from kg.errors import InputError
from kg.ingest.dates import parse_date
from kg.ingest.encoding import MAX_INPUT_BYTES
from kg.ingest.lang import check_lang, detect_lang
from kg.records import Article

_OPTIONAL_TEXT_FIELDS = ("title", "date", "url", "lang")


def read_jsonl(
    stream: BinaryIO, *, name: str, source: str, default_lang: str | None
) -> Iterator[Article | InputError]:
    """Each line's article, or an InputError naming `source:line` for a line that is not one."""
    any_line = False
    for number, raw in enumerate(iter(lambda: stream.readline(MAX_INPUT_BYTES + 1), b""), start=1):
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
            if b"\x00" in raw:
                raise InputError(source, "binary data, not UTF-8 JSON Lines (NUL bytes)")
        if not raw.strip():
            continue
        any_line = True
        where = f"{source}:{number}"
        if len(raw) > MAX_INPUT_BYTES:
            yield InputError(where, f"line too long: over {MAX_INPUT_BYTES // (1024 * 1024)} MB")
            _skip_rest_of_line(stream)
            continue
        try:
            yield _article(raw, where, default_lang)
        except InputError as error:
            yield error
    if not any_line:
        raise InputError(source, "empty file: no JSON lines")


def _article(raw: bytes, where: str, default_lang: str | None) -> Article:
    try:
        record = json.loads(raw.rstrip(b"\r\n").decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not UTF-8 (bad byte at column {exc.start + 1})") from None
    except json.JSONDecodeError as exc:
        raise InputError(where, f"not valid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {type(record).__name__}")
    doc = record.get("id")
    if isinstance(doc, bool) or not isinstance(doc, (str, int)) or str(doc).strip() == "":
        raise InputError(where, "missing 'id' (a string or a number)")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "missing or empty 'text'")
    for field in _OPTIONAL_TEXT_FIELDS:
        if record.get(field) is not None and not isinstance(record[field], str):
            raise InputError(where, f"'{field}' must be a string")
    date = record.get("date")
    if date:
        date = parse_date(date)
        if date is None:
            raise InputError(where, f"'date' is not a date: {record['date']!r}")
    lang = record.get("lang")
    return Article(
        doc=str(doc),
        text=text,
        title=record.get("title"),
        date=date,
        url=record.get("url"),
        lang=check_lang(lang, where) if lang else default_lang or detect_lang(text),
        source=where,
    )


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(MAX_INPUT_BYTES)
        if not chunk or chunk.endswith(b"\n"):
            return
