"""The main job: ingest -> extract -> store -> triples.jsonl and graph.ttl (then analysis and views).

Articles already in the store with the same content hash are skipped (unless `rebuild`);
changed ones are re-extracted and their graph replaced. Each article is stored in one transaction, so a build
stopped half-way (Ctrl-C, kill -9, a bad file) keeps every article stored before it and no
half-written one. Articles stored by earlier builds and absent from this input stay.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.errors import InputError, UnsupportedLanguageError
from kg.records import Article, write_jsonl
from kg.resources import sample_corpus_dir
from kg.util import atomic_writer

STORE_DIR = "store"
TRIPLES_FILE = "triples.jsonl"
GRAPH_FILE = "graph.ttl"


@dataclass(frozen=True)
class BuildSummary:
    out: Path
    read: int  # articles read from the inputs
    stored: int  # new or changed articles (re)extracted and stored
    skipped: int  # unchanged articles (same content hash as in the store)
    failed: int  # input files that could not be read
    assertions: int  # assertions in the store after the build
    actors: int  # distinct actors those assertions connect
    articles: int  # articles in the store after the build


class _FailureCount:
    """Passes each input error on to the caller's callback and counts it for the summary."""

    def __init__(self, on_error: Callable[[InputError], None] | None) -> None:
        self.on_error = on_error
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        if self.on_error is None:
            raise error
        self.on_error(error)


@contextlib.contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[[Article], None]]:
    """A rich progress line on stderr (articles are streamed, so it counts rather than fills)."""
    if not enabled:
        yield lambda article: None
        return
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("building"), MofNCompleteColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("", total=None)
        yield lambda article: progress.update(task, advance=1, description=article.doc)


def build(
    inputs: Iterable[str | Path] | None = None,
    out: str | Path = "output",
    *,
    on_error: Callable[[InputError], None] | None = None,
    progress: bool = False,
    rebuild: bool = False,
) -> BuildSummary:
    """Build (or update) the knowledge graph in `out`: the store, triples.jsonl, graph.ttl, the analysis and the views.

    An article whose text is unchanged is skipped, unless it was extracted by other rules: each
    article's graph records the fingerprint of kg's version, extraction code and data files
    (kg.nlp.cache.data_fingerprint), so that upgrading kg or editing `ontology/` extracts again.
    `rebuild` extracts every article again all the same.
    """
    from kg.analysis import analyze
    from kg.extraction import extract_article
    from kg.ingest import read_articles
    from kg.knowledge.actors import load_actors
    from kg.nlp.cache import data_fingerprint
    from kg.rdf.export import export
    from kg.rdf.store import open_store
    from kg.visualize import render_views

    out = Path(out)
    failures = _FailureCount(on_error)
    read = stored = skipped = 0
    extractor = data_fingerprint()
    with open_store(out / STORE_DIR) as kg_store, _progress_bar(progress) as advance:
        kg_store.replace_reference_graphs(load_actors().actors.values())
        for article in read_articles(list(inputs) if inputs else [sample_corpus_dir()], on_error=failures):
            read += 1
            advance(article)
            if (
                not rebuild
                and kg_store.article_hash(article.doc) == article.content_hash
                and kg_store.extractor_fingerprint(article.doc) == extractor
            ):
                skipped += 1
                continue
            try:
                assertions = extract_article(article)
            except UnsupportedLanguageError as exc:
                failures(InputError(article.source or article.doc, str(exc)))
                continue
            kg_store.replace_article(article, assertions, extractor)
            stored += 1
        assertions = kg_store.read_assertions()
        articles = len(kg_store.articles())
    with atomic_writer(out / TRIPLES_FILE) as triples:
        write_jsonl(assertions, triples)
    export(out / STORE_DIR, "ttl", out / GRAPH_FILE)
    analysis = analyze(out / STORE_DIR)  # the whole store, not just this run's articles
    analysis.write(out)
    render_views(analysis, out)
    return BuildSummary(
        out=out,
        read=read,
        stored=stored,
        skipped=skipped,
        failed=failures.count,
        assertions=len(assertions),
        actors=len({actor for a in assertions for actor in (a.subject, a.object)}),
        articles=articles,
    )
