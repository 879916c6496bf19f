"""The evaluation gate: grouped cross-validation figures must not fall below their floors.

The floors live in baseline.json beside this file (trafilatura's evaluation-gate pattern): a
change that makes the scores worse on held-out folds fails CI. Floors move up only on purpose,
by editing that file with the new measured figures in the same commit.
"""

import hashlib
import json
import os
from functools import cache
from pathlib import Path

import pytest

from scorer.model import SHIPPED
from scorer.training import (
    DATA_FILES,
    EXTRA_FILES,
    Corpus,
    cross_corpus,
    cross_validate,
    load_training_data,
)

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
# The broader corpora (scripts/convert_allsides.py --part train); where they are absent the
# gate refits without their text features, whose figures must still clear the floors.
EXTRA = Path(
    os.environ.get("SCORER_EXTRA_DATA", Path(__file__).resolve().parents[3] / "data-extra")
)
HAS_EXTRA = all((EXTRA / f).exists() for f in EXTRA_FILES.values())
BASELINE = json.loads(Path(__file__).with_name("baseline.json").read_text(encoding="utf-8"))
MODEL = json.loads(
    Path(__file__).resolve().parents[2].joinpath("scorer", SHIPPED).read_text(encoding="utf-8")
)
needs_data = pytest.mark.skipif(
    not all((DATA / f).exists() for f in DATA_FILES.values()),
    reason="labelled data (../shared/data) not available",
)


def test_floors_sit_below_the_measured_figures() -> None:
    for name, floor in BASELINE["floors"].items():
        assert floor <= BASELINE["measured"][name], name


def test_shipped_model_records_its_held_out_figures() -> None:
    assert MODEL["evaluation"] == BASELINE["measured"]


@needs_data
def test_shipped_model_was_trained_on_the_data_here() -> None:
    hashes = {d["file"]: d["sha256"] for d in MODEL["training_data"]}
    for file in DATA_FILES.values():
        assert hashes[file] == hashlib.sha256((DATA / file).read_bytes()).hexdigest(), file
    for file in EXTRA_FILES.values() if HAS_EXTRA else ():
        assert hashes[file] == hashlib.sha256((EXTRA / file).read_bytes()).hexdigest(), file


@cache
def corpora() -> dict[str, Corpus]:
    return load_training_data(DATA, EXTRA if HAS_EXTRA else None)


def below(figures: dict[str, float], floors: dict[str, float]) -> dict[str, tuple[float, float]]:
    return {n: (figures[n], f) for n, f in floors.items() if figures[n] < f}


@needs_data
def test_cross_validated_figures_stay_above_their_floors() -> None:
    low = below(cross_validate(corpora()), BASELINE["floors"])
    assert not low, f"below the floor (measured, floor): {low}"


def test_cross_corpus_floors_sit_below_the_measured_figures() -> None:
    for name, floor in BASELINE["cross_corpus_floors"].items():
        assert floor <= BASELINE["cross_corpus_measured"][name], name


@needs_data
def test_cross_corpus_figures_stay_above_their_floors() -> None:
    """Fitted on one news corpus, tested on the other: the check that has agreed best with
    the maintainers' unseen corpora (grouped CV ran optimistic)."""
    low = below(cross_corpus(corpora()), BASELINE["cross_corpus_floors"])
    assert not low, f"below the floor (measured, floor): {low}"
