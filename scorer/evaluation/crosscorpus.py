"""Cross-corpus check: do the scores separate partisan from center outlets on AllSides articles?

Grouped cross-validation on the visible training data has been optimistic next to the
maintainers' unseen corpora, so methods are also compared here, on a corpus the model never
saw: articles labelled by AllSides with their outlet's political bias (left, center, right;
Baly et al. 2020, converted by ``scripts/convert_allsides.py``). The labels are per outlet,
not per article, so every figure is also given per outlet, and the article-level intervals
resample outlets, not articles.

Printed, for the propaganda and quality scores:

- ROC AUC, partisan (left or right) vs center articles, with a 95% outlet-bootstrap interval;
  also left vs center and right vs center (propaganda high = partisan; quality high = center);
- the same over outlets, each outlet's mean score (outlets of ``MIN_OUTLET_ARTICLES``
  articles or more, all of one label);
- the median and interquartile range on center articles: the scores are calibrated as
  percentiles of the propaganda-heavy training corpora, so typical mainstream news need not
  land near 50, and this shows where it does;
- Spearman over outlets between mean quality and mean propaganda (do the scores agree);
- with ``--outlets N``, the N outlets of highest and of lowest mean propaganda.

    python -m scorer.evaluation.crosscorpus /work/data-extra/allsides.jsonl \
        [--model M.json] [--jobs 2]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from scorer.errors import ScorerError
from scorer.evaluation.scores import auc, spearman
from scorer.record import ScoreRecord

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

PARTISAN = frozenset({"left", "right"})
BIASES = ("left", "center", "right")
SCORES = ("propaganda", "quality")
# Fewer articles than this make an outlet's mean mostly noise.
MIN_OUTLET_ARTICLES = 5
RESAMPLES = 500
SEED = 0


def stratified_sample(
    items: Sequence[T], key: Callable[[T], K], per_group: int, total: int, seed: int = SEED
) -> list[T]:
    """At most ``per_group`` items of each group and at most ``total`` in all, chosen at random
    with a fixed seed: the cap per group is lowered until the total fits, so small groups keep
    all their items and large ones are cut evenly. Output keeps the input order."""
    if per_group < 1 or total < 1:
        raise ValueError("per_group and total must be at least 1")
    groups: dict[K, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        groups[key(item)].append(i)
    sizes = [len(g) for g in groups.values()]
    cap = per_group
    while cap > 1 and sum(min(n, cap) for n in sizes) > total:
        cap -= 1
    rng = random.Random(seed)
    chosen: list[int] = []
    for name in sorted(groups, key=str):
        members = groups[name]
        chosen.extend(members if len(members) <= cap else rng.sample(members, cap))
    if len(chosen) > total:  # more groups than ``total``: one item from a sample of groups
        chosen = rng.sample(chosen, total)
    return [items[i] for i in sorted(chosen)]


@dataclass(frozen=True)
class Scored:
    """One scored article: its outlet, the outlet's bias and the scores (None when unscored)."""

    outlet: str
    bias: str
    scores: dict[str, float | None]


@dataclass(frozen=True)
class Outlet:
    """An outlet's mean score over its articles, and its label when all share one."""

    name: str
    bias: str
    n: int
    mean: float


def outlet_means(rows: Iterable[Scored], score: str, min_articles: int) -> list[Outlet]:
    """Each outlet's mean ``score`` over its scored articles; outlets whose articles carry
    different labels (AllSides re-rated some) or with fewer than ``min_articles`` are left out."""
    values: dict[str, list[float]] = defaultdict(list)
    labels: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        value = row.scores.get(score)
        if value is not None:
            values[row.outlet].append(value)
            labels[row.outlet].add(row.bias)
    return [
        Outlet(name, next(iter(labels[name])), len(v), float(np.mean(v)))
        for name, v in sorted(values.items())
        if len(v) >= min_articles and len(labels[name]) == 1
    ]


def _auc(positive: Sequence[bool], values: Sequence[float]) -> float | None:
    value = auc(positive, values)
    return None if np.isnan(value) else value


def _pairs(
    rows: Sequence[Scored], score: str, keep: frozenset[str]
) -> list[tuple[str, bool, float]]:
    """(outlet, is partisan, score) of the scored rows whose bias is in ``keep``."""
    out = []
    for row in rows:
        value = row.scores.get(score)
        if value is not None and row.bias in keep:
            out.append((row.outlet, row.bias in PARTISAN, value))
    return out


def article_auc(
    rows: Sequence[Scored], score: str, keep: frozenset[str], resamples: int = RESAMPLES
) -> tuple[float | None, float | None, float | None, int]:
    """AUC of ``score`` for partisan vs center among articles labelled in ``keep``, with a 95%
    interval from resampling outlets (labels are per outlet, so articles are not independent)."""
    pairs = _pairs(rows, score, keep)
    value = _auc([p for _, p, _ in pairs], [v for _, _, v in pairs])
    if value is None:
        return None, None, None, len(pairs)
    by_outlet: dict[str, list[tuple[bool, float]]] = defaultdict(list)
    for outlet, partisan, v in pairs:
        by_outlet[outlet].append((partisan, v))
    names = sorted(by_outlet)
    # Hand-rolled, not scipy.stats.bootstrap: it resamples observations, so outlets would be
    # resampled as indices, and a single draw without both classes (likely when a class has
    # few outlets) makes its whole interval NaN; here such draws are skipped.
    rng = np.random.default_rng(SEED)
    draws = []
    for _ in range(resamples):
        sample = [x for i in rng.integers(0, len(names), len(names)) for x in by_outlet[names[i]]]
        drawn = _auc([p for p, _ in sample], [v for _, v in sample])
        if drawn is not None:
            draws.append(drawn)
    low, high = np.percentile(draws, [2.5, 97.5]) if draws else (None, None)
    return (
        value,
        None if low is None else float(low),
        None if high is None else float(high),
        len(pairs),
    )


def outlet_auc(outlets: Sequence[Outlet], keep: frozenset[str]) -> tuple[float | None, int]:
    """AUC of outlet means for partisan vs center outlets among those labelled in ``keep``."""
    kept = [o for o in outlets if o.bias in keep]
    return _auc([o.bias in PARTISAN for o in kept], [o.mean for o in kept]), len(kept)


def center_spread(rows: Iterable[Scored], score: str) -> tuple[float, float, float, int]:
    """Median, lower and upper quartile of ``score`` on center articles."""
    values = [v for r in rows if r.bias == "center" and (v := r.scores.get(score)) is not None]
    if not values:
        return float("nan"), float("nan"), float("nan"), 0
    q1, median, q3 = np.percentile(values, [25, 50, 75])
    return float(median), float(q1), float(q3), len(values)


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def report(rows: Sequence[Scored], resamples: int = RESAMPLES) -> str:
    """The compact table the command prints."""
    comparisons = {
        "partisan vs center": frozenset(BIASES),
        "left vs center": frozenset({"left", "center"}),
        "right vs center": frozenset({"right", "center"}),
    }
    lines = [
        f"{'score':<11}{'comparison':<20}{'article AUC':>12} {'95% (outlets)':<14}"
        f"{'n':>6}{'outlet AUC':>12}{'outlets':>8}"
    ]
    means = {score: outlet_means(rows, score, MIN_OUTLET_ARTICLES) for score in SCORES}
    for score in SCORES:
        for name, keep in comparisons.items():
            value, low, high, n = article_auc(rows, score, keep, resamples)
            if score == "quality":  # high quality should mean center
                value, low, high = (None if x is None else 1 - x for x in (value, high, low))
            o_value, o_n = outlet_auc(means[score], keep)
            if score == "quality" and o_value is not None:
                o_value = 1 - o_value
            interval = f"[{_fmt(low)}, {_fmt(high)}]"
            lines.append(
                f"{score:<11}{name:<20}{_fmt(value):>12} {interval:<14}{n:>6}"
                f"{_fmt(o_value):>12}{o_n:>8}"
            )
    lines.append("(quality AUCs: center scored higher than partisan)")
    lines.append("")
    lines.append("center articles: median [IQR]")
    for score in SCORES:
        median, q1, q3, n = center_spread(rows, score)
        lines.append(f"  {score:<11}{median:6.1f} [{q1:.1f}, {q3:.1f}]  n={n}")
    common = {o.name: o.mean for o in means["quality"]}
    both = [(common[o.name], o.mean) for o in means["propaganda"] if o.name in common]
    if len(both) >= 3:
        rho = spearman([q for q, _ in both], [p for _, p in both])
        lines.append(
            f"outlets: Spearman(mean quality, mean propaganda) = {rho:.3f} over {len(both)}"
        )
    unscored = sum(1 for r in rows if any(r.scores.get(s) is None for s in SCORES))
    lines.append(f"articles: {len(rows)}, unscored (too short): {unscored}")
    return "\n".join(lines)


def outlet_extremes(rows: Sequence[Scored], count: int) -> str:
    """The ``count`` outlets of highest and of lowest mean propaganda, with label and quality:
    shows which outlets drive the per-outlet AUC (and which labels the scores disagree with)."""
    quality = {o.name: o.mean for o in outlet_means(rows, "quality", MIN_OUTLET_ARTICLES)}
    ranked = sorted(
        outlet_means(rows, "propaganda", MIN_OUTLET_ARTICLES), key=lambda o: o.mean, reverse=True
    )
    shown = ranked if len(ranked) <= 2 * count else [*ranked[:count], *ranked[-count:]]
    lines = [f"{'outlet':<34}{'bias':<8}{'n':>4}{'propaganda':>12}{'quality':>9}"]
    for i, o in enumerate(shown):
        if i == count and len(shown) < len(ranked):
            lines.append("  ...")
        q = quality.get(o.name)
        lines.append(f"{o.name[:33]:<34}{o.bias:<8}{o.n:>4}{o.mean:>12.1f}{_fmt(q, 1):>9}")
    return "\n".join(lines)


def _scored_pair(record: ScoreRecord) -> dict[str, float | None]:
    """The two scores of a record (module level: it runs in worker processes)."""
    return {score: record.scores.get(score) for score in SCORES}


def score_corpus(path: str, model_path: str | None, jobs: int) -> list[Scored]:
    """Score the converted JSONL; each record's ``bias`` is read from the file itself."""
    import json

    from scorer.model import default_model, load_model
    from scorer.parallel import score_in_order
    from scorer.readers import ReadError, read_inputs

    try:
        with open(path, encoding="utf-8") as handle:
            meta = [json.loads(line) for line in handle if line.strip()]
    except OSError as exc:
        raise ScorerError(f"{path}: cannot read ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise ScorerError(f"{path}: not JSONL ({exc})") from None
    if not meta or any(m.get("bias") not in BIASES or not m.get("source") for m in meta):
        raise ScorerError(f"{path}: every record needs a source and a bias of {'/'.join(BIASES)}")
    model = load_model(model_path) if model_path else default_model()
    rows = []
    results = score_in_order(read_inputs([path]), _scored_pair, model, jobs)
    for m, result in zip(meta, results, strict=True):
        if isinstance(result, ReadError):
            raise ScorerError(str(result))
        rows.append(Scored(m["source"], m["bias"], result))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scorer.evaluation.crosscorpus",
        description="AUC of propaganda and quality for partisan vs center AllSides outlets.",
    )
    parser.add_argument("path", help="JSONL written by scripts/convert_allsides.py")
    parser.add_argument("--model", help="model JSON to evaluate (default: the shipped model)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--outlets",
        type=int,
        default=0,
        metavar="N",
        help="also list the N outlets of highest "
        f"and lowest mean propaganda (outlets of {MIN_OUTLET_ARTICLES}+ articles)",
    )
    args = parser.parse_args(argv)
    try:
        if args.jobs < 1:
            raise ScorerError("--jobs must be at least 1")
        rows = score_corpus(args.path, args.model, args.jobs)
    except ScorerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    label = args.model or "shipped model"
    print(f"{args.path}: {label}")
    print(report(rows))
    if args.outlets > 0:
        print()
        print(outlet_extremes(rows, args.outlets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
