"""Records -> RDF triples: articles with their assertions, actors, and the ontology itself.

Triples are rdflib terms; the store decides how to write them. An article's triples go into
its own named graph: the article node, one n-ary `kg:Assertion` node per assertion, and the
direct actor-to-actor edge each assertion supports. Because edges live in the article's graph,
replacing or removing the article replaces or removes its edges with it, and an edge holds in
the union graph exactly while one article still supports it.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Protocol

from rdflib import DCTERMS, PROV, RDF, RDFS, XSD, Graph, Literal, URIRef

import kg
from kg.knowledge.relations import canonical_triple
from kg.rdf.iris import ORG, SCHEMA, actor_iri, article_iri, assertion_iri
from kg.rdf.namespace import KG
from kg.records import Article, Assertion
from kg.resources import ontology_path

Triple = tuple[URIRef, URIRef, object]

ONTOLOGY_FILES = ("kg.ttl", "relations.ttl")

# Actor kinds of the actor data -> ontology classes.
ACTOR_CLASSES = {
    "state": KG.State,
    "organisation": KG.InternationalOrganisation,
    "group": KG.ArmedGroup,
    "person": KG.Person,
}


class ActorLike(Protocol):
    id: str
    kind: str
    name_en: str | None
    name_ar: str | None
    iso2: str | None
    capital_en: str | None
    capital_ar: str | None
    state: str | None
    members: Iterable[str] | None
    role: str | None
    start: str | None
    end: str | None
    source: str | None


def _date(value: str | None) -> Literal | None:
    """An ISO date as xsd:date; anything else (a year, a partial date) is left out rather than mistyped."""
    if value and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return Literal(value, datatype=XSD.date)
    return None


def _optional(pairs: Iterable[tuple[URIRef, Literal | URIRef | None]], node: URIRef) -> Iterator[Triple]:
    for predicate, value in pairs:
        if value is not None:
            yield (node, predicate, value)


def article_triples(article: Article, assertions: Iterable[Assertion]) -> Iterator[Triple]:
    """The content of an article's named graph."""
    node = article_iri(article.doc)
    yield (node, RDF.type, KG.Article)
    yield (node, DCTERMS.identifier, Literal(article.doc))
    yield (node, KG.contentHash, Literal(article.content_hash))
    yield (node, KG.textLength, Literal(len(article.text), datatype=XSD.integer))
    yield (node, DCTERMS.language, Literal(article.lang))
    yield from _optional(
        [
            (DCTERMS.title, Literal(article.title, lang=article.lang) if article.title else None),
            (DCTERMS.date, _date(article.date)),
            (SCHEMA.url, Literal(article.url, datatype=XSD.anyURI) if article.url else None),
        ],
        node,
    )
    for assertion in assertions:
        yield from assertion_triples(assertion, node)


def assertion_triples(assertion: Assertion, article: URIRef) -> Iterator[Triple]:
    subject, relation, obj = canonical_triple(assertion.subject, assertion.relation, assertion.object)
    subject_text, object_text = assertion.subject_text, assertion.object_text
    if subject != assertion.subject:  # a symmetric relation written the other way round
        subject_text, object_text = object_text, subject_text
    node = assertion_iri(assertion.doc, subject, relation, obj, assertion.start, assertion.end)
    lang = assertion.lang
    yield (node, RDF.type, KG.Assertion)
    yield (node, KG.subject, actor_iri(subject))
    yield (node, KG.relation, KG[relation])
    yield (node, KG.object, actor_iri(obj))
    yield (node, PROV.wasDerivedFrom, article)
    yield (node, KG.evidence, Literal(assertion.evidence, lang=lang))
    yield (node, KG.evidenceStart, Literal(assertion.start, datatype=XSD.integer))
    yield (node, KG.evidenceEnd, Literal(assertion.end, datatype=XSD.integer))
    yield (node, KG.confidence, Literal(f"{assertion.confidence:.4f}", datatype=XSD.decimal))
    yield (node, KG.extractorVersion, Literal(kg.__version__))
    yield from _optional(
        [
            (KG.trigger, Literal(assertion.trigger, lang=lang) if assertion.trigger else None),
            (KG.subjectText, Literal(subject_text, lang=lang) if subject_text else None),
            (KG.objectText, Literal(object_text, lang=lang) if object_text else None),
            (DCTERMS.date, _date(assertion.date)),
        ],
        node,
    )
    # The direct edge: the simplest question is one triple pattern.
    yield (actor_iri(subject), KG[relation], actor_iri(obj))


def actor_triples(actors: Iterable[ActorLike]) -> Iterator[Triple]:
    """Actor resources generated from the actor data: labels, codes, capitals, membership."""
    for actor in actors:
        node = actor_iri(actor.id)
        yield (node, RDF.type, ACTOR_CLASSES[actor.kind])
        yield (node, KG.actorId, Literal(actor.id))
        yield from _optional(
            [
                (RDFS.label, Literal(actor.name_en, lang="en") if actor.name_en else None),
                (RDFS.label, Literal(actor.name_ar, lang="ar") if actor.name_ar else None),
                (KG.iso2, Literal(actor.iso2) if actor.iso2 else None),
                (KG.capital, Literal(actor.capital_en, lang="en") if actor.capital_en else None),
                (KG.capital, Literal(actor.capital_ar, lang="ar") if actor.capital_ar else None),
                (KG.speaksFor, actor_iri(actor.state) if actor.state and actor.kind == "person" else None),
                (KG.role, Literal(actor.role) if actor.role else None),
                (SCHEMA.startDate, _date(actor.start)),
                (SCHEMA.endDate, _date(actor.end)),
                (DCTERMS.source, Literal(actor.source) if actor.source else None),
            ],
            node,
        )
        for member in actor.members or ():
            yield (actor_iri(member), ORG.memberOf, node)


def ontology_graph() -> Graph:
    """kg.ttl and the generated relations.ttl, as one graph."""
    graph = Graph()
    for name in ONTOLOGY_FILES:
        graph.parse(ontology_path(name), format="turtle")
    return graph
