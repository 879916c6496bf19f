"""Convert the CLEAR corpus to graded JSONL for the readability evaluation.

Source: https://github.com/scrosseye/CLEAR-Corpus, file ``CLEAR_corpus_final.xlsx``
(Crossley, Heintz, Choi, Batchelor, Karimi, Malatinszky 2022, "A large-scaled corpus for
assessing text readability", Behavior Research Methods). 4,724 excerpts of 140-200 words
(literature and informational text, 1791-2020) for grades 3-12, each with ``BT_easiness``:
a Bradley-Terry ease score from teachers' pairwise judgements (higher = easier).
Licence: Creative Commons Attribution-NonCommercial-ShareAlike 4.0 (the repository's
README). Used for evaluation only; the data stays outside this repository.

The workbook is read with the standard library (an .xlsx is zipped XML), so no spreadsheet
package is needed. Output: one JSONL record a line, ``{"id", "story", "level", "text",
"bt_easiness"}``. Each excerpt is its own story (the corpus has no versions of one text).
``level`` is the excerpt's decile of difficulty (0 = easiest tenth by BT Easiness, 9 = the
hardest), an integer as the evaluation expects; ``bt_easiness`` keeps the continuous value.

    python scripts/convert_clear.py /work/data-extra/clear/CLEAR_corpus_final.xlsx \
        -o /work/data-extra/clear/clear.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
DECILES = 10


def _column(ref: str) -> int:
    """Zero-based column index of a cell reference such as "AB12"."""
    index = 0
    for ch in re.match(r"[A-Z]+", ref).group():  # type: ignore[union-attr]
        index = index * 26 + ord(ch) - ord("A") + 1
    return index - 1


def rows(path: Path) -> list[list[str]]:
    """The first sheet's rows as strings (shared strings resolved)."""
    with zipfile.ZipFile(path) as book:
        shared = [
            "".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t"))
            for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", NS)
        ]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    out = []
    for row in sheet.iter(f"{{{NS['m']}}}row"):
        cells: dict[int, str] = {}
        for cell in row.findall("m:c", NS):
            value = cell.find("m:v", NS)
            if value is None or value.text is None:
                inline = cell.find("m:is", NS)
                text = "".join(t.text or "" for t in inline.iter()) if inline is not None else ""
            elif cell.get("t") == "s":
                text = shared[int(value.text)]
            else:
                text = value.text
            cells[_column(cell.get("r", "A"))] = text
        out.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
    return out


def records(path: Path) -> list[dict[str, object]]:
    header, *body = rows(path)
    names = [h.strip() for h in header]
    at = {name: names.index(name) for name in ("ID", "Excerpt", "BT_easiness")}
    items = []
    for row in body:
        row = row + [""] * (len(names) - len(row))
        text, ease = row[at["Excerpt"]].strip(), row[at["BT_easiness"]].strip()
        if text and ease:
            items.append((row[at["ID"]].strip(), text, float(ease)))
    # Deciles of difficulty: rank by BT_easiness, hardest last.
    order = sorted(range(len(items)), key=lambda i: -items[i][2])
    level = {i: rank * DECILES // len(items) for rank, i in enumerate(order)}
    return [
        {
            "id": f"clear-{ident}",
            "story": f"clear-{ident}",
            "level": level[i],
            "text": text,
            "bt_easiness": ease,
        }
        for i, (ident, text, ease) in enumerate(items)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xlsx", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    items = records(args.xlsx)
    with args.output.open("w", encoding="utf-8") as out:
        for record in items:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(items)} excerpts to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
