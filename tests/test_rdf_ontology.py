"""The ontology files: they parse, agree with the guidelines' relation table, and the generated
parts (relations.ttl, kg/rdf/namespace.py) are up to date with their sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.rdf.generate import namespace_module, ontology_terms, relations_turtle
from kg.rdf.namespace import KG
from kg.resources import PACKAGE_DIR, ontology_path

GUIDELINES_TABLE = Path(__file__).parent / "data" / "rdf" / "guidelines_relations.md"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for name in ("kg.ttl", "relations.ttl"):
        graph.parse(ontology_path(name), format="turtle")
    return graph


def guidelines_relations() -> dict[str, tuple[str | None, str, bool]]:
    """relation -> (CAMEO code, quad class, symmetric), read from the guidelines' table."""
    rows = {}
    for line in GUIDELINES_TABLE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 5 and cells[0].startswith("`"):
            name, _, cameo, quad_class, symmetric = cells
            rows[name.strip("`")] = (None if cameo == "n/a" else cameo, quad_class.replace(" ", "_"), symmetric == "yes")
    return rows


def test_ontology_is_versioned_owl(ontology):
    header = URIRef("https://w3id.org/kg-news/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionInfo) == Literal("1.0.0")


def test_relations_match_the_guidelines_table(ontology):
    expected = guidelines_relations()
    assert len(expected) == 14
    found = {}
    for relation in ontology.subjects(RDF.type, KG.RelationType):
        cameo = ontology.value(relation, KG.cameoCode)
        quad_class = ontology.value(relation, KG.quadClass)
        symmetric = ontology.value(relation, KG.symmetric)
        found[relation[len(KG._NS) :]] = (
            None if cameo is None else str(cameo),
            quad_class[len(KG._NS) :],
            symmetric.toPython(),
        )
    assert found == expected


@pytest.mark.parametrize("relation, symmetric", [(name, row[2]) for name, row in guidelines_relations().items()])
def test_each_relation_is_an_object_property_between_actors(ontology, relation, symmetric):
    term = KG[relation]
    assert (term, RDF.type, OWL.ObjectProperty) in ontology
    assert ((term, RDF.type, OWL.SymmetricProperty) in ontology) == symmetric
    assert (term, RDFS.domain, KG.Actor) in ontology
    assert (term, SKOS.inScheme, KG.relations) in ontology


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty])
def test_every_class_and_property_has_english_and_arabic_labels(ontology, kind):
    for term in ontology.subjects(RDF.type, kind):
        if str(term).startswith(str(KG._NS)):
            languages = {label.language for label in ontology.objects(term, RDFS.label)}
            assert {"en", "ar"} <= languages, term


def test_actor_classes_are_actors(ontology):
    for cls in (KG.State, KG.InternationalOrganisation, KG.ArmedGroup, KG.Person):
        assert (cls, RDFS.subClassOf, KG.Actor) in ontology


def test_relations_ttl_is_generated_from_relations_yaml():
    """Fails when relations.yaml changed without `python scripts/gen_relations.py`."""
    assert ontology_path("relations.ttl").read_text(encoding="utf-8") == relations_turtle()


def test_namespace_module_is_generated_from_the_ontology():
    """Fails when kg.ttl or relations.ttl changed without `python scripts/gen_namespace.py`."""
    assert (PACKAGE_DIR / "rdf" / "namespace.py").read_text(encoding="utf-8") == namespace_module()


def test_namespace_is_closed():
    assert KG.military_cooperation == URIRef("https://w3id.org/kg-news/ontology#military_cooperation")
    with pytest.raises(AttributeError):
        KG.military_cooperations  # a misspelt term is an error, not a new IRI


def test_namespace_holds_every_ontology_term():
    terms = ontology_terms([ontology_path("kg.ttl"), ontology_path("relations.ttl")])
    assert {"Assertion", "Article", "State", "evidenceStart", "military_cooperation", "member_of"} <= set(terms)
    for name in terms:
        assert KG[name] == URIRef(str(KG._NS) + name)
