"""Peak memory of ``scorer score big.jsonl --format jsonl -o out.jsonl`` as the corpus grows.

    python benchmarks/memory.py [--sizes 10000 100000] [--jobs 1] [--dir /tmp]

A script, not a test: it writes synthetic JSONL corpora of each size, scores each in a
child process, and prints the child's peak resident memory (for ``--jobs`` above 1, the
largest of the parent and its workers). Streaming input and output should keep the peak
flat; what may grow with the corpus is bounded by the caches' caps.

Articles are 2-6 paragraphs drawn at random from the news articles in ``../shared/data``
(or the seeds), and each gets a fresh id and a few words never seen before, so that the
vocabulary keeps growing the way a real archive's does (names, numbers, typos).
"""

from __future__ import annotations

import argparse
import json
import random
import string
import tempfile
from pathlib import Path

from bench import news_articles, run_child, scorer_command


def write_corpus(path: Path, count: int, seed: int = 11) -> None:
    pool = [p for a in news_articles() for p in a["text"].split("\n\n") if len(p.split()) > 5]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            paragraphs = rng.sample(pool, rng.randint(2, 6))
            rare = " ".join(
                "".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 10))).title()
                for _ in range(3)
            )
            paragraphs.insert(1, f"Reported by {rare}.")
            record = {"id": f"m{i}", "title": f"Report {i}", "text": "\n\n".join(paragraphs)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--dir", type=Path, help="where to write the corpora (default: temp)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="scorer-memory-", dir=args.dir) as tmp:
        peaks = {}
        for size in args.sizes:
            corpus = Path(tmp) / f"big-{size}.jsonl"
            write_corpus(corpus, size)
            out = Path(tmp) / f"out-{size}.jsonl"
            command = [*scorer_command(), "score", str(corpus), "--format", "jsonl"]
            command += ["-o", str(out), "--jobs", str(args.jobs), "--no-progress"]
            seconds, peak = run_child(command)
            peaks[size] = peak
            lines = sum(1 for _ in out.open(encoding="utf-8"))
            print(
                f"{size:>7,} articles ({corpus.stat().st_size / 2**20:.0f} MiB in, "
                f"{out.stat().st_size / 2**20:.0f} MiB out, {lines:,} records): "
                f"peak RSS {peak / 2**20:.1f} MiB, {seconds:.0f} s, --jobs {args.jobs}"
            )
            corpus.unlink()
            out.unlink()
        smallest, largest = min(peaks), max(peaks)
        if smallest != largest:
            growth = peaks[largest] / peaks[smallest] - 1
            print(f"peak at {largest:,} vs {smallest:,} articles: {100 * growth:+.1f}%")


if __name__ == "__main__":
    main()
