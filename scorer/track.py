"""Tracking: scores stored per source and date, trends per period, and changes flagged.

The functions here return plain data (dicts and lists of numbers and strings) that the
``scorer track`` commands print as a table, JSON or CSV, and that a report can render.

Trend intervals: for a period's ``n`` article scores with mean ``m`` and standard deviation
``s``, the interval is the Student t interval ``m +- t(1 - (1 - confidence) / 2, n - 1) *
s / sqrt(n)`` (``scipy.stats.t.interval``), clipped to the scores' 0-100; none below
``MIN_INTERVAL`` articles.

Dates before ``EARLIEST`` or after today are implausible (a parsing slip, a placeholder, a
typo): such articles stay stored, a warning names them, and trends leave them out.

Change detection (``changes``) asks of each period whether its mean falls outside what the
source's own recent history predicts, with a fixed false-alarm rate per tested period:

- a period takes part when it has at least ``min_articles`` articles;
- its baseline is the source's preceding ``window`` such periods (at least ``min_history``);
- with ``k`` baseline period means of mean ``mu`` and variance ``s2m``, pooled within-period
  variance ``s2w`` and ``h`` the baseline's mean of ``1 / n_i``, a period of ``n`` articles
  with mean ``m`` gives ``T = (m - mu) / sqrt(V)``, where ``V = max(s2m * (1 + 1/k) +
  s2w * (1/n - h), s2w / n)`` is the variance of a new period's mean around the baseline:
  the spread of past period means (news cycles included, not only article-to-article noise),
  corrected for this period's size;
- ``T`` is referred to Student's t with ``k - 1`` degrees of freedom (exact for normal
  scores and equal period sizes: the classical prediction interval of a new observation),
  and the period is flagged when the two-sided p-value is below ``alpha``.

A flagged period names its drivers: its mean moved by ``m - mu``, which is the sum over its
articles of ``(x - mu) / n``; the articles with the largest such contributions in the
direction of the move drove it. The false-alarm rate is measured by simulation in
``benchmarks/track_false_alarms.py`` (see docs/tracking.md).
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import IO, TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import click

from scorer.errors import ScorerError
from scorer.options import model_option, progress_option
from scorer.output import STDOUT, open_text, output_name, to_stdout

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from scorer.article import Article
    from scorer.model import Model
    from scorer.readers import ReadError
    from scorer.store import ArticleInfo, HistoryStore, Series

DEFAULT_DB = "scorer-history.sqlite"
DB_ENV = "SCORER_DB"
CHUNK_SIZE = 200
"""Articles per write transaction: a killed run loses at most one chunk's scoring work."""
PERIODS = ("week", "month", "year")
EXPORT_FORMATS = ("csv", "jsonl", "parquet")
OUTPUT_FORMATS = ("table", "json", "csv")
CONFIDENCE = 0.95
ALPHA = 0.005
"""False-alarm rate per tested period of ``changes``, chosen by ``python
benchmarks/track_false_alarms.py [--alpha A]`` (500 stable sources x 120 months; and 6
articles a month at 28 +- 15, then a month at 83). At 0.001 the t reference with ``k - 1``
= 5 degrees of freedom is so wide that this 28 -> 83 step (issue 12) is missed one time in
four after 6 months of history (found 0.758; 1.000 after 12 or 24). At 0.005 it is found
0.990 after 6 months and always after 12 or 24, while the false-alarm rate per tested
period is 0.0014 - 0.0056 across the scenarios (0.0001 - 0.0011 at 0.001); about 0.14 -
0.50 of stable sources show a false flag somewhere in ten years of months (0.01 - 0.12).
Weighed and left: 0.01 (0.998 after 6 months for twice the false alarms); a larger
MIN_HISTORY (leaves short histories untested instead of catching the step); the pooled
within-period variance with Satterthwaite degrees of freedom (0.994 at 0.001, but false
alarms up to 2.6 times alpha when months wander by 2 points)."""
WINDOW = 24
MIN_HISTORY = 6
MIN_ARTICLES = 5
DRIVERS = 5
MIN_INTERVAL = 3
"""Articles a mean needs for an interval: with two, t(0.975, 1) = 12.7 makes the interval
wider than the whole 0-100 scale for any but near-equal scores, so it says nothing."""
MIN_RANKED = 5
"""Articles a source needs in the leaderboard's window to be ranked: with fewer, one
article decides its mean (a one-article source would top or tail the board by chance)."""
EARLIEST = date(1990, 1, 1)
"""Dates before this are implausible for the news articles tracked here (web news starts in
the 1990s); an article dated 1902 stretched every chart over a century."""
LAST_PERIODS = {"week": 13, "month": 12, "year": 3}
"""Periods a leaderboard ranks sources over unless told: a quarter, a year, three years."""
TABLE_SCORES = ("quality", "propaganda")
"""Mean scores a `track sources` table shows, and scores a trend report charts, unless told
otherwise."""
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2
_Item = TypeVar("_Item")

INTERVAL_METHOD = "Student t interval of the mean"
CHANGE_METHOD = (
    "t prediction test of the period mean against the source's preceding periods "
    "(variance from the spread of their means, adjusted for period size)"
)


# --- adding ---------------------------------------------------------------------------------


def content_hash(article: Article) -> str:
    """Identity of an article: its title and text, NFKC-normalized, whitespace collapsed.

    The same article read twice (from another file or format, re-spaced) has the same hash;
    source, date and path are not part of it.
    """
    parts = (
        " ".join(unicodedata.normalize("NFKC", p or "").split())
        for p in (article.title, article.text)
    )
    return hashlib.blake2b("\n".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def source_of(article: Article, fallback: str | None) -> str | None:
    """The article's source (a record field, front matter, HTML site name), else its url's
    host without ``www.``, else ``fallback``."""
    if article.source and article.source.strip():
        return " ".join(article.source.split())
    try:
        host = urlsplit(article.url).hostname if article.url else None
    except ValueError:  # a malformed url, e.g. an unclosed [IPv6 bracket
        host = None
    if host:
        return host.removeprefix("www.")
    return " ".join(fallback.split()) if fallback and fallback.strip() else None


def article_ref(article: Article) -> str:
    """How messages name an article: its record id, else its path."""
    return str(article.id) if article.id is not None else article.path or "(text)"


@dataclass
class AddSummary:
    """What one ``add_articles`` run did."""

    stored: int = 0  # articles newly stored (or newly scored with this model)
    already: int = 0  # already stored with this model, or repeated within the run
    undated: int = 0  # newly stored without a published date
    implausible: int = 0  # newly stored with a date before EARLIEST or in the future
    failed: int = 0  # inputs not stored: unreadable, or no source


Report = Callable[[str, str], None]
"""Called with ("error" | "warning", one-line message)."""


def add_articles(
    store: HistoryStore,
    items: Iterable[Article | ReadError],
    model: Model,
    report: Report,
    *,
    source: str | None = None,
    published: str | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> AddSummary:
    """Score and store articles, one transaction per ``chunk_size`` articles.

    ``source`` and ``published`` (``YYYY-MM-DD``) stand in for articles whose metadata has
    none. Articles already stored with this model are not scored again, so a run stopped
    half way and started again stores every article exactly once.
    """
    from scorer.readers import ReadError

    summary = AddSummary()
    chunk: list[tuple[Article, str, str]] = []
    for item in items:
        if isinstance(item, ReadError):
            summary.failed += 1
            report("error", str(item))
            continue
        name = source_of(item, source)
        if name is None:
            summary.failed += 1
            report(
                "error",
                f"{article_ref(item)}: no source (no source field, site name or url); "
                "give --source",
            )
            continue
        if item.published is None and published is not None:
            item = replace(item, published=published)
        chunk.append((item, name, content_hash(item)))
        if len(chunk) >= chunk_size:
            _store_chunk(store, chunk, model, report, summary)
            chunk = []
    _store_chunk(store, chunk, model, report, summary)
    return summary


def _store_chunk(
    store: HistoryStore,
    chunk: list[tuple[Article, str, str]],
    model: Model,
    report: Report,
    summary: AddSummary,
) -> None:
    """Score the chunk's new articles (outside any transaction), then store them in one."""
    from scorer.pipeline import score_article
    from scorer.store import StoredArticle

    known = store.known({digest for _, _, digest in chunk}, model.label)
    fresh: list[StoredArticle] = []
    for article, name, digest in chunk:
        if digest in known:
            summary.already += 1
            continue
        known.add(digest)
        record = score_article(article, model)
        fresh.append(
            StoredArticle(
                content_hash=digest,
                source=name,
                published=article.published,
                title=article.title,
                url=article.url,
                ref=article_ref(article),
                path=article.path,
                model=model.label,
                scores=record.to_dict(evidence=False)["scores"],
            )
        )
    stored = store.add(fresh)
    summary.stored += stored
    summary.already += len(fresh) - stored  # stored meanwhile by another process
    for row in fresh:
        if row.published is None:
            summary.undated += 1
            report(
                "warning",
                f"{row.ref}: no published date (give --date); stored "
                "undated, so it is left out of trends",
            )
        elif implausible(row.published):
            summary.implausible += 1
            report(
                "warning",
                f"{row.ref}: implausible published date {row.published} (before "
                f"{EARLIEST.year} or in the future); stored, but left out of trends",
            )


def implausible(published: str | None) -> bool:
    """Whether a ``YYYY-MM-DD`` date is before ``EARLIEST`` or in the future."""
    return published is not None and not (EARLIEST <= date.fromisoformat(published) <= date.today())


# --- queries --------------------------------------------------------------------------------


def resolve_model(store: HistoryStore, label: str | None) -> str:
    """The model label to read: the one asked for, else the most recently added one."""
    labels = store.models()
    if not labels:
        raise ScorerError("the history is empty (add articles with `scorer track add`)")
    if label is None:
        return labels[-1]
    if label not in labels:
        raise ScorerError(f"no scores by model {label!r}; stored: {', '.join(labels)}")
    return label


def _check_score(store: HistoryStore, model: str, score: str) -> None:
    names = store.score_names(model)
    if score not in names:
        raise ScorerError(f"no score {score!r} stored for {model}; stored: {', '.join(names)}")


def _resolve_source(store: HistoryStore, source: str | None) -> str | None:
    """The stored name of a source given in any letter case; for a typo, a one-line error
    naming up to 3 close names (a history holds hundreds, too many to list)."""
    if source is None:
        return None
    names = store.source_names()
    found = next((name for name in names if name.casefold() == source.casefold()), None)
    if found is None:
        folded = {name.casefold(): name for name in names}
        close = difflib.get_close_matches(source.casefold(), list(folded), n=3)
        hint = f"; did you mean {', '.join(repr(folded[c]) for c in close)}?" if close else ""
        raise ScorerError(
            f"no source {source!r} in the history ({len(names)} sources; "
            f"`scorer track sources` lists them){hint}"
        )
    return found


def read_series(store: HistoryStore, model: str, score: str, source: str | None) -> Series:
    """The score's dated articles, those with implausible dates left out."""
    _check_score(store, model, score)
    series = store.series(model, score, _resolve_source(store, source))
    keep = ~implausible_days(series.day)
    return replace(series, source_id=series.source_id[keep], day=series.day[keep],
                   value=series.value[keep])  # fmt: skip


def implausible_days(day: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Which days (counted from 1970-01-01) are before ``EARLIEST`` or after today."""
    from scorer.store import EPOCH

    return (day < (EARLIEST - EPOCH).days) | (day > (date.today() - EPOCH).days)


def implausible_dates(store: HistoryStore, model: str, score: str) -> list[dict[str, Any]]:
    """Articles left out of trends for an implausible date: source and date, oldest first."""
    import numpy as np

    from scorer.store import day_to_iso

    series = store.series(model, score)
    rows = [
        {"source": series.names[int(series.source_id[i])], "published": day_to_iso(int(day))}
        for i, day in zip(np.flatnonzero(implausible_days(series.day)),
                          series.day[implausible_days(series.day)], strict=True)
    ]  # fmt: skip
    return sorted(rows, key=lambda row: (row["published"], row["source"].casefold()))


def t_interval(
    mean: NDArray[np.float64],
    var: NDArray[np.float64],
    count: NDArray[np.int64],
    confidence: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Student t interval of each mean, clipped to 0-100; NaN below ``MIN_INTERVAL``
    articles (and where the mean is NaN)."""
    import numpy as np
    from scipy import stats

    enough = count >= MIN_INTERVAL
    df = np.where(enough, count - 1, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.where(enough, np.sqrt(var / np.maximum(count, 1)), np.nan)
        low, high = stats.t.interval(confidence, df, loc=mean, scale=scale)
    return np.clip(low, 0, 100), np.clip(high, 0, 100)


def sources_summary(store: HistoryStore, model: str | None = None) -> dict[str, Any]:
    """Every source: articles, undated articles, date range and mean scores."""
    label = resolve_model(store, model)
    return {
        "model": label,
        "sources": [
            {
                "source": s.source,
                "articles": s.articles,
                "undated": s.undated,
                "first": s.first,
                "last": s.last,
                "mean": {name: _round(value) for name, value in s.means.items()},
            }
            for s in store.sources(label)
        ],
    }


def trend(
    store: HistoryStore,
    *,
    score: str = "quality",
    by: str = "month",
    source: str | None = None,
    model: str | None = None,
    confidence: float = CONFIDENCE,
) -> dict[str, Any]:
    """Per source and period: article count, mean, median and a t interval of the mean.

    Periods without articles are absent; undated articles are left out.
    """
    label = resolve_model(store, model)
    groups = _Groups.of(read_series(store, label, score, source), by)
    low, high = t_interval(groups.mean, groups.var, groups.count, confidence)
    periods = []
    for i in range(len(groups.count)):
        name, start, end = period_span(int(groups.period[i]), by)
        periods.append(
            {
                "source": groups.names[int(groups.source_id[i])],
                "period": name,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "count": int(groups.count[i]),
                "mean": _round(groups.mean[i]),
                "median": _round(groups.median[i]),
                "ci_low": _round(low[i]),
                "ci_high": _round(high[i]),
            }
        )
    return {
        "model": label,
        "score": score,
        "by": by,
        "confidence": confidence,
        "interval": INTERVAL_METHOD,
        "periods": periods,
    }


def changes(
    store: HistoryStore,
    *,
    score: str = "quality",
    by: str = "month",
    source: str | None = None,
    model: str | None = None,
    alpha: float = ALPHA,
    window: int = WINDOW,
    min_history: int = MIN_HISTORY,
    min_articles: int = MIN_ARTICLES,
    drivers: int = DRIVERS,
) -> dict[str, Any]:
    """Periods whose mean moved beyond what the source's own history explains (see the
    module docstring), each with the articles that drove the move."""
    import numpy as np

    from scorer.store import day_of

    label = resolve_model(store, model)
    series = read_series(store, label, score, source)
    groups = _Groups.of(series, by)
    test = shift_test(
        groups.source_id, groups.count, groups.mean, groups.var,
        window=window, min_history=min_history, min_articles=min_articles,
    )  # fmt: skip
    tested = int(np.count_nonzero(test.history))
    found = []
    for i in np.flatnonzero(test.p_value < alpha):
        name, start, end = period_span(int(groups.period[i]), by)
        source_name = groups.names[int(groups.source_id[i])]
        baseline = float(test.baseline[i])
        shift = float(groups.mean[i]) - baseline
        first, last = day_of(start.isoformat()), day_of(end.isoformat())
        values = store.period_values(label, score, source_name, first, last)
        found.append(
            {
                "source": source_name,
                "period": name,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "count": int(groups.count[i]),
                "mean": _round(groups.mean[i]),
                "baseline_mean": _round(baseline),
                "baseline_periods": int(test.history[i]),
                "shift": _round(shift),
                "direction": "up" if shift > 0 else "down",
                "statistic": _round(test.statistic[i]),
                "p_value": float(f"{test.p_value[i]:.3g}"),
                "drivers": _drivers(values, baseline, shift, drivers),
            }
        )
    return {
        "model": label,
        "score": score,
        "by": by,
        "method": CHANGE_METHOD,
        "alpha": alpha,
        "window": window,
        "min_history": min_history,
        "min_articles": min_articles,
        "tested": tested,
        "untested": None if tested else untestable(series, by, min_history, min_articles),
        "changes": found,
    }


def untestable(series: Series, by: str, min_history: int, min_articles: int) -> str:
    """Why ``changes`` could test no period, and which settings would let it test one.

    A period is tested once its source has ``min_history`` earlier periods of at least
    ``min_articles`` articles (two at the least: a period's variance needs two).
    """
    import numpy as np

    needed = max(min_history, 2) + 1
    if not len(series.value):
        return "no period could be tested: no dated articles"

    def coverage(period: str, least: int) -> tuple[int, str]:
        """The most periods of ``least`` or more articles any source has, and that source."""
        groups = _Groups.of(series, period)
        periods = np.bincount(groups.source_id[groups.count >= least])
        best = int(np.argmax(periods)) if len(periods) else int(groups.source_id[0])
        return int(periods[best]) if len(periods) else 0, groups.names[best]

    least = max(min_articles, 2)
    have, name = coverage(by, least)
    who = "the best-covered source, " + name + "," if len(np.unique(series.source_id)) > 1 else name
    reason = (
        f"no period could be tested: {who} has {have} {by}{'' if have == 1 else 's'} with "
        f">= {least} articles, {needed} needed ({needed - 1} as history, 1 to test)"
    )
    tries = [
        f"--by {longer}"
        for longer in PERIODS[PERIODS.index(by) + 1 :]
        if coverage(longer, least)[0] >= needed
    ][:1]
    tries += [
        f"--min-articles {fewer}"
        for fewer in range(least - 1, 1, -1)
        if coverage(by, fewer)[0] >= needed
    ][:1]
    if tries:
        return f"{reason}; try {' or '.join(tries)}"
    return f"{reason}; more dated articles are needed"


def _drivers(
    values: list[tuple[ArticleInfo, float]], baseline: float, shift: float, limit: int
) -> list[dict[str, Any]]:
    """The articles that moved a period's mean most in the direction of ``shift``: each
    contributes ``(value - baseline) / n`` to it."""
    n = len(values)
    moved = sorted(values, key=lambda row: -(row[1] - baseline) * shift)[:limit]
    return [
        {
            "article_id": info.article_id,
            "id": info.ref,
            "title": info.title,
            "url": info.url,
            "published": info.published,
            "value": _round(value),
            "contribution": _round((value - baseline) / n),
            "share": _round((value - baseline) / n / shift),
        }
        for info, value in moved
        if (value - baseline) * shift > 0
    ]


def leaderboard(
    store: HistoryStore,
    *,
    score: str = "quality",
    by: str = "month",
    last: int | None = None,
    model: str | None = None,
    confidence: float = CONFIDENCE,
    min_articles: int = MIN_RANKED,
) -> dict[str, Any]:
    """Sources ranked by their mean score over the history's last ``last`` periods, highest
    first, each with a t interval of that mean and its mean over the ``last`` periods before.

    The window is the same calendar periods for every source, ending with the newest period
    of any source, so a source that stopped publishing is not ranked on old articles: it is
    listed after the ranked ones, without a rank. So is a source with fewer than
    ``min_articles`` articles in the window (``"few": true``). A mean pools the window's
    articles.
    """
    import numpy as np

    from scorer.store import day_to_iso

    label = resolve_model(store, model)
    series = read_series(store, label, score, None)
    period = _period_index(series.day, by)
    last = LAST_PERIODS[by] if last is None else last
    result: dict[str, Any] = {
        "model": label,
        "score": score,
        "by": by,
        "confidence": confidence,
        "interval": INTERVAL_METHOD,
        "periods": last,
        "min_articles": min_articles,
        "window": None,
        "before": None,
        "sources": [],
    }
    if not len(period):
        return result
    newest = int(period.max())
    present, who = np.unique(series.source_id, return_inverse=True)

    def pooled(
        first: int, final: int
    ) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
        """Per source: articles, mean and sample variance over periods first..final."""
        inside = (period >= first) & (period <= final)
        group, values = who[inside], series.value[inside]
        count = np.bincount(group, minlength=len(present))
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.bincount(group, values, len(present)) / count
            deviation = values - mean[group]
            var = np.bincount(group, deviation * deviation, len(present)) / (count - 1)
        return count, mean, var

    count, mean, var = pooled(newest - last + 1, newest)
    before_count, before_mean, _ = pooled(newest - 2 * last + 1, newest - last)
    low, high = t_interval(mean, var, count, confidence)
    # Series rows are in (source, day) order: each source's last row is its newest day.
    final_day = series.day[np.flatnonzero(np.append(who[1:] != who[:-1], True))]
    names = [series.names[int(source_id)] for source_id in present]
    enough = count >= max(min_articles, 1)
    ranked = sorted(np.flatnonzero(enough), key=lambda i: (-mean[i], names[i].casefold()))
    few = sorted(
        np.flatnonzero(~enough & (count > 0)), key=lambda i: (-count[i], names[i].casefold())
    )
    stale = sorted(np.flatnonzero(count == 0), key=lambda i: -final_day[i])
    result["sources"] = [
        {
            "rank": rank if rank <= len(ranked) else None,
            "source": names[i],
            "count": int(count[i]),
            "mean": _round(mean[i]),
            "ci_low": _round(low[i]),
            "ci_high": _round(high[i]),
            "before_count": int(before_count[i]),
            "before_mean": _round(before_mean[i]),
            "change": _round(mean[i] - before_mean[i]),
            "last": day_to_iso(int(final_day[i])),
            "few": bool(0 < count[i] < min_articles),
        }
        for rank, i in enumerate([*ranked, *few, *stale], 1)
    ]
    result["window"] = _span(newest - last + 1, newest, by)
    result["before"] = _span(newest - 2 * last + 1, newest - last, by)
    return result


def _span(first: int, final: int, by: str) -> dict[str, str]:
    """Labels and dates of periods ``first`` to ``final``."""
    first_name, start, _ = period_span(first, by)
    final_name, _, end = period_span(final, by)
    return {"first": first_name, "last": final_name, "start": str(start), "end": str(end)}


def _round(value: float | None) -> float | None:
    """Two decimals for people; no value (None: every score null, or NaN) stays None."""
    return None if value is None or value != value else round(float(value), 2)


# --- statistics -----------------------------------------------------------------------------


def period_span(index: int, by: str) -> tuple[str, date, date]:
    """Label, first and last day of period ``index`` (as counted by ``_period_index``).

    Weeks run Monday to Sunday and are labelled by ISO week (``2024-W07``).
    """
    if by == "week":
        from scorer.store import EPOCH

        start = EPOCH + timedelta(days=7 * index - 3)
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}", start, start + timedelta(days=6)
    if by == "month":
        year, month = divmod(index, 12)
        start = date(1970 + year, month + 1, 1)
        following = date(start.year + (month == 11), (month + 1) % 12 + 1, 1)
        return f"{start.year}-{month + 1:02d}", start, following - timedelta(days=1)
    year = 1970 + index
    return str(year), date(year, 1, 1), date(year, 12, 31)


def period_of(day: date, by: str) -> int:
    """Number of the period holding ``day`` (the inverse of ``period_span``)."""
    import numpy as np

    from scorer.store import EPOCH

    return int(_period_index(np.array([(day - EPOCH).days], dtype=np.int64), by)[0])


def _period_index(day: NDArray[np.int64], by: str) -> NDArray[np.int64]:
    """Period number of each day (days since 1970-01-01, a Thursday)."""
    import numpy as np

    if by not in PERIODS:
        raise ScorerError(f"unknown period {by!r}; use {', '.join(PERIODS)}")
    if by == "week":
        return (day + 3) // 7  # Monday-based: 1969-12-29 starts week 0
    unit = "M" if by == "month" else "Y"
    periods: NDArray[np.int64] = (
        day.astype("datetime64[D]").astype(f"datetime64[{unit}]").astype(np.int64)
    )
    return periods


@dataclass(frozen=True)
class _Groups:
    """Per-(source, period) statistics of a series, groups in (source, period) order."""

    names: dict[int, str]
    source_id: NDArray[np.int64]
    period: NDArray[np.int64]
    count: NDArray[np.int64]
    mean: NDArray[np.float64]
    var: NDArray[np.float64]  # sample variance; NaN for one article
    median: NDArray[np.float64]

    @classmethod
    def of(cls, series: Series, by: str) -> _Groups:
        """Groups of a series; its (source, day) order keeps each group's rows together."""
        import numpy as np

        period = _period_index(series.day, by)
        source_id = series.source_id
        boundary = np.ones(len(period), dtype=bool)
        boundary[1:] = (source_id[1:] != source_id[:-1]) | (period[1:] != period[:-1])
        start = np.flatnonzero(boundary)
        count = np.diff(np.append(start, len(period)))
        value = series.value[np.lexsort((series.value, np.cumsum(boundary)))]
        if len(value):
            mean = np.add.reduceat(value, start) / count
            deviation = value - np.repeat(mean, count)
            squares = np.add.reduceat(deviation * deviation, start)
        else:
            mean = squares = np.zeros(0)
        with np.errstate(invalid="ignore", divide="ignore"):
            var = np.where(count > 1, squares / (count - 1), np.nan)
        median = (value[start + (count - 1) // 2] + value[start + count // 2]) / 2
        return cls(series.names, source_id[start], period[start], count, mean, var, median)


@dataclass(frozen=True)
class ShiftTest:
    """Per group: baseline mean, baseline periods, t statistic and two-sided p-value (NaN
    where the group is not tested)."""

    baseline: NDArray[np.float64]
    history: NDArray[np.int64]
    statistic: NDArray[np.float64]
    p_value: NDArray[np.float64]


def shift_test(
    source_id: NDArray[np.int64],
    count: NDArray[np.int64],
    mean: NDArray[np.float64],
    var: NDArray[np.float64],
    *,
    window: int,
    min_history: int,
    min_articles: int,
) -> ShiftTest:
    """Test each period against its source's preceding periods (module docstring).

    Inputs are per period, in (source, period) order. All periods are tested at once with
    running sums over the eligible periods, restarted at each source.
    """
    import numpy as np
    from scipy.special import stdtr

    n_groups = len(count)
    eligible = np.flatnonzero(count >= max(min_articles, 2))
    n = count[eligible].astype(np.float64)
    m = mean[eligible]
    # Exclusive running sums: sums[j] covers eligible periods before j.
    columns = np.column_stack([np.ones_like(n), m, m * m, (n - 1) * var[eligible], n - 1, 1 / n])
    sums = np.vstack([np.zeros((1, columns.shape[1])), np.cumsum(columns, axis=0)])
    position = np.arange(len(eligible))
    src = source_id[eligible]
    first = np.zeros(len(eligible), dtype=np.int64)  # first eligible period of each source
    if len(eligible):
        new_source = np.ones(len(eligible), dtype=bool)
        new_source[1:] = src[1:] != src[:-1]
        first = np.maximum.accumulate(np.where(new_source, position, 0))
    low = np.maximum(first, position - window)
    k, s_m, s_m2, s_ssw, s_df, s_inv = (sums[position] - sums[low]).T
    with np.errstate(invalid="ignore", divide="ignore"):
        mu = s_m / k
        s2m = np.maximum(s_m2 - k * mu * mu, 0) / (k - 1)
        s2w = s_ssw / s_df
        h = s_inv / k
        variance = np.maximum(s2m * (1 + 1 / k) + s2w * (1 / n - h), s2w / n)
        statistic = (m - mu) / np.sqrt(variance)
        p = 2 * stdtr(k - 1, -np.abs(statistic))
    tested = k >= max(min_history, 2)
    out = {name: np.full(n_groups, np.nan) for name in ("baseline", "statistic", "p_value")}
    history = np.zeros(n_groups, dtype=np.int64)
    index = eligible[tested]
    out["baseline"][index] = mu[tested]
    out["statistic"][index] = statistic[tested]
    out["p_value"][index] = p[tested]
    history[index] = k[tested].astype(np.int64)
    return ShiftTest(out["baseline"], history, out["statistic"], out["p_value"])


# --- export ---------------------------------------------------------------------------------

_EXPORT_META = ("article_id", "id", "path", "source", "published", "title", "url", "content_hash")


def export_rows(
    store: HistoryStore, model: str | None = None, source: str | None = None
) -> tuple[list[str], Iterator[dict[str, Any]]]:
    """Score names and one dict per stored (article, model) pair, in article order."""
    labels = store.models() if model is None else [resolve_model(store, model)]
    names = list(dict.fromkeys(name for label in labels for name in store.score_names(label)))
    source = _resolve_source(store, source)

    def rows() -> Iterator[dict[str, Any]]:
        for row in store.export(model, source):
            info = row.article
            yield {
                "article_id": info.article_id,
                "id": info.ref,
                "path": info.path,
                "source": info.source,
                "published": info.published,
                "title": info.title,
                "url": info.url,
                "content_hash": row.content_hash,
                "model": row.model,
                "scores": row.scores,
            }

    return names, rows()


def write_export(rows: Iterator[dict[str, Any]], names: list[str], fmt: str, path: str) -> int:
    """Write rows as CSV or Parquet (``score.NAME`` columns) or JSONL (a ``scores`` object,
    as in scored records) to ``path`` (``-``: standard output, but for Parquet, which is
    binary). Returns the number of rows."""
    if fmt == "parquet":
        if to_stdout(path):
            raise ScorerError("Parquet is binary, not for standard output: give -o FILE")
        return _write_parquet(rows, names, path)
    count = 0
    with open_text(path) as out:
        if fmt == "jsonl":
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
            return count
        import csv

        writer = csv.DictWriter(out, fieldnames=_flat_columns(names))
        writer.writeheader()
        for row in rows:
            writer.writerow(_flat(row))
            count += 1
    return count


def _flat_columns(names: list[str]) -> list[str]:
    return [*_EXPORT_META, "model", *(f"score.{name}" for name in names)]


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    flat = {key: value for key, value in row.items() if key != "scores"}
    flat.update({f"score.{name}": value for name, value in row["scores"].items()})
    return flat


def _write_parquet(rows: Iterator[dict[str, Any]], names: list[str], path: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ScorerError(
            "Parquet export needs pyarrow: pip install 'scorer[parquet]' (or use csv or jsonl)"
        ) from None

    def arrow_type(column: str) -> Any:
        if column == "article_id":
            return pa.int64()
        return pa.float64() if column.startswith("score.") else pa.string()

    schema = pa.schema([(column, arrow_type(column)) for column in _flat_columns(names)])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(_flat(row))
            if len(batch) == 50_000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        count += len(batch)
    return count


# --- command line ---------------------------------------------------------------------------


def _open_store(db: str, *, create: bool = False) -> HistoryStore:
    from scorer.store import SQLiteStore

    return SQLiteStore(db, create=create)


def _user_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Print a ScorerError as one line and exit 2, as ``scorer score`` does."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except ScorerError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_USAGE)

    return run


def _db_option(command: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False),
        envvar=DB_ENV,
        default=DEFAULT_DB,
        show_default=True,
        show_envvar=True,
        help="The history database (one SQLite file).",
    )(command)


def _query_options(command: Callable[..., None]) -> Callable[..., None]:
    """Options shared by trend and changes."""
    for option in reversed(
        (
            click.option("--source", help="Only this source (default: every source)."),
            click.option("--score", default="quality", show_default=True, help="Which score."),
            click.option(
                "--by", type=click.Choice(PERIODS), default="month", show_default=True,
                help="Period length.",
            ),
            click.option("--model-label", help="Scores of this model (default: the newest)."),
            click.option(
                "--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table",
                show_default=True,
            ),
        )
    ):  # fmt: skip
        command = option(command)
    return _db_option(command)


def _valid_date(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from scorer.readers import normalize_date

    iso = normalize_date(value)
    if iso is None:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)")
    return iso


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def track_group() -> None:
    """Store scores per source and date; follow trends; flag changes.

    \b
    Examples:
      scorer track add week-12/ --db history.sqlite
      scorer track trend --source Reuters --by month --db history.sqlite
      scorer track changes --score propaganda --db history.sqlite
      scorer track report -o trends.html --db history.sqlite
    """


@track_group.command("add")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_db_option
@click.option("--source", help="Source of articles whose metadata names none.")
@click.option(
    "--date", "published", callback=_valid_date, help="Published date of undated articles."
)
@model_option
@click.option(
    "--chunk-size", type=click.IntRange(1), default=CHUNK_SIZE, show_default=True,
    help="Articles per transaction.",
)  # fmt: skip
@progress_option
@_user_errors
def add_command(
    paths: tuple[str, ...],
    db: str,
    source: str | None,
    published: str | None,
    model_path: str | None,
    chunk_size: int,
    progress: bool | None,
) -> None:
    """Score articles and store them in the history.

    PATH is what `scorer score` reads. The source comes from the article's metadata (a
    record's source field, front matter, the HTML site name, the url's host), else
    --source; the date from its metadata, else --date. An article with neither is stored
    undated with a warning. An article already stored is not stored again. A bad input
    prints a one-line error; the others are still stored, and the exit status is 1.
    """
    from scorer.model import default_model, load_model
    from scorer.progress import advancing, progress_bar
    from scorer.readers import read_inputs

    model = load_model(model_path) if model_path else default_model()
    store = _open_store(db, create=True)
    show = sys.stderr.isatty() if progress is None else progress

    def report(kind: str, message: str) -> None:
        click.echo(f"{kind}: {message}", err=True)

    try:
        with progress_bar(show) as bar:
            items: Iterable[Article | ReadError] = advancing(read_inputs(paths), bar)
            summary = add_articles(
                store, items, model, report,
                source=source, published=published, chunk_size=chunk_size,
            )  # fmt: skip
    finally:
        store.close()
    undated = f", {summary.undated} undated" if summary.undated else ""
    if summary.implausible:
        undated += f", {summary.implausible} with implausible dates"
    click.echo(
        f"{db}: {summary.stored} stored, {summary.already} already there{undated}, "
        f"{summary.failed} failed",
        err=True,
    )
    if summary.failed:
        sys.exit(EXIT_INPUT_FAILED)


@track_group.command("sources")
@_db_option
@click.option("--model-label", help="Mean scores of this model (default: the newest).")
@click.option(
    "--score",
    "scores",
    multiple=True,
    help="Show the mean of this score; repeatable (default: every score; in a table, "
    "quality and propaganda).",
)
@click.option(
    "--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True
)
@_user_errors
def sources_command(db: str, model_label: str | None, scores: tuple[str, ...], fmt: str) -> None:
    """List sources: articles, undated ones, date range and mean scores."""
    store = _open_store(db)
    try:
        result = sources_summary(store, model_label)
        for score in scores:
            _check_score(store, result["model"], score)
    finally:
        store.close()
    shown = scores or (TABLE_SCORES if fmt == "table" else ())
    for row in result["sources"]:
        row["mean"] = {k: v for k, v in row["mean"].items() if not shown or k in shown}
    prefix = "" if fmt == "table" else "mean."
    rows = [
        {
            **{k: v for k, v in row.items() if k != "mean"},
            **{f"{prefix}{k}": v for k, v in row["mean"].items()},
        }
        for row in result["sources"]
    ]
    _print(result, rows, fmt, f"sources, with mean scores by {result['model']}")


@track_group.command("trend")
@_query_options
@_user_errors
def trend_command(
    db: str, source: str | None, score: str, by: str, model_label: str | None, fmt: str
) -> None:
    """Mean, median and 95% interval of a score per source and period.

    The interval is the Student t interval of the period's mean, within 0-100 (none below
    3 articles; dates before 1990 or in the future are left out). Periods without articles
    are left out, and so are undated articles.
    """
    store = _open_store(db)
    try:
        result = trend(store, score=score, by=by, source=source, model=model_label)
    finally:
        store.close()
    rows = result["periods"]
    if fmt == "table":  # narrow enough for a terminal: the period names its dates
        rows = [
            {
                "source": row["source"],
                "period": row["period"],
                "n": row["count"],
                "mean": row["mean"],
                "median": row["median"],
                "95% interval": ""
                if row["ci_low"] is None
                else f"{row['ci_low']:.1f} - {row['ci_high']:.1f}",
            }
            for row in rows
        ]
    _print(result, rows, fmt, f"{score} by {by} ({result['model']})")


@track_group.command("changes")
@_query_options
@click.option(
    "--alpha", type=click.FloatRange(0, 1, min_open=True), default=ALPHA, show_default=True,
    help="False-alarm rate per tested period.",
)  # fmt: skip
@click.option(
    "--min-articles", type=click.IntRange(2), default=MIN_ARTICLES, show_default=True,
    help="Articles a period needs to be tested or to count as history.",
)  # fmt: skip
@_user_errors
def changes_command(
    db: str,
    source: str | None,
    score: str,
    by: str,
    model_label: str | None,
    fmt: str,
    alpha: float,
    min_articles: int,
) -> None:
    """Flag periods where a source's score moved, and the articles that moved it.

    A period is flagged when its mean falls outside what the source's preceding periods
    predict (a t prediction test; --alpha is the false-alarm rate per tested period).
    A period is tested once its source has 6 earlier periods of --min-articles or more
    articles; when none is, the output says why. Each flagged period names the articles
    that contributed most to the move.
    """
    store = _open_store(db)
    try:
        result = changes(
            store, score=score, by=by, source=source, model=model_label, alpha=alpha,
            min_articles=min_articles,
        )  # fmt: skip
    finally:
        store.close()
    if result["untested"]:
        if fmt == "table":
            click.echo(f"{score} changes by {by}: {result['untested']}")
            return
        if fmt == "csv":
            click.echo(f"note: {result['untested']}", err=True)
    drivers = [
        "; ".join(f"{d['title'] or d['id']} ({d['contribution']:+g})" for d in change["drivers"])
        for change in result["changes"]
    ]
    if fmt == "table":
        rows = [
            {
                "source": change["source"],
                "period": change["period"],
                "n": change["count"],
                "mean": change["mean"],
                "before": change["baseline_mean"],
                "p": change["p_value"],
                "drivers": text,
            }
            for change, text in zip(result["changes"], drivers, strict=True)
        ]
    else:
        rows = [
            {**{k: v for k, v in change.items() if k != "drivers"}, "drivers": text}
            for change, text in zip(result["changes"], drivers, strict=True)
        ]
    title = f"{score} changes by {by}: {len(rows)} of {result['tested']} periods flagged"
    _print(result, rows, fmt, title)


@track_group.command("export")
@_db_option
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True,
    help="parquet needs the optional extra: pip install 'scorer[parquet]'.",
)  # fmt: skip
@click.option(
    "-o", "--output", default=STDOUT, type=click.Path(dir_okay=False, allow_dash=True),
    help="The file to write (default: standard output; Parquet needs a file).",
)  # fmt: skip
@click.option("--source", help="Only this source.")
@click.option("--model-label", help="Only scores of this model (default: every model).")
@_user_errors
def export_command(
    db: str, fmt: str, output: str, source: str | None, model_label: str | None
) -> None:
    """Export stored scores to CSV, JSONL or Parquet.

    One row per stored article and model, with the article's metadata, for analysis, e.g.
    pandas.read_csv, read_json(lines=True) or read_parquet.
    """
    store = _open_store(db)
    try:
        names, rows = export_rows(store, model_label, source)
        try:
            count = write_export(rows, names, fmt, output)
        except OSError as exc:
            raise ScorerError(f"{output}: cannot write ({exc.strerror})") from exc
    finally:
        store.close()
    click.echo(f"{output_name(output)}: {count} rows", err=True)


@track_group.command("report")
@click.option(
    "-o", "--output", default="trends.html", show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="The HTML file to write (- is standard output).",
)  # fmt: skip
@_db_option
@click.option(
    "--score", "scores", multiple=True,
    help="A score to chart; repeatable (default: quality and propaganda).",
)  # fmt: skip
@click.option(
    "--by", type=click.Choice(PERIODS), default="month", show_default=True,
    help="Period length.",
)  # fmt: skip
@click.option(
    "--last", type=click.IntRange(1),
    help="Rank sources over the last N periods (default: 13 weeks, 12 months or 3 years).",
)  # fmt: skip
@click.option(
    "--alpha", type=click.FloatRange(0, 1, min_open=True), default=ALPHA, show_default=True,
    help="False-alarm rate per tested period, for flagged changes.",
)  # fmt: skip
@click.option(
    "--min-articles", type=click.IntRange(1), default=MIN_RANKED, show_default=True,
    help="Articles a source needs in the leaderboard's periods to be ranked; sources with "
    "fewer (whose mean one article decides) are listed after the ranked ones, unranked.",
)  # fmt: skip
@click.option("--model-label", help="Scores of this model (default: the newest).")
@click.option("--title", default="Source trends", show_default=True, help="The page's title.")
@click.option(
    "--templates", type=click.Path(exists=True, file_okay=False),
    help="A folder of Jinja2 templates used before the shipped ones.",
)  # fmt: skip
@click.option(
    "--data", "data_path", type=click.Path(dir_okay=False),
    help="Also write the report data (everything the page shows) as JSON.",
)  # fmt: skip
@_user_errors
def report_command(
    output: str,
    db: str,
    scores: tuple[str, ...],
    by: str,
    last: int | None,
    alpha: float,
    min_articles: int,
    model_label: str | None,
    title: str,
    templates: str | None,
    data_path: str | None,
) -> None:
    """Write an HTML page of the history: trends, leaderboard, flagged changes.

    Per source of 10 or more dated articles, busiest first, a chart of each score over time
    on its own axes: the mean of each period with its 95% interval; the other sources in a
    table. A leaderboard ranks the sources with --min-articles or more articles in the last
    periods by their mean there. Dates before 1990 or in the future are left out, listed. Flagged
    changes (as `scorer track changes` finds them) list the articles that drove them,
    linked when their url is a web address. The page opens offline and loads nothing.

    \b
    Examples:
      scorer track report -o trends.html --db history.sqlite
      scorer track report --score propaganda --by year --db history.sqlite
    """
    from scorer.trends_report import build_trends, write_trends

    store = _open_store(db)
    try:
        data = build_trends(
            store, scores=scores, by=by, model=model_label, last=last, alpha=alpha,
            min_articles=min_articles, title=title,
        )  # fmt: skip
    finally:
        store.close()
    try:
        write_trends(data, output, templates=templates, data_path=data_path)
    except OSError as exc:
        raise ScorerError(f"{exc.filename or output}: cannot write ({exc.strerror})") from exc
    summary = data["summary"]
    sources = summary["sources"]
    click.echo(
        f"wrote {output_name(output)}: {sources} source{'s' if sources != 1 else ''}, "
        f"{summary['changes']} flagged change{'s' if summary['changes'] != 1 else ''}"
        + (f", data in {data_path}" if data_path else ""),
        err=to_stdout(output),  # standard output is the page
    )


def _print(result: dict[str, Any], rows: list[dict[str, Any]], fmt: str, title: str) -> None:
    """JSON: the whole result; CSV: the rows; table: the rows, for a terminal."""
    out: IO[str] = sys.stdout
    if fmt == "json":
        out.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        import csv

        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    elif not rows:
        out.write(f"{title}: none\n")
    else:
        from rich import box
        from rich.console import Console
        from rich.table import Table

        table = Table(
            title=title,
            box=box.SIMPLE_HEAD,
            padding=(0, 1),
            collapse_padding=True,
            pad_edge=False,
        )
        for column in rows[0]:  # headers and long text fold; numbers and dates stay whole
            widest = max(len(str(row[column])) for row in rows)
            table.add_column(column, overflow="fold", min_width=min(widest, 16))
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row.values()))
        Console(file=out).print(table)
