"""Export the store as Turtle, N-Triples, JSON-LD (the union of all graphs) or TriG (every named graph).

The serializers are Oxigraph's, fed by an iterator over the on-disk indexes, so the export is
streamed rather than built in memory. The order is the order of Oxigraph's index keys, which
are fixed hashes of the terms: it depends on the graph's content only, never on the order the
articles were loaded in, so the same graph always exports to the same bytes and two exports can
be diffed. IRIs are stable (kg.rdf.iris) and the prefixes are the project's fixed set.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, TextIO

import pyoxigraph

from kg.errors import StoreError
from kg.rdf.iris import PREFIXES
from kg.rdf.store import OxigraphBackend, open_store
from kg.util import atomic_writer

FORMATS = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "trig": pyoxigraph.RdfFormat.TRIG,
}
# Formats that keep the named graphs (one per article); the others get the union graph.
DATASET_FORMATS = {"trig"}

UNION_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


class _Counter:
    """Counts the statements that stream through it, for the summary line."""

    def __init__(self, statements: Iterable) -> None:
        self.statements = statements
        self.count = 0

    def __iter__(self) -> Iterator:
        for statement in self.statements:
            self.count += 1
            yield statement


def _write(inner: pyoxigraph.Store, format: str, out: BinaryIO) -> int:
    if format in DATASET_FORMATS:
        statements = _Counter(inner.quads_for_pattern(None, None, None, None))
    else:
        # Oxigraph's union default graph yields each distinct triple once.
        statements = _Counter(inner.query(UNION_TRIPLES, use_default_graph_as_union=True))
    pyoxigraph.serialize(statements, out, FORMATS[format], prefixes=PREFIXES)
    return statements.count


def export(store: str | Path, format: str, out: TextIO | BinaryIO | str | Path) -> int:
    """Write the store at `store` to `out` (a path, written atomically, or an open stream); returns the statement count."""
    if format not in FORMATS:
        raise StoreError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    with open_store(store, read_only=True) as kg_store:
        if not isinstance(kg_store.backend, OxigraphBackend):
            raise StoreError(f"{store}: export reads an Oxigraph store")
        inner = kg_store.backend.inner
        if isinstance(out, (str, Path)):
            with atomic_writer(out) as text:
                text.flush()
                return _write(inner, format, text.buffer)
        if hasattr(out, "buffer"):  # a text stream such as sys.stdout: write its bytes underneath
            out.flush()
            count = _write(inner, format, out.buffer)
            out.buffer.flush()
            return count
        return _write(inner, format, out)
