"""Where the bundled data lives, in a checkout and in an installed wheel alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent


def ontology_dir() -> Path:
    """The `ontology/` folder: inside the package when installed, at the top of a checkout otherwise."""
    for candidate in (PACKAGE_DIR / "ontology", PACKAGE_DIR.parent / "ontology"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the ontology/ data folder is missing from this installation")


def ontology_path(*parts: str) -> Path:
    return ontology_dir().joinpath(*parts)


def read_yaml(path: Path) -> Any:
    """A data file's content, parsed with libyaml when it is there; a bad file is a DataError naming it."""
    import yaml

    from kg.errors import DataError

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(path, None, f"cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(path, mark.line + 1 if mark else None, f"not valid YAML: {exc}") from None


def sample_corpus_dir() -> Path:
    """The five sample Arabic articles: the default input of every command."""
    return PACKAGE_DIR / "corpus" / "ar"
