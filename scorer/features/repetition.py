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

Word n-grams are hashed into 64-bit integers and counted with numpy; each n sorts only the
positions whose (n-1)-gram repeats, so ordinary prose costs little beyond the first sorts.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

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
PHRASE_WORDS = 3
PHRASE_MIN_COUNT = 3
MTLD_THRESHOLD = 0.72
MTLD_MAX = 1000.0

FEATURES = (
    FeatureSpec("duplicate_line_share", 0, 1, "share of lines repeating an earlier line", "higher"),
    FeatureSpec(
        "duplicate_line_char_share", 0, 1, "share of line characters in repeated lines", "higher"
    ),
    FeatureSpec(
        "duplicate_paragraph_share",
        0,
        1,
        "share of paragraphs repeating an earlier paragraph or passage",
        "higher",
    ),
    FeatureSpec(
        "duplicate_paragraph_char_share",
        0,
        1,
        "share of paragraph characters in repeated paragraphs",
        "higher",
    ),
    FeatureSpec(
        "duplicate_sentence_share",
        0,
        1,
        "share of sentences repeating an earlier one exactly or nearly",
        "higher",
    ),
    FeatureSpec(
        "top_2gram_char_share", 0, 1, "character share of the most common word 2-gram", "higher"
    ),
    FeatureSpec(
        "top_3gram_char_share", 0, 1, "character share of the most common word 3-gram", "higher"
    ),
    FeatureSpec(
        "top_4gram_char_share", 0, 1, "character share of the most common word 4-gram", "higher"
    ),
    FeatureSpec(
        "dup_5gram_char_share", 0, 1, "character share inside word 5-grams seen twice+", "higher"
    ),
    FeatureSpec(
        "dup_10gram_char_share", 0, 1, "character share inside word 10-grams seen twice+", "higher"
    ),
    FeatureSpec(
        "gopher_rules_failed", 0, 13, "Gopher repetition thresholds exceeded (of 13)", "higher"
    ),
    FeatureSpec(
        "repeated_phrase_density",
        0,
        100,
        "occurrences of 3-content-word phrases used 3+ times, per 100 words",
        "higher",
    ),
    FeatureSpec("mtld", 0, MTLD_MAX, "lexical diversity (MTLD, bidirectional)", "lower"),
)

IntArray = npt.NDArray[np.int64]
HashArray = npt.NDArray[np.uint64]
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_CLOSING = frozenset(".,;:!?'\")]\u201d\u2019\u2026")
_INVERSE = np.uint64(pow(0x9E3779B97F4A7C15, -1, 2**64))


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


class _Ngrams:
    """The document's words as integer codes, and its word n-grams as 64-bit hashes."""

    def __init__(self, doc: Document) -> None:
        words = doc.lower_words
        size = len(words)
        self.vocabulary = list(dict.fromkeys(words))
        index = {w: i for i, w in enumerate(self.vocabulary)}
        self.ids: IntArray = np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=size)
        self.codes: HashArray = self.ids.astype(np.uint64) + np.uint64(1)
        self.lengths: IntArray = np.fromiter(map(len, doc.word_texts), dtype=np.int64, count=size)
        self.total_chars = int(self.lengths.sum())
        self.sentence: IntArray = np.repeat(
            np.arange(len(doc.sentence_words), dtype=np.int64),
            [b - a for a, b in doc.sentence_words],
        )
        self._hashes: dict[int, HashArray] = {1: self.codes}
        self._counts: dict[int, IntArray] = {1: np.bincount(self.ids)[self.ids]}

    def hashes(self, n: int) -> HashArray:
        """Hash of the n-gram starting at each position (length ``n_words - n + 1``)."""
        if n not in self._hashes:
            self._hashes[n] = self.hashes(n - 1)[:-1] * _MULTIPLIER + self.codes[n - 1 :]
        return self._hashes[n]

    def counts(self, n: int) -> IntArray:
        """How often the n-gram starting at each position occurs in the document.

        An n-gram can repeat only where its (n-1)-gram prefix repeats, so each n sorts just
        those positions: on ordinary prose the work shrinks quickly as n grows.
        """
        if n not in self._counts:
            h = self.hashes(n)
            out = np.ones(h.size, dtype=np.int64)
            candidates = np.flatnonzero(self.counts(n - 1)[: h.size] > 1)
            if candidates.size:
                out[candidates] = _tally(h[candidates])[0]
            self._counts[n] = out
        return self._counts[n]

    def first_seen(self, n: int) -> IntArray:
        """Where the n-gram starting at each position first occurs."""
        h = self.hashes(n)
        out = np.arange(h.size, dtype=np.int64)
        candidates = np.flatnonzero(self.counts(n) > 1)
        if candidates.size:
            out[candidates] = candidates[_tally(h[candidates])[1]]
        return out

    def coverage(self, starts: IntArray, n: int) -> npt.NDArray[np.bool_]:
        """Which words lie inside at least one of the n-grams starting at ``starts``."""
        size = self.codes.size
        if not starts.size:
            return np.zeros(size, dtype=bool)
        delta = np.bincount(starts, minlength=size + 1) - np.bincount(
            starts + n, minlength=size + 1
        )
        covered: npt.NDArray[np.bool_] = np.cumsum(delta)[:size] > 0
        return covered

    @cached_property
    def _prefix_sums(self) -> tuple[HashArray, HashArray]:
        """``M**i`` and ``S[i]`` (see ``fingerprints``), shared by lines, paragraphs and
        sentences."""
        size = self.codes.size
        steps = np.full(size, _MULTIPLIER, dtype=np.uint64)
        steps[0] = 1
        powers = np.cumprod(steps, dtype=np.uint64)
        steps[1:] = _INVERSE
        prefix = np.zeros(size + 1, dtype=np.uint64)
        np.cumsum(self.codes * np.cumprod(steps, dtype=np.uint64), out=prefix[1:])
        return powers, prefix

    def fingerprints(self, ranges: list[Span]) -> list[int]:
        """A 64-bit hash of each word range's word sequence, equal for equal sequences.

        Polynomial hashing from prefix sums: with ``S[i] = sum(code[j] * M**-j, j < i)``, the
        range ``[a, b)`` hashes to ``(S[b] - S[a]) * M**a``, which does not depend on where
        the sequence sits. Arithmetic wraps modulo 2**64 (M is odd, hence invertible).
        """
        size = self.codes.size
        if size == 0:
            return [0] * len(ranges)
        powers, prefix = self._prefix_sums
        bounds = np.array(ranges, dtype=np.int64).reshape(-1, 2)
        first, last = bounds[:, 0], bounds[:, 1]
        scale = powers[np.minimum(first, size - 1)]
        values: list[int] = ((prefix[last] - prefix[first]) * scale).tolist()
        return values


# Up to this many values, counting them in a dict beats NumPy's sort-based unique.
SMALL_TALLY = 64


def _tally(values: HashArray) -> tuple[IntArray, IntArray]:
    """For each value: how often it occurs among ``values``, and where it first occurs."""
    if values.size <= SMALL_TALLY:
        listed = values.tolist()
        counts = Counter(listed)
        first: dict[int, int] = {}
        for at, value in enumerate(listed):
            first.setdefault(value, at)
        return (
            np.array([counts[v] for v in listed], dtype=np.int64),
            np.array([first[v] for v in listed], dtype=np.int64),
        )
    _, first_at, inverse, counts_of = np.unique(
        values, return_index=True, return_inverse=True, return_counts=True
    )
    return counts_of[inverse], first_at[inverse]


def _exact_groups(ngrams: _Ngrams, ranges: list[Span], min_words: int) -> list[list[int]]:
    """Units (by index) with the same lower-cased words, in groups of two or more."""
    by_key: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, ((first, last), key) in enumerate(
        zip(ranges, ngrams.fingerprints(ranges), strict=True)
    ):
        if last - first >= min_words:
            by_key[(last - first, key)].append(index)
    return [members for members in by_key.values() if len(members) > 1]


def _with_closing_punctuation(doc: Document, span: Span) -> Span:
    """Extend a word span over the punctuation that closes it (``threats`` -> ``threats.``)."""
    start, end = span
    while end < len(doc.text) and doc.text[end] in _CLOSING:
        end += 1
    return (start, end)


def _duplicate_paragraphs(
    doc: Document, ngrams: _Ngrams, ranges: list[Span]
) -> tuple[list[int], list[list[Span]]]:
    """Paragraphs that repeat earlier text, and groups of spans linking them to their twins.

    Short paragraphs must equal an earlier paragraph; longer ones must have
    ``PARAGRAPH_COVERAGE`` of their words inside ``PARAGRAPH_NGRAM``-grams that lie within the
    paragraph and first occurred before it began.
    """
    n = PARAGRAPH_NGRAM
    # A twin that is exactly an earlier sentence or paragraph is shown as that unit.
    units = dict(zip(doc.sentence_words, doc.sentences, strict=True))
    units.update(zip(ranges, doc.paragraphs, strict=True))
    duplicates: list[int] = []
    groups: dict[Span, list[Span]] = {}
    for members in _exact_groups(ngrams, ranges, 1):
        if ranges[members[0]][1] - ranges[members[0]][0] < n:
            duplicates.extend(members[1:])
            groups[doc.paragraphs[members[0]]] = [doc.paragraphs[i] for i in members]
    first_seen = ngrams.first_seen(n)
    if not ranges or first_seen.size == 0:
        return duplicates, list(groups.values())
    bounds = np.array(ranges, dtype=np.int64)
    sizes = bounds[:, 1] - bounds[:, 0]
    position = np.arange(first_seen.size)
    owner = np.maximum(np.searchsorted(bounds[:, 0], position, side="right") - 1, 0)
    start_of, end_of = bounds[owner, 0], bounds[owner, 1]
    earlier = np.flatnonzero((first_seen < start_of) & (position + n <= end_of))
    if not earlier.size:  # no window repeats an earlier one: nothing was copied
        return sorted(duplicates), list(groups.values())
    covered = np.concatenate(([0], np.cumsum(ngrams.coverage(earlier, n))))
    copied = (sizes >= n) & (
        covered[bounds[:, 1]] - covered[bounds[:, 0]] >= PARAGRAPH_COVERAGE * sizes
    )
    # Where each paragraph's earlier windows first occurred: one contiguous passage is a twin.
    heads = np.minimum(bounds[:, 0], first_seen.size - 1)
    lowest = np.full(first_seen.size, first_seen.size, dtype=np.int64)
    lowest[earlier] = first_seen[earlier]
    highest = np.full(first_seen.size, -1, dtype=np.int64)
    highest[earlier] = first_seen[earlier]
    source_lo = np.minimum.reduceat(lowest, heads).tolist()
    source_hi = (np.maximum.reduceat(highest, heads) + n).tolist()
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
) -> None:
    """Join eligible sentences whose shingle overlap coefficient reaches ``NEAR_OVERLAP``.

    Prefix filtering: if the smaller set C shares ``ceil(t |C|)`` shingles with S, then any
    ``|C| - ceil(t |C|) + 1`` shingles of C include a shared one. Ordering each sentence's
    shingles rarest first (by count in the document), the ones occurring once come first and
    can match nothing, so only the repeated shingles inside that prefix are indexed, and only
    repeated shingles probe the index: work grows with the repetition, not the length.
    """
    n = SHINGLE
    hashes, counts, sentence = ngrams.hashes(n), ngrams.counts(n), ngrams.sentence
    width = hashes.size
    inside = np.flatnonzero((sentence[:width] == sentence[n - 1 :]) & eligible[sentence[:width]])
    owner, count = sentence[inside], counts[inside]
    unique = np.bincount(owner[count == 1], minlength=eligible.size)
    shared = inside[count > 1]
    owner, shingle, count = sentence[shared], hashes[shared], counts[shared]
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

    current, seen = -1, set()
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


def _duplicate_sentences(
    doc: Document, ngrams: _Ngrams
) -> tuple[int, list[list[Span]], list[list[Span]]]:
    """Count of sentences repeating an earlier one, and exact and near groups of sentences."""
    ranges = list(doc.sentence_words)
    exact = _exact_groups(ngrams, ranges, MIN_SENTENCE_WORDS)
    forest = _UnionFind(len(ranges))
    in_exact: set[int] = set()
    for members in exact:
        in_exact.update(members)
        for other in members[1:]:
            forest.union(other, members[0])
    eligible = np.fromiter(
        (b - a >= NEAR_MIN_WORDS and forest.find(i) == i for i, (a, b) in enumerate(ranges)),
        dtype=bool,
        count=len(ranges),
    )
    if eligible.any():
        _link_near_duplicates(ngrams, eligible, forest)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ranges)):
        clusters[forest.find(i)].append(i)
    repeated = [members for members in clusters.values() if len(members) > 1]
    count = sum(len(members) - 1 for members in repeated)
    spans = doc.sentences
    exact_groups = [[spans[i] for i in members] for members in exact]
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
    width = max(ngrams.codes.size - n + 1, 0)
    stop = word_set("function_words")
    vocabulary, size = ngrams.vocabulary, len(ngrams.vocabulary)
    # A content word: not a function word, and with letters (its cases differ).
    cased = map(str.__ne__, map(str.upper, vocabulary), map(str.lower, vocabulary))
    function = map(stop.__contains__, vocabulary)
    content = (
        np.fromiter(cased, dtype=bool, count=size) & ~np.fromiter(function, dtype=bool, count=size)
    )[ngrams.ids]
    window = (ngrams.counts(n) >= PHRASE_MIN_COUNT) & (sentence[:width] == sentence[n - 1 :])
    for k in range(n):
        window &= content[k : width + k]
    texts = doc.word_texts
    positions = [
        i
        for i in np.flatnonzero(window).tolist()
        if sum(w[:1].isupper() and not w.isupper() for w in texts[i : i + n]) < n - 1
    ]
    if not positions:
        return []
    _, inverse, counts = np.unique(
        ngrams.hashes(n)[positions], return_inverse=True, return_counts=True
    )
    runs: list[list[int]] = []
    for start in np.asarray(positions)[counts[inverse] >= PHRASE_MIN_COUNT].tolist():
        if runs and start <= runs[-1][1] and sentence[start] == sentence[runs[-1][0]]:
            runs[-1][1] = start + n
        else:
            runs.append([start, start + n])
    words = doc.lower_words
    groups: dict[tuple[str, ...], list[Span]] = defaultdict(list)
    for first, last in runs:
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
    line_groups = _exact_groups(ngrams, line_ranges, 1)
    line_duplicates = [i for members in line_groups for i in members[1:]]
    worded_lines = [doc.lines[i] for i, (a, b) in enumerate(line_ranges) if b > a]

    paragraph_ranges = doc.word_ranges(doc.paragraphs)
    paragraph_duplicates, paragraph_groups = _duplicate_paragraphs(doc, ngrams, paragraph_ranges)
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
        counts = ngrams.counts(n)
        top = 0.0
        if counts.size:
            at = int(np.argmax(counts))
            top = share(int(counts[at]) * int(ngrams.lengths[at : at + n].sum()), chars)
        values[f"top_{n}gram_char_share"] = top
        failed += top > limit
    for n, limit in GOPHER_DUPLICATE_NGRAM.items():
        covered = ngrams.coverage(np.flatnonzero(ngrams.counts(n) > 1), n)
        duplicated = share(int(ngrams.lengths[covered].sum()), chars)
        if n in (5, 10):
            values[f"dup_{n}gram_char_share"] = duplicated
        failed += duplicated > limit
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
