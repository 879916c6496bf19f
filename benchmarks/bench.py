"""Speed benchmark of ``scorer score`` (a script, not a test: figures go in notes, not asserts).

    python benchmarks/bench.py [--articles 1000] [--rounds 3] [--jobs 2] [--skip-naive]

On one corpus of typical news articles (400-1,200 words), in one run, it measures:

1. end to end: ``scorer score corpus.jsonl --format jsonl --evidence --jobs 1`` as a
   subprocess; articles per second net of start-up (and including it), and peak memory
   (the child's maximum resident set size);
2. scaling: the same with ``--jobs N`` (2 by default, and every core if more);
3. start-up: ``scorer score seeds/001_daa302b6bfb07711.txt``, wall time, best of 10;
4. a naive baseline, in this process: textstat's seven readability formulas and VADER on
   each sentence of each article, the way a script would call them; our single-core
   throughput is printed as a ratio to it, a figure that holds on a noisy machine (the
   rounds of the two alternate, so both bests come from the same stretches of time);
5. where the time goes, in this process: Document parsing, each feature family, the text
   models (scored together), the model's scores, and JSON writing, in milliseconds per article.

The corpus: articles of 400-1,200 words from ``../shared/data`` (PTC and hyperpartisan
training articles), repeated with fresh ids up to ``--articles``; without that data, articles
built from the seeds' paragraphs. Timings are best of ``--rounds``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT / "seeds"
STARTUP_ARTICLE = SEEDS / "001_daa302b6bfb07711.txt"
MIN_WORDS, MAX_WORDS = 400, 1200
FIELDS = ("id", "title", "text", "source", "published", "url")
# The naive baseline's sentence splitter: what a script would use without a Document.
NAIVE_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def news_articles() -> list[dict[str, Any]]:
    """Typical news articles: the labelled corpora's articles of 400-1,200 words."""
    found: list[dict[str, Any]] = []
    for name in ("ptc_train.jsonl", "hyperpartisan_train.jsonl"):
        path = DATA / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                if MIN_WORDS <= len(record["text"].split()) <= MAX_WORDS:
                    found.append({k: record[k] for k in FIELDS if k in record})
    return found or synthetic_articles()


def synthetic_articles(count: int = 500, seed: int = 7) -> list[dict[str, Any]]:
    """Articles of 400-1,200 words made of the seeds' paragraphs, when the data is absent."""
    paragraphs = [
        p.strip()
        for path in sorted(SEEDS.glob("*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if len(p.split()) >= 5
    ]
    rng = random.Random(seed)
    articles = []
    for i in range(count):
        target = rng.randint(MIN_WORDS, MAX_WORDS)
        picked: list[str] = []
        while sum(len(p.split()) for p in picked) < target:
            picked.append(rng.choice(paragraphs))
        articles.append({"id": f"synthetic-{i}", "text": "\n\n".join(picked)})
    return articles


def corpus(count: int) -> list[dict[str, Any]]:
    """``count`` articles: the news articles in turn, each repeat with a fresh id."""
    base = news_articles()
    return [{**base[i % len(base)], "id": f"bench-{i}"} for i in range(count)]


def scorer_command() -> list[str]:
    found = shutil.which("scorer")
    return [found] if found else [sys.executable, "-m", "scorer"]


def run_child(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (bytes) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({child.returncode}): {stderr}")
    return seconds, usage.ru_maxrss * 1024  # ru_maxrss is in kilobytes on Linux


def best(rounds: int, fn: Callable[[], float]) -> float:
    return min(fn() for _ in range(rounds))


def end_to_end_command(path: Path, jobs: int) -> list[str]:
    """``scorer score`` of the corpus with ``--jobs``, writing beside it."""
    out = path.with_suffix(f".jobs{jobs}.out")
    args = [*scorer_command(), "score", str(path), "--format", "jsonl", "--evidence"]
    return [*args, "--jobs", str(jobs), "--no-progress", "-o", str(out)]


def end_to_end(path: Path, jobs: int, rounds: int) -> tuple[float, int]:
    """Best wall time and the peak memory of scoring the corpus with ``--jobs``."""
    runs = [run_child(end_to_end_command(path, jobs)) for _ in range(rounds)]
    return min(s for s, _ in runs), max(m for _, m in runs)


def naive_baseline() -> Callable[[list[str]], float]:
    """A timer of the naive baseline: seconds for textstat's seven formulas and VADER per
    sentence over some texts."""
    import textstat
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    metrics = (
        textstat.flesch_reading_ease,
        textstat.flesch_kincaid_grade,
        textstat.gunning_fog,
        textstat.smog_index,
        textstat.coleman_liau_index,
        textstat.automated_readability_index,
        textstat.dale_chall_readability_score,
    )

    def once(texts: list[str]) -> float:
        clear_textstat_text_caches()  # textstat memoizes results per text (128 texts)
        start = time.perf_counter()
        for text in texts:
            for metric in metrics:
                metric(text)
            for sentence in NAIVE_SENTENCE.split(text):
                if sentence.strip():
                    vader.polarity_scores(sentence)
        return time.perf_counter() - start

    return once


def one_core_and_naive(
    path: Path, texts: list[str], rounds: int, naive: bool
) -> tuple[tuple[float, int], float | None]:
    """``end_to_end(path, 1, rounds)`` and the naive baseline's best seconds (None when left
    out), their rounds taken in turn: on a machine whose speed drifts (a shared virtual
    machine), the two bests then come from the same stretches of time."""
    timer = naive_baseline() if naive else None
    runs: list[tuple[float, int]] = []
    naive_seconds: list[float] = []
    for _ in range(rounds):
        runs.append(run_child(end_to_end_command(path, 1)))
        if timer is not None:
            naive_seconds.append(timer(texts))
    best_run = (min(s for s, _ in runs), max(m for _, m in runs))
    return best_run, min(naive_seconds) if naive_seconds else None


def clear_textstat_text_caches() -> None:
    """Forget textstat's per-text results (not its dictionaries), so that no round or
    repeated article is free. Within a round, a text recurs only after more texts than the
    cache holds."""
    import inspect

    for name, module in list(sys.modules.items()):
        if name.startswith("textstat"):
            for value in vars(module).values():
                if hasattr(value, "cache_clear"):
                    parameters = list(inspect.signature(value).parameters)
                    if parameters[:1] == ["text"]:
                        value.cache_clear()


def stage_times(records: list[dict[str, Any]], rounds: int) -> dict[str, float]:
    """Seconds per article of each stage of the pipeline, best of ``rounds`` per stage."""
    from scorer.article import Article
    from scorer.model import default_model
    from scorer.pipeline import score_article

    model = default_model()
    articles = [Article(text=r["text"], id=r["id"], title=r.get("title")) for r in records]
    for article in articles[:50]:  # load lexicons, VADER, the CMU dictionary, caches
        score_article(article, model)
    best_of: dict[str, float] = {}
    for _ in range(rounds):
        for stage, seconds in one_round(articles, model).items():
            best_of[stage] = min(best_of.get(stage, float("inf")), seconds / len(articles))
    return best_of


def one_round(articles: list[Any], model: Any) -> dict[str, float]:
    """Seconds spent in each stage over all ``articles``, stage by stage as the pipeline runs."""
    from scorer.output import json_text
    from scorer.pipeline import documents, score_article
    from scorer.registry import FAMILIES

    clock = time.perf_counter
    spent: dict[str, float] = {}

    def timed(stage: str, start: float) -> float:
        now = clock()
        spent[stage] = spent.get(stage, 0.0) + now - start
        return now

    for article in articles:
        start = clock()
        doc, prose = documents(article)
        start = timed("Document parse (and junk lines)", start)
        features: dict[str, float] = {}
        for family in FAMILIES:
            result = family.run(doc if family.reads_junk else prose)
            features.update({f"{family.name}.{k}": v for k, v in result.values.items()})
            start = timed(f"family {family.name}", start)
        # Scored together, as the pipeline scores them (models reading the same texts
        # share one pass), so they are timed as one stage.
        features.update(model.text_features(prose))
        start = timed(f"text models ({len(model.text_models)}, scored together)", start)
        model.apply(features)
        timed("model apply", start)
    scored = [score_article(a, model) for a in articles]
    start = clock()
    for record in scored:
        json_text(record, evidence=True, indent=None)
    timed("JSON writing", start)
    return spent


def startup(rounds: int) -> float:
    command = [*scorer_command(), "score", str(STARTUP_ARTICLE)]
    return best(rounds, lambda: run_child(command)[0])


def write_corpus(records: list[dict[str, Any]], directory: Path) -> Path:
    path = directory / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def lines(report: dict[str, Any]) -> Iterator[str]:
    n = report["articles"]
    yield f"corpus: {n} articles, mean {report['mean_words']:.0f} words ({report['source']})"
    yield f"start-up: scorer score {STARTUP_ARTICLE.name}: {report['startup']:.3f} s (best)"
    one = report["jobs"][1]
    net = n / (one["seconds"] - report["startup"])
    yield (
        f"end to end, --jobs 1: {one['seconds']:.2f} s = {n / one['seconds']:.1f} articles/s; "
        f"net of start-up {net:.1f} articles/s; peak memory {one['peak'] / 2**20:.0f} MiB"
    )
    for jobs, run in report["jobs"].items():
        if jobs == 1:
            continue
        rate = n / (run["seconds"] - report["startup"])
        yield (
            f"end to end, --jobs {jobs}: {run['seconds']:.2f} s, net {rate:.1f} articles/s = "
            f"{rate / net:.2f}x one core; largest process {run['peak'] / 2**20:.0f} MiB"
        )
    if "naive" in report:
        naive = n / report["naive"]
        yield (
            f"naive baseline (textstat x7 + VADER per sentence), in process: {naive:.1f} articles/s"
        )
        yield f"RATIO: scorer --jobs 1 end to end, net of start-up = {net / naive:.2f}x naive"
    stages = report["stages"]
    total = sum(stages.values())
    yield f"where the time goes, in process ({total * 1e3:.2f} ms per article, {1 / total:.0f}/s):"
    for stage, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        yield f"  {stage:<40} {seconds * 1e3:7.3f} ms  {100 * seconds / total:5.1f}%"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="repeats; the best is kept")
    parser.add_argument("--jobs", type=int, nargs="*", default=[2], help="worker counts to compare")
    parser.add_argument("--skip-naive", action="store_true", help="leave the naive baseline out")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()

    records = corpus(args.articles)
    report: dict[str, Any] = {
        "articles": len(records),
        "mean_words": sum(len(r["text"].split()) for r in records) / len(records),
        "source": str(DATA) if (DATA / "ptc_train.jsonl").exists() else "seeds (synthetic)",
        "startup": startup(max(args.rounds, 10)),
        "jobs": {},
    }
    with tempfile.TemporaryDirectory(prefix="scorer-bench-") as tmp:
        path = write_corpus(records, Path(tmp))
        texts = [r["text"] for r in records]
        (seconds, peak), naive = one_core_and_naive(path, texts, args.rounds, not args.skip_naive)
        report["jobs"][1] = {"seconds": seconds, "peak": peak}
        if naive is not None:
            report["naive"] = naive
        for jobs in sorted(set(args.jobs) - {1}):
            seconds, peak = end_to_end(path, jobs, args.rounds)
            report["jobs"][jobs] = {"seconds": seconds, "peak": peak}
    gc.collect()
    report["stages"] = stage_times(records, args.rounds)
    for line in lines(report):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
