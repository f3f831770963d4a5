"""A token trie over matching keys: finds the longest known phrase starting at each token.

Both actor names and relation triggers are phrases of one or more words. Keys are the
normalized, article-less stems of their words (see `normalize.clitic_stems`), so one index
serves "روسيا", "وروسيا", "لروسيا" and "بالولايات المتحدة" alike.
"""

from __future__ import annotations

from typing import Generic, Iterable, Iterator, Sequence, TypeVar

from kg.nlp.normalize import strip_article

V = TypeVar("V")

_END = object()  # trie key under which a phrase's values are stored


def phrase_key(words: Sequence[str]) -> tuple[str, ...]:
    """The key a phrase is indexed under: each word normalized, without the article."""
    return tuple(strip_article(w) for w in words)


class PhraseIndex(Generic[V]):
    def __init__(self) -> None:
        self._root: dict = {}
        self.size = 0

    def add(self, key: tuple[str, ...], value: V) -> None:
        if not key or not all(key):
            raise ValueError(f"empty matching key {key!r}")
        node = self._root
        for word in key:
            node = node.setdefault(word, {})
        values = node.setdefault(_END, [])
        if value not in values:
            values.append(value)
            self.size += 1

    def lookup(self, key: tuple[str, ...]) -> list[V]:
        node = self._root
        for word in key:
            node = node.get(word)
            if node is None:
                return []
        return list(node.get(_END, []))

    def longest_at(self, stems: Sequence[Sequence[str]], start: int) -> tuple[int, list[V], str] | None:
        """The longest phrase starting at token `start`: (end, values, stem of the first word)."""
        best = None
        for first in stems[start]:
            node = self._root.get(first)
            i = start + 1
            while node is not None:
                if _END in node and (best is None or i > best[0]):
                    best = (i, node[_END], first)
                if i >= len(stems):
                    break
                node = next((node[s] for s in stems[i] if s in node), None)
                i += 1
        return best

    def finditer(
        self, stems: Sequence[Sequence[str]], *, overlapping: bool = False
    ) -> Iterator[tuple[int, int, list[V], str]]:
        """Longest matches left to right: (start, end, values, first stem).

        Without `overlapping`, a match consumes its tokens (actor names); with it, every token
        may start a match (triggers of different relations may share words).
        """
        i = 0
        while i < len(stems):
            found = self.longest_at(stems, i)
            if found is None:
                i += 1
                continue
            end, values, first = found
            yield i, end, values, first
            i = i + 1 if overlapping else end
