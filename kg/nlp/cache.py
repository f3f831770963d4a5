"""A disk cache of what the pipeline compiles from the data files, paid once, not on every start.

Building the actor and trigger indexes from `ontology/` takes a few tenths of a second, more
than the rest of kg's start-up. The result is kept in a pickle under the user's cache folder
(`$KG_CACHE_DIR`, else `$XDG_CACHE_HOME/kg`, else `~/.cache/kg`), named by a fingerprint of the
content of every data file and of the code that compiles them, and of the kg and spaCy
versions: editing a data file, or upgrading, builds it anew. A cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

from kg.resources import ontology_dir

T = TypeVar("T")


def cache_dir() -> Path:
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


@lru_cache(maxsize=None)
def data_fingerprint() -> str:
    import spacy

    import kg

    digest = hashlib.sha256(f"{kg.__version__} {spacy.__version__}".encode())
    # the data files, and the code that compiles them (kg/nlp, kg/knowledge), by content: the
    # same files give the same fingerprint on every machine (about 0.5 MB, read in a few ms)
    package = Path(kg.__file__).parent
    for root, pattern in ((ontology_dir(), "*"), (package / "nlp", "*.py"), (package / "knowledge", "*.py")):
        for path in sorted(root.rglob(pattern)):
            if path.is_file():
                digest.update(f"{path.relative_to(root).as_posix()}\n".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached(name: str, build: Callable[[], T]) -> T:
    """`build()`'s result, from the cache when the data files have not changed since."""
    path = cache_dir() / f"{name}-{data_fingerprint()}.pickle"
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError):
        pass  # absent, unreadable or from another version: build it
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: no cache, same result
    return value
