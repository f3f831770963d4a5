"""SPARQL over the store: the example queries' answers on the gold samples, read-only by
default, syntax errors with their position, and the `kg query` command."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.query import QueryError, is_update, query
from kg.rdf.store import open_store
from kg.resources import ontology_path
from rdf_gold import fill_store

DOC_000 = "000_2a1375cafe2bf826.txt"
DOC_001 = "001_20e9d7e16a69eea3.txt"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "store"
    with open_store(path) as kg_store:
        fill_store(kg_store)
    return path


def example(name: str) -> str:
    return ontology_path("queries", f"{name}.rq").read_text(encoding="utf-8")


EXPECTED = {
    # Russia's military cooperation by year: 2021 from article 003, 2022 from 000 and 001 (both
    # name Cuba, Nicaragua, Venezuela); articles 002 and 004 carry no date.
    "military_cooperation_by_year": [
        (None, "BLR", "2", "2"),
        (None, "KAZ", "1", "1"),
        (None, "KGZ", "1", "1"),
        (None, "TJK", "1", "1"),
        ("2021", "KAZ", "1", "1"),
        ("2021", "KGZ", "1", "1"),
        ("2021", "TJK", "1", "1"),
        ("2021", "UZB", "1", "1"),
        ("2022", "CUB", "2", "2"),
        ("2022", "NIC", "2", "2"),
        ("2022", "VEN", "2", "2"),
    ],
    # 2021-2022: Russia and the USA demand, threaten and disapprove of each other.
    "conflict_pairs": [
        ("RUS", "USA", "3", "-13"),
        ("USA", "RUS", "3", "-12"),
        ("TALIBAN", "AFG", "1", "-9"),
        ("NATO", "RUS", "1", "-7.2"),
        ("RUS", "NATO", "1", "-5"),
    ],
    # Of the CSTO members, only Russia has relations with the USA in the samples.
    "organisation_members": [
        ("RUS", "RUS", "consult", "USA", "2"),
        ("RUS", "RUS", "demand", "USA", "1"),
        ("RUS", "RUS", "disapprove", "USA", "3"),
        ("RUS", "RUS", "threaten", "USA", "1"),
        ("RUS", "USA", "disapprove", "RUS", "1"),
        ("RUS", "USA", "reject", "RUS", "1"),
        ("RUS", "USA", "sanction", "RUS", "1"),
        ("RUS", "USA", "threaten", "RUS", "1"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_query_answers(store, name):
    result = query(example(name), store)
    assert result.values() == EXPECTED[name]


def test_pair_evidence_gives_each_sentence_with_its_offsets(store):
    result = query(example("pair_evidence"), store)
    assert result.variables == ["doc", "date", "subject", "relation", "object", "evidence", "start", "end"]
    rows = [(doc, relation, subject, obj, start, end) for doc, _, subject, relation, obj, _, start, end in result.values()]
    assert rows == [
        (DOC_000, "military_cooperation", "CUB", "RUS", "0", "55"),
        (DOC_000, "intent_to_cooperate", "CUB", "RUS", "92", "200"),
        (DOC_000, "consult", "CUB", "RUS", "286", "439"),
        (DOC_001, "military_cooperation", "CUB", "RUS", "228", "454"),
        (DOC_001, "consult", "CUB", "RUS", "895", "1141"),
        (DOC_001, "provide_aid", "RUS", "CUB", "1305", "1509"),
    ]
    assert result.values()[0][5] == "روسيا تعمق التعاون العسكري مع كوبا ودول أخرى في المنطقة"


def test_project_prefixes_are_predeclared(store):
    result = query("SELECT DISTINCT ?partner WHERE { actor:CUB kg:military_cooperation ?partner }", store)
    assert result.values() == [("https://w3id.org/kg-news/actor/RUS",)]


@pytest.mark.parametrize(
    "sparql, update",
    [
        ("SELECT * WHERE { ?s ?p ?o }", False),
        ("ASK { ?s ?p ?o }", False),
        ("PREFIX x: <http://x/>\n# a comment\nINSERT DATA { x:a x:b x:c }", True),
        ("delete where { ?s ?p ?o }", True),
        ("DROP GRAPH <http://x/g>", True),
    ],
)
def test_is_update(sparql, update):
    assert is_update(sparql) == update


def test_update_is_refused_unless_asked(store):
    with pytest.raises(QueryError, match="SPARQL Update"):
        query("DELETE WHERE { ?s ?p ?o }", store)
    assert query("ASK { ?s ?p ?o }", store).answer is True


def test_update_runs_when_asked(tmp_path):
    path = tmp_path / "store"
    with open_store(path) as kg_store:
        fill_store(kg_store, articles=[DOC_000])
    # Updates address the articles' named graphs explicitly (queries see their union).
    query("DELETE WHERE { GRAPH ?g { ?a kg:relation kg:threaten ; ?p ?o } }", path, update=True)
    assert query("ASK { ?a kg:relation kg:threaten }", path).answer is False


def test_syntax_error_shows_the_position(store):
    with pytest.raises(QueryError) as error:
        query("SELECT ?x\nWHERE { ?x kg:consult }", store)
    message = str(error.value)
    assert message.startswith("SPARQL syntax error: error at 2:")
    assert message.splitlines()[-2:] == ["  WHERE { ?x kg:consult }", "  " + " " * 22 + "^"]


runner = CliRunner()


def test_cli_query_table(store):
    result = runner.invoke(app, ["query", "-f", str(ontology_path("queries", "conflict_pairs.rq")), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "TALIBAN" in result.output and "goldstein_sum" in result.output


def test_cli_query_csv(store):
    sparql = "SELECT DISTINCT ?partner WHERE { actor:NIC kg:military_cooperation ?partner }"
    result = runner.invoke(app, ["query", sparql, "--store", str(store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["partner", "https://w3id.org/kg-news/actor/RUS"]


def test_cli_query_json(store):
    result = runner.invoke(app, ["query", "ASK { actor:USA kg:sanction actor:RUS }", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["boolean"] is True


def test_cli_refuses_update(store):
    result = runner.invoke(app, ["query", "CLEAR ALL", "--store", str(store)])
    assert result.exit_code == 1
    assert "pass --update" in result.output


def test_cli_missing_store(tmp_path):
    result = runner.invoke(app, ["query", "ASK {}", "--store", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no kg store here" in result.output


def test_syntax_error_in_an_update_shows_the_position_in_its_text(tmp_path):
    path = tmp_path / "store"
    with open_store(path) as kg_store:
        fill_store(kg_store, articles=[DOC_000])
    with pytest.raises(QueryError) as error:
        query("DELETE WHERE {\n  GRAPH ?g { ?a kg:relation }\n}", path, update=True)
    message = str(error.value)
    assert message.startswith("SPARQL syntax error: error at 2:")
    assert message.splitlines()[-2] == "    GRAPH ?g { ?a kg:relation }"
