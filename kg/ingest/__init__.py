"""Step 1, ingest: article files, folders, globs and stdin in, `kg.records.Article` out.

    >>> from kg.ingest import read_articles
    >>> [article.date for article in read_articles()][:1]   # the bundled samples
    ['2022-01-27']
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, Protocol, Sequence, TextIO

from kg.errors import InputError
from kg.ingest.html import read_html
from kg.ingest.jsonl import read_jsonl
from kg.ingest.lang import check_lang
from kg.ingest.sources import STDIN, expand_inputs
from kg.ingest.text import read_text
from kg.records import Article
from kg.resources import sample_corpus_dir


class Reader(Protocol):
    """Reads one input: yields its articles, and InputErrors for parts of it that cannot be read
    (the other parts still go through); raises InputError when the whole input cannot be read."""

    def __call__(
        self, stream: BinaryIO, *, name: str, source: str, default_lang: str | None
    ) -> Iterator[Article | InputError]: ...


# File suffix (lower case) -> reader. A new format is one reader function and one entry here.
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
}


def read_articles(
    inputs: Sequence[str | Path] | None = None,
    *,
    on_error: Callable[[InputError], None] | None = None,
    stdin: TextIO | BinaryIO | None = None,
    default_lang: str | None = None,
) -> Iterator[Article]:
    """The articles in `inputs`: files, directories (recursive, sorted, known suffixes only), globs,
    and "-" for stdin (JSON Lines when it looks like them, else one text article named "-").
    No inputs: the bundled sample articles.

    An input that cannot be read (missing, empty, binary, too large, undecodable, a bad JSONL
    line) is passed to `on_error` as an InputError naming it, and reading goes on; without
    `on_error` the first one is raised. `default_lang` ("ar" or "en") replaces detection for
    articles whose language is not given (a JSONL `lang` field wins).
    """
    if default_lang is not None:
        check_lang(default_lang, "default language")
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]  # one path given bare, not in a list
    report = on_error or _raise
    for item in expand_inputs(inputs or [sample_corpus_dir()], READERS.keys(), report):
        try:
            if item == STDIN:
                results = _read_stdin(stdin, default_lang)
            else:
                results = _read_file(item, default_lang)
            for result in results:
                if isinstance(result, InputError):
                    report(result)
                else:
                    yield result
        except InputError as error:
            report(error)


def _read_file(path: Path, default_lang: str | None) -> Iterator[Article | InputError]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(path, f"unknown format {path.suffix or '(no suffix)'!r}: expected one of {', '.join(READERS)}")
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise InputError(path, f"cannot open: {exc.strerror}") from None
    with stream:
        yield from reader(stream, name=path.name, source=str(path), default_lang=default_lang)


def _read_stdin(stdin: TextIO | BinaryIO | None, default_lang: str | None) -> Iterator[Article | InputError]:
    stream = _binary(stdin if stdin is not None else sys.stdin.buffer)
    reader = read_jsonl if stream.peek(4096).removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{") else read_text
    yield from reader(stream, name=STDIN, source=STDIN, default_lang=default_lang)


def _binary(stream: TextIO | BinaryIO) -> io.BufferedReader:
    """A binary stream that can peek: text streams give their bytes (their buffer, or their text in UTF-8)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream = buffer
    elif isinstance(stream, io.TextIOBase):
        stream = io.BytesIO(stream.read().encode("utf-8"))
    return stream if hasattr(stream, "peek") else io.BufferedReader(stream)


def _raise(error: InputError) -> None:
    raise error
