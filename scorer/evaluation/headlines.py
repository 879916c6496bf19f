"""How well the headline family's hand-set ``clickbait_score`` ranks clickbait above news.

Data: the Stop Clickbait dataset (Chakraborty et al., ASONAM 2016) as JSONL, one headline a
line: ``{"title", "clickbait": true/false}``. Each headline is scored on its own, as the
title of an article with no text (``Document.parse("", title=headline)``); the measure is the
ROC AUC of ``clickbait_score`` against the label.

Scores are given on records with even index (where the rules and word lists were designed),
on records with odd index (never looked at while designing) and on all records. A last row
scores the lower-cased headlines: it removes the start-case cue (a house style of the
publishers in this corpus) and shows what the wording alone achieves.

    python -m scorer.evaluation.headlines [PATH]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from scorer.document import Document
from scorer.evaluation.scores import auc as roc_auc
from scorer.features import headline

# The shared data folder sits next to the repository: <clone>/../shared/data.
DEFAULT_PATH = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "clickbait_train.jsonl"
)


@dataclass(frozen=True)
class HeadlineScores:
    """ROC AUC of the clickbait score over ``n`` headlines, ``n_clickbait`` of them clickbait."""

    auc: float
    n: int
    n_clickbait: int


def read_headlines(path: Path) -> Iterator[tuple[str, bool]]:
    """``(headline, is clickbait)`` pairs, in file order."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                yield record["title"], bool(record["clickbait"])


def clickbait_score(title: str) -> float:
    """The headline family's clickbait score for a headline on its own."""
    return headline.extract(Document.parse("", title=title)).values["clickbait_score"]


def auc(labels: Sequence[bool], scores: Sequence[float]) -> HeadlineScores:
    """ROC AUC of ``scores`` against ``labels`` (needs both classes present)."""
    return HeadlineScores(roc_auc(labels, scores), len(labels), sum(labels))


def evaluate_headlines(path: Path = DEFAULT_PATH) -> dict[str, HeadlineScores]:
    """AUC on the design half (even records), the held-out half (odd), all, and lower-cased."""
    pairs = list(read_headlines(path))
    labels = [label for _, label in pairs]
    scores = [clickbait_score(title) for title, _ in pairs]
    lowered = [clickbait_score(title.lower()) for title, _ in pairs]
    return {
        "designed on (even records)": auc(labels[0::2], scores[0::2]),
        "held out (odd records)": auc(labels[1::2], scores[1::2]),
        "all": auc(labels, scores),
        "all, lower-cased": auc(labels, lowered),
    }


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_PATH
    print(f"headline clickbait_score, ROC AUC, {path.name}")
    for name, s in evaluate_headlines(path).items():
        print(f"{name:28s} AUC={s.auc:.4f} headlines={s.n} clickbait={s.n_clickbait}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
