"""Convert the AllSides article corpus to scorer JSONL, a stratified sample by outlet.

Source: https://github.com/ramybaly/Article-Bias-Prediction (Baly, Da San Martino, Glass,
Nakov: "We Can Detect Your Bias: Predicting the Political Ideology of News Articles", EMNLP
2020). 37,554 articles crawled from allsides.com, one JSON file each under data/jsons/, with
the outlet (``source``) and AllSides' rating of the outlet (``bias_text``: left, center,
right). Licence as stated by the repository: Apache License 2.0 (its LICENSE file); the
articles themselves remain their publishers' text, so the output stays outside this
repository and is used only for evaluation.

Input: either a checkout (a folder holding data/jsons/) or a bare git directory of the
repository (read with ``git cat-file``). Output: one JSONL record a line, ``{"id", "title",
"text", "source", "published", "url", "bias", "partisan"}``; ``text`` is the untokenized
``content_original``, ``partisan`` is whether the outlet is rated left or right; articles with
no text are left out.

``--part`` splits by outlet, so that what is trained on and what is evaluated on never share
one: ``train`` keeps four outlets in five (by a hash of the outlet name), ``heldout`` the
fifth, ``all`` every outlet. The shipped model's ``text.partisan`` is learned from the train
part; ``python -m scorer.evaluation.crosscorpus`` must then read the held-out part.

    REPO=/work/.mirror/ramybaly+Article-Bias-Prediction/repo
    python scripts/convert_allsides.py $REPO --part train --per-outlet 200 --total 40000 \
        -o ../data-extra/allsides_train.jsonl
    python scripts/convert_allsides.py $REPO --part heldout -o ../data-extra/allsides_heldout.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scorer.evaluation.crosscorpus import BIASES, SEED, stratified_sample

JSONS = "data/jsons"


def _from_checkout(root: Path) -> Iterator[dict[str, Any]]:
    for path in sorted((root / JSONS).glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


def _from_git(git_dir: Path) -> Iterator[dict[str, Any]]:
    """Every data/jsons blob at HEAD, read in one ``git cat-file --batch`` stream."""
    git = ["git", f"--git-dir={git_dir}"]
    tree = subprocess.run(
        [*git, "ls-tree", "-r", "HEAD", JSONS], capture_output=True, text=True, check=True
    ).stdout
    blobs = "".join(line.split()[2] + "\n" for line in tree.splitlines())
    data = subprocess.run(
        [*git, "cat-file", "--batch"], input=blobs.encode(), capture_output=True, check=True
    ).stdout
    at = 0
    while at < len(data):
        header_end = data.index(b"\n", at)
        size = int(data[at:header_end].split()[2])
        yield json.loads(data[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1


def read_articles(root: Path) -> Iterator[dict[str, Any]]:
    """The corpus' article JSONs from a checkout or a bare git directory."""
    return _from_checkout(root) if (root / JSONS).is_dir() else _from_git(root)


# One outlet in HELD_OUT_SHARE goes to the held-out part.
HELD_OUT_SHARE = 5


def outlet_part(outlet: str) -> str:
    """``train`` or ``heldout``: fixed per outlet name (SHA-256, not Python's salted hash)."""
    digest = int(hashlib.sha256(outlet.encode("utf-8")).hexdigest(), 16)
    return "heldout" if digest % HELD_OUT_SHARE == 0 else "train"


def to_record(article: dict[str, Any]) -> dict[str, Any] | None:
    """The scorer JSONL record of one AllSides article; None when it has no usable text."""
    text = (article.get("content_original") or "").strip()
    if not text or article.get("bias_text") not in BIASES or not article.get("source"):
        return None
    return {
        "id": article["ID"],
        "title": article.get("title") or None,
        "text": text,
        "source": article["source"],
        "published": article.get("date") or None,
        "url": article.get("url") or None,
        "bias": article["bias_text"],
        "partisan": article["bias_text"] != "center",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="checkout or bare git dir of the repository")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--per-outlet", type=int, default=40)
    parser.add_argument("--total", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--part",
        choices=("all", "train", "heldout"),
        default="all",
        help="which outlets: four in five (train), the fifth (heldout), or all",
    )
    args = parser.parse_args(argv)
    try:
        records = [
            r
            for a in read_articles(args.source)
            if (r := to_record(a)) is not None and args.part in ("all", outlet_part(r["source"]))
        ]
    except subprocess.CalledProcessError:
        print(
            f"error: {args.source}: neither a checkout with {JSONS}/ nor its git directory",
            file=sys.stderr,
        )
        return 2
    except (OSError, ValueError) as exc:
        print(f"error: {args.source}: cannot read the corpus ({exc})", file=sys.stderr)
        return 2
    # Outlet and label together: AllSides re-rated a few outlets, whose articles carry both.
    sample = stratified_sample(
        records, lambda r: (r["source"], r["bias"]), args.per_outlet, args.total, args.seed
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as out:
        for record in sample:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    outlets = len({r["source"] for r in sample})
    counts = {b: sum(r["bias"] == b for r in sample) for b in BIASES}
    print(f"{args.output}: {len(sample)} of {len(records)} articles, {outlets} outlets, {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
