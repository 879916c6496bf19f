"""Convert the OneStopEnglish corpus to graded JSONL for the readability evaluation.

Source: https://github.com/nishkalavallabhi/OneStopEnglishCorpus (Vajjala and Lučić 2018,
"OneStopEnglish corpus: A new corpus for automatic readability assessment and text
simplification", BEA workshop, ACL). 189 Guardian news stories, each rewritten by teachers
at three levels for learners of English: elementary, intermediate, advanced (567 texts).
Licence: Creative Commons Attribution-ShareAlike 4.0 International (the repository's
LICENSE.markdown). The data stays outside this repository.

Input: a checkout or a bare git directory of the repository; the texts are read from
``Texts-SeparatedByReadingLevel/{Ele,Int,Adv}-Txt/<story>-{ele,int,adv}.txt`` (the nested
duplicate ``Int-Txt/Int-Txt`` and ``.DS_Store`` files are skipped). Output: one JSONL record
a line, ``{"id", "story", "level", "text"}``, ``level`` 0 = elementary, 1 = intermediate,
2 = advanced (higher = harder), ``story`` the shared file stem.

    python scripts/convert_onestop.py /work/.mirror/nishkalavallabhi+OneStopEnglishCorpus/repo \
        -o /work/data-extra/onestop/onestop.jsonl
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = "Texts-SeparatedByReadingLevel"
LEVELS = {"ele": 0, "int": 1, "adv": 2}


def _decode(data: bytes) -> str:
    """UTF-8 (a few files carry a BOM); cp1252 for the odd file that is not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").strip()


def _wanted(path: str) -> tuple[str, int] | None:
    """(story, level) of a level file directly in its level folder, else None."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] != ROOT or not parts[2].endswith(".txt"):
        return None
    stem = parts[2][: -len(".txt")]
    story, _, tag = stem.rpartition("-")
    tag = tag.lower()
    if tag not in LEVELS or parts[1].lower() != f"{tag}-txt":
        return None
    return story.strip(), LEVELS[tag]


def _from_checkout(root: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted((root / ROOT).glob("*/*.txt")):
        yield path.relative_to(root).as_posix(), path.read_bytes()


def _from_git(git_dir: Path) -> Iterator[tuple[str, bytes]]:
    git = ["git", f"--git-dir={git_dir}"]
    tree = subprocess.run(
        [*git, "ls-tree", "-r", "HEAD", ROOT], capture_output=True, text=True, check=True
    ).stdout
    for line in tree.splitlines():
        meta, path = line.split("\t", 1)
        if _wanted(path) is None:
            continue
        blob = meta.split()[2]
        data = subprocess.run([*git, "cat-file", "blob", blob], capture_output=True, check=True)
        yield path, data.stdout


def records(source: Path) -> Iterator[dict[str, object]]:
    files = _from_checkout(source) if (source / ROOT).is_dir() else _from_git(source)
    for path, data in sorted(files):
        wanted = _wanted(path)
        if wanted is None:
            continue
        story, level = wanted
        text = _decode(data)
        if text:
            yield {"id": Path(path).stem, "story": story, "level": level, "text": text}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="checkout or bare git directory")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    n = 0
    with args.output.open("w", encoding="utf-8") as out:
        for record in records(args.source):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    print(f"wrote {n} texts to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
