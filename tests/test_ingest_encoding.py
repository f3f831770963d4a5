"""Encodings: every supported one gives the same article; a file that is not text gives one clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_articles
from kg.ingest.encoding import MAX_INPUT_BYTES

DATA = Path(__file__).parent / "data" / "ingest"
GOOD = DATA / "tree" / "a" / "one.txt"

EXPECTED_TEXT = (
    "السعودية والإمارات تبحثان الوضع في اليمن\n\n28 كانون الثاني 2022\n\n"
    "بحث وزير الخارجية السعودي مع نظيره الإماراتي في الرياض تطورات الأزمة اليمنية."
)


def read(*paths):
    errors: list[InputError] = []
    articles = list(read_articles(list(paths), on_error=errors.append))
    return articles, [(Path(e.source).name, e.problem) for e in errors]


@pytest.mark.parametrize("name", ["cp1256.txt", "utf16_bom.txt", "utf16le_nobom.txt", "utf8_bom.txt", "utf8_crlf.txt"])
def test_each_encoding_reads_as_the_same_article(name):
    articles, errors = read(DATA / name)
    assert errors == []
    [article] = articles
    assert (article.text, article.title, article.date, article.lang) == (
        EXPECTED_TEXT,
        "السعودية والإمارات تبحثان الوضع في اليمن",
        "2022-01-28",
        "ar",
    )


@pytest.mark.parametrize(
    "name, problem",
    [
        ("empty.txt", "empty file"),
        ("blank.txt", "no text: the file holds only whitespace"),
        ("binary.txt", "binary data, not text (NUL bytes)"),
        ("latin1.txt", "cannot decode: not UTF-8, UTF-16 or Windows-1256 Arabic text"),
        ("only_junk.txt", "no article text: only page junk (comment prompts, share buttons ...)"),
    ],
)
def test_an_unreadable_file_gives_one_error_and_the_next_file_still_comes_through(name, problem):
    articles, errors = read(DATA / name, GOOD)
    assert errors == [(name, problem)]
    assert [a.doc for a in articles] == ["one.txt"]


def test_binary_data_without_nul_bytes_is_refused_as_binary(tmp_path):
    path = tmp_path / "control.txt"
    path.write_bytes(bytes(range(1, 32)) * 20)
    assert read(path)[1] == [("control.txt", "binary data, not text")]


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_a_file_over_the_size_limit_is_refused(tmp_path, suffix):
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as out:
        out.truncate(MAX_INPUT_BYTES + 1)
    assert read(path, GOOD)[1] == [(path.name, "too large: over 20 MB, the limit for one article")]
