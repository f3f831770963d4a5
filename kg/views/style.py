"""The colours the views share: one meaning, one colour, on every page.

Cooperation is green and conflict red/orange (darker for material acts than for words), as in
the usual CAMEO quad-class charts; blocs take colours that are neither, so that a node's colour
is never mistaken for an edge's meaning.
"""

from __future__ import annotations

QUAD_COLOURS = {
    "verbal_cooperation": "#7fbf7b",
    "material_cooperation": "#1b7837",
    "verbal_conflict": "#f1a340",
    "material_conflict": "#b2182b",
    "structural": "#9e9e9e",
}
QUAD_LABELS = {
    "verbal_cooperation": "verbal cooperation",
    "material_cooperation": "material cooperation",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
    "structural": "membership",
}
BLOC_COLOURS = ("#4e79a7", "#b07aa1", "#76b7b2", "#9c755f", "#edc948", "#ff9da7", "#59a1cf", "#8c6bb1",
                "#bab0ac", "#2f4b7c")
NO_BLOC_COLOUR = "#d9d9d9"
BALANCE_COLOURS = {"positive": "#1b7837", "negative": "#b2182b", "neutral": "#9e9e9e"}


def bloc_colour(bloc: int | None) -> str:
    return NO_BLOC_COLOUR if bloc is None else BLOC_COLOURS[(bloc - 1) % len(BLOC_COLOURS)]
