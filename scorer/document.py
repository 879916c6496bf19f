"""The Document: an article parsed once into paragraphs, lines, sentences and words.

Every unit is a ``(start, end)`` pair of character offsets into ``Article.text`` (end
exclusive), so evidence found on any unit points back into the text the user gave. Feature
families read these units; none of them tokenizes on its own.

Sentence splitting is rule-based and line-aware, because news text arrives with headlines,
bylines and scraper junk that carry no final punctuation: a line break always ends a unit.
Within a line we split after ``.``, ``!``, ``?`` or an ellipsis (plus closing quotes or
brackets) when the next word starts a sentence, and not after abbreviations (``Col.``,
``Dr.``), initials (``Isaac L. Taylor``) or inside decimals (``3.5``). Dotted acronyms such as
``U.S.`` end a sentence only when a typical sentence opener follows. We chose rules over
pysbd (about 100x slower) and NLTK's punkt (needs a model download at run time).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

Span = tuple[int, int]

_LINE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x1c-\x1e\x85]+")
# Each alternative opens with a literal, so the engine skips ahead to line breaks.
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\n|\r)[ \t\u00a0]*(?:\r\n|\n|\r)\s*")
# Letters or digits, joined by inner apostrophes, hyphens, periods or commas-in-numbers, so
# "don't", "well-known", "U.S", "3.5" and "1,200" are one word each.
# Possessive (never backtracking): a run of letters or digits cannot end early and still
# be followed by a joiner, so the matches are those of the plain pattern, found faster.
_WORD = re.compile(r"[^\W_]++(?:(?:['\u2019\-.]|,(?=\d))[^\W_]++)*+")
# "[.!?][.!?]*", not "[.!?]+": a leading character class lets the engine skip ahead.
_BOUNDARY = re.compile(r"(?:[.!?][.!?]*|\u2026)[\"'\u201d\u2019)\]]*(?=\s)")
_OPENERS = "\"'\u201c\u2018([\u00bf\u00a1"

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof rev hon col gen lt sgt capt cpt maj cmdr adm brig pvt cpl sen rep gov
    pres supt insp det st ave blvd rd mt ft jr sr inc corp ltd co bros dept univ assn est approx
    vol vols fig figs ed eds vs v al jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun""".split()
)
# Capitalised words that typically open a sentence: after "U.S." they mean a new sentence.
SENTENCE_OPENERS = frozenset(
    """the a an this that these those it its he she they we i you his her their our there here
    but and or so yet however meanwhile in on at for as if when while after before since
    although though despite officials experts critics according""".split()
)


_NEXT_WORD = re.compile(r"\s*(\S+)")
_LAST_TOKEN = re.compile(r"(\S+)\Z")
# How far back to look for the word before a period; abbreviations are shorter than this.
_LOOKBACK = 40


def _is_break(line: str, punct_start: int, after: int) -> bool:
    """Whether the boundary candidate ending at ``after`` really ends a sentence.

    Looks only at a few characters around the candidate, so a line of any length splits in
    linear time.
    """
    following = _NEXT_WORD.match(line, after)
    if following is None:
        return False
    nxt = following.group(1)[0]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    if line[punct_start] != "." or line.startswith("...", punct_start):
        return True
    before = _LAST_TOKEN.search(line, max(0, punct_start - _LOOKBACK), punct_start)
    token = before.group(1).lstrip(_OPENERS) if before else ""
    if not token:
        return True
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "Isaac L. Taylor"
    lowered = token.lower()
    if lowered in ABBREVIATIONS:
        return False
    if lowered in ("no", "nos") and nxt.isdigit():
        return False  # "No. 5"; a plain "No." ends a sentence
    if "." in token and token.replace(".", "").isalpha():  # U.S / e.g / a.m
        next_word = _WORD.match(following.group(1).lstrip(_OPENERS))
        return next_word is not None and next_word.group().lower() in SENTENCE_OPENERS
    return True


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Split one line ``text[start:end]`` into sentence spans, trimmed of outer whitespace."""
    line = text[start:end]
    spans: list[Span] = []
    cut = 0
    for match in _BOUNDARY.finditer(line):
        if _is_break(line, match.start(), match.end()):
            spans.append((cut, match.end()))
            cut = match.end()
    spans.append((cut, len(line)))
    out: list[Span] = []
    for a, b in spans:
        piece = line[a:b]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            out.append((start + a + lead, start + a + lead + len(stripped)))
    return out


@dataclass(frozen=True, eq=False)
class Document:
    """An article's text split into units with offsets; built once per article.

    Compared and hashed by identity (``eq=False``): caches keyed by a Document then cost
    nothing, where hashing its fields would hash every span of the article.
    """

    text: str
    title: str
    paragraphs: tuple[Span, ...]
    lines: tuple[Span, ...]
    sentences: tuple[Span, ...]
    words: tuple[Span, ...]
    # For each sentence, the half-open range of indexes into ``words``.
    sentence_words: tuple[Span, ...]
    # The words as written (taken with their spans, in the same pass).
    word_texts: tuple[str, ...]

    @classmethod
    def parse(cls, text: str, title: str | None = None) -> Document:
        lines: list[Span] = []
        for match in _LINE.finditer(text):
            stripped = _strip_span(text, match.start(), match.end())
            if stripped is not None:
                lines.append(stripped)
        sentences = [span for a, b in lines for span in split_sentences(text, a, b)]
        # A word holds no white space or line break, and sentences cover every other
        # character of their lines, so each word of the text lies inside one sentence.
        matches = list(_WORD.finditer(text))
        words = list(map(re.Match.span, matches))
        texts = list(map(re.Match.group, matches))
        return cls._build(text, title, _paragraphs(text), lines, sentences, words, texts)

    def without_lines(self, drop: set[int]) -> Document:
        """The same text with lines ``drop`` (indexes into ``lines``) left out of every unit.

        Offsets still point into the same text. Used to keep scraper junk out of the families
        that read prose; a paragraph stays while any of its lines does. Sentences never cross
        lines, so the kept units are taken from this Document, not split again.
        """
        lines = [span for i, span in enumerate(self.lines) if i not in drop]
        starts = [a for a, _ in lines]
        paragraphs = [
            (a, b) for a, b in self.paragraphs if bisect_left(starts, a) < bisect_left(starts, b)
        ]
        sentence_starts = [a for a, _ in self.sentences]
        sentences: list[Span] = []
        words: list[Span] = []
        texts: list[str] = []
        for a, b in lines:
            first, last = bisect_left(sentence_starts, a), bisect_left(sentence_starts, b)
            sentences.extend(self.sentences[first:last])
            if first < last:
                kept = slice(self.sentence_words[first][0], self.sentence_words[last - 1][1])
                words.extend(self.words[kept])
                texts.extend(self.word_texts[kept])
        return Document._build(self.text, self.title, paragraphs, lines, sentences, words, texts)

    @classmethod
    def _build(
        cls,
        text: str,
        title: str | None,
        paragraphs: list[Span],
        lines: list[Span],
        sentences: list[Span],
        words: list[Span],
        word_texts: list[str],
    ) -> Document:
        word_starts = [a for a, _ in words]
        sentence_words = [
            (bisect_left(word_starts, a), bisect_left(word_starts, b)) for a, b in sentences
        ]
        return cls(
            text=text,
            title=(title or "").strip(),
            paragraphs=tuple(paragraphs),
            lines=tuple(lines),
            sentences=tuple(sentences),
            words=tuple(words),
            sentence_words=tuple(sentence_words),
            word_texts=tuple(word_texts),
        )

    def slice(self, span: Span) -> str:
        return self.text[span[0] : span[1]]

    @cached_property
    def lower_words(self) -> tuple[str, ...]:
        """Words lower-cased, curly apostrophes made straight: the form lexicons use."""
        if not self.words:
            return ()
        # One lower() over the words joined by line breaks equals lower() per word: a line
        # break is no letter, so it bounds the context of a final sigma like the word's end.
        return tuple("\n".join(self.word_texts).lower().replace("\u2019", "'").split("\n"))

    @cached_property
    def title_words(self) -> tuple[str, ...]:
        """The title's words, lower-cased like ``lower_words``."""
        return tuple(tokenize(self.title))

    @cached_property
    def word_starts(self) -> list[int]:
        """Where each word starts, ascending: for bisecting offsets into word indexes."""
        return [a for a, _ in self.words]

    def word_ranges(self, spans: tuple[Span, ...]) -> list[Span]:
        """For each unit span (line, paragraph), the half-open range of its words' indexes."""
        starts = self.word_starts
        return [(bisect_left(starts, a), bisect_left(starts, b)) for a, b in spans]

    @cached_property
    def _sentence_of_word(self) -> tuple[int, ...]:
        owner = [0] * len(self.words)
        for i, (a, b) in enumerate(self.sentence_words):
            owner[a:b] = [i] * (b - a)
        return tuple(owner)

    def sentence_of_word(self) -> list[int]:
        """For each word index, the index of its sentence."""
        return list(self._sentence_of_word)

    @property
    def n_words(self) -> int:
        return len(self.words)


def _strip_span(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    return (start + lead, start + lead + len(stripped))


def _paragraphs(text: str) -> list[Span]:
    out: list[Span] = []
    cut = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        span = _strip_span(text, cut, match.start())
        if span is not None:
            out.append(span)
        cut = match.end()
    span = _strip_span(text, cut, len(text))
    if span is not None:
        out.append(span)
    return out


def tokenize(text: str) -> list[str]:
    """Lower-cased words of a short string (a lexicon phrase, a title), as Documents split them."""
    return [m.group().lower().replace("\u2019", "'") for m in _WORD.finditer(text)]
