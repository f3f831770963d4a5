"""Step 2: articles -> assertions (state-level relations with evidence) and actor mentions."""

from __future__ import annotations

from typing import Iterable, Iterator

from kg.records import Article, Assertion, Mention
from kg.nlp.relation_extractor import RelationCandidate


def extract_article(article: Article, nlp=None) -> list[Assertion]:
    """Every relation the article asserts, one record per (relation, sentence)."""
    from kg.nlp import make_nlp

    nlp = nlp or make_nlp(article.lang)
    doc = nlp(article.text)
    return [_assertion(article, cand) for cand in doc._.kg_relations]


def extract(articles: Iterable[Article], nlp=None) -> Iterator[Assertion]:
    for article in articles:
        yield from extract_article(article, nlp)


def find_mentions(articles: Iterable[Article], nlp=None) -> Iterator[Mention]:
    """Every actor mention, resolved to the id it stands for."""
    from kg.nlp import make_nlp

    for article in articles:
        pipeline = nlp or make_nlp(article.lang)
        with pipeline.select_pipes(enable=["kg_normalizer", "kg_actor_ruler"]):
            doc = pipeline(article.text)
        for span in doc.spans["kg_actors"]:
            yield Mention(article.doc, span.start_char, span.end_char, span.text, span.kb_id_, span.label_)


def _assertion(article: Article, cand: RelationCandidate) -> Assertion:
    sentence = cand.sentence
    text = sentence.text
    lead = len(text) - len(text.lstrip())
    evidence = text.strip()
    start = sentence.start_char + lead
    return Assertion(
        doc=article.doc,
        subject=cand.subject,
        relation=cand.relation,
        object=cand.object,
        evidence=evidence,
        start=start,
        end=start + len(evidence),
        trigger=cand.trigger.text,
        subject_text=cand.subject_span.text,
        object_text=cand.object_span.text,
        confidence=round(cand.confidence, 3),
        date=article.date,
        lang=article.lang,
    )
