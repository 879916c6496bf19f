"""Writers of scored records: JSON, JSONL, CSV (all streaming) and a terminal table."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from functools import partial
from pathlib import Path
from typing import IO, Any, Protocol

from scorer.record import BASELINE, ScoreRecord

FORMATS = ("table", "json", "jsonl", "csv")
META_COLUMNS = ("id", "path", "title", "source", "published", "url")
STDOUT = "-"


def to_stdout(path: str | Path | None) -> bool:
    """Whether an ``-o`` value means standard output: ``-``, as in every command."""
    return path is not None and str(path) == STDOUT


def output_name(path: str | Path) -> str:
    """How a summary line names where it wrote: the file, or standard output."""
    return "standard output" if to_stdout(path) else str(path)


def open_text(path: str | Path) -> AbstractContextManager[IO[str]]:
    """``path`` opened to write text (UTF-8; CSV-safe newlines), or standard output, left
    open, for ``-``."""
    if to_stdout(path):
        return nullcontext(sys.stdout)
    return open(path, "w", encoding="utf-8", newline="")


class Writer(Protocol):
    """Emits what ``encoder`` made of each record, in order."""

    def write(self, encoded: Any) -> None: ...

    def close(self) -> None: ...


def encoder(
    fmt: str, evidence: bool, explain: bool = False, sentences: bool = False
) -> Callable[[ScoreRecord], Any]:
    """What the writer of ``fmt`` needs of a record: its JSON text, or its CSV row. JSON
    leaves out evidence, explanations (about 12 kB a record) and per-sentence scores unless
    asked for them.

    A module-level function (or a partial of one), so that worker processes can do this
    costly part of writing (see ``scorer.parallel``) and the writer only emits.
    """
    if fmt in ("json", "jsonl"):
        indent = 2 if fmt == "json" else None
        return partial(
            json_text, evidence=evidence, explain=explain, sentences=sentences, indent=indent
        )
    if fmt == "csv":
        return flat_row
    raise ValueError(f"unknown format {fmt!r}")


def json_text(
    record: ScoreRecord,
    *,
    evidence: bool,
    explain: bool = False,
    sentences: bool = False,
    indent: int | None,
) -> str:
    """The record as JSON; ``evidence``, ``explain``, ``sentences``: with the span list, the
    explanations, the per-sentence scores."""
    # A fresh tree: no cycle.
    data = record.to_dict(evidence=evidence, explanations=explain, sentences=sentences)
    return json.dumps(data, ensure_ascii=False, indent=indent, check_circular=False)


class JsonLinesWriter:
    """One record per line: the format for pipelines and large corpora."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, encoded: str) -> None:
        self.out.write(encoded)
        self.out.write("\n")

    def close(self) -> None:
        self.out.flush()


class JsonWriter:
    """A JSON array of records, written as records arrive."""

    def __init__(self, out: IO[str]) -> None:
        self.out, self.count = out, 0

    def write(self, encoded: str) -> None:
        self.out.write("[\n" if self.count == 0 else ",\n")
        self.out.write(encoded)
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()


class CsvWriter:
    """Flat rows: metadata, ``score.NAME`` and ``feature.NAME`` columns, warnings, model.

    Evidence spans do not fit a row; JSON and JSONL carry them.
    """

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.writer: Any = None

    def write(self, encoded: dict[str, Any]) -> None:
        if self.writer is None:
            self.writer = csv.DictWriter(self.out, fieldnames=list(encoded))
            self.writer.writeheader()
        self.writer.writerow(encoded)

    def close(self) -> None:
        self.out.flush()


def flat_row(record: ScoreRecord) -> dict[str, Any]:
    data = record.to_dict(evidence=False, explanations=False, sentences=False)
    row: dict[str, Any] = {key: data[key] for key in META_COLUMNS}
    row.update({f"score.{k}": v for k, v in data["scores"].items()})
    row.update({f"feature.{k}": v for k, v in data["features"].items()})
    row["warnings"] = "; ".join(data["warnings"])
    row["model"] = data["model"]
    return row


def make_writer(fmt: str, out: IO[str]) -> Writer:
    if fmt == "json":
        return JsonWriter(out)
    if fmt == "jsonl":
        return JsonLinesWriter(out)
    if fmt == "csv":
        return CsvWriter(out)
    raise ValueError(f"unknown format {fmt!r}")


def label(record: ScoreRecord) -> str:
    """What a person calls the article: its title, else its id or file name."""
    if record.title:
        return record.title
    if record.path and record.id == record.path:
        return Path(record.path).name
    return str(record.id) if record.id is not None else "(text)"


def shown(value: float | None) -> str:
    """A score as the terminal shows it: rounded, or "-" where there is nothing to score."""
    return "-" if value is None else f"{value:.0f}"


def render_table(records: Iterable[ScoreRecord], console: Any, *, explain: bool = False) -> None:
    """Scores of each article as one row of a terminal table (rich).

    On a narrow terminal the score columns get four-letter headers, explained in a legend.
    With ``explain``, each article then gets a table of what moved each score.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    rows = list(records)
    if not rows:
        return
    names = list(rows[0].scores)

    def room(headers: list[str]) -> int:  # what is left for the article column
        return int(console.width) - 4 - sum(len(h) + 2 for h in headers)

    short = room(names) < 24
    headers = [n[:4] if short else n for n in names]
    caption = "higher = more of it, except quality, readability, hygiene, sourcing: higher = better"
    if short:
        caption = (
            ", ".join(f"{h}={n}" for h, n in zip(headers, names, strict=True)) + ". " + caption
        )
    table = Table(
        title="scores, 0-100",
        caption=caption,
        expand=False,
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        collapse_padding=True,
        pad_edge=False,
    )
    width = min(max(room(headers), 12), 50)
    table.add_column("article", no_wrap=True, overflow="ellipsis", width=width)
    for header in headers:
        table.add_column(header, justify="right", no_wrap=True, min_width=len(header))
    for record in rows:
        table.add_row(Text(label(record)), *(shown(record.scores[n]) for n in names))
    console.print(table)
    if explain:
        for record in rows:
            console.print(explanation_table(record))
    for record in rows:
        for warning in record.warnings:
            console.print(Text.assemble(("warning ", "yellow"), f"{label(record)}: {warning}"))


TOP_EFFECTS = 4


def explanation_table(record: ScoreRecord) -> Any:
    """What moved each score of one article: its largest signed effects, in logit units."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(label(record)), box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("score")
    table.add_column("value", justify="right")
    table.add_column("largest effects (raw units; + raises the score)")
    for name, value in record.scores.items():
        effects = [c for c in record.explanations.get(name, []) if c.feature != BASELINE]
        effects_text = Text()
        for c in effects[:TOP_EFFECTS]:
            if effects_text:
                effects_text.append("  ")
            effects_text.append(f"{c.feature} ", style="dim")
            effects_text.append(f"{c.effect:+.2f}", style="green" if c.effect > 0 else "red")
        table.add_row(name, shown(value), effects_text)
    return table
