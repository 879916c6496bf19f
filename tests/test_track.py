import contextlib
import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from statistics import mean, median, stdev

import numpy as np
import pytest
from click.testing import CliRunner
from scipy import stats

from scorer.article import Article
from scorer.model import default_model
from scorer.store import SQLiteStore, StoredArticle
from scorer.track import (
    changes,
    content_hash,
    period_span,
    shift_test,
    source_of,
    track_group,
    trend,
)

ROOT = Path(__file__).parents[1]
# How the tests start `scorer track` in a process of its own.
TRACK = [sys.executable, "-m", "scorer", "track"]
PLACES = ["Riverton", "Lakeside", "Northgate", "Eastfield", "Westbury"]
TOPICS = ["a new bridge", "school funding", "the water supply", "bus routes", "a housing plan"]
OUTLETS = {
    "The Ledger": (
        "{place} council approves {topic}",
        "The {place} council voted on {day:%d %B %Y} to approve {topic}, the council's "
        "spokeswoman said. According to the minutes, {n} residents attended and 12 of 15 "
        'members voted in favour. "We have listened to residents," said chair Maria Lopez. '
        "Work is planned to start next year, and the council will publish its costs.",
    ),
    "Daily Blaze": (
        "SHOCKING: {place} council's {topic} DISASTER!",
        "You won't believe what the {place} council just did! They rammed through {topic} "
        "and everyone is furious!!! This is the worst betrayal ever, a total catastrophe for "
        "all {n} people who showed up. Outrageous! Disgraceful! "
        "Nobody asked for this mess and nobody can stop it now! Wake up, people!",
    ),
    "Courier": (
        "{place} may back {topic}",
        "The {place} council may have approved {topic}, some observers suggested. It is "
        "possible that around {n} residents attended, and it seems the vote was perhaps "
        "close. Reportedly, critics believe the plan could possibly be revised. "
        "Some say the cost might perhaps rise, though that remains rather unclear for now.",
    ),
}


def three_outlets(path: Path) -> Path:
    """Three outlets covering the same 100 events, ten a year from 2014 to 2023 (JSONL)."""
    with path.open("w", encoding="utf-8") as out:
        for outlet, (title, text) in OUTLETS.items():
            for event in range(100):
                day = date(2014 + event // 10, event % 10 + 1, 1 + (event * 7) % 28)
                fields = {
                    "place": PLACES[event % 5],
                    "topic": TOPICS[(event // 5) % 5],
                    "n": 40 + 3 * event,
                    "day": day,
                }
                record = {
                    "id": f"{outlet.split()[-1].lower()}-{event}",
                    "title": title.format(**fields),
                    "text": text.format(**fields),
                    "source": outlet,
                    "published": day.isoformat(),
                }
                out.write(json.dumps(record) + "\n")
    return path


def short_articles(path: Path, count: int, tag: str) -> Path:
    """``count`` distinct short articles from three shared sources (JSONL)."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            record = {
                "id": f"{tag}-{i}",
                "title": f"Council vote {tag} {i}",
                "text": f"The {PLACES[i % 5]} council approved measure {tag}-{i} by {i % 9 + 5} "
                "votes, officials said on Monday. Residents welcomed the decision.",
                "source": ["The Ledger", "Daily Blaze", "Courier"][i % 3],
                "published": (date(2020, 1, 1) + timedelta(days=i % 900)).isoformat(),
            }
            out.write(json.dumps(record) + "\n")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(track_group, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def count_articles(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


# --- identity and metadata ------------------------------------------------------------------


def test_content_hash_ignores_spacing_but_not_words_or_title() -> None:
    base = content_hash(Article(text="The council met.\n\nIt voted.", title="Vote"))
    assert content_hash(Article(text="  The council  met.\nIt voted. ", title="Vote ")) == base
    assert content_hash(Article(text="The council met.\n\nIt voted.", title="Vote")) == base
    assert content_hash(Article(text="The council met.\n\nIt voted!", title="Vote")) != base
    assert content_hash(Article(text="The council met.\n\nIt voted.", title="Other")) != base
    # Headline-only records differ by their titles.
    assert content_hash(Article(text="", title="A")) != content_hash(Article(text="", title="B"))


def test_source_comes_from_metadata_then_url_host_then_the_fallback() -> None:
    assert source_of(Article(text="x", source=" The  Ledger ", url="https://a.org/x"), "F") == (
        "The Ledger"
    )
    assert source_of(Article(text="x", url="https://www.Example.com/news/1"), "F") == (
        "example.com"
    )
    assert source_of(Article(text="x"), " Desk ") == "Desk"
    assert source_of(Article(text="x", url="http://[broken/x"), "Desk") == "Desk"
    assert source_of(Article(text="x", source="  "), None) is None
    assert source_of(Article(text="x"), "") is None


# --- track add ------------------------------------------------------------------------------


def test_three_outlets_give_yearly_trends_and_adding_twice_changes_nothing(
    tmp_path: Path,
) -> None:
    corpus = three_outlets(tmp_path / "outlets.jsonl")
    db = str(tmp_path / "h.sqlite")
    code, _, err = run("add", str(corpus), "--db", db)
    assert code == 0, err
    assert "300 stored, 0 already there, 0 failed" in err
    code, _, err = run("add", str(corpus), "--db", db)
    assert code == 0, err
    assert "0 stored, 300 already there" in err
    assert count_articles(Path(db)) == 300

    yearly: dict[str, dict[str, dict[str, float]]] = {}
    for score in ("sensationalism", "quality"):
        code, out, err = run(
            "trend", "--db", db, "--by", "year", "--score", score, "--format", "json"
        )
        assert code == 0, err
        for row in json.loads(out)["periods"]:
            yearly.setdefault(row["source"], {}).setdefault(row["period"], {})[score] = row["mean"]
            assert row["count"] == 10
    assert set(yearly) == set(OUTLETS)
    for outlet in OUTLETS:
        assert list(yearly[outlet]) == [str(year) for year in range(2014, 2024)]
    for year in map(str, range(2014, 2024)):
        blaze, ledger = yearly["Daily Blaze"][year], yearly["The Ledger"][year]
        assert blaze["sensationalism"] > ledger["sensationalism"]
        assert ledger["quality"] > blaze["quality"]


def test_sources_come_from_front_matter_html_site_names_and_url_hosts(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.md").write_text(
        "---\nsource: Front Matter Times\npublished: 2024-02-03\n---\n"
        "The mayor said on Friday that the bridge would reopen in March.\n",
        encoding="utf-8",
    )
    (inputs / "b.html").write_text(
        '<html><head><meta property="og:site_name" content="Example News">'
        "<title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>"
        "<p>The city's bridge reopened on Monday after two years of repairs, the transport "
        "department said in a statement.</p><p>Traffic was light in the morning, officials "
        "said, and buses returned to their usual routes.</p></article></body></html>",
        encoding="utf-8",
    )
    (inputs / "c.jsonl").write_text(
        json.dumps(
            {"id": "c1", "text": "Talks resumed on Monday.", "url": "https://www.host.org/1"}
        )
        + "\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "h.sqlite")
    code, _, err = run("add", str(inputs), "--db", db, "--date", "2024-05-06")
    assert code == 0, err
    store = SQLiteStore(db)
    by_source = {row.article.source: row.article for row in store.export()}
    assert set(by_source) == {"Front Matter Times", "Example News", "host.org"}
    assert by_source["Front Matter Times"].published == "2024-02-03"  # metadata wins
    assert by_source["host.org"].published == "2024-05-06"  # --date fills the gap


def test_undated_articles_are_stored_with_a_warning_and_bad_inputs_fail_alone(
    tmp_path: Path,
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Officials said on Monday that the talks would resume.\n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00binary")
    nosource = tmp_path / "nosource.jsonl"
    nosource.write_text(json.dumps({"id": "n1", "text": "No source here at all."}) + "\n")
    db = tmp_path / "h.sqlite"
    code, _, err = run(
        "add", str(good), str(binary), str(tmp_path / "missing.txt"), "--db", str(db)
    )
    assert code == 1
    lines = err.splitlines()
    assert any(line.startswith("error: ") and "image.txt: binary file" in line for line in lines)
    assert any(line.startswith("error: ") and "missing.txt: no such file" in line for line in lines)
    assert any("good.txt: no source" in line for line in lines)
    assert count_articles(db) == 0

    code, _, err = run("add", str(good), str(nosource), "--db", str(db), "--source", "Desk")
    assert code == 0, err
    assert "warning: " in err and "good.txt: no published date" in err
    assert "2 stored, 0 already there, 2 undated" in err
    store = SQLiteStore(db)
    [desk] = store.sources(store.models()[-1])
    assert (desk.source, desk.articles, desk.undated) == ("Desk", 2, 2)


def test_implausible_dates_are_stored_with_a_warning_and_left_out_of_trends(
    tmp_path: Path,
) -> None:
    records = tmp_path / "dated.jsonl"
    dates = ["1902-05-03", str(date.today() + timedelta(days=400)), "2016-05-01", "1990-01-01"]
    # Repeated to the length a body is scored at (pipeline.MIN_WORDS).
    text = "Officials said on day {0} that the talks would resume. " * 6
    lines = [
        json.dumps({"id": f"r{i}", "source": "Desk", "published": day, "text": text.format(i)})
        for i, day in enumerate(dates)
    ]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "h.sqlite"
    code, _, err = run("add", str(records), "--db", str(db))
    assert code == 0, err
    warned = [line for line in err.splitlines() if "implausible published date" in line]
    assert [line.split(":")[1].strip() for line in warned] == ["r0", "r1"]
    assert "4 stored, 0 already there, 2 with implausible dates" in err
    store = SQLiteStore(db)
    assert [r["period"] for r in trend(store, by="year")["periods"]] == ["1990", "2016"]


def test_a_bad_date_option_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("add", str(tmp_path), "--db", str(tmp_path / "h.sqlite"), "--date", "soon")
    assert code == 2
    assert "'soon' is not a date" in err


def test_add_shows_progress_when_asked(tmp_path: Path) -> None:
    corpus = short_articles(tmp_path / "a.jsonl", 3, "p")
    code, _, err = run("add", str(corpus), "--db", str(tmp_path / "h.sqlite"), "--progress")
    assert code == 0, err
    assert count_articles(tmp_path / "h.sqlite") == 3


def test_four_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    """Small chunks make many short write transactions contend for the lock. The
    4 x 1,000-article run is benchmarks/track_concurrency.py."""
    db = tmp_path / "h.sqlite"
    per_process = 150
    corpora = [short_articles(tmp_path / f"{tag}.jsonl", per_process, tag) for tag in "abcd"]
    processes = [
        subprocess.Popen(
            [*TRACK, "add", str(corpus), "--db", str(db), "--chunk-size", "10"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for corpus in corpora
    ]
    results = [process.communicate(timeout=120) for process in processes]
    for process, (_, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        assert f"{per_process} stored, 0 already there, 0 failed" in err
    assert count_articles(db) == 4 * per_process


def test_a_killed_run_leaves_a_consistent_database_and_a_rerun_completes_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "h.sqlite"
    total = 1200
    corpus = short_articles(tmp_path / "big.jsonl", total, "k")
    command = [*TRACK, "add", str(corpus), "--db", str(db), "--chunk-size", "50"]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
    stored_at_kill = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            with contextlib.suppress(sqlite3.OperationalError):  # no schema yet
                stored_at_kill = count_articles(db)
        if stored_at_kill >= 100:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert 0 < count_articles(db) < total
    assert count_articles(db) % 50 == 0  # whole chunks only

    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    refs = [row[0] for row in conn.execute("SELECT ref FROM articles")]
    assert sorted(refs) == sorted(f"k-{i}" for i in range(total))
    scored = conn.execute("SELECT count(DISTINCT article_id) FROM scores").fetchone()[0]
    assert scored == total
    conn.close()


# --- trends ---------------------------------------------------------------------------------


def add_values(
    store: SQLiteStore, rows: list[tuple[str, str | None, float]], score: str = "quality"
) -> None:
    """Store (source, published, value of ``score``) rows as articles."""
    store.add(
        [
            StoredArticle(
                content_hash=f"h{i}",
                source=source,
                published=published,
                title=f"Article {i}",
                url=None,
                ref=f"r{i}",
                path=None,
                model="m@1",
                scores={score: value},
            )
            for i, (source, published, value) in enumerate(rows)
        ]
    )


def test_trend_gives_count_mean_median_and_a_t_interval_per_period(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "h.sqlite")
    add_values(
        store,
        [
            ("A", "2024-03-01", 10.0),
            ("A", "2024-03-31", 20.0),
            ("A", "2024-03-15", 60.0),
            ("A", "2024-04-02", 40.0),
            ("A", None, 99.0),
            ("B", "2024-03-04", 70.0),
            ("B", "2024-03-05", 80.0),
        ],
    )
    result = trend(store, by="month")
    rows = {(r["source"], r["period"]): r for r in result["periods"]}
    assert list(rows) == [("A", "2024-03"), ("A", "2024-04"), ("B", "2024-03")]
    march = rows["A", "2024-03"]
    values = [10.0, 20.0, 60.0]
    half = stats.t.ppf(0.975, 2) * stdev(values) / 3**0.5
    assert (march["count"], march["mean"], march["median"]) == (3, mean(values), median(values))
    assert march["ci_low"] == pytest.approx(max(0, mean(values) - half), abs=0.01)
    assert march["ci_high"] == pytest.approx(min(100, mean(values) + half), abs=0.01)
    assert (march["start"], march["end"]) == ("2024-03-01", "2024-03-31")
    april = rows["A", "2024-04"]
    assert (april["count"], april["median"], april["ci_low"], april["ci_high"]) == (
        1,
        40.0,
        None,
        None,
    )
    assert rows["B", "2024-03"]["median"] == 75.0
    assert (rows["B", "2024-03"]["ci_low"], rows["B", "2024-03"]["ci_high"]) == (None, None)
    only_b = trend(store, by="year", source="b")
    assert [(r["source"], r["period"], r["count"]) for r in only_b["periods"]] == [("B", "2024", 2)]


def test_intervals_need_three_articles_and_stay_within_0_100(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "h.sqlite")
    # Two articles of 10 and 90: the t interval would be -468 to 548 (t(0.975, 1) = 12.7).
    add_values(
        store,
        [
            *[("A", "2024-01-02", 10.0), ("A", "2024-01-03", 90.0)],
            *[("B", "2024-01-02", 2.0), ("B", "2024-01-03", 5.0), ("B", "2024-01-04", 95.0)],
        ],
    )
    rows = {r["source"]: r for r in trend(store, by="month")["periods"]}
    assert (rows["A"]["ci_low"], rows["A"]["ci_high"]) == (None, None)
    half = stats.t.ppf(0.975, 2) * stdev([2, 5, 95]) / 3**0.5
    assert mean([2, 5, 95]) - half < 0 and mean([2, 5, 95]) + half > 100
    assert (rows["B"]["ci_low"], rows["B"]["ci_high"]) == (0.0, 100.0)


def test_weeks_run_monday_to_sunday_with_iso_labels(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "h.sqlite")
    add_values(
        store,
        [
            ("A", "2024-12-30", 1.0),  # Monday of ISO week 2025-W01
            ("A", "2025-01-05", 2.0),  # its Sunday
            ("A", "2025-01-06", 3.0),  # next Monday
            ("A", "2024-12-29", 4.0),  # the Sunday before
        ],
    )
    weeks = [
        (r["period"], r["start"], r["end"], r["count"]) for r in trend(store, by="week")["periods"]
    ]
    assert weeks == [
        ("2024-W52", "2024-12-23", "2024-12-29", 1),
        ("2025-W01", "2024-12-30", "2025-01-05", 2),
        ("2025-W02", "2025-01-06", "2025-01-12", 1),
    ]


def test_period_spans_end_on_the_last_day() -> None:
    december = (2023 - 1970) * 12 + 11
    assert period_span(december, "month") == ("2023-12", date(2023, 12, 1), date(2023, 12, 31))
    assert period_span(december + 2, "month")[2] == date(2024, 2, 29)
    assert period_span(2024 - 1970, "year") == ("2024", date(2024, 1, 1), date(2024, 12, 31))


def test_query_errors_are_one_line_with_exit_status_2(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    code, _, err = run("trend", "--db", str(db))
    assert (code, err.count("\n")) == (2, 1)
    assert "no history database here" in err and not db.exists()
    store = SQLiteStore(db)
    code, _, err = run("trend", "--db", str(db))
    assert code == 2 and "the history is empty" in err
    add_values(store, [("A", "2024-01-01", 1.0)])
    code, _, err = run("trend", "--db", str(db), "--score", "clarity")
    assert code == 2 and "no score 'clarity' stored for m@1; stored: quality" in err
    code, _, err = run("trend", "--db", str(db), "--source", "Nobody")
    assert code == 2 and "no source 'Nobody' in the history (1 sources" in err
    code, _, err = run("changes", "--db", str(db), "--model-label", "other@2")
    assert code == 2 and "no scores by model 'other@2'; stored: m@1" in err


def test_trend_and_sources_print_tables_and_csv(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    store = SQLiteStore(db)
    store.add(
        [
            StoredArticle(f"h{i}", "A", day, None, None, None, None, "m@1", scores)
            for i, (day, scores) in enumerate(
                [
                    ("2024-01-01", {"quality": 10.0, "propaganda": 5.0, "hedging": 1.0}),
                    ("2024-01-09", {"quality": 30.0, "propaganda": 7.0, "hedging": 3.0}),
                    (None, {"quality": 50.0, "propaganda": 9.0, "hedging": 5.0}),
                ]
            )
        ]
    )
    code, out, _ = run("trend", "--db", str(db), "--format", "csv")
    assert code == 0
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert (row["source"], row["period"], row["count"], row["mean"]) == (
        "A",
        "2024-01",
        "2",
        "20.0",
    )
    code, out, _ = run("sources", "--db", str(db), "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row == {
        "source": "A",
        "articles": "3",
        "undated": "1",
        "first": "2024-01-01",
        "last": "2024-01-09",
        "mean.quality": "30.0",
        "mean.propaganda": "7.0",
        "mean.hedging": "3.0",
    }
    code, out, _ = run("sources", "--db", str(db))
    assert code == 0 and "2024-01-09" in out and "30.0" in out and "7.0" in out
    assert "hedging" not in out  # a table shows quality and propaganda unless told
    code, out, _ = run("sources", "--db", str(db), "--score", "hedging", "--format", "json")
    assert json.loads(out)["sources"][0]["mean"] == {"hedging": 3.0}
    code, out, _ = run("trend", "--db", str(db), "--by", "week", "--score", "hedging")
    assert code == 0 and "2024-W02" in out
    code, out, _ = run("changes", "--db", str(db))
    assert (code, out) == (
        0,
        "quality changes by month: no period could be tested: A has 0 months with >= 5 "
        "articles, 7 needed (6 as history, 1 to test); more dated articles are needed\n",
    )


# --- change detection -----------------------------------------------------------------------


def simulate_periods(
    rng: np.random.Generator, sources: int, periods: int, tau: float, sigma: float = 15.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per-period counts, means and variances of stationary sources: each period's true
    mean wanders by ``tau`` around 50 (news cycles), articles scatter by ``sigma``."""
    source_id = np.repeat(np.arange(sources), periods)
    count = np.maximum(rng.poisson(30, sources * periods), 5)
    means = rng.normal(50 + rng.normal(0, tau, count.size), sigma / np.sqrt(count))
    variances = sigma**2 * rng.chisquare(count - 1) / (count - 1)
    return source_id, count, means, variances


@pytest.mark.parametrize("tau", [0.0, 4.0])
def test_a_stationary_history_is_flagged_at_most_at_the_stated_rate(tau: float) -> None:
    rng = np.random.default_rng(7)
    source_id, count, means, variances = simulate_periods(rng, 400, 48, tau)
    test = shift_test(source_id, count, means, variances, window=24, min_history=6, min_articles=5)
    tested = ~np.isnan(test.p_value)
    assert tested.sum() == 400 * (48 - 6)
    alpha = 0.01
    rate = np.mean(test.p_value[tested] < alpha)
    assert rate < 1.5 * alpha  # 16,800 tests: sd of the rate at 0.01 is 0.0008


def test_a_moved_period_is_flagged_with_the_articles_that_moved_it(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    rows: list[tuple[str, str | None, float]] = []
    for month in range(30):
        start = date(2021 + month // 12, month % 12 + 1, 1)
        for source in ("Steady", "Moving"):
            for day in range(20):
                rows.append((source, (start + timedelta(days=day)).isoformat(), rng.normal(50, 8)))
    moved = len(rows)
    rows += [("Moving", f"2022-09-1{i}", 98.0 - i) for i in range(6)]
    store = SQLiteStore(tmp_path / "h.sqlite")
    add_values(store, rows)
    result = changes(store, by="month")
    assert result["tested"] == 2 * (30 - 6)
    [change] = result["changes"]
    assert (change["source"], change["period"], change["direction"]) == ("Moving", "2022-09", "up")
    assert change["count"] == 26
    assert change["shift"] > 5
    drivers = change["drivers"]
    assert [d["id"] for d in drivers] == [f"r{moved + i}" for i in range(5)]
    assert drivers[0]["value"] == 98.0
    assert sum(d["share"] for d in drivers) == pytest.approx(
        sum(d["contribution"] for d in drivers) / change["shift"], abs=0.05
    )
    assert changes(store, by="month", source="Steady")["changes"] == []


def test_changes_print_as_csv_with_their_drivers(tmp_path: Path) -> None:
    rows: list[tuple[str, str | None, float]] = [
        ("A", f"{2000 + year}-06-01", 40.0 + (i % 3) * 5) for year in range(8) for i in range(6)
    ]
    rows += [("A", "2008-06-01", 95.0)] * 6
    db = tmp_path / "h.sqlite"
    add_values(SQLiteStore(db), [(s, d, v + i * 1e-3) for i, (s, d, v) in enumerate(rows)])
    code, out, err = run("changes", "--db", str(db), "--by", "year", "--format", "csv")
    assert code == 0, err
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert (row["period"], row["direction"], row["baseline_periods"]) == ("2008", "up", "8")
    assert row["drivers"].startswith("Article ")


def test_a_28_to_83_jump_after_six_months_is_flagged_at_the_default_alpha(
    tmp_path: Path,
) -> None:
    # Issue 12: six months of 6 articles at 28 +- 15, then a month at 83, was reported as
    # within what the history explains: at alpha 0.001 the t reference with 5 degrees of
    # freedom is too wide (see ALPHA's note and benchmarks/track_false_alarms.py).
    rng = np.random.default_rng(29)
    rows = [
        ("Outlet", f"2024-{month:02d}-{day + 1:02d}", float(value))
        for month, level in enumerate([28.0] * 6 + [83.0], 1)
        for day, value in enumerate(np.clip(rng.normal(level, 15, 6), 0, 100))
    ]
    store = SQLiteStore(tmp_path / "h.sqlite")
    add_values(store, rows, score="propaganda")
    assert mean(v for _, d, v in rows[:36]) == pytest.approx(28, abs=1)
    assert mean(v for _, d, v in rows[36:]) == pytest.approx(83, abs=1)
    assert changes(store, score="propaganda", alpha=0.001)["changes"] == []  # the miss
    result = changes(store, score="propaganda")
    assert result["tested"] == 1
    [change] = result["changes"]
    assert (change["period"], change["direction"], change["baseline_periods"]) == (
        "2024-07",
        "up",
        6,
    )


def test_when_nothing_can_be_tested_changes_say_why_and_what_to_try(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    # Four months of 5 articles, then four of 3: too few months of 5 for a test.
    rows = [("A", f"2024-{m:02d}-0{i + 1}", 30.0 + i) for m in range(1, 9) for i in range(5)]
    add_values(SQLiteStore(db), [row for row in rows if row[1] < "2024-05" or row[2] < 33])
    code, out, err = run("changes", "--db", str(db))
    assert (code, out, err) == (
        0,
        "quality changes by month: no period could be tested: A has 4 months with >= 5 "
        "articles, 7 needed (6 as history, 1 to test); try --min-articles 3\n",
        "",
    )
    code, out, err = run("changes", "--db", str(db), "--format", "csv")
    assert (out, err.startswith("note: no period could be tested: A has 4 months")) == ("", True)
    code, out, _ = run("changes", "--db", str(db), "--min-articles", "3", "--format", "json")
    assert (json.loads(out)["tested"], json.loads(out)["untested"]) == (2, None)
    # Two articles a week, Monday and Thursday, for 8 months: weeks too thin, months not.
    monday = date(2024, 1, 1)
    rows = [
        ("C", (monday + timedelta(days=7 * week + day)).isoformat(), 50.0 + day)
        for week in range(35)
        for day in (0, 3)
    ]
    add_values(SQLiteStore(tmp_path / "c.sqlite"), [*rows, ("D", "2024-01-01", 1.0)])
    code, out, _ = run("changes", "--db", str(tmp_path / "c.sqlite"), "--by", "week")
    assert out == (
        "quality changes by week: no period could be tested: the best-covered source, C, has "
        "0 weeks with >= 5 articles, 7 needed (6 as history, 1 to test); try --by month or "
        "--min-articles 2\n"
    )
    code, _, err = run("changes", "--db", str(db), "--min-articles", "1")
    assert code == 2 and "--min-articles" in err


# --- export ---------------------------------------------------------------------------------


def test_export_writes_one_row_per_article_and_model(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    add_values(SQLiteStore(db), [("A", "2024-01-01", 10.0), ("B", None, 30.0)])
    code, _, err = run("export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "o.csv"))
    assert code == 0 and "2 rows" in err
    rows = list(csv.DictReader((tmp_path / "o.csv").open(encoding="utf-8")))
    assert [(r["source"], r["published"], r["model"], r["score.quality"]) for r in rows] == [
        ("A", "2024-01-01", "m@1", "10.0"),
        ("B", "", "m@1", "30.0"),
    ]
    code, _, _ = run(
        "export",
        "--db",
        str(db),
        "--format",
        "jsonl",
        "-o",
        str(tmp_path / "o.jsonl"),
        "--source",
        "b",
    )
    [record] = [json.loads(line) for line in (tmp_path / "o.jsonl").open(encoding="utf-8")]
    assert (record["id"], record["source"], record["scores"]) == ("r1", "B", {"quality": 30.0})


def test_parquet_export_without_pyarrow_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite"
    add_values(SQLiteStore(db), [("A", "2024-01-01", 10.0)])
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    code, _, err = run(
        "export", "--db", str(db), "--format", "parquet", "-o", str(tmp_path / "o.pq")
    )
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("error: Parquet export needs pyarrow: pip install 'scorer[parquet]'")


def test_parquet_export_reads_back(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    db = tmp_path / "h.sqlite"
    add_values(SQLiteStore(db), [("A", "2024-01-01", 10.0), ("B", None, 30.0)])
    code, _, err = run(
        "export", "--db", str(db), "--format", "parquet", "-o", str(tmp_path / "o.pq")
    )
    assert code == 0, err
    table = parquet.read_table(tmp_path / "o.pq").to_pylist()
    assert [(r["source"], r["published"], r["score.quality"]) for r in table] == [
        ("A", "2024-01-01", 10.0),
        ("B", None, 30.0),
    ]
    assert os.path.getsize(tmp_path / "o.pq") > 0


def test_export_without_output_or_with_dash_writes_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite"
    add_values(SQLiteStore(db), [("A", "2024-01-01", 10.0), ("B", None, 30.0)])
    monkeypatch.chdir(tmp_path)
    code, out, err = run("export", "--db", str(db), "--format", "csv")
    assert code == 0, err
    assert [r["source"] for r in csv.DictReader(io.StringIO(out))] == ["A", "B"]
    assert err == "standard output: 2 rows\n"
    code, out, err = run("export", "--db", str(db), "--format", "jsonl", "-o", "-")
    assert code == 0, err
    assert [json.loads(line)["scores"] for line in out.splitlines()] == [
        {"quality": 10.0},
        {"quality": 30.0},
    ]
    assert not (tmp_path / "-").exists()


def test_parquet_to_standard_output_is_a_one_line_error(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    add_values(SQLiteStore(db), [("A", "2024-01-01", 10.0)])
    code, out, err = run("export", "--db", str(db), "--format", "parquet")
    assert (code, out) == (2, "")
    assert err == "error: Parquet is binary, not for standard output: give -o FILE\n"


def test_unknown_source_suggests_close_names_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    store = SQLiteStore(db)
    names = [f"Outlet {i}" for i in range(283)] + ["Reuters", "Reuters Asia"]
    add_values(store, [(name, "2024-01-01", 1.0) for name in names])
    for command in (["trend"], ["changes"], ["export", "-o", str(tmp_path / "x.csv")]):
        code, _, err = run(*command, "--db", str(db), "--source", "Reutres")
        assert (code, err.count("\n")) == (2, 1)
        assert "did you mean 'Reuters'" in err and "Outlet 200" not in err
    code, out, _ = run("trend", "--db", str(db), "--source", "reuters")
    assert code == 0 and "Reuters" in out


def test_a_short_article_is_stored_unscored_and_left_out_of_trends(tmp_path: Path) -> None:
    corpus = three_outlets(tmp_path / "outlets.jsonl")
    with corpus.open("a", encoding="utf-8") as out:
        record = {"id": "tiny", "title": "Brief", "text": "Hello.", "source": "The Ledger"}
        out.write(json.dumps({**record, "published": "2014-01-01"}) + "\n")
    db = str(tmp_path / "h.sqlite")
    code, _, err = run("add", str(corpus), "--db", db)
    assert code == 0, err
    assert "301 stored" in err
    code, out, err = run(
        "trend", "--db", db, "--by", "year", "--score", "quality", "--format", "json"
    )
    assert code == 0, err
    ledger = [r for r in json.loads(out)["periods"] if r["source"] == "The Ledger"]
    assert ledger and ledger[0]["period"] == "2014"
    assert all(row["count"] == 10 for row in ledger)
    conn = sqlite3.connect(db)
    nulls = conn.execute("SELECT count(*) FROM scores WHERE value IS NULL").fetchone()[0]
    conn.close()
    assert nulls == len(default_model().scores) - 1  # all but its headline's score
