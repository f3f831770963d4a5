"""Store benchmark: load, size, memory, query latency and export at ~1 million triples.

Builds a synthetic corpus (default 12,000 articles x 6 assertions, about 1.1 million triples;
actors, relations, dates and evidence text all vary, so nothing deduplicates away), loads it
with `KgStore.bulk_load` into a fresh Oxigraph store (`--bulk-runs` times) and through `KgStore.replace_article`
(one transaction per article, as `kg build` does), then times the example queries of
ontology/queries/, reading every assertion back and the Turtle export, and what reading the
whole store costs Oxigraph itself. Each backend runs in its own subprocess so that peak memory
is its own. Prints one JSON object per backend and a table.

    PYTHONPATH=. python scripts/bench_store.py                       # oxigraph and memory
    PYTHONPATH=. python scripts/bench_store.py --articles 2000       # a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kg.knowledge.relations import load_relations
from kg.records import Article, Assertion
from kg.resources import ontology_path

# Actors the example queries name, plus synthetic ids: the corpus must contain the former.
QUERY_ACTORS = ["RUS", "USA", "CUB", "CSTO"]
WORDS = "اتفق الرئيس وزير الخارجية على تطوير التعاون العسكري الاقتصادي بين البلدين خلال زيارة رسمية قمة اجتماع".split()
EXAMPLE_QUERIES = ["military_cooperation_by_year", "conflict_pairs", "pair_evidence", "organisation_members", "assertions"]


def synthetic_corpus(articles: int, per_article: int, actors: int, seed: int = 7):
    """Yields (Article, [Assertion]) pairs; deterministic for a given seed."""
    rng = random.Random(seed)
    ids = QUERY_ACTORS + [f"S{n:03d}" for n in range(actors - len(QUERY_ACTORS))]
    relations = list(load_relations())
    for n in range(articles):
        date = f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sentences = [f"{' '.join(rng.choices(WORDS, k=12))} {n}-{k}." for k in range(per_article)]
        text = "\n".join(sentences)
        doc = f"synthetic_{n:06d}.txt"
        article = Article(doc=doc, text=text, title=sentences[0], date=date, url=f"https://example.org/news/{n}", lang="ar")
        assertions, offset = [], 0
        for sentence in sentences:
            subject, obj = rng.sample(ids, 2)
            assertions.append(
                Assertion(doc, subject, rng.choice(relations), obj, sentence, offset, offset + len(sentence),
                          rng.choice(WORDS), subject, obj, round(rng.random(), 4), date, "ar")
            )
            offset += len(sentence) + 1
        yield article, assertions


@dataclass(frozen=True)
class SyntheticActor:
    """The fields kg.rdf.convert.actor_triples reads; CSTO gets members so the membership query has work."""

    id: str
    kind: str
    name_en: str | None = None
    name_ar: str | None = None
    iso2: str | None = None
    capital_en: str | None = None
    capital_ar: str | None = None
    state: str | None = None
    members: tuple[str, ...] | None = None
    role: str | None = None
    start: str | None = None
    end: str | None = None
    source: str | None = None


def synthetic_actors(actors: int) -> list[SyntheticActor]:
    ids = QUERY_ACTORS + [f"S{n:03d}" for n in range(actors - len(QUERY_ACTORS))]
    return [
        SyntheticActor(i, "organisation" if i == "CSTO" else "state", name_en=i, members=("RUS", *ids[4:12]) if i == "CSTO" else None)
        for i in ids
    ]


def disk_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout


def timed(function, repeat: int = 5, limit: int = 0) -> float | str:
    """Median wall time in ms (with several runs, the first warms caches and is kept out).
    With `limit` seconds, a run that takes longer is stopped and reported as ">limit s"."""
    signal.signal(signal.SIGALRM, _alarm)
    times = []
    try:
        for run in range(repeat + 1 if repeat > 1 else 1):
            signal.alarm(limit)
            start = time.perf_counter()
            function()
            signal.alarm(0)
            if run or repeat == 1:
                times.append((time.perf_counter() - start) * 1000)
    except Timeout:
        return f">{limit} s"
    return round(statistics.median(times), 1)


def read_floor(path: Path) -> dict:
    """What reading the whole store costs Oxigraph itself, without kg or Python in the loop:
    counting every quad (no term is turned back into its string) and dumping every quad as
    N-Quads (every term is). The difference is the cost of looking up the terms' strings in
    RocksDB, the floor under any export."""
    import pyoxigraph

    inner = pyoxigraph.Store.read_only(str(path))
    start = time.perf_counter()
    list(inner.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
    counted = time.perf_counter() - start
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        inner.dump(sink, pyoxigraph.RdfFormat.N_QUADS)
    return {"floor_count_quads_s": round(counted, 2), "floor_dump_nquads_s": round(time.perf_counter() - start, 2)}


def run_backend(backend: str, articles: int, per_article: int, actors: int, limit: int, bulk_runs: int) -> dict:
    from kg.rdf.export import export
    from kg.rdf.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="kg-bench-")) if backend == "oxigraph" else None
    corpus = list(synthetic_corpus(articles, per_article, actors))
    figures = {"backend": backend, "articles": articles, "assertions": articles * per_article}

    if folder:
        # The bulk loader first, into fresh stores in a fresh process, as a first import runs:
        # measured after the transactional phase below, in the same process, it ran 15-25%
        # slower (75,000-88,000 triples/s against 99,000-105,000). It loads on both cores and
        # writes about 1.5 GB, so it varies with what else the machine runs: the median of
        # `bulk_runs` loads, each into a new store; the last one is kept for the queries.
        rates = []
        for _ in range(bulk_runs):
            shutil.rmtree(folder / "bulk", ignore_errors=True)
            with open_store(folder / "bulk", backend=backend) as kg_store:
                kg_store.replace_reference_graphs(synthetic_actors(actors))
                start = time.perf_counter()
                kg_store.bulk_load(corpus, compact=False)
                loaded = time.perf_counter()
                kg_store.compact()  # what bulk_load does by default, timed on its own
                done = time.perf_counter()
                triples = len(kg_store)
                rates.append((triples / (loaded - start), figures["assertions"] / (loaded - start), done - loaded, triples / (done - start)))
        figures["load_bulk_triples_per_s"] = round(statistics.median(rate[0] for rate in rates))
        figures["load_bulk_triples_per_s_runs"] = sorted(round(rate[0]) for rate in rates)
        figures["load_bulk_assertions_per_s"] = round(statistics.median(rate[1] for rate in rates))
        figures["load_bulk_compaction_s"] = round(statistics.median(rate[2] for rate in rates), 2)
        figures["load_bulk_compacted_triples_per_s"] = round(statistics.median(rate[3] for rate in rates))

    # kg build's path: one transaction per article.
    kg_store = open_store(folder / "transactional" if folder else None, backend=backend)
    kg_store.replace_reference_graphs(synthetic_actors(actors))
    start = time.perf_counter()
    for article, assertions in corpus:
        kg_store.replace_article(article, assertions)
    seconds = time.perf_counter() - start
    figures["triples"] = len(kg_store)
    figures["load_transactional_triples_per_s"] = round(figures["triples"] / seconds)
    figures["load_transactional_assertions_per_s"] = round(figures["assertions"] / seconds)

    if folder:  # queries and export run on the bulk-loaded store
        kg_store.close()
        figures["disk_transactional_mb"] = round(disk_size(folder / "transactional") / 1e6, 1)
        path = folder / "bulk"
        kg_store = open_store(path, backend=backend, read_only=True)  # as `kg query` opens it
    print(f"{backend}: loaded {figures['triples']} triples", file=sys.stderr, flush=True)
    repeat = 5 if backend == "oxigraph" else 1  # rdflib's SPARQL engine takes minutes at this size
    for name in EXAMPLE_QUERIES:
        sparql = ontology_path("queries", f"{name}.rq").read_text(encoding="utf-8")
        figures[f"query_{name}_ms"] = timed(
            lambda: list(kg_store.query(sparql)), repeat=1 if name == "assertions" else repeat, limit=limit
        )
        print(f"{backend}: query {name}: {figures[f'query_{name}_ms']} ms", file=sys.stderr, flush=True)
    figures["read_assertions_ms"] = timed(kg_store.read_assertions, repeat=1, limit=limit)
    if backend == "oxigraph":
        kg_store.close()
        figures["disk_bulk_mb"] = round(disk_size(path) / 1e6, 1)
        start = time.perf_counter()
        export(path, "ttl", folder / "graph.ttl")
        figures["export_ttl_s"] = round(time.perf_counter() - start, 2)
        figures["export_ttl_mb"] = round((folder / "graph.ttl").stat().st_size / 1e6, 1)
        figures.update(read_floor(path))
        shutil.rmtree(folder)
    else:
        figures["export_trig_ms"] = timed(lambda: kg_store.dataset.serialize(format="trig"), repeat=1, limit=limit)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=12_000)
    parser.add_argument("--per-article", type=int, default=6, help="assertions per article")
    parser.add_argument("--actors", type=int, default=250)
    parser.add_argument("--backend", choices=["oxigraph", "memory"], action="append")
    parser.add_argument("--limit", type=int, default=180, help="stop a query or export after this many seconds")
    parser.add_argument("--bulk-runs", type=int, default=3, help="bulk loads to take the median of")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    backends = args.backend or ["oxigraph", "memory"]
    if args.child:
        print(json.dumps(run_backend(backends[0], args.articles, args.per_article, args.actors, args.limit, args.bulk_runs)))
        return
    results = []
    for backend in backends:
        command = [sys.executable, __file__, "--child", "--backend", backend, "--articles", str(args.articles),
                   "--per-article", str(args.per_article), "--actors", str(args.actors), "--limit", str(args.limit),
                   "--bulk-runs", str(args.bulk_runs)]
        output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    keys = sorted({key for figures in results for key in figures} - {"backend"}, key=lambda k: (k[:5] != "artic", k))
    print("\n| figure | " + " | ".join(r["backend"] for r in results) + " |")
    print("|---|" + "---|" * len(results))
    for key in keys:
        print(f"| {key} | " + " | ".join(str(r.get(key, "")) for r in results) + " |")


if __name__ == "__main__":
    main()
