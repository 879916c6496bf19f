"""The trend report (``scorer track report``): its data built from the history, the page it
renders (escaped, under the report's policy), and that page in headless Chromium."""

import base64
import hashlib
import importlib.util
import json
import re
from datetime import date, timedelta
from pathlib import Path
from statistics import stdev
from typing import Any

import numpy as np
import pytest
from scipy import stats
from test_render import CANARY, Page, Tables
from test_track import add_values, run, three_outlets

from scorer.render import TRENDS, content_security_policy, shipped_templates
from scorer.store import SQLiteStore, StoredArticle
from scorer.track import leaderboard, period_of, period_span
from scorer.trends_report import WIDTH, build_trends, write_trends

BROWSER = importlib.util.find_spec("selenium") is not None
if BROWSER:  # the report's browser tests' Chromium, and their checks
    from test_report_browser import (  # noqa: F401 (browser is a fixture)
        CHROMEDRIVER,
        CHROMIUM,
        assert_quiet,
        browser,
        open_page,
    )

    BROWSER = CHROMIUM is not None and CHROMEDRIVER is not None

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
HOSTILE_SOURCE = f"<svg onload=\"window.{CANARY}='source'\">Evil Source</svg>"
HOSTILE_TITLE = f'<script>window.{CANARY}="title"</script><img src=x onerror="window.{CANARY}=1">'
JAVASCRIPT_URL = f"javascript:window.{CANARY}='url'"
QUOTED_URL = f'https://example.com/?q="><script>window.{CANARY}=2</script>'
LEVELS = {  # (quality, propaganda) around which each outlet's articles scatter
    "The Ledger": (72.0, 15.0),
    "Daily Blaze": (24.0, 78.0),
    "Courier": (52.0, 36.0),
    HOSTILE_SOURCE: (45.0, 50.0),
}


def history(db: Path) -> SQLiteStore:
    """Four sources, six articles a month from 2018 to 2023, with quality and propaganda.

    The Courier's quality drops by 30 points from June 2022 on; in March 2023 the hostile
    source publishes six extra articles of propaganda 99 with markup for titles and hostile
    urls. Both are changes the history cannot explain.
    """
    rng = np.random.default_rng(11)
    rows: list[StoredArticle] = []

    def add(source: str, day: date, quality: float, propaganda: float, **meta: Any) -> None:
        number = len(rows)
        rows.append(
            StoredArticle(
                content_hash=f"t{number}",
                source=source,
                published=day.isoformat(),
                title=meta.get("title", f"{source} story {number}"),
                url=meta.get("url", f"https://news.example/{number}"),
                ref=f"id-{number}",
                path=None,
                model="m@1",
                scores={
                    "quality": float(np.clip(quality, 0, 100)),
                    "propaganda": float(np.clip(propaganda, 0, 100)),
                },
            )
        )

    for month in range(72):
        start = date(2018 + month // 12, month % 12 + 1, 1)
        for source, (quality, propaganda) in LEVELS.items():
            if source == "Courier" and start >= date(2022, 6, 1):
                quality -= 30
            for i in range(6):
                add(
                    source,
                    start + timedelta(days=4 * i),
                    rng.normal(quality, 10),
                    rng.normal(propaganda, 10),
                )
    for i, url in enumerate([JAVASCRIPT_URL, QUOTED_URL, None, "http://ok.example/a b"] * 2):
        add(HOSTILE_SOURCE, date(2023, 3, 2 + i), 40.0, 99.0, title=HOSTILE_TITLE, url=url)
    store = SQLiteStore(db)
    store.add(rows)
    return store


# --- queries --------------------------------------------------------------------------------


def test_period_of_is_the_inverse_of_period_span() -> None:
    for by in ("week", "month", "year"):
        for index in (-3, 0, 1, 600, 2712):
            _, start, end = period_span(index, by)
            assert period_of(start, by) == index == period_of(end, by), (by, index)


def test_leaderboard_ranks_sources_over_the_same_last_periods(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "h.sqlite")
    add_values(
        store,
        [
            ("A", "2024-01-10", 40.0),
            ("A", "2024-02-10", 50.0),
            ("A", "2024-03-05", 60.0),
            ("A", "2024-03-20", 70.0),
            ("B", "2023-12-31", 90.0),
            ("B", "2024-02-01", 80.0),
            ("B", "2024-03-31", 30.0),
            ("C", "2023-11-15", 99.0),  # stopped before the window: not ranked on it
            ("D", None, 100.0),  # undated: in no trend
        ],
    )
    board = leaderboard(store, by="month", last=2, min_articles=1)
    assert board["window"] == {
        "first": "2024-02",
        "last": "2024-03",
        "start": "2024-02-01",
        "end": "2024-03-31",
    }
    assert (board["before"]["first"], board["before"]["last"]) == ("2023-12", "2024-01")
    rows = board["sources"]
    assert [(r["rank"], r["source"], r["count"]) for r in rows] == [
        (1, "A", 3),
        (2, "B", 2),
        (None, "C", 0),
    ]
    a, b, c = rows
    half = stats.t.ppf(0.975, 2) * stdev([50, 60, 70]) / 3**0.5
    assert (a["mean"], a["before_mean"], a["change"]) == (60.0, 40.0, 20.0)
    assert (a["ci_low"], a["ci_high"]) == pytest.approx((60 - half, 60 + half), abs=0.01)
    assert (b["mean"], b["before_count"], b["change"]) == (55.0, 1, -35.0)
    assert (c["mean"], c["ci_low"], c["before_mean"], c["last"]) == (None, None, None, "2023-11-15")
    assert leaderboard(store, by="year")["window"]["first"] == "2022"  # three years unless told


def test_leaderboard_last_on_round_trips_dates_before_1970(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("scorer.track.EARLIEST", date(1800, 1, 1))  # take these dates as real
    store = SQLiteStore(tmp_path / "h.sqlite")
    add_values(
        store,
        [("Old", "1902-05-03", 50.0), ("Eve", "1969-12-31", 60.0), ("New", "2024-03-05", 70.0)],
    )
    rows = {r["source"]: r for r in leaderboard(store, by="month", min_articles=1)["sources"]}
    assert (rows["Old"]["last"], rows["Eve"]["last"]) == ("1902-05-03", "1969-12-31")
    assert [r["source"] for r in rows.values()] == ["New", "Eve", "Old"]  # newest stale first


def test_leaderboard_lists_sources_below_min_articles_after_the_ranked(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "h.sqlite")
    busy = [("Busy", f"2024-03-0{d}", 40.0 + d) for d in range(1, 6)]
    add_values(store, [*busy, ("One", "2024-03-02", 99.0), ("Two", "2024-03-03", 95.0),
                       ("Two", "2024-03-04", 97.0)])  # fmt: skip
    rows = leaderboard(store, by="month")["sources"]  # default: at least 5 articles
    assert [(r["rank"], r["source"], r["few"]) for r in rows] == [
        (1, "Busy", False),
        (None, "Two", True),
        (None, "One", True),
    ]
    ranked = leaderboard(store, by="month", min_articles=1)["sources"]
    assert [(r["rank"], r["source"]) for r in ranked] == [(1, "One"), (2, "Two"), (3, "Busy")]


# --- report data ----------------------------------------------------------------------------


def test_busy_sources_are_charted_busiest_first_and_implausible_dates_kept_out(
    tmp_path: Path,
) -> None:
    store = SQLiteStore(tmp_path / "h.sqlite")
    recent = [("A", f"2017-0{m}-1{d}", 40.0 + d) for m in range(1, 4) for d in range(4)]
    add_values(
        store,
        [
            ("A", "1902-05-03", 10.0),  # a stray date: not charted, listed
            *recent,  # twelve articles of A
            *[("B", f"2018-0{m}-01", 60.0) for m in range(1, 10)],  # nine: too few to chart
            *[("C", f"2016-01-{d:02d}", 70.0) for d in range(1, 11)],  # ten
        ],
    )
    data = build_trends(store, by="month")
    assert [(s["source"], s["dated"]) for s in data["sources"]] == [("A", 12), ("C", 10)]
    assert [(s["source"], s["dated"]) for s in data["uncharted"]] == [("B", 9)]
    assert data["implausible"] == [{"source": "A", "published": "1902-05-03"}]
    assert data["summary"]["first"] == "2016-01-01"
    [a_chart] = data["sources"][0]["charts"]
    assert [p["period"] for p in a_chart["points"]] == ["2017-01", "2017-02", "2017-03"]
    assert [t["label"] for t in a_chart["axis"]["x_ticks"]] == ["2017-01", "2017-02", "2017-03"]
    html = Path(tmp_path / "t.html")
    write_trends(data, html)
    text = html.read_text(encoding="utf-8")
    assert text.count('<svg class="trend"') == 2
    assert "1 article with an implausible date (before 1990-01-01 or in the future)" in text
    assert '<tr id="' in text and "not charted" in text


def test_each_chart_has_its_own_time_axis_and_breaks_where_periods_are_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("scorer.trends_report.MIN_CHARTED", 1)  # chart these few articles
    store = SQLiteStore(tmp_path / "h.sqlite")
    add_values(
        store,
        [
            ("A", "2024-01-05", 40.0),
            ("A", "2024-01-20", 50.0),
            ("A", "2024-01-25", 45.0),
            ("A", "2024-02-10", 60.0),  # one article: no interval
            ("A", "2024-04-02", 30.0),  # after a month without articles
            ("A", "2024-04-03", 34.0),
            ("A", "2024-04-04", 32.0),
            ("B", "2024-02-01", 80.0),
            ("B", "2024-02-02", 90.0),
        ],
    )
    data = build_trends(store, by="month")
    assert [score["name"] for score in data["scores"]] == ["quality"]  # what the history holds
    view = data["view"]
    [chart_a], [chart_b] = (source["charts"] for source in data["sources"])
    x = {p["period"]: p["x"] for p in chart_a["points"]}
    assert list(x) == ["2024-01", "2024-02", "2024-04"]
    step = x["2024-02"] - x["2024-01"]
    assert x["2024-04"] - x["2024-02"] == pytest.approx(2 * step, abs=0.2)
    assert x["2024-01"] - step / 2 == pytest.approx(view["left"], abs=0.2)
    assert x["2024-04"] + step / 2 == pytest.approx(view["right"], abs=0.2)
    # B's one month fills its own chart, on B's own values (80 and 90, interval-less).
    assert chart_b["points"][0]["x"] == pytest.approx((view["left"] + view["right"]) / 2, abs=0.2)
    assert [t["label"] for t in chart_b["axis"]["x_ticks"]] == ["2024-02"]
    assert (chart_b["axis"]["low"], chart_b["axis"]["high"]) == (70.0, 100.0)
    # A's own: April's interval 32 +- 4.97 down to 27, February's mean 60 up.
    assert (chart_a["axis"]["low"], chart_a["axis"]["high"]) == (20.0, 60.0)
    [line] = chart_a["lines"]  # January to February; April stands alone
    assert line.split() == [f"{p['x']:g},{p['y']:g}" for p in chart_a["points"][:2]]
    bands = [[tuple(map(float, c.split(","))) for c in band.split()] for band in chart_a["bands"]]
    assert len(bands) == 2  # January and April: February's one article gives no interval
    for band, point in zip(bands, [chart_a["points"][0], chart_a["points"][2]], strict=True):
        xs, ys = [c[0] for c in band], [c[1] for c in band]
        assert (min(xs), max(xs)) == pytest.approx((point["x"] - step / 2, point["x"] + step / 2))
        assert min(ys) < point["y"] < max(ys)  # the dot sits inside its interval


def test_the_value_axis_covers_means_and_intervals_in_tens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("scorer.trends_report.MIN_CHARTED", 1)
    store = SQLiteStore(tmp_path / "h.sqlite")
    add_values(store, [("A", f"2024-0{m}-0{d}", 50.0 + 2 * d) for m in (1, 2) for d in (1, 2, 3)])
    [[chart]] = (source["charts"] for source in build_trends(store, by="month")["sources"])
    # Monthly means 54, intervals 49.0 to 59.0: the axis runs from 40 to 60.
    assert (chart["axis"]["low"], chart["axis"]["high"]) == (40.0, 60.0)
    assert [tick["label"] for tick in chart["axis"]["y_ticks"]] == [40, 50, 60]
    assert [tick["label"] for tick in chart["axis"]["x_ticks"]] == ["2024-01", "2024-02"]


def test_flagged_changes_mark_their_periods_and_link_only_web_addresses(tmp_path: Path) -> None:
    data = build_trends(history(tmp_path / "h.sqlite"), by="month")
    assert [score["name"] for score in data["scores"]] == ["quality", "propaganda"]
    found = data["changes"]
    assert [c["start"] for c in found] == sorted((c["start"] for c in found), reverse=True)
    summary = [(c["source"], c["score"], c["period"], c["direction"]) for c in found]
    assert summary[0] == (HOSTILE_SOURCE, "propaganda", "2023-03", "up")
    assert ("Courier", "quality", "2022-06", "down") in summary
    assert not any(c["better"] for c in found)  # more propaganda, less quality
    charts = {ch["key"]: ch for s in data["sources"] for ch in s["charts"]}
    marked = {(ch, p["period"]): p["change"] for ch in charts for p in charts[ch]["points"]}
    assert {k: v for k, v in marked.items() if v} == {
        (c["chart"], c["period"]): c["key"] for c in found
    }
    drivers = found[0]["drivers"]
    assert {d["title"] for d in drivers} == {HOSTILE_TITLE}
    assert {d["url"]: d["link"] for d in drivers} == {
        JAVASCRIPT_URL: None,
        QUOTED_URL: QUOTED_URL,
        None: None,
        "http://ok.example/a b": None,
    }
    boards = [score["leaderboard"]["sources"] for score in data["scores"]]
    keys = {s["source"]: s["key"] for s in data["sources"]}
    assert all(row["key"] == keys[row["source"]] for rows in boards for row in rows)
    assert (boards[0][0]["source"], boards[1][0]["source"]) == ("The Ledger", "Daily Blaze")


def test_three_outlets_scored_and_reported_by_year(tmp_path: Path) -> None:
    corpus = three_outlets(tmp_path / "outlets.jsonl")
    db, page, data = (str(tmp_path / name) for name in ("h.sqlite", "t.html", "t.json"))
    code, _, err = run("add", str(corpus), "--db", db)
    assert code == 0, err
    code, out, err = run("report", "--db", db, "--by", "year", "-o", page, "--data", data)
    assert code == 0, err
    result = json.loads(Path(data).read_text(encoding="utf-8"))
    assert (
        out
        == f"wrote {page}: 3 sources, {len(result['changes'])} flagged changes, data in {data}\n"
    )
    for source in result["sources"]:
        for chart in source["charts"]:
            assert [p["period"] for p in chart["points"]] == [str(y) for y in range(2014, 2024)]
            assert {p["count"] for p in chart["points"]} == {10}
    quality, propaganda = (s["leaderboard"]["sources"] for s in result["scores"])
    assert [r["source"] for r in quality][::2] == ["The Ledger", "Daily Blaze"]
    assert [r["source"] for r in propaganda][::2] == ["Daily Blaze", "The Ledger"]
    assert all(r["count"] == 30 for r in quality)  # the last three years, ten a year
    html = Path(page).read_text(encoding="utf-8")
    assert html.count('<svg class="trend"') == 6


def test_report_min_articles_is_an_option(tmp_path: Path) -> None:
    code, out, _ = run("report", "--help")
    assert code == 0 and "--min-articles" in out and "default: 5" in out
    db, data = tmp_path / "h.sqlite", tmp_path / "t.json"
    history(db).close()
    code, _, err = run("report", "--db", str(db), "-o", str(tmp_path / "t.html"),
                       "--data", str(data), "--min-articles", "100")  # fmt: skip
    assert code == 0, err
    board = json.loads(data.read_text(encoding="utf-8"))["scores"][0]["leaderboard"]
    assert board["min_articles"] == 100
    assert all(r["rank"] is None and r["few"] for r in board["sources"])  # 72 articles a year


def test_a_history_too_short_to_test_says_so_instead_of_no_change(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "h.sqlite")
    add_values(store, [("A&<b>", f"2024-0{m}-0{d}", 40.0 + d) for m in (1, 2) for d in range(1, 6)])
    data = build_trends(store, by="month")
    assert data["test"]["untested"] == (
        "no period could be tested: A&<b> has 2 months with >= 5 articles, 7 needed "
        "(6 as history, 1 to test); more dated articles are needed"
    )
    write_trends(data, tmp_path / "t.html")
    html = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert "No change flagged, because no period could be tested: A&amp;&lt;b&gt; has 2" in html
    assert "stayed within what its source" not in html


# --- the page -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The history's trend report, with its data beside it (``trends.json``)."""
    folder = tmp_path_factory.mktemp("trends")
    history(folder / "h.sqlite").close()
    out = folder / "trends.html"
    code, _, err = run(
        "report",
        "--db",
        str(folder / "h.sqlite"),
        "-o",
        str(out),
        "--data",
        str(folder / "trends.json"),
    )
    assert code == 0, err
    return out


def test_hostile_sources_titles_and_urls_render_as_text(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    parsed = Page(html)
    tags = [tag for tag, _ in parsed.elements]
    assert not set(tags) & {"img", "iframe", "link", "object", "embed", "form", "base", "frame"}
    assert (tags.count("script"), tags.count("style")) == (1, 1)
    assert CANARY not in parsed.raw["script"][0]
    for tag, attrs in parsed.elements:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert "style" not in attrs, tag
    assert "&lt;svg onload=&#34;window.__scorerCanary=&#39;source&#39;&#34;&gt;Evil Source" in html
    assert "&lt;script&gt;window.__scorerCanary=&#34;title&#34;&lt;/script&gt;&lt;img" in html
    assert "javascript:window.__scorerCanary=&#39;url&#39;" in html  # shown, as text
    links = [attrs for tag, attrs in parsed.elements if tag == "a"]
    external = set()
    for attrs in links:
        href = attrs.get("href") or ""
        if href.startswith("#"):
            assert re.fullmatch(r"#[\w-]+", href), href
        else:
            assert href.startswith(("https://", "http://")), href
            assert attrs.get("rel") == "noopener noreferrer"
            external.add(href)
    assert QUOTED_URL in external
    assert {h for h in external if "news.example" not in h} == {QUOTED_URL}


def test_every_table_scrolls_sideways_rather_than_clipping(page: Path, tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "h.sqlite")
    add_values(store, [("B", "2018-01-01", 60.0)])  # too few articles to chart: listed
    write_trends(build_trends(store, by="month"), tmp_path / "t.html")
    pages = [page.read_text(encoding="utf-8"), (tmp_path / "t.html").read_text(encoding="utf-8")]
    tables = [table for html in pages for table in Tables(html).tables]
    shown = {cls for cls, _ in tables}
    assert {"articles board-table", "articles uncharted", "members drivers"} <= shown
    assert [cls for cls, wrapped in tables if not wrapped] == []


def test_the_policy_allows_exactly_the_pages_own_style_and_script(page: Path) -> None:
    parsed = Page(page.read_text(encoding="utf-8"))
    [policy] = [
        attrs["content"]
        for tag, attrs in parsed.elements
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    [style], [script] = parsed.raw["style"], parsed.raw["script"]

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert policy == content_security_policy(style, script)
    assert f"script-src 'sha256-{digest(script)}'" in str(policy)
    assert "unsafe-inline" not in str(policy) and "http" not in str(policy)


def test_a_house_stylesheet_restyles_it_and_a_broken_template_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    add_values(SQLiteStore(db), [("A", "2024-01-01", 10.0), ("A", "2024-01-02", 20.0)])
    house = tmp_path / "house"
    house.mkdir()
    shipped = (shipped_templates() / "report.css.j2").read_text(encoding="utf-8")
    (house / "report.css.j2").write_text(shipped + "\n.masthead h1 { color: #7a0019; }\n")
    out = tmp_path / "t.html"
    code, _, err = run("report", "--db", str(db), "-o", str(out), "--templates", str(house))
    assert code == 0, err
    assert "#7a0019" in Page(out.read_text(encoding="utf-8")).raw["style"][0]
    (house / TRENDS["page"]).write_text("{% for %}", encoding="utf-8")
    code, _, err = run("report", "--db", str(db), "-o", str(out), "--templates", str(house))
    assert code == 2
    assert err.startswith("error: ") and f"{TRENDS['page']}:1" in err and err.count("\n") == 1


def test_report_with_dash_output_writes_the_page_to_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite"
    history(db).close()
    monkeypatch.chdir(tmp_path)
    code, out, err = run("report", "--db", str(db), "-o", "-")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>") and '<svg class="trend"' in out
    assert err.startswith("wrote standard output: ")  # the summary stays off the page
    assert not (tmp_path / "-").exists() and not (tmp_path / "trends.html").exists()


def test_the_trend_templates_ship_with_the_package() -> None:
    for name in [*TRENDS.values(), "trends_macros.html.j2"]:
        assert (shipped_templates() / name).is_file(), name


def test_report_errors_are_one_line_with_exit_status_2(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    code, _, err = run("report", "--db", str(db), "-o", str(tmp_path / "t.html"))
    assert (code, err.count("\n")) == (2, 1) and "no history database here" in err
    add_values(SQLiteStore(db), [("A", "2024-01-01", 10.0)])
    code, _, err = run("report", "--db", str(db), "--score", "clarity")
    assert code == 2 and "no score 'clarity' stored for m@1" in err
    code, _, err = run("report", "--db", str(db), "-o", str(tmp_path / "missing" / "t.html"))
    assert (code, err.count("\n")) == (2, 1) and "cannot write" in err


def test_the_scores_asked_for_are_drawn_and_the_data_written_beside(tmp_path: Path) -> None:
    store = history(tmp_path / "h.sqlite")
    data = build_trends(store, scores=["propaganda"], by="year", title="Yearly <b>tone</b>")
    write_trends(data, tmp_path / "t.html", data_path=tmp_path / "t.json")
    written = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert [score["name"] for score in written["scores"]] == ["propaganda"]
    assert written["sources"] == data["sources"]
    html = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert "<title>Yearly &lt;b&gt;tone&lt;/b&gt;</title>" in html
    assert html.count('<svg class="trend"') == len(LEVELS)  # one chart per source


# --- in a browser ---------------------------------------------------------------------------


@pytest.mark.skipif(not BROWSER, reason="needs selenium, chromium and chromium-driver")
def test_the_page_runs_nothing_from_data_and_reads_by_keyboard_and_pointer(
    browser: Any, page: Path
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    uri = page.as_uri()
    browser.get("about:blank")  # the browser's own start page requests what it needs first
    open_page(browser, page)
    assert_quiet(browser, {uri})
    data = json.loads(page.with_name("trends.json").read_text(encoding="utf-8"))
    change = next(c for c in data["changes"] if c["source"] == "Courier")
    points = next(
        ch for s in data["sources"] for ch in s["charts"] if ch["key"] == change["chart"]
    )["points"]
    chart = browser.find_element("id", change["chart"])
    readout = browser.find_element("id", f"{change['chart']}-read")
    assert readout.text.startswith(f"{points[-1]['period']}: mean ")  # the newest, unasked

    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", chart)
    ActionChains(browser).move_to_element(chart).perform()  # the middle of the chart
    middle = min(points, key=lambda p: abs(p["x"] - WIDTH / 2))
    assert readout.text.startswith(f"{middle['period']}: mean ")
    browser.execute_script("arguments[0].focus()", chart)
    keys = ActionChains(browser)
    keys.send_keys(Keys.HOME).perform()
    assert readout.text.startswith(f"{points[0]['period']}: mean {points[0]['mean']:.1f}, ")
    keys.send_keys(Keys.ARROW_RIGHT).perform()
    assert readout.text.startswith(f"{points[1]['period']}: ")
    keys.send_keys(Keys.END).perform()
    assert readout.text.startswith(f"{points[-1]['period']}: ")
    flagged = next(p for p in points if p["change"] == change["key"])
    flag = chart.find_element("css selector", f"a[href='#{change['key']}']")
    flag.click()
    assert browser.execute_script("return location.hash") == f"#{change['key']}"
    assert flagged["period"] == change["period"]
    assert_quiet(browser, {uri})

    ARTIFACTS.mkdir(exist_ok=True)
    browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(ARTIFACTS / "trends.png"))
    browser.execute_script("document.getElementById('sources').scrollIntoView()")
    browser.save_screenshot(str(ARTIFACTS / "trends-sources.png"))
    browser.execute_script("document.getElementById('changes').scrollIntoView()")
    browser.save_screenshot(str(ARTIFACTS / "trends-changes.png"))


def test_a_source_whose_score_is_always_null_reports_no_mean(tmp_path: Path) -> None:
    """Headline is null for an article without one; a source with none has no headline
    mean (it crashed `track report` and `track sources` with float(None))."""
    corpus = tmp_path / "untitled.jsonl"
    words = " ".join(["The council met on Tuesday and approved the budget for the year."] * 8)
    with corpus.open("w", encoding="utf-8") as out:
        for i in range(3):
            record = {
                "id": f"u{i}",
                "text": words,
                "source": "Untitled",
                "published": "2020-01-0" + str(i + 1),
            }
            out.write(json.dumps(record) + "\n")
    db, data = str(tmp_path / "h.sqlite"), tmp_path / "t.json"
    assert run("add", str(corpus), "--db", db)[0] == 0
    code, _, err = run("report", "--db", db, "-o", str(tmp_path / "t.html"), "--data", str(data))
    assert code == 0, err
    code, out, err = run("sources", "--db", db, "--format", "json")
    assert code == 0, err
    [source] = json.loads(out)["sources"]
    assert source["mean"]["headline"] is None and source["mean"]["quality"] is not None


def test_unranked_sources_fold_away_under_the_ranked_table(tmp_path: Path) -> None:
    """With 283 sources and 12 ranked, the rest (too few articles) pushed the charts ten
    screens down; they now sit in one collapsed list per score."""
    store = SQLiteStore(tmp_path / "h.sqlite")
    busy = [("Busy", f"2024-03-0{d}", 40.0 + d) for d in range(1, 6)]
    add_values(store, [*busy, ("One", "2024-03-02", 99.0), ("Old", "2021-03-02", 50.0)])
    write_trends(build_trends(store, by="month"), tmp_path / "t.html")
    html = (tmp_path / "t.html").read_text(encoding="utf-8")
    board = html[
        html.index('<div class="board card') : html.index('<div class="board card') + 20_000
    ]
    ranked, folded = board.split('<details class="unranked">', 1)
    assert ">Busy<" in ranked and ">One<" not in ranked and ">Old<" not in ranked
    assert "2 more sources, not ranked" in folded
    assert ">One<" in folded and "too few articles to rank" in folded
    assert ">Old<" in folded and "the last on 2021-03-02" in folded
