"""Domain errors. The core raises these; `kg.cli` alone turns them into messages and exit codes."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base class of every error `kg` reports to a user as one line."""


class InputError(KgError):
    """An input (article file, stdin, JSONL line) that cannot be read."""

    def __init__(self, source: str | Path, problem: str):
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")


class DataError(KgError):
    """A knowledge file under ontology/ (or a gold file) that is malformed."""

    def __init__(self, file: str | Path, line: int | None, problem: str):
        self.file = str(file)
        self.line = line
        self.problem = problem
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {problem}")


class UnsupportedLanguageError(KgError):
    """An article in a language kg has no extraction rules for yet."""


class StoreError(KgError):
    """An RDF store that cannot be opened, read or written."""


class QueryError(KgError):
    """A SPARQL request that is malformed, or an update sent without `update=True`."""
