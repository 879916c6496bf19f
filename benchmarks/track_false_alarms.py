"""False-alarm rate and power of `scorer track changes`, by simulation (not a test).

    python benchmarks/track_false_alarms.py [--sources 500] [--months 120] [--alpha 0.001]

Stationary histories: each source publishes Poisson(rate) articles a month for ``--months``
months; a month's true mean wanders around the source's level by ``tau`` points (news
cycles), and its articles scatter around it by 15 points, as normal scores clipped to 0-100
or as skewed 100 * Beta(2, 5) scores. Nothing changes, so every flag is a false alarm.
The articles go through the same grouping and test as the command (no database).

Power: the same, with a lasting step of ``delta`` points from month 60; a step counts as
found when one of months 60-62 is flagged.
"""

from __future__ import annotations

import argparse

import numpy as np
from numpy.typing import NDArray

from scorer.store import Series
from scorer.track import MIN_ARTICLES, MIN_HISTORY, WINDOW, _Groups, shift_test

SIGMA = 15.0
STEP_AT = 60


def simulate(
    rng: np.random.Generator,
    sources: int,
    months: int,
    rate: float,
    tau: float,
    shape: str,
    step: float = 0.0,
) -> Series:
    """Article scores of stationary sources (plus an optional step), as a store returns
    them: sorted by source, then day."""
    counts = rng.poisson(rate, (sources, months))
    level = rng.uniform(30, 70, sources)[:, None] + rng.normal(0, tau, (sources, months))
    level[:, STEP_AT:] += step
    month_level = np.repeat(level.ravel(), counts.ravel())
    if shape == "normal":
        values = month_level + rng.normal(0, SIGMA, month_level.size)
    else:  # skewed: Beta(2, 5) has sd 16 on 0-100; shifted to the month's level
        values = month_level + 100 * (rng.beta(2, 5, month_level.size) - 2 / 7)
    month_start: NDArray[np.int64] = (
        (np.datetime64("2014-01") + np.arange(months)).astype("datetime64[D]").astype(np.int64)
    )
    source_id = np.repeat(np.repeat(np.arange(sources), months), counts.ravel())
    day = np.repeat(np.tile(month_start, sources), counts.ravel())
    names = {i: f"s{i}" for i in range(sources)}
    return Series(names, source_id, day, np.clip(values, 0, 100))


def flags(series: Series, alpha: float) -> tuple[NDArray[np.bool_], NDArray[np.bool_], _Groups]:
    groups = _Groups.of(series, "month")
    test = shift_test(
        groups.source_id, groups.count, groups.mean, groups.var,
        window=WINDOW, min_history=MIN_HISTORY, min_articles=MIN_ARTICLES,
    )  # fmt: skip
    return test.history > 0, test.p_value < alpha, groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--alpha", type=float, default=0.001)
    args = parser.parse_args()
    rng = np.random.default_rng(2024)

    print(f"false alarms at alpha={args.alpha}: {args.sources} stable sources x {args.months}"
          " months")  # fmt: skip
    print(f"  {'articles/month':>14} {'tau':>4} {'scores':>7} {'per period':>11} "
          f"{'sources with any':>17}")  # fmt: skip
    for rate in (8, 40, 200):
        for tau in (0.0, 2.0, 5.0):
            for shape in ("normal", "skewed"):
                series = simulate(rng, args.sources, args.months, rate, tau, shape)
                tested, flagged, groups = flags(series, args.alpha)
                per_source = np.zeros(args.sources, dtype=bool)
                per_source[groups.source_id[flagged]] = True
                rate_per_period = flagged.sum() / tested.sum()
                print(f"  {rate:>14} {tau:>4g} {shape:>7} {rate_per_period:>11.5f} "
                      f"{per_source.mean():>17.3f}")  # fmt: skip

    print(f"power: a lasting step at month {STEP_AT}, found in months {STEP_AT}-{STEP_AT + 2}")
    for rate in (8, 40, 200):
        for delta in (5.0, 10.0, 15.0):
            series = simulate(rng, args.sources, args.months, rate, 2.0, "normal", delta)
            _, flagged, groups = flags(series, args.alpha)
            month = groups.period - groups.period.min()
            hit = flagged & (month >= STEP_AT) & (month <= STEP_AT + 2)
            found = np.zeros(args.sources, dtype=bool)
            found[groups.source_id[hit]] = True
            print(f"  {rate:>4} articles/month, tau 2, step {delta:>4g}: {found.mean():.3f}")


if __name__ == "__main__":
    main()
