"""A token trie over matching keys: finds the longest known phrase starting at each token.

Both actor names and relation triggers are phrases of one or more words. Keys are the
normalized, article-less stems of their words (see `normalize.clitic_stems`), so one index
serves "روسيا", "وروسيا", "لروسيا" and "بالولايات المتحدة" alike.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING, Generic, Iterator, Sequence, TypeVar

from kg.nlp.normalize import strip_article

if TYPE_CHECKING:
    from spacy.language import Language

V = TypeVar("V")

_END = ""  # trie key under which a phrase's values are stored: no word is empty, and it pickles


def phrase_key(words: Sequence[str]) -> tuple[str, ...]:
    """The key a phrase is indexed under: each word normalized, without the article."""
    return tuple(strip_article(w) for w in words)


def phrase_keys(nlp: "Language", phrases: Sequence[str]) -> list[tuple[str, ...]]:
    """The keys of many phrases, split into words as the pipeline's tokenizer splits text.

    A phrase of letters and spaces only is split on spaces (what the tokenizer does with it,
    and much cheaper: this runs for every alias and trigger on every start-up); the tokenizer
    itself splits the rest ("إس-400", "غينيا-بيساو").
    """
    keys: list[tuple[str, ...] | None] = [None] * len(phrases)
    hard = [i for i, phrase in enumerate(phrases) if not _plain(phrase)]
    for i, phrase in enumerate(phrases):
        if keys[i] is None and i not in hard:
            keys[i] = phrase_key(phrase.split())
    for i, doc in zip(hard, nlp.tokenizer.pipe(phrases[i] for i in hard)):
        keys[i] = phrase_key([t.text for t in doc if not t.is_space])
    return keys  # type: ignore[return-value]


# Letters, digits, harakat, tatweel and spaces: nothing the tokenizer would split off.
_plain = re.compile(r"(?:[^\W_]|[\u064B-\u065F\u0670\u0640\s])*").fullmatch


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

    def longest_at(
        self, stems: Sequence[Sequence[str]], start: int, end: int | None = None
    ) -> tuple[int, list[V], str] | None:
        """The longest phrase starting at token `start` and ending by token `end`: (end, values, stem of the first word)."""
        end = len(stems) if end is None else end
        best = None
        for first in stems[start]:
            node = self._root.get(first)
            i = start + 1
            while node is not None:
                if _END in node and (best is None or i > best[0]):
                    best = (i, node[_END], first)
                if i >= end:
                    break
                branch = node
                node = None
                for stem in stems[i]:  # the first stem of the next word that continues a phrase
                    if stem in branch:
                        node = branch[stem]
                        break
                i += 1
        return best

    def can_start(self, text: str, stems: Sequence[str]) -> bool:
        """Whether a word with these stems may begin a phrase (a word flag: see Normalizer.add_word_flag)."""
        return not self._root.keys().isdisjoint(stems)

    def finditer(
        self,
        stems: Sequence[Sequence[str]],
        can_start: Sequence[int],
        start: int = 0,
        end: int | None = None,
        *,
        overlapping: bool = False,
    ) -> Iterator[tuple[int, int, list[V], str]]:
        """Longest matches left to right within tokens [start, end): (start, end, values, first stem).

        `can_start` lists the tokens, in order, for which `self.can_start` holds: the trie is
        walked from those alone. Without `overlapping`, a match consumes its tokens (actor
        names); with it, every token may start a match (triggers of different relations may
        share words).
        """
        end = len(stems) if end is None else end
        after = start  # the first token a match may start at (past the last match, unless overlapping)
        for i in can_start[bisect_left(can_start, start) : bisect_left(can_start, end)]:
            if i < after:
                continue
            found = self.longest_at(stems, i, end)
            if found is not None:
                match_end, values, first = found
                yield i, match_end, values, first
                after = i + 1 if overlapping else match_end
