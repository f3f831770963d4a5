"""Test support for the RDF tests: the five sample articles with the gold assertions.

The gold records (tests/data/gold/seeds.jsonl) give doc, triple and evidence; offsets come from
finding the evidence in the article text. Dates are the ones printed in the articles (two have
none). The actor stub is the ids the gold uses, as kg.knowledge.actors.Actor records.
"""

from __future__ import annotations

import json
from pathlib import Path

from kg.knowledge.actors import Actor
from kg.records import Article, Assertion
from kg.resources import sample_corpus_dir

DATA = Path(__file__).parent / "data"

SAMPLE_DATES = {
    "000_2a1375cafe2bf826.txt": "2022-01-27",
    "001_20e9d7e16a69eea3.txt": "2022-01-28",
    "003_a83956a0184b8b8b.txt": "2021-08-11",
}
ORGANISATIONS = {"NATO", "CSTO"}
GROUPS = {"TALIBAN"}
CSTO_MEMBERS = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


def sample_articles() -> dict[str, Article]:
    articles = {}
    for path in sorted(sample_corpus_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        articles[path.name] = Article(
            doc=path.name, text=text, title=text.splitlines()[0], date=SAMPLE_DATES.get(path.name), source=str(path)
        )
    return articles


def gold_assertions(articles: dict[str, Article]) -> dict[str, list[Assertion]]:
    """doc -> its gold assertions, with offsets and the article's date."""
    by_doc: dict[str, list[Assertion]] = {doc: [] for doc in articles}
    for record in _gold_records():
        article = articles[record["doc"]]
        assertion = _gold_assertion(article, record)
        assert assertion is not None, record
        by_doc[article.doc].append(assertion)
    return by_doc


def _gold_records() -> list[dict]:
    return [json.loads(line) for line in (DATA / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()]


def _gold_assertion(article: Article, record: dict) -> Assertion | None:
    """The gold record as an assertion of `article`, its offsets found in the text (None if absent)."""
    start = article.text.find(record["evidence"])
    if start < 0:
        return None
    return Assertion(
        doc=article.doc,
        subject=record["subject"],
        relation=record["relation"],
        object=record["object"],
        evidence=record["evidence"],
        start=start,
        end=start + len(record["evidence"]),
        trigger="",
        subject_text=record["subject"],
        object_text=record["object"],
        confidence=1.0,
        date=article.date,
        lang=article.lang,
    )


def stub_actors(assertions: dict[str, list[Assertion]]) -> list[Actor]:
    ids = sorted({actor for items in assertions.values() for a in items for actor in (a.subject, a.object)})
    kinds = {**{i: "organisation" for i in ORGANISATIONS}, **{i: "group" for i in GROUPS}}
    return [
        Actor(id=i, kind=kinds.get(i, "state"), name_en=i, name_ar=i, members=tuple(CSTO_MEMBERS) if i == "CSTO" else ())
        for i in ids
    ]


def fill_store(kg_store, articles=None) -> None:
    """Load the gold samples (all, or the given docs) with the actor stub into an open KgStore."""
    all_articles = sample_articles()
    assertions = gold_assertions(all_articles)
    kg_store.replace_reference_graphs(stub_actors(assertions))
    for doc in articles or all_articles:
        kg_store.replace_article(all_articles[doc], assertions[doc])


def gold_extractor(article: Article) -> list[Assertion]:
    """Stands in for kg.extraction.extract_article: the gold records of the article, with offsets
    found in the text as ingest delivered it (records whose evidence is not there are left out)."""
    candidates = (_gold_assertion(article, r) for r in _gold_records() if r["doc"] == article.doc)
    return [assertion for assertion in candidates if assertion is not None]
