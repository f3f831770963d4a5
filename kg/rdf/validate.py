"""SHACL validation of a store against ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph

from kg.rdf.store import KgStore, open_store
from kg.resources import ontology_path


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    text: str  # pyshacl's human-readable report
    graph: Graph  # the SHACL report graph, for scripts that want the details


def validate_graph(data: Graph) -> ValidationReport:
    """Validate an rdflib graph (the union of a store's graphs, or any graph in kg's ontology)."""
    shapes = Graph().parse(ontology_path("shapes.ttl"), format="turtle")
    conforms, report_graph, text = shacl_validate(data, shacl_graph=shapes, advanced=True, allow_warnings=True)
    return ValidationReport(conforms=bool(conforms), text=text, graph=report_graph)


def union_graph(kg_store: KgStore) -> Graph:
    """All the store's graphs merged into one in-memory graph: what SHACL sees."""
    graph = Graph()
    result = kg_store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    for triple in result.graph:
        graph.add(triple)
    return graph


def validate(store: str | Path) -> ValidationReport:
    """SHACL-validate the store at `store`: `conforms` is False when any shape is violated."""
    with open_store(store, read_only=True) as kg_store:
        return validate_graph(union_graph(kg_store))
