"""Export the store as Turtle, N-Triples, JSON-LD (the union of all graphs) or TriG (every named graph).

The union formats are written graph by graph, in a fixed order: first the actor-to-actor edges
(many articles state the same edge; it is written once), then every graph in the order of its
name, then the digests that name the cached Turtle, each as canonical Turtle
(kg.rdf.turtle_cache). An article's graph is copied from the Turtle cached when it was written,
if the store still names that body and its bytes still hash to the name; otherwise it is read
back from the store and formatted the same way. So the
same graph always exports to the same bytes, whatever order the articles were loaded in and
whatever state the cache is in, and two exports can be diffed. Turtle is those bodies under one
prefix header; N-Triples and JSON-LD re-read them with Oxigraph's parser and write them in their
own syntax. Nothing holds more than one graph in memory.

TriG keeps the named graphs and is Oxigraph's serializer over the quads in the order of its index
keys: fixed hashes of the terms, so that order too depends on the content only.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, TextIO

import pyoxigraph

from kg.errors import StoreError
from kg.rdf.convert import edge_predicates
from kg.rdf.iris import PREFIXES
from kg.rdf.store import KgStore, OxigraphBackend, open_store
from kg.rdf.turtle_cache import DIGEST, canonical_turtle, graph_body, prefix_header
from kg.util import atomic_writer

FORMATS = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "trig": pyoxigraph.RdfFormat.TRIG,
}
# Formats that keep the named graphs (one per article); the others get the union graph.
DATASET_FORMATS = {"trig"}


class _Counter:
    """Counts the statements that stream through it, for the summary line."""

    def __init__(self, statements: Iterable) -> None:
        self.statements = statements
        self.count = 0

    def __iter__(self) -> Iterator:
        for statement in self.statements:
            self.count += 1
            yield statement


def _edge_pattern() -> str:
    predicates = " ".join(f"<{predicate.value}>" for predicate in sorted(edge_predicates(), key=str))
    return f"VALUES ?p {{ {predicates} }} ?s ?p ?o"


def _distinct_edges(inner: pyoxigraph.Store) -> list[tuple]:
    """The distinct edges of all graphs, by object. SPARQL, so that Oxigraph compares the terms
    by their ids and turns only the distinct edges back into strings (an ORDER BY would compare
    strings, many times: sorting here is ten times faster)."""
    rows = inner.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {_edge_pattern()} }}", use_default_graph_as_union=True)
    edges = [(row["s"], row["p"], row["o"]) for row in rows]
    # The objects in order too (canonical_turtle keeps their order): an actor's partners read sorted.
    edges.sort(key=lambda edge: edge[2].value)
    return edges


def _count(inner: pyoxigraph.Store, pattern: str) -> int:
    (solution,) = inner.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}", use_default_graph_as_union=True)
    return int(solution["n"].value)


def _terms(quads: Iterable[pyoxigraph.Quad]) -> Iterator[tuple]:
    for quad in quads:
        yield (quad.subject, quad.predicate, quad.object)


def union_bodies(kg_store: KgStore, edges: list[tuple]) -> Iterator[bytes]:
    """Canonical Turtle bodies that together state the union graph, each statement once: the
    distinct `edges`, every graph's own statements in the order of the graph names, then the digests."""
    inner = kg_store.backend.inner
    yield canonical_turtle(edges)
    digest_quads = list(inner.quads_for_pattern(None, DIGEST, None, None))
    digests = {quad.graph_name: quad.object.value for quad in digest_quads if quad.subject == quad.graph_name}
    for graph in [pyoxigraph.DefaultGraph(), *sorted(inner.named_graphs(), key=str)]:
        digest = digests.get(graph)
        body = kg_store.turtle_cache.get(digest) if digest else None
        yield body if body is not None else graph_body(_terms(inner.quads_for_pattern(None, None, None, graph)))
    yield canonical_turtle(_terms(digest_quads))


def _write(kg_store: KgStore, format: str, out: BinaryIO) -> int:
    inner = kg_store.backend.inner
    if format in DATASET_FORMATS:
        statements = _Counter(inner.quads_for_pattern(None, None, None, None))
        pyoxigraph.serialize(statements, out, FORMATS[format], prefixes=PREFIXES)
        return statements.count
    edges = _distinct_edges(inner)
    if format == "ttl":  # the bodies are Turtle already: copy them
        out.write(prefix_header())
        for body in union_bodies(kg_store, edges):
            out.write(body)
        # Every quad was written once, but the edges once however many graphs state them.
        return len(inner) - _count(inner, _edge_pattern()) + len(edges)
    header = prefix_header()
    statements = _Counter(
        triple
        for body in union_bodies(kg_store, edges)
        for triple in pyoxigraph.parse(header + body, format=pyoxigraph.RdfFormat.TURTLE)
    )
    pyoxigraph.serialize(statements, out, FORMATS[format], prefixes=PREFIXES)
    return statements.count


def export(store: str | Path, format: str, out: TextIO | BinaryIO | str | Path) -> int:
    """Write the store at `store` to `out` (a path, written atomically, or an open stream); returns the statement count."""
    if format not in FORMATS:
        raise StoreError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    with open_store(store, read_only=True) as kg_store:
        if not isinstance(kg_store.backend, OxigraphBackend):
            raise StoreError(f"{store}: export reads an Oxigraph store")
        if isinstance(out, (str, Path)):
            with atomic_writer(out) as text:
                text.flush()
                return _write(kg_store, format, text.buffer)
        if hasattr(out, "buffer"):  # a text stream such as sys.stdout: write its bytes underneath
            out.flush()
            count = _write(kg_store, format, out.buffer)
            out.buffer.flush()
            return count
        return _write(kg_store, format, out)
