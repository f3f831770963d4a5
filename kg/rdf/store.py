"""The persistent store: an rdflib `Dataset` on Oxigraph (on disk) or on rdflib's memory store.

Layout: one named graph per article (named by the article IRI) holding the article, its
assertions and the actor-to-actor edges they support; plus the ontology graph and the actors
graph. Queries see the union of all graphs.

Replacing an article is one Oxigraph transaction (a single SPARQL update: drop the article's
graph, insert the new one), so an interrupted build leaves each article either as it was or
fully replaced. A folder that is not a kg store, a store of another format version, a locked
or corrupt store raises `StoreError`: kg never silently starts an empty store in its place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Protocol

import pyoxigraph
from oxrdflib import OxigraphStore
from rdflib import Dataset, URIRef
from rdflib.query import Result
from rdflib.store import Store

from kg.errors import StoreError
from kg.rdf.convert import ActorLike, Triple, actor_triples, article_triples, ontology_graph
from kg.rdf.iris import ACTORS_GRAPH, ONTOLOGY_GRAPH, PREFIXES, article_iri
from kg.rdf.namespace import KG
from kg.records import Article, Assertion
from kg.resources import ontology_path

# The marker file that makes a folder a kg store; `version` changes when the graph layout does.
MARKER = "kg-store.json"
STORE_FORMAT = "kg-store"
STORE_VERSION = 1


def _ntriples(triples: Iterable[Triple]) -> str:
    return "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples)


class Backend(Protocol):
    def open(self, path: Path | None, read_only: bool) -> Store: ...

    def update(self, dataset: Dataset, sparql: str) -> None: ...

    def replace_graph(self, dataset: Dataset, graph: URIRef, triples: Iterable[Triple]) -> None: ...


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
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(f"{path}: the store is in use by another kg process (locked); wait for it to finish") from exc
            raise StoreError(f"{path}: cannot open the store (corrupt or unreadable): {exc}") from exc
        return OxigraphStore(store=self.inner)

    def update(self, dataset: Dataset, sparql: str) -> None:
        # oxrdflib updates only a non-union view; the native call is the same single transaction.
        self.inner.update(sparql, prefixes=PREFIXES)

    def replace_graph(self, dataset: Dataset, graph: URIRef, triples: Iterable[Triple]) -> None:
        # One update request is one Oxigraph transaction: all of it is applied, or none.
        body = _ntriples(triples)
        self.update(dataset, f"DROP SILENT GRAPH {graph.n3()} ;\nINSERT DATA {{ GRAPH {graph.n3()} {{\n{body}}} }}")


class MemoryBackend:
    """rdflib's own in-memory store: nothing persists; for notebooks, tests and comparison."""

    def open(self, path: Path | None, read_only: bool) -> Store:
        if path is not None:
            raise StoreError(f"{path}: the memory backend keeps nothing on disk; give no path or use the oxigraph backend")
        from rdflib.plugins.stores.memory import Memory

        return Memory()

    def update(self, dataset: Dataset, sparql: str) -> None:
        dataset.update(sparql, initNs=PREFIXES)

    def replace_graph(self, dataset: Dataset, graph: URIRef, triples: Iterable[Triple]) -> None:
        dataset.remove_graph(graph)
        dataset.addN((s, p, o, dataset.graph(graph)) for s, p, o in triples)


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

    def __enter__(self) -> KgStore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.dataset.close()

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only")

    def article_hash(self, doc: str) -> str | None:
        """The content hash stored for the article, or None when it is not in the store."""
        node = article_iri(doc)
        return _value(self.dataset.graph(node).value(node, KG.contentHash))

    def replace_article(self, article: Article, assertions: list[Assertion]) -> None:
        """Write the article's graph, replacing what was stored for it, atomically."""
        self._writable()
        self.backend.replace_graph(self.dataset, article_iri(article.doc), article_triples(article, assertions))

    def remove_article(self, doc: str) -> None:
        self._writable()
        self.backend.replace_graph(self.dataset, article_iri(doc), ())

    def replace_reference_graphs(self, actors: Iterable[ActorLike]) -> None:
        """Write the ontology graph and the actors graph (generated from the actor data)."""
        self._writable()
        self.backend.replace_graph(self.dataset, ONTOLOGY_GRAPH, ontology_graph())
        self.backend.replace_graph(self.dataset, ACTORS_GRAPH, actor_triples(actors))

    def read_assertions(self) -> list[Assertion]:
        """Every stored assertion, read back through the projection ontology/queries/assertions.rq."""
        rows = self.query(_read_query("assertions.rq"))
        return [
            Assertion(
                doc=str(row.doc),
                subject=str(row.subject),
                relation=str(row.relation),
                object=str(row.object),
                evidence=str(row.evidence),
                start=int(row.start),
                end=int(row.end),
                trigger=_value(row.trigger) or "",
                subject_text=_value(row.subject_text) or "",
                object_text=_value(row.object_text) or "",
                confidence=float(row.confidence),
                date=_value(row.date),
                lang=str(row.lang),
            )
            for row in rows
        ]

    def articles(self) -> dict[str, dict]:
        """doc -> {"title", "date", "url", "lang"} for every stored article."""
        return {
            str(row.doc): {"title": _value(row.title), "date": _value(row.date), "url": _value(row.url), "lang": _value(row.lang)}
            for row in self.query(_read_query("articles.rq"))
        }

    def query(self, sparql: str, *, update: bool = False) -> Result | None:
        """Run SPARQL over the union of all graphs, with the project's prefixes declared."""
        if update:
            self._writable()
            self.backend.update(self.dataset, sparql)
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
    return KgStore(dataset=dataset, backend=chosen, path=folder, read_only=read_only)
