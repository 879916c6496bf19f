"""The graded-corpus converters (scripts/convert_onestop.py, scripts/convert_clear.py) on tiny
stand-ins of their inputs."""

from __future__ import annotations

import importlib.util
import json
import zipfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_onestop_reads_each_level_folder_and_skips_duplicates(tmp_path: Path) -> None:
    onestop = load("convert_onestop")
    root = tmp_path / "Texts-SeparatedByReadingLevel"
    for tag, text in (("Ele", "Easy text."), ("Int", "Middle text."), ("Adv", "Hard text.")):
        folder = root / f"{tag}-Txt"
        folder.mkdir(parents=True)
        (folder / f"Arctic mapping-{tag.lower()}.txt").write_bytes(
            b"\xef\xbb\xbf" + text.encode() + b"\r\n"
        )
        (folder / ".DS_Store").write_bytes(b"\0")
    nested = root / "Int-Txt" / "Int-Txt"
    nested.mkdir()
    (nested / "Arctic mapping-int.txt").write_text("duplicate")
    out = tmp_path / "out.jsonl"
    assert onestop.main([str(tmp_path), "-o", str(out)]) == 0
    records = sorted((json.loads(line) for line in out.open()), key=lambda r: r["level"])
    assert [(r["story"], r["level"], r["text"]) for r in records] == [
        ("Arctic mapping", 0, "Easy text."),
        ("Arctic mapping", 1, "Middle text."),
        ("Arctic mapping", 2, "Hard text."),
    ]


def test_clear_reads_the_workbook_and_grades_deciles(tmp_path: Path) -> None:
    clear = load("convert_clear")
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    strings = ["ID", "Excerpt", "BT_easiness"] + [f"Excerpt number {i}." for i in range(20)]
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    rows = [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c></row>'
    ]
    for i in range(20):
        r = i + 2
        rows.append(
            f'<row r="{r}"><c r="A{r}"><v>{100 + i}</v></c><c r="B{r}" t="s"><v>{3 + i}</v></c>'
            f'<c r="C{r}"><v>{-i / 10}</v></c></row>'
        )
    book = tmp_path / "clear.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{ns}">{shared}</sst>')
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{ns}"><sheetData>{"".join(rows)}</sheetData></worksheet>',
        )
    records = clear.records(book)
    assert len(records) == 20
    first, last = records[0], records[-1]
    assert first["text"] == "Excerpt number 0." and first["bt_easiness"] == 0.0
    assert first["level"] == 0 and last["level"] == 9  # easiest decile 0, hardest 9
    assert first["story"] == first["id"] == "clear-100"
