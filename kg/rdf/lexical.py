"""Canonical lexical forms of literals, so that a value has the same bytes in every backend."""

from __future__ import annotations

from decimal import Decimal


def canonical_decimal(value: float, places: int = 4) -> str:
    """The canonical xsd:decimal form ("1", "0.85", "-7.2"), the one Oxigraph stores: rdflib
    keeps "1.0000" as written, and the two would then not be the same literal."""
    text = format(Decimal(f"{value:.{places}f}").normalize(), "f")
    return "0" if text == "-0" else text
