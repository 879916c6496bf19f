"""Readability: the classic formulas and word frequency, from counts taken once from the Document.

textstat re-tokenizes the text for every metric; we count words, sentences, syllables,
letters, polysyllables and Dale-Chall difficult words once and apply the published formulas
(as textstat 0.7.8 states them) to those counts. Degenerate text (no words, a 100,000-word
"sentence" without punctuation) would push the formulas to absurd values such as -4995, so
every formula is clipped into its declared range and the article gets a warning.

Word frequency (``scorer.frequency``: wordfreq's bundled English list, Zipf scale) measures
vocabulary the way readers meet it: the mean Zipf value of the words and the share of
uncommon words (in neither do tokens with digits). The readability score's composite (the
rubric, ``scorer/models/rubric.json``) reads the share of words in long sentences, the share of
uncommon words and the Dale-Chall score, weights fitted on graded text (docs/model_card.md).
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from functools import cache
from operator import lshift
from pathlib import Path

from scorer.document import Document
from scorer.features.base import Family, FamilyResult, FeatureSpec, bounded, evidence
from scorer.frequency import UNCOMMON_ZIPF, zipf
from scorer.syllables import WORD_CACHE_SIZE, count_syllables

NAME = "readability"
# A sentence beyond this many words is hard for any reader; flagged as evidence.
LONG_SENTENCE_WORDS = 40
# Long sentence for the long-sentence shares (of sentences, and of words, which the
# readability composite reads): more than this many words. Measured with the sentence share:
# of 20, 25 and 30 on OneStopEnglish (scripts/fit_readability.py), 25 ranked the three levels
# of the same stories best, 30 nearly as well, 20 clearly worse. Kept, not re-chosen, when
# the composite moved to the word share.
LONG_SENTENCE_SHARE_WORDS = 25
# Long word as in Björnsson's LIX: more than six letters.
LONG_WORD_LETTERS = 7

FEATURES = (
    FeatureSpec(
        "flesch_reading_ease",
        -200,
        121.22,
        "Flesch reading ease (higher = easier)",
        "lower",
        label="Reading ease (Flesch)",
    ),
    FeatureSpec(
        "flesch_kincaid_grade",
        -3.4,
        60,
        "Flesch-Kincaid US grade level",
        "higher",
        label="School grade (Flesch-Kincaid)",
    ),
    FeatureSpec(
        "gunning_fog",
        0,
        60,
        "Gunning fog index (years of schooling)",
        "higher",
        label="Years of schooling (Gunning fog)",
    ),
    FeatureSpec(
        "smog", 3.1291, 60, "SMOG grade (McLaughlin 1969)", "higher", label="School grade (SMOG)"
    ),
    FeatureSpec(
        "coleman_liau",
        -30,
        60,
        "Coleman-Liau index (US grade)",
        "higher",
        label="School grade (Coleman-Liau)",
    ),
    FeatureSpec(
        "ari",
        -30,
        60,
        "Automated readability index (US grade)",
        "higher",
        label="School grade (ARI)",
    ),
    FeatureSpec(
        "dale_chall",
        0,
        30,
        "New Dale-Chall score (difficult-word based)",
        "higher",
        label="Difficult words (Dale-Chall)",
    ),
    FeatureSpec(
        "words_per_sentence", 0, 500, "mean words per sentence", "higher", label="Sentence length"
    ),
    FeatureSpec(
        "syllables_per_word", 0, 10, "mean syllables per word", "higher", label="Syllables per word"
    ),
    FeatureSpec(
        "long_word_share",
        0,
        1,
        "share of words with 7 or more letters",
        "higher",
        label="Long words",
    ),
    FeatureSpec(
        "mean_zipf",
        0,
        8,
        "mean Zipf word frequency (wordfreq; log10 per billion words, words outside the list "
        "at 3; higher = commoner words)",
        "lower",
        label="Common words (word frequency)",
    ),
    FeatureSpec(
        "uncommon_word_share",
        0,
        1,
        "share of words less common than about 30 per million (Zipf < 4.5, wordfreq)",
        "higher",
        label="Uncommon words",
    ),
    FeatureSpec(
        "long_sentence_share",
        0,
        1,
        "share of sentences over 25 words",
        "higher",
        label="Long sentences",
    ),
    FeatureSpec(
        "long_sentence_word_share",
        0,
        1,
        "share of words in sentences over 25 words",
        "higher",
        label="Text in long sentences",
    ),
)


@dataclass(frozen=True)
class Counts:
    words: int
    sentences: int
    syllables: int
    letters: int
    polysyllables: int
    difficult: int
    long_words: int
    # Word frequency: words with a Zipf value (no digits), their Zipf total in hundredths,
    # and how many of them are uncommon.
    freq_words: int = 0
    zipf_centi: int = 0
    uncommon: int = 0
    long_sentences: int = 0
    long_sentence_words: int = 0


@cache
def _easy_words() -> frozenset[str]:
    """The Dale-Chall list of 3,000 familiar words, as textstat ships it.

    Read from textstat's package data without importing textstat, whose import costs a
    one-article run about 30 ms (``resources.files("textstat")`` would import it).
    """
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textstat is not installed")
    words = Path(spec.submodule_search_locations[0], "resources", "en", "easy_words.txt")
    return frozenset(line.strip() for line in words.read_text(encoding="utf-8").splitlines())


def word_profile(word: str) -> tuple[int, int, bool, bool, bool, bool, int, bool]:
    """Syllables, letters, and whether one lower-cased word is Dale-Chall difficult,
    polysyllabic (3+ syllables) and long; then whether it has a Zipf frequency, that value in
    hundredths, and whether it is uncommon."""
    syllables = count_syllables(word)
    letters = len(word) if word.isalpha() else sum(map(str.isalpha, word))
    frequency = zipf(word)
    return (
        syllables,
        letters,
        syllables >= 2 and word not in _easy_words(),
        syllables >= 3,
        letters >= LONG_WORD_LETTERS,
        frequency is not None,
        0 if frequency is None else round(frequency * 100),
        frequency is not None and frequency < UNCOMMON_ZIPF,
    )


# Zipf value of "the", the commonest English word: what a text of only numbers reads as.
EASIEST_ZIPF = 7.73

# A word's profile is cached packed into one int, FIELD_BITS bits per column, so an article's
# eight totals come from one C-level ``sum`` over its words. A column's total is at most a few
# times the text's length in characters, so no field can overflow into the next.
FIELD_BITS = 64
_FIELD_MASK = (1 << FIELD_BITS) - 1
_COLUMNS = 8
_SHIFTS = tuple(range(0, FIELD_BITS * _COLUMNS, FIELD_BITS))


class _Profiles(dict[str, int]):
    """Word -> packed profile, computed on first sight; emptied when it reaches
    ``WORD_CACHE_SIZE`` words, so an archive's long tail of names cannot grow it unbounded."""

    def __missing__(self, word: str) -> int:
        if len(self) >= WORD_CACHE_SIZE:
            self.clear()
        packed: int = sum(map(lshift, word_profile(word), _SHIFTS))
        self[word] = packed
        return packed


_PROFILES = _Profiles()


def count(doc: Document) -> Counts:
    """The counts every formula needs: each word's cached profile, summed per column."""
    total = sum(map(_PROFILES.__getitem__, doc.lower_words))
    syllables, letters, difficult, polysyllables, long_words, freq_words, zipf_centi, uncommon = (
        total >> (FIELD_BITS * k) & _FIELD_MASK for k in range(_COLUMNS)
    )
    lengths = [b - a for a, b in doc.sentence_words]
    sentences = sum(1 for n in lengths if n > 0)
    long = [n for n in lengths if n > LONG_SENTENCE_SHARE_WORDS]
    return Counts(
        doc.n_words,
        sentences,
        syllables,
        letters,
        polysyllables,
        difficult,
        long_words,
        freq_words,
        zipf_centi,
        uncommon,
        len(long),
        sum(long),
    )


def formulas(c: Counts) -> dict[str, float]:
    """The published formulas over counts (callers guarantee words and sentences > 0)."""
    wps = c.words / c.sentences
    spw = c.syllables / c.words
    difficult_pct = 100 * c.difficult / c.words
    return {
        "flesch_reading_ease": 206.835 - 1.015 * wps - 84.6 * spw,
        "flesch_kincaid_grade": 0.39 * wps + 11.8 * spw - 15.59,
        "gunning_fog": 0.4 * (wps + 100 * c.polysyllables / c.words),
        "smog": 1.0430 * math.sqrt(c.polysyllables * 30 / c.sentences) + 3.1291,
        "coleman_liau": 0.0588 * 100 * c.letters / c.words
        - 0.296 * 100 * c.sentences / c.words
        - 15.8,
        "ari": 4.71 * c.letters / c.words + 0.5 * wps - 21.43,
        "dale_chall": 0.1579 * difficult_pct + 0.0496 * wps + (3.6365 if difficult_pct > 5 else 0),
        "words_per_sentence": wps,
        "syllables_per_word": spw,
        "long_word_share": c.long_words / c.words,
        # No word with a frequency (all numbers): as easy as the commonest words.
        "mean_zipf": c.zipf_centi / 100 / c.freq_words if c.freq_words else EASIEST_ZIPF,
        "uncommon_word_share": c.uncommon / c.freq_words if c.freq_words else 0.0,
        "long_sentence_share": c.long_sentences / c.sentences,
        "long_sentence_word_share": c.long_sentence_words / c.words,
    }


# What an empty text reads as: the easiest end of every scale, so nothing looks alarming.
EMPTY = {spec.name: (spec.high if spec.worse == "lower" else spec.low) for spec in FEATURES}


def extract(doc: Document) -> FamilyResult:
    c = count(doc)
    if c.words == 0 or c.sentences == 0:
        return FamilyResult(dict(EMPTY), warnings=["readability: no words; scores undefined"])
    raw = formulas(c)
    values = bounded(raw, FEATURES)
    result = FamilyResult(values)
    if values != raw:
        result.warnings.append(
            "readability: degenerate text (very long sentences or no sentence punctuation); "
            "formulas clipped to their ranges"
        )
    for span, (first, last) in zip(doc.sentences, doc.sentence_words, strict=True):
        if last - first > LONG_SENTENCE_WORDS:
            result.evidence.append(evidence(doc, NAME, "long_sentence", span))
    return result


FAMILY = Family(
    NAME, "How hard the prose is to read (classic formulas, word frequency).", FEATURES, extract
)
