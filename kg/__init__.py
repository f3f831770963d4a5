"""kg: news articles in, an evidence-backed knowledge graph of relations between states out.

The public API, for notebooks and scripts; the `kg` command line is a thin layer over it.
Names are imported on first use, so `import kg` stays cheap for commands that need little.

    >>> import kg
    >>> articles = kg.read_articles(["news/"])
    >>> for assertion in kg.extract(articles):
    ...     print(assertion.subject, assertion.relation, assertion.object)
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_API = {
    # records (the JSONL contract)
    "Article": "kg.records",
    "Mention": "kg.records",
    "Assertion": "kg.records",
    # step 1: ingest
    "read_articles": "kg.ingest",
    # knowledge
    "load_actors": "kg.knowledge.actors",
    "list_actors": "kg.knowledge.actors",
    "describe_actor": "kg.knowledge.actors",
    "load_relations": "kg.knowledge.relations",
    # step 2: extract
    "make_nlp": "kg.nlp",
    "extract": "kg.extraction",
    "find_mentions": "kg.extraction",
    "evaluate": "kg.evaluation",
    "evaluate_files": "kg.evaluation",
    "read_gold": "kg.evaluation",
    # step 3: RDF
    "open_store": "kg.rdf.store",
    "query": "kg.rdf.query",
    "export": "kg.rdf.export",
    "validate": "kg.rdf.validate",
    # step 4 and 5: analysis and views
    "analyze": "kg.analysis",
    "analyze_assertions": "kg.analysis",
    "render_views": "kg.visualize",
    # the main job
    "build": "kg.builder",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
