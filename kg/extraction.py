"""Step 2: articles -> assertions (state-level relations with evidence) and actor mentions."""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from kg.errors import InputError, UnsupportedLanguageError
from kg.records import Article, Assertion, Mention
from kg.nlp.actor_ruler import NO_ACTOR_ATTRS, ActorAttrs, mention_offsets
from kg.nlp.relation_extractor import RelationCandidate


def extract_article(article: Article, nlp=None) -> list[Assertion]:
    """Every relation the article asserts, one record per (relation, sentence).

    Raises UnsupportedLanguageError for an article in a language without extraction rules.
    """
    from kg.nlp import make_nlp

    nlp = nlp or make_nlp(article.lang)
    doc = nlp(article.text)
    actor_attrs = doc._.kg_actor_matches.attrs
    return [_assertion(article, cand, actor_attrs) for cand in doc._.kg_relations]


def extract(
    articles: Iterable[Article], nlp=None, *, on_error: Callable[[InputError], None] | None = None
) -> Iterator[Assertion]:
    """The assertions of every article; an article kg cannot read (its language) goes to `on_error`."""
    for article in articles:
        yield from _per_article(extract_article, article, nlp, on_error)


def find_mentions(
    articles: Iterable[Article], nlp=None, *, on_error: Callable[[InputError], None] | None = None
) -> Iterator[Mention]:
    """Every actor mention, resolved to the id it stands for."""
    for article in articles:
        yield from _per_article(_article_mentions, article, nlp, on_error)


def _article_mentions(article: Article, nlp=None) -> list[Mention]:
    from kg.nlp import make_nlp

    pipeline = nlp or make_nlp(article.lang)
    with pipeline.select_pipes(enable=["kg_normalizer", "kg_actor_ruler"]):
        doc = pipeline(article.text)
    actor_attrs = doc._.kg_actor_matches.attrs
    mentions = []
    for span in doc.spans["kg_actors"]:
        start, end = mention_offsets(span, article.text, actor_attrs[span.start, span.end].proclitic)
        mentions.append(Mention(article.doc, start, end, article.text[start:end], span.kb_id_, span.label_))
    return mentions


def _per_article(process, article: Article, nlp, on_error) -> list:
    try:
        return process(article, nlp)
    except UnsupportedLanguageError as exc:
        error = InputError(article.source or article.doc, str(exc))
        if on_error is None:
            raise error from None
        on_error(error)
        return []


def _assertion(article: Article, cand: RelationCandidate, actor_attrs: dict[tuple[int, int], ActorAttrs]) -> Assertion:
    """The record of a relation found in the article; `actor_attrs` is the actor ruler's table
    of the article's doc (what `span._.kg_proclitic` reads, at a fraction of the cost)."""
    sentence = cand.sentence
    text = article.text[sentence.start_char : sentence.end_char]  # sentence.text, without joining its tokens
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
        trigger=_span_text(article, cand.trigger),
        subject_text=_mention_text(article, cand.subject_span, actor_attrs),
        object_text=_mention_text(article, cand.object_span, actor_attrs),
        confidence=round(cand.confidence, 3),
        date=article.date,
        lang=article.lang,
    )


def _mention_text(article: Article, span, actor_attrs: dict[tuple[int, int], ActorAttrs]) -> str:
    if span.label_ == "reference":  # "البلدين", "بلاده": the words that refer, as written
        return _span_text(article, span)
    proclitic = actor_attrs.get((span.start, span.end), NO_ACTOR_ATTRS).proclitic
    start, end = mention_offsets(span, article.text, proclitic)
    return article.text[start:end]


def _span_text(article: Article, span) -> str:
    """span.text, sliced from the article by offsets instead of joining the span's tokens."""
    return article.text[span.start_char : span.end_char]
