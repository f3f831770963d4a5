"""Records -> RDF triples: articles with their assertions, actors, and the ontology itself.

An article's triples go into its own named graph: the article node, one n-ary `kg:Assertion`
node per assertion, and the direct actor-to-actor edge each assertion supports. Because edges
live in the article's graph, replacing or removing the article replaces or removes its edges
with it, and an edge holds in the union graph exactly while one article still supports it.

Triples are made of pyoxigraph terms: building them costs a fraction of rdflib terms, which
matters at a million triples (see docs/rdf.md); `rdflib_quad()` converts for rdflib stores.
The vocabulary is still written as terms (`KG_.Assertion`), never as IRI strings.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator, Protocol

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, parse
from rdflib import DCTERMS, PROV, RDF, RDFS, XSD, Dataset
from rdflib.namespace import DefinedNamespace, Namespace

import kg
from kg.knowledge.relations import canonical_triple, load_relations
from kg.rdf.iris import ORG, SCHEMA, actor_iri, article_iri, assertion_iri
from kg.rdf.lexical import canonical_decimal
from kg.rdf.namespace import KG
from kg.records import Article, Assertion
from kg.resources import ontology_path

Triple = tuple[NamedNode, NamedNode, NamedNode | Literal]

ONTOLOGY_FILES = ("kg.ttl", "relations.ttl")


class OxTerms:
    """The pyoxigraph nodes of an rdflib namespace's terms, each made once: `KG_.Assertion`.

    Unknown terms of a closed namespace (KG) still fail, on first use.
    """

    def __init__(self, namespace: type[DefinedNamespace] | Namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):  # copy/pickle probes, not vocabulary terms
            raise AttributeError(name)
        node = NamedNode(str(self._namespace[name]))
        setattr(self, name, node)  # later lookups are plain attribute reads
        return node

    def __getitem__(self, name: str) -> NamedNode:
        return getattr(self, name)


KG_, RDF_, RDFS_, XSD_, DCTERMS_, PROV_, SCHEMA_, ORG_ = (
    OxTerms(ns) for ns in (KG, RDF, RDFS, XSD, DCTERMS, PROV, SCHEMA, ORG)
)

# Actor kinds of the actor data -> ontology classes.
ACTOR_CLASSES = {
    "state": KG_.State,
    "organisation": KG_.InternationalOrganisation,
    "group": KG_.ArmedGroup,
    "person": KG_.Person,
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


def _node(iri: str) -> NamedNode:
    return NamedNode(str(iri))


@lru_cache(maxsize=None)
def _actor_node(actor_id: str) -> NamedNode:
    """Made once per actor: a few hundred actors recur in every assertion, and quoting an IRI
    costs more than the rest of a triple."""
    return _node(actor_iri(actor_id))


@lru_cache(maxsize=4096)  # an article's assertions share its date
def _date(value: str | None) -> Literal | None:
    """An ISO date as xsd:date; anything else (a year, a partial date) is left out rather than mistyped."""
    if value and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return Literal(value, datatype=XSD_.date)
    return None


def _text(value: str | None, lang: str | None = None) -> Literal | None:
    return Literal(value, language=lang) if value else None


@lru_cache(maxsize=None)
def _canonical(predicates: tuple[NamedNode, ...]) -> tuple[NamedNode, ...]:
    return tuple(sorted(predicates, key=lambda predicate: predicate.value))


def _statements(node: NamedNode, values: dict[NamedNode, object]) -> Iterator[Triple]:
    """The node's statements, those whose value is not None, in the order of their predicates'
    IRIs: the canonical order of kg.rdf.turtle_cache, made here so that the graphs kg writes
    need no sorting (a test checks the order)."""
    for predicate in _canonical(tuple(values)):
        value = values[predicate]
        if value is not None:
            yield (node, predicate, value)


def article_triples(article: Article, assertions: Iterable[Assertion], extractor: str | None = None) -> Iterator[Triple]:
    """The content of an article's named graph, its statements in canonical order (the article,
    then its assertions by IRI; the edges among them); `extractor` is the fingerprint of what
    extracted the assertions."""
    node = _node(article_iri(article.doc))
    yield from _statements(
        node,
        {
            RDF_.type: KG_.Article,
            DCTERMS_.identifier: Literal(article.doc),
            KG_.contentHash: Literal(article.content_hash),
            KG_.textLength: Literal(str(len(article.text)), datatype=XSD_.integer),
            DCTERMS_.language: Literal(article.lang),
            DCTERMS_.title: _text(article.title, article.lang),
            DCTERMS_.date: _date(article.date),
            SCHEMA_.url: Literal(article.url, datatype=XSD_.anyURI) if article.url else None,
            KG_.extractorFingerprint: _text(extractor),
        },
    )
    # An assertion's IRI is its first statement's subject.
    for block in sorted((list(assertion_triples(a, node)) for a in assertions), key=lambda block: block[0][0].value):
        yield from block


@lru_cache(maxsize=None)
def _extractor_version() -> Literal:
    return Literal(kg.__version__)


def assertion_triples(assertion: Assertion, article: NamedNode) -> Iterator[Triple]:
    subject, relation, obj = canonical_triple(assertion.subject, assertion.relation, assertion.object)
    subject_text, object_text = assertion.subject_text, assertion.object_text
    if subject != assertion.subject:  # a symmetric relation written the other way round
        subject_text, object_text = object_text, subject_text
    node = _node(assertion_iri(assertion.doc, subject, relation, obj, assertion.start, assertion.end))
    subject_node, relation_node, object_node = _actor_node(subject), KG_[relation], _actor_node(obj)
    lang = assertion.lang
    yield from _statements(
        node,
        {
            RDF_.type: KG_.Assertion,
            KG_.subject: subject_node,
            KG_.relation: relation_node,
            KG_.object: object_node,
            PROV_.wasDerivedFrom: article,
            KG_.evidence: Literal(assertion.evidence, language=lang),
            KG_.evidenceStart: Literal(str(assertion.start), datatype=XSD_.integer),
            KG_.evidenceEnd: Literal(str(assertion.end), datatype=XSD_.integer),
            KG_.confidence: Literal(canonical_decimal(assertion.confidence), datatype=XSD_.decimal),
            KG_.extractorVersion: _extractor_version(),
            KG_.trigger: _text(assertion.trigger, lang),
            KG_.subjectText: _text(subject_text, lang),
            KG_.objectText: _text(object_text, lang),
            DCTERMS_.date: _date(assertion.date),
        },
    )
    # The direct edge: the simplest question is one triple pattern. A symmetric relation's
    # edge is stored both ways, so that `?x kg:consult actor:CUB` needs no reasoner.
    yield (subject_node, relation_node, object_node)
    if load_relations()[relation].symmetric:
        yield (object_node, relation_node, subject_node)


@lru_cache(maxsize=None)
def edge_predicates() -> frozenset[NamedNode]:
    """The relation properties that link two actors directly (`actor:RUS kg:consult actor:CUB`)."""
    return frozenset(KG_[relation] for relation in load_relations())


def _optional(node: NamedNode, pairs: Iterable[tuple[NamedNode, object]]) -> Iterator[Triple]:
    for predicate, value in pairs:
        if value is not None:
            yield (node, predicate, value)


def actor_triples(actors: Iterable[ActorLike]) -> Iterator[Triple]:
    """Actor resources generated from the actor data: labels, codes, capitals, membership."""
    for actor in actors:
        node = _actor_node(actor.id)
        yield (node, RDF_.type, ACTOR_CLASSES[actor.kind])
        yield (node, KG_.actorId, Literal(actor.id))
        yield from _optional(
            node,
            [
                (RDFS_.label, _text(actor.name_en, "en")),
                (RDFS_.label, _text(actor.name_ar, "ar")),
                (KG_.iso2, _text(actor.iso2)),
                (KG_.capital, _text(actor.capital_en, "en")),
                (KG_.capital, _text(actor.capital_ar, "ar")),
                (KG_.speaksFor, _actor_node(actor.state) if actor.state and actor.kind == "person" else None),
                (KG_.role, _text(actor.role)),
                (SCHEMA_.startDate, _date(actor.start)),
                (SCHEMA_.endDate, _date(actor.end)),
                (DCTERMS_.source, _text(actor.source)),
            ],
        )
        for member in actor.members or ():
            yield (_actor_node(member), ORG_.memberOf, node)


def ontology_triples() -> Iterator[Triple]:
    """kg.ttl and the generated relations.ttl: the schema every store carries."""
    for name in ONTOLOGY_FILES:
        for triple in parse(path=ontology_path(name), format=RdfFormat.TURTLE):
            yield (triple.subject, triple.predicate, triple.object)


def rdflib_term(term: NamedNode | BlankNode | Literal) -> rdflib.term.Node:
    """The same term in rdflib's classes (oxrdflib's own converter is private)."""
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def rdflib_quad(quad: Quad, dataset: Dataset) -> tuple:
    """The same quad in rdflib terms, its graph one of `dataset`'s, for rdflib's own stores."""
    terms = (quad.subject, quad.predicate, quad.object)
    return (*(rdflib_term(term) for term in terms), dataset.graph(rdflib_term(quad.graph_name)))
