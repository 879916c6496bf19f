"""Scoring archives beyond one machine, with Dask (optional: ``pip install "scorer[dask]"``).

Dask rather than Spark: it is pure Python and pip-installable, runs a cluster in the test
process, and its bags hold Python records as they are (a scored record nests lists of
evidence), while PySpark needs a JVM and a DataFrame schema. The scoring itself stays
this package's: Dask only schedules pieces of the archive on workers.

- ``score_partition(records)``: for any Dask pipeline, e.g.
  ``bag.map_partitions(score_partition)``: corpus records (dicts with ``id``, ``title``,
  ``text``, ...) in, the JSON records of ``scorer score --format jsonl`` out, in order.
- ``score_archive(paths, output_dir)``: JSONL and Parquet files in, ``part-NNNNN.jsonl``
  files out (in input order: concatenated, they are what ``scorer score --format jsonl``
  writes), plus ``part-NNNNN.errors.txt`` beside a part whose input had unreadable records.
  A JSONL file is cut into pieces of about ``piece_bytes`` at line boundaries, a Parquet
  file into its row groups; each piece is one task. Paths must be readable by every worker
  (a shared or network file system).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from scorer.article import Article
from scorer.model import Model, default_model, load_model
from scorer.output import json_text
from scorer.pipeline import score_article
from scorer.readers import ReadError, read_jsonl_piece, record_article

PIECE_BYTES = 64 * 2**20
# UTF-16 and UTF-32 files cannot be cut at b"\n": they are read whole.
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Piece:
    """One task: JSONL bytes ``[start, end)`` from line ``first`` on, or one Parquet row
    group (``start``: its index; ``first``: the number of its first row, from 1)."""

    path: str
    kind: str  # "jsonl" or "parquet"
    start: int
    end: int
    first: int


@dataclass(frozen=True)
class PartResult:
    """What one task wrote: its part file, how many records, and the unreadable ones."""

    part: str
    records: int
    errors: tuple[str, ...]


@lru_cache(maxsize=4)
def _model(path: str | None) -> Model:
    """The model, loaded once per worker process."""
    return load_model(path) if path else default_model()


def score_partition(
    records: Iterable[dict[str, Any]],
    *,
    evidence: bool = False,
    explain: bool = False,
    model: str | None = None,
    source: str = "partition",
    sentences: bool = False,
) -> list[dict[str, Any]]:
    """Score corpus records, as ``scorer score`` scores the records of a JSONL file
    (``evidence``, ``explain``, ``sentences``: as its ``--evidence``, ``--explain`` and
    ``--sentences``).

    Returns one JSON-ready record per input record, in order; a record that cannot be read
    (no text, not an object) gives ``{"id": ..., "error": reason}`` instead. ``model`` is
    a model file (default: the shipped model); ``source`` names the input in records
    without an id (``SOURCE:N``, N counted from 1).
    """
    loaded = _model(model)
    out: list[dict[str, Any]] = []
    for number, record in enumerate(records, 1):
        item = record_article(record, source, f"{source}:{number}", ())
        out.append(_result(item, evidence, explain, sentences, loaded))
    return out


def _result(
    item: Article | ReadError, evidence: bool, explain: bool, sentences: bool, model: Model
) -> dict[str, Any]:
    if isinstance(item, ReadError):
        return {"id": item.input, "error": item.reason}
    record = score_article(item, model)
    return record.to_dict(evidence=evidence, explanations=explain, sentences=sentences)


def pieces(paths: Sequence[str | Path], piece_bytes: int = PIECE_BYTES) -> list[Piece]:
    """The tasks of an archive: JSONL files cut at line boundaries, Parquet row groups."""
    out: list[Piece] = []
    for path in map(str, paths):
        if path.lower().endswith(".parquet"):
            out.extend(_parquet_pieces(path))
        else:
            out.extend(_jsonl_pieces(path, piece_bytes))
    return out


def _jsonl_pieces(path: str, piece_bytes: int) -> Iterator[Piece]:
    size = os.path.getsize(path)
    with open(path, "rb") as stream:
        if size == 0 or stream.read(2) in _WIDE_BOMS:
            yield Piece(path, "jsonl", 0, size, 1)
            return
        start, line = 0, 1
        while start < size:
            stream.seek(min(start + piece_bytes, size))
            stream.readline()  # on to the end of the line the cut falls in
            end = stream.tell()
            yield Piece(path, "jsonl", start, end, line)
            stream.seek(start)
            line += stream.read(end - start).count(b"\n")
            start = end


def _parquet_pieces(path: str) -> Iterator[Piece]:
    import pyarrow.parquet as pq

    metadata = pq.ParquetFile(path).metadata
    first = 1
    for group in range(metadata.num_row_groups):
        rows = metadata.row_group(group).num_rows
        yield Piece(path, "parquet", group, group + 1, first)
        first += rows


def score_piece(
    piece: Piece,
    output_dir: str,
    index: int,
    evidence: bool,
    model: str | None,
    explain: bool = False,
    sentences: bool = False,
) -> PartResult:
    """Score one piece into ``output_dir/part-INDEX.jsonl`` (run on a worker)."""
    loaded = _model(model)
    part = os.path.join(output_dir, f"part-{index:05d}.jsonl")
    errors: list[str] = []
    records = 0
    with open(part, "w", encoding="utf-8", newline="") as out:
        for item in _piece_items(piece):
            if isinstance(item, ReadError):
                errors.append(str(item))
                continue
            record = score_article(item, loaded)
            out.write(
                json_text(
                    record, evidence=evidence, explain=explain, sentences=sentences, indent=None
                )
            )
            out.write("\n")
            records += 1
    if errors:
        Path(part).with_suffix(".errors.txt").write_text(
            "".join(f"{e}\n" for e in errors), encoding="utf-8"
        )
    return PartResult(part, records, tuple(errors))


def _piece_items(piece: Piece) -> Iterator[Article | ReadError]:
    if piece.kind == "jsonl":
        yield from read_jsonl_piece(piece.path, piece.start, piece.end, piece.first)
        return
    import pyarrow.parquet as pq

    table = pq.ParquetFile(piece.path).read_row_group(piece.start)
    for offset, row in enumerate(table.to_pylist()):
        # A date or timestamp column reads as Python dates: as text, like JSON's.
        record = {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}
        where = f"{piece.path}:{piece.first + offset}"
        yield record_article(record, piece.path, where, ())


def score_archive(
    paths: Sequence[str | Path],
    output_dir: str | Path,
    *,
    evidence: bool = False,
    explain: bool = False,
    model: str | None = None,
    piece_bytes: int = PIECE_BYTES,
    sentences: bool = False,
) -> list[PartResult]:
    """Score JSONL and Parquet files with Dask into ``output_dir`` (created); ``evidence``,
    ``explain``, ``sentences``: as ``scorer score --evidence --explain --sentences``.

    Runs on Dask's current scheduler: the cluster of a ``distributed.Client`` if one is
    open, else local processes. Returns what each part holds, in input order.
    """
    import dask.bag

    from_sequence: Callable[..., Any] = dask.bag.from_sequence  # untyped in Dask
    os.makedirs(output_dir, exist_ok=True)
    tasks = pieces(paths, piece_bytes)
    if not tasks:
        return []
    numbered = from_sequence(list(enumerate(tasks)), npartitions=len(tasks))
    parts = numbered.map(
        lambda task: score_piece(
            task[1], str(output_dir), task[0], evidence, model, explain, sentences
        )
    )
    results: list[PartResult] = parts.compute()
    return results
