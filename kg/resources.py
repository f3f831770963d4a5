"""Where the bundled data lives, in a checkout and in an installed wheel alike."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def ontology_dir() -> Path:
    """The `ontology/` folder: inside the package when installed, at the top of a checkout otherwise."""
    for candidate in (PACKAGE_DIR / "ontology", PACKAGE_DIR.parent / "ontology"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the ontology/ data folder is missing from this installation")


def ontology_path(*parts: str) -> Path:
    return ontology_dir().joinpath(*parts)


def sample_corpus_dir() -> Path:
    """The five sample Arabic articles: the default input of every command."""
    return PACKAGE_DIR / "corpus" / "ar"
