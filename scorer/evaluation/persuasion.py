"""How well persuasion cues find the propaganda techniques marked in the PTC, by article CV.

Data: the Propaganda Techniques Corpus training split (Da San Martino et al., EMNLP 2019;
SemEval-2020 Task 11) as JSONL, one article a line: ``{"id", "text", "spans": [[technique,
start, end], ...], "propaganda_fraction"}``. A sentence of the article's Document is
gold-positive for a technique when a gold span of it overlaps the sentence, and
predicted-positive when a cue of that technique lies in the sentence. Articles are split into
``FOLDS`` folds by their position in the file.

Two detectors are measured on every held-out fold:

- ``learned``: cue lists learned on the other folds only, by :func:`learn_cues` (n-grams over-
  represented inside a technique's spans: log-odds with an informative Dirichlet prior,
  Monroe, Colaresi & Quinn 2008, with a minimum support in distinct articles). A clean
  cross-validation of the learning method.
- ``curated``: the shipped family, :func:`scorer.features.persuasion.technique_cues`. Its
  lists were curated by hand after reading cues learned from the whole file, so its figures
  are not clean held-out figures: the curation saw every fold. Phrases were pruned by their
  precision on the first four folds only, so the last fold is also reported on its own as
  the least contaminated measure of the curated lists.

For each: per-technique and "any technique" (any of the family's techniques) sentence
precision, recall and F1, and the Spearman correlation, over the articles, between the
detector's cue density (cues per 100 words, each article scored by a detector that did not
learn from it) and ``propaganda_fraction`` (which counts every PTC technique). When
``hyperpartisan_train.jsonl`` sits beside the PTC file, the ROC AUC of each detector's
density for hyperpartisan against mainstream articles is printed too.

    python -m scorer.evaluation.persuasion [PATH]
"""

from __future__ import annotations

import json
import math
import sys
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scorer.document import Document
from scorer.evaluation.hedging import CueScores, score
from scorer.evaluation.scores import spearman
from scorer.features.persuasion import technique_cues
from scorer.lexicons import PhraseMatcher

# The shared data folder sits next to the repository: <clone>/../shared/data.
DEFAULT_PATH = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "ptc_train.jsonl"
FOLDS = 5
# Read from the same folder when present: an out-of-corpus check (other outlets, other labels).
HYPERPARTISAN = "hyperpartisan_train.jsonl"
# PTC technique labels and the evidence kinds that name them. Loaded language, exaggeration
# and repetition belong to other families. The PTC joins bandwagon and reductio ad hitlerum
# in one label; the family finds only the second (bandwagon cues are hedging's boosters), so
# its recall there is understated.
PTC_KINDS = {
    "Name_Calling,Labeling": "name_calling",
    "Flag-Waving": "flag_waving",
    "Appeal_to_fear-prejudice": "appeal_to_fear",
    "Doubt": "doubt",
    "Slogans": "slogan",
    "Black-and-White_Fallacy": "black_and_white",
    "Thought-terminating_Cliches": "thought_terminating_cliche",
    "Causal_Oversimplification": "causal_oversimplification",
    "Appeal_to_Authority": "appeal_to_authority",
    "Whataboutism,Straw_Men,Red_Herring": "whataboutism",
    "Bandwagon,Reductio_ad_hitlerum": "reductio_ad_hitlerum",
}
ANY = "any technique"
# The curated lists were pruned by per-phrase precision on the first four folds only: the last
# fold is the least contaminated measure of them (though the learned cues read while curating
# came from all folds).
CURATED_UNSEEN = f"curated, fold {FOLDS} only (not used for pruning)"
# Cue learning: n-grams of up to MAX_N words, found inside a technique's spans in at least
# MIN_ARTICLES distinct articles (one article quoting a slogan ten times is one piece of
# evidence), at least MIN_INSIDE_SHARE of whose occurrences lie inside those spans, and whose
# log-odds z-score for "inside the technique's spans" against "elsewhere" is at least MIN_Z.
# PRIOR_MASS is the Dirichlet prior's total mass, spread by corpus frequency. The share and z
# floors were picked from a grid of six (share 0.2/0.3/0.5, z 2/3) on these same folds.
MAX_N = 3
MIN_ARTICLES = 3
MIN_Z = 3.0
MIN_INSIDE_SHARE = 0.2
PRIOR_MASS = 10_000.0

Kinds = frozenset[str]
Gram = tuple[str, ...]


@dataclass(frozen=True)
class LabeledArticle:
    """One PTC article: its Document, and the technique kinds over each sentence and word."""

    id: str
    doc: Document
    sentence_kinds: tuple[Kinds, ...]
    word_kinds: tuple[Kinds, ...]
    propaganda_fraction: float


@dataclass(frozen=True)
class Prediction:
    """A detector's output on one article: kinds found in each sentence, and cue density."""

    sentence_kinds: list[Kinds]
    density: float


@dataclass(frozen=True)
class Report:
    """Cross-validated sentence scores by technique (and ``ANY``), and the density Spearman."""

    scores: dict[str, CueScores]
    spearman: float


Detector = Callable[[LabeledArticle], Prediction]


def read_articles(path: Path) -> list[LabeledArticle]:
    """The labelled articles of a PTC JSONL file, in file order."""
    out: list[LabeledArticle] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                out.append(labeled(json.loads(line)))
    return out


def labeled(record: dict[str, object]) -> LabeledArticle:
    """A PTC record with its gold spans projected onto sentences and words."""
    text = str(record["text"])
    doc = Document.parse(text)
    raw = record.get("spans", [])
    spans = [
        (PTC_KINDS[str(t)], int(a), int(b))
        for t, a, b in (raw if isinstance(raw, list) else [])
        if t in PTC_KINDS
    ]
    fraction = record.get("propaganda_fraction", 0.0)
    return LabeledArticle(
        id=str(record.get("id", "")),
        doc=doc,
        sentence_kinds=_project(doc.sentences, spans, inside=False),
        word_kinds=_project(doc.words, spans, inside=True),
        propaganda_fraction=float(fraction) if isinstance(fraction, int | float) else 0.0,
    )


def _project(
    units: Sequence[tuple[int, int]], spans: list[tuple[str, int, int]], inside: bool
) -> tuple[Kinds, ...]:
    """For each unit (sorted, non-overlapping), the kinds of the spans that hold it
    (``inside``) or overlap it."""
    starts = [a for a, _ in units]
    ends = [b for _, b in units]
    found: dict[int, set[str]] = defaultdict(set)
    for kind, a, b in spans:
        if inside:  # units with a <= start and end <= b
            first, last = bisect_left(starts, a), bisect_right(ends, b)
        else:  # units with start < b and a < end
            first, last = bisect_right(ends, a), bisect_left(starts, b)
        for i in range(first, last):
            found[i].add(kind)
    out = [_NONE] * len(units)
    for i, kinds in found.items():
        out[i] = frozenset(kinds)
    return tuple(out)


_NONE: Kinds = frozenset()


@dataclass
class NgramCounts:
    """N-gram statistics of some articles, to learn cues from. N-grams (n <= MAX_N) never
    cross a sentence break."""

    # Occurrences of every n-gram (keys may hold None, the sentence break: never looked up).
    total: Counter[tuple[str | None, ...]]
    # Per kind: occurrences inside the kind's spans, and articles with such an occurrence.
    inside: dict[str, Counter[Gram]]
    articles: dict[str, Counter[Gram]]
    n_grams: int

    @classmethod
    def of(cls, articles: Sequence[LabeledArticle]) -> NgramCounts:
        inside: dict[str, Counter[Gram]] = defaultdict(Counter)
        with_gram: dict[str, Counter[Gram]] = defaultdict(Counter)
        # Every article's sentences in one sequence, a None after each.
        flat: list[str | None] = []
        n_grams = 0
        for article in articles:
            words, covered = article.doc.lower_words, article.word_kinds
            seen: dict[str, set[Gram]] = defaultdict(set)
            for first, last in article.doc.sentence_words:
                flat.extend(words[first:last])
                flat.append(None)
                n_grams += sum(max(0, last - first - n + 1) for n in range(1, MAX_N + 1))
                for i in range(first, last):
                    kinds = covered[i]
                    if not kinds:
                        continue
                    for j in range(i + 1, min(i + MAX_N, last) + 1):
                        kinds = kinds & covered[j - 1]
                        if not kinds:
                            break
                        gram = words[i:j]
                        for kind in kinds:
                            inside[kind][gram] += 1
                            seen[kind].add(gram)
            for kind, grams in seen.items():
                with_gram[kind].update(grams)
        total: Counter[tuple[str | None, ...]] = Counter()
        for n in range(1, MAX_N + 1):
            total.update(zip(*(flat[k:] for k in range(n)), strict=False))
        return cls(total, inside, with_gram, n_grams)

    def without(self, part: NgramCounts) -> NgramCounts:
        """These counts less those of ``part``, counted over a subset of the same articles."""
        total = self.total.copy()
        total.subtract(part.total)
        return NgramCounts(
            total,
            _less(self.inside, part.inside),
            _less(self.articles, part.articles),
            self.n_grams - part.n_grams,
        )


def _less(
    whole: dict[str, Counter[Gram]], part: dict[str, Counter[Gram]]
) -> dict[str, Counter[Gram]]:
    out: dict[str, Counter[Gram]] = {}
    for kind, counts in whole.items():
        out[kind] = counts.copy()
        out[kind].subtract(part.get(kind, Counter()))
    return out


def learn_cues(counts: NgramCounts) -> dict[str, tuple[str, ...]]:
    """For each technique kind, the n-grams over-represented inside its spans, best first.

    The score is the z-score of the log-odds ratio with an informative Dirichlet prior
    (Monroe, Colaresi & Quinn 2008) of an n-gram inside the kind's spans against everywhere
    else; the prior for an n-gram is ``PRIOR_MASS`` times its share of all n-grams.
    """
    n_all = counts.n_grams
    cues: dict[str, tuple[str, ...]] = {}
    for kind in PTC_KINDS.values():
        inside = counts.inside.get(kind, Counter())
        articles = counts.articles.get(kind, Counter())
        n_in = inside.total()
        n_out = n_all - n_in
        scored: list[tuple[float, Gram]] = []
        for gram, y_in in inside.items():
            occurrences = counts.total[gram]
            if y_in <= 0 or articles[gram] < MIN_ARTICLES or y_in < MIN_INSIDE_SHARE * occurrences:
                continue
            prior = PRIOR_MASS * occurrences / n_all
            y_out = occurrences - y_in
            delta = math.log((y_in + prior) / (n_in + PRIOR_MASS - y_in - prior)) - math.log(
                (y_out + prior) / (n_out + PRIOR_MASS - y_out - prior)
            )
            z = delta / math.sqrt(1 / (y_in + prior) + 1 / (y_out + prior))
            if z >= MIN_Z:
                scored.append((z, gram))
        cues[kind] = tuple(" ".join(gram) for _, gram in sorted(scored, reverse=True))
    return cues


def phrase_detector(cues: dict[str, tuple[str, ...]]) -> Detector:
    """A detector that marks a sentence with every kind whose phrases occur inside it."""
    matchers = {kind: PhraseMatcher(phrases) for kind, phrases in cues.items() if phrases}

    def detect(article: LabeledArticle) -> Prediction:
        doc = article.doc
        owner = doc.sentence_of_word()
        found: list[set[str]] = [set() for _ in doc.sentences]
        hits = 0
        for kind, matcher in matchers.items():
            for match in matcher.finditer(doc.lower_words):
                if owner[match.first] == owner[match.last - 1]:
                    found[owner[match.first]].add(kind)
                    hits += 1
        density = 100.0 * hits / doc.n_words if doc.n_words else 0.0
        return Prediction([frozenset(s) for s in found], density)

    return detect


def curated_detector(article: LabeledArticle) -> Prediction:
    """The shipped family's cues on one article."""
    doc = article.doc
    owner = doc.sentence_of_word()
    found: list[set[str]] = [set() for _ in doc.sentences]
    cues = technique_cues(doc)
    for kind, first, _ in cues:
        found[owner[first]].add(kind)
    density = 100.0 * len(cues) / doc.n_words if doc.n_words else 0.0
    return Prediction([frozenset(s) for s in found], density)


def report(articles: Sequence[LabeledArticle], predictions: Sequence[Prediction]) -> Report:
    """Sentence scores per technique and over any technique, and the density Spearman."""
    pairs: dict[str, list[tuple[bool, bool]]] = {k: [] for k in [*PTC_KINDS.values(), ANY]}
    for article, prediction in zip(articles, predictions, strict=True):
        for gold, found in zip(article.sentence_kinds, prediction.sentence_kinds, strict=True):
            for kind, kind_pairs in pairs.items():
                if kind == ANY:
                    kind_pairs.append((bool(gold), bool(found)))
                else:
                    kind_pairs.append((kind in gold, kind in found))
    rho = spearman([p.density for p in predictions], [a.propaganda_fraction for a in articles])
    return Report({kind: score(p) for kind, p in pairs.items()}, rho)


def cross_validate(articles: Sequence[LabeledArticle]) -> dict[str, Report]:
    """Held-out figures of the learned cues (learned per fold) and of the curated family, on
    all articles and on the last fold alone."""
    everything = NgramCounts.of(articles)
    learned: list[Prediction | None] = [None] * len(articles)
    for fold in range(FOLDS):
        held_out = range(fold, len(articles), FOLDS)
        train = everything.without(NgramCounts.of([articles[i] for i in held_out]))
        detect = phrase_detector(learn_cues(train))
        for i in held_out:
            learned[i] = detect(articles[i])
    curated = [curated_detector(a) for a in articles]
    last = range(FOLDS - 1, len(articles), FOLDS)
    return {
        "learned": report(articles, [p for p in learned if p is not None]),
        "curated": report(articles, curated),
        CURATED_UNSEEN: report([articles[i] for i in last], [curated[i] for i in last]),
    }


def hyperpartisan_auc(articles: Sequence[LabeledArticle], path: Path) -> dict[str, float]:
    """ROC AUC of cue density for hyperpartisan against mainstream articles (SemEval-2019
    Task 4; ``{"text", "hyperpartisan"}`` records): curated lists, and cues learned from all
    of ``articles``. Neither saw these articles, so it is a check on other outlets and labels.
    """
    from sklearn.metrics import roc_auc_score

    learned = phrase_detector(learn_cues(NgramCounts.of(articles)))
    labels: list[bool] = []
    densities: dict[str, list[float]] = {"curated": [], "learned": []}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                article = labeled({"text": record["text"]})
                labels.append(bool(record["hyperpartisan"]))
                densities["curated"].append(curated_detector(article).density)
                densities["learned"].append(learned(article).density)
    return {name: float(roc_auc_score(labels, values)) for name, values in densities.items()}


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_PATH
    articles = read_articles(path)
    print(f"persuasion cues, sentence level, {FOLDS}-fold CV by article, {path.name}")
    for name, result in cross_validate(articles).items():
        print(f"\n{name}: density vs propaganda_fraction Spearman={result.spearman:.3f}")
        for kind, s in result.scores.items():
            print(
                f"  {kind:28s} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
                f"positive={s.n_positive}"
            )
    partisan = path.parent / HYPERPARTISAN
    if partisan.exists():
        print(f"\ndensity, hyperpartisan vs mainstream ROC AUC ({HYPERPARTISAN}):")
        for name, auc in hyperpartisan_auc(articles, partisan).items():
            print(f"  {name:28s} AUC={auc:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
