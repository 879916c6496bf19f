"""Readability features of every text of a JSONL file, as the scorer computes them.

Each record's text goes through ``scorer.score_text`` (the whole pipeline: junk lines out,
then the readability family), and the ``readability.*`` features are written with the
record's other fields except the text: one JSONL line per input record. Used to cache the
features of graded and reference corpora for ``scripts/fit_readability.py``.

    python scripts/readability_features.py IN.jsonl -o OUT.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scorer.evaluation.readability import readability_features


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    n = 0
    with args.input.open(encoding="utf-8") as lines, args.output.open("w") as out:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            features = readability_features(record["text"])
            keep = {k: v for k, v in record.items() if k not in ("text", "sentences")}
            out.write(json.dumps({**keep, "features": features}) + "\n")
            n += 1
    print(f"wrote {n} records to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
