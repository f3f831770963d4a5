"""Stable IRIs for the resources kg writes, and the prefixes every query and export declares.

An IRI depends only on what it names (an actor id, a document id, an assertion's content),
never on run order, so that two builds of the same input give the same graph and byte-identical
exports.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote, unquote

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace, URIRef

from kg.rdf.namespace import KG

BASE = "https://w3id.org/kg-news/"
ACTOR = Namespace(BASE + "actor/")
ARTICLE = Namespace(BASE + "article/")
ASSERTION = Namespace(BASE + "assertion/")
GRAPH = Namespace(BASE + "graph/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")

# The named graphs that are not articles: the ontology (kg.ttl + relations.ttl) and the actors.
ONTOLOGY_GRAPH = GRAPH.ontology
ACTORS_GRAPH = GRAPH.actors

PREFIXES = {
    "kg": str(KG),
    "actor": str(ACTOR),
    "article": str(ARTICLE),
    "assertion": str(ASSERTION),
    "graph": str(GRAPH),
    "dcterms": str(DCTERMS),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


def sparql_prologue() -> str:
    """PREFIX lines for the project's prefixes, for engines that take no prefix argument."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def actor_iri(actor_id: str) -> URIRef:
    return ACTOR[quote(actor_id, safe="")]


def actor_id(iri: str) -> str:
    return unquote(iri[len(ACTOR) :])


def article_iri(doc: str) -> URIRef:
    """The article's IRI, which is also the name of the graph holding its assertions."""
    return ARTICLE[quote(doc, safe="")]


def article_doc(iri: str) -> str:
    return unquote(iri[len(ARTICLE) :])


def assertion_iri(doc: str, subject: str, relation: str, obj: str, start: int, end: int) -> URIRef:
    """Named by content: the same triple with the same evidence span is the same assertion."""
    key = "\x1f".join([doc, subject, relation, obj, str(start), str(end)])
    return ASSERTION[hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]]
