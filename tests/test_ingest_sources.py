"""read_articles: which inputs it reads, in which order, and how it reports inputs that name nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import READERS, read_articles

DATA = Path(__file__).parent / "data" / "ingest"
TREE = DATA / "tree"


def read(inputs, **options):
    errors: list[InputError] = []
    articles = list(read_articles(inputs, on_error=errors.append, **options))
    return articles, errors


@pytest.mark.parametrize("inputs", [None, []])
def test_no_input_reads_the_five_bundled_samples(inputs):
    articles, errors = read(inputs)
    assert errors == []
    assert [(a.doc, a.title, a.date, a.lang) for a in articles] == [
        ("000_2a1375cafe2bf826.txt", "روسيا تعمق التعاون العسكري مع كوبا ودول أخرى في المنطقة – RT EN", "2022-01-27", "ar"),
        ("001_20e9d7e16a69eea3.txt", "التعاون بين روسيا وكوبا في المجال العسكري التقني يتطور بشكل نشط منذ سنوات عديدة-سفير", "2022-01-28", "ar"),
        ("002_0557a77092c630f9.txt", "الجنرال الروسي سوروفيكين يظهر من جديد خلال زيارته للجزائر", None, "ar"),
        ("003_a83956a0184b8b8b.txt", 'وزيرا الدفاع الروسي والأمريكي يبحثان "الاستقرار الاستراتيجي"', "2021-08-11", "ar"),
        ("004_20da465a124f0288.txt", "روسيا وحلفاؤها يعزّزون مسار «التحرك المشترك» ضد الأزمات", None, "ar"),
    ]


@pytest.mark.parametrize(
    "doc, junk_line",
    [
        ("000_2a1375cafe2bf826.txt", "Source link"),
        ("000_2a1375cafe2bf826.txt", "Facebook Comments Box"),
        ("001_20e9d7e16a69eea3.txt", "أفكارك وتعليقاتك"),
        ("002_0557a77092c630f9.txt", "Leave A Reply"),
        ("002_0557a77092c630f9.txt", "This website uses cookies"),
        ("003_a83956a0184b8b8b.txt", "أضف تعليق"),
        ("003_a83956a0184b8b8b.txt", "مقال رئيس التحرير"),
    ],
)
def test_the_samples_lose_their_page_junk(doc, junk_line):
    article = next(a for a in read_articles() if a.doc == doc)
    assert junk_line not in article.text


def test_a_directory_is_read_recursively_in_sorted_order_with_known_suffixes_only():
    articles, errors = read([TREE])
    assert errors == []
    assert [a.doc for a in articles] == ["one.txt", "two.md", "tree-jsonl"]
    assert [a.source for a in articles] == [str(TREE / "a" / "one.txt"), str(TREE / "b" / "c" / "two.md"), f"{TREE / 'b' / 'four.jsonl'}:1"]


def test_a_glob_reads_the_matching_files():
    articles, errors = read([str(TREE / "**" / "*.txt")])
    assert errors == []
    assert [a.doc for a in articles] == ["one.txt"]  # hidden folders are not read by a glob either


def test_a_file_named_twice_is_read_once():
    articles, errors = read([TREE / "a" / "one.txt", TREE])
    assert [a.doc for a in articles] == ["one.txt", "two.md", "tree-jsonl"]


@pytest.mark.parametrize(
    "name, problem",
    [
        ("missing.txt", "no such file or directory"),
        ("nothing-*.txt", "no article file (.htm, .html, .jsonl, .md, .txt) matches this pattern"),
        ("tree/notes.csv", "unknown format '.csv': expected one of .txt, .md, .html, .htm, .jsonl"),
    ],
)
def test_an_input_that_names_no_article_is_reported_and_the_others_still_come_through(name, problem):
    articles, errors = read([DATA / name, TREE / "a" / "one.txt"])
    assert [a.doc for a in articles] == ["one.txt"]
    assert [(e.source, e.problem) for e in errors] == [(str(DATA / name), problem)]


def test_a_directory_without_articles_is_reported(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n")
    articles, errors = read([tmp_path])
    assert articles == []
    assert [(e.source, e.problem) for e in errors] == [(str(tmp_path), "no article files (.htm, .html, .jsonl, .md, .txt) in this directory")]


def test_without_on_error_the_first_problem_is_raised():
    with pytest.raises(InputError, match="missing.txt: no such file or directory"):
        list(read_articles([DATA / "missing.txt"]))


def test_stdin_text_is_one_article_named_dash():
    stdin = io.BytesIO("تونس والجزائر تبحثان أمن الحدود\n\n12 جانفي 2021\n\nبحث وزيرا خارجية تونس والجزائر أمن الحدود.\n".encode())
    articles, errors = read(["-"], stdin=stdin)
    assert errors == []
    assert [(a.doc, a.source, a.title, a.date, a.lang) for a in articles] == [("-", "-", "تونس والجزائر تبحثان أمن الحدود", "2021-01-12", "ar")]


def test_stdin_that_looks_like_json_lines_is_read_as_json_lines():
    stdin = io.StringIO('\n{"id": "a", "text": "Chad and Niger discussed security."}\n{"id": "b", "text": "نص", "lang": "ar"}\n')
    articles, errors = read(["-"], stdin=stdin)
    assert errors == []
    assert [(a.doc, a.source, a.lang) for a in articles] == [("a", "-:2", "en"), ("b", "-:3", "ar")]


def test_empty_stdin_is_reported():
    articles, errors = read(["-"], stdin=io.BytesIO(b""))
    assert articles == []
    assert [(e.source, e.problem) for e in errors] == [("-", "empty file")]


def test_default_lang_replaces_detection():
    articles, _ = read([TREE / "a" / "one.txt"], default_lang="ar")
    assert [a.lang for a in articles] == ["ar"]


def test_an_unknown_default_lang_is_refused():
    with pytest.raises(InputError, match="unknown language 'fr'"):
        list(read_articles([TREE], default_lang="fr"))


def test_the_readers_cover_the_documented_formats():
    assert sorted(READERS) == [".htm", ".html", ".jsonl", ".md", ".txt"]


def test_one_path_given_bare_is_read_like_a_list_of_one():
    assert [a.doc for a in read_articles(str(TREE / "a" / "one.txt"))] == ["one.txt"]


def test_a_folder_of_good_and_bad_inputs_gives_every_good_article_and_one_error_per_bad_input():
    articles, errors = read([DATA])
    assert [a.doc for a in articles] == [
        "gulf-1", "42", "no-lang",  # articles.jsonl
        "cp1256.txt", "date_in_sentence.txt", "dateline.txt", "hostile.html", "junk_ar.txt", "junk_en.md",
        "page.html", "page_cp1256.html", "page_cp1256_undeclared.html",
        "one.txt", "two.md", "tree-jsonl",  # tree/
        "utf16_bom.txt", "utf16le_nobom.txt", "utf8_bom.txt", "utf8_crlf.txt",
    ]
    assert [e.source.removeprefix(f"{DATA}/") for e in errors] == [
        "articles.jsonl:2", "articles.jsonl:3", "articles.jsonl:4", "articles.jsonl:5", "articles.jsonl:8", "articles.jsonl:9",
        "binary.txt", "blank.txt", "empty.txt", "latin1.txt", "only_junk.txt",
    ]
