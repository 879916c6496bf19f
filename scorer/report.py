"""Report data: everything the HTML report shows, as plain JSON-ready dicts and lists.

The report is built as data first and rendered second (``scorer/render.py``), so the same
data can be written as JSON (``--data``) and the templates only loop, branch and escape:
every number a chart needs (shares, bar lengths in 0-100 units, quantiles) is computed here.

Everything about an article is derived from its record (scores, explanations as
``{feature, effect}`` lists, evidence spans), its text and the text structure the families
find (scraper-junk lines, repeated passages). Nothing names a model's features or assumes a
fixed set of scores, so a retrained model needs no change here.

The data is built in two steps so a big report never holds every article's marked-up text at
once: ``Report.overview()`` (counts, charts, stories, one summary row per article) and
``Report.details(i)`` (explanations and the text cut into segments), built per article when
its section or page is written.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import IO, Any, NamedTuple
from urllib.parse import urlsplit

import click

from scorer.article import Article
from scorer.document import Document, Span
from scorer.errors import ScorerError
from scorer.features import hygiene
from scorer.features.base import Evidence
from scorer.features.repetition import repeat_groups
from scorer.model import Model
from scorer.options import jobs_option, model_option, progress_option
from scorer.output import label, open_text, output_name, to_stdout
from scorer.pipeline import documents, score_article
from scorer.readers import ReadError, read_inputs
from scorer.record import BASELINE, Contribution, ScoreRecord
from scorer.registry import FAMILIES, feature_specs
from scorer.stories import Runs, Story, build_story, group_articles, story_runs
from scorer.techniques import SENTENCE_DESCRIPTION, SENTENCE_FAMILY

SCHEMA = "scorer-report/1"
MAIN_SCORES = ("quality", "propaganda", "headline")
# Scores where a higher value is the better one; for the others higher means "more of it".
HIGHER_IS_BETTER = frozenset({"quality", "readability", "hygiene", "sourcing"})
SCORE_MEANINGS = {
    "quality": "editorial practice: clean, sourced, measured, not repetitive",
    "propaganda": "propaganda-like tone and technique",
    "headline": "sensational or clickbait headline",
    "readability": "ease of reading",
    "sentiment": "emotional charge, either sign",
    "hedging": "hedged and weaselly wording",
    "sensationalism": "sensational wording",
    "repetition": "repeated paragraphs, sentences and phrases",
    "hygiene": "clean text: little scraper junk or machine-text residue",
    "sourcing": "quotes, named sources, numbers and dates",
}
# A highlight: (start, end, family, kind, the PTC technique of its evidence or None).
Mark = tuple[int, int, str, str, str | None]
SHARED = "shared"  # the highlight family of passages shared with other articles of a story
SHARED_KIND = "shared_passage"
HISTOGRAM_BINS = 10
REFERENCE_POINTS = (5, 25, 50, 75, 95)
EXPLANATION_TERMS = 8  # features drawn per score; the rest are summed into one line
EXPLANATION_FULL_BAR = 1.0  # effect (raw units) filling a bar, unless a larger one is shown
LINKED_REPEATS = frozenset(
    {"duplicate_paragraph", "duplicate_line", "duplicate_sentence", "near_duplicate_sentence"}
)  # repeated 3-word phrases are highlighted but not linked: they are slogans, not passages
TOP_SOURCES = 8
# "Articles needing attention": any junk line, machine-text residue or duplicated paragraph is
# worth an editor's look (each is a defect, not a matter of degree), so the thresholds are
# "more than none"; and the few lowest-quality articles, few enough to read through at once.
ATTENTION_JUNK_LINE_SHARE = 0.0  # hygiene.boilerplate_line_share above this
ATTENTION_MACHINE_TEXT = 0.0  # hygiene.machine_text_density above this
ATTENTION_DUPLICATE_SHARE = 0.0  # repetition.duplicate_paragraph_char_share above this
ATTENTION_LOWEST_QUALITY = 5


@dataclass(frozen=True)
class Scored:
    """One scored article and what the report keeps of it until its section is written."""

    key: str  # "a1", "a2", ...: safe in HTML ids and file names, unlike user-given ids
    number: int  # 1-based position, what the report shows as #1, #2, ...
    article: Article
    record: ScoreRecord
    words: int
    runs: Runs  # the article's words as story grouping reads them


def _prose_and_junk(
    article: Article, evidence: Sequence[Evidence]
) -> tuple[Document, list[tuple[int, int, str]]]:
    """The prose the families read, and the junk lines left out of it as ``(start, end,
    kind)``, each named by the hygiene evidence on it."""
    doc, prose = documents(article)
    kinds = {(e.start, e.end): e.kind for e in evidence if e.family == hygiene.NAME}
    lines = sorted(set(doc.lines) - set(prose.lines))
    return prose, [(a, b, kinds.get((a, b), "junk")) for a, b in lines]


def score(article: Article, number: int, model: Model) -> Scored:
    """Score one article and keep what the report needs of it."""
    return Scored(f"a{number}", number, article, *analyzed(article, model))


def analyzed(article: Article, model: Model) -> tuple[ScoreRecord, int, Runs]:
    """What the report keeps of one article besides its place: its record, word count and
    story runs (a module-level function, so ``--jobs`` workers can run it)."""
    record = score_article(article, model)
    doc, prose = documents(article)
    return record, doc.n_words, story_runs(prose)


def safe_link(url: str | None) -> str | None:
    """``url`` if it may become a link: http(s) with a host and no spaces or control
    characters (browsers drop those, which would let ``java\\tscript:`` through); else None."""
    if not url or any(ord(c) <= 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def _percent(part: float, whole: float) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


@dataclass
class Report:
    """A report over scored articles: the overview now, each article's details on demand."""

    scored: list[Scored]
    model: Model
    title: str
    inputs: list[str]
    errors: list[str] = field(default_factory=list)
    stories: list[Story] = field(init=False)
    _story_of: dict[int, int] = field(init=False)

    def __post_init__(self) -> None:
        groups = group_articles([s.runs for s in self.scored])
        self.stories = []
        for members, cohesion in groups:
            docs = {m: documents(self.scored[m].article)[1] for m in members}
            self.stories.append(build_story(members, cohesion, docs))
        self._story_of = {m: i for i, story in enumerate(self.stories) for m in story.members}

    @cached_property
    def feature_glossary(self) -> dict[str, Gloss]:
        """A plain label and the meaning of each feature a record may carry: the registry's
        declarations and the model's own learned text features."""
        glossary = {name: Gloss(spec.title, spec.meaning) for name, spec in feature_specs().items()}
        glossary.update(
            {m.name: Gloss(m.label or m.name, m.description) for m in self.model.text_models}
        )
        return glossary

    @property
    def score_names(self) -> list[str]:
        """Every score the records carry, main scores first, in the records' order."""
        names = list(dict.fromkeys(n for s in self.scored for n in s.record.scores))
        main = [n for n in MAIN_SCORES if n in names]
        return main + [n for n in names if n not in MAIN_SCORES]

    # --- overview ---------------------------------------------------------------------------

    def overview(self) -> dict[str, Any]:
        reference = self.model.reference
        return {
            "schema": SCHEMA,
            "title": self.title,
            "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "inputs": self.inputs,
            "model": self.model.label,
            "reference": {"corpus": reference.corpus} if reference else None,
            "scores": [self._score(name) for name in self.score_names],
            "families": self._families(),
            "summary": self._summary(),
            "attention": self._attention(),
            "stories": [self._story(i, story) for i, story in enumerate(self.stories)],
            "articles": [self._row(s) for s in self.scored],
        }

    def _score(self, name: str) -> dict[str, Any]:
        values = [v for s in self.scored if (v := s.record.scores.get(name)) is not None]
        quantiles = self.model.reference.quantiles.get(name) if self.model.reference else None
        width = 100 / HISTOGRAM_BINS
        bins: list[dict[str, Any]] = []
        for b in range(HISTOGRAM_BINS):
            lo, hi = b * width, (b + 1) * width

            def inside(v: float, lo: float = lo, hi: float = hi) -> bool:
                return lo <= v < hi or (hi == 100 and v == 100)

            count = sum(map(inside, values))
            bins.append(
                {
                    "lo": round(lo, 1),
                    "hi": round(hi, 1),
                    "width": round(width, 1),
                    "articles": count,
                    "share": _percent(count, len(values)),
                    "reference": _percent(sum(map(inside, quantiles)), len(quantiles))
                    if quantiles
                    else None,
                }
            )
        top = max([1.0, *(b["share"] for b in bins), *(b["reference"] or 0 for b in bins)])
        ordered = sorted(values)
        return {
            "name": name,
            "meaning": SCORE_MEANINGS.get(name, ""),
            "higher_is_better": name in HIGHER_IS_BETTER,
            "main": name in MAIN_SCORES,
            "median": round(ordered[len(ordered) // 2], 1) if ordered else None,
            "reference": {f"p{p}": round(quantiles[p], 1) for p in REFERENCE_POINTS}
            if quantiles and len(quantiles) == 101
            else None,
            "histogram": {"bins": bins, "top": top},
        }

    def _families(self) -> list[dict[str, Any]]:
        kinds: dict[str, Counter[str]] = {f.name: Counter() for f in FAMILIES}
        for s in self.scored:
            for ev in s.record.evidence:
                kinds.setdefault(ev.family, Counter())[ev.kind] += 1
        shared = Counter({SHARED_KIND: sum(len(story.passages) for story in self.stories)})
        descriptions = {f.name: f.description for f in FAMILIES}
        descriptions[SHARED] = "Passages found verbatim in other articles of the same story."
        descriptions[SENTENCE_FAMILY] = SENTENCE_DESCRIPTION
        return [
            {
                "name": name,
                "description": descriptions.get(name, ""),
                "evidence": sum(counts.values()),
                "kinds": dict(counts.most_common()),
            }
            for name, counts in [*kinds.items(), (SHARED, shared)]
        ]

    def _summary(self) -> dict[str, Any]:
        sources = Counter(s.record.source for s in self.scored if s.record.source)
        dates = sorted(s.record.published for s in self.scored if s.record.published)
        months = Counter(d[:7] for d in dates)
        return {
            "articles": len(self.scored),
            "words": sum(s.words for s in self.scored),
            "sources": [{"name": n, "articles": c} for n, c in sources.most_common(TOP_SOURCES)],
            "other_sources": max(len(sources) - TOP_SOURCES, 0),
            "no_source": sum(1 for s in self.scored if not s.record.source),
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
            "undated": len(self.scored) - len(dates),
            "months": [{"month": m, "articles": c} for m, c in sorted(months.items())],
            "stories": len(self.stories),
            "in_stories": len(self._story_of),
            "warnings": sum(len(s.record.warnings) for s in self.scored),
            "errors": list(self.errors),
        }

    def _attention(self) -> list[dict[str, Any]]:
        """The articles an editor should look at first, grouped by why, each with the reason
        in plain words. Missing features and null scores put an article in no group."""

        def over(feature: str, threshold: float) -> list[tuple[Scored, float]]:
            return [
                (s, value)
                for s in self.scored
                if (value := s.record.features.get(feature)) is not None and value > threshold
            ]

        def entry(s: Scored, reason: str) -> dict[str, Any]:
            return {**(self._who(s.number - 1) or {}), "reason": reason}

        junk = over("hygiene.boilerplate_line_share", ATTENTION_JUNK_LINE_SHARE)
        machine = over("hygiene.machine_text_density", ATTENTION_MACHINE_TEXT)
        repeated = over("repetition.duplicate_paragraph_char_share", ATTENTION_DUPLICATE_SHARE)
        rated = [(s, q) for s in self.scored if (q := s.record.scores.get("quality")) is not None]
        lowest = sorted(rated, key=lambda sq: (sq[1], sq[0].number))[:ATTENTION_LOWEST_QUALITY]
        groups = [
            (
                "junk",
                "Scraper junk",
                [
                    entry(
                        s,
                        f"{v:.0%} of its lines are page junk (share buttons, comment "
                        "prompts, banners), not prose",
                    )
                    for s, v in junk
                ],
            ),
            (
                "machine_text",
                "Machine-text artifacts",
                [
                    entry(
                        s,
                        f"{v:.1f} sentences with machine-text residue or template "
                        "placeholders per 100 words",
                    )
                    for s, v in machine
                ],
            ),
            (
                "duplicates",
                "Duplicated paragraphs",
                [
                    entry(s, f"{v:.0%} of its paragraph text is repeated word for word")
                    for s, v in repeated
                ],
            ),
            (
                "lowest_quality",
                f"Lowest quality ({len(lowest)} of {len(rated)})",
                [entry(s, f"quality {q:.0f} of 100") for s, q in lowest],
            ),
        ]
        return [{"name": n, "title": t, "articles": a} for n, t, a in groups if a]

    def _who(self, index: int | None) -> dict[str, Any] | None:
        """How the report names article ``index`` where it points to it."""
        if index is None:
            return None
        scored = self.scored[index]
        return {"article": scored.key, "number": scored.number, "label": label(scored.record)}

    def _earliest(self, indexes: Iterable[int]) -> int | None:
        """The article with the unique earliest date, when at least two of them are dated."""
        dated = sorted(
            (d, i) for i in indexes if (d := self.scored[i].record.published) is not None
        )
        if len(dated) < 2 or dated[0][0] == dated[1][0]:
            return None
        return dated[0][1]

    def _story(self, index: int, story: Story) -> dict[str, Any]:
        clusters: dict[int, dict[int, int]] = {}  # cluster -> article -> its passage there
        for p, passage in enumerate(story.passages):
            clusters.setdefault(passage.cluster, {}).setdefault(passage.article, p)
        passages: list[dict[str, Any]] = []
        for places in clusters.values():
            first = self._earliest(places)
            shown = story.passages[places[first if first is not None else min(places)]]
            passages.append(
                {
                    "text": self.scored[shown.article].article.text[shown.start : shown.end],
                    "words": shown.words,
                    "first": self._who(first),
                    "places": [
                        {"article": self.scored[a].key, "number": a + 1, "anchor": f"s{p}"}
                        for a, p in sorted(places.items())
                    ],
                }
            )
        passages.sort(key=lambda p: (-len(p["places"]), -p["words"]))
        counts = Counter(p.article for p in story.passages)
        return {
            "key": f"s{index + 1}",
            "number": index + 1,
            "cohesion": round(story.cohesion, 3),
            "first": self._who(self._earliest(story.members)),
            "members": [
                {
                    "article": self.scored[m].key,
                    "number": m + 1,
                    "label": label(self.scored[m].record),
                    "published": self.scored[m].record.published,
                    "shared_share": round(100.0 * story.shared[m], 1),
                    "passages": counts[m],
                }
                for m in story.members
            ],
            "passages": passages,
        }

    def _row(self, scored: Scored) -> dict[str, Any]:
        """What the overview table and the article header show of one article."""
        record = scored.record
        reference = self.model.reference
        story = self._story_of.get(scored.number - 1)
        return {
            "key": scored.key,
            "number": scored.number,
            "id": record.id,
            "path": record.path,
            "title": record.title,
            "label": label(record),
            "source": record.source,
            "published": record.published,
            "url": record.url,
            "link": safe_link(record.url),
            "words": scored.words,
            # A score with nothing to judge (None) is left out: the templates show "-".
            "scores": {k: round(v, 1) for k, v in record.scores.items() if v is not None},
            "percentiles": {
                k: round(p, 1)
                for k, v in record.scores.items()
                if v is not None and reference and (p := reference.percentile(k, v)) is not None
            },
            "story": f"s{story + 1}" if story is not None else None,
            "story_number": story + 1 if story is not None else None,
            "shared_share": round(100.0 * self.stories[story].shared[scored.number - 1], 1)
            if story is not None
            else None,
            "evidence": len(record.evidence),
            "warnings": list(record.warnings),
            "model": record.model,
        }

    # --- one article ------------------------------------------------------------------------

    def details(self, index: int) -> dict[str, Any]:
        """The explanations and the text of article ``index``, cut into highlight segments."""
        scored = self.scored[index]
        record = scored.record
        prose, junk = _prose_and_junk(scored.article, record.evidence)
        marks = [(e.start, e.end, e.family, e.kind, e.technique) for e in record.evidence]
        anchors: list[tuple[int, str]] = []
        links: list[tuple[int, dict[str, str]]] = []
        self._repeat_links(scored, prose, anchors, links)
        story = self._story_of.get(index)
        kinds: dict[str, Counter[str]] = {}
        for ev in record.evidence:
            kinds.setdefault(ev.family, Counter())[ev.kind] += 1
        if story is not None:
            passages = self.stories[story].passages
            for p, passage in enumerate(passages):
                if passage.article != index:
                    continue
                kinds.setdefault(SHARED, Counter())[SHARED_KIND] += 1
                marks.append((passage.start, passage.end, SHARED, SHARED_KIND, None))
                anchors.append((passage.start, f"s{p}"))
                for t in passage.twins:
                    other = self.scored[passages[t].article]
                    links.append(
                        (
                            passage.end,
                            {
                                "article": other.key,
                                "anchor": f"s{t}",
                                "label": f"#{other.number}",
                                "title": f"Also in #{other.number}: {label(other.record)}",
                            },
                        )
                    )
        return {
            "explanations": {
                name: _explanation(
                    contributions, record.features, self.feature_glossary, self._typical(name)
                )
                for name, contributions in record.explanations.items()
                if record.scores.get(name) is not None
            },
            "evidence_kinds": {f: dict(c.most_common()) for f, c in kinds.items()},
            "segments": segments(scored.article.text, marks, junk, anchors, links),
        }

    def _typical(self, score: str) -> tuple[bool, float | None]:
        """Whether higher is better on ``score``, and the 0-100 score of the model's typical
        article (its explanation baseline), when the model has that score."""
        model = self.model.scores.get(score)
        typical = None if model is None else round(model.calibration(model.baseline), 1)
        return score in HIGHER_IS_BETTER, typical

    @staticmethod
    def _repeat_links(
        scored: Scored,
        prose: Document,
        anchors: list[tuple[int, str]],
        links: list[tuple[int, dict[str, str]]],
    ) -> None:
        """Anchor every occurrence of a repeated passage and link it to the next one.

        Groups come largest unit first; a group whose occurrences all lie inside passages
        already linked (a sentence of a copied paragraph) adds nothing and is skipped.
        """
        linked: list[Span] = []
        for g, group in enumerate(repeat_groups(prose)):
            if group.kind not in LINKED_REPEATS:
                continue
            if all(any(a <= s and e <= b for a, b in linked) for s, e in group.spans):
                continue
            linked.extend(group.spans)
            total = len(group.spans)
            kind = group.kind.replace("_", " ")
            for i, (start, end) in enumerate(group.spans):
                anchors.append((start, f"r{g}-{i}"))
                following = (i + 1) % total
                links.append(
                    (
                        end,
                        {
                            "article": scored.key,
                            "anchor": f"r{g}-{following}",
                            "label": f"\u21bb{following + 1}/{total}",
                            "title": f"{kind}: go to occurrence {following + 1} of {total}",
                        },
                    )
                )


class Gloss(NamedTuple):
    label: str  # plain English: "Loaded words"
    meaning: str  # what is measured: "loaded and emotive words per 100 words"


def _explanation(
    contributions: list[Contribution],
    features: dict[str, float],
    glossary: dict[str, Gloss],
    score: tuple[bool, float | None],
) -> dict[str, Any]:
    """Which features pushed a score up or down from a typical article's, as signed bars
    (0-100 units of length). ``score`` is (higher is better, the typical article's score).

    Effects are in the model's raw units: baseline (the typical article) plus effects is
    the raw value that the model's calibration turns into the 0-100 score.
    """
    better, typical = score
    baseline = sum(c.effect for c in contributions if c.feature == BASELINE)
    terms = sorted(
        (c for c in contributions if c.feature != BASELINE), key=lambda c: -abs(c.effect)
    )
    shown = [c for c in terms[:EXPLANATION_TERMS] if round(c.effect, 2) != 0]
    rest = terms[len(shown) :]
    scale = max([EXPLANATION_FULL_BAR, *(abs(c.effect) for c in shown)])
    unknown = Gloss("", "")
    return {
        "baseline": round(baseline, 3) + 0.0,  # + 0.0: never show "-0.00"
        "typical": typical,
        "raw": round(baseline + sum(c.effect for c in terms), 3) + 0.0,
        "terms": [
            {
                "feature": c.feature,
                "label": glossary.get(c.feature, unknown).label or c.feature,
                "effect": round(c.effect, 3),
                "value": round(features[c.feature], 4) if c.feature in features else None,
                "meaning": glossary.get(c.feature, unknown).meaning,
                "bar": round(100.0 * abs(c.effect) / scale, 1),
                "better": (c.effect > 0) == better,
            }
            for c in shown
        ],
        "others": len(rest),
        "others_effect": round(sum(c.effect for c in rest), 3) + 0.0,
    }


def segments(
    text: str,
    marks: Sequence[Mark],
    junk: Sequence[tuple[int, int, str]] = (),
    anchors: Sequence[tuple[int, str]] = (),
    links: Sequence[tuple[int, dict[str, str]]] = (),
) -> list[dict[str, Any]]:
    """Cut ``text`` into non-overlapping segments that concatenate back to it.

    ``marks`` are ``(start, end, family, kind, technique)`` spans that may overlap or nest;
    each segment lists the marks covering it, outermost (earliest, then longest) first,
    without repeats, with the PTC technique of a mark whose evidence is an instance of one.
    A segment where a mark begins carries ``opens``; one inside a junk line
    ``(start, end, kind)`` carries ``junk`` (and the line's first segment ``junk_start``); an
    anchor ``(position, id)`` is listed on the segment that starts there, a link on the
    segment that ends where it is placed. Those keys appear only when set, keeping a long
    article's data small.
    """
    size = len(text)
    spans = sorted(
        (m for m in marks if 0 <= m[0] < m[1] <= size),
        key=lambda m: (m[0], -m[1], m[2], m[3]),
    )
    lines = sorted((a, b, kind) for a, b, kind in junk if 0 <= a < b <= size)
    cuts = {0, size}
    cuts.update(p for a, b, *_ in spans for p in (a, b))
    cuts.update(p for a, b, _ in lines for p in (a, b))
    cuts.update(p for p, _ in anchors if 0 <= p <= size)
    cuts.update(p for p, _ in links if 0 <= p <= size)
    starting: dict[int, list[str]] = {}
    for position, anchor in anchors:
        starting.setdefault(position, []).append(anchor)
    ending: dict[int, list[dict[str, str]]] = {}
    for position, link in links:
        ending.setdefault(position, []).append(link)
    out: list[dict[str, Any]] = []
    active: list[Mark] = []
    following = 0  # next mark to open
    line = 0  # next junk line
    points = sorted(cuts)
    for a, b in pairwise(points):
        active = [m for m in active if m[1] > a]
        while following < len(spans) and spans[following][0] == a:
            active.append(spans[following])
            following += 1
        active.sort(key=lambda m: (m[0], -m[1], m[2], m[3]))
        while line < len(lines) and lines[line][1] <= a:
            line += 1
        segment: dict[str, Any] = {
            "text": text[a:b],
            "marks": [
                {"family": family, "kind": kind} | ({"technique": technique} if technique else {})
                for family, kind, technique in dict.fromkeys(m[2:] for m in active)
            ],
        }
        if line < len(lines) and lines[line][0] <= a:
            segment["junk"] = lines[line][2]
            if lines[line][0] == a:
                segment["junk_start"] = True
        if any(m[0] == a for m in active):
            segment["opens"] = True  # a highlight begins here: one keyboard stop per span
        if a in starting:
            segment["anchors"] = starting[a]
        if b in ending:
            segment["links"] = ending[b]
        out.append(segment)
    return out


# --- the command ----------------------------------------------------------------------------

SINGLE_FILE_LIMIT = 500
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2


def write_data(overview: dict[str, Any], articles: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """The report data as one JSON object, streamed: ``articles`` replace the overview's rows
    and are written one at a time, so a big report's data never sits in memory whole."""
    head = json.dumps({k: v for k, v in overview.items() if k != "articles"}, ensure_ascii=False)
    out.write(head[:-1] + ', "articles": [')  # the head is a non-empty object: drop its "}"
    for i, article in enumerate(articles):
        out.write(("," if i else "") + "\n" + json.dumps(article, ensure_ascii=False))
    out.write("\n]}\n")


class ProgressBar:
    """A progress bar on standard error (rich), or nothing."""

    def __init__(self, enabled: bool) -> None:
        self.bar: Any = None
        if enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("{task.description:<16}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )

    def __enter__(self) -> ProgressBar:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def track(self, items: Iterable[Any], description: str, total: int) -> Iterator[Any]:
        if self.bar is None:
            yield from items
            return
        task = self.bar.add_task(description, total=total)
        for item in items:
            yield item
            self.bar.advance(task)


def _error(message: str) -> None:
    click.echo(f"error: {message}", err=True)


@click.command(
    "report",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Docs: docs/report.md (reading the report, the report data, restyling it).",
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "-o",
    "--output",
    default="report.html",
    show_default=True,
    type=click.Path(allow_dash=True),
    help="The HTML file to write (- is standard output). A split report is a folder: this "
    "name without .html.",
)
@click.option(
    "--split",
    is_flag=True,
    help=f"An index page plus one page per article, in a folder (always above "
    f"{SINGLE_FILE_LIMIT} articles).",
)
@click.option(
    "--data",
    "data_path",
    type=click.Path(dir_okay=False),
    help="Also write the report data (everything the pages show) as JSON to this file.",
)
@click.option(
    "--title", default="Article quality report", show_default=True, help="The report's title."
)
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False),
    help="A folder of Jinja2 templates used before the shipped ones, to restyle the report.",
)
@model_option
@progress_option
@jobs_option
def report_command(
    paths: tuple[str, ...],
    output: str,
    split: bool,
    data_path: str | None,
    title: str,
    templates: str | None,
    model_path: str | None,
    progress: bool | None,
    jobs: int | None,
) -> None:
    """Write an HTML report over articles: scores, explanations, evidence, stories.

    PATH is a file, a directory (searched recursively) or - for standard input, read just as
    `scorer score` reads them. The report opens offline in any browser and loads nothing
    from anywhere. It shows, in this order: how many articles, from which sources and dates;
    how each score is spread; a table of every article (click a column to sort, type to
    filter); the stories several articles cover, with the passages they share word for
    word and which came first; then each article with its scores, the features that moved
    them, where it stands against typical news, and its text with every piece of evidence
    highlighted (switch families on and off in the legend; hover or tab to a highlight to
    see what it is).

    A bad input prints a one-line error and is listed in the report; the others are still
    reported, and the exit status is 1.

    \b
    Examples:
      scorer report seeds/ -o report.html
      scorer report corpus.jsonl --split -o weekly      # weekly/index.html + weekly/articles/
      scorer report news/ --data report.json --title "Week 32"
    """
    from scorer.model import default_model, load_model
    from scorer.parallel import available_cores, score_in_order, unchanged

    try:
        model = load_model(model_path) if model_path else default_model()
    except ScorerError as exc:
        _error(str(exc))
        sys.exit(EXIT_USAGE)
    if split and to_stdout(output):
        _error("a split report is a folder, not standard output: give -o NAME")
        sys.exit(EXIT_USAGE)
    errors: list[str] = []
    articles: list[Article] = []
    for item in read_inputs(paths):
        if isinstance(item, ReadError):
            errors.append(str(item))
            _error(str(item))
        else:
            articles.append(item)
    if not articles:
        _error("no articles to report")
        sys.exit(EXIT_INPUT_FAILED)
    if len(articles) > SINGLE_FILE_LIMIT and to_stdout(output):
        _error(
            f"over {SINGLE_FILE_LIMIT} articles make a split report, a folder, not standard "
            "output: give -o NAME"
        )
        sys.exit(EXIT_USAGE)
    split = split or len(articles) > SINGLE_FILE_LIMIT
    show = sys.stderr.isatty() if progress is None else progress
    with ProgressBar(show) as bar:
        results = score_in_order(
            articles, unchanged, model, jobs or available_cores(), score=analyzed
        )
        scored = [
            Scored(f"a{number}", number, article, *result)
            for number, (article, result) in enumerate(
                zip(articles, bar.track(results, "scoring", len(articles)), strict=True), 1
            )
        ]
        report = Report(scored, model, title=title, inputs=list(paths), errors=errors)
        try:
            written = write_report(
                report, output, split=split, data=data_path, templates=templates, progress=bar
            )
        except ScorerError as exc:
            _error(str(exc))
            sys.exit(EXIT_USAGE)
        except OSError as exc:
            _error(f"{exc.filename or output}: cannot write ({exc.strerror})")
            sys.exit(EXIT_USAGE)
    stories = len(report.stories)
    click.echo(
        f"wrote {output_name(written)}: {len(scored)} article{'s' if len(scored) != 1 else ''}, "
        f"{stories} stor{'ies' if stories != 1 else 'y'}"
        + (f", data in {data_path}" if data_path else ""),
        err=to_stdout(output),  # standard output is the page
    )
    if errors:
        sys.exit(EXIT_INPUT_FAILED)


def write_report(
    report: Report,
    output: str | Path,
    *,
    split: bool = False,
    data: str | Path | None = None,
    templates: str | Path | None = None,
    progress: ProgressBar | None = None,
) -> Path:
    """Render the report as one page at ``output`` (``-``: standard output) or, with
    ``split``, as a folder (named ``output`` without ``.html``) of pages; ``data`` also
    writes the report data as JSON. Returns the page to open."""
    from scorer.render import Renderer, write_split

    if split and to_stdout(output):
        raise ScorerError("a split report is a folder, not standard output")
    overview = report.overview()
    rows = overview["articles"]
    details: Iterable[dict[str, Any]] = ({**row, **report.details(i)} for i, row in enumerate(rows))
    if progress is not None:
        details = progress.track(details, "writing", len(rows))
    renderer = Renderer(overview, templates)
    target = Path(output)
    if split:
        folder = target.with_suffix("") if target.suffix.lower() == ".html" else target
        articles: Iterable[dict[str, Any]] = write_split(renderer, details, folder)
        target = folder / "index.html"
    else:
        articles = list(details)
        with open_text(output) as out:
            out.write(renderer.single(articles))
    if data is not None:
        with open(data, "w", encoding="utf-8") as out:
            write_data(overview, articles, out)
    else:
        for _ in articles:  # a split report writes each page as its data is drawn
            pass
    return target
