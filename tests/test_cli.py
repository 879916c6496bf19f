import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorer import __version__
from scorer.cli import cli
from scorer.registry import feature_specs
from scorer.techniques import TECHNIQUES

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


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_seed_record_has_every_design_score_and_exact_spans() -> None:
    code, out, err = run("score", str(SEED_000), "--format", "json", "--evidence", "--explain")
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
    assert {"family", "kind", "start", "end", "text", "technique"} == set(record["evidence"][0])
    techniques = {e["technique"] for e in record["evidence"]} - {None}
    assert techniques and techniques <= set(TECHNIQUES)


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


def test_sentences_flag_scores_each_prose_sentence_even_in_too_short_text() -> None:
    code, out, err = run("score", str(SEED_000), "--format", "jsonl", "--sentences")
    assert code == 0, err
    record = json.loads(out)
    text = SEED_000.read_text(encoding="utf-8")
    sentences = record["sentences"]
    assert len(sentences) > 10
    assert [s["start"] for s in sentences] == sorted(s["start"] for s in sentences)
    for s in sentences:
        assert text[s["start"] : s["end"]] == s["text"]
        assert set(s) == {"start", "end", "text", "propaganda", "loaded_wording"}
        assert 0 <= s["propaganda"] <= 100 and 0 <= s["loaded_wording"] <= 100
    # Loaded wording reads higher than a plain report; a one-line text has no article
    # scores but its sentence is still scored.
    short = "Globalist traitors and radical thugs are DESTROYING our great nation!"
    code, out, _ = run("score", "-", "--format", "jsonl", "--sentences", input=short)
    record = json.loads(out)
    assert record["scores"]["propaganda"] is None
    [loaded] = record["sentences"]
    calm = "The council approved the budget for the new library on Tuesday."
    code, out, _ = run("score", "-", "--format", "jsonl", "--sentences", input=calm)
    [plain] = json.loads(out)["sentences"]
    assert loaded["loaded_wording"] > plain["loaded_wording"]
    assert loaded["propaganda"] > plain["propaganda"]
    code, out, _ = run("score", str(SEED_000), "--format", "jsonl")
    assert "sentences" not in json.loads(out)


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


def test_explanations_are_opt_in_with_explain() -> None:
    code, out, err = run("score", str(SEEDS), "--format", "jsonl", "--jobs", "1")
    assert code == 0, err
    plain = [json.loads(line) for line in out.splitlines()]
    assert len(plain) == 5 and all("explanations" not in r for r in plain)
    code, out, err = run("score", str(SEEDS), "--format", "jsonl", "--jobs", "1", "--explain")
    assert code == 0, err
    explained = [json.loads(line) for line in out.splitlines()]
    for short, full in zip(plain, explained, strict=True):
        assert set(full["explanations"]) == set(full["scores"])
        assert {k: v for k, v in full.items() if k != "explanations"} == short
    assert len(out) > 2 * sum(len(json.dumps(r, ensure_ascii=False)) for r in plain)


def test_dash_output_is_standard_output_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("score", str(SEED_000), "--format", "jsonl", "-o", "-")
    assert code == 0, err
    assert json.loads(out)["path"] == str(SEED_000)
    code, out, err = run("report", str(SEEDS), "-o", "-", "--jobs", "1")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>") and out.count('<article class="article"') == 5
    assert err == "wrote standard output: 5 articles, 1 story\n"  # stdout is the page alone
    assert not (tmp_path / "-").exists() and not (tmp_path / "report.html").exists()


def test_a_split_report_to_standard_output_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("report", str(SEED_000), "--split", "-o", "-")
    assert (code, out) == (2, "")
    assert err == "error: a split report is a folder, not standard output: give -o NAME\n"
    assert list(tmp_path.iterdir()) == []


def test_report_jobs_gives_the_same_report(tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    corpus = tmp_path / "c.jsonl"
    with corpus.open("w", encoding="utf-8") as out:  # over one chunk: the pool is used
        for i in range(20):
            out.write(json.dumps({"id": f"r{i}", "text": texts[i % 5] + f"\nCopy {i}."}) + "\n")
    data = {}
    for jobs in ("1", "2"):
        page, data_path = tmp_path / f"r{jobs}.html", tmp_path / f"r{jobs}.json"
        code, _, err = run(
            "report", str(corpus), "-o", str(page), "--data", str(data_path), "-j", jobs
        )
        assert code == 0, err
        loaded = json.loads(data_path.read_text(encoding="utf-8"))
        loaded.pop("generated", None)
        data[jobs] = loaded
    assert [a["id"] for a in data["2"]["articles"]] == [f"r{i}" for i in range(20)]
    assert data["1"] == data["2"]


def test_report_and_score_share_the_jobs_option() -> None:
    helps = [run(command, "--help")[1] for command in ("score", "report")]
    for text in helps:
        assert "-j, --jobs INTEGER RANGE" in text and "default: every core" in text


def test_help_lists_extensions_sorted_whatever_the_hash_seed() -> None:
    outputs = set()
    for seed in ("1", "2", "3"):
        proc = subprocess.run(
            [sys.executable, "-m", "scorer", "score", "--help"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed, "COLUMNS": "200"},
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1
    listed = " ".join(outputs.pop().split()).split("Supported files: ")[1].split(". An ")[0]
    extensions = listed.split(", ")
    assert extensions == sorted(extensions) and ".jsonl" in extensions


def test_dash_capital_v_prints_the_version() -> None:
    for flag in ("-V", "--version"):
        code, out, _ = run(flag)
        assert (code, out) == (0, f"scorer, version {__version__}\n")
