"""kg build: idempotent, replaces changed articles only, survives bad files and kill -9.

All but the last test stand the gold records in for the extractor, so that they test the
build and the store, not extraction quality.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.extraction
from kg.builder import build
from kg.cli import app
from kg.errors import InputError
from kg.rdf.store import open_store
from kg.rdf.validate import validate
from kg.resources import sample_corpus_dir
from rdf_gold import gold_extractor

TESTS_DIR = Path(__file__).parent
DOC_000 = "000_2a1375cafe2bf826.txt"
DOCS = sorted(path.name for path in sample_corpus_dir().glob("*.txt"))


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(sample_corpus_dir(), folder)
    return folder


@pytest.fixture(autouse=True)
def gold_extraction(monkeypatch):
    monkeypatch.setattr(kg.extraction, "extract_article", gold_extractor)


def summary_counts(summary) -> tuple:
    return (summary.read, summary.stored, summary.skipped, summary.failed, summary.articles, summary.assertions)


def test_build_twice_gives_the_same_graph(corpus, tmp_path):
    out = tmp_path / "out"
    first = build([corpus], out)
    graph, triples = (out / "graph.ttl").read_bytes(), (out / "triples.jsonl").read_bytes()
    second = build([corpus], out)
    assert summary_counts(first) == (5, 5, 0, 0, 5, 82)
    assert summary_counts(second) == (5, 0, 5, 0, 5, 82)  # unchanged articles are skipped
    assert (out / "graph.ttl").read_bytes() == graph
    assert (out / "triples.jsonl").read_bytes() == triples
    assert validate(out / "store").conforms


def test_rebuild_extracts_unchanged_articles_again(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([corpus], out)
    # new rules (an upgrade, an edited trigger file) find nothing in these articles any more
    monkeypatch.setattr("kg.extraction.extract_article", lambda article, nlp=None: [])
    assert summary_counts(build([corpus], out))[:3] == (5, 0, 5)  # skipped: the old assertions stay
    assert summary_counts(build([corpus], out, rebuild=True)) == (5, 5, 0, 0, 5, 0)


def test_new_rules_extract_unchanged_articles_again(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([corpus], out)
    # an upgrade or an edited file under ontology/ changes the fingerprint of the rules
    monkeypatch.setattr("kg.nlp.cache.data_fingerprint", lambda: "edited-rules")
    monkeypatch.setattr("kg.extraction.extract_article", lambda article, nlp=None: [])
    assert summary_counts(build([corpus], out)) == (5, 5, 0, 0, 5, 0)
    assert summary_counts(build([corpus], out))[:3] == (5, 0, 5)  # and once is enough
    with open_store(out / "store", read_only=True) as kg_store:
        assert kg_store.extractor_fingerprint(DOC_000) == "edited-rules"


def test_a_changed_article_is_replaced(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out)
    article = corpus / DOC_000
    # Drop the headline: the gold records whose evidence is the headline go with it.
    article.write_text(article.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    summary = build([corpus], out)
    assert summary_counts(summary)[:4] == (5, 1, 4, 0)
    with open_store(out / "store", read_only=True) as kg_store:
        stored = [a for a in kg_store.read_assertions() if a.doc == DOC_000]
    assert len(stored) == 17  # 18 gold records, one of them the headline
    assert all(not a.evidence.startswith("روسيا تعمق التعاون العسكري") for a in stored)
    assert validate(out / "store").conforms


def test_articles_of_earlier_builds_stay(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus / DOC_000], out)
    summary = build([corpus / DOCS[1]], out)
    assert summary.articles == 2


def test_a_bad_file_is_reported_and_the_rest_stored(corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02 binary")
    errors = []
    summary = build([corpus], tmp_path / "out", on_error=errors.append)
    assert summary_counts(summary)[:4] == (5, 5, 0, 1)
    assert [Path(error.source).name for error in errors] == ["broken.txt"]


def test_a_bad_file_without_on_error_stops_the_build_keeping_what_was_stored(corpus, tmp_path):
    (corpus / "000_zz_broken.txt").write_bytes(b"\x00\x01\x02 binary")  # read right after article 000
    with pytest.raises(InputError):
        build([corpus], tmp_path / "out")
    with open_store(tmp_path / "out" / "store", read_only=True) as kg_store:
        assert list(kg_store.articles()) == [DOC_000]
    assert validate(tmp_path / "out" / "store").conforms


KILLED_BUILD = """
import sys, time
sys.path.insert(0, {tests!r})
import kg.extraction
from rdf_gold import gold_extractor

def slow_gold_extractor(article):
    print(article.doc, flush=True)
    time.sleep(0.5)  # long enough for the parent to kill us mid-article
    return gold_extractor(article)

kg.extraction.extract_article = slow_gold_extractor
from kg.builder import build
build([{corpus!r}], {out!r})
"""


def test_a_killed_build_leaves_a_store_that_opens_and_validates(corpus, tmp_path):
    out = tmp_path / "out"
    script = KILLED_BUILD.format(tests=str(TESTS_DIR), corpus=str(corpus), out=str(out))
    process = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)], stdout=subprocess.PIPE, text=True)
    started = [process.stdout.readline().strip() for _ in range(3)]  # the third article is being extracted
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert started == DOCS[:3]
    with open_store(out / "store") as kg_store:  # opens for writing: no stale lock, no corruption
        assert sorted(kg_store.articles()) == DOCS[:2]
        assert {a.doc for a in kg_store.read_assertions()} == set(DOCS[:2])
    assert validate(out / "store").conforms
    # The next build finishes the job, skipping what the killed one stored.
    assert summary_counts(build([corpus], out))[:3] == (5, 3, 2)


def test_kg_build_end_to_end_on_the_samples(tmp_path, monkeypatch):
    """The real extractor: only the structure is checked, not extraction quality."""
    monkeypatch.undo()
    result = CliRunner().invoke(app, ["build", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("articles: 5 read, 5 stored, 0 unchanged (skipped), 0 failed; store: 5 articles, ")
    for name in ("store", "triples.jsonl", "graph.ttl"):
        assert (tmp_path / "out" / name).exists()
    assert validate(tmp_path / "out" / "store").conforms
