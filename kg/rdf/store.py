"""The persistent store: an rdflib `Dataset` on Oxigraph (on disk) or on rdflib's memory store.

Layout: one named graph per article (named by the article IRI) holding the article, its
assertions and the actor-to-actor edges they support; plus the ontology graph and the actors
graph. Queries see the union of all graphs.

Writing an article is one Oxigraph transaction (a new article's graph: one `extend`; a changed
one: one SPARQL update that drops the old graph and inserts the new), so an interrupted build
leaves each article either as it was or fully written. Each article's graph is also cached as
Turtle beside the database, for export (kg.rdf.turtle_cache). A first import may take the bulk
path instead (`bulk_load`: no transactions; TriG documents loaded by two threads while the next
are made, then the database compacted). A folder that is not a kg store,
a store of another format version, a locked or corrupt store raises `StoreError`: kg never
silently starts an empty store in its place.
"""

from __future__ import annotations

import json
import queue
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

import pyoxigraph
from oxrdflib import OxigraphStore
from rdflib import Dataset, URIRef
from rdflib.query import Result
from rdflib.store import Store

from kg.errors import StoreError
from kg.rdf.convert import ActorLike, Triple, actor_triples, article_triples, ontology_triples, rdflib_quad
from kg.rdf.iris import ACTORS_GRAPH, ONTOLOGY_GRAPH, PREFIXES, article_iri
from kg.rdf.namespace import KG
from kg.rdf.turtle_cache import FILE as TURTLE_CACHE
from kg.rdf.turtle_cache import (
    TurtleCache,
    block_body,
    digest_of,
    digest_triple,
    prefix_header,
    split_statements,
    trig_block,
)
from kg.records import Article, Assertion
from kg.resources import ontology_path

# The marker file that makes a folder a kg store; `version` changes when the graph layout does.
MARKER = "kg-store.json"
STORE_FORMAT = "kg-store"
STORE_VERSION = 1

# Runs first in the same transaction as a hand-made SPARQL update: the update may change any
# graph, so no cached Turtle may be trusted afterwards (kg.rdf.turtle_cache). One line, so that
# a syntax error in the caller's text is reported one line further down.
_FORGET_TURTLE = "DELETE WHERE { GRAPH ?graph { ?graph kg:turtleDigest ?digest } } ;\n"
_ERROR_LINE = re.compile(r"at (\d+):")

# The bulk load's text: documents of about this many statements, loaded by this many threads.
# Measured at 1.2M triples on two cores (docs/rdf.md): two loaders beat one, and documents of
# 100,000-300,000 statements were alike; one document would leave nothing to overlap.
BULK_DOCUMENT_STATEMENTS = 100_000
BULK_LOADERS = 2


class Backend(Protocol):
    def open(self, path: Path | None, read_only: bool) -> Store: ...

    def update(self, dataset: Dataset, sparql: str) -> None: ...

    def close(self) -> None: ...

    def select_values(self, dataset: Dataset, sparql: str) -> Iterator[dict[str, str | None]]: ...

    def bulk_add(self, dataset: Dataset, documents: Iterable[bytes]) -> None: ...

    def compact(self) -> None: ...

    def replace_graph(self, dataset: Dataset, graph: str, quads: list[pyoxigraph.Quad]) -> None: ...


class OxigraphBackend:
    """Oxigraph (RocksDB on disk, or in memory without a path) through oxrdflib."""

    def __init__(self) -> None:
        self.inner: pyoxigraph.Store | None = None

    def open(self, path: Path | None, read_only: bool) -> Store:
        try:
            if path is None:
                self.inner = pyoxigraph.Store()
            else:
                self.inner = pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))
        except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as RuntimeError
            if "lock" in str(exc).lower():
                raise StoreError(f"{path}: the store is in use by another kg process (locked); wait for it to finish") from exc
            raise StoreError(f"{path}: cannot open the store (corrupt or unreadable): {exc}") from exc
        return OxigraphStore(store=self.inner)

    def close(self) -> None:
        self.inner = None  # the last reference: Oxigraph closes the database and frees its lock

    def update(self, dataset: Dataset, sparql: str) -> None:
        # oxrdflib updates only a non-union view; the native call is the same single transaction.
        self.inner.update(sparql, prefixes=PREFIXES)

    def select_values(self, dataset: Dataset, sparql: str) -> Iterator[dict[str, str | None]]:
        # Native solutions: plain strings without building rdflib terms, several times faster.
        solutions = self.inner.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        names = [variable.value for variable in solutions.variables]
        for solution in solutions:
            yield {name: (None if term is None else term.value) for name, term in zip(names, solution)}

    def bulk_add(self, dataset: Dataset, documents: Iterable[bytes]) -> None:
        """Load TriG documents with Oxigraph's bulk loader, in BULK_LOADERS threads while the
        caller's thread makes the next documents: loading text releases Python's lock, where
        `bulk_extend` of `Quad`s holds it throughout, so formatting and loading overlap."""
        pending: queue.Queue[bytes | None] = queue.Queue(maxsize=BULK_LOADERS)
        failures: list[BaseException] = []

        def load() -> None:
            while (document := pending.get()) is not None:
                if not failures:  # after a failure, only drain the queue
                    try:
                        self.inner.bulk_load(document, pyoxigraph.RdfFormat.TRIG)
                    except BaseException as exc:
                        failures.append(exc)

        loaders = [threading.Thread(target=load, name=f"kg-bulk-load-{n}") for n in range(BULK_LOADERS)]
        for loader in loaders:
            loader.start()
        try:
            for document in documents:
                if failures:
                    break
                pending.put(document)
        finally:  # also on an error or Ctrl-C while making documents: the loaders finish what they hold
            for _ in loaders:
                pending.put(None)
            for loader in loaders:
                loader.join()
        if failures:
            raise failures[0]

    def compact(self) -> None:
        self.inner.optimize()

    def replace_graph(self, dataset: Dataset, graph: str, quads: list[pyoxigraph.Quad]) -> None:
        """Each branch is one Oxigraph transaction: all of it is applied, or none."""
        if not self.inner.contains_named_graph(pyoxigraph.NamedNode(graph)):
            self.inner.extend(quads)
            return
        body = pyoxigraph.serialize((quad.triple for quad in quads), format=pyoxigraph.RdfFormat.N_TRIPLES)
        self.inner.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body.decode('utf-8')}}} }}")


@dataclass
class ArticleGraph:
    """An article's named graph as kg writes it."""

    statements: list[pyoxigraph.Quad]  # its own, in canonical order: what its cached Turtle holds
    shared: list[pyoxigraph.Quad]  # the actor-to-actor edges its assertions support, and the digest
    block: bytes  # `statements` as a TriG block (kg.rdf.turtle_cache.trig_block)
    digest: str  # of the cached Turtle


def _trig_document(graphs: list[ArticleGraph]) -> bytes:
    shared = [quad for graph in graphs for quad in graph.shared]
    return b"".join([prefix_header(), *(graph.block for graph in graphs), trig_block(shared)])


def graph_quads(graph: str, triples: Iterable[Triple]) -> list[pyoxigraph.Quad]:
    name = pyoxigraph.NamedNode(graph)  # once per graph: a million NamedNode() calls cost seconds
    return [pyoxigraph.Quad(subject, predicate, obj, name) for subject, predicate, obj in triples]


class MemoryBackend:
    """rdflib's own in-memory store: nothing persists; for notebooks, tests and comparison."""

    def open(self, path: Path | None, read_only: bool) -> Store:
        if path is not None:
            raise StoreError(f"{path}: the memory backend keeps nothing on disk; give no path or use the oxigraph backend")
        from rdflib.plugins.stores.memory import Memory

        return Memory()

    def close(self) -> None:
        pass

    def update(self, dataset: Dataset, sparql: str) -> None:
        dataset.update(sparql, initNs=PREFIXES)

    def select_values(self, dataset: Dataset, sparql: str) -> Iterator[dict[str, str | None]]:
        result = dataset.query(sparql, initNs=PREFIXES)
        for row in result:
            yield {str(name): _value(row[name]) for name in result.vars}

    def bulk_add(self, dataset: Dataset, documents: Iterable[bytes]) -> None:
        for document in documents:
            dataset.addN(rdflib_quad(quad, dataset) for quad in pyoxigraph.parse(document, format=pyoxigraph.RdfFormat.TRIG))

    def compact(self) -> None:
        pass

    def replace_graph(self, dataset: Dataset, graph: str, quads: list[pyoxigraph.Quad]) -> None:
        dataset.remove_graph(dataset.graph(URIRef(graph)))
        dataset.addN(rdflib_quad(quad, dataset) for quad in quads)


BACKENDS: dict[str, Callable[[], Backend]] = {"oxigraph": OxigraphBackend, "memory": MemoryBackend}


def _check_marker(path: Path, read_only: bool) -> None:
    """Create the marker in a new (missing or empty) folder; refuse a folder that is not ours."""
    marker = path / MARKER
    if not path.exists() or (path.is_dir() and not any(path.iterdir())):
        if read_only:
            raise StoreError(f"{path}: no kg store here (run `kg build` first)")
        path.mkdir(parents=True, exist_ok=True)
        marker.write_text(json.dumps({"format": STORE_FORMAT, "version": STORE_VERSION}) + "\n", encoding="utf-8")
        return
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{path}: not a kg store (no {MARKER}); refusing to write into it") from None
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: unreadable {MARKER}: {exc}") from exc
    if info.get("format") != STORE_FORMAT or info.get("version") != STORE_VERSION:
        raise StoreError(
            f"{path}: a store of format {info.get('format')!r} version {info.get('version')!r}; "
            f"this kg reads {STORE_FORMAT!r} version {STORE_VERSION}: rebuild it into a new folder"
        )


def _read_query(name: str) -> str:
    return ontology_path("queries", name).read_text(encoding="utf-8")


def _value(term) -> str | None:
    return None if term is None else str(term)


@dataclass
class KgStore:
    """The knowledge graph store. Use as a context manager; `dataset` is the rdflib view of it."""

    dataset: Dataset
    backend: Backend
    path: Path | None
    read_only: bool
    turtle_cache: TurtleCache

    def __enter__(self) -> KgStore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.dataset.close()
        self.backend.close()
        self.turtle_cache.close()

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only")

    def _article_value(self, doc: str, predicate: URIRef) -> str | None:
        # A query rather than `dataset.graph(node).value(...)`, which adds the graph to the store
        # when it is missing: a new article then took the slow replacing path of replace_graph.
        node = article_iri(doc)
        rows = self.backend.select_values(self.dataset, f"SELECT ?value WHERE {{ GRAPH <{node}> {{ <{node}> <{predicate}> ?value }} }}")
        return next((row["value"] for row in rows), None)

    def article_hash(self, doc: str) -> str | None:
        """The content hash stored for the article, or None when it is not in the store."""
        return self._article_value(doc, KG.contentHash)

    def extractor_fingerprint(self, doc: str) -> str | None:
        """The fingerprint of what extracted the stored article's assertions, or None."""
        return self._article_value(doc, KG.extractorFingerprint)

    def turtle_digest(self, doc: str) -> str | None:
        """The digest naming the article graph's cached Turtle, or None."""
        return self._article_value(doc, KG.turtleDigest)

    def _article_graph(self, article: Article, assertions: Iterable[Assertion], extractor: str | None = None) -> ArticleGraph:
        """The article's graph (its own statements in canonical order, as article_triples makes
        them; then its edges and the digest of its Turtle), whose Turtle is cached first."""
        graph = article_iri(article.doc)
        own_triples, edge_triples = split_statements(article_triples(article, assertions, extractor))
        statements = graph_quads(graph, own_triples)
        block = trig_block(statements)
        body = block_body(block)
        digest = digest_of(body)
        self.turtle_cache.put(digest, body)
        shared = graph_quads(graph, [*edge_triples, digest_triple(pyoxigraph.NamedNode(graph), digest)])
        return ArticleGraph(statements, shared, block, digest)

    def replace_article(self, article: Article, assertions: list[Assertion], extractor: str | None = None) -> None:
        """Write the article's graph, replacing what was stored for it, atomically; `extractor`
        is the fingerprint of what extracted the assertions (kg.builder passes it)."""
        self._writable()
        old = self.turtle_digest(article.doc)
        graph = self._article_graph(article, assertions, extractor)
        self.turtle_cache.commit()
        self.backend.replace_graph(self.dataset, article_iri(article.doc), graph.statements + graph.shared)
        self._discard_turtle(old, keep=graph.digest)

    def remove_article(self, doc: str) -> None:
        self._writable()
        old = self.turtle_digest(doc)
        self.backend.replace_graph(self.dataset, article_iri(doc), [])
        self._discard_turtle(old)

    def _discard_turtle(self, digest: str | None, keep: str | None = None) -> None:
        """After the transaction: an interruption before this leaves an unused body, nothing worse."""
        if digest is not None and digest != keep:
            self.turtle_cache.discard(digest)

    def replace_reference_graphs(self, actors: Iterable[ActorLike]) -> None:
        """Write the ontology graph and the actors graph (generated from the actor data)."""
        self._writable()
        self.backend.replace_graph(self.dataset, ONTOLOGY_GRAPH, graph_quads(ONTOLOGY_GRAPH, ontology_triples()))
        self.backend.replace_graph(self.dataset, ACTORS_GRAPH, graph_quads(ACTORS_GRAPH, actor_triples(actors)))

    def read_assertions(self) -> list[Assertion]:
        """Every stored assertion, read back through the projection ontology/queries/assertions.rq."""
        rows = self.backend.select_values(self.dataset, _read_query("assertions.rq"))
        assertions = [
            Assertion(
                doc=row["doc"],
                subject=row["subject"],
                relation=row["relation"],
                object=row["object"],
                evidence=row["evidence"],
                start=int(row["start"]),
                end=int(row["end"]),
                trigger=row["trigger"] or "",
                subject_text=row["subject_text"] or "",
                object_text=row["object_text"] or "",
                confidence=float(row["confidence"]),
                date=row["date"],
                lang=row["lang"],
            )
            for row in rows
        ]
        return sorted(assertions, key=lambda a: (a.doc, a.start, a.subject, a.relation, a.object, a.end))

    def articles(self) -> dict[str, dict]:
        """doc -> {"title", "date", "url", "lang"} for every stored article."""
        rows = self.backend.select_values(self.dataset, _read_query("articles.rq"))
        return {row["doc"]: {key: row[key] for key in ("title", "date", "url", "lang")} for row in rows}

    def bulk_load(self, articles: Iterable[tuple[Article, list[Assertion]]], *, compact: bool = True) -> None:
        """Load many new articles at once, bypassing transactions: the fast path for a store built
        from scratch (benchmarks, a first import into a fresh folder). An interruption can leave
        a partial load, so use `replace_article` on a store you cannot simply rebuild.

        The load leaves the database in many overlapping pieces, which RocksDB merges only while
        the store is open for writing; `compact` merges them before returning, so that stores
        opened read-only (`kg query`, `kg export`) answer at full speed. Pass False to load in
        several calls, and call `compact()` after the last."""
        self._writable()
        self.backend.bulk_add(self.dataset, self._trig_documents(articles))
        self.turtle_cache.commit()  # after the load: a body missing until then is a cache miss, no more
        if compact:
            self.compact()

    def compact(self) -> None:
        """Merge the database's files (Oxigraph's `optimize`): after a bulk load, queries over
        the whole graph took 2.2 s instead of 0.85 s until this ran (docs/rdf.md)."""
        self._writable()
        self.backend.compact()

    def _trig_documents(self, articles: Iterable[tuple[Article, list[Assertion]]]) -> Iterator[bytes]:
        """The articles' graphs as TriG documents of about BULK_DOCUMENT_STATEMENTS statements,
        made of the very blocks that give their cached Turtle; each graph's edges and digest go
        in a block of their own at the end of the document (TriG merges blocks of one graph)."""
        batch: list[ArticleGraph] = []
        statements = 0
        for article, assertions in articles:
            graph = self._article_graph(article, assertions)
            batch.append(graph)
            statements += len(graph.statements) + len(graph.shared)
            if statements >= BULK_DOCUMENT_STATEMENTS:
                yield _trig_document(batch)
                batch, statements = [], 0
        if batch:
            yield _trig_document(batch)

    def query(self, sparql: str, *, update: bool = False) -> Result | None:
        """Run SPARQL over the union of all graphs, with the project's prefixes declared."""
        if update:
            self._writable()
            try:
                self.backend.update(self.dataset, _FORGET_TURTLE + sparql)
            except SyntaxError as exc:  # point into the caller's text, not ours
                raise SyntaxError(_ERROR_LINE.sub(lambda m: f"at {int(m.group(1)) - 1}:", str(exc), count=1)) from None
            return None
        return self.dataset.query(sparql, initNs=PREFIXES)

    def __len__(self) -> int:
        return len(self.dataset)


def open_store(path: str | Path | None = None, *, backend: str = "oxigraph", read_only: bool = False) -> KgStore:
    """Open (or, unless read_only, create) a kg store; `path=None` keeps it in memory."""
    try:
        chosen = BACKENDS[backend]()
    except KeyError:
        raise StoreError(f"unknown store backend {backend!r}; choose one of {', '.join(BACKENDS)}") from None
    folder = Path(path) if path is not None else None
    if folder is not None:
        _check_marker(folder, read_only)
    dataset = Dataset(store=chosen.open(folder, read_only), default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    cache = TurtleCache(folder / TURTLE_CACHE if folder is not None else None, read_only)
    return KgStore(dataset=dataset, backend=chosen, path=folder, read_only=read_only, turtle_cache=cache)
