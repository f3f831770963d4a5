"""Render time and HTML size of the views for a synthetic graph (default: 200 actors, 5,000 edges).

    PYTHONPATH=. python scripts/bench_views.py [--actors 200] [--edges 5000] [--browser]

The graph is random with a fixed seed: actors A000..A199, relations drawn from the relation
table, one to three assertions per edge, dates over three years. Figures, not a test: the
numbers go in docs/analysis.md. --browser also times how long headless Chromium takes to
open graph.html and settle the layout.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from kg.analysis import analyze_assertions
from kg.knowledge.relations import load_relations
from kg.records import Assertion
from kg.visualize import render_views


def synthetic_assertions(actors: int, edges: int, seed: int = 0) -> list[Assertion]:
    rng = random.Random(seed)
    ids = [f"A{i:03d}" for i in range(actors)]
    relations = load_relations()
    seen: set[tuple[str, str, str]] = set()
    assertions = []
    while len(seen) < edges:
        subject, obj = rng.sample(ids, 2)
        relation = rng.choice(list(relations))
        if relations[relation].symmetric and obj < subject:
            subject, obj = obj, subject
        if (subject, relation, obj) in seen:
            continue
        seen.add((subject, relation, obj))
        for n in range(rng.randint(1, 3)):
            date = f"{rng.randint(2022, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            doc = f"doc{rng.randint(0, 2999):04d}.txt"
            sentence = f"جملة الدليل رقم {n} بين {subject} و{obj}، كما ورد في المقال."
            assertions.append(Assertion(doc, subject, relation, obj, sentence, 0, len(sentence), "", "", "", 1.0,
                                        date, "ar"))
    return assertions


def browser_seconds(graph_html: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        start = time.perf_counter()
        page.goto(graph_html.as_uri())
        page.wait_for_function("window.kgGraph && window.kgGraph.stable", timeout=600_000)
        seconds = time.perf_counter() - start
        browser.close()
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=200)
    parser.add_argument("--edges", type=int, default=5000)
    parser.add_argument("--browser", action="store_true", help="also time Chromium settling graph.html")
    args = parser.parse_args(argv)

    assertions = synthetic_assertions(args.actors, args.edges)
    start = time.perf_counter()
    analysis = analyze_assertions(assertions, titles={a.doc: f"عنوان {a.doc}" for a in assertions})
    analyzed = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as out:
        start, cpu = time.perf_counter(), time.process_time()
        pages = render_views(analysis, out)
        rendered, rendered_cpu = time.perf_counter() - start, time.process_time() - cpu
        sizes = {p.name: p.stat().st_size for p in pages if p.parent == Path(out)}
        total = sum(p.stat().st_size for p in pages)
        settle = browser_seconds(Path(out) / "graph.html") if args.browser else None
    mb = 1024 * 1024
    print(f"graph: {analysis.graph.number_of_nodes()} actors, {analysis.graph.number_of_edges()} edges, "
          f"{len(analysis.pairs)} pairs, {len(assertions)} assertions, {len(analysis.blocs)} blocs")
    print(f"analyze_assertions: {analyzed:.2f} s")
    # wall time includes one fsync per page (kg.util.atomic_writer): on a busy disk, most of it
    print(f"render_views: {rendered:.2f} s wall, {rendered_cpu:.2f} s CPU, for {len(pages)} pages "
          f"({total / mb:.1f} MiB in all)")
    print(f"graph.html: {sizes['graph.html'] / mb:.2f} MiB; index.html: {sizes['index.html'] / 1024:.0f} KiB")
    if settle is not None:
        print(f"Chromium: graph.html opened and layout settled in {settle:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
