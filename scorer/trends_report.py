"""The trend report: the history of ``scorer track`` as one self-contained HTML page.

Built the way the article report is (``scorer/report.py``): report data first, as plain
JSON-ready dicts and lists, from the tracking queries (``trend``, ``leaderboard`` and
``changes`` in ``scorer/track.py``), then rendered by ``scorer/render.py`` with the
``trends*.j2`` templates, which reuse the report's page skeleton, policy and stylesheet.
Every coordinate a chart needs is computed here, in the units of the chart's view box, so
the templates only loop, branch and escape.

Only sources with at least ``MIN_CHARTED`` dated articles are charted, the busiest first;
the others are rows of one compact table. Each chart has its own axes, over its own
source's periods and values: a shared time axis let one source's span (or one stray date)
squeeze every other source's history into a dot. A period's mean is a dot; consecutive
periods are joined by a line, which a period without articles breaks; the interval of the
mean is a band one period wide around each dot (none below ``MIN_INTERVAL`` articles).
Articles with implausible dates are left out of trends and listed in a warning.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorer.report import HIGHER_IS_BETTER, SCORE_MEANINGS, safe_link
from scorer.track import (
    ALPHA,
    EARLIEST,
    MIN_ARTICLES,
    MIN_INTERVAL,
    MIN_RANKED,
    PERIODS,
    TABLE_SCORES,
    changes,
    implausible_dates,
    leaderboard,
    period_of,
    period_span,
    read_series,
    resolve_model,
    sources_summary,
    trend,
)

if TYPE_CHECKING:
    from scorer.store import HistoryStore

SCHEMA = "scorer-trends/1"
WIDTH, HEIGHT = 640, 200
"""A chart's view box; the plot sits inside the margins below (room for the axis labels)."""
LEFT, RIGHT, TOP, BOTTOM = 34, 10, 8, 22
MAX_TICKS = 10
"""Labels on the time axis, at most."""
MIN_CHARTED = 10
"""Dated articles a source needs for charts. Fewer make at most a few periods of one or two
articles each, without intervals: a handful of dots is no trend, and 283 such charts (most
of a 645-article corpus's sources have one or two articles) bury the sources that have one.
A table row says as much."""


def build_trends(
    store: HistoryStore,
    *,
    scores: Sequence[str] = (),
    by: str = "month",
    model: str | None = None,
    last: int | None = None,
    alpha: float = ALPHA,
    min_articles: int = MIN_RANKED,
    title: str = "Source trends",
) -> dict[str, Any]:
    """The trend report's data: per score a leaderboard and one chart per source, and the
    flagged changes with the articles that drove them.

    ``scores`` defaults to quality and propaganda (those of them the history holds).
    """
    label = resolve_model(store, model)
    if not scores:
        stored = store.score_names(label)
        scores = [name for name in TABLE_SCORES if name in stored] or stored[:1]
    scores = list(dict.fromkeys(scores))
    summary = sources_summary(store, label)["sources"]
    keys = {row["source"]: f"s{i}" for i, row in enumerate(summary, 1)}
    trends = [trend(store, score=name, by=by, model=label) for name in scores]
    found = [changes(store, score=name, by=by, model=label, alpha=alpha) for name in scores]
    flagged = _changes(found, keys)
    marks = {(c["chart"], c["period"]): c["key"] for c in flagged}
    numbers = [
        period_of(date.fromisoformat(row["start"]), by)
        for result in trends
        for row in result["periods"]
    ]
    first, final = (min(numbers), max(numbers)) if numbers else (0, -1)
    dated_counts = {
        s: sum(row["count"] for row in g)
        for s, g in groupby(trends[0]["periods"], key=lambda r: r["source"])
    }
    charted = {s for s, n in dated_counts.items() if n >= MIN_CHARTED}
    charts: dict[str, list[dict[str, Any] | None]] = {name: [] for name in charted}
    score_data = []
    for index, (name, result) in enumerate(zip(scores, trends, strict=True)):
        rows = {s: list(g) for s, g in groupby(result["periods"], key=lambda r: r["source"])}
        for source in charted:
            periods = rows.get(source)
            charts[source].append(
                _chart(periods, by, f"{keys[source]}-{index}", marks) if periods else None
            )
        board = leaderboard(
            store, score=name, by=by, last=last, model=label, min_articles=min_articles
        )
        low, high = _value_range(board["sources"])
        for row in board["sources"]:
            row["key"] = keys[row["source"]]
        score_data.append(
            {
                "name": name,
                "meaning": SCORE_MEANINGS.get(name, ""),
                "higher_is_better": name in HIGHER_IS_BETTER,
                "axis": {"low": low, "high": high},
                "leaderboard": board,
            }
        )
    ranges = _date_ranges(store, label, scores[0])
    for row in summary:  # the dates trends use: implausible ones left out
        row["first"], row["last"] = ranges.get(row["source"], (None, None))
    dated = [row for row in summary if row["first"]]
    implausible = implausible_dates(store, label, scores[0])
    counts = sorted(row["count"] for result in trends for row in result["periods"])
    thin = by != PERIODS[-1] and bool(counts) and counts[len(counts) // 2] < MIN_ARTICLES
    return {
        "schema": SCHEMA,
        "title": title,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "model": label,
        "by": by,
        "confidence": round(100 * trends[0]["confidence"]),
        "interval": trends[0]["interval"],
        "test": {
            key: found[0][key]
            for key in ("alpha", "window", "min_history", "min_articles", "untested")
        },
        "view": {
            "width": WIDTH,
            "height": HEIGHT,
            "left": LEFT,
            "right": WIDTH - RIGHT,
            "top": TOP,
            "bottom": HEIGHT - BOTTOM,
        },
        "summary": {
            "sources": len(summary),
            "articles": sum(row["articles"] for row in summary),
            "undated": sum(row["undated"] for row in summary),
            "implausible": len(implausible),
            "earliest": EARLIEST.isoformat(),
            "first": min((row["first"] for row in dated), default=None),
            "last": max((row["last"] for row in dated), default=None),
            "periods": final - first + 1,
            "charted": len(charted),
            "changes": len(flagged),
            "tested": sum(result["tested"] for result in found),
            # Most periods too thin for steady means: the next longer period is advised.
            "longer": PERIODS[PERIODS.index(by) + 1] if thin else None,
        },
        "scores": score_data,
        "min_charted": MIN_CHARTED,
        "min_interval": MIN_INTERVAL,
        "sources": sorted(
            (
                {
                    **row,
                    "key": keys[row["source"]],
                    "dated": dated_counts[row["source"]],
                    "charts": charts[row["source"]],
                }
                for row in summary
                if row["source"] in charted
            ),
            key=lambda row: (-row["dated"], row["source"].casefold()),
        ),
        "uncharted": [
            {**row, "key": keys[row["source"]], "dated": dated_counts.get(row["source"], 0)}
            for row in summary
            if row["source"] not in charted
        ],
        "implausible": implausible,
        "changes": flagged,
    }


def write_trends(
    data: dict[str, Any],
    output: str | Path,
    *,
    templates: str | Path | None = None,
    data_path: str | Path | None = None,
) -> None:
    """Render the page to ``output`` (``-``: standard output); ``data_path`` also writes
    the data as JSON."""
    from scorer.output import open_text
    from scorer.render import render_trends

    page = render_trends(data, templates)
    with open_text(output) as out:
        out.write(page)
    if data_path is not None:
        Path(data_path).write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")


# --- charts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """Where periods and values fall in a chart's view box: periods ``first`` to ``first +
    periods - 1`` across, values ``low`` to ``high`` up."""

    first: int
    periods: int
    low: float
    high: float

    @property
    def step(self) -> float:
        """The width of one period."""
        return (WIDTH - LEFT - RIGHT) / max(self.periods, 1)

    def x(self, number: int) -> float:
        return round(LEFT + (number - self.first + 0.5) * self.step, 1)

    def y(self, value: float) -> float:
        share = (min(max(value, self.low), self.high) - self.low) / (self.high - self.low)
        return round(HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM), 1)

    def axis(self, by: str) -> dict[str, Any]:
        """Gridlines with their values, time labels, and the dot size for this density."""
        every = 10 if self.high - self.low <= 50 else 20
        values = range(math.ceil(self.low / every) * every, int(self.high) + 1, every)
        return {
            "low": self.low,
            "high": self.high,
            "y_ticks": [{"y": self.y(v), "label": v} for v in values],
            "x_ticks": [{"x": self.x(n), "label": text} for n, text in self._time_labels(by)],
            "dot": round(min(3.2, max(1.2, self.step * 0.35)), 1),
        }

    def _time_labels(self, by: str) -> list[tuple[int, str]]:
        """Every period when there are few; else the first period of each year, labelled
        by the year. Thinned to at most ``MAX_TICKS``."""
        numbers = range(self.first, self.first + self.periods)
        few = {"year": True, "month": self.periods <= 24, "week": self.periods <= 60}[by]
        if few:
            labels = [(n, period_span(n, by)[0]) for n in numbers]
        else:  # more than two years: there is a first period of a year (its label's year
            # differs from the period before's)
            years = [period_span(n, by)[0][:4] for n in range(self.first - 1, numbers.stop)]
            labels = [(n, years[i + 1]) for i, n in enumerate(numbers) if years[i] != years[i + 1]]
        return labels[:: max(1, math.ceil(len(labels) / MAX_TICKS))]


def _date_ranges(store: HistoryStore, model: str, score: str) -> dict[str, tuple[str, str]]:
    """Each source's first and last plausible date (the series is in source, day order)."""
    from scorer.store import day_to_iso

    series = read_series(store, model, score, None)
    ranges: dict[str, tuple[str, str]] = {}
    for source_id, day in zip(series.source_id.tolist(), series.day.tolist(), strict=True):
        name = series.names[source_id]
        ranges[name] = (ranges.get(name, (day_to_iso(day),))[0], day_to_iso(day))
    return ranges


def _value_range(rows: list[dict[str, Any]]) -> tuple[float, float]:
    """A value axis: the rows' means and intervals, widened to tens (at least 20 apart)
    within 0-100."""
    values = [
        v for row in rows for v in (row["mean"], row["ci_low"], row["ci_high"]) if v is not None
    ]
    if not values:
        return 0.0, 100.0
    low = max(0.0, math.floor(min(values) / 10) * 10.0)
    high = min(100.0, math.ceil(max(values) / 10) * 10.0)
    while high - low < 20:
        low, high = max(0.0, low - 10), min(100.0, high + 10)
    return low, high


def _chart(
    periods: list[dict[str, Any]],
    by: str,
    key: str,
    marks: dict[tuple[str, str], str],
) -> dict[str, Any]:
    """One source's chart of one score (``key``: source and score), on axes over its own
    periods and values: points, lines and interval bands; a point of a flagged period
    names its change."""
    first = period_of(date.fromisoformat(periods[0]["start"]), by)
    final = period_of(date.fromisoformat(periods[-1]["start"]), by)
    frame = _Frame(first, final - first + 1, *_value_range(periods))
    points = []
    for row in periods:
        number = period_of(date.fromisoformat(row["start"]), by)
        points.append(
            {
                **row,
                "number": number,
                "x": frame.x(number),
                "y": frame.y(row["mean"]),
                "change": marks.get((key, row["period"])),
            }
        )
    runs: list[list[dict[str, Any]]] = []
    for point in points:
        if runs and point["number"] == runs[-1][-1]["number"] + 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    half = frame.step / 2
    bands = []
    for run in runs:  # a band: consecutive periods that have an interval
        spans: list[list[dict[str, Any]]] = []
        for point in run:
            if point["ci_low"] is None:
                spans.append([])
            elif spans and spans[-1]:
                spans[-1].append(point)
            else:
                spans.append([point])
        for span in filter(None, spans):
            top = [(p["x"] + side * half, frame.y(p["ci_high"])) for p in span for side in (-1, 1)]
            bottom = [
                (p["x"] + side * half, frame.y(p["ci_low"]))
                for p in reversed(span)
                for side in (1, -1)
            ]
            bands.append(_points([*top, *bottom]))
    return {
        "key": key,
        "axis": frame.axis(by),
        "points": [{k: v for k, v in p.items() if k not in ("source", "number")} for p in points],
        "lines": [_points([(p["x"], p["y"]) for p in run]) for run in runs if len(run) > 1],
        "bands": bands,
        "first": periods[0]["period"],
        "last": periods[-1]["period"],
        "articles": sum(p["count"] for p in periods),
    }


def _points(pairs: list[tuple[float, float]]) -> str:
    """An SVG ``points`` attribute."""
    return " ".join(f"{x:g},{y:g}" for x, y in ((round(x, 1), round(y, 1)) for x, y in pairs))


# --- changes --------------------------------------------------------------------------------


def _changes(found: list[dict[str, Any]], keys: dict[str, str]) -> list[dict[str, Any]]:
    """Every flagged change of every score, newest first; drivers carry a ``link`` (their
    url when it may be one, else None)."""
    flagged = [
        {
            **change,
            "score": result["score"],
            "score_index": index,
            "source_key": keys[change["source"]],
            "chart": f"{keys[change['source']]}-{index}",
            "better": (change["direction"] == "up") == (result["score"] in HIGHER_IS_BETTER),
            "drivers": [{**d, "link": safe_link(d["url"])} for d in change["drivers"]],
            "driver_share": round(100 * sum(d["share"] for d in change["drivers"]), 1),
        }
        for index, result in enumerate(found)
        for change in result["changes"]
    ]
    flagged.sort(key=lambda c: (c["source"].casefold(), c["score_index"]))
    flagged.sort(key=lambda c: c["start"], reverse=True)  # stable: newest first, then by source
    for number, change in enumerate(flagged, 1):
        change["key"] = f"c{number}"
    return flagged
