"""Choose the readability composite on graded text: candidates, grouped CV, cross-corpus.

Reads feature files made by ``scripts/readability_features.py`` (the scorer's own readability
features of every text): OneStopEnglish (same stories at three levels), CLEAR (one excerpt per
story, levels = deciles of difficulty) and the reference news corpus the shipped model is
standardized and calibrated on (PTC and hyperpartisan training splits, as
``scorer.training``). Every candidate is a weighted sum of features standardized by the
reference corpus' mean and standard deviation, which is what the rubric expresses (weights per
reference SD), higher = easier. Fitted candidates are ridge regressions of -level on the
standardized features; on OneStopEnglish with 5-fold GroupKFold by story, then fitted on all
of one corpus and tested on the other. Figures: |Spearman| of value vs level over the
held-out texts (raw, and after the quantile calibration to the reference corpus, which ties
everything beyond its range at 0 or 100), and the share of stories whose levels are ranked
right.

    python scripts/fit_readability.py --onestop F --clear F --reference F [F ...]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import Ridge
from sklearn.model_selection import GroupKFold

from scorer.evaluation.readability import ordering_share
from scorer.evaluation.scores import spearman
from scorer.model import percentile_of

P = "readability."
CURRENT = {  # the rubric before this change (weights per reference SD)
    "flesch_reading_ease": 1.0,
    "flesch_kincaid_grade": -1.0,
    "ari": -1.0,
    "coleman_liau": -1.0,
    "dale_chall": -1.0,
    "smog": -0.5,
    "gunning_fog": -0.5,
}
SINGLE = {  # sign: +1 when higher = easier
    "flesch_reading_ease": 1,
    "flesch_kincaid_grade": -1,
    "words_per_sentence": -1,
    "syllables_per_word": -1,
    "dale_chall": -1,
    "long_word_share": -1,
    "mean_zipf": 1,
    "uncommon_word_share": -1,
    "long_sentence_share": -1,
    "long_sentence_word_share": -1,
    "coleman_liau": -1,
    "ari": -1,
}
FITTED = {
    "wps+spw": ["words_per_sentence", "syllables_per_word"],
    "wps+zipf": ["words_per_sentence", "mean_zipf"],
    "wps+spw+zipf": ["words_per_sentence", "syllables_per_word", "mean_zipf"],
    "wps+spw+zipf+dale": ["words_per_sentence", "syllables_per_word", "mean_zipf", "dale_chall"],
    "wps+long_word+zipf": ["words_per_sentence", "long_word_share", "mean_zipf"],
    "long_sent+uncommon": ["long_sentence_share", "uncommon_word_share"],
    "long_sent+uncommon+spw": ["long_sentence_share", "uncommon_word_share", "syllables_per_word"],
    "long_sent+uncommon+dale": ["long_sentence_share", "uncommon_word_share", "dale_chall"],
    "wps+long_sent+uncommon": ["words_per_sentence", "long_sentence_share", "uncommon_word_share"],
    "long_sent_words+uncommon": ["long_sentence_word_share", "uncommon_word_share"],
    "long_sent_words+uncommon+dale": [
        "long_sentence_word_share",
        "uncommon_word_share",
        "dale_chall",
    ],
    "wps+long_sent+uncommon+spw+zipf+dale": [
        "words_per_sentence",
        "long_sentence_share",
        "uncommon_word_share",
        "syllables_per_word",
        "mean_zipf",
        "dale_chall",
    ],
}
# The composite shipped in the rubric (see docs/model_card.md).
# Fitted on CLEAR, not OneStopEnglish: OneStopEnglish (news at three levels of the same
# story) is the kind of data the composite is judged on, so it stays out of fitting and is
# the out-of-corpus check. Chosen where CLEAR's own CV and the CLEAR -> OneStopEnglish figure
# agree (0.627 and 0.649); fitted on OneStopEnglish the best composite scores 0.69 in its
# story-grouped CV but 0.51-0.52 on CLEAR. It replaced "long_sent+uncommon+dale" (0.612 and
# 0.615): counting the words in long sentences rather than the sentences is better on all
# four figures, since short lines (captions, one-line quotes) no longer dilute the share.
CHOSEN = "long_sent_words+uncommon+dale"
ALPHA = 1.0


def load(paths: list[Path]) -> list[dict]:
    return [json.loads(line) for path in paths for line in path.open() if line.strip()]


def matrix(records: list[dict], names: list[str]) -> np.ndarray:
    return np.array([[r["features"][P + n] for n in names] for r in records], dtype=float)


class Reference:
    def __init__(self, records: list[dict]) -> None:
        self.records = records
        self.names = sorted({n[len(P) :] for n in records[0]["features"] if n.startswith(P)})
        x = matrix(records, self.names)
        self.mean = dict(zip(self.names, x.mean(axis=0), strict=True))
        self.sd = dict(zip(self.names, x.std(axis=0), strict=True))

    def z(self, records: list[dict], names: list[str]) -> np.ndarray:
        x = matrix(records, names)
        return (x - [self.mean[n] for n in names]) / [self.sd[n] for n in names]

    def calibrate(self, weights: dict[str, float], values: np.ndarray) -> np.ndarray:
        names = list(weights)
        ref = self.z(self.records, names) @ np.array([weights[n] for n in names])
        points = tuple(np.quantile(ref, np.linspace(0, 1, 101)))
        return np.array([percentile_of(points, float(v)) for v in values])


def composite(ref: Reference, records: list[dict], weights: dict[str, float]) -> np.ndarray:
    names = list(weights)
    return ref.z(records, names) @ np.array([weights[n] for n in names])


def fit(ref: Reference, records: list[dict], names: list[str]) -> dict[str, float]:
    levels = np.array([r["level"] for r in records], dtype=float)
    model = Ridge(alpha=ALPHA).fit(ref.z(records, names), -levels)
    return dict(zip(names, (float(w) for w in model.coef_), strict=True))


def measure(
    ref: Reference, records: list[dict], values: np.ndarray, weights: dict[str, float] | None
) -> dict:
    levels = [r["level"] for r in records]
    stories = [r["story"] for r in records]
    out = {"rho": abs(spearman(levels, values))}
    share, _ = ordering_share(stories, levels, list(values))
    out["ordered"] = share
    if weights is not None:
        cal = ref.calibrate(weights, values)
        out["rho_cal"] = abs(spearman(levels, cal))
        out["ordered_cal"] = ordering_share(stories, levels, list(cal))[0]
    return out


def grouped_cv(
    ref: Reference, records: list[dict], names: list[str], k: int = 5
) -> tuple[dict, list]:
    groups = [r["story"] for r in records]
    values = np.zeros(len(records))
    cal = np.zeros(len(records))
    coefs = []
    for train, test in GroupKFold(n_splits=k).split(records, groups=groups):
        weights = fit(ref, [records[i] for i in train], names)
        coefs.append(weights)
        test_records = [records[i] for i in test]
        values[test] = composite(ref, test_records, weights)
        cal[test] = ref.calibrate(weights, values[test])
    levels = [r["level"] for r in records]
    out = {
        "rho": abs(spearman(levels, values)),
        "ordered": ordering_share(groups, levels, list(values))[0],
    }
    out["rho_cal"] = abs(spearman(levels, cal))
    out["ordered_cal"] = ordering_share(groups, levels, list(cal))[0]
    return out, coefs


def fmt(m: dict) -> str:
    parts = [f"|rho| {m['rho']:.3f}"]
    if not np.isnan(m.get("ordered", np.nan)):
        parts.append(f"ordered {m['ordered']:.3f}")
    if "rho_cal" in m:
        parts.append(f"calibrated |rho| {m['rho_cal']:.3f}")
        if not np.isnan(m.get("ordered_cal", np.nan)):
            parts.append(f"ordered {m['ordered_cal']:.3f}")
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onestop", type=Path, required=True)
    parser.add_argument("--clear", type=Path)
    parser.add_argument("--reference", type=Path, nargs="+", required=True)
    args = parser.parse_args()
    ref = Reference(load(args.reference))
    ose = load([args.onestop])
    clear = load([args.clear]) if args.clear else []
    print(f"reference: {len(ref.records)} articles; OneStopEnglish {len(ose)}; CLEAR {len(clear)}")
    print("\n== fixed candidates (no fitting): OneStopEnglish | CLEAR")
    for name, weights in [
        ("current rubric", CURRENT),
        *((f"{n} alone", {n: float(s)}) for n, s in SINGLE.items()),
    ]:
        line = f"{name:<32} OSE: {fmt(measure(ref, ose, composite(ref, ose, weights), weights))}"
        if clear:
            line += f" | CLEAR: {fmt(measure(ref, clear, composite(ref, clear, weights), weights))}"
        print(line)
    print("\n== fitted (ridge, alpha 1, on reference-standardized features)")
    for name, names in FITTED.items():
        cv, coefs = grouped_cv(ref, ose, names)
        print(f"{name}\n  OSE 5-fold GroupKFold by story: {fmt(cv)}")
        spread = {n: (min(c[n] for c in coefs), max(c[n] for c in coefs)) for n in names}
        print(
            "  fold weights: "
            + ", ".join(f"{n} {a:+.3f}..{b:+.3f}" for n, (a, b) in spread.items())
        )
        if clear:
            clear_cv, _ = grouped_cv(ref, clear, names)
            print(f"  CLEAR 5-fold by excerpt: {fmt(clear_cv)}")
        w_ose = fit(ref, ose, names)
        print("  fit on all OSE: " + ", ".join(f"{n} {w:+.3f}" for n, w in w_ose.items()))
        if clear:
            print(
                f"  OSE -> CLEAR: {fmt(measure(ref, clear, composite(ref, clear, w_ose), w_ose))}"
            )
            w_clear = fit(ref, clear, names)
            print("  fit on CLEAR: " + ", ".join(f"{n} {w:+.3f}" for n, w in w_clear.items()))
            print(
                f"  CLEAR -> OSE: {fmt(measure(ref, ose, composite(ref, ose, w_clear), w_clear))}"
            )
    if not clear:
        return
    weights = fit(ref, clear, FITTED[CHOSEN])
    top = max(abs(w) for w in weights.values())
    rubric = {n: round(w / top, 2) for n, w in weights.items()}
    print(f"\n== chosen: {CHOSEN}, fitted on all of CLEAR, largest weight scaled to 1")
    print(
        "rubric weights per reference SD: " + ", ".join(f"{n} {w:+.2f}" for n, w in rubric.items())
    )
    print(
        "reference mean / SD: "
        + ", ".join(f"{n} {ref.mean[n]:.4g} / {ref.sd[n]:.4g}" for n in rubric)
    )
    for name, data in (("OneStopEnglish (held out)", ose), ("CLEAR (in-sample)", clear)):
        if data:
            raw = composite(ref, data, rubric)
            print(f"{name}: {fmt(measure(ref, data, raw, rubric))}")
    print(
        "median raw composite (reference news = "
        + f"{np.median(composite(ref, ref.records, rubric)):+.3f}"
        + "):"
    )
    for level in sorted({r["level"] for r in ose}):
        rows = [r for r in ose if r["level"] == level]
        raw = composite(ref, rows, rubric)
        cal = ref.calibrate(rubric, raw)
        print(
            f"  OSE level {level}: raw {np.median(raw):+.3f}, calibrated score {np.median(cal):.1f}"
        )
    cur = composite(ref, ose, CURRENT)
    for level in sorted({r["level"] for r in ose}):
        mask = np.array([r["level"] == level for r in ose])
        score = np.median(ref.calibrate(CURRENT, cur[mask]))
        print(f"  (current rubric) OSE level {level}: calibrated score {score:.1f}")


if __name__ == "__main__":
    main()
