"""Regenerate kg/rdf/namespace.py from ontology/kg.ttl and ontology/relations.ttl."""

from kg.rdf.generate import namespace_module
from kg.resources import PACKAGE_DIR
from kg.util import atomic_writer

if __name__ == "__main__":
    with atomic_writer(PACKAGE_DIR / "rdf" / "namespace.py") as out:
        out.write(namespace_module())
