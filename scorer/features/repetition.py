"""Repetition: duplicated paragraphs, lines, sentences and phrases, and lexical diversity.

Copy-paste padding, recycled paragraphs and drummed-in slogans are marks of low-effort or
manipulative text, so we measure them the way web-scale quality filters do and point at
every repeated occurrence:

- Gopher repetition rules (Rae et al. 2021, "Scaling Language Models", appendix A): the share
  of duplicate lines and paragraphs (by count and by characters), the character share of the
  most common word 2-, 3- and 4-gram, and the character share covered by word 5..10-grams that
  occur more than once; ``gopher_rules_failed`` counts how many of its 13 thresholds the
  article exceeds. Units are compared on their lower-cased words, so punctuation and spacing
  differences do not hide a copy. A paragraph also counts as a duplicate when at least 90% of
  its words repeat, in order, a passage that appeared earlier (a paragraph copied out of an
  earlier one, not only a whole paragraph twice).
- Sentences repeated exactly (same words), or nearly: for sentences of 8+ words, at least 80%
  of the shorter one's word 3-shingles occur in the other (the overlap coefficient rather than
  Jaccard, so a sentence pasted into a longer one still counts). Candidate pairs come from
  prefix filtering on each sentence's rarest shingles, with a cap on candidates per sentence,
  so the cost stays linear even on 100k words of near-identical sentences.
- Repeated phrases: a run of 3 consecutive content words occurring 3+ times ("fake news
  media", "let freedom ring"), ignoring names and attributions ("Kim Jong Un", "Mr. Trump
  said").
- MTLD (McCarthy & Jarvis 2010): mean length of word runs that keep a type-token ratio above
  0.72, averaged over a forward and a backward pass; stable under length, unlike raw TTR.

Word n-grams are hashed into 64-bit integers and counted with numpy, keeping only the
positions where one repeats: each n looks only at the positions where a shorter n-gram
repeats, so ordinary prose costs little beyond the first sorts, and the steps that look for
twins stop early when nothing repeats.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import count
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from scorer.document import Document, Span
from scorer.features.base import (
    Family,
    FamilyResult,
    FeatureSpec,
    bounded,
    evidence,
    per_100_words,
    share,
    word_span,
)
from scorer.lexicons import word_set

NAME = "repetition"

# Gopher thresholds (Rae et al. 2021, table A1): a document above any of them is dropped.
GOPHER_DUPLICATE_LINE_SHARE = 0.30
GOPHER_DUPLICATE_PARAGRAPH_SHARE = 0.30
GOPHER_DUPLICATE_LINE_CHAR_SHARE = 0.20
GOPHER_DUPLICATE_PARAGRAPH_CHAR_SHARE = 0.20
GOPHER_TOP_NGRAM = {2: 0.20, 3: 0.18, 4: 0.16}
GOPHER_DUPLICATE_NGRAM = {5: 0.15, 6: 0.14, 7: 0.13, 8: 0.12, 9: 0.11, 10: 0.10}

PARAGRAPH_NGRAM = 8  # window that must reappear for a long paragraph to count as copied
PARAGRAPH_COVERAGE = 0.9
MIN_SENTENCE_WORDS = 4  # shorter sentences ("Why?", "Read more.") repeat innocently
NEAR_MIN_WORDS = 8
NEAR_OVERLAP = 0.8
SHINGLE = 3
MAX_CANDIDATES = 16  # near-duplicate candidates examined per sentence
STEPPED = 5  # longer n-grams are found from the repeated 5-grams (see ``_Ngrams.repeats``)
PHRASE_WORDS = 3
PHRASE_MIN_COUNT = 3
MTLD_THRESHOLD = 0.72
MTLD_MAX = 1000.0

FEATURES = (
    FeatureSpec(
        "duplicate_line_share",
        0,
        1,
        "share of lines repeating an earlier line",
        "higher",
        label="Repeated lines",
    ),
    FeatureSpec(
        "duplicate_line_char_share",
        0,
        1,
        "share of line characters in repeated lines",
        "higher",
        label="Text in repeated lines",
    ),
    FeatureSpec(
        "duplicate_paragraph_share",
        0,
        1,
        "share of paragraphs repeating an earlier paragraph or passage",
        "higher",
        label="Repeated paragraphs",
    ),
    FeatureSpec(
        "duplicate_paragraph_char_share",
        0,
        1,
        "share of paragraph characters in repeated paragraphs",
        "higher",
        label="Text in repeated paragraphs",
    ),
    FeatureSpec(
        "duplicate_sentence_share",
        0,
        1,
        "share of sentences repeating an earlier one exactly or nearly",
        "higher",
        label="Repeated sentences",
    ),
    FeatureSpec(
        "top_2gram_char_share",
        0,
        1,
        "character share of the most common word 2-gram",
        "higher",
        label="Most repeated 2-word phrase",
    ),
    FeatureSpec(
        "top_3gram_char_share",
        0,
        1,
        "character share of the most common word 3-gram",
        "higher",
        label="Most repeated 3-word phrase",
    ),
    FeatureSpec(
        "top_4gram_char_share",
        0,
        1,
        "character share of the most common word 4-gram",
        "higher",
        label="Most repeated 4-word phrase",
    ),
    FeatureSpec(
        "dup_5gram_char_share",
        0,
        1,
        "character share inside word 5-grams seen twice+",
        "higher",
        label="Text in repeated 5-word runs",
    ),
    FeatureSpec(
        "dup_10gram_char_share",
        0,
        1,
        "character share inside word 10-grams seen twice+",
        "higher",
        label="Text in repeated 10-word runs",
    ),
    FeatureSpec(
        "gopher_rules_failed",
        0,
        13,
        "Gopher repetition thresholds exceeded (of 13)",
        "higher",
        label="Repetition rules failed (Gopher)",
    ),
    FeatureSpec(
        "repeated_phrase_density",
        0,
        100,
        "occurrences of 3-content-word phrases used 3+ times, per 100 words",
        "higher",
        label="Repeated catchphrases",
    ),
    FeatureSpec(
        "mtld",
        0,
        MTLD_MAX,
        "lexical diversity (MTLD, bidirectional)",
        "lower",
        label="Vocabulary variety",
    ),
)

IntArray = npt.NDArray[np.int64]
HashArray = npt.NDArray[np.uint64]
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_CLOSING = frozenset(".,;:!?'\")]\u201d\u2019\u2026")


@dataclass(frozen=True)
class RepeatGroup:
    """Occurrences of one repeated unit (twins), for linking them in a report."""

    kind: str
    spans: tuple[Span, ...]


@dataclass
class _Analysis:
    values: dict[str, float]
    # (kind, groups) from the largest unit to the smallest; evidence follows this order.
    levels: list[tuple[str, list[list[Span]]]] = field(default_factory=list)


class _Repeats(NamedTuple):
    """The positions whose word n-gram occurs more than once (ascending), its hash and count.

    Only these positions: ordinary prose repeats few n-grams, so every later step stays small.
    """

    at: IntArray
    hashes: HashArray
    counts: IntArray


class _Ngrams:
    """The document's words as integer codes, and its repeated word n-grams as 64-bit hashes."""

    def __init__(self, doc: Document) -> None:
        words = doc.lower_words
        self.size = size = len(words)
        self.vocabulary = list(dict.fromkeys(words))
        index = dict(zip(self.vocabulary, count()))
        self.ids: IntArray = np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=size)
        self.codes: HashArray = self.ids.astype(np.uint64) + np.uint64(1)
        lengths = np.fromiter(map(len, doc.word_texts), dtype=np.int64, count=size)
        # Characters before each word (and in all of them, last): a range's length is a difference.
        self.chars_before: IntArray = np.concatenate(([0], np.cumsum(lengths)))
        self.total_chars = int(self.chars_before[-1])
        self.sentence_lengths: IntArray = np.array(
            [b - a for a, b in doc.sentence_words], dtype=np.int64
        )
        self.sentence: IntArray = np.repeat(
            np.arange(self.sentence_lengths.size, dtype=np.int64), self.sentence_lengths
        )
        counts = np.bincount(self.ids)[self.ids]
        at = np.flatnonzero(counts > 1)
        self._repeats = {1: _Repeats(at, self.codes[at], counts[at])}

    def repeats(self, n: int) -> _Repeats:
        """Where an n-gram occurring more than once starts, with its hash and count.

        An n-gram can repeat only where each of its prefixes repeats, so each n hashes and
        counts just the positions of a shorter one: on ordinary prose they are few. Up to
        ``STEPPED`` words that is the prefix one word shorter (each length is needed anyway);
        longer n-grams start from the ``STEPPED``-gram positions. The hash of the n-gram at
        ``i`` is ``hash((n-1)-gram at i) * M + code[i + n - 1]``.
        """
        if n not in self._repeats:
            base = min(n - 1, STEPPED)
            shorter = self.repeats(base)
            if not shorter.at.size:  # no shorter n-gram repeats
                return shorter
            fits = int(np.searchsorted(shorter.at, self.size - n + 1))
            at, hashes = shorter.at[:fits], shorter.hashes[:fits]
            for k in range(base, n):
                hashes = hashes * _MULTIPLIER + self.codes[at + k]
            counts = _tally(hashes)
            repeated = counts > 1
            self._repeats[n] = _Repeats(at[repeated], hashes[repeated], counts[repeated])
        return self._repeats[n]

    def first_seen(self, n: int) -> IntArray:
        """Where the n-gram at each position of ``repeats(n).at`` first occurs."""
        repeats = self.repeats(n)
        order = np.argsort(repeats.hashes, kind="stable")
        first: IntArray = repeats.at[order[np.searchsorted(repeats.hashes[order], repeats.hashes)]]
        return first

    def repeated_chars(self, n: int) -> int:
        """Characters in the words inside at least one n-gram that occurs more than once.

        The starts ascend, so each n-gram adds only the words past the end of the one before.
        """
        starts = self.repeats(n).at
        if not starts.size:
            return 0
        ends = starts + n
        fresh = starts.copy()
        np.maximum(starts[1:], ends[:-1], out=fresh[1:])
        return int((self.chars_before[ends] - self.chars_before[fresh]).sum())

    def coverage(self, starts: IntArray, n: int) -> npt.NDArray[np.bool_]:
        """Which words lie inside at least one of the n-grams starting at ``starts``."""
        size = self.size
        delta = np.bincount(starts, minlength=size + 1) - np.bincount(
            starts + n, minlength=size + 1
        )
        covered: npt.NDArray[np.bool_] = np.cumsum(delta)[:size] > 0
        return covered


# Up to this many values, binary searches in the sorted values beat sorting's bookkeeping.
SMALL_TALLY = 64


def _tally(values: HashArray) -> IntArray:
    """How often each value occurs among ``values``."""
    if values.size <= SMALL_TALLY:
        ordered = np.sort(values)
        found: IntArray = np.searchsorted(ordered, values, side="right") - np.searchsorted(
            ordered, values, side="left"
        )
        return found
    order = np.argsort(values)
    ordered = values[order]
    change = np.empty(values.size + 1, dtype=bool)
    change[0] = change[-1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=change[1:-1])
    runs = np.diff(np.flatnonzero(change))
    counts = np.empty(values.size, dtype=np.int64)
    counts[order] = np.repeat(runs, runs)
    return counts


def _exact_groups(doc: Document, ranges: Sequence[Span], min_words: int) -> list[list[int]]:
    """Units (by index) with the same lower-cased words, in groups of two or more."""
    words = doc.lower_words
    units = [words[first:last] for first, last in ranges]
    if len(set(units)) == len(units):  # the usual case: no unit repeats
        return []
    by_words: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        if len(unit) >= min_words:
            by_words[unit].append(index)
    return [members for members in by_words.values() if len(members) > 1]


def _with_closing_punctuation(doc: Document, span: Span) -> Span:
    """Extend a word span over the punctuation that closes it (``threats`` -> ``threats.``)."""
    start, end = span
    while end < len(doc.text) and doc.text[end] in _CLOSING:
        end += 1
    return (start, end)


def _duplicate_paragraphs(
    doc: Document, ngrams: _Ngrams, ranges: list[Span], exact: list[list[int]]
) -> tuple[list[int], list[list[Span]]]:
    """Paragraphs that repeat earlier text, and groups of spans linking them to their twins.

    Short paragraphs must equal an earlier paragraph (``exact`` groups them); longer ones must
    have ``PARAGRAPH_COVERAGE`` of their words inside ``PARAGRAPH_NGRAM``-grams that lie within
    the paragraph and first occurred before it began.
    """
    n = PARAGRAPH_NGRAM
    duplicates: list[int] = []
    groups: dict[Span, list[Span]] = {}
    for members in exact:
        if ranges[members[0]][1] - ranges[members[0]][0] < n:
            duplicates.extend(members[1:])
            groups[doc.paragraphs[members[0]]] = [doc.paragraphs[i] for i in members]
    repeats = ngrams.repeats(n)
    if not ranges or not repeats.at.size:  # no window occurs twice: nothing was copied
        return duplicates, list(groups.values())
    # Only a window occurring twice can have occurred before: look at those alone.
    first_seen = ngrams.first_seen(n)
    bounds = np.array(ranges, dtype=np.int64)
    owner = np.maximum(np.searchsorted(bounds[:, 0], repeats.at, side="right") - 1, 0)
    copy = (first_seen < bounds[owner, 0]) & (repeats.at + n <= bounds[owner, 1])
    earlier, source = repeats.at[copy], first_seen[copy]
    if not earlier.size:
        return duplicates, list(groups.values())
    sizes = bounds[:, 1] - bounds[:, 0]
    covered = np.concatenate(([0], np.cumsum(ngrams.coverage(earlier, n))))
    copied = (sizes >= n) & (
        covered[bounds[:, 1]] - covered[bounds[:, 0]] >= PARAGRAPH_COVERAGE * sizes
    )
    # Where each paragraph's earlier windows first occurred: one contiguous passage is a twin.
    width = ngrams.size - n + 1
    heads = np.minimum(bounds[:, 0], width - 1)
    lowest = np.full(width, width, dtype=np.int64)
    lowest[earlier] = source
    highest = np.full(width, -1, dtype=np.int64)
    highest[earlier] = source
    source_lo = np.minimum.reduceat(lowest, heads).tolist()
    source_hi = (np.maximum.reduceat(highest, heads) + n).tolist()
    # A twin that is exactly an earlier sentence or paragraph is shown as that unit.
    units = dict(zip(doc.sentence_words, doc.sentences, strict=True))
    units.update(zip(ranges, doc.paragraphs, strict=True))
    for index in np.flatnonzero(copied).tolist():
        first, last = ranges[index]
        lo, hi = source_lo[index], source_hi[index]
        duplicates.append(index)
        span = doc.paragraphs[index]
        if hi - lo <= last - first + n:
            twin = units.get((lo, hi)) or _with_closing_punctuation(doc, word_span(doc, lo, hi))
            groups.setdefault(twin, [twin]).append(span)
        else:
            groups[span] = [span]
    return sorted(duplicates), list(groups.values())


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _link_near_duplicates(
    ngrams: _Ngrams, eligible: npt.NDArray[np.bool_], forest: _UnionFind
) -> bool:
    """Join eligible sentences whose shingle overlap coefficient reaches ``NEAR_OVERLAP``.

    Prefix filtering: if the smaller set C shares ``ceil(t |C|)`` shingles with S, then any
    ``|C| - ceil(t |C|) + 1`` shingles of C include a shared one. Ordering each sentence's
    shingles rarest first (by count in the document), the ones occurring once come first and
    can match nothing, so only the repeated shingles inside that prefix are indexed, and only
    repeated shingles probe the index: work grows with the repetition, not the length.
    Returns whether any sentences were joined.
    """
    n = SHINGLE
    repeats, sentence = ngrams.repeats(n), ngrams.sentence
    owner = sentence[repeats.at]
    inside = owner == sentence[repeats.at + n - 1]
    shared = np.bincount(owner[inside], minlength=eligible.size)
    windows = ngrams.sentence_lengths - (n - 1)
    # The smaller sentence of a pair has a share NEAR_OVERLAP of its shingles repeated.
    if not (eligible & (shared >= np.ceil(NEAR_OVERLAP * windows - 1e-9))).any():
        return False
    unique = windows - shared  # read for eligible sentences only
    inside &= eligible[owner]
    owner, shingle, count = owner[inside], repeats.hashes[inside], repeats.counts[inside]
    order = np.lexsort((shingle, count, owner))
    owner, shingle = owner[order], shingle[order]
    distinct = np.ones(owner.size, dtype=bool)
    distinct[1:] = (owner[1:] != owner[:-1]) | (shingle[1:] != shingle[:-1])
    owner, shingle = owner[distinct], shingle[distinct]
    repeated = np.bincount(owner, minlength=eligible.size)
    offsets = np.concatenate(([0], np.cumsum(repeated)[:-1]))
    sizes = unique + repeated
    rank = unique[owner] + np.arange(owner.size) - offsets[owner]
    prefix = sizes - np.ceil(NEAR_OVERLAP * sizes - 1e-9) + 1
    indexed = rank < prefix[owner]
    index: dict[int, list[int]] = defaultdict(list)
    for x, sid in zip(shingle[indexed].tolist(), owner[indexed].tolist(), strict=True):
        index[x].append(sid)

    shingles = shingle.tolist()
    size_of, start_of, shared_of = sizes.tolist(), offsets.tolist(), repeated.tolist()
    sets: dict[int, frozenset[int]] = {}

    def items(sid: int) -> frozenset[int]:
        if sid not in sets:
            sets[sid] = frozenset(shingles[start_of[sid] : start_of[sid] + shared_of[sid]])
        return sets[sid]

    current, seen, linked = -1, set(), False
    for x, sid in zip(shingles, owner.tolist(), strict=True):
        if sid != current:
            current, seen = sid, {sid}
        for other in index.get(x, ()):
            if len(seen) > MAX_CANDIDATES:
                break
            if other in seen:
                continue
            seen.add(other)
            small = size_of[other]
            if small > size_of[sid] or forest.find(sid) == forest.find(other):
                continue
            if len(items(sid) & items(other)) >= math.ceil(NEAR_OVERLAP * small - 1e-9):
                forest.union(sid, other)
                linked = True
    return linked


def _duplicate_sentences(
    doc: Document, ngrams: _Ngrams
) -> tuple[int, list[list[Span]], list[list[Span]]]:
    """Count of sentences repeating an earlier one, and exact and near groups of sentences."""
    ranges = doc.sentence_words
    exact = _exact_groups(doc, ranges, MIN_SENTENCE_WORDS)
    spans = doc.sentences
    exact_groups = [[spans[i] for i in members] for members in exact]
    forest = _UnionFind(len(ranges))
    # A sentence joined to an earlier exact twin is not compared again.
    eligible = ngrams.sentence_lengths >= NEAR_MIN_WORDS
    for members in exact:
        eligible[members[1:]] = False
        for other in members[1:]:
            forest.union(other, members[0])
    linked = eligible.any() and _link_near_duplicates(ngrams, eligible, forest)
    if not linked:  # the groups are the exact ones
        return sum(len(members) - 1 for members in exact), exact_groups, []
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ranges)):
        clusters[forest.find(i)].append(i)
    repeated = [members for members in clusters.values() if len(members) > 1]
    count = sum(len(members) - 1 for members in repeated)
    in_exact = {i for members in exact for i in members}
    near_groups = [
        [spans[i] for i in members if i not in in_exact]
        for members in repeated
        if any(i not in in_exact for i in members)
    ]
    return count, exact_groups, near_groups


def _repeated_phrases(doc: Document, ngrams: _Ngrams) -> list[list[Span]]:
    """Occurrences of runs of content words whose 3-word pieces occur ``PHRASE_MIN_COUNT``+ times.

    A piece needs at least two words not written as Capitalised names: "Kim Jong Un" and
    "Mr. Trump said" are names and attribution, not slogans (words in capitals throughout, as
    in a shouted "MAKE AMERICA GREAT", are not names).
    """
    n = PHRASE_WORDS
    sentence = ngrams.sentence
    repeats = ngrams.repeats(n)
    often = repeats.counts >= PHRASE_MIN_COUNT
    starts, hashes = repeats.at[often], repeats.hashes[often]
    within = sentence[starts] == sentence[starts + n - 1]
    starts, hashes = starts[within], hashes[within]
    if not starts.size:
        return []
    # A content word: not a function word, and with letters (its cases differ). Only the
    # words of these windows are looked at.
    windows = ngrams.ids[starts[:, None] + np.arange(n)]
    needed = sorted(set(windows.ravel().tolist()))
    stop = word_set("function_words")
    vocabulary = ngrams.vocabulary
    content = np.zeros(len(vocabulary), dtype=bool)
    content[needed] = [
        word.upper() != word.lower() and word not in stop
        for word in map(vocabulary.__getitem__, needed)
    ]
    keep = content[windows].all(axis=1)
    starts, hashes = starts[keep], hashes[keep]
    texts = doc.word_texts
    keep = np.array(
        [
            sum(w[:1].isupper() and not w.isupper() for w in texts[i : i + n]) < n - 1
            for i in starts.tolist()
        ],
        dtype=bool,
    )
    starts, hashes = starts[keep], hashes[keep]
    if not starts.size:
        return []
    runs: list[list[int]] = []
    chosen = starts[_tally(hashes) >= PHRASE_MIN_COUNT]
    for start, owner in zip(chosen.tolist(), sentence[chosen].tolist(), strict=True):
        if runs and start <= runs[-1][1] and owner == runs[-1][2]:
            runs[-1][1] = start + n
        else:
            runs.append([start, start + n, owner])
    words = doc.lower_words
    groups: dict[tuple[str, ...], list[Span]] = defaultdict(list)
    for first, last, _ in runs:
        groups[words[first:last]].append(word_span(doc, first, last))
    return list(groups.values())


def _mtld_pass(words: tuple[str, ...] | list[str]) -> float:
    """Words per factor: a factor ends when the running type-token ratio falls to 0.72."""
    factors = 0.0
    types: set[str] = set()
    count = 0
    for word in words:
        count += 1
        # Only a repeated word can lower the ratio: a new one takes it from t/c to
        # (t + 1)/(c + 1), which is no lower, and t/c was above the threshold.
        if word not in types:
            types.add(word)
        elif len(types) / count <= MTLD_THRESHOLD:
            factors += 1
            types = set()
            count = 0
    if count:
        factors += (1 - len(types) / count) / (1 - MTLD_THRESHOLD)
    # A text that never loses diversity has no complete factor: its length is the best bound.
    return len(words) / factors if factors else float(len(words))


def mtld(words: tuple[str, ...]) -> float:
    """MTLD (McCarthy & Jarvis 2010): the mean of a forward and a backward pass."""
    return (_mtld_pass(words) + _mtld_pass(words[::-1])) / 2 if words else 0.0


def _analyse(doc: Document) -> _Analysis:
    ngrams = _Ngrams(doc)
    chars = ngrams.total_chars

    line_ranges = doc.word_ranges(doc.lines)
    line_groups = _exact_groups(doc, line_ranges, 1)
    line_duplicates = [i for members in line_groups for i in members[1:]]
    worded_lines = [doc.lines[i] for i, (a, b) in enumerate(line_ranges) if b > a]

    # Paragraphs are often single lines: then they have the same words and twins.
    paragraph_ranges, paragraph_exact = line_ranges, line_groups
    if doc.paragraphs != doc.lines:
        paragraph_ranges = doc.word_ranges(doc.paragraphs)
        paragraph_exact = _exact_groups(doc, paragraph_ranges, 1)
    paragraph_duplicates, paragraph_groups = _duplicate_paragraphs(
        doc, ngrams, paragraph_ranges, paragraph_exact
    )
    worded_paragraphs = [doc.paragraphs[i] for i, (a, b) in enumerate(paragraph_ranges) if b > a]

    sentence_repeats, exact_sentences, near_sentences = _duplicate_sentences(doc, ngrams)
    phrases = _repeated_phrases(doc, ngrams)

    def span_chars(spans: list[Span]) -> int:
        return sum(b - a for a, b in spans)

    values: dict[str, float] = {
        "duplicate_line_share": share(len(line_duplicates), len(worded_lines)),
        "duplicate_line_char_share": share(
            span_chars([doc.lines[i] for i in line_duplicates]), span_chars(worded_lines)
        ),
        "duplicate_paragraph_share": share(len(paragraph_duplicates), len(worded_paragraphs)),
        "duplicate_paragraph_char_share": share(
            span_chars([doc.paragraphs[i] for i in paragraph_duplicates]),
            span_chars(worded_paragraphs),
        ),
        "duplicate_sentence_share": share(sentence_repeats, len(doc.sentences)),
    }
    failed = sum(
        values[name] > limit
        for name, limit in (
            ("duplicate_line_share", GOPHER_DUPLICATE_LINE_SHARE),
            ("duplicate_paragraph_share", GOPHER_DUPLICATE_PARAGRAPH_SHARE),
            ("duplicate_line_char_share", GOPHER_DUPLICATE_LINE_CHAR_SHARE),
            ("duplicate_paragraph_char_share", GOPHER_DUPLICATE_PARAGRAPH_CHAR_SHARE),
        )
    )
    for n, limit in GOPHER_TOP_NGRAM.items():
        top = 0.0
        if ngrams.size >= n:
            # The first of the most common n-grams; with none repeated, the first n-gram.
            repeats, at, count = ngrams.repeats(n), 0, 1
            if repeats.at.size:
                best = repeats.counts.argmax()
                at, count = repeats.at[best].item(), repeats.counts[best].item()
            top = share(count * sum(map(len, doc.word_texts[at : at + n])), chars)
        values[f"top_{n}gram_char_share"] = top
        failed += top > limit
    dup5, dup10 = (share(ngrams.repeated_chars(n), chars) for n in (5, 10))
    values["dup_5gram_char_share"], values["dup_10gram_char_share"] = dup5, dup10
    for n, limit in GOPHER_DUPLICATE_NGRAM.items():
        # Longer repeated n-grams cover no more words, so the share for n lies between those
        # for 10 and 5, which mostly settle the threshold without finding the n-grams.
        failed += dup10 > limit or (dup5 > limit and share(ngrams.repeated_chars(n), chars) > limit)
    values["gopher_rules_failed"] = float(failed)
    values["repeated_phrase_density"] = per_100_words(sum(len(g) for g in phrases), doc)
    values["mtld"] = mtld(doc.lower_words)

    line_spans = [[doc.lines[i] for i in members] for members in line_groups]
    return _Analysis(
        values=bounded(values, FEATURES),
        levels=[
            ("duplicate_paragraph", paragraph_groups),
            ("duplicate_line", line_spans),
            ("duplicate_sentence", exact_sentences),
            ("near_duplicate_sentence", near_sentences),
            ("repeated_phrase", phrases),
        ],
    )


def repeat_groups(doc: Document) -> list[RepeatGroup]:
    """Every repeated unit with all its occurrences, so a report can link twins."""
    return [
        RepeatGroup(kind, tuple(sorted(set(spans))))
        for kind, groups in _analyse(doc).levels
        for spans in groups
    ]


class _Covered:
    """Character intervals already shown as evidence, to skip units inside them."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, spans: list[Span]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted([*zip(self._starts, self._ends, strict=True), *spans]):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]

    def contains(self, span: Span) -> bool:
        at = bisect_left(self._starts, span[0] + 1) - 1
        return at >= 0 and self._ends[at] >= span[1]


def extract(doc: Document) -> FamilyResult:
    analysis = _analyse(doc)
    result = FamilyResult(values=analysis.values)
    covered = _Covered()
    for kind, groups in analysis.levels:
        spans = sorted({span for group in groups for span in group})
        if kind != "repeated_phrase":
            spans = [span for span in spans if not covered.contains(span)]
            covered.add(spans)
        result.evidence.extend(evidence(doc, NAME, kind, span) for span in spans)
    return result


FAMILY = Family(
    NAME,
    "Duplicated paragraphs, lines, sentences and phrases (Gopher rules) and lexical diversity.",
    FEATURES,
    extract,
)
