"""SPARQL over the store with the project's prefixes predeclared; read-only unless asked.

`query()` opens the store, refuses a SPARQL Update unless `update=True`, turns a syntax error
into a `QueryError` that shows where the error is, and returns a `QueryResult` that the command
line prints as a table, CSV or SPARQL JSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import NamespaceManager
from rdflib.query import Result

from kg.errors import QueryError
from kg.rdf.iris import PREFIXES
from kg.rdf.store import open_store


# The first keyword after the prologue tells a query from an update (SPARQL 1.1 grammar).
_PROLOGUE = re.compile(r"\A(?:\s+|#[^\n]*\n?|(?:PREFIX\s+[^\s:]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>))*", re.IGNORECASE)
_UPDATE_KEYWORDS = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
_POSITION = re.compile(r"at (\d+):(\d+)")

FORMATS = ("table", "csv", "json")


def is_update(sparql: str) -> bool:
    body = sparql[_PROLOGUE.match(sparql).end() :]
    return bool(_UPDATE_KEYWORDS.match(body))


def _syntax_error(sparql: str, exc: Exception) -> QueryError:
    """The engine's message, plus the offending line with a caret under the column it names."""
    # Oxigraph lists every token it expected, character classes included: keep the gist.
    message = str(exc).splitlines()[0]
    if len(message) > 160:
        message = message[:160] + " ..."
    position = _POSITION.search(message)
    if position:
        line, column = int(position.group(1)), int(position.group(2))
        lines = sparql.splitlines() or [""]
        text = lines[min(line, len(lines)) - 1]
        message += f"\n  {text}\n  {' ' * max(column - 1, 0)}^"
    return QueryError(f"SPARQL syntax error: {message}")


@dataclass
class QueryResult:
    """The answer to a query: rows of terms for SELECT, a boolean for ASK, a graph for CONSTRUCT."""

    kind: str  # SELECT | ASK | CONSTRUCT | DESCRIBE | UPDATE
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    answer: bool | None = None
    graph: Graph | None = None

    @classmethod
    def from_rdflib(cls, result: Result) -> QueryResult:
        if result.type == "SELECT":
            variables = [str(v) for v in result.vars]
            return cls("SELECT", variables, [tuple(row) for row in result])
        if result.type == "ASK":
            return cls("ASK", answer=bool(result.askAnswer))
        return cls(result.type, graph=result.graph)

    def values(self) -> list[tuple[str | None, ...]]:
        """Rows as plain strings (None for an unbound variable): what tests and scripts compare."""
        return [tuple(None if term is None else str(term) for term in row) for row in self.rows]

    def serialize(self, format: str) -> str:
        """csv or json (SPARQL 1.1 results formats) for SELECT/ASK; Turtle for a graph."""
        if self.graph is not None:
            return self.graph.serialize(format="turtle")
        result = Result(self.kind)
        if self.kind == "ASK":
            result.askAnswer = self.answer
        else:
            result.vars = [Variable(v) for v in self.variables]
            result.bindings = [dict(zip(result.vars, row)) for row in self.rows]
        return result.serialize(format=format).decode("utf-8")

    def display_rows(self) -> list[list[str]]:
        """Rows for a human: IRIs shortened with the project prefixes, literals as their text."""
        manager = NamespaceManager(Graph(bind_namespaces="none"))
        for prefix, namespace in PREFIXES.items():
            manager.bind(prefix, namespace)

        def show(term) -> str:
            if term is None:
                return ""
            if isinstance(term, URIRef):
                return term.n3(manager)
            if isinstance(term, Literal):
                return str(term)
            return term.n3()

        return [[show(term) for term in row] for row in self.rows]


def query(sparql: str, store: str | Path = "output/store", *, update: bool = False) -> QueryResult:
    """Run a SPARQL 1.1 query (or, with update=True, an update) against the store at `store`."""
    if is_update(sparql) and not update:
        raise QueryError("this is a SPARQL Update, which changes the store; pass --update (update=True) to run it")
    with open_store(store, read_only=not update) as kg_store:
        try:
            result = kg_store.query(sparql, update=update)
        except SyntaxError as exc:
            raise _syntax_error(sparql, exc) from None
        if result is None:
            return QueryResult("UPDATE")
        return QueryResult.from_rdflib(result)
