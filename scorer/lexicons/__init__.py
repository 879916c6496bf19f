"""Word lists as data, and a fast matcher of their phrases over a Document's words.

Each list is ``scorer/lexicons/NAME.txt``: ``#`` lines are the header (what the list is, where
its entries come from), every other non-blank line is one phrase. A phrase is matched on whole
lower-cased words, so ``appears to`` matches "Appears to" but not "disappears to". A ``*`` word
in a phrase matches any one word (``is * believed``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from scorer.document import tokenize

WILDCARD = "*"


@cache
def load_lexicon(name: str) -> tuple[str, ...]:
    """The phrases of list ``name``, in file order, without the header."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    phrases = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            phrases.append(line)
    return tuple(phrases)


@dataclass(frozen=True)
class Match:
    """Words ``first`` .. ``last - 1`` matched ``phrase``."""

    first: int
    last: int
    phrase: str


class PhraseMatcher:
    """Finds lexicon phrases in a sequence of lower-cased words, longest match first.

    Phrases are indexed by their first word, so matching costs one dict lookup per word.
    """

    def __init__(self, phrases: tuple[str, ...]) -> None:
        index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase in phrases:
            words = phrase_words(phrase)
            if not words or words[0] == WILDCARD:
                raise ValueError(f"lexicon phrase {phrase!r} must start with a word")
            index.setdefault(words[0], []).append((words, phrase))
        for candidates in index.values():
            candidates.sort(key=lambda item: -len(item[0]))
        self._index = index

    def finditer(self, words: tuple[str, ...]) -> Iterator[Match]:
        """Non-overlapping matches, scanning left to right."""
        index = self._index
        i, n = 0, len(words)
        while i < n:
            candidates = index.get(words[i])
            matched = None
            if candidates:
                for pattern, phrase in candidates:
                    end = i + len(pattern)
                    if end <= n and all(
                        p in (WILDCARD, w) for p, w in zip(pattern, words[i:end], strict=True)
                    ):
                        matched = Match(i, end, phrase)
                        break
            if matched:
                yield matched
                i = matched.last
            else:
                i += 1


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase's words as Documents split them, with ``*`` kept as a wildcard word."""
    out: list[str] = []
    for part in phrase.split():
        out.extend([WILDCARD] if part == WILDCARD else tokenize(part))
    return tuple(out)


@cache
def matcher(name: str) -> PhraseMatcher:
    """The cached matcher of list ``name``."""
    return PhraseMatcher(load_lexicon(name))


@cache
def word_set(name: str) -> frozenset[str]:
    """List ``name`` as a set, for single-word lookups."""
    return frozenset(load_lexicon(name))


@cache
def kind_matcher(lists: tuple[tuple[str, str], ...]) -> tuple[PhraseMatcher, dict[str, str]]:
    """One matcher over several ``(list name, kind)`` lists, and each phrase's kind.

    Matching them together lets the longest phrase win across lists ("almost certainly" is
    a hedge, not the booster "certainly"); a phrase in two lists takes the later kind.
    """
    kinds = {phrase: kind for name, kind in lists for phrase in load_lexicon(name)}
    return PhraseMatcher(tuple(kinds)), kinds
