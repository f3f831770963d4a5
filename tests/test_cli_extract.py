"""`kg extract`, `kg mentions` and `kg actors find` end to end, as a user runs them."""

import json

from typer.testing import CliRunner

from kg.cli import app
from kg.resources import sample_corpus_dir

runner = CliRunner()

CONTRACT = {
    "doc", "subject", "relation", "object", "evidence", "start", "end", "trigger",
    "subject_text", "object_text", "confidence", "date", "lang",
}


def test_extract_on_the_bundled_samples_keeps_the_output_contract():
    result = runner.invoke(app, ["extract"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["doc"] for r in records} == {p.name for p in sample_corpus_dir().glob("*.txt")}
    texts = {p.name: p.read_text(encoding="utf-8") for p in sample_corpus_dir().glob("*.txt")}
    for record in records:
        assert set(record) == CONTRACT
        assert 0 < record["confidence"] <= 1
        assert record["evidence"] in texts[record["doc"]]  # verbatim, even where ingest dropped junk
    triples = {(r["doc"][:3], r["subject"], r["relation"], r["object"]) for r in records}
    assert ("004", "RUS", "member_of", "CSTO") in triples
    assert ("000", "CUB", "military_cooperation", "RUS") in triples


def test_extract_writes_a_file_whole(tmp_path):
    out = tmp_path / "triples.jsonl"
    article = tmp_path / "a.txt"
    article.write_text("عنوان\n\nاتهمت إيران الولايات المتحدة بدعم الإرهاب.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "-o", str(out)])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (record["subject"], record["relation"], record["object"]) == ("IRN", "disapprove", "USA")


def test_a_bad_file_is_named_and_the_others_still_go_through(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("عنوان\n\nاتهمت إيران الولايات المتحدة بدعم الإرهاب.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00")
    result = runner.invoke(app, ["extract", str(bad), str(good)])
    assert result.exit_code == 1
    assert f"kg: error: {bad}" in result.stderr
    assert '"subject": "IRN"' in result.stdout


def test_mentions_reads_stdin_jsonl():
    line = json.dumps({"id": "n1", "text": "وصل وزير الخارجية السعودي إلى طهران"}, ensure_ascii=False)
    result = runner.invoke(app, ["mentions", "-"], input=line + "\n")
    assert result.exit_code == 0, result.output
    mentions = [json.loads(m) for m in result.stdout.splitlines()]
    assert [(m["doc"], m["text"], m["actor"], m["kind"]) for m in mentions] == [
        ("n1", "السعودي", "SAU", "state"),
        ("n1", "طهران", "IRN", "place"),
    ]


def test_actors_find_resolves_what_the_extractor_would():
    result = runner.invoke(app, ["actors", "find", "وللولايات المتحدة والكرملين"])
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[:3] for line in result.stdout.splitlines()] == [
        ["للولايات المتحدة", "USA", "state"],
        ["الكرملين", "RUS", "place"],
    ]


def test_actors_find_says_when_nothing_is_found():
    result = runner.invoke(app, ["actors", "find", "الطقس جميل"])
    assert result.exit_code == 1
    assert "no actor found" in result.stderr


def test_an_article_in_a_language_without_rules_is_reported_and_the_others_go_through(tmp_path):
    english = tmp_path / "en.txt"
    english.write_text("Russia and Cuba\n\nRussia and Cuba signed a military cooperation deal.\n", encoding="utf-8")
    arabic = tmp_path / "ar.txt"
    arabic.write_text("عنوان\n\nاتهمت إيران الولايات المتحدة بدعم الإرهاب.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(english), str(arabic)])
    assert result.exit_code == 1
    assert f"kg: error: {english}: no extraction rules for language 'en' yet" in result.stderr
    assert '"subject": "IRN"' in result.stdout
