"""How well the readability score ranks graded reading levels of the same stories.

Data: graded JSONL, one text a line, ``{"id", "story", "level", "text"}``; ``level`` is an
integer, higher = harder (``scripts/convert_onestop.py`` makes OneStopEnglish: one story at
elementary 0, intermediate 1 and advanced 2; ``scripts/convert_clear.py`` makes CLEAR, one
excerpt per story, deciles of difficulty). Every text is scored by the whole pipeline
(``scorer.score_text``) with the shipped model or ``--model``.

Figures, for the readability score and for each readability feature alone (each oriented so
that higher = easier, by the direction its declaration says is worse):

- Spearman's rho between the value and the level over all texts, signed (negative is right:
  harder levels read lower) and its absolute value;
- the ordering share: of the stories with two or more levels, the share whose texts'
  values fall strictly as the level rises (every simplified version easier than the harder);
- the median score per level, to see where the levels land on the 0-100 scale (50 is the
  median reference news article, by the quantile calibration).

    python -m scorer.evaluation.readability GRADED.jsonl [--model FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from scorer.evaluation.scores import spearman
from scorer.features.readability import FEATURES, NAME

PREFIX = f"{NAME}."
# The shared data folder sits next to the repository: <clone>/../shared/data; converted
# OneStopEnglish (scripts/convert_onestop.py) is looked for there.
DEFAULT_PATH = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "onestop.jsonl"


@dataclass(frozen=True)
class GradedFigures:
    """One candidate's figures on a graded corpus."""

    name: str
    spearman: float  # signed; negative = harder levels read lower (right for higher = easier)
    abs_spearman: float
    ordering_share: float  # NaN when no story has two levels
    n_texts: int
    n_stories_ordered: int  # stories with two or more levels
    median_by_level: dict[int, float]


def read_graded(path: Path) -> list[dict[str, Any]]:
    """Graded records; each needs ``text``, ``story`` and an integer ``level``."""
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            missing = {"text", "story", "level"} - set(record)
            if missing:
                raise ValueError(f"{path}:{number}: missing {', '.join(sorted(missing))}")
            record["level"] = int(record["level"])
            records.append(record)
    return records


def ordering_share(
    stories: Sequence[str], levels: Sequence[int], values: Sequence[float]
) -> tuple[float, int]:
    """Share of stories (with two or more distinct levels) in which every text reads strictly
    easier (a higher value) than every text of a harder level, and how many such stories
    there are. A tie counts as wrong."""
    by_story: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for story, level, value in zip(stories, levels, values, strict=True):
        by_story[story].append((level, value))
    ordered = total = 0
    for texts in by_story.values():
        if len({level for level, _ in texts}) < 2:
            continue
        total += 1
        ordered += all(va > vb for la, va in texts for lb, vb in texts if la < lb)
    return (ordered / total if total else float("nan")), total


def figures(
    name: str, stories: Sequence[str], levels: Sequence[int], values: Sequence[float]
) -> GradedFigures:
    """A candidate's figures: values are oriented higher = easier."""
    rho = spearman(np.asarray(levels, dtype=float), np.asarray(values, dtype=float))
    share, n_stories = ordering_share(stories, levels, values)
    by_level: dict[int, list[float]] = defaultdict(list)
    for level, value in zip(levels, values, strict=True):
        by_level[level].append(value)
    medians = {level: float(np.median(v)) for level, v in sorted(by_level.items())}
    return GradedFigures(name, rho, abs(rho), share, len(values), n_stories, medians)


def oriented_features(features: Mapping[str, float]) -> dict[str, float]:
    """Each readability feature, negated where higher means harder (so higher = easier)."""
    return {
        spec.name: (-1.0 if spec.worse == "higher" else 1.0) * float(features[PREFIX + spec.name])
        for spec in FEATURES
    }


def readability_features(text: str) -> dict[str, float]:
    """The readability family's features of one text, as the whole pipeline computes them."""
    from scorer.api import score_text

    features = score_text(text).features
    return {k: float(v) for k, v in features.items() if k.startswith(PREFIX)}


def score_graded(records: Iterable[Mapping[str, Any]], model: Any = None) -> list[dict[str, float]]:
    """Per record, its readability score (NaN when null) and oriented readability features."""
    from scorer.api import score_text

    rows = []
    for record in records:
        scored = score_text(record["text"], model=model)
        score = scored.scores.get("readability")
        rows.append(
            {
                "score": math.nan if score is None else float(score),
                **oriented_features(scored.features),
            }
        )
    return rows


def evaluate(
    records: Sequence[Mapping[str, Any]], rows: Sequence[Mapping[str, float]]
) -> list[GradedFigures]:
    """The readability score's figures, then each feature's; texts with a null score are left
    out of every candidate, so all are measured on the same texts."""
    keep = [i for i, row in enumerate(rows) if not math.isnan(row["score"])]
    stories = [str(records[i]["story"]) for i in keep]
    levels = [int(records[i]["level"]) for i in keep]
    names = ["score", *(spec.name for spec in FEATURES)]
    return [
        figures(
            "readability score" if n == "score" else PREFIX + n,
            stories,
            levels,
            [rows[i][n] for i in keep],
        )
        for n in names
    ]


def render(results: Sequence[GradedFigures], n_records: int) -> str:
    levels = sorted({level for r in results for level in r.median_by_level})
    lines = [
        f"{n_records} texts, {results[0].n_texts} scored, {results[0].n_stories_ordered} stories "
        "with two or more levels (level: higher = harder; values: higher = easier)",
        f"{'candidate':<36} {'rho':>7} {'|rho|':>6} {'ordered':>8}  median by level "
        + " ".join(str(level) for level in levels),
    ]
    for r in results:
        medians = " ".join(f"{r.median_by_level.get(level, math.nan):.3g}" for level in levels)
        figures = f"{r.spearman:>7.3f} {r.abs_spearman:>6.3f} {r.ordering_share:>8.3f}"
        lines.append(f"{r.name:<36} {figures}  {medians}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scorer.evaluation.readability", description=__doc__.splitlines()[0]
    )
    parser.add_argument("path", type=Path, help="graded JSONL: id, story, level, text")
    parser.add_argument("--model", type=Path, help="model JSON (default: the shipped model)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    records = read_graded(args.path)
    if not records:
        print(f"error: {args.path}: no graded records", file=sys.stderr)
        return 1
    model = None
    if args.model is not None:
        from scorer.model import load_model

        model = load_model(args.model)
    results = evaluate(records, score_graded(records, model))
    if args.json:
        print(json.dumps([asdict(r) for r in results], indent=1))
    else:
        print(render(results, len(records)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
