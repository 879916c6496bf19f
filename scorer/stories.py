"""Stories: which articles of a report cover the same story, and what they share verbatim.

Grouping. Each article becomes a TF-IDF vector of its content words and content-word bigrams
(function words and bare numbers dropped, possessive 's removed, never across a line break;
the title counts as one more line). Rewrites of one wire story keep its names, places and key
nouns ("kim jong un", "munitions factories", "ulchi freedom shield") but little of its wording,
so shared vocabulary finds them where verbatim overlap cannot, and weighting by rarity (IDF)
keeps common news words ("said", "officials") from joining unrelated articles. In a small
report IDF misleads (across five articles on one story every shared word looks common), so it
is computed as if the report held ``PRIOR_DOCUMENTS`` more articles sharing none of these
words. Groups come from average-linkage clustering on cosine similarity: a group forms only
where the mean similarity between its members exceeds ``SIMILARITY_THRESHOLD``, so one article
touching two stories does not chain them together as single-link clustering would.

Why 0.2, measured with this vectorizer: the five seed rewrites score 0.22-0.42 with each other
alone (mean 0.30) and 0.18-0.38 among the 1,016 articles of the shared PTC and hyperpartisan
corpora, and at most 0.15 against any of those; between those articles, 99.9% of pairs score
below 0.18, and the pairs above 0.2 are, on reading the titles, almost all coverage of one
event (an Ebola outbreak, the "sonic attacks" on diplomats, one pardon). docs/report.md has
the figures.

Shared passages. Within a story, runs of at least ``SHINGLE_WORDS`` words that two or more
members contain (word 8-gram shingles over lower-cased words, never across a line break),
merged into maximal spans; and quotations of at least ``MIN_QUOTE_WORDS`` words that another
member repeats word for word (quotes are often short: "overwhelming military power"). Each
passage links to its twins in the other articles; twins linked to each other form a cluster:
one piece of text and every article that carries it.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from scorer.document import Document
from scorer.lexicons import word_set

SIMILARITY_THRESHOLD = 0.2
PRIOR_DOCUMENTS = 100
SHINGLE_WORDS = 8
MIN_QUOTE_WORDS = 3
_BLOCK_ROWS = 256  # similarity rows computed at a time, bounding memory on large reports
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_QUOTE = re.compile(r"\u201c[^\u201c\u201d\n]+\u201d|\"[^\"\n]+\"")

WordRange = tuple[int, int]


@dataclass(frozen=True)
class SharedPassage:
    """Words of one article that other members of its story repeat verbatim."""

    article: int  # index of the article in the input
    start: int  # character span in the article's text
    end: int
    words: int
    twins: tuple[int, ...]  # indexes into Story.passages: the same text in other articles
    cluster: int  # passages joined through twins share a cluster number


@dataclass(frozen=True)
class Story:
    """Articles about one story (indexes into the input, ascending) and what they share."""

    members: tuple[int, ...]
    cohesion: float  # mean cosine similarity over pairs of members
    passages: tuple[SharedPassage, ...]
    shared: dict[int, float]  # per member: share of its words inside shared passages


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        parent = self.parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for item in sorted(self.parent):
            out[self.find(item)].append(item)
        return list(out.values())


Runs = list[tuple[str, ...]]


def story_runs(doc: Document) -> Runs:
    """What grouping reads of an article: its title and each line, as lower-cased words.

    Pass the document the families read (scraper junk left out), so boilerplate that sites
    share ("Leave a Reply") does not join articles. Words are interned: a report keeps these
    for every article, and news vocabulary repeats across articles.
    """
    words = tuple(sys.intern(w) for w in doc.lower_words)
    title = tuple(sys.intern(w) for w in doc.title_words)
    return [title, *(words[a:b] for a, b in doc.word_ranges(doc.lines))]


def group_articles(articles: Sequence[Runs]) -> list[tuple[tuple[int, ...], float]]:
    """Groups of two or more articles about the same story, each with its cohesion, in
    order of their first member; ``articles`` holds each article's ``story_runs``."""
    vectors = _vectors(articles)
    if vectors is None:
        return []
    components = _UnionFind()
    for a, b in _similar_pairs(vectors):
        components.union(a, b)
    out: list[tuple[tuple[int, ...], float]] = []
    for component in components.groups():
        for members in _average_linkage(vectors, component):
            block = (vectors[members] @ vectors[members].T).toarray()
            pairs = block[np.triu_indices(len(members), 1)]
            out.append((tuple(members), float(pairs.mean())))
    return sorted(out)


def _terms(runs: Runs) -> Iterator[str]:
    """Content words and bigrams of adjacent content words."""
    stop = word_set("function_words")
    for run in runs:
        previous = ""
        for raw in run:
            word = raw.removesuffix("'s")
            if word in stop or word.isdigit():
                previous = ""
                continue
            yield word
            if previous:
                yield f"{previous} {word}"
            previous = word


def _vectors(articles: Sequence[Runs]) -> Any:
    """L2-normalised TF-IDF rows (sparse), or None when fewer than two articles have terms."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.preprocessing import normalize

    if sum(any(_terms(runs)) for runs in articles) < 2:
        return None
    counts = CountVectorizer(analyzer=_terms).fit_transform(articles).astype(np.float64)
    counts.data = 1.0 + np.log(counts.data)  # sublinear tf: a name said ten times is not 10x
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + len(articles) + PRIOR_DOCUMENTS) / (1.0 + frequency)) + 1.0
    return normalize(counts.multiply(idf).tocsr())


def _similar_pairs(vectors: Any) -> Iterator[tuple[int, int]]:
    """Pairs ``a < b`` with cosine similarity above the threshold."""
    size = vectors.shape[0]
    for top in range(0, size, _BLOCK_ROWS):
        block = (vectors[top : top + _BLOCK_ROWS] @ vectors.T).toarray()
        rows, columns = np.nonzero(block > SIMILARITY_THRESHOLD)
        for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
            if top + row < column:
                yield top + row, column


def _average_linkage(vectors: Any, component: list[int]) -> list[list[int]]:
    """Average-linkage clusters of two or more within one connected component.

    Clusters in different components of the above-threshold graph can never reach an average
    similarity above the threshold, so clustering each component alone is exact and keeps the
    dense distance matrix as small as the largest component.
    """
    if len(component) < 2:
        return []
    from sklearn.cluster import AgglomerativeClustering

    distances = 1.0 - (vectors[component] @ vectors[component].T).toarray()
    np.fill_diagonal(distances, 0.0)
    labels = (
        AgglomerativeClustering(
            n_clusters=None,
            metric="precomputed",
            linkage="average",
            distance_threshold=1.0 - SIMILARITY_THRESHOLD,
        )
        .fit(np.clip(distances, 0.0, None))
        .labels_
    )
    clusters: dict[int, list[int]] = defaultdict(list)
    for member, label in zip(component, labels.tolist(), strict=True):
        clusters[label].append(member)
    return [members for members in clusters.values() if len(members) > 1]


# --- shared passages ------------------------------------------------------------------------


class _Link(NamedTuple):
    """Words ``first .. last - 1`` of ``article`` also occur in ``other`` from ``other_first``."""

    article: int
    first: int
    last: int
    other: int
    other_first: int


class _Texts:
    """Member articles' words joined by spaces, for finding a quotation word for word."""

    def __init__(self, docs: Mapping[int, Document]) -> None:
        self.docs = docs
        self._joined: dict[int, tuple[str, list[int]]] = {}

    def find(self, article: int, words: tuple[str, ...]) -> int | None:
        """Index of the first word where ``words`` occur in ``article``, or None."""
        if article not in self._joined:
            lower = self.docs[article].lower_words
            offsets = np.cumsum([0, *(len(w) + 1 for w in lower)])[:-1].tolist()
            self._joined[article] = (" " + " ".join(lower) + " ", offsets)
        joined, offsets = self._joined[article]
        at = joined.find(" " + " ".join(words) + " ")
        return None if at < 0 else bisect_left(offsets, at)


def _shingles(
    docs: Mapping[int, Document], members: tuple[int, ...]
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every shingle inside one line of each member: its 64-bit hash, article, position.

    Words become integer codes shared by the members; a shingle hashes as a polynomial in
    them (wrapping modulo 2**64), so equal word runs hash equal wherever they are.
    """
    n = SHINGLE_WORDS
    codes: dict[str, int] = {}
    hashes, articles, positions = [], [], []
    for article in members:
        doc = docs[article]
        size = doc.n_words
        if size < n:
            continue
        words = np.fromiter(
            (codes.setdefault(w, len(codes) + 1) for w in doc.lower_words), np.uint64, size
        )
        value = np.zeros(size - n + 1, dtype=np.uint64)
        for k in range(n):
            value = value * _MULTIPLIER + words[k : size - n + 1 + k]
        ranges = doc.word_ranges(doc.lines)
        line = np.repeat(np.arange(len(ranges)), [b - a for a, b in ranges])
        inside = np.flatnonzero(line[: size - n + 1] == line[n - 1 :])
        hashes.append(value[inside])
        articles.append(np.full(inside.size, article, dtype=np.int64))
        positions.append(inside.astype(np.int64))
    if not hashes:
        empty = np.zeros(0, dtype=np.int64)
        return np.zeros(0, dtype=np.uint64), empty, empty
    return np.concatenate(hashes), np.concatenate(articles), np.concatenate(positions)


def _shingle_links(docs: Mapping[int, Document], members: tuple[int, ...]) -> Iterator[_Link]:
    """Runs of shingles one member shares with another, one link per run.

    Each occurrence of a shingle found in two or more members is paired with the first
    occurrence in every other member; consecutive pairs (the next word here, the next word
    there) merge into one run, so a syndicated copy costs a link per paragraph, not per
    word. All of it is array work: stories of long, copied articles stay fast.
    """
    n = SHINGLE_WORDS
    hashes, articles, positions = _shingles(docs, members)
    order = np.lexsort((positions, articles, hashes))
    hashes, articles, positions = hashes[order], articles[order], positions[order]
    new_hash = np.ones(hashes.size, dtype=bool)
    new_hash[1:] = hashes[1:] != hashes[:-1]
    first_in_article = new_hash.copy()
    first_in_article[1:] |= articles[1:] != articles[:-1]
    group = np.cumsum(new_hash) - 1
    distinct = np.bincount(group, weights=first_in_article).astype(np.int64)
    shared = np.flatnonzero(distinct[group] > 1)
    if shared.size == 0:
        return
    firsts = np.flatnonzero(first_in_article)  # one row per (shingle, article), in order
    first_of_group = np.searchsorted(group[firsts], np.arange(distinct.size))
    repeats = distinct[group[shared]]
    rows = np.repeat(shared, repeats)
    offset = np.arange(rows.size) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    partners = firsts[first_of_group[group[rows]] + offset]
    keep = articles[partners] != articles[rows]
    rows, partners = rows[keep], partners[keep]
    a, b, i, j = articles[rows], articles[partners], positions[rows], positions[partners]
    order = np.lexsort((i, b, a))
    a, b, i, j = a[order], b[order], i[order], j[order]
    start = np.ones(a.size, dtype=bool)
    start[1:] = (
        (a[1:] != a[:-1]) | (b[1:] != b[:-1]) | (i[1:] != i[:-1] + 1) | (j[1:] != j[:-1] + 1)
    )
    heads = np.flatnonzero(start)
    tails = np.append(heads[1:], a.size) - 1
    for head, tail in zip(heads.tolist(), tails.tolist(), strict=True):
        yield _Link(int(a[head]), int(i[head]), int(i[tail]) + n, int(b[head]), int(j[head]))


def _quotations(doc: Document) -> Iterator[WordRange]:
    """Word ranges of quotations (inside straight or curly double quotes) on prose lines."""
    starts = [a for a, _ in doc.words]
    ends = [b for _, b in doc.words]
    for line_start, line_end in doc.lines:
        for match in _QUOTE.finditer(doc.text, line_start, line_end):
            first = bisect_left(starts, match.start())
            last = bisect_right(ends, match.end())
            if last - first >= MIN_QUOTE_WORDS:
                yield first, last


def _quote_links(docs: Mapping[int, Document], members: tuple[int, ...]) -> Iterator[_Link]:
    """Short quotations repeated by another member (longer ones are found as shingles)."""
    texts = _Texts(docs)
    for article in members:
        words = docs[article].lower_words
        for first, last in _quotations(docs[article]):
            if last - first >= SHINGLE_WORDS:
                continue
            quote = words[first:last]
            for other in members:
                found = texts.find(other, quote) if other != article else None
                if found is not None:
                    yield _Link(article, first, last, other, found)
                    yield _Link(other, found, found + len(quote), article, first)


def _passages(doc: Document, covered: npt.NDArray[np.bool_]) -> list[WordRange]:
    """Maximal runs of covered words, split at line breaks."""
    out: list[WordRange] = []
    for first, last in doc.word_ranges(doc.lines):
        i = first
        while i < last:
            if not covered[i]:
                i += 1
                continue
            j = i
            while j < last and covered[j]:
                j += 1
            out.append((i, j))
            i = j
    return out


def build_story(members: tuple[int, ...], cohesion: float, docs: Mapping[int, Document]) -> Story:
    """The story of ``members`` (a group from ``group_articles``) with its shared passages;
    ``docs`` maps each member to the document its runs came from."""
    links = [*_shingle_links(docs, members), *_quote_links(docs, members)]
    covered = {a: np.zeros(docs[a].n_words, dtype=bool) for a in members}
    for link in links:
        covered[link.article][link.first : link.last] = True
    ranges = {a: _passages(docs[a], covered[a]) for a in members}
    number: dict[tuple[int, int], int] = {}  # (article, word index of passage start) -> index
    for article in members:
        for first, _ in ranges[article]:
            number[(article, first)] = len(number)
    heads = {a: [first for first, _ in ranges[a]] for a in members}

    def passage_at(article: int, word: int) -> int:
        head = heads[article][bisect_right(heads[article], word) - 1]
        return number[(article, head)]

    twins: dict[int, set[int]] = defaultdict(set)
    clusters = _UnionFind()
    for link in links:
        here, there = passage_at(link.article, link.first), passage_at(link.other, link.other_first)
        twins[here].add(there)
        clusters.union(here, there)
    cluster_of = {p: c for c, group in enumerate(clusters.groups()) for p in group}
    passages: list[SharedPassage] = []
    for article in members:
        doc = docs[article]
        for first, last in ranges[article]:
            index = len(passages)
            passages.append(
                SharedPassage(
                    article=article,
                    start=doc.words[first][0],
                    end=doc.words[last - 1][1],
                    words=last - first,
                    twins=tuple(sorted(twins[index])),
                    cluster=cluster_of[index],
                )
            )
    shared = {
        a: float(covered[a].sum()) / docs[a].n_words if docs[a].n_words else 0.0 for a in members
    }
    return Story(members, cohesion, tuple(passages), shared)
