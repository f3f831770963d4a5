"""JSON Lines: one article a line; a bad line is reported as file:line and the other lines still come through."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import read_articles
from kg.records import Article

DATA = Path(__file__).parent / "data" / "ingest"
FILE = DATA / "articles.jsonl"


def test_good_lines_become_articles_and_bad_lines_errors_naming_file_and_line():
    errors = []
    articles = list(read_articles([FILE], on_error=errors.append))
    assert articles == [
        Article(
            doc="gulf-1",
            text="الكويت تستضيف قمة خليجية\n\nاستضافت الكويت قمة لقادة دول مجلس التعاون الخليجي بحثت التعاون الاقتصادي.",
            title="الكويت تستضيف قمة خليجية",
            date="2021-01-12",
            url="https://example.org/gulf-1",
            lang="ar",
            source=f"{FILE}:1",
        ),
        Article(doc="42", text="Kenya and Ethiopia signed a trade agreement in Nairobi on Monday.", lang="en", source=f"{FILE}:7"),
        Article(doc="no-lang", text="Brazil and Argentina agreed to deepen economic ties.", lang="en", source=f"{FILE}:10"),
    ]
    assert [(e.source, e.problem) for e in errors] == [
        (f"{FILE}:2", "not valid JSON: Expecting ',' delimiter at column 53"),
        (f"{FILE}:3", "expected a JSON object, got list"),
        (f"{FILE}:4", "missing 'id' (a string or a number)"),
        (f"{FILE}:5", "missing or empty 'text'"),
        (f"{FILE}:8", "'date' is not a date: 'قريبا'"),
        (f"{FILE}:9", "unknown language 'fr' (known: ar, en)"),
    ]


def test_the_lang_field_wins_over_the_default_language():
    articles = list(read_articles([FILE], on_error=lambda error: None, default_lang="ar"))
    assert [(a.doc, a.lang) for a in articles] == [("gulf-1", "ar"), ("42", "en"), ("no-lang", "ar")]


def test_a_line_that_is_not_utf8_is_reported(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "\xe1\xed\xc8\xed\xc7"}\n{"id": "b", "text": "ok"}\n')
    errors = []
    assert [a.doc for a in read_articles([path], on_error=errors.append)] == ["b"]
    assert [(e.source, e.problem) for e in errors] == [(f"{path}:1", "not UTF-8 (bad byte at column 22)")]


def test_a_binary_jsonl_file_gives_one_error(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_bytes(b"\x00\x01\x02" * 100 + b"\n" + b"\x00\xff\n" * 50)
    errors = []
    assert list(read_articles([path], on_error=errors.append)) == []
    assert [(e.source, e.problem) for e in errors] == [(str(path), "binary data, not UTF-8 JSON Lines (NUL bytes)")]
