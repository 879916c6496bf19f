"""Trend queries on a large history (not a test: figures go in notes, not assertions).

    python benchmarks/track_trend.py [--articles 1000000] [--sources 100] [--db FILE]

Builds (or reuses, when --db names an existing file) a history of synthetic articles spread
over ten years and ``--sources`` sources, inserted in bulk through the store API with the
score names of the shipped model (no scoring), then times the queries the commands run.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta

import numpy as np

from scorer.store import SQLiteStore, StoredArticle
from scorer.track import changes, sources_summary, trend

SCORES = (
    "quality", "propaganda", "headline", "readability", "sentiment", "hedging",
    "sensationalism", "repetition", "hygiene", "sourcing",
)  # fmt: skip
MODEL = "benchmark@1"
BATCH = 20_000
START = date(2014, 1, 1)
DAYS = 3652


def build(store: SQLiteStore, n_articles: int, n_sources: int) -> float:
    """Insert ``n_articles`` synthetic scored articles; returns seconds taken."""
    rng = np.random.default_rng(0)
    began = time.perf_counter()
    for first in range(0, n_articles, BATCH):
        size = min(BATCH, n_articles - first)
        sources = rng.integers(0, n_sources, size)
        days = rng.integers(0, DAYS, size)
        values = np.clip(rng.normal(50 + sources[:, None] % 7, 15, (size, len(SCORES))), 0, 100)
        store.add(
            [
                StoredArticle(
                    content_hash=f"{first + i:032x}",
                    source=f"source-{sources[i]:03d}",
                    published=(START + timedelta(days=int(days[i]))).isoformat(),
                    title=f"Article {first + i}",
                    url=None,
                    ref=str(first + i),
                    path=None,
                    model=MODEL,
                    scores=dict(zip(SCORES, np.round(values[i], 1).tolist(), strict=True)),
                )
                for i in range(size)
            ]
        )
        print(f"\r  {first + size:,} articles", end="", flush=True)
    print()
    return time.perf_counter() - began


def timed(label: str, query: Callable[[], object], rounds: int = 3) -> None:
    """Best wall and CPU time of ``rounds`` runs (CPU time is what the query costs on a
    machine busy with other work)."""
    wall = cpu = float("inf")
    for _ in range(rounds):
        began, began_cpu = time.perf_counter(), time.process_time()
        query()
        wall = min(wall, time.perf_counter() - began)
        cpu = min(cpu, time.process_time() - began_cpu)
    print(f"  {label:<40} {wall:6.3f} s wall {cpu:6.3f} s cpu (best of {rounds})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--db", help="Database file (kept); default: a temporary one.")
    args = parser.parse_args()

    directory = None if args.db else tempfile.TemporaryDirectory()
    path = args.db or os.path.join(directory.name, "history.sqlite")  # type: ignore[union-attr]
    fresh = not os.path.exists(path)
    store = SQLiteStore(path)
    if fresh:
        print(f"building {args.articles:,} articles over {args.sources} sources in {path}")
        seconds = build(store, args.articles, args.sources)
        size = os.path.getsize(path) + os.path.getsize(path + "-wal")
        print(f"  built in {seconds:.1f} s ({args.articles / seconds:,.0f} articles/s), "
              f"{size / 1e6:,.0f} MB")  # fmt: skip
    one = "source-042"
    print("queries:")
    timed(f"trend --source {one} --by month", lambda: trend(store, source=one, by="month"))
    timed(f"trend --source {one} --by week", lambda: trend(store, source=one, by="week"))
    timed("trend --by month (all sources)", lambda: trend(store, by="month"))
    timed("trend --by year (all sources)", lambda: trend(store, by="year"))
    timed(f"changes --source {one} --by month", lambda: changes(store, source=one))
    timed("changes --by month (all sources)", lambda: changes(store, by="month"))
    timed("sources", lambda: sources_summary(store), rounds=1)
    store.close()
    if directory:
        directory.cleanup()


if __name__ == "__main__":
    main()
