"""SHACL: the built samples conform; each kind of broken graph is caught."""

from __future__ import annotations

import pytest
from rdflib import XSD, Graph, Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.namespace import KG
from kg.rdf.store import open_store
from kg.rdf.validate import union_graph, validate, validate_graph
from rdf_gold import fill_store

DCTERMS_DATE = URIRef("http://purl.org/dc/terms/date")


@pytest.fixture(scope="module")
def gold_graph() -> Graph:
    with open_store(None) as kg_store:
        fill_store(kg_store)
        return union_graph(kg_store)


def an_assertion(graph: Graph) -> URIRef:
    return sorted(graph.subjects(KG.relation, KG.military_cooperation))[0]


def test_gold_samples_conform(gold_graph):
    report = validate_graph(gold_graph)
    assert report.conforms, report.text


def drop(predicate):
    def change(graph: Graph, node: URIRef) -> None:
        graph.remove((node, predicate, None))

    return change


def add(predicate, value):
    def change(graph: Graph, node: URIRef) -> None:
        graph.add((node, predicate, value))

    return change


def set_value(predicate, value):
    def change(graph: Graph, node: URIRef) -> None:
        graph.set((node, predicate, value))

    return change


@pytest.mark.parametrize(
    "change, message",
    [
        (drop(KG.subject), "exactly one subject"),
        (add(KG.object, URIRef("https://w3id.org/kg-news/actor/VEN")), "exactly one object"),
        (set_value(KG.object, URIRef("https://w3id.org/kg-news/actor/ATLANTIS")), "is used but not declared"),
        (drop(URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")), "exactly one source article"),
        (set_value(KG.relation, KG.Article), "a kg:RelationType"),
        (set_value(KG.evidenceEnd, Literal(10**6, datatype=XSD.integer)), "outside the article text"),
        (set_value(DCTERMS_DATE, Literal("27 January 2022")), "xsd:date"),
    ],
    ids=["no subject", "two objects", "undeclared actor", "no article", "not a relation", "offset", "date"],
)
def test_broken_graph_fails(gold_graph, change, message):
    broken = Graph()
    broken += gold_graph
    change(broken, an_assertion(broken))
    report = validate_graph(broken)
    assert not report.conforms
    assert message in report.text


def test_validate_a_store_on_disk(tmp_path):
    with open_store(tmp_path / "store") as kg_store:
        fill_store(kg_store)
    assert validate(tmp_path / "store").conforms


def test_cli_validate_exit_status(tmp_path):
    with open_store(tmp_path / "store") as kg_store:
        fill_store(kg_store)
    runner = CliRunner()
    result = runner.invoke(app, ["validate", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert "Conforms: True" in result.output
    # Break it through an update: an assertion loses its subject.
    sparql = "DELETE WHERE { GRAPH ?g { ?a kg:subject actor:TALIBAN } }"
    assert runner.invoke(app, ["query", sparql, "--store", str(tmp_path / "store"), "--update"]).exit_code == 0
    result = runner.invoke(app, ["validate", "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert "Conforms: False" in result.output
