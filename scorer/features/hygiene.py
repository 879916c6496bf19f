"""Hygiene: scraper junk and boilerplate lines, and machine-text artifacts.

Text extractors keep page furniture (share and subscribe widgets, "Leave a Reply", ad-banner
ids such as "BA WORRIED ABOUT 5G FB BANNER 728X90", tag lists, photo credits, embedded-tweet
signatures), and unedited generated text leaves phrases such as "As an AI language model" or
"Instead of providing a quote". Such lines say something about the care that went into a
page, and they are not prose: ``boilerplate_lines`` lets other code leave them out.

A line is classified by the first rule that fits, most specific first. Lexicon rules apply
to short lines only, so prose that merely mentions "click here" or "privacy policy" is not
flagged; structural rules look at the line's shape (a banner size like 728x90, a line that
is mostly a URL, a tweet signature "— Name (@handle) Month D, YYYY", a copyright sign, an
agency credit such as "/Getty Images", a comma list of capitalised names, a long run of
words with no punctuation and almost no function words). A short line sandwiched between
two junk lines is junk too ("Reuters" between "Read the original story here:" and a sign-up
widget). Machine-text evidence is the sentence holding the phrase, since it sits in prose.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache

from scorer.document import Document
from scorer.features.base import (
    Family,
    FamilyResult,
    FeatureSpec,
    bounded,
    evidence,
    per_100_words,
    share,
)
from scorer.lexicons import load_lexicon, matcher, phrase_words, word_set

NAME = "hygiene"

MAX_PHRASE_LINE_WORDS = 20  # a boilerplate phrase marks a line only up to this length
MAX_TERM_LINE_WORDS = 8  # for terms that reporting also uses ("privacy policy")
MAX_OPENER_LINE_WORDS = 12
MAX_CREDIT_LINE_WORDS = 25
MAX_NAVIGATION_WORDS = 6
MAX_CONTEXT_WORDS = 12  # a line between two junk lines is junk up to this length
MAX_TAG_LINE_WORDS = 80
MIN_UNPUNCTUATED_TAG_WORDS = 12
MAX_CAPTION_WORDS = 8
MIN_URL_SHARE = 0.7  # of a line's non-space characters, for a URL line
MIN_PROSE_WORDS = 20  # a caption sits between lines at least this long
MAX_TAG_FUNCTION_SHARE = 0.1
OPENER_WORDS = 4  # openers are at most this long
LOOSE_OPENER_WORDS = 2  # "Via Zerohedge", "Related": openers that need no colon
# No rule of a line's own kind applies to a longer line.
_MAX_RULE_WORDS = max(
    MAX_PHRASE_LINE_WORDS,
    MAX_TERM_LINE_WORDS,
    MAX_OPENER_LINE_WORDS,
    MAX_CREDIT_LINE_WORDS,
    MAX_NAVIGATION_WORDS,
    MAX_TAG_LINE_WORDS,
)

FEATURES = (
    FeatureSpec(
        "boilerplate_line_share",
        0,
        1,
        "share of lines that are junk/boilerplate",
        "higher",
        label="Junk lines",
    ),
    FeatureSpec(
        "boilerplate_char_share",
        0,
        1,
        "share of line characters in junk/boilerplate",
        "higher",
        label="Text in junk lines",
    ),
    FeatureSpec(
        "machine_text_density",
        0,
        100,
        "sentences with machine-text artifacts, and template placeholders, per 100 words",
        "higher",
        label="Machine-text artifacts",
    ),
)

_AD_SIZE = re.compile(r"\d{2,4}x\d{2,4}")
_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
_EMBED_SIGNATURE = re.compile(
    r"\(@\w{1,30}\)\s+(?:on\s+)?[A-Z][a-z]{2,9}\.?\s+\d{1,2},\s+\d{4}\s*$"
)
_AGENCY_CREDIT = re.compile(
    r"[/(]\s*(?:getty(?:\s+images)?|afp|ap(?:\s+photo)?|reuters|epa|shutterstock|istock"
    r"(?:photo)?|pixabay|unsplash|file\s+photo)\b[^()]{0,60}\)?\s*$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# Template slots a generator left unfilled: "[Insert quote from official]", "[Your Name]".
_PLACEHOLDER = re.compile(
    r"\[(?:insert (?:a |an |the )?(?:quote|name|date|source|link|company|location|relevant"
    r"|statistic|number|title|image)|your name|source name|author name|company name|name of"
    r"|date|source|city|link)\b[^\[\]\n]{0,40}\]",
    re.IGNORECASE,
)
_OPENER_MARKS = ":|-\u2013\u2014"
# Sentence punctuation, Latin and CJK (a period counts only before a space or at the end).
_PUNCTUATION = re.compile('[,;:!?"\u201c\u201d\uff0c\u3002\u3001\uff1b\uff1a\uff01\uff1f]')
# Junk that comes in blocks (widgets, menus, footers); embeds and credits sit beside prose.
_CONTEXT_KINDS = frozenset({"boilerplate", "navigation", "banner_id", "tag_list", "copyright"})


@cache
def tag_headers() -> frozenset[tuple[str, ...]]:
    """Tag-list labels as word tuples: a line that is only a label announces a tag list."""
    return frozenset(phrase_words(p) for p in load_lexicon("hygiene_tag_openers"))


class _Line:
    """One line with its words, and the checks the rules share."""

    __slots__ = ("doc", "end", "first", "last", "n", "start", "text", "words")

    def __init__(self, doc: Document, span: tuple[int, int], first: int, last: int) -> None:
        self.doc = doc
        self.start, self.end = span
        self.text = doc.text[self.start : self.end]
        self.first, self.last = first, last
        self.words = doc.lower_words[first:last]
        self.n = last - first

    def opener(self, lexicon: str) -> int:
        """How many words of ``lexicon``'s phrase open the line (0 if none does)."""
        phrases = matcher(lexicon)
        if self.words[0] not in phrases.openers:  # rules see lines with words only
            return 0
        match = next(phrases.finditer(self.words[:OPENER_WORDS]), None)
        return match.last if match is not None and match.first == 0 else 0

    def contains(self, lexicon: str) -> bool:
        """Whether a phrase of ``lexicon`` occurs in the line."""
        phrases = matcher(lexicon)
        # Most lines hold no word that opens a phrase: settled by one set operation.
        return not phrases.openers.isdisjoint(self.words) and (
            next(phrases.finditer(self.words), None) is not None
        )

    def marked_after(self, count: int) -> bool:
        """Whether a colon, bar or dash follows the line's first ``count`` words."""
        end = self.doc.words[self.first + count - 1][1]
        rest = self.doc.text[end : min(end + 4, self.end)].lstrip()
        return rest[:1] in _OPENER_MARKS and rest[:1] != ""

    def function_share(self) -> float:
        stop = word_set("function_words")
        return share(sum(w in stop for w in self.words), self.n)


def _credit(line: _Line) -> bool:
    if line.n > MAX_CREDIT_LINE_WORDS:
        return False
    opened = line.opener("hygiene_credit_openers")
    if opened > 1 or (opened == 1 and line.marked_after(1)):
        return True
    text = line.text
    return ("/" in text or "(" in text) and _AGENCY_CREDIT.search(text) is not None


def _copyright(line: _Line) -> bool:
    if line.n > MAX_CREDIT_LINE_WORDS:
        return False
    words = line.words
    if "\u00a9" in line.text or ("reserved" in words and "all rights reserved" in " ".join(words)):
        return True
    return words[0] == "copyright" and _YEAR.search(line.text) is not None


def _tag_list(line: _Line) -> bool:
    if line.n > MAX_TAG_LINE_WORDS:
        return False
    opened = line.opener("hygiene_tag_openers")
    if opened and (
        line.marked_after(opened) or not set(line.words[opened:]) & word_set("function_words")
    ):
        return True
    if line.text[0] == "#" and all(token.startswith("#") for token in line.text.split()):
        return True
    # A long run of words with no punctuation and almost no grammar: keywords, not a sentence.
    return (
        line.n >= MIN_UNPUNCTUATED_TAG_WORDS
        and not _has_sentence_punctuation(line.text)
        and line.function_share() <= MAX_TAG_FUNCTION_SHARE
    )


def _after_tag_header(line: _Line, previous: _Line | None) -> bool:
    """The line after a bare "Tags" or "Categories" label lists them."""
    return (
        previous is not None
        and line.text[-1] not in ".!?"
        and line.n <= MAX_TAG_LINE_WORDS
        and previous.words in tag_headers()
    )


def _has_sentence_punctuation(text: str) -> bool:
    return _PUNCTUATION.search(text) is not None or ". " in text or text.endswith(".")


def _caption(line: _Line, previous: _Line | None, following: _Line | None) -> bool:
    """A comma list of capitalised names between two paragraphs of prose: image alt text or
    a caption ("North Korea, Kim Jong Un"), not a dateline, byline or date."""
    if not (2 <= line.n <= MAX_CAPTION_WORDS and "," in line.text) or line.text[-1] in ".!?":
        return False
    if previous is None or following is None or min(previous.n, following.n) < MIN_PROSE_WORDS:
        return False
    texts = line.doc.word_texts[line.first : line.last]
    return line.function_share() == 0 and all(w[:1].isupper() for w in texts)


def _navigation(line: _Line) -> bool:
    if line.n > MAX_NAVIGATION_WORDS:
        return False
    nav = word_set("hygiene_navigation")  # menus and share bars
    return all(w in nav or w.isdigit() for w in line.words) and not all(
        w.isdigit() for w in line.words
    )


def _boilerplate(line: _Line) -> bool:
    if line.n <= MAX_PHRASE_LINE_WORDS and line.contains("boilerplate"):
        return True
    if line.n <= MAX_TERM_LINE_WORDS and line.contains("hygiene_boilerplate_terms"):
        return True
    if line.n > MAX_OPENER_LINE_WORDS:
        return False
    opened = line.opener("hygiene_openers")
    return bool(opened) and (
        line.n <= LOOSE_OPENER_WORDS or line.marked_after(opened) or line.text.endswith(":")
    )


def _url_share(line: _Line) -> float:
    if "http" not in line.text and "www." not in line.text and "pic.twitter" not in line.text:
        return 0.0
    url_chars = sum(len(m.group()) for m in _URL.finditer(line.text))
    return share(url_chars, len(line.text) - line.text.count(" "))


def _own_kind(line: _Line) -> str | None:
    """The junk kind a line has by itself, or None (first matching rule wins)."""
    if line.n == 0:
        return "symbol_line"  # rules, separators, stray glyphs: no letters or digits at all
    if line.n > _MAX_RULE_WORDS:
        return None
    if line.n <= MAX_OPENER_LINE_WORDS and any(map(_AD_SIZE.fullmatch, line.words)):
        return "banner_id"
    if line.n <= MAX_TAG_LINE_WORDS and _url_share(line) >= MIN_URL_SHARE:
        return "url_line"
    if line.n <= MAX_TAG_LINE_WORDS and (
        ("(@" in line.text and _EMBED_SIGNATURE.search(line.text))
        or line.words[:4] == ("a", "post", "shared", "by")
    ):
        return "social_embed"
    if _copyright(line):
        return "copyright"
    if _credit(line):
        return "photo_credit"
    if _boilerplate(line):
        return "boilerplate"
    if _navigation(line):
        return "navigation"
    if _tag_list(line):
        return "tag_list"
    return None


@lru_cache(maxsize=1)
def line_kinds(doc: Document) -> dict[int, str]:
    """Junk lines of the document: line index -> rule kind (prose lines are absent).

    A line's own kind depends only on its text, so repeated lines are classified once; then
    the rules that look at neighbours: tag lists after a label, captions, junk blocks. The
    last Document's answer is kept: the pipeline asks once to find the prose, then once more
    through this family. Callers must not modify the result.
    """
    ranges = doc.word_ranges(doc.lines)
    lines = [
        _Line(doc, span, first, last) for span, (first, last) in zip(doc.lines, ranges, strict=True)
    ]
    known: dict[str, str | None] = {}
    kinds: dict[int, str] = {}
    previous = None
    for index, line in enumerate(lines):
        text = line.text
        kind = known[text] if text in known else known.setdefault(text, _own_kind(line))
        if kind is None:
            if _after_tag_header(line, previous):
                kind = "tag_list"
            elif _caption(line, previous, lines[index + 1] if index + 1 < len(lines) else None):
                kind = "caption"
        if kind is not None:
            kinds[index] = kind
        previous = line
    # A line between two block junk lines is junk too: only lines after one can be.
    context = [
        index
        for index in [i + 1 for i, kind in kinds.items() if kind in _CONTEXT_KINDS]
        if index not in kinds
        and index + 1 < len(lines)
        and lines[index].n <= MAX_CONTEXT_WORDS
        and kinds.get(index + 1) in _CONTEXT_KINDS
    ]
    if not context:
        return kinds  # filled in line order
    kinds.update(dict.fromkeys(context, "boilerplate_context"))
    return dict(sorted(kinds.items()))


def boilerplate_lines(doc: Document) -> list[int]:
    """Indexes into ``doc.lines`` of junk lines, to be treated as not prose."""
    return list(line_kinds(doc))


def _machine_text(doc: Document, result: FamilyResult) -> int:
    """Add evidence for machine-text sentences and placeholders; return how many."""
    heads = [a for a, _ in doc.sentence_words]
    flagged: set[int] = set()
    for match in matcher("machine_text").finditer(doc.lower_words):
        flagged.add(bisect_right(heads, match.first) - 1)
    for index in sorted(flagged):
        result.evidence.append(evidence(doc, NAME, "machine_text", doc.sentences[index]))
    placeholders = [m.span() for m in _PLACEHOLDER.finditer(doc.text)]
    for span in placeholders:
        result.evidence.append(evidence(doc, NAME, "placeholder", span))
    return len(flagged) + len(placeholders)


def extract(doc: Document) -> FamilyResult:
    kinds = line_kinds(doc)
    junk = [doc.lines[i] for i in kinds]
    result = FamilyResult(values={})
    for index, kind in kinds.items():
        result.evidence.append(evidence(doc, NAME, kind, doc.lines[index]))
    machine = _machine_text(doc, result)
    result.values = bounded(
        {
            "boilerplate_line_share": share(len(junk), len(doc.lines)),
            "boilerplate_char_share": share(
                sum(b - a for a, b in junk), sum(b - a for a, b in doc.lines)
            ),
            "machine_text_density": per_100_words(machine, doc),
        },
        FEATURES,
    )
    return result


FAMILY = Family(
    NAME,
    "Scraper junk and boilerplate lines, and machine-text artifacts.",
    FEATURES,
    extract,
    reads_junk=True,
)
