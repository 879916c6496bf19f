import json
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorer import parallel
from scorer.article import Article
from scorer.cli import cli
from scorer.model import default_model
from scorer.output import encoder, json_text
from scorer.parallel import CHUNK_SIZE, IN_FLIGHT_PER_JOB, score_in_order
from scorer.readers import ReadError

SEEDS = Path(__file__).parents[1] / "seeds"


def paragraphs() -> list[str]:
    """Short, varied articles: the seeds' paragraphs."""
    return [
        p.strip()
        for path in sorted(SEEDS.glob("*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if len(p.split()) >= 8
    ]


def corpus(tmp_path: Path, count: int, bad_every: int = 0) -> Path:
    """A JSONL corpus of ``count`` lines; every ``bad_every``-th line is malformed."""
    texts = paragraphs()
    lines = []
    for i in range(count):
        if bad_every and i % bad_every == bad_every - 1:
            lines.append("{broken")
        else:
            lines.append(json.dumps({"id": f"a{i}", "text": texts[i % len(texts)]}))
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_two_jobs_write_what_one_job_writes_in_input_order(tmp_path: Path) -> None:
    # More than two chunks, so that the pool really runs.
    path = corpus(tmp_path, 2 * CHUNK_SIZE + 7)
    one = run("score", str(path), "--format", "jsonl", "--evidence", "--jobs", "1")
    two = run("score", str(path), "--format", "jsonl", "--evidence", "--jobs", "2")
    assert one[0] == two[0] == 0
    assert two[1] == one[1]
    ids = [json.loads(line)["id"] for line in two[1].splitlines()]
    assert ids == [f"a{i}" for i in range(2 * CHUNK_SIZE + 7)]


def test_errors_are_reported_in_order_with_the_same_exit_status(tmp_path: Path) -> None:
    count, bad_every = 4 * CHUNK_SIZE + 3, 13  # bad lines inside and across chunks
    path = corpus(tmp_path, count, bad_every=bad_every)
    one = run("score", str(path), "--format", "csv", "--jobs", "1")
    two = run("score", str(path), "--format", "csv", "--jobs", "2")
    assert one[0] == two[0] == 1
    assert two[1] == one[1]
    assert two[2] == one[2]
    bad_lines = [str(n) for n in range(bad_every, count + 1, bad_every)]
    assert [line.split(":")[2] for line in two[2].splitlines()] == bad_lines


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    code, _, err = run("score", str(corpus(tmp_path, 2)), "--jobs", "0")
    assert code == 2 and "--jobs" in err
    with pytest.raises(ValueError):
        list(score_in_order([], encoder("jsonl", evidence=False), default_model(), jobs=0))


def items(count: int, consumed: list[int]) -> Iterator[Article | ReadError]:
    """Articles (every fifth an error), counting how many were taken."""
    texts = paragraphs()
    for i in range(count):
        consumed.append(i)
        if i % 5 == 4:
            yield ReadError(f"item{i}", "unreadable")
        else:
            yield Article(text=texts[i % len(texts)], id=f"a{i}")


def test_pool_keeps_order_and_errors_in_place_and_reads_ahead_boundedly() -> None:
    encode = partial(json_text, evidence=False, indent=None)
    model = default_model()
    consumed: list[int] = []
    stream = score_in_order(items(40, consumed), encode, model, jobs=2, chunk_size=2)
    first = next(stream)
    # Chunks submitted before the first result: the in-flight bound, plus the one waited on.
    assert len(consumed) <= 2 * (IN_FLIGHT_PER_JOB * 2 + 1)
    results = [first, *stream]
    expected = list(score_in_order(items(40, []), encode, model, jobs=1))
    assert results == expected
    assert [str(r) for r in results if isinstance(r, ReadError)] == [
        f"item{i}: unreadable" for i in range(4, 40, 5)
    ]


def test_one_chunk_of_input_is_scored_without_a_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object) -> None:
        raise AssertionError("a pool was started for one chunk")

    monkeypatch.setattr(parallel, "_pooled", no_pool)
    encode = encoder("jsonl", evidence=False)
    results = list(score_in_order(items(3, []), encode, default_model(), jobs=4, chunk_size=8))
    assert [json.loads(r)["id"] for r in results if isinstance(r, str)] == ["a0", "a1", "a2"]
