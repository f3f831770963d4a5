"""Page junk: whole lines of site chrome removed from an article, by the patterns in ontology/boilerplate.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


from kg.errors import DataError
from kg.resources import ontology_path, read_yaml

BOILERPLATE_FILE = "boilerplate.yaml"


@dataclass(frozen=True)
class JunkClass:
    name: str
    pattern: re.Pattern  # all the class's patterns, every language, as one alternation
    max_chars: int
    ends_article: bool
    anywhere: bool  # the patterns may match anywhere in the line, not only the whole line

    def matches(self, line: str) -> bool:
        if len(line) > self.max_chars:
            return False
        return bool(self.pattern.search(line) if self.anywhere else self.pattern.fullmatch(line))


@dataclass(frozen=True)
class Boilerplate:
    classes: tuple[JunkClass, ...]
    tail_max_chars: int

    def junk_class(self, line: str) -> JunkClass | None:
        """The class of page junk that `line` is, or None when it is article text (or blank)."""
        stripped = line.strip()
        if not stripped:
            return None
        return next((junk for junk in self.classes if junk.matches(stripped)), None)

    def clean(self, text: str) -> str:
        """`text` without its junk lines; every other line, blank ones included, is kept as it was."""
        lines = text.split("\n")
        kinds = [self.junk_class(line) for line in lines]
        kept = []
        for index, (line, junk) in enumerate(zip(lines, kinds)):
            if junk is None:
                kept.append(line)
            elif junk.ends_article and not self._news_after(lines, kinds, index):
                break
        return "\n".join(kept).rstrip()

    def _news_after(self, lines: list[str], kinds: list, index: int) -> bool:
        """Whether a paragraph of news follows line `index` (then a closing marker sat mid-page)."""
        return any(
            junk is None and len(line.strip()) > self.tail_max_chars
            for line, junk in zip(lines[index + 1 :], kinds[index + 1 :])
        )


@lru_cache(maxsize=1)
def load_boilerplate() -> Boilerplate:
    """The junk classes of ontology/boilerplate.yaml, compiled once."""
    path = ontology_path(BOILERPLATE_FILE)
    try:
        data = read_yaml(path)
        classes = tuple(_junk_class(name, spec) for name, spec in data["classes"].items())
        return Boilerplate(classes=classes, tail_max_chars=int(data["tail_max_chars"]))
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise DataError(path, None, f"cannot load the page-junk patterns: {exc}") from None


def _junk_class(name: str, spec: dict) -> JunkClass:
    settings = {"max_chars", "ends_article", "anywhere"}
    patterns = [pattern for key, values in spec.items() if key not in settings for pattern in values]
    if not patterns:
        raise ValueError(f"class {name!r} has no patterns")
    return JunkClass(
        name=name,
        pattern=re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE),
        max_chars=int(spec["max_chars"]),
        ends_article=bool(spec.get("ends_article", False)),
        anywhere=bool(spec.get("anywhere", False)),
    )
