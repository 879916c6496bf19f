"""Phrases learned from the PTC's loaded-language and name-calling spans, found as evidence.

The PTC marks Loaded_Language and Name_Calling,Labeling on short spans (median three words),
while the learned propaganda sentences (``scorer.techniques``) are whole sentences: they find
where such spans are but not which words. A learned phrase list names the words. The rule,
:func:`learn_phrases`: a word or phrase of up to ``MAX_WORDS`` words is a cue of a technique
when its occurrences lie inside that technique's spans in at least ``MIN_ARTICLES`` distinct
articles (an article quoting a phrase ten times is one piece of evidence) and more than half
of all its occurrences, anywhere in the corpus, lie inside them (``MIN_SHARE``): a majority,
so that a match is more likely a marked span than not.

The shipped lists, ``scorer/lexicons/learned_<kind>.txt``, are written by
``scripts/learn_phrases.py`` from the PTC training split; ``scorer.evaluation.spans`` learns
them again per article fold, so that no article is scored with phrases learned from it.
Matches are evidence only (family ``text``, like the learned sentences): no feature reads
them, so the trained models and their inputs are unchanged.

The same spans also teach the converse, :func:`unmarked_cues`: a rule cue (an intensifier,
a superlative, a persuasion lexicon phrase) found in at least ``MIN_ARTICLES`` articles
whose occurrences overlap a span of the technique its kind names less than
``MIN_MARKED_SHARE`` of the time is not, as the PTC's annotators use the name, an instance
of it: ``very`` is an intensifier, but 4% of its occurrences lie in Exaggeration spans.
Such a cue keeps its evidence and feature counts and loses its ``technique``
(``scorer.techniques.technique_of``). The bar is one in ten because a prediction raises an F1
only when it is right more often than about half that F1, and matched span F1 is about
0.17-0.19 here (cross-fitted, every bar from 0.05 to 0.2 gives 0.184-0.189).
The shipped list, ``scorer/lexicons/unmarked_cues.txt``, is written by the same script.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scorer.document import Document
from scorer.features.base import Evidence, evidence, word_span
from scorer.lexicons import PhraseMatcher, matcher
from scorer.techniques import SENTENCE_FAMILY, TECHNIQUE_OF_KIND, cue_key

# (evidence kind, PTC technique): one list, scorer/lexicons/learned_<kind>.txt, per kind.
KINDS = (
    ("loaded_phrase", "Loaded_Language"),
    ("label_phrase", "Name_Calling,Labeling"),
)
LEARNED_TECHNIQUES = tuple(technique for _, technique in KINDS)
MAX_WORDS = 3
MIN_ARTICLES = 3
MIN_SHARE = 0.5
MIN_MARKED_SHARE = 0.1

Gram = tuple[str, ...]
# A gold span: (technique, start, end) in characters.
Labelled = Sequence[tuple[str, int, int]]
# Each kind's phrases.
Phrases = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class PhraseCounts:
    """How a phrase or cue was learned: occurrences inside the technique's spans (for a cue:
    overlapping one), all occurrences, and the distinct articles the rule counts (with an
    occurrence inside; for a cue: with any occurrence)."""

    inside: int
    total: int
    articles: int


def labelled_spans(record: Mapping[str, Any]) -> list[tuple[str, int, int]]:
    """The marked spans of a PTC-format record (``{"spans": [[technique, start, end], ...]}``)."""
    return [(str(t), int(s), int(e)) for t, s, e in record["spans"]]


def lexicon_name(kind: str) -> str:
    return f"learned_{kind}"


def word_techniques(doc: Document, spans: Labelled) -> list[set[str]]:
    """For each word of ``doc``, the techniques of the spans that hold the whole word."""
    out: list[set[str]] = [set() for _ in doc.words]
    starts = [a for a, _ in doc.words]
    for technique, start, end in spans:
        k = bisect_left(starts, start)
        while k < len(doc.words) and doc.words[k][1] <= end:
            out[k].add(technique)
            k += 1
    return out


def learn_phrases(
    articles: Iterable[tuple[Document, Labelled]],
    techniques: Iterable[str] = LEARNED_TECHNIQUES,
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
    max_words: int = MAX_WORDS,
) -> dict[str, dict[str, PhraseCounts]]:
    """Each technique's cue phrases (lower-cased words joined by spaces), by the rule of the
    module docstring. Phrases are counted within sentences, and a sentence met again word
    for word (a quotation or wire paragraph several articles carry) only the first time: it
    is one piece of evidence, and without this a quoted tweet's every fragment ("that are
    doing") became a cue. One occurrence is inside a technique when every one of its words
    lies in a span of it."""
    wanted = frozenset(techniques)
    total: Counter[Gram] = Counter()
    inside: dict[str, Counter[Gram]] = defaultdict(Counter)
    where: dict[str, dict[Gram, set[int]]] = defaultdict(lambda: defaultdict(set))
    seen: set[Gram] = set()
    for number, (doc, spans) in enumerate(articles):
        words, marks = doc.lower_words, word_techniques(doc, spans)
        for first, last in doc.sentence_words:
            if words[first:last] in seen:
                continue
            seen.add(words[first:last])
            for n in range(1, max_words + 1):
                for k in range(first, last - n + 1):
                    gram = words[k : k + n]
                    total[gram] += 1
                    common = marks[k].intersection(*marks[k + 1 : k + n]) & wanted
                    for technique in common:
                        inside[technique][gram] += 1
                        where[technique][gram].add(number)
    return {
        technique: {
            " ".join(gram): PhraseCounts(count, total[gram], len(where[technique][gram]))
            for gram, count in sorted(inside[technique].items())
            if len(where[technique][gram]) >= min_articles and count / total[gram] > min_share
        }
        for technique in sorted(wanted)
    }


def unmarked_cues(
    articles: Iterable[tuple[Sequence[Evidence], Labelled]],
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_MARKED_SHARE,
) -> dict[str, PhraseCounts]:
    """The rule cues (``scorer.techniques.cue_key``) that are not instances of the technique
    their kind names, by the rule of the module docstring, from each article's rule evidence
    and marked spans."""
    total: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    where: dict[str, set[int]] = defaultdict(set)
    for number, (found, spans) in enumerate(articles):
        for e in found:
            technique = TECHNIQUE_OF_KIND.get((e.family, e.kind))
            if technique is None:
                continue
            key = cue_key(e.family, e.kind, e.text)
            total[key] += 1
            where[key].add(number)
            inside[key] += any(
                t == technique and min(end, e.end) > max(start, e.start) for t, start, end in spans
            )
    return {
        key: PhraseCounts(inside[key], n, len(where[key]))
        for key, n in sorted(total.items())
        if len(where[key]) >= min_articles and inside[key] / n < min_share
    }


def shipped_matchers() -> list[tuple[str, PhraseMatcher]]:
    """The kind and matcher of each shipped learned list."""
    return [(kind, matcher(lexicon_name(kind))) for kind, _ in KINDS]


def matchers_of(phrases: Mapping[str, Iterable[str]]) -> list[tuple[str, PhraseMatcher]]:
    """Matchers of lists learned on the spot, keyed by technique (for cross-fitting)."""
    kind_of = {technique: kind for kind, technique in KINDS}
    return [(kind_of[t], PhraseMatcher(tuple(found))) for t, found in phrases.items() if found]


def phrase_evidence(
    prose: Document, matchers: Sequence[tuple[str, PhraseMatcher]] | None = None
) -> list[Evidence]:
    """Every learned phrase in ``prose`` (the shipped lists unless ``matchers`` are given),
    longest first within each list, never across a sentence end (as in the persuasion
    family, a longest match that crosses one is dropped, not shortened). The lists are matched one
    by one, so a phrase that is a cue of both techniques is evidence of both."""
    owner = prose.sentence_of_word()
    return [
        evidence(prose, SENTENCE_FAMILY, kind, word_span(prose, match.first, match.last))
        for kind, phrases in (shipped_matchers() if matchers is None else matchers)
        for match in phrases.finditer(prose.lower_words)
        if owner[match.first] == owner[match.last - 1]
    ]
