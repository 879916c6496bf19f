"""Several `scorer track add` processes writing one database at once (not a test).

    python benchmarks/track_concurrency.py [--processes 4] [--articles 1000]

Each process adds its own ``--articles`` distinct short articles (real scoring) from three
shared sources to one new database. Prints each process's exit status and wall time, and
the number of articles stored, which must be processes x articles.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
TRACK = [sys.executable, "-m", "scorer", "track"]
SOURCES = ("The Ledger", "Daily Blaze", "Courier")


def write_corpus(path: Path, tag: str, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            record = {
                "id": f"{tag}-{i}",
                "title": f"Budget vote {tag} {i}",
                "text": f"Process {tag} reports that councillors passed budget line {i} by "
                f"{i % 11 + 3} votes on Tuesday, the clerk said. Critics called it rushed.",
                "source": SOURCES[i % len(SOURCES)],
                "published": f"2023-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            }
            out.write(json.dumps(record) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        db = Path(directory) / "history.sqlite"
        corpora = []
        for n in range(args.processes):
            corpora.append(Path(directory) / f"p{n}.jsonl")
            write_corpus(corpora[-1], f"p{n}", args.articles)
        began = time.perf_counter()
        processes = [
            subprocess.Popen(
                [*TRACK, "add", str(corpus), "--db", str(db)],
                cwd=ROOT,
                stderr=subprocess.PIPE,
                text=True,
            )
            for corpus in corpora
        ]
        for n, process in enumerate(processes):
            _, err = process.communicate()
            elapsed = time.perf_counter() - began
            summary = err.strip().splitlines()[-1] if err.strip() else ""
            print(f"process {n}: exit {process.returncode} after {elapsed:.1f} s: {summary}")
        conn = sqlite3.connect(db)
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
        expected = args.processes * args.articles
        print(f"articles stored: {stored:,} (expected {expected:,}); integrity: {integrity}")
        if stored != expected or any(p.returncode for p in processes):
            sys.exit(1)


if __name__ == "__main__":
    main()
