"""Tests for scorer.readers: every format, encoding and bad-input case, files made in tmp_path."""

from __future__ import annotations

import io
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

import pytest

from scorer import readers
from scorer.article import Article
from scorer.readers import ReadError, normalize_date, read_inputs

BODY = "The council met on Tuesday.\n\nIt approved the budget after a long debate."


def read(*paths: Path | str, stdin: bytes | None = None) -> list[Article | ReadError]:
    stream = None if stdin is None else cast(BinaryIO, io.BytesIO(stdin))
    return list(read_inputs([str(path) for path in paths], stdin=stream))


def articles(*paths: Path | str) -> list[Article]:
    results = read(*paths)
    assert all(isinstance(result, Article) for result in results), results
    return cast(list[Article], results)


def only(path: Path | str) -> Article:
    [article] = articles(path)
    return article


def error(path: Path | str) -> ReadError:
    [result] = read(path)
    assert isinstance(result, ReadError), result
    return result


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def jsonl(*records: object) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


# --- plain text and Markdown ----------------------------------------------------------------


def test_text_is_kept_exactly_and_short_first_line_is_the_title(tmp_path: Path) -> None:
    raw = "Council Approves New Budget\r\n\r\n" + BODY.replace("\n", "\r\n") + "  \r\n"
    path = write(tmp_path / "a.txt", raw)
    article = only(path)
    assert article.text == raw
    assert article.title == "Council Approves New Budget"
    assert article.id == article.path == str(path)
    assert article.published is None
    assert article.warnings == ()


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Is North Korea preparing for war?", "Is North Korea preparing for war?"),
        ("# Kim orders more missiles", "Kim orders more missiles"),
        ("Trends", None),  # a one-word section label, not a headline
        ("The council met on Tuesday and approved the budget.", None),
        ("He said:", None),
        ('The mayor said "we are done."', None),
        (" ".join(["word"] * 40), None),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_title_rule(tmp_path: Path, first_line: str, title: str | None, suffix: str) -> None:
    text = f"\n\n{first_line}\n{BODY}"
    article = only(write(tmp_path / f"a{suffix}", text))
    assert article.title == title
    if suffix == ".txt":
        assert article.text == text
    else:  # the Markdown's plain text: a heading is a paragraph of its own, without its '#'
        heading = first_line.startswith("# ")
        first = first_line.removeprefix("# ") + ("\n\n" if heading else "\n")
        assert article.text == first + BODY


def test_front_matter_is_removed_and_read(tmp_path: Path) -> None:
    front = (
        "---\n"
        'title: "Budget passes: what it means"\n'
        "date: 2023-11-11T08:00:00Z\n"
        "source: Springfield Gazette\n"
        "url: https://gazette.example/budget\n"
        "author: Jane Doe\n"
        "tags:\n"
        "  - budget\n"
        "  - council\n"
        "---\n"
    )
    article = only(write(tmp_path / "a.md", front + BODY))
    assert article.text == BODY
    assert article.title == "Budget passes: what it means"
    assert article.published == "2023-11-11"
    assert article.source == "Springfield Gazette"
    assert article.url == "https://gazette.example/budget"
    assert any("front matter" in w and "removed" in w for w in article.warnings)
    assert any("author" in w and "tags" in w for w in article.warnings)


def test_front_matter_without_title_falls_back_to_first_line(tmp_path: Path) -> None:
    article = only(write(tmp_path / "a.txt", "---\nid: 'art-7'\n---\nShort Headline Here\n" + BODY))
    assert article.id == "art-7"
    assert article.title == "Short Headline Here"
    assert article.text.startswith("Short Headline Here\n")


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_leading_rule_that_is_not_front_matter_is_kept(tmp_path: Path, suffix: str) -> None:
    text = "---\nThis is prose, not metadata.\n---\n" + BODY
    article = only(write(tmp_path / f"a{suffix}", text))
    # In Markdown the lines are a rule and a heading (underlined with ---).
    plain = "This is prose, not metadata.\n\n" + BODY
    assert article.text == (text if suffix == ".txt" else plain)
    assert article.warnings == ()


def test_unreadable_front_matter_date_warns(tmp_path: Path) -> None:
    article = only(write(tmp_path / "a.md", "---\npublished: last Tuesday\n---\n" + BODY))
    assert article.published is None
    assert any("last Tuesday" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("# Budget passes\n\n## What it means\n", "Budget passes\n\nWhat it means"),
        ("Budget passes\n=============\n", "Budget passes"),
        ("A **bold**, *new* and __firm__ _plan_ ~~not~~.", "A bold, new and firm plan not."),
        ("Call `send_mail()` now.", "Call send_mail() now."),
        ('Read [the plan](https://x.example/plan "Plan").', "Read the plan."),
        ("Read [the plan][p].\n\n[p]: https://x.example/plan", "Read the plan."),
        ("See <https://x.example/plan>.", "See https://x.example/plan."),
        ("A photo ![the mayor](mayor.jpg) here.\n\n![only](a.png)", "A photo  here."),
        ("> The mayor said yes.\n>\n> > Twice.", "The mayor said yes.\n\nTwice."),
        (
            "- One road.\n- Two libraries.\n\n1. First.\n2) Second.",
            "One road.\n\nTwo libraries.\n\nFirst.\n\nSecond.",
        ),
        ("Roads.\n\n---\n\n***\n\nLibraries.", "Roads.\n\nLibraries."),
        ("Roads.\n\n```python\nprint('x')\n```\n\n    indented = code\n", "Roads."),
        ("Roads.\n\n| Item | Cost |\n|---|---|\n| Roads | 5 |\n", "Roads."),
        ("Line one\\\nline two  \nthree\nfour.", "Line one\nline two\nthree\nfour."),
        ("Caf&eacute; \\*not emphasis\\* &amp; co.", "Caf\u00e9 *not emphasis* & co."),
        ("It was <em>very</em> <span class=x>late</span>.", "It was very late."),
    ],
)
def test_markdown_markup_is_removed(tmp_path: Path, markdown: str, plain: str) -> None:
    article = only(write(tmp_path / "a.md", markdown))
    assert article.text == plain


def test_markdown_links_keep_their_text_not_their_url(tmp_path: Path) -> None:
    source = "Kim [ordered](https://news.example/kim?id=7) more [missiles][m].\n\n[m]: /m\n"
    article = only(write(tmp_path / "a.markdown", source))
    assert article.text == "Kim ordered more missiles."
    assert "news.example" not in article.text and "/m" not in article.text


def test_markdown_left_out_blocks_are_named_in_warnings(tmp_path: Path) -> None:
    source = "Roads.\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    article = only(write(tmp_path / "a.md", source))
    note = "Markdown code blocks and tables left out (not the article's prose)"
    assert article.warnings == (note,)
    assert only(write(tmp_path / "b.md", "# Roads\n\n**Libraries.**")).warnings == ()


@pytest.mark.usefixtures("no_network")
def test_html_in_markdown_keeps_only_its_text(tmp_path: Path) -> None:
    source = (
        'Intro with <b onclick="steal()">bold</b> and <script>inline()</script> words.\n\n'
        '<div class="note" onmouseover="steal()">\n<p>Kept <i>block</i> text &amp; more.</p>\n'
        '<script>document.write("injected")</script><style>p {color: red}</style>\n'
        '<img src="https://tracker.example/pixel.gif" onerror="steal()">\n</div>\n\n'
        "<!-- a comment -->\n\nOutro.\n"
    )
    article = only(write(tmp_path / "a.md", source))
    assert article.text == "Intro with bold and  words.\n\nKept block text & more.\n\nOutro."
    for fragment in ("<", ">", "steal", "inline", "injected", "color", "tracker", "comment"):
        assert fragment not in article.text


def test_markdown_front_matter_and_heading_title(tmp_path: Path) -> None:
    front = "---\nsource: Springfield Gazette\ndate: 2023-11-11\n---\n"
    article = only(write(tmp_path / "a.md", front + "# Council *Approves* Budget\n\n" + BODY))
    assert (article.title, article.source, article.published) == (
        "Council Approves Budget", "Springfield Gazette", "2023-11-11",
    )  # fmt: skip
    assert article.text == "Council Approves Budget\n\n" + BODY
    titled = only(write(tmp_path / "b.md", "---\ntitle: Given\n---\n# Heading\n\n" + BODY))
    assert (titled.title, titled.text) == ("Given", "Heading\n\n" + BODY)


def test_markdown_files_only(tmp_path: Path) -> None:
    source = "# Council **approves** [budget](https://x.example)\n\n" + BODY
    assert only(write(tmp_path / "a.txt", source)).text == source
    assert only(write(tmp_path / "a.text", source)).text == source


def test_markdown_with_no_prose_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "```\ncode only\n```\n\n![img](a.png)\n")
    assert error(path) == ReadError(str(path), "no text left after removing the Markdown markup")


MARKDOWN_ARTICLE = """# Kim orders **more** missiles

North Korea's leader *ordered* a [sharp increase](https://news.example/kim "Kim") in missile
production on Monday, state media said. Officials said it was **clearly the worst crisis
ever!** and analysts said the move could perhaps raise tensions in the region.

> "We will respond," a spokesman said, according to the [ministry][m].

- The order follows weeks of tests.
- Neighbours have asked for talks, the `foreign ministry` said on Tuesday in a statement.

![Kim at a factory](https://img.example/kim.jpg)

[m]: https://ministry.example/statement
"""


def test_markdown_is_scored_as_its_plain_text(tmp_path: Path) -> None:
    """Scores, features and evidence of a Markdown article are those of its prose, and every
    evidence span slices the article text shown."""
    from scorer.api import score_file

    path = write(tmp_path / "kim.md", MARKDOWN_ARTICLE)
    article = only(path)
    [record] = score_file(path)
    assert record.title == "Kim orders more missiles"
    assert record.evidence and {e.family for e in record.evidence} >= {"hedging", "sensationalism"}
    assert all(article.text[e.start : e.end] == e.text for e in record.evidence)
    for markup in ("#", "**", "](", "https://", "> ", "- ", "`", "!["):
        assert markup not in article.text
    [plain] = score_file(write(tmp_path / "kim.txt", article.text))
    assert (record.features, record.scores) == (plain.features, plain.scores)
    assert record.evidence == plain.evidence


# --- encodings ------------------------------------------------------------------------------

CURLY = "\u201cCaf\u00e9 owners\u201d say it\u2019s unfair \u2013 really.\n" + BODY


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])
def test_encodings_of_text_files(tmp_path: Path, encoding: str) -> None:
    article = only(write(tmp_path / "a.txt", CURLY, encoding))
    assert article.text == CURLY
    assert article.warnings == ()


def test_invalid_bytes_are_replaced_with_a_warning(tmp_path: Path) -> None:
    # 0x81 is undefined in cp1252 and 0xff is never valid UTF-8.
    data = "Caf\u00e9 prices rise\n".encode() + b"bad \x81\xff bytes here\n" + BODY.encode()
    article = only(write(tmp_path / "a.txt", data))
    assert article.text.startswith("Caf\u00e9 prices rise\nbad \ufffd\ufffd bytes here")
    assert any("U+FFFD" in w for w in article.warnings)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_encodings_of_corpora(tmp_path: Path, encoding: str) -> None:
    lines = jsonl({"id": "x1", "text": CURLY}, {"id": "x2", "text": "Second \u00e9t\u00e9 text."})
    if encoding == "cp1252":  # raw (unescaped) non-ASCII characters, as some tools write
        lines = lines.replace("\\u201c", "\u201c").replace("\\u201d", "\u201d")
        lines = lines.replace("\\u2019", "\u2019").replace("\\u2013", "\u2013")
        lines = lines.replace("\\u00e9", "\u00e9")
    found = articles(write(tmp_path / "a.jsonl", lines, encoding))
    assert [a.text for a in found] == [CURLY, "Second \u00e9t\u00e9 text."]
    table = "id,text\nr1,\u201cCaf\u00e9\u201d is open\n"
    [row] = articles(write(tmp_path / "a.csv", table, encoding))
    assert (row.id, row.text) == ("r1", "\u201cCaf\u00e9\u201d is open")


# --- HTML -----------------------------------------------------------------------------------

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council approves new budget | Springfield Gazette</title>
<meta property="og:site_name" content="Springfield Gazette">
<meta property="og:title" content="Council approves new budget">
<meta property="article:published_time" content="2023-11-11T09:30:00+00:00">
<link rel="canonical" href="https://gazette.example.com/news/budget">
<script>var tracking = "do not read me";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<header><div class="banner">Subscribe now for unlimited access</div></header>
<main><article><h1>Council approves new budget</h1>
<p class="byline">By Jane Doe</p>
<p>The city council on Tuesday approved a budget of 12 million dollars for the coming year,
after three hours of debate in a packed chamber.</p>
<p>The mayor said the plan would fund road repairs and two new libraries, and that property
taxes would not rise for the third year in a row.</p>
<p>Two members argued that spending on libraries was premature while the school roof still
leaks, and asked the auditor to review the plan before any money is spent.</p>
</article></main>
<div class="comments"><h3>Comments</h3><p>Great article, totally agree with the mayor!</p></div>
<footer><p>Copyright 2023 Springfield Gazette. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection or resolve a name fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the HTML reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.usefixtures("no_network")
def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    article = only(write(tmp_path / "budget.html", ARTICLE_HTML))
    assert "approved a budget of 12 million dollars" in article.text
    assert "asked the auditor to review the plan" in article.text
    for boilerplate in ("Subscribe now", "Privacy policy", "Copyright", "Great article", "Home"):
        assert boilerplate not in article.text
    assert "tracking" not in article.text
    assert "\n\n" in article.text  # paragraphs stay paragraphs
    assert article.title == "Council approves new budget"
    assert article.source == "Springfield Gazette"
    assert article.published == "2023-11-11"
    assert article.url == "https://gazette.example.com/news/budget"
    assert article.path == str(tmp_path / "budget.html")


@pytest.mark.usefixtures("no_network")
def test_html_fragment_falls_back_to_body_text(tmp_path: Path) -> None:
    article = only(write(tmp_path / "a.htm", "<p>Kim orders more missiles.</p>"))
    assert article.text == "Kim orders more missiles."
    assert any("no main text" in w for w in article.warnings)


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    page = ARTICLE_HTML.replace('charset="utf-8"', 'charset="iso-8859-1"')
    page = page.replace("packed chamber", "packed caf\u00e9 \u201cchamber\u201d")
    article = only(write(tmp_path / "a.html", page, "cp1252"))
    assert "packed caf\u00e9 \u201cchamber\u201d" in article.text


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.html", "<html><head><title>x</title></head><body> </body></html>")
    assert error(path) == ReadError(str(path), "no text found in the HTML")


# --- JSONL, JSON, CSV -----------------------------------------------------------------------


def test_jsonl_records(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.jsonl",
        jsonl(
            {"id": "007", "title": " A title ", "text": BODY, "source": "x.com",
             "published": "2017-09-10", "url": "https://x.com/a", "label": True},
            {"id": 42, "text": "Second article text."},
            {"text": "No id here.", "date": "Sat, 11 Nov 2023 10:00:00 GMT"},
        ) + "\n   \n",
    )  # fmt: skip
    first, second, third = articles(path)
    assert (first.id, first.title, first.source, first.published, first.url) == (
        "007", "A title", "x.com", "2017-09-10", "https://x.com/a",
    )  # fmt: skip
    assert first.text == BODY and first.path == str(path)
    assert second.id == 42  # a numeric id is echoed back as a number
    assert (third.id, third.published) == (f"{path}:3", "2023-11-11")


def test_jsonl_bad_lines_are_errors_and_the_rest_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.jsonl",
        jsonl({"id": "a", "text": "First."})
        + '{"id": "b", "text": "broken\n'
        + jsonl(
            ["not", "an", "object"],
            {"id": "d", "text": "   "},
            {"id": "e", "title": "no text"},
            {"id": "f", "text": 12},
            {"id": "g", "text": "Last.", "published": "sometime", "title": ["x"]},
        ),
    )
    results = read(path)
    messages = [str(r) if isinstance(r, ReadError) else str(r.id) for r in results]
    assert messages[1].startswith(f"{path}:2: malformed JSON: ")
    assert messages[:1] + messages[2:] == [
        "a",
        f"{path}:3: record is not a JSON object",
        f"{path}:4: record has empty text",
        "e",  # a headline alone is a record
        f"{path}:6: record's text is not a string",
        "g",
    ]
    last = results[-1]
    assert isinstance(last, Article)
    assert last.published is None and last.title is None
    assert any("sometime" in w for w in last.warnings)
    assert any("'title'" in w for w in last.warnings)


def test_oversized_jsonl_line_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    path = write(
        tmp_path / "c.jsonl",
        jsonl({"id": "a", "text": "x" * 5000}, {"id": "b", "text": "Fits."}),
    )
    big, small = read(path)
    assert isinstance(big, ReadError) and big.input == f"{path}:1" and "limit" in big.reason
    assert isinstance(small, Article) and small.id == "b"


@pytest.mark.parametrize(
    "content",
    [
        [{"id": "a", "text": "One."}, {"text": "Two."}],
        {"articles": [{"id": "a", "text": "One."}, {"text": "Two."}]},
    ],
)
def test_json_lists(tmp_path: Path, content: object) -> None:
    path = write(tmp_path / "c.json", json.dumps(content, indent=2))
    assert [(a.id, a.text) for a in articles(path)] == [("a", "One."), (f"{path}:1", "Two.")]


def test_json_single_record(tmp_path: Path) -> None:
    path = write(tmp_path / "c.json", json.dumps({"title": "T t", "text": BODY}))
    article = only(path)
    assert (article.id, article.title, article.text) == (f"{path}:0", "T t", BODY)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"text": "x",', "malformed JSON"),
        ("[]", "no records found"),
        ("42", "expected a list of records"),
    ],
)
def test_bad_json(tmp_path: Path, content: str, reason: str) -> None:
    path = write(tmp_path / "c.json", content)
    failure = error(path)
    assert failure.input == str(path) and failure.reason.startswith(reason)


def test_csv_records(tmp_path: Path) -> None:
    long_text = "word " * 100_000  # over csv's default 131072-character field limit
    path = write(
        tmp_path / "c.csv",
        "ID,Title,Text,Source,Published,URL,extra\n"
        '7,Plain,"Line one,\nline two.",x.com,2023-11-11,https://x.com,z\n'
        "\n"
        f",Long,{long_text},,,,\n"
        "8,Headline only,,,,,\n"
        "9,,,,,,\n",
    )
    results = read(path)
    first, second, headline, third = results
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.id, first.title, first.text, first.source, first.published, first.url) == (
        "7", "Plain", "Line one,\nline two.", "x.com", "2023-11-11", "https://x.com",
    )  # fmt: skip
    assert (second.id, second.text) == (f"{path}:5", long_text)
    assert isinstance(headline, Article) and (headline.title, headline.text) == (
        "Headline only",
        "",
    )
    assert third == ReadError(f"{path}:7", "record has no text")


def test_csv_semicolons_and_missing_text_column(tmp_path: Path) -> None:
    [article] = articles(write(tmp_path / "a.csv", "id;text\nk;Hello, world.\n"))
    assert (article.id, article.text) == ("k", "Hello, world.")
    path = write(tmp_path / "b.csv", "id,body\n1,Hello\n")
    assert error(path) == ReadError(str(path), "no 'text' column (columns: id, body)")
    header_only = write(tmp_path / "c.csv", "id,text\n")
    assert error(header_only).reason.startswith("no records found")


# --- directories and stdin ------------------------------------------------------------------


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for name in ["b.txt", "a/z.md", "a/b/c.txt", "c.jsonl", ".hidden.txt", ".git/x.txt", "d.pdf"]:
        content = jsonl({"text": "Record."}) if name.endswith(".jsonl") else f"Text of {name}."
        write(root / name, content)
    paths = [a.path for a in articles(root)]
    expected = ["a/b/c.txt", "a/z.md", "b.txt", "c.jsonl"]
    assert paths == [str(root / name) for name in expected]


def test_directory_without_articles_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "d" / "notes.pdf", b"%PDF")
    failure = error(tmp_path / "d")
    assert failure.input == str(tmp_path / "d")
    assert failure.reason.startswith("no articles found")
    (tmp_path / "e").mkdir()
    assert error(tmp_path / "e").reason.startswith("no articles found")


def test_stdin_text_and_jsonl(tmp_path: Path) -> None:
    [text] = read("-", stdin=("Headline On Stdin\n" + BODY).encode("utf-16"))
    assert isinstance(text, Article)
    assert (text.title, text.path, text.text) == (
        "Headline On Stdin", "<stdin>", "Headline On Stdin\n" + BODY,
    )  # fmt: skip
    lines = "\n" + jsonl({"text": "One."}, {"id": "2", "text": "Two."})
    records = read("-", stdin=lines.encode())
    assert [(r.id, r.text) for r in records if isinstance(r, Article)] == [
        ("<stdin>:2", "One."),
        ("2", "Two."),
    ]
    assert read("-", stdin=b"") == [ReadError("<stdin>", "empty file")]


class CountingStream(io.RawIOBase):
    """A raw stream that records how many bytes were taken from it."""

    def __init__(self, data: bytes) -> None:
        self.source = io.BytesIO(data)
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = self.source.readinto(buffer)
        self.taken += count
        return count


def test_jsonl_is_streamed() -> None:
    data = jsonl(*({"id": str(i), "text": "Some article text. " * 20} for i in range(20_000)))
    stream = CountingStream(data.encode())
    results: Iterator[Article | ReadError] = read_inputs(["-"], stdin=cast(BinaryIO, stream))
    first = next(results)
    assert isinstance(first, Article) and first.id == "0"
    assert stream.taken < len(data) / 50


# --- bad inputs: each is a one-line error naming the input, the others are still read ---------


def test_bad_inputs_do_not_stop_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 10_000)
    good = write(tmp_path / "good.txt", BODY)
    bad = {
        "missing": (tmp_path / "missing.txt", "no such file or directory"),
        "empty": (write(tmp_path / "empty.txt", b""), "empty file"),
        "blank": (write(tmp_path / "blank.md", " \n\t\n"), "empty file (whitespace only)"),
        "nul": (write(tmp_path / "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00"), "binary"),
        "noise": (write(tmp_path / "noise.txt", bytes(range(1, 32)) * 20), "binary"),
        "bytes": (write(tmp_path / "bytes.txt", bytes(range(128, 256)) * 20), "binary"),
        "big": (write(tmp_path / "big.txt", "word " * 5000), "over the"),
        "front": (write(tmp_path / "front.md", "---\ntitle: x\n---\n\n"), "no text after"),
        "blank_jsonl": (write(tmp_path / "b.jsonl", "\n\n"), "empty file (whitespace only)"),
        "nul_jsonl": (write(tmp_path / "n.jsonl", b'{"text": "\x00"}\n'), "binary"),
        "empty_csv": (write(tmp_path / "e.csv", b""), "empty file"),
    }
    inputs = [good]
    for path, _ in bad.values():
        inputs += [path, good]
    results = read(*inputs)
    assert len(results) == len(inputs)
    assert all(isinstance(r, Article) and r.text == BODY for r in results[::2])
    for result, (path, reason) in zip(results[1::2], bad.values(), strict=True):
        assert isinstance(result, ReadError)
        assert result.input == str(path)
        assert reason in result.reason
        assert str(result).startswith(f"{path}: ") and "\n" not in str(result)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", BODY)
    path.chmod(0)
    assert error(path) == ReadError(str(path), "cannot read: Permission denied")


def test_read_error_message_is_one_line() -> None:
    failure = ReadError("a.txt", "cannot read:\n  broken\tpipe")
    assert str(failure) == "a.txt: cannot read: broken pipe"


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-11-11", "2023-11-11"),
        ("2023-11-11T23:30:00-05:00", "2023-11-11"),  # the date as written, not UTC
        ("2023/1/2", "2023-01-02"),
        ("20231111", "2023-11-11"),
        ("Sat, 11 Nov 2023 10:00:00 GMT", "2023-11-11"),
        ("11th November 2023", "2023-11-11"),
        ("Saturday, November 11, 2023 10:30 AM", "2023-11-11"),
        ("Nov. 11, 2023", "2023-11-11"),
        ("25/12/2023", "2023-12-25"),
        ("12/25/2023", "2023-12-25"),
        ("03/04/2023", None),  # March 4th or April 3rd
        ("2023-02-30", None),
        ("2023-11", None),
        ("0023-11-11", None),
        ("last Tuesday", None),
        ("", None),
    ],
)
def test_normalize_date(value: str, expected: str | None) -> None:
    assert normalize_date(value) == expected


@pytest.mark.parametrize("cut", [1, 7, 40, 10_000])
def test_jsonl_pieces_read_together_as_the_whole_file(tmp_path: Path, cut: int) -> None:
    """``read_jsonl_piece`` over consecutive line-aligned byte ranges (how
    ``scorer.distributed`` cuts a file) gives what ``read_inputs`` gives for the file."""
    lines = [
        "\ufeff" + json.dumps({"id": "a", "text": "First article."}),
        "",
        json.dumps({"text": "No id: named by its line."}),
        "{broken",
        json.dumps({"id": "b", "text": "Caf\u00e9 \u2014 second article."}) + "\r",
        "   ",
        json.dumps({"title": "Headline only"}),
    ]
    path = write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")
    data = path.read_bytes()
    ends = sorted({min(data.index(b"\n", i) + 1, len(data)) for i in range(cut, len(data), cut)})
    starts = [0, *ends[:-1]] if ends else [0]
    ends = ends or [len(data)]
    first_lines = [1 + data[:start].count(b"\n") for start in starts]
    pieces = [
        item
        for start, end, first in zip(starts, ends, first_lines, strict=True)
        for item in readers.read_jsonl_piece(str(path), start, end, first)
    ]
    assert pieces == list(read_inputs([str(path)]))


@pytest.mark.parametrize(
    ("seed", "title", "published"),
    [
        (
            "003_e75e3f35d8e59294.txt",
            "North Korea\u2019s Kim Orders Boosting Missile Production Amid Heightened Tensions,"
            " A Closer Look At The Mysterious Nation\u2019s Isolation In The Age Of Global"
            " Connectedness",
            None,
        ),
        ("004_e31eb23d823add65.txt", None, "2023-11-11"),
    ],
)
def test_seed_title_and_date(seed: str, title: str | None, published: str | None) -> None:
    article = only(Path(__file__).parent.parent / "seeds" / seed)
    assert (article.title, article.published) == (title, published)


@pytest.mark.parametrize(
    ("head", "title", "published"),
    [
        ("Trends\n\nKim Orders More Missiles\n", "Kim Orders More Missiles", None),
        ("date 2023-11-11\nKim Orders More Missiles\n", "Kim Orders More Missiles", "2023-11-11"),
        ("Date: 2023-11-11\n", None, "2023-11-11"),
        ("Published 11 Nov 2023\n", None, "2023-11-11"),
        ("Trends\nThe council met on Tuesday and approved it.\n", None, None),
        ("Date night downtown was busy on Tuesday.\n", None, None),
    ],
)
def test_navigation_and_date_lines(
    tmp_path: Path, head: str, title: str | None, published: str | None
) -> None:
    article = only(write(tmp_path / "a.txt", head + BODY))
    assert (article.title, article.published) == (title, published)
    assert article.text == head + BODY
