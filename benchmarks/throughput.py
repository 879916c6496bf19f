"""Throughput and linearity benchmark (not a test: figures go in notes, not assertions).

    python benchmarks/throughput.py [--rounds 20]

Prints articles per second on the seeds (end to end from Article to record, evidence
included), the time of one 100,000-word article, the per-family time on it, and the time per
word at 10k/30k/100k words to show that feature extraction is linear in length.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from scorer.article import Article
from scorer.document import Document
from scorer.pipeline import score_article
from scorer.registry import FAMILIES

SEEDS = sorted((Path(__file__).parents[1] / "seeds").glob("*.txt"))


def long_article(n_words: int) -> str:
    """A news-like article of ``n_words`` words built from the seeds' paragraphs."""
    paragraphs = [
        p for s in SEEDS for p in s.read_text(encoding="utf-8").split("\n\n") if p.strip()
    ]
    out: list[str] = []
    count = 0
    i = 0
    while count < n_words:
        paragraph = paragraphs[i % len(paragraphs)]
        out.append(f"{paragraph} (part {i})")
        count += len(paragraph.split()) + 2
        i += 1
    return "\n\n".join(out)


def timed(fn: object, *args: object) -> float:
    start = time.perf_counter()
    fn(*args)  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    articles = [Article(text=s.read_text(encoding="utf-8"), path=str(s)) for s in SEEDS]
    score_article(articles[0])  # load lexicons, VADER, the CMU dictionary
    start = time.perf_counter()
    for _ in range(args.rounds):
        for article in articles:
            score_article(article)
    elapsed = time.perf_counter() - start
    n = args.rounds * len(articles)
    print(f"seeds: {n} articles in {elapsed:.2f} s = {n / elapsed:.1f} articles/s (one core)")

    for n_words in (10_000, 30_000, 100_000):
        text = long_article(n_words)
        seconds = timed(score_article, Article(text=text))
        print(
            f"{n_words:>7,} words: {seconds:.3f} s end to end "
            f"({1e6 * seconds / n_words:.2f} us/word)"
        )

    doc = Document.parse(long_article(100_000))
    print("per family on 100,000 words:")
    print(f"  {'document':<15} {timed(Document.parse, doc.text):.3f} s")
    for family in FAMILIES:
        print(f"  {family.name:<15} {timed(family.extract, doc):.3f} s")


if __name__ == "__main__":
    main()
