"""Scoring extracted assertions against a gold standard, by the annotation guidelines' rules.

A record is matched on (doc, subject, relation, object), with the order of a symmetric
relation's actors ignored (strict score), or on (doc, unordered actor pair) alone (pair score).
Records are deduplicated per key first, on both sides. Only the documents that were processed
count, so one file can be scored against the gold of a whole collection.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rich.table import Table

from kg.errors import DataError, InputError
from kg.knowledge.relations import load_relations
from kg.records import Assertion

# The fields every gold (and `kg extract`) line must have, as non-empty strings.
REQUIRED_FIELDS = ("doc", "subject", "relation", "object")


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, and the figures they give.

    A ratio whose denominator is zero (no prediction, or no gold record) is None: undefined,
    rather than a 0 or 1 that would read as a result.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        # 2PR/(P+R) written on the counts: 0 as soon as anything was predicted or expected.
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def support(self) -> int:
        """The number of gold records."""
        return self.tp + self.fn

    def to_dict(self) -> dict:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "support": self.support,
        }


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class Record:
    """One deduplicated record, predicted or gold, with what error analysis needs to see."""

    doc: str
    subject: str
    relation: str
    object: str
    evidence: str | None = None
    trigger: str | None = None
    pair_matched: bool = False  # an error whose actor pair is right (wrong relation or direction)


@dataclass(frozen=True)
class DocumentScores:
    strict: Counts
    pair: Counts


@dataclass(frozen=True)
class Scores:
    strict: Counts
    pair: Counts
    relations: dict[str, Counts]  # strict counts per relation, in the relation table's order
    documents: dict[str, DocumentScores]  # every scored document, sorted by name
    false_positives: list[Record]  # sorted by (doc, subject, relation, object)
    misses: list[Record]

    def to_dict(self) -> dict:
        return {
            "strict": self.strict.to_dict(),
            "pair": self.pair.to_dict(),
            "relations": {name: counts.to_dict() for name, counts in self.relations.items()},
            "documents": {
                doc: {"strict": scores.strict.to_dict(), "pair": scores.pair.to_dict()}
                for doc, scores in self.documents.items()
            },
            "false_positives": [asdict(record) for record in self.false_positives],
            "misses": [asdict(record) for record in self.misses],
        }


StrictKey = tuple[str, str, str, str]  # (doc, subject, relation, object), symmetric ones ordered
PairKey = tuple[str, str, str]  # (doc, actor, actor), sorted


def evaluate(
    predicted: Iterable[Assertion | dict],
    gold: Iterable[dict],
    *,
    docs: set[str] | None = None,
) -> Scores:
    """Score `predicted` against `gold`.

    `docs` is the set of documents that were processed: records of other documents, on either
    side, are ignored. None scores every document that appears in `predicted` or `gold`.
    """
    predicted_records = _deduplicate(_as_dict(record) for record in predicted)
    gold_records = _deduplicate(gold)
    if docs is None:
        docs = {key[0] for key in predicted_records} | {key[0] for key in gold_records}
    predicted_records = {key: r for key, r in predicted_records.items() if key[0] in docs}
    gold_records = {key: r for key, r in gold_records.items() if key[0] in docs}

    predicted_pairs = {_pair_key(key) for key in predicted_records}
    gold_pairs = {_pair_key(key) for key in gold_records}

    false_positives = [
        _with_pair_match(record, key, gold_pairs)
        for key, record in sorted(predicted_records.items())
        if key not in gold_records
    ]
    misses = [
        _with_pair_match(record, key, predicted_pairs)
        for key, record in sorted(gold_records.items())
        if key not in predicted_records
    ]
    return Scores(
        strict=_count(set(predicted_records), set(gold_records)),
        pair=_count(predicted_pairs, gold_pairs),
        relations=_per_relation(set(predicted_records), set(gold_records)),
        documents={
            doc: DocumentScores(
                strict=_count(_of_doc(predicted_records, doc), _of_doc(gold_records, doc)),
                pair=_count(_of_doc(predicted_pairs, doc), _of_doc(gold_pairs, doc)),
            )
            for doc in sorted(docs)
        },
        false_positives=false_positives,
        misses=misses,
    )


def read_gold(path: str | Path) -> list[dict]:
    """The records of a JSON Lines gold file (a `kg extract` output has the same fields, and more).

    Raises DataError(file, line, problem) on a line that is not a record with a known relation.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(path, None, f"cannot read the file: {exc}") from exc
    relations = load_relations()
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(path, number, f"not valid JSON: {exc.msg}") from None
        if not isinstance(record, dict):
            raise DataError(path, number, "not a JSON object")
        for name in REQUIRED_FIELDS:
            if not isinstance(record.get(name), str) or not record[name]:
                raise DataError(path, number, f"field {name!r} is missing or not a non-empty string")
        if record["relation"] not in relations:
            raise DataError(path, number, f"unknown relation {record['relation']!r}")
        records.append(record)
    return records


def evaluate_files(
    gold: str | Path,
    inputs: Iterable[str] | None = None,
    *,
    predicted: str | Path | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> Scores:
    """Score a run on `inputs` (default: the bundled samples) against the gold file `gold`.

    With `predicted` (a `kg extract` output), that file is scored instead of running extraction;
    its documents are then those of `inputs` when given, or else every document of the gold
    and the predictions (the file is taken as a run on the whole collection).
    """
    gold_records = read_gold(gold)
    if predicted is not None:
        docs = _doc_names(inputs, on_error) if inputs else None
        return evaluate(read_gold(predicted), gold_records, docs=docs)

    # imported here: scoring a file needs neither ingest nor the pipeline
    from kg.extraction import extract
    from kg.ingest import read_articles

    processed: set[str] = set()
    articles = _noting_docs(read_articles(inputs, on_error=on_error), processed)
    assertions = list(extract(articles))  # consumed whole, so that `processed` is complete
    return evaluate(assertions, gold_records, docs=processed)


def report_tables(scores: Scores) -> list[Table]:
    """The report as rich tables: overall, per relation, per document, false positives, misses."""
    overall = _table("Overall (micro)", "score", "P", "R", "F1", "tp", "fp", "fn")
    for name, counts in (("strict", scores.strict), ("pair", scores.pair)):
        overall.add_row(name, *_figures(counts))

    relations = _table("Per relation (strict)", "relation", "P", "R", "F1", "tp", "fp", "fn", "support")
    for name, counts in scores.relations.items():
        relations.add_row(name, *_figures(counts), str(counts.support))

    documents = _table("Per document", "doc", "P", "R", "F1", "tp", "fp", "fn", "pair F1")
    for doc, doc_scores in scores.documents.items():
        documents.add_row(doc, *_figures(doc_scores.strict), _figure(doc_scores.pair.f1))

    false_positives = _table(
        f"False positives ({len(scores.false_positives)})", "doc", "triple", "pair ok", "trigger", "evidence"
    )
    for record in scores.false_positives:
        false_positives.add_row(record.doc, _triple(record), _yes_no(record.pair_matched), record.trigger or "", record.evidence or "")

    misses = _table(f"Misses ({len(scores.misses)})", "doc", "triple", "pair ok", "gold evidence")
    for record in scores.misses:
        misses.add_row(record.doc, _triple(record), _yes_no(record.pair_matched), record.evidence or "")
    return [overall, relations, documents, false_positives, misses]


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in columns:
        numeric = column in {"P", "R", "F1", "tp", "fp", "fn", "support", "pair F1"}
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    return table


def _figures(counts: Counts) -> list[str]:
    return [_figure(counts.precision), _figure(counts.recall), _figure(counts.f1), str(counts.tp), str(counts.fp), str(counts.fn)]


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _triple(record: Record) -> str:
    return f"{record.subject} {record.relation} {record.object}"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _doc_names(inputs: Iterable[str], on_error: Callable[[InputError], None] | None) -> set[str]:
    from kg.ingest import read_articles

    return {article.doc for article in read_articles(inputs, on_error=on_error)}


def _noting_docs(articles: Iterable, docs: set[str]) -> Iterator:
    for article in articles:
        docs.add(article.doc)
        yield article


def _as_dict(record: Assertion | dict) -> dict:
    return asdict(record) if isinstance(record, Assertion) else record


def _strict_key(record: dict) -> StrictKey:
    subject, relation, obj = record["subject"], record["relation"], record["object"]
    spec = load_relations().get(relation)
    if spec is not None and spec.symmetric and obj < subject:
        subject, obj = obj, subject
    return (record["doc"], subject, relation, obj)


def _pair_key(key: StrictKey) -> PairKey:
    doc, subject, _, obj = key
    first, second = sorted((subject, obj))
    return (doc, first, second)


def _deduplicate(records: Iterable[dict]) -> dict[StrictKey, Record]:
    """One record per key; the first one seen keeps its evidence and trigger."""
    unique: dict[StrictKey, Record] = {}
    for record in records:
        key = _strict_key(record)
        if key not in unique:
            doc, subject, relation, obj = key
            unique[key] = Record(
                doc, subject, relation, obj, record.get("evidence"), record.get("trigger")
            )
    return unique


def _with_pair_match(record: Record, key: StrictKey, other_pairs: set[PairKey]) -> Record:
    return Record(**{**asdict(record), "pair_matched": _pair_key(key) in other_pairs})


def _count(predicted: set, gold: set) -> Counts:
    return Counts(tp=len(predicted & gold), fp=len(predicted - gold), fn=len(gold - predicted))


def _of_doc(keys: Iterable[tuple], doc: str) -> set:
    return {key for key in keys if key[0] == doc}


def _per_relation(predicted: set[StrictKey], gold: set[StrictKey]) -> dict[str, Counts]:
    seen = {key[2] for key in predicted | gold}
    # the table's order first, then any relation it does not know (a stray predicted label)
    names = [name for name in load_relations() if name in seen] + sorted(seen - set(load_relations()))
    return {
        name: _count({k for k in predicted if k[2] == name}, {k for k in gold if k[2] == name})
        for name in names
    }
