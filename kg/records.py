"""The records that flow between the steps, and their JSON Lines form.

These field names are the output contract of `kg extract` and `kg mentions`: other
issues, outside scorers and user scripts rely on them, so they are defined here once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, fields
from typing import Any, Iterable, Iterator, TextIO


@dataclass(frozen=True)
class Article:
    """One news article, as ingest produced it."""

    doc: str  # the input file's name, or the JSONL `id`
    text: str  # the whole article text that offsets point into (title line included)
    title: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD), or None when unknown
    url: str | None = None
    lang: str = "ar"
    source: str | None = None  # where it was read from (path, "-" or "path:line")

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: an unchanged article is recognised by it."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Mention:
    """One actor mention: a span of the article text resolved to an actor id."""

    doc: str
    start: int
    end: int
    text: str
    actor: str  # the id the mention stands for: "RUS" for "بوتين", "موسكو" and "الروسية"
    kind: str  # state | organisation | group | person | place


@dataclass(frozen=True)
class Assertion:
    """One state-level relation asserted by an article, with its evidence."""

    doc: str
    subject: str
    relation: str
    object: str
    evidence: str  # the sentence, verbatim
    start: int  # offsets of the evidence in Article.text
    end: int
    trigger: str  # the words that triggered the relation
    subject_text: str
    object_text: str
    confidence: float
    date: str | None
    lang: str

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.subject, self.relation, self.object)


RECORD_TYPES = {"article": Article, "mention": Mention, "assertion": Assertion}


def to_json(record: Any) -> str:
    """One JSON line, Arabic left unescaped so that the files stay readable."""
    return json.dumps(asdict(record), ensure_ascii=False)


def from_dict(cls: type, data: dict) -> Any:
    """Build a record from a dict, ignoring unknown keys (newer writers may add fields)."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def write_jsonl(records: Iterable[Any], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(to_json(record) + "\n")
        count += 1
    return count


def read_jsonl(cls: type, lines: Iterable[str]) -> Iterator[Any]:
    for line in lines:
        if line.strip():
            yield from_dict(cls, json.loads(line))
