"""The store: one named graph per article, replace and remove, edges kept consistent with the
assertions, the assertions read back, and clear errors for stores that cannot be opened."""

from __future__ import annotations

import json
import threading
from dataclasses import replace

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.errors import StoreError
from kg.knowledge.relations import canonical_triple
from kg.rdf import store as store_module
from kg.rdf.store import MARKER, open_store
from rdf_gold import fill_store, gold_assertions, sample_articles

DOC_000 = "000_2a1375cafe2bf826.txt"
DOC_001 = "001_20e9d7e16a69eea3.txt"


@pytest.fixture
def gold_store():
    with open_store(None) as kg_store:
        fill_store(kg_store)
        yield kg_store


def edge_exists(kg_store, subject: str, relation: str, obj: str) -> bool:
    return kg_store.query(f"ASK {{ actor:{subject} kg:{relation} actor:{obj} }}").askAnswer


def union(kg_store) -> Graph:
    graph = Graph()
    for triple in kg_store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph:
        graph.add(triple)
    return graph


def test_read_assertions_gives_back_the_gold_triples(gold_store):
    expected = {
        (a.doc, *canonical_triple(*a.triple), a.evidence, a.start, a.end)
        for items in gold_assertions(sample_articles()).values()
        for a in items
    }
    got = {(a.doc, a.subject, a.relation, a.object, a.evidence, a.start, a.end) for a in gold_store.read_assertions()}
    assert got == expected
    assert len(got) == 82


def test_articles_lists_each_article_with_its_metadata(gold_store):
    articles = gold_store.articles()
    assert sorted(articles) == sorted(sample_articles())
    assert articles[DOC_000] == {
        "title": "روسيا تعمق التعاون العسكري مع كوبا ودول أخرى في المنطقة – RT EN",
        "date": "2022-01-27",
        "url": None,
        "lang": "ar",
    }


def test_article_hash_is_the_content_hash(gold_store):
    assert gold_store.article_hash(DOC_000) == sample_articles()[DOC_000].content_hash
    assert gold_store.article_hash("not-stored.txt") is None


def test_asking_about_an_article_does_not_store_its_graph(tmp_path):
    with open_store(tmp_path / "store") as kg_store:
        assert kg_store.article_hash("new.txt") is None
        assert kg_store.extractor_fingerprint("new.txt") is None
        assert kg_store.turtle_digest("new.txt") is None
        assert list(kg_store.backend.inner.named_graphs()) == []


@pytest.mark.parametrize(
    "subject, relation, obj",
    [
        ("RUS", "military_cooperation", "CUB"),  # symmetric: found from either side
        ("CUB", "military_cooperation", "RUS"),
        ("USA", "sanction", "RUS"),
    ],
)
def test_direct_edges_are_one_triple_pattern(gold_store, subject, relation, obj):
    assert edge_exists(gold_store, subject, relation, obj)


def test_directed_edge_is_not_reversed(gold_store):
    assert not edge_exists(gold_store, "RUS", "sanction", "USA")


def test_replacing_an_article_replaces_its_assertions_and_edges(gold_store):
    article = sample_articles()[DOC_000]
    kept = [a for a in gold_assertions(sample_articles())[DOC_000] if a.relation != "threaten"]
    gold_store.replace_article(article, kept)
    assert not edge_exists(gold_store, "RUS", "threaten", "USA")  # only article 000 said so
    assert sum(a.doc == DOC_000 for a in gold_store.read_assertions()) == len(kept)


def test_an_edge_stays_while_another_article_supports_it(gold_store):
    # RUS military_cooperation CUB is asserted by articles 000 and 001.
    gold_store.remove_article(DOC_000)
    assert edge_exists(gold_store, "RUS", "military_cooperation", "CUB")
    gold_store.remove_article(DOC_001)
    assert not edge_exists(gold_store, "RUS", "military_cooperation", "CUB")
    assert DOC_000 not in gold_store.articles()


def test_storing_again_gives_the_same_graph(gold_store):
    before = union(gold_store)
    fill_store(gold_store)
    assert isomorphic(union(gold_store), before)


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")  # inside rdflib
def test_oxigraph_and_memory_backends_hold_the_same_graph(gold_store):
    with open_store(None, backend="memory") as memory:
        fill_store(memory)
        assert isomorphic(union(memory), union(gold_store))
        assert memory.read_assertions() == gold_store.read_assertions()


def test_bulk_load_writes_what_replace_article_writes(gold_store):
    articles = sample_articles()
    assertions = gold_assertions(articles)
    with open_store(None) as bulk:
        fill_store(bulk, articles=[])  # reference graphs only
        bulk.bulk_load((articles[doc], assertions[doc]) for doc in articles)
        assert isomorphic(union(bulk), union(gold_store))


def test_bulk_load_in_many_documents_and_threads_writes_the_same_graph(gold_store, monkeypatch):
    monkeypatch.setattr(store_module, "BULK_DOCUMENT_STATEMENTS", 1)  # a TriG document per article
    articles = sample_articles()
    assertions = gold_assertions(articles)
    with open_store(None) as bulk:
        fill_store(bulk, articles=[])
        bulk.bulk_load((articles[doc], assertions[doc]) for doc in articles)
        assert isomorphic(union(bulk), union(gold_store))


def database_files(path) -> int:
    return len(list(path.glob("*.sst")))


def test_a_bulk_load_is_compacted_unless_asked_not_to(tmp_path, monkeypatch):
    """Read-only stores (kg query, kg export) cannot merge the pieces a bulk load leaves."""
    monkeypatch.setattr(store_module, "BULK_DOCUMENT_STATEMENTS", 1)
    articles = sample_articles()
    assertions = gold_assertions(articles)
    files = {}
    for compact in (True, False):
        path = tmp_path / f"compact-{compact}"
        with open_store(path) as bulk:
            fill_store(bulk, articles=[])
            bulk.bulk_load(((articles[doc], assertions[doc]) for doc in articles), compact=compact)
            files[compact] = database_files(path)
            if not compact:
                bulk.compact()
                # one set of files per column family, give or take a flush of the write buffer
                assert database_files(path) <= files[True] + 1 < files[False]
    with open_store(tmp_path / "compact-True", read_only=True) as kg_store:
        with pytest.raises(StoreError, match="read-only"):
            kg_store.compact()


class FailingLoads:
    """Oxigraph's store, except that its second bulk load fails as a full disk would."""

    def __init__(self, inner) -> None:
        self.inner, self.loads = inner, 0

    def bulk_load(self, *args, **kwargs) -> None:
        self.loads += 1
        if self.loads == 2:
            raise OSError("No space left on device")
        self.inner.bulk_load(*args, **kwargs)


def bulk_loaders() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("kg-bulk-load")]


def test_a_failing_bulk_load_raises_its_error_and_stops_its_threads(monkeypatch):
    monkeypatch.setattr(store_module, "BULK_DOCUMENT_STATEMENTS", 1)
    articles = sample_articles()
    assertions = gold_assertions(articles)
    with open_store(None) as bulk:
        bulk.backend.inner = FailingLoads(bulk.backend.inner)
        with pytest.raises(OSError, match="No space left on device"):
            bulk.bulk_load((articles[doc], assertions[doc]) for doc in articles)
    assert bulk_loaders() == []


def test_an_error_while_reading_the_articles_stops_the_bulk_load_threads():
    articles = sample_articles()
    assertions = gold_assertions(articles)

    def pairs():
        yield from ((articles[doc], assertions[doc]) for doc in list(articles)[:2])
        raise ValueError("bad input file")

    with open_store(None) as bulk:
        with pytest.raises(ValueError, match="bad input file"):
            bulk.bulk_load(pairs())
    assert bulk_loaders() == []


def graph_sizes(kg_store) -> dict[str, int]:
    rows = kg_store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {str(row.g): int(row.n) for row in rows}


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_bulk_load_puts_each_article_in_its_own_graph(gold_store, backend):
    articles = sample_articles()
    assertions = gold_assertions(articles)
    with open_store(None, backend=backend) as bulk:
        fill_store(bulk, articles=[])
        bulk.bulk_load((articles[doc], assertions[doc]) for doc in articles)
        sizes = graph_sizes(bulk)
    assert sizes == graph_sizes(gold_store)
    assert len(sizes) == len(articles) + 2  # and the ontology and actors graphs


def test_store_persists_on_disk(tmp_path):
    with open_store(tmp_path / "store") as kg_store:
        fill_store(kg_store, articles=[DOC_000])
    with open_store(tmp_path / "store", read_only=True) as kg_store:
        assert list(kg_store.articles()) == [DOC_000]


def test_read_only_store_refuses_writes(tmp_path):
    open_store(tmp_path / "store").close()
    with open_store(tmp_path / "store", read_only=True) as kg_store:
        with pytest.raises(StoreError, match="read-only"):
            kg_store.remove_article(DOC_000)


def write_marker(folder, info: dict) -> None:
    folder.mkdir()
    (folder / MARKER).write_text(json.dumps(info), encoding="utf-8")


@pytest.mark.parametrize(
    "prepare, message",
    [
        (lambda folder: (folder.mkdir(), (folder / "notes.txt").write_text("x")), "not a kg store"),
        (lambda folder: write_marker(folder, {"format": "kg-store", "version": 99}), "version 99"),
        (lambda folder: (folder.mkdir(), (folder / MARKER).write_text("{broken")), "unreadable"),
    ],
    ids=["foreign folder", "other version", "broken marker"],
)
def test_a_folder_that_is_not_our_store_is_refused(tmp_path, prepare, message):
    folder = tmp_path / "store"
    prepare(folder)
    with pytest.raises(StoreError, match=message):
        open_store(folder)


def test_corrupt_store_gives_a_store_error(tmp_path):
    folder = tmp_path / "store"
    with open_store(folder) as kg_store:
        fill_store(kg_store, articles=[DOC_000])
    for name in ("CURRENT", "IDENTITY"):
        (folder / name).write_bytes(b"\x00garbage\n")
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(folder)


def test_locked_store_gives_a_store_error(tmp_path):
    with open_store(tmp_path / "store"):
        with pytest.raises(StoreError, match="in use"):
            open_store(tmp_path / "store")


def test_missing_store_is_not_created_for_reading(tmp_path):
    with pytest.raises(StoreError, match="no kg store"):
        open_store(tmp_path / "store", read_only=True)
    assert not (tmp_path / "store").exists()


def test_unknown_backend():
    with pytest.raises(StoreError, match="unknown store backend 'sqlite'"):
        open_store(None, backend="sqlite")


def test_symmetric_assertion_swaps_its_surface_texts():
    article = sample_articles()[DOC_000]
    gold = gold_assertions(sample_articles())[DOC_000][0]  # CUB military_cooperation RUS
    reversed_ = replace(gold, subject="RUS", object="CUB", subject_text="روسيا", object_text="كوبا")
    with open_store(None) as kg_store:
        kg_store.replace_article(article, [reversed_])
        (stored,) = kg_store.read_assertions()
    assert (stored.subject, stored.object, stored.subject_text, stored.object_text) == ("CUB", "RUS", "كوبا", "روسيا")
