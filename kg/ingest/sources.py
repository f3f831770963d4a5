"""What the user named, as a list of article files: files, directories (recursive), globs, and "-"."""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Callable, Collection, Iterator, Sequence

from kg.errors import InputError

STDIN = "-"

_GLOB_CHARS = set("*?[")


def expand_inputs(
    inputs: Sequence[str | Path],
    suffixes: Collection[str],
    report: Callable[[InputError], None],
) -> Iterator[Path | str]:
    """Each named file, each file with a known suffix under a named directory (sorted), each glob match,
    and STDIN where "-" was given; each file once, in the order named. An input that names nothing is
    reported and the others still go through."""
    seen: set[Path] = set()
    for item in inputs:
        if str(item) == STDIN:
            yield STDIN
            continue
        try:
            paths = _paths_of(str(item), suffixes)
        except InputError as error:
            report(error)
            continue
        for path in paths:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path


def _paths_of(item: str, suffixes: Collection[str]) -> list[Path]:
    path = Path(item)
    if path.is_dir():
        found = _files_under(path, suffixes)
        if not found:
            raise InputError(item, f"no article files ({', '.join(sorted(suffixes))}) in this directory")
        return found
    if path.is_file():
        return [path]
    if _GLOB_CHARS & set(item):
        found = []
        for match in sorted(Path(match) for match in glob.glob(item, recursive=True)):
            if match.is_dir():
                found.extend(_files_under(match, suffixes))
            elif match.suffix.lower() in suffixes:
                found.append(match)
        if not found:
            raise InputError(item, f"no article file ({', '.join(sorted(suffixes))}) matches this pattern")
        return found
    if path.exists():
        raise InputError(item, "not a regular file")
    raise InputError(item, "no such file or directory")


def _files_under(directory: Path, suffixes: Collection[str]) -> list[Path]:
    """Files with a known suffix anywhere under `directory`, sorted; hidden files and folders skipped."""
    return sorted(
        path
        for path in directory.rglob("*")
        if path.is_file()
        and path.suffix.lower() in suffixes
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )
