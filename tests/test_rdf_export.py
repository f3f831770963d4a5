"""Export: every format reads back as the same graph, and the same graph always gives the same
bytes, whatever order the articles were stored in."""

from __future__ import annotations

import io

import pytest
from rdflib import XSD, Dataset, Graph, Literal
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.export import FORMATS, export
from kg.rdf.store import open_store
from rdf_gold import fill_store, sample_articles

RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}


def build_store(path, docs) -> None:
    with open_store(path) as kg_store:
        fill_store(kg_store, articles=docs)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "store"
    build_store(path, sorted(sample_articles()))
    return path


def plain(graph: Graph) -> Graph:
    """RDF 1.1 makes "x" and "x"^^xsd:string one literal; rdflib keeps them apart, and oxrdflib
    returns the second where parsers give the first."""
    normal = Graph()
    for s, p, o in graph:
        normal.add((s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o))
    return normal


def union_of(store) -> Graph:
    with open_store(store, read_only=True) as kg_store:
        return plain(kg_store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph)


@pytest.mark.parametrize("format", ["ttl", "nt", "jsonld"])
def test_export_then_import_is_isomorphic(store, format):
    out = io.BytesIO()
    count = export(store, format, out)
    imported = Graph().parse(data=out.getvalue(), format=RDFLIB_FORMATS[format])
    expected = union_of(store)
    assert count == len(expected) == len(imported)
    assert isomorphic(plain(imported), expected)


def test_trig_keeps_one_named_graph_per_article(store):
    out = io.BytesIO()
    count = export(store, "trig", out)
    dataset = Dataset()
    dataset.parse(data=out.getvalue(), format="trig")
    names = {str(graph.identifier) for graph in dataset.graphs() if len(graph)}
    articles = {f"https://w3id.org/kg-news/article/{doc}" for doc in sample_articles()}
    assert names == articles | {"https://w3id.org/kg-news/graph/ontology", "https://w3id.org/kg-news/graph/actors"}
    assert count == sum(len(graph) for graph in dataset.graphs())


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_same_graph_same_bytes(tmp_path, format):
    docs = sorted(sample_articles())
    build_store(tmp_path / "forward", docs)
    build_store(tmp_path / "backward", list(reversed(docs)))
    forward, backward = io.BytesIO(), io.BytesIO()
    export(tmp_path / "forward", format, forward)
    export(tmp_path / "backward", format, backward)
    assert forward.getvalue() == backward.getvalue()


def test_turtle_uses_the_project_prefixes(store):
    out = io.BytesIO()
    export(store, "ttl", out)
    text = out.getvalue().decode("utf-8")
    assert "@prefix kg: <https://w3id.org/kg-news/ontology#> ." in text
    assert "actor:CUB " in text and "kg:military_cooperation actor:RUS" in text


def test_export_to_a_path(store, tmp_path):
    count = export(store, "nt", tmp_path / "graph.nt")
    assert len((tmp_path / "graph.nt").read_text(encoding="utf-8").splitlines()) == count


def test_cli_export(store, tmp_path):
    result = CliRunner().invoke(app, ["export", "--store", str(store), "--format", "ttl", "-o", str(tmp_path / "g.ttl")])
    assert result.exit_code == 0, result.output
    assert isomorphic(plain(Graph().parse(tmp_path / "g.ttl")), union_of(store))


def test_cli_export_unknown_format(store):
    result = CliRunner().invoke(app, ["export", "--store", str(store), "--format", "xml"])
    assert result.exit_code == 1
    assert "unknown export format 'xml'" in result.output
