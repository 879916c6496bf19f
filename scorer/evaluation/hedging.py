"""How well the hedging family's uncertainty-cue detector finds gold uncertainty cues.

Data: the WikiWeasel part of the Szeged Uncertainty Corpus (Vincze 2014; Farkas et al. 2010,
CoNLL-2010), as JSONL: one document a line, ``{"id", "sentences": [{"text", "cues":
[[start, end, type], ...]}]}``. A sentence is gold-positive when it has at least one cue and
predicted-positive when :func:`scorer.features.hedging.uncertainty_cues` finds at least one
hedge or conditional in a Document built from the sentence's text alone: the CoNLL-2010
sentence-level task.

Scores are given on documents with even index (where the lexicons and rules were tuned), on
documents with odd index (held out from tuning) and on all documents.

    python -m scorer.evaluation.hedging [PATH]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from scorer.document import Document
from scorer.features.hedging import uncertainty_cues

# The shared data folder sits next to the repository: <clone>/../shared/data.
DEFAULT_PATH = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "wikiweasel.jsonl"


@dataclass(frozen=True)
class CueScores:
    """Sentence-level precision, recall and F1 of a cue detector."""

    precision: float
    recall: float
    f1: float
    n_sentences: int
    n_positive: int


def read_documents(path: Path) -> Iterator[list[tuple[str, bool]]]:
    """Each document as ``(sentence text, has a gold cue)`` pairs, in file order."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                yield [(s["text"], bool(s["cues"])) for s in record["sentences"]]


def predicts_cue(sentence: str) -> bool:
    """Whether the hedging family finds an uncertainty cue in this sentence on its own."""
    return bool(uncertainty_cues(Document.parse(sentence)))


def score(pairs: Iterable[tuple[bool, bool]]) -> CueScores:
    """Scores from ``(gold, predicted)`` pairs, one per sentence."""
    tp = fp = fn = n = positive = 0
    for gold, predicted in pairs:
        n += 1
        positive += gold
        tp += gold and predicted
        fp += predicted and not gold
        fn += gold and not predicted
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return CueScores(precision, recall, f1, n, positive)


def evaluate_hedge_cues(path: Path = DEFAULT_PATH) -> dict[str, CueScores]:
    """Scores on the tuning half (even documents), the held-out half (odd) and all."""
    halves: dict[str, list[tuple[bool, bool]]] = {"even": [], "odd": []}
    for index, document in enumerate(read_documents(path)):
        half = halves["even" if index % 2 == 0 else "odd"]
        half.extend((gold, predicts_cue(text)) for text, gold in document)
    return {
        "tuned (even documents)": score(halves["even"]),
        "held out (odd documents)": score(halves["odd"]),
        "all": score(halves["even"] + halves["odd"]),
    }


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_PATH
    print(f"hedging uncertainty cues, sentence level, {path.name}")
    for name, s in evaluate_hedge_cues(path).items():
        print(
            f"{name:26s} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
            f"sentences={s.n_sentences} positive={s.n_positive}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
