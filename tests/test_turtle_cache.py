"""Canonical Turtle: what the Turtle cache stores and export writes, byte for byte."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from kg.rdf.convert import KG_, article_triples
from kg.rdf.turtle_cache import (
    DIGEST,
    TurtleCache,
    canonical_order,
    canonical_turtle,
    digest_of,
    graph_body,
    split_statements,
)
from rdf_gold import gold_assertions, sample_articles

ARTICLE = NamedNode("https://w3id.org/kg-news/article/a.txt")
RUS = NamedNode("https://w3id.org/kg-news/actor/RUS")
CUB = NamedNode("https://w3id.org/kg-news/actor/CUB")


def test_canonical_turtle_sorts_by_subject_and_predicate_and_uses_the_prefixes():
    triples = [
        (RUS, KG_.consult, CUB),
        (ARTICLE, KG_.textLength, Literal("42", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
        (ARTICLE, KG_.contentHash, Literal("abc")),
    ]
    assert canonical_turtle(triples).decode("utf-8") == (
        "actor:RUS kg:consult actor:CUB .\n"
        'article:a.txt kg:contentHash "abc" ;\n'
        "\tkg:textLength 42 .\n"
    )


def test_a_graph_body_leaves_out_the_edges_and_the_digest():
    triples = [(RUS, KG_.consult, CUB), (ARTICLE, DIGEST, Literal("f00")), (ARTICLE, KG_.contentHash, Literal("line\nbreak"))]
    assert graph_body(triples) == b'article:a.txt kg:contentHash "line\\nbreak" .\n'


def test_the_cache_gives_back_a_body_only_under_its_digest(tmp_path):
    cache = TurtleCache(tmp_path / "cache.sqlite", read_only=False)
    body = b'article:a.txt kg:contentHash "abc" .\n'
    cache.put(digest_of(body), body)
    cache.commit()
    assert cache.get(digest_of(body)) == body
    assert cache.get(digest_of(b"another body")) is None
    cache.close()
    assert TurtleCache(tmp_path / "missing.sqlite", read_only=True).get(digest_of(body)) is None


def test_a_cache_file_that_is_not_a_database_is_started_again(tmp_path):
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"\x00garbage, not SQLite" * 100)
    assert TurtleCache(path, read_only=True).get(digest_of(b"x")) is None
    cache = TurtleCache(path, read_only=False)
    cache.put(digest_of(b"x"), b"x")
    cache.commit()
    assert cache.get(digest_of(b"x")) == b"x"


def test_the_graphs_kg_writes_come_in_canonical_order():
    # The store caches an article's Turtle in the order article_triples makes, without sorting;
    # export sorts any graph it reads back. Both must be the same order.
    articles = sample_articles()
    assertions = gold_assertions(articles)
    for doc, article in articles.items():
        own, edges = split_statements(article_triples(article, assertions[doc], extractor="rules"))
        assert own == canonical_order(own)
        assert len(own) > 10 * len(assertions[doc]) and edges
