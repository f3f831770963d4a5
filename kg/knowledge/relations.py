"""The relation set: `ontology/relations.yaml` loaded into `RelationSpec` objects."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


from kg.errors import DataError
from kg.resources import ontology_path, read_yaml

QUAD_CLASSES = (
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "structural",
)


@dataclass(frozen=True)
class RelationSpec:
    name: str
    cameo: str | None
    quad_class: str
    goldstein: float | None
    symmetric: bool
    label_en: str
    label_ar: str
    comment_en: str


@lru_cache(maxsize=None)
def load_relations(path: Path | None = None) -> dict[str, RelationSpec]:
    """Relations by name, in the file's order (the guidelines' order)."""
    path = path or ontology_path("relations.yaml")
    data = read_yaml(path)
    relations = {}
    for name, entry in data.items():
        try:
            spec = RelationSpec(
                name=name,
                cameo=entry["cameo"],
                quad_class=entry["quad_class"],
                goldstein=entry["goldstein"],
                symmetric=bool(entry["symmetric"]),
                label_en=entry["label"]["en"],
                label_ar=entry["label"]["ar"],
                comment_en=entry["comment"]["en"],
            )
        except (KeyError, TypeError) as exc:
            raise DataError(path, None, f"relation {name!r} lacks field {exc}") from exc
        if spec.quad_class not in QUAD_CLASSES:
            raise DataError(path, None, f"relation {name!r} has unknown quad class {spec.quad_class!r}")
        relations[name] = spec
    return relations


def canonical_triple(subject: str, relation: str, obj: str) -> tuple[str, str, str]:
    """Symmetric relations are written once, with subject < object (the gold's convention)."""
    if load_relations()[relation].symmetric and obj < subject:
        subject, obj = obj, subject
    return (subject, relation, obj)
