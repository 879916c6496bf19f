"""False-alarm rate and power of `scorer track changes`, by simulation (not a test).

    python benchmarks/track_false_alarms.py [--sources 500] [--months 120] [--alpha 0.005]

Stationary histories: each source publishes Poisson(rate) articles a month for ``--months``
months; a month's true mean wanders around the source's level by ``tau`` points (news
cycles), and its articles scatter around it by 15 points, as normal scores clipped to 0-100
or as skewed 100 * Beta(2, 5) scores. Nothing changes, so every flag is a false alarm.
The articles go through the same grouping and test as the command (no database).

Power: the same, with a lasting step of ``delta`` points from month 60; a step counts as
found when one of months 60-62 is flagged.

Detection of a 28 -> 83 step (issue 12: a source's propaganda mean jumping from about 28 to
83): ``--sources`` histories of 6, 12 or 24 months of 6 articles at 28 +- 15 (clipped to
0-100), then one month of 6 at 83; found when that month is flagged.
"""

from __future__ import annotations

import argparse

import numpy as np
from numpy.typing import NDArray

from scorer.store import Series
from scorer.track import ALPHA, MIN_ARTICLES, MIN_HISTORY, WINDOW, _Groups, shift_test

SIGMA = 15.0
STEP_AT = 60
JUMP = (28.0, 83.0)
JUMP_RATE = 6
JUMP_HISTORY = (6, 12, 24)


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


def jump(rng: np.random.Generator, sources: int, history: int) -> Series:
    """Sources of ``history`` months of JUMP_RATE articles at JUMP[0], then one month at
    JUMP[1]; scores normal, sd SIGMA, clipped to 0-100."""
    months = history + 1
    level = np.full((sources, months), JUMP[0])
    level[:, -1] = JUMP[1]
    values = np.repeat(level.ravel(), JUMP_RATE)
    values = np.clip(values + rng.normal(0, SIGMA, values.size), 0, 100)
    month_start: NDArray[np.int64] = (
        (np.datetime64("2014-01") + np.arange(months)).astype("datetime64[D]").astype(np.int64)
    )
    source_id = np.repeat(np.arange(sources), months * JUMP_RATE)
    day = np.repeat(np.tile(month_start, sources), JUMP_RATE)
    return Series({i: f"s{i}" for i in range(sources)}, source_id, day, values)


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
    parser.add_argument("--alpha", type=float, default=ALPHA)
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

    print(f"detection of a {JUMP[0]:g} -> {JUMP[1]:g} step, {JUMP_RATE} articles/month, sd "
          f"{SIGMA:g}: the step's month flagged")  # fmt: skip
    for history in JUMP_HISTORY:
        _, flagged, groups = flags(jump(rng, args.sources, history), args.alpha)
        stepped = groups.period - groups.period.min() == history
        print(f"  {history:>4} months of history: {flagged[stepped].mean():.3f}")


if __name__ == "__main__":
    main()
