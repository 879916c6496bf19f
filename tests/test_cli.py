import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from scorer.cli import cli
from scorer.registry import feature_specs

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "seeds"
SEED_000 = SEEDS / "000_66761d252da18829.txt"
DESIGN_SCORES = {
    "quality",
    "propaganda",
    "headline",
    "readability",
    "sentiment",
    "hedging",
    "sensationalism",
    "repetition",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_seed_record_has_every_design_score_and_exact_spans() -> None:
    code, out, err = run("score", str(SEED_000), "--format", "json", "--evidence")
    assert code == 0, err
    [record] = json.loads(out)
    assert set(record["scores"]) >= DESIGN_SCORES
    assert all(0 <= v <= 100 for v in record["scores"].values() if v is not None)
    assert record["scores"]["quality"] is not None
    # Every registry feature, plus the model's learned text features.
    assert set(feature_specs()) <= set(record["features"])
    assert all(n in feature_specs() or n.startswith("text.") for n in record["features"])
    assert set(record["explanations"]) == set(record["scores"])
    assert list(record) == [
        "id",
        "path",
        "title",
        "source",
        "published",
        "url",
        "scores",
        "features",
        "explanations",
        "evidence",
        "warnings",
        "model",
    ]
    text = SEED_000.read_text(encoding="utf-8")
    assert record["evidence"]
    for span in record["evidence"]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert {"family", "kind", "start", "end", "text"} == set(record["evidence"][0])


def scores_by_seed() -> dict[str, dict[str, float]]:
    code, out, _ = run("score", str(SEEDS), "--format", "jsonl")
    assert code == 0
    return {Path(r["path"]).name[:3]: r["scores"] for r in map(json.loads, out.splitlines())}


def test_seed_000_repeats_most_and_junk_lines_are_hygiene_evidence() -> None:
    scores = scores_by_seed()
    assert len(scores) == 5
    assert max(scores, key=lambda k: scores[k]["repetition"]) == "000"
    _, out, _ = run("score", str(SEEDS), "--format", "jsonl", "--evidence")
    records = {Path(r["path"]).name[:3]: r for r in map(json.loads, out.splitlines())}
    for seed, junk in (
        ("002", "BA WORRIED ABOUT 5G FB BANNER 728X90"),
        ("003", "Adblock Detected"),
    ):
        hygiene = [e["text"] for e in records[seed]["evidence"] if e["family"] == "hygiene"]
        assert any(junk in t for t in hygiene), hygiene


def test_jsonl_without_evidence_and_csv_rows() -> None:
    code, out, _ = run("score", str(SEEDS), "--format", "jsonl")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 5
    assert "evidence" not in json.loads(lines[0])
    code, out, _ = run("score", str(SEEDS), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    assert 0 <= float(rows[0]["score.quality"]) <= 100
    assert "feature.readability.flesch_reading_ease" in rows[0]


def test_table_names_every_seed() -> None:
    code, out, _ = run("score", str(SEEDS), "--format", "table")
    assert code == 0
    assert "quality" in out and "propaganda" in out
    # Titles where the article has one, else the file name (possibly cut short with an ellipsis).
    seed_003 = "North Korea\u2019s K"
    for start in ("000_66761d", "North Korean", "Kim Jong Un", seed_003, "004_e31eb2"):
        assert start in out


def test_bad_inputs_fail_alone_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "bad.jsonl").write_text('{"id": "ok", "text": "Fine text here."}\n{broken\n')
    (tmp_path / "notext.csv").write_text("id,title\n1,hello\n")
    (tmp_path / "nothing").mkdir()
    inputs = [
        str(SEED_000),
        str(tmp_path / "missing.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "binary.txt"),
        str(tmp_path / "bad.jsonl"),
        str(tmp_path / "notext.csv"),
        str(tmp_path / "nothing"),
    ]
    code, out, err = run("score", *inputs, "--format", "jsonl")
    assert code == 1
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert len(ids) == 2 and "ok" in ids
    errors = err.strip().splitlines()
    assert len(errors) == 6, err
    assert all(line.startswith("error: ") for line in errors)
    assert "Traceback" not in err
    for name in ("missing.txt", "empty.txt", "binary.txt", "bad.jsonl:2", "notext.csv", "nothing"):
        assert any(name in line for line in errors), (name, errors)


def test_bad_model_file_is_a_clear_error(tmp_path: Path) -> None:
    model = tmp_path / "m.json"
    model.write_text("[]")
    code, _, err = run("score", str(SEED_000), "--model", str(model))
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err


def test_stdin_and_python_dash_m() -> None:
    text = SEED_000.read_text(encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "scorer", "score", "-", "--format", "jsonl"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 1


def test_features_command_lists_the_registry() -> None:
    code, out, _ = run("features", "--format", "json")
    assert code == 0
    assert {row["feature"] for row in json.loads(out)} == set(feature_specs())


def test_help_teaches() -> None:
    code, out, _ = run("score", "--help")
    assert code == 0
    for word in ("--format", "--evidence", ".jsonl", "Examples"):
        assert word in out


def test_scoring_a_text_file_leaves_heavy_libraries_unimported() -> None:
    # Start-up time: HTML extraction, Markdown parsing, the report's templates, training and
    # statistics libraries load only for the commands and inputs that need them.
    program = (
        "import sys; from scorer.cli import main\n"
        "try:\n    main(['score', sys.argv[1], '--format', 'jsonl'])\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "heavy = {'trafilatura', 'lxml', 'markdown_it', 'jinja2', 'sklearn', 'scipy', 'sqlite3',"
        " 'textstat'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", program, str(SEED_000)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


def test_report_and_track_commands_load_when_invoked() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "report" in out and "track" in out
    for command in ("report", "track"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "Usage" in out


def test_unscored_values_are_empty_in_csv_and_a_dash_in_the_table(tmp_path: Path) -> None:
    short = tmp_path / "short.txt"
    short.write_text("Hello there.\n", encoding="utf-8")
    code, out, _ = run("score", str(short), "--format", "csv")
    row = next(csv.DictReader(io.StringIO(out)))
    assert code == 0 and row["score.quality"] == "" and row["score.headline"] == ""
    assert "text too short to score (2 words; at least 50 needed)" in row["warnings"]
    code, out, _ = run("score", str(short), "--format", "table")
    assert code == 0
    cells = next(line for line in out.splitlines() if line.strip().startswith("short.txt")).split()
    assert set(cells[1:]) == {"-"}
    assert "text too short to score" in out
