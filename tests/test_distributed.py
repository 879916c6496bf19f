import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scorer.cli import cli
from scorer.distributed import pieces, score_archive, score_partition

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

SEEDS = Path(__file__).parents[1] / "seeds"


def records() -> list[dict[str, str]]:
    """Corpus records: the seeds, and each seed's paragraphs as short articles."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append({"id": path.stem, "title": text.split("\n", 1)[0], "text": text})
        out.extend(
            {"id": f"{path.stem}-{i}", "text": p, "source": "Seeds", "published": "2023-08-14"}
            for i, p in enumerate(text.split("\n\n"))
            if p.strip()
        )
    return out


def jsonl(tmp_path: Path) -> Path:
    """The records as JSONL, with a malformed line and a record without id among them."""
    lines = [json.dumps(r) for r in records()]
    lines.insert(3, "{not json")
    lines.insert(7, json.dumps({"text": "A record without an id. It is scored all the same."}))
    path = tmp_path / "archive.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    """A local Dask cluster of two worker processes, one thread each: tasks, records and
    results cross process boundaries as on a real cluster."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
        yield client


def cli_output(path: Path) -> tuple[list[str], list[str]]:
    result = CliRunner().invoke(
        cli, ["score", str(path), "--format", "jsonl", "--evidence", "--jobs", "1"]
    )
    errors = [line.removeprefix("error: ") for line in result.stderr.splitlines()]
    return result.stdout.splitlines(), errors


def test_archive_on_a_cluster_equals_single_process_scoring(
    tmp_path: Path, cluster: object
) -> None:
    path = jsonl(tmp_path)
    # Small pieces: several tasks, cut inside the file.
    assert len(pieces([path], piece_bytes=4000)) > 3
    parts = score_archive([path], tmp_path / "out", evidence=True, piece_bytes=4000)
    written = [line for part in parts for line in Path(part.part).read_text().splitlines()]
    errors = [error for part in parts for error in part.errors]
    expected, expected_errors = cli_output(path)
    assert written == expected
    assert errors == expected_errors
    assert len(errors) == 1 and errors[0].startswith(f"{path}:4: malformed JSON")
    assert sum(part.records for part in parts) == len(expected)
    erring = [Path(p.part).with_suffix(".errors.txt") for p in parts if p.errors]
    assert [e.read_text().strip() for e in erring] == expected_errors


def test_parquet_row_groups_score_like_the_same_records_in_jsonl(
    tmp_path: Path, cluster: object
) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = records()
    parquet = tmp_path / "archive.parquet"
    fields = ("id", "title", "text", "source", "published")
    schema = pa.schema([(name, pa.string()) for name in fields])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), parquet, row_group_size=4)
    assert len(pieces([parquet])) > 1
    parts = score_archive([parquet], tmp_path / "out", evidence=True)
    scored = [json.loads(x) for p in parts for x in Path(p.part).read_text().splitlines()]
    plain = tmp_path / "same.jsonl"
    plain.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    expected = [json.loads(x) for x in cli_output(plain)[0]]
    for record in (*scored, *expected):
        del record["path"]  # the input file's name
    assert scored == expected


def test_score_partition_gives_cli_records_and_read_errors_in_order() -> None:
    rows: list[dict[str, Any]] = [*records()[:3], {"title": 7}, records()[3]]
    out = score_partition(rows, evidence=True, source="batch")
    assert [r["id"] for r in out] == [*(r["id"] for r in rows[:3]), "batch:4", rows[4]["id"]]
    assert out[3]["error"] == "record has no text"
    assert all(set(r) >= {"scores", "features", "evidence"} for i, r in enumerate(out) if i != 3)
    assert all("explanations" not in r for r in out)
    explained = score_partition(rows[:1], explain=True)
    assert set(explained[0]["explanations"]) == set(explained[0]["scores"])
    assert all("sentences" not in r for r in out)
    [split] = score_partition(rows[:1], sentences=True)
    text = rows[0]["text"]
    assert split["sentences"]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in split["sentences"])
