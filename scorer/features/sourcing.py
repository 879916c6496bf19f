"""Sourcing: direct quotations, specific numbers and dates, named sources.

Careful reporting shows its sources: it quotes people, names who said what, and gives
checkable numbers and dates. Attributions themselves are detected by the hedging family
(attributed against unattributed claims); here we count what makes a claim checkable.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from itertools import compress, count
from operator import itemgetter

from scorer.document import Document
from scorer.features.base import (
    Family,
    FamilyResult,
    FeatureSpec,
    evidence,
    per_100_words,
    share,
    word_span,
)

NAME = "sourcing"
# A quotation: curly or straight double quotes within one line, at least MIN_QUOTE_WORDS long
# (shorter quoted strings are usually scare quotes or titles, not quoted speech).
_QUOTE = re.compile(r"\u201c[^\u201c\u201d\n]{1,3000}\u201d|\"[^\"\n]{1,3000}\"")
MIN_QUOTE_WORDS = 4
MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# A number as reporters write one: "100", "3.5", "1,200", "1990s", "21st", "5bn"; not "5G" or
# "728X90", which are names and ids.
_NUMBER = re.compile(r"\d[\d,.]*(?:s|st|nd|rd|th|m|bn|k)?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

FEATURES = (
    FeatureSpec(
        "quotation_density",
        0,
        100,
        "direct quotations per 100 words",
        "lower",
        label="Direct quotations",
    ),
    FeatureSpec(
        "quoted_word_share",
        0,
        1,
        "share of words inside direct quotations",
        "neither",
        label="Words in quotations",
    ),
    FeatureSpec(
        "number_density",
        0,
        100,
        "specific numbers per 100 words",
        "lower",
        label="Specific numbers",
    ),
    FeatureSpec(
        "date_density",
        0,
        100,
        "specific dates (month-day, weekdays, years) per 100 words",
        "lower",
        label="Specific dates",
    ),
)


def _is_year(word: str) -> bool:
    # isdecimal, not isdigit: int() refuses digits such as "²" that isdigit accepts.
    return len(word) == 4 and word.isdecimal() and 1800 <= int(word) <= 2099


@cache
def _calendar_words() -> frozenset[str]:
    return MONTHS | WEEKDAYS


def _dates_and_numbers(doc: Document) -> tuple[list[tuple[int, int]], list[int]]:
    """Word ranges of dates, and indexes of other words that carry a digit."""
    words = doc.lower_words
    dates: list[tuple[int, int]] = []
    numbers: list[int] = []
    n = len(words)
    # Only calendar words and words opening with a digit can be dates or numbers.
    calendar = compress(count(), map(_calendar_words().__contains__, words))
    digit_led = compress(count(), map(str.isdigit, map(itemgetter(0), words)))
    skip = 0
    for i in sorted({*calendar, *digit_led}):
        if i < skip:
            continue  # inside a month-day date already taken
        word = words[i]
        if (
            word in MONTHS
            and i + 1 < n
            and words[i + 1][:1].isdigit()
            and doc.word_texts[i][0].isupper()
        ):
            last = i + 2
            if last < n and _is_year(words[last]):
                last += 1
            dates.append((i, last))
            skip = last
            continue
        if word in WEEKDAYS or _is_year(word) or _ISO_DATE.fullmatch(word):
            dates.append((i, i + 1))
        elif _NUMBER.fullmatch(word):
            numbers.append(i)
    return dates, numbers


def _quotations(doc: Document) -> list[tuple[int, int]]:
    spans = []
    for a, b in doc.lines:
        for match in _QUOTE.finditer(doc.text, a, b):
            if len(match.group().split()) >= MIN_QUOTE_WORDS:
                spans.append(match.span())
    return spans


def _words_inside(doc: Document, spans: list[tuple[int, int]]) -> int:
    """Words whose start falls inside any of the (sorted, disjoint) spans."""
    starts = doc.word_starts
    return sum(bisect_left(starts, end) - bisect_left(starts, start) for start, end in spans)


def extract(doc: Document) -> FamilyResult:
    quotes = _quotations(doc)
    dates, numbers = _dates_and_numbers(doc)
    result = FamilyResult(
        values={
            "quotation_density": per_100_words(len(quotes), doc),
            "quoted_word_share": share(_words_inside(doc, quotes), doc.n_words),
            "number_density": per_100_words(len(numbers), doc),
            "date_density": per_100_words(len(dates), doc),
        }
    )
    result.evidence.extend(evidence(doc, NAME, "quotation", span) for span in quotes)
    result.evidence.extend(evidence(doc, NAME, "date", word_span(doc, a, b)) for a, b in dates)
    result.evidence.extend(evidence(doc, NAME, "number", word_span(doc, i, i + 1)) for i in numbers)
    return result


FAMILY = Family(NAME, "What makes claims checkable: quotes, numbers, dates.", FEATURES, extract)
