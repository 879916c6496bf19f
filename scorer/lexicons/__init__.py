"""Word lists as data, and a fast matcher of their phrases over a Document's words.

Each list is ``scorer/lexicons/NAME.txt``: ``#`` lines are the header (what the list is, where
its entries come from), every other non-blank line is one phrase. A phrase is matched on whole
lower-cased words, so ``appears to`` matches "Appears to" but not "disappears to". A ``*`` word
in a phrase matches any one word (``is * believed``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import compress, count

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


class _Node:
    __slots__ = ("children", "phrase", "wildcard")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.wildcard: _Node | None = None
        self.phrase: str | None = None


class PhraseMatcher:
    """Finds lexicon phrases in a sequence of lower-cased words, longest match first.

    Phrases live in a word trie, so finding the longest phrase at a position costs one dict
    lookup per word of the longest candidate, however many phrases share an opening word.
    """

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self._root = _Node()
        for phrase in phrases:
            words = phrase_words(phrase)
            if not words or words[0] == WILDCARD:
                raise ValueError(f"lexicon phrase {phrase!r} must start with a word")
            node = self._root
            for word in words:
                if word == WILDCARD:
                    node.wildcard = node.wildcard or _Node()
                    node = node.wildcard
                else:
                    node = node.children.setdefault(word, _Node())
            if node.phrase is None:  # the first of two identical patterns wins
                node.phrase = phrase
        # The words that some phrase starts with.
        self.openers = frozenset(self._root.children)
        # For each opener that is no phrase by itself and has no wildcard after it: the words
        # that may follow it (None: any position it opens needs a search).
        self._follow = {
            word: None if node.phrase is not None or node.wildcard is not None else node.children
            for word, node in self._root.children.items()
        }

    def _longest_at(self, words: tuple[str, ...], i: int) -> Match | None:
        # The best so far is kept as plain values: a Match is built once, for the winner.
        best_end, best_phrase = -1, ""
        stack = [(self._root.children[words[i]], i + 1)]
        while stack:
            node, end = stack.pop()
            if node.phrase is not None and end > best_end:
                best_end, best_phrase = end, node.phrase
            if end < len(words):
                if node.wildcard is not None:
                    stack.append((node.wildcard, end + 1))
                child = node.children.get(words[end])
                if child is not None:
                    stack.append((child, end + 1))
        return Match(i, best_end, best_phrase) if best_end >= 0 else None

    def finditer(
        self, words: tuple[str, ...], starts: Iterable[int] | None = None
    ) -> Iterator[Match]:
        """Non-overlapping matches, scanning left to right.

        Only positions whose word opens some phrase can start a match. ``starts``, when
        given, are exactly those positions, ascending (see :func:`word_positions`, which
        finds them for several lists in one pass); else one C-level pass finds them.
        """
        if starts is None:
            starts = compress(count(), map(self._root.children.__contains__, words))
        follow = self._follow
        end, n = 0, len(words)
        for i in starts:
            if i < end:
                continue
            # Most openers ("the", "we") lead nowhere from here: settle that without a search.
            after = follow[words[i]]
            if after is not None and (i + 1 == n or words[i + 1] not in after):
                continue
            matched = self._longest_at(words, i)
            if matched:
                yield matched
                end = matched.last


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


@cache
def _union(groups: tuple[frozenset[str], ...]) -> frozenset[str]:
    return frozenset().union(*groups)


def word_positions(words: tuple[str, ...], groups: tuple[frozenset[str], ...]) -> list[list[int]]:
    """For each group of words, the ascending positions in ``words`` holding one of them.

    A set lookup per word is the main cost of matching a list over an article, so one
    C-level pass over the words serves every group; only the few positions found are then
    sorted into groups.
    """
    positions = list(compress(count(), map(_union(groups).__contains__, words)))
    found = list(map(words.__getitem__, positions))
    return [list(compress(positions, map(group.__contains__, found))) for group in groups]
