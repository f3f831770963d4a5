"""Regenerate ontology/relations.ttl from ontology/relations.yaml (run after editing the YAML)."""

from kg.rdf.generate import relations_turtle
from kg.resources import ontology_path
from kg.util import atomic_writer

if __name__ == "__main__":
    with atomic_writer(ontology_path("relations.ttl")) as out:
        out.write(relations_turtle())
