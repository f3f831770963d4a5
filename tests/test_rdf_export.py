"""Export: every format reads back as the same graph, and the same graph always gives the same
bytes, whatever order the articles were stored in."""

from __future__ import annotations

import io
import sqlite3

import pytest
from rdflib import XSD, Dataset, Graph, Literal
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.export import FORMATS, export
from kg.rdf.namespace import KG
from kg.rdf.query import query
from kg.rdf import store as store_module
from kg.rdf.store import open_store
from kg.rdf.turtle_cache import FILE as TURTLE_CACHE
from kg.records import Article, Assertion
from rdf_gold import fill_store, gold_assertions, sample_articles

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


# The Turtle cache (kg.rdf.turtle_cache): each article's Turtle is written with its graph, and
# export copies it. The cache may only make export faster, never different.


def cached_digests(path) -> set[str]:
    with open_store(path, read_only=True) as kg_store:
        return kg_store.turtle_cache.digests()


def stored_digests(path) -> set[str]:
    rows = query("SELECT ?d WHERE { ?a kg:turtleDigest ?d }", path).values()
    return {digest for (digest,) in rows}


def ttl_bytes(path) -> bytes:
    out = io.BytesIO()
    export(path, "ttl", out)
    return out.getvalue()


def test_each_article_has_its_turtle_cached_under_the_digest_the_store_names(store):
    assert cached_digests(store) == stored_digests(store)
    assert len(stored_digests(store)) == len(sample_articles())


@pytest.mark.parametrize("damage", ["delete one", "overwrite one", "delete the cache", "not a database"])
def test_a_missing_or_damaged_cache_changes_nothing_in_the_export(tmp_path, damage):
    path = tmp_path / "store"
    build_store(path, sorted(sample_articles()))
    expected = ttl_bytes(path)
    if damage == "delete the cache":
        (path / TURTLE_CACHE).unlink()
    elif damage == "not a database":
        (path / TURTLE_CACHE).write_bytes(b"\x00not SQLite" * 1000)
    else:
        with sqlite3.connect(path / TURTLE_CACHE) as cache:
            (digest,) = cache.execute("SELECT min(digest) FROM turtle").fetchone()
            if damage == "delete one":
                cache.execute("DELETE FROM turtle WHERE digest = ?", (digest,))
            else:
                cache.execute("UPDATE turtle SET body = ? WHERE digest = ?", (b"actor:RUS kg:consult actor:USA .\n", digest))
    assert ttl_bytes(path) == expected


def test_an_edge_that_several_articles_state_is_exported_once(tmp_path):
    articles = [
        Article(doc=doc, text=text, lang="ar")
        for doc, text in [("a.txt", "وقعت روسيا وكوبا اتفاقا عسكريا."), ("b.txt", "بحثت روسيا وكوبا التعاون العسكري.")]
    ]
    with open_store(tmp_path / "store") as kg_store:
        for article in articles:
            evidence = article.text
            kg_store.replace_article(
                article,
                [Assertion(article.doc, "RUS", "military_cooperation", "CUB", evidence, 0, len(evidence),
                           "", "روسيا", "كوبا", 0.9, None, "ar")],
            )
    text = ttl_bytes(tmp_path / "store").decode("utf-8")
    assert text.count("actor:RUS kg:military_cooperation actor:CUB") == 1
    out = io.BytesIO()
    count = export(tmp_path / "store", "nt", out)
    assert count == len(out.getvalue().splitlines()) == len(union_of(tmp_path / "store"))


def test_a_hand_made_update_is_exported_and_retires_the_cache(tmp_path):
    path = tmp_path / "store"
    build_store(path, sorted(sample_articles()))
    query("DELETE WHERE { GRAPH ?g { ?a kg:confidence ?c } }", path, update=True)
    assert stored_digests(path) == set()
    exported = Graph().parse(data=ttl_bytes(path), format="turtle")
    assert not list(exported.triples((None, KG.confidence, None)))
    assert isomorphic(plain(exported), union_of(path))


def test_replacing_an_article_replaces_its_cached_turtle(tmp_path):
    path = tmp_path / "store"
    docs = sorted(sample_articles())
    build_store(path, docs)
    before = stored_digests(path)
    article = sample_articles()[docs[0]]
    with open_store(path) as kg_store:
        kg_store.replace_article(article, [])
    after = stored_digests(path)
    assert len(before - after) == len(after - before) == 1
    assert cached_digests(path) == after


def test_a_bulk_loaded_store_exports_the_bytes_of_one_built_article_by_article(store, tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "BULK_DOCUMENT_STATEMENTS", 50)  # several documents
    articles = sample_articles()
    assertions = gold_assertions(articles)
    with open_store(tmp_path / "bulk") as bulk:
        fill_store(bulk, articles=[])
        bulk.bulk_load((articles[doc], assertions[doc]) for doc in sorted(articles))
    assert cached_digests(tmp_path / "bulk") == stored_digests(tmp_path / "bulk")
    assert ttl_bytes(tmp_path / "bulk") == ttl_bytes(store)
