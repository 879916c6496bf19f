"""Per-sentence scores (``scorer score --sentences``) against the PTC's marked loaded wording.

    python -m scorer.evaluation.sentences [ptc_train.jsonl]

Each of ``scorer.pipeline.SENTENCE_SCORES`` (a sentence model's probability) is compared,
sentence by sentence, with the share of the sentence's characters inside Loaded_Language or
Name_Calling,Labeling spans: Spearman over every sentence of the corpus. The shipped sentence
models saw every PTC article, so they are cross-fitted here: each fold's articles are scored
by models fitted on the other folds' articles, with ``scorer.training``'s folds (grouped by
shared sentences), as ``scorer.evaluation.spans`` does.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from scorer.evaluation.scores import spearman
from scorer.evaluation.spans import DEFAULT_PATH, FOLDS, article_folds, ptc_corpus
from scorer.pipeline import SENTENCE_SCORES


def cross_fitted_sentence_scores(
    path: Path, folds: int = FOLDS
) -> tuple[dict[str, list[float]], list[float]]:
    """Each per-sentence score of every sentence (cross-fitted), and its loaded share."""
    from scorer.training import fit_text, loaded_shares

    corpus = ptc_corpus(path)
    scores: dict[str, list[float]] = {name: [] for name in SENTENCE_SCORES}
    shares: list[float] = []
    for train, test in article_folds(corpus, folds):
        models = {
            name: fit_text(model, corpus, train).text_model()
            for name, model in SENTENCE_SCORES.items()
        }
        for i in test:
            prose = corpus.prose[i]
            for name, model in models.items():
                scores[name].extend(model.sentence_probabilities(prose))
            shares.extend(loaded_shares(corpus.records[i], prose))
    return scores, shares


def sentence_spearman(path: Path, folds: int = FOLDS) -> tuple[dict[str, float], int]:
    """Spearman of each per-sentence score with the loaded share, and the sentence count."""
    scores, shares = cross_fitted_sentence_scores(path, folds)
    return {name: spearman(shares, values) for name, values in scores.items()}, len(shares)


def main(argv: Sequence[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m scorer.evaluation.sentences", description=__doc__
    )
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args(argv)
    figures, n = sentence_spearman(args.path)
    print(f"{args.path.name}: {n} sentences, {FOLDS}-fold cross-fitted; Spearman with the share")
    print("of each sentence inside loaded language or name calling")
    for name, rho in figures.items():
        print(f"  {name:<16} {rho:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
