"""The scorer: the guidelines' strict and pair matching, on small hand-made records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import DataError
from kg.evaluation import Counts, Record, evaluate, read_gold
from kg.records import Assertion

DATA = Path(__file__).parent / "data" / "eval"
GOLD = DATA / "gold.jsonl"
PREDICTED = DATA / "predicted.jsonl"


def rec(doc: str, subject: str, relation: str, obj: str, **extra) -> dict:
    return {"doc": doc, "subject": subject, "relation": relation, "object": obj, **extra}


@pytest.mark.parametrize(
    "predicted, gold, strict, pair",
    [
        # a symmetric relation matches in either order
        ([rec("a", "RUS", "consult", "CUB")], [rec("a", "CUB", "consult", "RUS")], Counts(1, 0, 0), Counts(1, 0, 0)),
        # a directed one does not; its actor pair still does
        ([rec("a", "RUS", "sanction", "USA")], [rec("a", "USA", "sanction", "RUS")], Counts(0, 1, 1), Counts(1, 0, 0)),
        # a wrong relation on the right pair
        ([rec("a", "RUS", "economic_cooperation", "VEN")], [rec("a", "RUS", "military_cooperation", "VEN")],
         Counts(0, 1, 1), Counts(1, 0, 0)),
        # the same record twice, on either side, is one record
        ([rec("a", "IRN", "disapprove", "ISR")] * 2, [rec("a", "IRN", "disapprove", "ISR")] * 3,
         Counts(1, 0, 0), Counts(1, 0, 0)),
        # two relations on one pair are two strict records but one pair
        ([rec("a", "IRN", "disapprove", "ISR"), rec("a", "IRN", "threaten", "ISR")],
         [rec("a", "IRN", "disapprove", "ISR")], Counts(1, 1, 0), Counts(1, 0, 0)),
        # the same triple in another document is not a match
        ([rec("a", "EGY", "assault", "ISIS")], [rec("b", "EGY", "assault", "ISIS")], Counts(0, 1, 1), Counts(0, 1, 1)),
    ],
)
def test_matching(predicted, gold, strict, pair):
    scores = evaluate(predicted, gold)
    assert (scores.strict, scores.pair) == (strict, pair)


@pytest.mark.parametrize(
    "counts, precision, recall, f1",
    [
        (Counts(tp=2, fp=3, fn=4), 2 / 5, 2 / 6, 4 / 11),
        (Counts(tp=0, fp=0, fn=1), None, 0.0, 0.0),  # nothing predicted: precision undefined
        (Counts(tp=0, fp=2, fn=0), 0.0, None, 0.0),  # nothing expected: recall undefined
        (Counts(), None, None, None),
    ],
)
def test_ratios(counts, precision, recall, f1):
    assert (counts.precision, counts.recall, counts.f1) == (precision, recall, f1)


def test_fixture_overall_and_errors():
    scores = evaluate(read_gold(PREDICTED), read_gold(GOLD))
    assert scores.strict == Counts(tp=2, fp=3, fn=4)
    assert scores.pair == Counts(tp=4, fp=0, fn=2)
    assert scores.false_positives == [
        Record("a.txt", "RUS", "economic_cooperation", "VEN", "وقعت موسكو وكراكاس اتفاقية للتعاون العسكري.", "اتفاقية", True),
        Record("a.txt", "RUS", "sanction", "USA", "فرضت واشنطن عقوبات جديدة على روسيا.", "عقوبات", True),
        Record("b.txt", "IRN", "threaten", "ISR", "انتقدت طهران الغارات الإسرائيلية.", "الغارات", True),
    ]
    assert [(m.doc, m.subject, m.relation, m.object, m.pair_matched) for m in scores.misses] == [
        ("a.txt", "RUS", "military_cooperation", "VEN", True),
        ("a.txt", "USA", "sanction", "RUS", True),
        ("b.txt", "QAT", "consult", "TUR", False),
        ("c.txt", "EGY", "assault", "ISIS", False),
    ]
    assert scores.misses[2].evidence == "استقبل أمير قطر وزير الخارجية التركي."


def test_per_relation_in_table_order_with_support():
    scores = evaluate(read_gold(PREDICTED), read_gold(GOLD))
    assert {name: (c.tp, c.fp, c.fn, c.support) for name, c in scores.relations.items()} == {
        "consult": (1, 0, 1, 2),
        "economic_cooperation": (0, 1, 0, 0),
        "military_cooperation": (0, 0, 1, 1),
        "disapprove": (1, 0, 0, 1),
        "threaten": (0, 1, 0, 0),
        "sanction": (0, 1, 1, 1),
        "assault": (0, 0, 1, 1),
    }
    assert list(scores.relations) == [
        "consult", "economic_cooperation", "military_cooperation", "disapprove", "threaten", "sanction", "assault"
    ]


def test_per_document():
    scores = evaluate(read_gold(PREDICTED), read_gold(GOLD))
    assert {doc: (s.strict, s.pair) for doc, s in scores.documents.items()} == {
        "a.txt": (Counts(1, 2, 2), Counts(3, 0, 0)),
        "b.txt": (Counts(1, 1, 1), Counts(1, 0, 1)),
        "c.txt": (Counts(0, 0, 1), Counts(0, 0, 1)),
    }


def test_only_the_processed_documents_count():
    # c.txt was not processed: its gold record is no miss. d.txt was, and has no record at all.
    scores = evaluate(read_gold(PREDICTED), read_gold(GOLD), docs={"a.txt", "b.txt", "d.txt"})
    assert scores.strict == Counts(tp=2, fp=3, fn=3)
    assert scores.pair == Counts(tp=4, fp=0, fn=1)
    assert list(scores.documents) == ["a.txt", "b.txt", "d.txt"]
    assert scores.documents["d.txt"].strict.f1 is None
    assert all(miss.doc != "c.txt" for miss in scores.misses)


def test_assertions_are_scored_like_dicts():
    assertion = Assertion(
        doc="a.txt", subject="RUS", relation="consult", object="CUB", evidence="تحدث بوتين هاتفيا مع الرئيس الكوبي.",
        start=0, end=35, trigger="تحدث", subject_text="بوتين", object_text="الكوبي", confidence=0.9,
        date=None, lang="ar",
    )
    scores = evaluate([assertion], read_gold(GOLD), docs={"a.txt"})
    assert scores.strict == Counts(tp=1, fp=0, fn=2)


@pytest.mark.parametrize(
    "content, line, problem",
    [
        ('{"doc": "a.txt", "subject": "RUS", "relation": "consult", "object": "CUB"}\n{oops\n', 2, "not valid JSON"),
        ('\n["a.txt", "RUS", "consult", "CUB"]\n', 2, "not a JSON object"),
        ('{"doc": "a.txt", "subject": "RUS", "relation": "consult"}\n', 1, "field 'object' is missing"),
        ('{"doc": "a.txt", "subject": "", "relation": "consult", "object": "CUB"}\n', 1, "field 'subject' is missing"),
        ('{"doc": "a.txt", "subject": "RUS", "relation": "befriend", "object": "CUB"}\n', 1, "unknown relation 'befriend'"),
    ],
)
def test_read_gold_names_the_bad_line(tmp_path, content, line, problem):
    path = tmp_path / "gold.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_gold(path)
    assert (caught.value.file, caught.value.line) == (str(path), line)
    assert caught.value.problem.startswith(problem)


def test_cli_json_with_predicted():
    result = CliRunner().invoke(app, ["eval", "--gold", str(GOLD), "--predicted", str(PREDICTED), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["strict"] == {"precision": 0.4, "recall": 2 / 6, "f1": 4 / 11, "tp": 2, "fp": 3, "fn": 4, "support": 6}
    assert report["pair"]["f1"] == 0.8
    assert report["relations"]["consult"]["support"] == 2
    assert report["documents"]["c.txt"]["strict"]["precision"] is None
    assert [fp["trigger"] for fp in report["false_positives"]] == ["اتفاقية", "عقوبات", "الغارات"]


def test_cli_tables_with_predicted():
    result = CliRunner().invoke(app, ["eval", "--gold", str(GOLD), "--predicted", str(PREDICTED)])
    assert result.exit_code == 0, result.output
    for heading in ("Overall (micro)", "Per relation (strict)", "Per document", "False positives (3)", "Misses (4)"):
        assert heading in result.stdout
    assert "0.364" in result.stdout  # strict F1


def test_cli_bad_gold_is_one_error_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{oops\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold), "--predicted", str(PREDICTED)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kg: error: {gold}:1: not valid JSON")
