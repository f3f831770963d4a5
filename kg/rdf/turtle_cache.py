"""Canonical Turtle of a graph, and the cache of it that keeps Turtle export fast.

Reading the store back is what bounds an export: Oxigraph looks up the string of every term in
RocksDB, and dumping 1.2 million quads that way takes about 8 s before anything is formatted
(docs/rdf.md). So when an article's graph is written, its Turtle is written too, from the terms
kg holds in memory at that moment, into `<store>/turtle-cache.sqlite` under its SHA-256 digest;
and the digest goes into the graph itself (`kg:turtleDigest`), in the same transaction as the
rest of the graph. Export then copies the cached Turtle of each article instead of reading its
graph back.

The cache can only cost speed, never correctness: a body is used only when the store names it
and its bytes still hash to its name. A missing or damaged body (or a graph changed by a
hand-made SPARQL update, which drops the digests) makes export serialize that graph from the
store, to the same canonical bytes.

Canonical Turtle: the triples sorted by subject and predicate, formatted by Oxigraph with the
project's prefixes, without the prefix lines (export writes them once). A graph's body leaves
out the actor-to-actor edges, which many articles share and export writes once, and the digest
statement itself.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Iterable

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from kg.rdf.convert import KG_, Triple, edge_predicates
from kg.rdf.iris import PREFIXES

FILE = "turtle-cache.sqlite"
DIGEST = KG_.turtleDigest

# Oxigraph writes one line per prefix given, before the statements.
_PREFIX_LINES = len(PREFIXES)
# Triples that are in no graph are written through this one (see canonical_turtle).
_SCRATCH_GRAPH = NamedNode("urn:kg:turtle")


def prefix_header() -> bytes:
    """The `@prefix` lines that precede canonical Turtle bodies in a document."""
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items()).encode("utf-8")


def _sort_key(triple: Triple) -> tuple[str, str]:
    # Subject and predicate only: in an article's graph no two statements share both, and
    # elsewhere the sort is stable over Oxigraph's own fixed order. Comparing objects too
    # would double the cost of writing the cache.
    return (triple[0].value, triple[1].value)


def split_statements(triples: Iterable[Triple]) -> tuple[list[Triple], list[Triple]]:
    """A graph's own statements and its edges, each in the order given; its digest left out."""
    edge_relations = edge_predicates()
    own, edges = [], []
    for triple in triples:
        if triple[1] in edge_relations:
            edges.append(triple)
        elif triple[1] != DIGEST:
            own.append(triple)
    return own, edges


def trig_block(quads: list[Quad]) -> bytes:
    """Quads as TriG without the prefix lines (a document states them once, `prefix_header()`):
    Oxigraph writes one block per graph, "graph {", the statements a tab in, "}". Quads rather
    than triples because the store is written from quads: making each term's object twice would
    cost more than all the formatting."""
    return serialize(quads, format=RdfFormat.TRIG, prefixes=PREFIXES).split(b"\n", _PREFIX_LINES)[-1]


def block_body(block: bytes) -> bytes:
    """One graph's TriG block as Turtle: taking away the frame and the tab leaves Turtle
    (Oxigraph escapes line breaks in literals, so every line break is a statement's)."""
    return block[block.index(b"\n") + 2 : -len(b"}\n")].replace(b"\n\t", b"\n") if block else b""


def canonical_order(triples: Iterable[Triple]) -> list[Triple]:
    return sorted(triples, key=_sort_key)


def canonical_turtle(triples: Iterable[Triple]) -> bytes:
    """`triples` sorted, as Turtle without prefix lines."""
    return block_body(trig_block([Quad(*triple, _SCRATCH_GRAPH) for triple in canonical_order(triples)]))


def graph_body(triples: Iterable[Triple]) -> bytes:
    """The canonical Turtle of a graph's own statements: its edges and its digest left out."""
    own, _ = split_statements(triples)
    return canonical_turtle(own)


def digest_of(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def digest_triple(graph: NamedNode, digest: str) -> Triple:
    return (graph, DIGEST, Literal(digest))


class TurtleCache:
    """Canonical Turtle bodies named by their digests, in one SQLite file beside the database
    (in memory for a store in memory).

    SQLite rather than a file per article: creating twelve thousand small files took longer
    than formatting their Turtle. It is a cache, so it is written without waiting for the disk
    (a body lost in a power cut is a miss) and any SQLite error reads as a miss."""

    def __init__(self, path: Path | None, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._connection: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is None:
            if self.read_only:
                if self.path is None or not self.path.exists():
                    return None
                self._connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            else:
                try:
                    self._connection = self._open_for_writing()
                except sqlite3.DatabaseError:  # not a database (any more): a cache starts again empty
                    for leftover in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
                        leftover.unlink(missing_ok=True)
                    self._connection = self._open_for_writing()
        return self._connection

    def _open_for_writing(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path or ":memory:")
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("CREATE TABLE IF NOT EXISTS turtle (digest TEXT PRIMARY KEY, body BLOB NOT NULL)")
        except sqlite3.DatabaseError:
            connection.close()
            raise
        return connection

    def put(self, digest: str, body: bytes) -> None:
        """Add the body; it is kept once `commit()` returns."""
        self._connect().execute("INSERT OR IGNORE INTO turtle VALUES (?, ?)", (digest, body))

    def commit(self) -> None:
        """Called before the store's transaction that names the new digests: an interruption
        between the two leaves at most a body that nothing names, never a name without its body."""
        if self._connection is not None:
            self._connection.commit()

    def get(self, digest: str) -> bytes | None:
        """The body named `digest`, or None when it is missing or no longer matches its name."""
        try:
            connection = self._connect()
            row = connection and connection.execute("SELECT body FROM turtle WHERE digest = ?", (digest,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row and digest_of(row[0]) == digest else None

    def discard(self, digest: str) -> None:
        self._connect().execute("DELETE FROM turtle WHERE digest = ?", (digest,))
        self.commit()

    def digests(self) -> set[str]:
        connection = self._connect()
        return {digest for (digest,) in connection.execute("SELECT digest FROM turtle")} if connection else set()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
