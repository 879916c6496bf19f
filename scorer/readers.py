"""Readers: turn the user's inputs (files, directories, stdin) into Articles.

``read_inputs`` yields one ``Article`` per article found, or one ``ReadError`` per input (or
per corpus record) that could not be read, in input order, so one bad file never stops a run.
Corpora (``.jsonl``, ``.csv``) are streamed line by line with a bounded ``readline``, so a
huge corpus, or one huge line, never sits in memory whole.

Formats:

- ``.txt``, ``.md``, ``.markdown`` (and any explicitly named file with an unknown extension):
  the text exactly as decoded; for ``.md`` and ``.markdown``, its plain text (markup, link URLs,
  images, code blocks, tables and HTML tags removed; see ``_markdown_text``), so evidence
  offsets point into what is shown. An optional front matter block (``---`` lines around
  ``key: value`` lines: id, title, source, published or date, url) is removed and recorded in
  ``Article.warnings``.
  Without a front matter title, a short first line (2-25 words, at most 200 characters) not
  ending in ``. , ; : …`` is the title; it stays in the text. Headlines often end in ``?`` or
  ``!``, so those do not stop a line being the title. Up to three leading navigation labels
  (one-word lines such as "Trends") and a date label are skipped first. A leading ``date
  2023-11-11`` / ``Date: ...`` / ``Published 11 Nov 2023`` label sets the published date.
- ``.html``, ``.htm``: the main text found by trafilatura (never given a URL, so it fetches
  nothing), one block per paragraph with blank lines between, plus title, site name (or host)
  as source, date and canonical URL. Comments and tables are left out: they are not the
  article's prose. When trafilatura finds no main text (a bare fragment such as
  ``<p>One line.</p>``), all text in ``<body>`` is used instead, with a warning, so a short
  article saved as HTML is still scored; a page with no text at all is an error.
- ``.jsonl``, ``.json`` (a list of records, ``{"articles": [...]}`` or one record) and ``.csv``:
  records with fields id, title, text, source, published (or date), url. A string ``id`` is
  echoed back unchanged (other JSON values as their JSON text); without one the id is
  ``PATH:LINE`` (JSONL, CSV: line where the record starts, from 1) or ``PATH:INDEX`` (JSON,
  from 0).
- ``-``: stdin, read as JSONL when its first non-blank line starts with ``{``, else as text.
- directories: searched recursively in sorted order for files with a supported extension,
  skipping hidden files and directories.

Encodings: a BOM (UTF-8, UTF-16, UTF-32) is obeyed; otherwise strict UTF-8, then cp1252, then
UTF-8 with undecodable bytes replaced by U+FFFD and a warning. HTML may declare its charset in
a ``<meta>`` tag, which is tried first.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, AnyStr, BinaryIO, NamedTuple, TypeVar, cast

# trafilatura and lxml are imported on the first HTML input only, markdown-it on the first .md
if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from trafilatura.settings import Document as ExtractedPage

from scorer.article import Article

MAX_FILE_BYTES = 20_000_000
"""Largest single article: a .txt/.md/.html file, a JSONL line, or a record's text (chars)."""
MAX_JSON_BYTES = 100_000_000
""".json corpora are parsed whole, so they get their own limit; use JSONL beyond it."""
SUPPORTED_EXTENSIONS = frozenset(
    {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson", ".json", ".csv"}
)
STDIN = "-"
STDIN_LABEL = "<stdin>"

_SNIFF_BYTES = 8192
_SKIP_CHUNK = 1 << 20
_MAX_FRONT_MATTER_LINES = 100
_TITLE_MAX_WORDS = 25
_TITLE_MAX_CHARS = 200
_CONTROL_CHARS = "".join(map(chr, [*range(0, 9), *range(14, 28), 31, 127]))
_CONTROL_SHARE = 0.05
_REPLACED_SHARE = 0.10
_RECORD_FIELDS = ("id", "title", "source", "published", "url")
_FIELD_ALIASES = {"date": "published"}
_T = TypeVar("_T")


@dataclass(frozen=True)
class ReadError:
    """An input (or corpus record, ``PATH:LINE``) that could not be read, and why."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {' '.join(self.reason.split())}"


class _Reject(Exception):
    """Raised inside a reader to turn the current input into a ReadError."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_inputs(
    paths: Iterable[str], stdin: BinaryIO | None = None
) -> Iterator[Article | ReadError]:
    """Yield the articles (or errors) of each input in order; ``-`` reads ``stdin``."""
    for name in paths:
        if name == STDIN:
            stream = sys.stdin.buffer if stdin is None else stdin
            yield from _guarded(STDIN_LABEL, _read_stdin, stream)
        elif os.path.isdir(name):
            yield from _read_directory(name)
        elif os.path.lexists(name):
            yield from _read_file(name)
        else:
            yield ReadError(name, "no such file or directory")


def normalize_date(value: str) -> str | None:
    """``YYYY-MM-DD`` for ISO dates and datetimes, RFC 2822 dates, ``11 November 2023``,
    ``Nov. 11, 2023``, ``20231111`` and unambiguous ``dd/mm/yyyy`` or ``mm/dd/yyyy``; else None.

    The date is taken as written (no time zone conversion); years outside 1800-2199 are
    rejected as typos.
    """
    text = value.strip()
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            return _make_date(*_ymd(match.groups(), order))
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _make_date(parsed.year, parsed.month, parsed.day)


def published_date(value: str | None, warnings: list[str]) -> str | None:
    """``value`` as ``YYYY-MM-DD``; a date not understood becomes None plus a warning, so a
    bad date is neither fatal nor kept as garbage (readers and the API share this)."""
    if not value or not value.strip():
        return None
    date_text = normalize_date(value)
    if date_text is None:
        warnings.append(f"published date {value.strip()!r} not understood; left empty")
    return date_text


# --- dispatch -------------------------------------------------------------------------------


def _guarded(
    label: str, reader: Callable[[_T], Iterator[Article | ReadError]], source: _T
) -> Iterator[Article | ReadError]:
    """Run one reader, turning rejections and OS errors into a ReadError for ``label``."""
    try:
        yield from reader(source)
    except _Reject as exc:
        yield ReadError(label, exc.reason)
    except OSError as exc:
        yield ReadError(label, f"cannot read: {exc.strerror or exc}")


def _read_file(name: str) -> Iterator[Article | ReadError]:
    """Dispatch on the extension; unknown extensions (named explicitly) are read as text."""
    reader = _READERS.get(os.path.splitext(name)[1].lower(), _read_text_file)
    yield from _guarded(name, reader, name)


def _read_directory(name: str) -> Iterator[Article | ReadError]:
    found = False
    for item in _walk(name, set()):
        if isinstance(item, ReadError):
            yield item
        else:
            found = True
            yield from _read_file(item)
    if not found:
        extensions = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        yield ReadError(name, f"no articles found (looked for {extensions})")


def _walk(directory: str, seen: set[str]) -> Iterator[str | ReadError]:
    """Supported files under ``directory`` in sorted order; symlink loops are cut."""
    real = os.path.realpath(directory)
    if real in seen:
        return
    seen.add(real)
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield ReadError(directory, f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry.path, seen)
        elif os.path.splitext(entry.name)[1].lower() in SUPPORTED_EXTENSIONS:
            yield entry.path


# --- decoding -------------------------------------------------------------------------------

# UTF-32-LE's BOM starts with UTF-16-LE's, so it is tried first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Browsers read Latin-1 and ASCII labels as cp1252 (WHATWG); a UTF-16/32 label without a BOM
# is almost always a mislabelled 8-bit page.
_LABEL_AS_CP1252 = frozenset({"latin-1", "iso8859-1", "ascii"})
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def _bom_encoding(head: bytes) -> str | None:
    return next((name for bom, name in _BOMS if head.startswith(bom)), None)


def _declared_charset(data: bytes) -> str | None:
    """The codec an HTML page names in its ``<meta>`` charset, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None
    return "cp1252" if name in _LABEL_AS_CP1252 else name


def _decode(data: bytes, declared: str | None = None) -> tuple[str, tuple[str, ...]]:
    """Decode by BOM, else the declared charset, strict UTF-8, cp1252; never raises."""
    bom = _bom_encoding(data)
    candidates = [bom] if bom else [c for c in (declared, "utf-8", "cp1252") if c]
    for encoding in candidates:
        try:
            return data.decode(encoding), ()
        except UnicodeDecodeError:
            continue
    tried = bom or "UTF-8 or cp1252"
    note = f"undecodable bytes replaced with U+FFFD (not valid {tried})"
    return data.decode(bom or "utf-8", errors="replace"), (note,)


def _decode_document(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode one whole article file, rejecting binary and empty files."""
    if not data:
        raise _Reject("empty file")
    text, notes = _decode(data, declared)
    sample = text[:65536]
    if "\x00" in sample:
        raise _Reject("binary file, not text (contains NUL bytes)")
    controls = sum(sample.count(char) for char in _CONTROL_CHARS)
    if controls > _CONTROL_SHARE * len(sample):
        raise _Reject("binary file, not text (mostly control characters)")
    if notes and sample.count("\ufffd") > _REPLACED_SHARE * len(sample):
        raise _Reject("binary file, not text (mostly undecodable bytes)")
    if not text.strip():
        raise _Reject("empty file (whitespace only)")
    return text, list(notes)


def _over(limit: int) -> str:
    return f"over the {limit / 1e6:g} MB limit"


def _read_limited(stream: BinaryIO, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _Reject(f"file {_over(limit)}")
    return data


# --- plain text and Markdown ----------------------------------------------------------------

_FRONT_MATTER_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:(.*)")
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_FIRST_LINE = re.compile(rf"\s*([^{_LINE_BREAKS}]{{1,{_TITLE_MAX_CHARS + 1}}})")
_NOT_TITLE_ENDINGS = tuple(".,;:\u2026")
_CLOSERS = "\"'\u201d\u2019)]*_"
_MAX_SKIPPED_LINES = 3
_DATE_LABEL = re.compile(r"\s*(?:date|published|posted)(?:\s+on)?\s*:?\s+(.{1,60})", re.I)


def _read_text_file(name: str, markdown: bool = False) -> Iterator[Article]:
    with open(name, "rb") as stream:
        data = _read_limited(stream, MAX_FILE_BYTES)
    yield _text_article(data, name, markdown)


def _read_markdown_file(name: str) -> Iterator[Article]:
    yield from _read_text_file(name, markdown=True)


def _text_article(data: bytes, label: str, markdown: bool = False) -> Article:
    """``markdown``: the body after the front matter is parsed and only its plain text kept."""
    text, notes = _decode_document(data)
    meta, body, meta_notes = _split_front_matter(text)
    if not body.strip():
        raise _Reject("no text after the front matter")
    notes.extend(meta_notes)
    if markdown:
        body, left_out = _markdown_text(body)
        if not body:
            raise _Reject("no text left after removing the Markdown markup")
        if left_out:
            notes.append(f"Markdown {' and '.join(left_out)} left out (not the article's prose)")
    title = meta.get("title") or _title_line(body)
    published = meta.get("published") or _leading_date(body)
    fields = {**meta, "title": title, "published": published}
    return _make_article(body, fields, label, label, notes)


def _split_front_matter(text: str) -> tuple[dict[str, str], str, list[str]]:
    """Split a leading ``---`` block of ``key: value`` lines from the text.

    Indented and ``- item`` lines continue the previous key (YAML lists) and are ignored.
    Anything else inside the block means it is not front matter, and the text is kept whole.
    """
    if not text.startswith("---"):
        return {}, text, []
    meta: dict[str, str] = {}
    ignored: list[str] = []
    position = 0
    for number in range(1, _MAX_FRONT_MATTER_LINES + 2):
        newline = text.find("\n", position)
        end = len(text) if newline < 0 else newline + 1
        line = text[position:end].rstrip()
        position = end
        if number == 1:
            if line != "---":
                break
        elif line in ("---", "..."):
            notes = [f"front matter ({number} lines) removed; offsets count from the text after it"]
            if ignored:
                notes.append(f"front matter keys ignored: {', '.join(ignored)}")
            return meta, text[position:], notes
        elif line and not line.startswith(("#", " ", "\t", "- ")):
            match = _FRONT_MATTER_KEY.fullmatch(line)
            if not match:
                break
            key = match.group(1).lower()
            key = _FIELD_ALIASES.get(key, key)
            value = _unquote(match.group(2).strip())
            if key in _RECORD_FIELDS and value:
                meta[key] = value
            elif key not in _RECORD_FIELDS:
                ignored.append(key)
        if newline < 0:
            break
    return {}, text, []


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _leading_date(text: str) -> str | None:
    """The date of a leading ``date 2023-11-11`` / ``Published 11 Nov 2023`` label, if any."""
    match = _DATE_LABEL.match(text)
    return normalize_date(match.group(1)) if match else None


def _title_line(text: str) -> str | None:
    """The first short line not ending like a sentence, after skipping navigation labels
    (one-word lines such as "Trends") and a leading date label."""
    lines = (line.strip() for line in text.splitlines())
    for number, line in enumerate(filter(None, lines)):
        if number > _MAX_SKIPPED_LINES or len(line) > _TITLE_MAX_CHARS:
            return None
        if line.startswith("#"):
            line = line.lstrip("#").strip()
        words = len(line.split())
        if words < 2 or _leading_date(line):
            continue  # navigation label or date line: the headline may follow
        if words > _TITLE_MAX_WORDS or line.rstrip(_CLOSERS).endswith(_NOT_TITLE_ENDINGS):
            return None
        return line
    return None


# --- Markdown -------------------------------------------------------------------------------

_MARKDOWN_LEFT_OUT = {"fence": "code blocks", "code_block": "code blocks", "table_open": "tables"}
_INLINE_TEXT = frozenset({"text", "text_special", "code_inline"})
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)")


def _markdown_text(source: str) -> tuple[str, list[str]]:
    """The plain text of a Markdown document, and what was left out (``["tables"]``).

    Each heading, paragraph, list item and quoted paragraph becomes one paragraph (blank
    lines between), line breaks inside a paragraph stay. Markup goes: heading marks,
    emphasis, backticks, quote marks, bullets, rules; links keep their text, not their URL;
    images go (alt text too, as the HTML reader leaves images out). Code blocks and tables go
    too, as in HTML: not prose, and code would skew readability. HTML blocks keep their text
    only (never scripts or styles); inline HTML tags go, and whatever a script or style tag
    encloses with them.
    """
    blocks: list[str] = []
    left_out: set[str] = set()
    in_table = False  # tables never nest
    for token in _markdown_parser().parse(source):
        if token.type in _MARKDOWN_LEFT_OUT:
            left_out.add(_MARKDOWN_LEFT_OUT[token.type])
        if token.type in ("table_open", "table_close"):
            in_table = token.type == "table_open"
        elif in_table:
            continue
        elif token.type == "inline":
            blocks.append(_inline_text(token.children or []))
        elif token.type == "html_block":
            blocks.append(_body_text(token.content))
    text = "\n\n".join(block for block in map(str.strip, blocks) if block)
    return text, sorted(left_out)


@functools.cache
def _markdown_parser() -> MarkdownIt:
    """CommonMark plus tables and strikethrough; made once (it costs a third of a parse)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _inline_text(tokens: Iterable[Token]) -> str:
    """The text of a paragraph's inline tokens: markup and HTML tags dropped."""
    parts: list[str] = []
    hidden: str | None = None  # the script or style element whose content is being skipped
    for token in tokens:
        if token.type == "html_inline":
            hidden = _hidden_after(token.content, hidden)
        elif hidden is None and token.type in _INLINE_TEXT:
            parts.append(token.content)
        elif hidden is None and token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def _hidden_after(tag: str, hidden: str | None) -> str | None:
    """The non-text element (script, style, ...) open after the inline HTML ``tag``."""
    match = _HTML_TAG.match(tag)
    if not match:
        return hidden  # a comment or declaration
    closing, name = bool(match.group(1)), match.group(2).lower()
    if hidden is None and not closing and name in _NON_TEXT_TAGS:
        return name
    return None if closing and name == hidden else hidden


# --- HTML -----------------------------------------------------------------------------------

_NON_TEXT_TAGS = ("script", "style", "noscript", "template", "head")
_BLOCK_TAGS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
    "section", "article", "header", "footer", "aside", "nav", "table", "ul", "ol", "dd", "dt",
)  # fmt: skip


def _read_html_file(name: str) -> Iterator[Article]:
    with open(name, "rb") as stream:
        data = _read_limited(stream, MAX_FILE_BYTES)
    html, notes = _decode_document(data, _declared_charset(data))
    yield _html_article(html, name, notes)


def _html_article(html: str, label: str, notes: list[str]) -> Article:
    """Main text and metadata via trafilatura (given no URL: it parses, never fetches)."""
    page = _extract(html)
    text = _page_text(page) if page else ""
    if not text:
        text = _body_text(html)
        if not text:
            raise _Reject("no text found in the HTML")
        notes.append("trafilatura found no main text; all text in <body> was used")
    meta: dict[str, str | None] = {}
    if page:
        meta = {
            "title": page.title,
            "source": page.sitename or page.hostname,
            "published": page.date,
            "url": page.url,
        }
    return _make_article(text, meta, label, label, notes)


def _extract(html: str) -> ExtractedPage | None:
    import trafilatura
    from trafilatura.settings import Document as ExtractedPage

    try:
        page = trafilatura.bare_extraction(
            html,
            url=None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
        )
    # trafilatura catches its own parse errors; anything else from lxml must not end the run.
    except Exception:
        return None
    if isinstance(page, ExtractedPage):
        return page
    return None


def _page_text(page: ExtractedPage) -> str:
    """trafilatura's text, one top-level block per paragraph (its own .text joins them with
    single newlines, which would make the whole article one paragraph)."""
    from trafilatura.xml import xmltotxt

    if page.body is None:
        return ""
    blocks = (xmltotxt(block, False).strip() for block in page.body)
    return "\n\n".join(block for block in blocks if block)


def _body_text(html: str) -> str:
    """Every text line in the page's body, one paragraph per block element."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(
            html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
    except (ValueError, etree.ParserError):
        return ""
    for element in list(root.iter(*_NON_TEXT_TAGS)):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n\n".join(line for line in lines if line)


# --- records: JSONL, JSON, CSV --------------------------------------------------------------


class _Line(NamedTuple):
    number: int
    text: str | None  # None: the line is over MAX_FILE_BYTES and was skipped
    notes: tuple[str, ...]


def _bounded_lines(readline: Callable[[int], AnyStr], newline: AnyStr) -> Iterator[AnyStr | None]:
    """Lines of at most MAX_FILE_BYTES; a longer line is skipped unread and yields None."""
    while line := readline(MAX_FILE_BYTES + 1):
        if len(line) <= MAX_FILE_BYTES or line.endswith(newline):
            yield line
            continue
        while line and not line.endswith(newline):
            line = readline(_SKIP_CHUNK)
        yield None


def _corpus_lines(stream: BinaryIO, first_line: int = 1) -> Iterator[_Line]:
    """Numbered, decoded lines of a corpus: UTF-16/32 (by BOM) as a text stream, anything
    else line by line as bytes, each decoded on its own (UTF-8, else cp1252, else replaced).
    A piece of a file that starts at line ``first_line`` is numbered from there."""
    buffered = _peekable(stream)
    head = buffered.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    if not head:
        raise _Reject("empty file")
    encoding = _bom_encoding(head)
    if encoding and encoding != "utf-8-sig":
        text_stream = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
        try:
            for number, text in enumerate(_bounded_lines(text_stream.readline, "\n"), first_line):
                yield _Line(number, text, ())
        finally:
            text_stream.detach()
        return
    if b"\x00" in head:
        raise _Reject("binary file, not text (contains NUL bytes)")
    for number, raw in enumerate(_bounded_lines(buffered.readline, b"\n"), first_line):
        if raw is None:
            yield _Line(number, None, ())
            continue
        try:  # the common case, kept fast: UTF-8 (the BOM, if any, opens line 1)
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield _Line(number, *_decode(raw))
            continue
        yield _Line(number, text.removeprefix("\ufeff") if number == 1 else text, ())


def _peekable(stream: BinaryIO) -> io.BufferedReader:
    """Files and ``sys.stdin.buffer`` already are; in-memory test streams are wrapped."""
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(cast(io.RawIOBase, stream))


def _read_jsonl_file(name: str) -> Iterator[Article | ReadError]:
    with open(name, "rb") as stream:
        yield from _jsonl_records(stream, name)


def read_jsonl_piece(
    name: str, start: int, end: int, first_line: int
) -> Iterator[Article | ReadError]:
    """The records of JSONL file ``name`` in its bytes ``[start, end)``, whole lines from line
    ``first_line`` on: one piece of a corpus read in parallel (``scorer.distributed``). The
    pieces of a file together read exactly as ``read_inputs`` reads the whole file."""

    def piece(stream: BinaryIO) -> Iterator[Article | ReadError]:
        stream.seek(start)
        whole = start == 0 and end >= os.fstat(stream.fileno()).st_size
        data = io.BytesIO(stream.read(end - start))
        yield from _jsonl_records(data, name, first_line, whole)

    def opened(path: str) -> Iterator[Article | ReadError]:
        with open(path, "rb") as stream:
            yield from piece(stream)

    yield from _guarded(name, opened, name)


def _jsonl_records(
    stream: BinaryIO, label: str, first_line: int = 1, whole: bool = True
) -> Iterator[Article | ReadError]:
    """``whole``: the stream is the whole file, which must hold a record."""
    records = 0
    for line in _corpus_lines(stream, first_line):
        where = f"{label}:{line.number}"
        if line.text is None:
            yield ReadError(where, f"record {_over(MAX_FILE_BYTES)}")
            continue
        if not line.text.strip():
            continue
        records += 1
        try:
            record = json.loads(line.text)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
            continue
        yield record_article(record, label, where, line.notes)
    if not records and whole:
        raise _Reject("empty file (whitespace only)")


def _read_json_file(name: str) -> Iterator[Article | ReadError]:
    with open(name, "rb") as stream:
        data = _read_limited(stream, MAX_JSON_BYTES)
    text, notes = _decode_document(data)
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        raise _Reject(reason) from None
    records = parsed
    if isinstance(parsed, dict):
        articles = parsed.get("articles")
        records = articles if isinstance(articles, list) else [parsed]
    if not isinstance(records, list):
        raise _Reject('expected a list of records, {"articles": [...]} or one record')
    if not records:
        raise _Reject("no records found")
    for index, record in enumerate(records):
        yield record_article(record, name, f"{name}:{index}", tuple(notes))


def _read_csv_file(name: str) -> Iterator[Article | ReadError]:
    """CSV with a header row naming the fields; the delimiter (, tab ; |) is the one the
    header uses most. Quoted fields may span lines and be up to MAX_FILE_BYTES long."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    skipped: list[ReadError] = []
    notes: list[str] = []

    def physical_lines(stream: BinaryIO) -> Iterator[str]:
        for line in _corpus_lines(stream):
            if line.text is None:
                skipped.append(ReadError(f"{name}:{line.number}", f"line {_over(MAX_FILE_BYTES)}"))
                yield "\n"  # keeps csv's line count in step
            else:
                notes.extend(line.notes)
                yield line.text

    with open(name, "rb") as stream:
        lines = physical_lines(stream)
        first = next(lines)
        delimiter = max(",\t;|", key=first.count)
        reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
        header = [column.strip().lower() for column in next(reader, [])]
        if not any(header):
            raise _Reject("empty file (whitespace only)")
        if "text" not in header:
            raise _Reject(f"no 'text' column (columns: {', '.join(header)})")
        records = 0
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield ReadError(f"{name}:{reader.line_num}", f"malformed CSV: {exc}")
                continue
            yield from skipped
            skipped.clear()
            if not any(cell.strip() for cell in row):
                continue
            records += 1
            record = {key: cell for key, cell in zip(header, row, strict=False) if cell}
            yield record_article(record, name, f"{name}:{start}", tuple(notes))
            notes.clear()
        yield from skipped
    if not records:
        raise _Reject("no records found (only a header)")


def record_article(
    record: object, path: str, where: str, notes: tuple[str, ...]
) -> Article | ReadError:
    """One corpus record as an Article, or the reason it cannot be one."""
    if not isinstance(record, dict):
        return ReadError(where, "record is not a JSON object")
    text = record.get("text")
    title = record.get("title")
    # A headline alone is a valid record: the headline score needs no body.
    headline_only = (
        isinstance(title, str)
        and bool(title.strip())
        and not (isinstance(text, str) and text.strip())
    )
    if text is None and headline_only:
        text = ""
    if text is None:
        return ReadError(where, "record has no text")
    if not isinstance(text, str):
        return ReadError(where, "record's text is not a string")
    if not text.strip() and not headline_only:
        return ReadError(where, "record has empty text")
    if len(text) > MAX_FILE_BYTES:
        return ReadError(where, f"record's text {_over(MAX_FILE_BYTES)}")
    warnings = list(notes)
    if headline_only:
        warnings.append("headline only: the record has no body text")
    fields: dict[str, str | None] = {}
    for key, value in record.items():
        field = _FIELD_ALIASES.get(key, key)
        if field not in _RECORD_FIELDS or (field in fields and key != field):
            continue
        if isinstance(value, str) or value is None:
            fields[field] = value
        elif field == "id" or (isinstance(value, int | float) and not isinstance(value, bool)):
            fields[field] = json.dumps(value)
        else:
            warnings.append(f"field {key!r} ignored: not a string")
    article = _make_article(text, fields, fields.get("id") or where, path, warnings)
    raw_id = record.get("id")
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        return replace(article, id=raw_id)  # echoed back unchanged, as a number
    return article


# --- shared ---------------------------------------------------------------------------------


def _make_article(
    text: str,
    meta: Mapping[str, str | None],
    default_id: str,
    path: str,
    warnings: list[str],
) -> Article:
    """The Article with cleaned metadata; an unreadable date becomes None plus a warning."""

    def clean(key: str) -> str | None:
        value = (meta.get(key) or "").strip()
        return value or None

    date_text = published_date(clean("published"), warnings)
    article_id = meta.get("id")
    return Article(
        text=text,
        id=article_id if article_id is not None else default_id,
        title=clean("title"),
        source=clean("source"),
        published=date_text,
        url=clean("url"),
        path=path,
        warnings=tuple(warnings),
    )


def _read_stdin(stream: BinaryIO) -> Iterator[Article | ReadError]:
    buffered = _peekable(stream)
    head, _ = _decode(buffered.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
    if head.lstrip().startswith("{"):
        yield from _jsonl_records(buffered, STDIN_LABEL)
    else:
        yield _text_article(_read_limited(buffered, MAX_FILE_BYTES), STDIN_LABEL)


# --- dates ----------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}  # fmt: skip
_WEEKDAY = r"(?:[A-Za-z]+,?\s+)?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"([A-Za-z]+)\.?"
_END = r"(?!\d)"
# (pattern, order of year/month/day groups); "dmy?" means day-month order is not known.
_DATE_PATTERNS = (
    (re.compile(rf"(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_END}"), "ymd"),
    (re.compile(r"(\d{4})(\d{2})(\d{2})(?:$|T)"), "ymd"),
    (re.compile(rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+(\d{{4}}){_END}"), "dmy"),
    (re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+(\d{{4}}){_END}"), "mdy"),
    (re.compile(rf"(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}){_END}"), "dmy?"),
)


def _ymd(groups: tuple[str | None, ...], order: str) -> tuple[int, int, int]:
    """Year, month, day from matched groups; 0 marks a part that cannot be known."""
    parts = dict(zip(order.rstrip("?"), (group or "" for group in groups), strict=True))
    month_text = parts["m"]
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower(), 0)
    year, day = int(parts["y"]), int(parts["d"])
    if order.endswith("?") and day <= 12 and month <= 12 and day != month:
        return year, 0, 0  # 03/04/2023: April 3rd or March 4th
    if order.endswith("?") and day <= 12 < month:
        day, month = month, day  # 12/25/2023 is month first
    return year, month, day


def _make_date(year: int, month: int, day: int) -> str | None:
    if not 1800 <= year < 2200:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_READERS: dict[str, Callable[[str], Iterator[Article | ReadError]]] = {
    ".md": _read_markdown_file,
    ".markdown": _read_markdown_file,
    ".html": _read_html_file,
    ".htm": _read_html_file,
    ".jsonl": _read_jsonl_file,
    ".ndjson": _read_jsonl_file,
    ".json": _read_json_file,
    ".csv": _read_csv_file,
}
