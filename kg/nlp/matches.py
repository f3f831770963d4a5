"""A ruler's matches in a doc: its spans in order, and what it knows of each beyond label and id.

The rulers used to set `span._` values on every span they made, and the components after them
read those back: both cost more than finding the matches. Now a ruler keeps one `Matches` per
doc in a doc extension, the components after it read that, and `span._.kg_<field>` reads it
through a getter. Any span on the same tokens reads the same values (as when spaCy kept the
`._` values by character offsets): a reference resolved on a mention's tokens, or two
relations triggered by the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from spacy.tokens import Doc, Span

A = TypeVar("A", bound=tuple)


@dataclass(frozen=True)
class Matches(Generic[A]):
    spans: list[Span]  # as written to doc.spans, in order of start
    attrs: dict[tuple[int, int], A]  # by (start, end) token


def register_matches(doc_attr: str, attrs_type: type[NamedTuple]) -> None:
    """`doc._.<doc_attr>` holds a ruler's Matches; `span._.kg_<field>` reads each field of
    `attrs_type` from it (the field's default on tokens the ruler did not match)."""
    if not Doc.has_extension(doc_attr):
        Doc.set_extension(doc_attr, default=None)
    default = attrs_type()

    def getter(field: str):
        def get(span: Span):
            matches = span.doc._.get(doc_attr)
            attrs = matches.attrs.get((span.start, span.end), default) if matches else default
            return getattr(attrs, field)

        return get

    for field in attrs_type._fields:
        if not Span.has_extension(f"kg_{field}"):
            Span.set_extension(f"kg_{field}", getter=getter(field))
