"""Report data: built from records alone, segments that rebuild the text, safe links, and
the command's behaviour on good and bad input."""

import html
import json
import re
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from scorer import report as report_module
from scorer.article import Article
from scorer.model import default_model
from scorer.readers import read_inputs
from scorer.registry import feature_specs
from scorer.report import (
    SHARED,
    Report,
    report_command,
    safe_link,
    score,
    segments,
    write_report,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@cache
def seeds_report() -> Report:
    articles = [a for a in read_inputs([str(SEEDS)]) if isinstance(a, Article)]
    scored = [score(a, n, default_model()) for n, a in enumerate(articles, 1)]
    return Report(scored, default_model(), title="Seeds", inputs=[str(SEEDS)])


# --- segments -------------------------------------------------------------------------------


def test_segments_cut_overlapping_and_nested_marks_apart() -> None:
    text = "Officials said the plan is a total disaster, reportedly."
    marks = [
        (0, 14, "sourcing", "attribution", None),  # "Officials said"
        (29, 43, "sensationalism", "loaded_word", None),  # "total disaster"
        (35, 43, "sentiment", "strong_negative", None),  # "disaster", nested inside
        (45, 55, "hedging", "hedge", None),  # "reportedly"
        (45, 55, "hedging", "hedge", None),  # the same cue twice is marked once
    ]
    parts = segments(text, marks)
    assert "".join(p["text"] for p in parts) == text
    by_text = {p["text"]: [(m["family"], m["kind"]) for m in p["marks"]] for p in parts}
    assert by_text["Officials said"] == [("sourcing", "attribution")]
    assert by_text["total "] == [("sensationalism", "loaded_word")]
    assert by_text["disaster"] == [  # outermost first
        ("sensationalism", "loaded_word"),
        ("sentiment", "strong_negative"),
    ]
    assert by_text["reportedly"] == [("hedging", "hedge")]
    assert by_text[" the plan is a "] == []


def test_segments_carry_junk_lines_anchors_and_links() -> None:
    text = "Prose here.\nShare this\nMore prose."
    link = {"article": "a1", "anchor": "r0-1", "label": "x", "title": "y"}
    parts = segments(
        text,
        [(12, 17, "hygiene", "navigation", None)],
        junk=[(12, 22, "navigation")],
        anchors=[(0, "r0-0")],
        links=[(11, link)],
    )
    assert "".join(p["text"] for p in parts) == text
    junk = [p for p in parts if "junk" in p]
    assert "".join(p["text"] for p in junk) == "Share this"
    assert [p.get("junk_start", False) for p in junk] == [True, False]
    assert parts[0]["anchors"] == ["r0-0"] and parts[0]["text"] == "Prose here."
    assert parts[0]["links"] == [link]
    assert "junk" not in parts[-1]


@given(
    st.text(min_size=0, max_size=60),
    st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=12),
)
def test_segments_rebuild_any_text_and_mark_exactly_what_each_span_covers(
    text: str, spans: list[tuple[int, int]]
) -> None:
    marks = [(a, b, "f", f"k{i}", None) for i, (a, b) in enumerate(spans)]
    parts = segments(text, marks)
    assert "".join(p["text"] for p in parts) == text
    position = 0
    for part in parts:
        start, end = position, position + len(part["text"])
        covering = {f"k{i}" for i, (a, b) in enumerate(spans) if 0 <= a < b <= len(text)}
        covering = {k for k in covering if spans[int(k[1:])][0] <= start}
        covering = {k for k in covering if spans[int(k[1:])][1] >= end}
        assert {m["kind"] for m in part["marks"]} == covering
        assert part["text"]
        position = end


# --- links ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["https://example.com/a?b=1", "http://news.example.org/x", "HTTPS://EXAMPLE.COM/"],
)
def test_web_addresses_become_links(url: str) -> None:
    assert safe_link(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example.com/x",
        "https://",
        "https:/\x00/x",
        "file:///etc/passwd",
        "example.com/page",
        "",
        None,
    ],
)
def test_anything_else_never_becomes_a_link(url: str | None) -> None:
    assert safe_link(url) is None


# --- report data ----------------------------------------------------------------------------


def test_overview_counts_distributions_and_the_seed_story() -> None:
    report = seeds_report()
    data = report.overview()
    json.dumps(data)  # plain data all the way down
    assert data["summary"]["articles"] == 5
    assert data["summary"]["stories"] == 1 and data["summary"]["in_stories"] == 5
    names = [s["name"] for s in data["scores"]]
    assert names[:3] == ["quality", "propaganda", "headline"]
    assert set(names) == set(report.scored[0].record.scores)
    for score_data in data["scores"]:
        bins = score_data["histogram"]["bins"]
        scored = [a for a in data["articles"] if score_data["name"] in a["scores"]]
        assert sum(b["articles"] for b in bins) == len(scored) > 0
        assert sum(b["share"] for b in bins) == pytest.approx(100, abs=0.5)
        if score_data["reference"]:
            assert sum(b["reference"] for b in bins) == pytest.approx(100, abs=0.5)
            points = [score_data["reference"][f"p{p}"] for p in (5, 25, 50, 75, 95)]
            assert points == sorted(points)
    [story] = data["stories"]
    assert [m["article"] for m in story["members"]] == ["a1", "a2", "a3", "a4", "a5"]
    texts = [p["text"] for p in story["passages"]]
    assert "overwhelming military power" in texts
    assert story["first"] is None  # the seeds are undated
    for row in data["articles"]:
        assert row["story"] == "s1" and row["link"] is None
        assert all(0 <= p <= 100 for p in row["percentiles"].values())


def test_explanations_add_up_to_the_records_raw_value() -> None:
    report = seeds_report()
    record = report.scored[0].record
    details = report.details(0)
    assert set(details["explanations"]) == {n for n, v in record.scores.items() if v is not None}
    for name in details["explanations"]:
        contributions = record.explanations[name]
        explained = details["explanations"][name]
        shown = sum(t["effect"] for t in explained["terms"])
        total = explained["baseline"] + shown + explained["others_effect"]
        assert total == pytest.approx(sum(c.effect for c in contributions), abs=0.01)
        assert total == pytest.approx(explained["raw"], abs=0.01)
        bars = [t["bar"] for t in explained["terms"]]
        assert bars == sorted(bars, reverse=True) and all(0 < b <= 100 for b in bars)
        for term in explained["terms"]:
            raises = term["effect"] > 0
            assert term["better"] == (raises == (name in report_module.HIGHER_IS_BETTER))


def test_explanations_speak_plain_english_from_a_typical_article(tmp_path: Path) -> None:
    report = seeds_report()
    specs = feature_specs()
    for index in range(len(report.scored)):
        for name, explained in report.details(index)["explanations"].items():
            model = report.model.scores[name]
            assert explained["typical"] == round(model.calibration(model.baseline), 1)
            for term in explained["terms"]:
                assert term["label"] != term["feature"] and "_" not in term["label"]
                if term["feature"] in specs:
                    assert term["label"] == specs[term["feature"]].title
    html = write_report(report, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Emotional charge" in html and "typical article" in html


def test_article_text_is_cut_into_segments_holding_every_evidence_span() -> None:
    report = seeds_report()
    for index, scored in enumerate(report.scored):
        details = report.details(index)
        parts = details["segments"]
        assert "".join(p["text"] for p in parts) == scored.article.text
        marked: dict[tuple[str, str], str] = {}
        for part in parts:
            for mark in part["marks"]:
                key = (mark["family"], mark["kind"])
                marked[key] = marked.get(key, "") + part["text"]
        for ev in scored.record.evidence:
            assert ev.text in marked[(ev.family, ev.kind)]
        assert SHARED in details["evidence_kinds"]


def test_marks_name_the_technique_their_evidence_is_an_instance_of(tmp_path: Path) -> None:
    report = seeds_report()
    named = {
        (ev.family, ev.kind, ev.technique)
        for scored in report.scored
        for ev in scored.record.evidence
        if ev.technique
    }
    assert named  # the seeds hold loaded words, fear words and flagged sentences
    seen = set()
    for index in range(len(report.scored)):
        for part in report.details(index)["segments"]:
            for mark in part["marks"]:
                seen.add((mark["family"], mark["kind"], mark.get("technique")))
    assert named <= seen
    assert ("sourcing", "quotation", None) in seen or ("hedging", "hedge", None) in seen
    html = write_report(report, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "(Loaded Language)" in html


def test_repeated_paragraph_of_seed_000_is_linked_to_its_twin() -> None:
    details = seeds_report().details(0)
    anchors = {a: i for i, p in enumerate(details["segments"]) for a in p.get("anchors", [])}
    links = [(i, link) for i, p in enumerate(details["segments"]) for link in p.get("links", [])]
    repeats = [(i, link) for i, link in links if link["anchor"].startswith("r")]
    assert repeats
    for position, link in repeats:
        assert link["article"] == "a1"
        assert anchors[link["anchor"]] != position  # points at another occurrence
    # every repeat anchor is the target of some link: the occurrences form a cycle
    targets = {link["anchor"] for _, link in repeats}
    assert targets == {a for a in anchors if a.startswith("r")}


def test_junk_lines_are_marked_not_prose() -> None:
    report = seeds_report()
    index = next(i for i, s in enumerate(report.scored) if "Adblock Detected" in s.article.text)
    parts = report.details(index)["segments"]
    junk = "".join(p["text"] for p in parts if "junk" in p)
    assert "Adblock Detected" in junk
    prose = "".join(p["text"] for p in parts if "junk" not in p)
    assert "missile" in prose


# --- articles needing attention -----------------------------------------------------------

TOPICS = ("library", "bus", "housing", "park", "water", "school", "clinic")
HOSTILE_TITLE = "<script>alert(1)</script>"


def council_story(topic: str) -> str:
    """Plain, clean reporting (two paragraphs, enough words to be scored) about ``topic``."""
    return (
        f"The city council voted on Tuesday to expand the {topic} programme, officials said. "
        f"The {topic} plan will cost 4.2 million dollars over three years, according to the "
        "budget office.\n\n"
        f"Council member Ana Ruiz said the {topic} vote followed months of public hearings. "
        "Critics argued that the money could be spent on road repairs instead. "
        f"The {topic} programme is expected to start in March, the mayor's office said."
    )


def clean_articles() -> list[Article]:
    return [Article(text=council_story(t), id=t, title=f"Council expands {t} plan") for t in TOPICS]


def flawed_articles() -> list[Article]:
    """One article per defect: scraper junk (under a hostile headline), chatbot residue and a
    paragraph printed twice."""
    ferry = council_story("ferry")
    return [
        Article(
            text=council_story("bridge") + "\n\nLeave a Reply\nShare this:\nAdblock Detected",
            id="junk",
            title=HOSTILE_TITLE,
        ),
        Article(
            text=council_story("tram")
            + "\n\nAs an AI language model, I cannot provide real-time updates on the vote.",
            id="machine",
            title="Council expands tram plan",
        ),
        Article(text=f"{ferry}\n\n{ferry.split(chr(10) * 2)[1]}", id="dup", title="Ferry plan"),
    ]


def report_of(articles: list[Article]) -> Report:
    scored = [score(a, n, default_model()) for n, a in enumerate(articles, 1)]
    return Report(scored, default_model(), title="Council", inputs=[])


def attention_cards(page: str) -> dict[str, list[tuple[str, str, str]]]:
    """Each card of the rendered section: its (href, link text, reason) items, unescaped."""
    section = page.split('<section id="attention"', 1)[1].split("</section>", 1)[0]
    cards = re.findall(r'id="attention-(\w+)">(.*?)</div>', section, re.S)
    item = re.compile(r'<li><a href="([^"]*)">(.*?)</a>: (.*?)</li>', re.S)
    return {
        name: [tuple(html.unescape(part) for part in found) for found in item.findall(body)]
        for name, body in cards
    }


def test_each_defect_is_listed_with_its_reason_and_a_link_to_the_article(
    tmp_path: Path,
) -> None:
    report = report_of([*clean_articles(), *flawed_articles()])
    page = write_report(report, tmp_path / "r.html").read_text(encoding="utf-8")
    cards = attention_cards(page)
    by_id = {s.record.id: s for s in report.scored}
    expected = {
        "junk": ("junk", "hygiene.boilerplate_line_share", "{:.0%} of its lines are page junk"),
        "machine_text": ("machine", "hygiene.machine_text_density", "{:.1f} sentences with"),
        "duplicates": (
            "dup",
            "repetition.duplicate_paragraph_char_share",
            "{:.0%} of its paragraph text is repeated word for word",
        ),
    }
    for card, (article_id, feature, reason) in expected.items():
        s = by_id[article_id]
        [(href, text, said)] = cards[card]  # the one flawed article, no clean one
        assert href == f"#{s.key}" and f'id="{s.key}"' in page
        assert text == f"#{s.number} {s.record.title}"
        assert said.startswith(reason.format(s.record.features[feature]))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and HOSTILE_TITLE not in page


def test_the_five_lowest_quality_articles_are_listed_lowest_first(tmp_path: Path) -> None:
    report = report_of([*clean_articles(), *flawed_articles()])
    page = write_report(report, tmp_path / "r.html").read_text(encoding="utf-8")
    qualities = {s.key: s.record.scores["quality"] for s in report.scored}
    lowest = sorted(qualities, key=lambda key: qualities[key] or 0)[:5]
    listed = attention_cards(page)["lowest_quality"]
    assert [href for href, _, _ in listed] == [f"#{key}" for key in lowest]
    assert [said for _, _, said in listed] == [f"quality {qualities[k]:.0f} of 100" for k in lowest]
    assert f"Lowest quality (5 of {len(report.scored)})" in page


def test_a_clean_corpus_lists_no_defects_and_links_into_split_pages(tmp_path: Path) -> None:
    report = report_of(clean_articles())
    assert [group["name"] for group in report.overview()["attention"]] == ["lowest_quality"]
    index = write_report(report, tmp_path / "r.html", split=True)
    cards = attention_cards(index.read_text(encoding="utf-8"))
    assert list(cards) == ["lowest_quality"]
    for href, _, _ in cards["lowest_quality"]:
        target, anchor = href.split("#")
        assert f'id="{anchor}"' in (index.parent / target).read_text(encoding="utf-8")


# --- the command ----------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(report_command, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_report_of_the_seeds_is_one_html_file_with_data(tmp_path: Path) -> None:
    out, data = tmp_path / "report.html", tmp_path / "report.json"
    code, stdout, stderr = run(str(SEEDS), "-o", str(out), "--data", str(data))
    assert code == 0, stderr
    assert str(out) in stdout and "5 articles, 1 story" in stdout
    html = out.read_text(encoding="utf-8")
    for n in range(1, 6):
        assert f'<article class="article" id="a{n}"' in html
    loaded = json.loads(data.read_text(encoding="utf-8"))
    assert loaded["schema"] == "scorer-report/1"
    assert [a["key"] for a in loaded["articles"]] == ["a1", "a2", "a3", "a4", "a5"]
    assert all("segments" in a and "explanations" in a for a in loaded["articles"])


def test_bad_inputs_are_named_left_out_and_listed(tmp_path: Path) -> None:
    binary = tmp_path / "notes.txt"
    binary.write_bytes(b"\x00\x01binary")
    out = tmp_path / "r.html"
    code, _, stderr = run(str(SEEDS), str(binary), str(tmp_path / "missing.txt"), "-o", str(out))
    assert code == 1
    lines = stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("error: ") for line in lines)
    assert "notes.txt" in lines[0] and "missing.txt" in lines[1]
    html = out.read_text(encoding="utf-8")
    assert "missing.txt" in html and 'id="a5"' in html


def test_no_articles_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, _, stderr = run(str(tmp_path / "missing.txt"), "-o", str(out))
    assert code == 1 and "no articles to report" in stderr
    assert not out.exists()


def test_a_bad_model_is_a_usage_error(tmp_path: Path) -> None:
    model = tmp_path / "model.json"
    model.write_text("[]", encoding="utf-8")
    code, _, stderr = run(str(SEEDS), "--model", str(model), "-o", str(tmp_path / "r.html"))
    assert code == 2 and stderr.startswith("error: ") and "model.json" in stderr


def test_split_report_is_an_index_and_one_page_per_article(tmp_path: Path) -> None:
    data = tmp_path / "weekly.json"
    code, stdout, _ = run(
        str(SEEDS), "--split", "-o", str(tmp_path / "weekly.html"), "--data", str(data)
    )
    assert code == 0
    folder = tmp_path / "weekly"
    assert str(folder / "index.html") in stdout
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="articles/a3.html#a3"' in index and 'href="stories.html#s1"' in index
    assert '<article class="article"' not in index
    stories = (folder / "stories.html").read_text(encoding="utf-8")
    assert 'id="s1"' in stories and 'href="articles/a1.html#a1"' in stories
    articles = json.loads(data.read_text(encoding="utf-8"))["articles"]
    assert [a["key"] for a in articles] == ["a1", "a2", "a3", "a4", "a5"]
    pages = sorted(p.name for p in (folder / "articles").iterdir())
    assert pages == [f"a{n}.html" for n in range(1, 6)]
    page = (folder / "articles" / "a2.html").read_text(encoding="utf-8")
    assert 'href="../index.html"' in page and 'href="a1.html"' in page and 'href="a3.html"' in page


def test_above_the_single_file_limit_the_report_splits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_module, "SINGLE_FILE_LIMIT", 3)
    code, _, _ = run(str(SEEDS), "-o", str(tmp_path / "r.html"))
    assert code == 0
    assert (tmp_path / "r" / "index.html").exists() and not (tmp_path / "r.html").exists()


def test_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = run(str(SEEDS), "-o", str(tmp_path / "no" / "such" / "r.html"))
    assert code == 2 and "cannot write" in stderr


def test_help_teaches_the_command() -> None:
    code, stdout, _ = run("--help")
    assert code == 0
    for words in ("PATH", "--split", "--data", "--templates", "scorer report seeds/"):
        assert words in stdout


def test_unscored_articles_render_a_dash_and_stay_out_of_the_distributions(
    tmp_path: Path,
) -> None:
    articles = [a for a in read_inputs([str(SEEDS)]) if isinstance(a, Article)]
    articles.append(Article(text="Hello.", id="short"))
    scored = [score(a, n, default_model()) for n, a in enumerate(articles, 1)]
    report = Report(scored, default_model(), title="Seeds", inputs=[str(SEEDS)])
    overview = report.overview()
    short = overview["articles"][-1]
    assert short["scores"] == {} and short["percentiles"] == {}
    quality = next(s for s in overview["scores"] if s["name"] == "quality")
    assert sum(b["articles"] for b in quality["histogram"]["bins"]) == len(articles) - 1
    assert report.details(len(articles) - 1)["explanations"] == {}
    out = write_report(report, tmp_path / "r.html")
    assert "not scored" in out.read_text(encoding="utf-8")
