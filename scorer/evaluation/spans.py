"""Technique spans against the PTC's marked spans, by the SemEval-2020 Task 11 span metric.

    python -m scorer.evaluation.spans [ptc_train.jsonl] [--shipped]

Evidence that carries a ``technique`` (``scorer.techniques``) is a predicted span. The SI
metric of SemEval-2020 Task 11 (Da San Martino et al. 2020) gives partial credit for
overlap: each predicted span s earns |s ∩ t| / |s| of precision for every gold span t it
overlaps, each gold span t earns |s ∩ t| / |t| of recall, and both are averaged over the
spans; overlapping spans within one article are merged first. "Any technique" ignores the
names; "technique must match" counts overlap only between spans of the same technique
(micro-averaged over techniques), and the table gives each technique's own F1.

Three kinds of evidence carry a technique: the families' rule evidence (lexicons, patterns;
not fitted to these spans, except the persuasion lexicons, learned from them and curated by
hand, so somewhat optimistic here, see scorer.evaluation.persuasion), the sentences the
learned propaganda-sentence model flags, and the phrases learned from the Loaded_Language and
Name_Calling,Labeling spans (scorer.phrases). Rule cues on the list of unmarked cues, learned
from these spans too (scorer.phrases.unmarked_cues), carry no technique. The shipped model
and lists saw every PTC article, so all three are cross-fitted here: each fold's articles get
a sentence model, phrase lists and unmarked cues learned without them (the same folds for
all). The first table names rule evidence by its kind alone (no list).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from scorer.article import Article
from scorer.features.base import Evidence
from scorer.model import default_model
from scorer.phrases import (
    labelled_spans,
    learn_phrases,
    matchers_of,
    phrase_evidence,
    unmarked_cues,
)
from scorer.pipeline import analyze, score_article, sentence_evidence
from scorer.techniques import SENTENCE_MODEL, TECHNIQUE_OF_KIND, cue_key
from scorer.textmodel import TextAnalysis

if TYPE_CHECKING:
    from scorer.training import Corpus

Span = tuple[int, int]
# Spans of each article, by article id.
Spans = Mapping[str, Sequence[Span]]

DEFAULT_PATH = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "ptc_train.jsonl"
ANY = "any technique"
FOLDS = 5


@dataclass(frozen=True)
class SpanScores:
    precision: float
    recall: float
    f1: float
    n_predicted: int
    n_gold: int


def merged(spans: Iterable[Span]) -> list[Span]:
    """Overlapping spans joined, in text order (empty spans dropped)."""
    out: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _credit(predicted: Sequence[Span], gold: Sequence[Span]) -> tuple[float, float]:
    """Summed precision and recall credit of one article's merged spans."""
    precision = recall = 0.0
    for s_start, s_end in predicted:
        for t_start, t_end in gold:
            overlap = min(s_end, t_end) - max(s_start, t_start)
            if overlap > 0:
                precision += overlap / (s_end - s_start)
                recall += overlap / (t_end - t_start)
    return precision, recall


def _scores(precision: float, recall: float, n_predicted: int, n_gold: int) -> SpanScores:
    p = precision / n_predicted if n_predicted else 0.0
    r = recall / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return SpanScores(p, r, f1, n_predicted, n_gold)


def span_f1(predicted: Spans, gold: Spans) -> SpanScores:
    """The SI span precision, recall and F1 over every article of ``gold``."""
    precision = recall = 0.0
    n_predicted = n_gold = 0
    for article, gold_spans in gold.items():
        s, t = merged(predicted.get(article, ())), merged(gold_spans)
        p, r = _credit(s, t)
        precision, recall = precision + p, recall + r
        n_predicted, n_gold = n_predicted + len(s), n_gold + len(t)
    return _scores(precision, recall, n_predicted, n_gold)


Labelled = Mapping[str, Sequence[tuple[str, int, int]]]


def by_technique(spans: Labelled, technique: str) -> dict[str, list[Span]]:
    return {a: [(s, e) for t, s, e in found if t == technique] for a, found in spans.items()}


def technique_f1(predicted: Labelled, gold: Labelled) -> dict[str, SpanScores]:
    """Span F1 with the technique required to match: micro over techniques (``ANY`` key is
    the name-blind figure) and one entry per technique present in either side."""
    names = sorted({t for found in [*predicted.values(), *gold.values()] for t, _, _ in found})
    table = {
        name: span_f1(by_technique(predicted, name), by_technique(gold, name)) for name in names
    }
    totals = [0.0, 0.0, 0, 0]
    for name in names:
        s = table[name]
        totals[0] += s.precision * s.n_predicted
        totals[1] += s.recall * s.n_gold
        totals[2] += s.n_predicted
        totals[3] += s.n_gold
    micro = _scores(totals[0], totals[1], int(totals[2]), int(totals[3]))
    unlabelled = span_f1(
        {a: [(s, e) for _, s, e in found] for a, found in predicted.items()},
        {a: [(s, e) for _, s, e in found] for a, found in gold.items()},
    )
    return {ANY: unlabelled, "technique must match": micro, **table}


def read_gold(path: Path) -> tuple[list[dict[str, Any]], dict[str, list[tuple[str, int, int]]]]:
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    gold = {str(r["id"]): labelled_spans(r) for r in records}
    return records, gold


Predicted = dict[str, list[tuple[str, int, int]]]


def _rule_evidence(records: Sequence[Mapping[str, Any]]) -> dict[str, list[Evidence]]:
    """Each article's rule evidence of a kind that names a technique, by article id."""
    return {
        str(record["id"]): [
            e for e in analyze(_article(record)).evidence if (e.family, e.kind) in TECHNIQUE_OF_KIND
        ]
        for record in records
    }


def rule_spans(records: Sequence[Mapping[str, Any]]) -> Predicted:
    """Every evidence span the feature families find whose kind names a technique (no model
    and no list of unmarked cues: techniques by meaning alone)."""
    return {
        article: [(TECHNIQUE_OF_KIND[(e.family, e.kind)], e.start, e.end) for e in found]
        for article, found in _rule_evidence(records).items()
    }


def cross_fitted_rule_spans(path: Path, folds: int = FOLDS) -> Predicted:
    """``rule_spans`` without the unmarked cues learned (by the shipped list's rule,
    ``scorer.phrases.unmarked_cues``) on the other folds' articles."""
    corpus = ptc_corpus(path)
    found = _rule_evidence(corpus.records)
    ids = [str(r["id"]) for r in corpus.records]
    spans = [labelled_spans(r) for r in corpus.records]
    out: Predicted = defaultdict(list)
    for train, test in article_folds(corpus, folds):
        unmarked = unmarked_cues((found[ids[i]], spans[i]) for i in train)
        for i in test:
            out[ids[i]].extend(
                (TECHNIQUE_OF_KIND[(e.family, e.kind)], e.start, e.end)
                for e in found[ids[i]]
                if cue_key(e.family, e.kind, e.text) not in unmarked
            )
    return out


def shipped_spans(records: Sequence[Mapping[str, Any]]) -> Predicted:
    """Every technique-carrying evidence span of ``scorer score --evidence``."""
    model = default_model()
    out: Predicted = defaultdict(list)
    for record in records:
        for e in score_article(_article(record), model).evidence:
            if e.technique is not None:
                out[str(record["id"])].append((e.technique, e.start, e.end))
    return out


@cache
def ptc_corpus(path: Path) -> Corpus:
    """The PTC file parsed as ``scorer.training`` reads it (once: both cross-fits use it)."""
    from scorer.training import load_corpus

    return load_corpus(path, "ptc")


def article_folds(corpus: Corpus, folds: int) -> list[tuple[list[int], list[int]]]:
    """``scorer.training``'s article folds, so that everything learned is cross-fitted alike."""
    from scorer.training import _folds, _rows

    return _folds(corpus, _rows(corpus), folds)


def cross_fitted_sentence_spans(path: Path, folds: int = FOLDS) -> Predicted:
    """The learned sentence spans of each article, from a propaganda-sentence model fitted
    on the other folds' articles (as ``scorer.training`` fits the shipped one)."""
    from scorer.training import fit_text

    corpus = ptc_corpus(path)
    out: Predicted = defaultdict(list)
    for train, test in article_folds(corpus, folds):
        model = fit_text(SENTENCE_MODEL, corpus, train).text_model()
        for i in test:
            prose = corpus.prose[i]
            probabilities = np.array(model.sentence_probabilities(prose))
            flagged = sentence_evidence(prose, TextAnalysis({}, {SENTENCE_MODEL: probabilities}))
            out[str(corpus.records[i]["id"])].extend(
                (e.technique or "", e.start, e.end) for e in flagged
            )
    return out


def cross_fitted_phrase_spans(path: Path, folds: int = FOLDS) -> Predicted:
    """The learned phrase spans of each article, from phrase lists learned (by the shipped
    lists' rule, ``scorer.phrases.learn_phrases``) on the other folds' articles."""
    corpus = ptc_corpus(path)
    spans = [labelled_spans(r) for r in corpus.records]
    out: Predicted = defaultdict(list)
    for train, test in article_folds(corpus, folds):
        learned = learn_phrases((corpus.prose[i], spans[i]) for i in train)
        found = matchers_of({t: tuple(phrases) for t, phrases in learned.items()})
        for i in test:
            out[str(corpus.records[i]["id"])].extend(
                (e.technique or "", e.start, e.end) for e in phrase_evidence(corpus.prose[i], found)
            )
    return out


def combined(*parts: Labelled) -> Predicted:
    """The union, article by article, of several predictions."""
    out: Predicted = defaultdict(list)
    for part in parts:
        for article, found in part.items():
            out[article].extend(found)
    return out


def _article(record: Mapping[str, Any]) -> Article:
    return Article(text=str(record["text"]), title=record.get("title") or None)


def _print(title: str, table: Mapping[str, SpanScores]) -> None:
    print(title)
    print(f"{'':<38}{'precision':>10}{'recall':>8}{'F1':>7}{'predicted':>10}{'gold':>7}")
    for name, s in table.items():
        print(
            f"{name:<38}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}"
            f"{s.n_predicted:>10}{s.n_gold:>7}"
        )


def main(argv: Sequence[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m scorer.evaluation.spans", description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument(
        "--shipped",
        action="store_true",
        help="score with the shipped model as the CLI does (only fair on articles it was not "
        "trained on; the default cross-fits the learned sentence spans on PTC-format data)",
    )
    args = parser.parse_args(argv)
    records, gold = read_gold(args.path)
    name = f"{args.path.name} ({len(records)} articles), SemEval-2020 SI metric"
    rules = rule_spans(records)
    if args.shipped:
        _print(
            f"shipped model's technique evidence vs {name}",
            technique_f1(shipped_spans(records), gold),
        )
        return 0
    _print(f"rule evidence vs {name}", technique_f1(rules, gold))
    sentences = cross_fitted_sentence_spans(args.path)
    print()
    _print(
        f"rule evidence + learned sentences ({FOLDS}-fold cross-fitted)",
        technique_f1(combined(rules, sentences), gold),
    )
    phrases = cross_fitted_phrase_spans(args.path)
    print()
    _print(
        f"rule evidence + learned sentences + learned phrases ({FOLDS}-fold cross-fitted)",
        technique_f1(combined(rules, sentences, phrases), gold),
    )
    print()
    _print(
        "as shipped: rule evidence without the unmarked cues + learned sentences + learned "
        f"phrases ({FOLDS}-fold cross-fitted)",
        technique_f1(combined(cross_fitted_rule_spans(args.path), sentences, phrases), gold),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
