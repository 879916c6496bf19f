"""Word frequency on the Zipf scale, from wordfreq's bundled English word list.

wordfreq (Speer 2022, https://github.com/rspeer/wordfreq; code Apache-2.0, data CC BY-SA 4.0)
ships its lists inside the package: ``wordfreq/data/small_en.msgpack.gz`` holds the 28,917
English words with a frequency of at least one per million words, merged from Wikipedia,
subtitles, news, books, web text, Twitter and Reddit. Nothing is downloaded.

We read that file directly instead of calling ``wordfreq.zipf_frequency``: importing wordfreq
pulls in ftfy and langcodes (about 75 ms) and its per-call tokenization is not needed for
words the Document has already split. The file is a "cBpack": a header, then one list of words
per centibel bin, bin ``i`` holding the words of frequency 10**(-i/100), i.e. Zipf value
``9 - i/100`` (Zipf = log10 of frequency per billion words, van Heuven et al. 2014). The small
list loads in about 7 ms; the large one (321,180 words, down to Zipf 1) costs 100 ms of
start-up, and below Zipf 3 it mostly separates names and typos from one another.
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import cache
from pathlib import Path

# The small list stops at one occurrence per million words: a word outside it is rarer.
FLOOR_ZIPF = 3.0
# Uncommon word: below Zipf 4.5, fewer than about 30 per million words. On the Zipf scale
# (van Heuven et al. 2014, "SUBTLEX-UK", Quarterly Journal of Experimental Psychology 67:1176)
# 1-3 are low-frequency words and 4-7 high-frequency ones. The cut was measured: of 3.5, 4,
# 4.5 and 5, 4.5 ranked OneStopEnglish's levels best and CLEAR's too (4 and 5 close behind;
# scripts/fit_readability.py). It sits above the small list's floor, so the list's cut-off
# does not move it.
UNCOMMON_ZIPF = 4.5


@cache
def _zipf_table() -> dict[str, float]:
    """Word -> Zipf value, from the small English list bundled with wordfreq."""
    import msgpack  # a wordfreq dependency; imported here so scoring loads it only once

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("wordfreq is not installed")
    path = Path(spec.submodule_search_locations[0], "data", "small_en.msgpack.gz")
    with gzip.open(path, "rb") as handle:
        header, *bins = msgpack.load(handle, raw=False)
    if header != {"format": "cB", "version": 1}:
        raise ValueError(f"{path}: unknown wordfreq list format {header!r}")
    table: dict[str, float] = {}
    for i, words in enumerate(bins):
        table.update(dict.fromkeys(words, round(9 - i / 100, 2)))
    return table


def zipf(word: str) -> float | None:
    """Zipf frequency of one lower-cased word (None for a token with a digit or no letter).

    A possessive falls back to its stem ("obama's" -> "obama"), a hyphenated compound to its
    rarest part; a word outside the list gets ``FLOOR_ZIPF``. Not cached here: the readability
    family caches each word's profile.
    """
    table = _zipf_table()
    if word.isalpha():  # most words: none of the cases below applies
        return table.get(word, FLOOR_ZIPF)
    if not any(ch.isalpha() for ch in word) or any(ch.isdigit() for ch in word):
        return None
    value = table.get(word)
    if value is None and word.endswith("'s"):
        value = table.get(word[:-2])
    if value is None and "-" in word:
        parts = [p for p in word.split("-") if p]
        values = [table.get(p, FLOOR_ZIPF) for p in parts]
        value = min(values) if values else None
    return FLOOR_ZIPF if value is None else value
