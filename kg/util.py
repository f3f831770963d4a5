"""Small helpers shared by the steps."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Iterator, TextIO


@contextlib.contextmanager
def atomic_writer(path: str | Path, encoding: str = "utf-8", *, durable: bool = True) -> Iterator[TextIO]:
    """Write to a temporary file beside `path`, then rename: readers see the old or the new file, never half.

    `durable` also flushes the file to disk before the rename, so that it survives a power cut;
    files that are cheap to regenerate (thousands of HTML views) can skip that cost.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; the result should read like any file
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as out:
            yield out
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def stdout_writer() -> Iterator[TextIO]:
    yield sys.stdout
    sys.stdout.flush()
