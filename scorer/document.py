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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, pairwise, repeat
from operator import add, sub
from typing import TypeVar

Span = tuple[int, int]
_T = TypeVar("_T")

_BREAKS = r"\n\r\u2028\u2029\x0b\x0c\x1c-\x1e\x85"  # those of str.splitlines, all white space
# Each alternative opens with a literal, so the engine skips ahead to line breaks. Atomic
# groups: a "\r\n" is one line break, never a "\r" and a "\n" (two, a blank line).
_PARAGRAPH_BREAK = re.compile(r"(?>\r\n|\n|\r)[ \t\u00a0]*(?>\r\n|\n|\r)\s*")
# The same in a text without "\r": one literal prefix lets the engine jump between newlines.
_NEWLINE_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")
# Letters or digits, joined by inner apostrophes, hyphens, periods or commas-in-numbers, so
# "don't", "well-known", "U.S", "3.5" and "1,200" are one word each.
# Possessive (never backtracking): a run of letters or digits cannot end early and still
# be followed by a joiner, so the matches are those of the plain pattern, found faster.
_WORD = re.compile(r"[^\W_]++(?:(?:['\u2019\-.]|,(?=\d))[^\W_]++)*+")
# Splitting on the captured words yields gaps and words in turn, all as strings: their
# lengths give the words' offsets without a match object per word.
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
# A sentence-final mark (a run of ".!?" or an ellipsis) with any closing quotes or brackets,
# followed on its line by white space and a token (group 1). Kept linear and fast: it opens
# with one character class, so the engine skips ahead; a run of marks is tried from its
# first mark only (a later one fails the same way), and possessively (a shorter run is
# followed by a mark, not by white space).
_BOUNDARY = re.compile(
    r"[.!?\u2026](?<![.!?][.!?])(?:(?<=[.!?])[.!?]*+)?+"
    r"[\"'\u201d\u2019)\]]*+"
    rf"(?=[^\S{_BREAKS}]++(\S+))"
)
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


_LAST_TOKEN = re.compile(r"(\S+)\Z")
# How far back to look for the word before a period; abbreviations are shorter than this.
_LOOKBACK = 40


def _ends_sentence(text: str, candidate: re.Match[str]) -> bool:
    """Whether a ``_BOUNDARY`` match really ends a sentence.

    Looks only at a few characters around it, so a line of any length splits in linear
    time. The words around it are on its line: a line break is white space.
    """
    punct_start = candidate.start()
    following = candidate.group(1)
    nxt = following[0]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    if text[punct_start] == "." and not text.startswith("...", punct_start):
        before = _LAST_TOKEN.search(text, max(0, punct_start - _LOOKBACK), punct_start)
        token = before.group(1).lstrip(_OPENERS) if before else ""
        if len(token) == 1 and token.isalpha():
            return False  # an initial: "Isaac L. Taylor"
        lowered = token.lower()
        if lowered in ABBREVIATIONS:
            return False
        if lowered in ("no", "nos") and nxt.isdigit():
            return False  # "No. 5"; a plain "No." ends a sentence
        if "." in token and token.replace(".", "").isalpha():  # U.S / e.g / a.m
            next_word = _WORD.match(following.lstrip(_OPENERS))
            return next_word is not None and next_word.group().lower() in SENTENCE_OPENERS
    return True


def split_sentences(text: str, lines: list[Span]) -> list[Span]:
    """Split the (trimmed, ascending) ``lines`` of ``text`` into trimmed sentence spans.

    One scan of the whole text finds the boundary candidates, not one scan per line: a
    candidate holds no white space, so it lies inside one line.
    """
    starts, ends = [a for a, _ in lines], [b for _, b in lines]
    for match in _BOUNDARY.finditer(text):
        if _ends_sentence(text, match):
            ends.append(match.end())
            starts.append(match.start(1))
    # Sentences are disjoint and ordered, so the k-th start pairs with the k-th end.
    starts.sort()
    ends.sort()
    return list(zip(starts, ends, strict=True))


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
    # Where each word starts, ascending: for bisecting offsets into word indexes.
    word_starts: tuple[int, ...]

    @classmethod
    def parse(cls, text: str, title: str | None = None) -> Document:
        lines = _lines(text)
        # A word holds no white space or line break, and sentences cover every other
        # character of their lines, so each word of the text lies inside one sentence.
        parts = _WORD_SPLIT.split(text)
        bounds = tuple(accumulate(map(len, parts)))
        starts, ends = bounds[:-1:2], bounds[1::2]
        return cls._build(
            text,
            title,
            _paragraphs(text, lines),
            lines,
            split_sentences(text, lines),
            tuple(zip(starts, ends, strict=True)),
            tuple(parts[1::2]),
            starts,
        )

    def without_lines(self, drop: set[int]) -> Document:
        """The same text with lines ``drop`` (indexes into ``lines``) left out of every unit.

        Offsets still point into the same text. Used to keep scraper junk out of the families
        that read prose; a paragraph stays while any of its lines does. Sentences never cross
        lines, so the kept units are taken from this Document, not split again, and so are
        the words' lower-cased forms.
        """
        dropped = sorted(drop.intersection(range(len(self.lines))))
        spans = [self.lines[i] for i in dropped]
        lines = _without(self.lines, [(i, i + 1) for i in dropped])
        starts = [a for a, _ in lines]
        paragraphs = [
            (a, b) for a, b in self.paragraphs if bisect_left(starts, a) < bisect_left(starts, b)
        ]
        # The units to leave out are those starting inside a dropped line.
        sentences = _without(self.sentences, _ranges([a for a, _ in self.sentences], spans))
        cuts = _ranges(self.word_starts, spans)
        words, texts = _without(self.words, cuts), _without(self.word_texts, cuts)
        word_starts, lower = _without(self.word_starts, cuts), _without(self.lower_words, cuts)
        doc = Document._build(
            self.text, self.title, paragraphs, lines, sentences, words, texts, word_starts
        )
        doc.__dict__["lower_words"] = tuple(lower)  # fills the cached_property
        return doc

    @classmethod
    def _build(
        cls,
        text: str,
        title: str | None,
        paragraphs: Sequence[Span],
        lines: Sequence[Span],
        sentences: Sequence[Span],
        words: Sequence[Span],
        word_texts: Sequence[str],
        word_starts: Sequence[int],
    ) -> Document:
        """The Document of these units, with each sentence's range of words."""
        return cls(
            text=text,
            title=(title or "").strip(),
            paragraphs=tuple(paragraphs),
            lines=tuple(lines),
            sentences=tuple(sentences),
            words=tuple(words),
            sentence_words=tuple(_ranges(word_starts, sentences)),
            word_texts=tuple(word_texts),
            word_starts=tuple(word_starts),
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

    def word_ranges(self, spans: Sequence[Span]) -> list[Span]:
        """For each unit span (line, paragraph), the half-open range of its words' indexes."""
        return _ranges(self.word_starts, spans)

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


def _ranges(starts: Sequence[int], spans: Sequence[Span]) -> list[Span]:
    """For each span, the half-open range of indexes of the ascending ``starts`` inside it."""
    firsts = map(bisect_left, repeat(starts), [a for a, _ in spans])
    lasts = map(bisect_left, repeat(starts), [b for _, b in spans])
    return list(zip(firsts, lasts, strict=True))


def _without(units: Sequence[_T], cuts: list[Span]) -> list[_T]:
    """``units`` without the index ranges ``cuts`` (ascending, disjoint)."""
    out: list[_T] = []
    kept = 0
    for first, last in cuts:
        out.extend(units[kept:first])
        kept = last
    out.extend(units[kept:])
    return out


def _lines(text: str) -> list[Span]:
    """The lines of ``text``, trimmed, blank ones left out.

    Found by C-level passes over the pieces ``str.splitlines`` cuts: a regular expression
    would try every character.
    """
    pieces = text.splitlines(keepends=True)
    ends = list(accumulate(map(len, pieces)))
    firsts = map(sub, ends, map(len, map(str.lstrip, pieces)))
    lasts = map(add, [0, *ends], map(len, map(str.rstrip, pieces)))
    return [(a, b) for a, b in zip(firsts, lasts, strict=True) if a < b]


def _paragraphs(text: str, lines: list[Span]) -> list[Span]:
    """Paragraphs: the text between blank lines, trimmed.

    A paragraph break is white space opening with a line break, so each line lies in one
    paragraph; a paragraph spans from its first line's start to its last line's end.
    """
    breaks = _PARAGRAPH_BREAK if "\r" in text else _NEWLINE_PARAGRAPH_BREAK
    line_starts = [a for a, _ in lines]
    cuts = map(bisect_left, repeat(line_starts), map(re.Match.start, breaks.finditer(text)))
    bounds = [0, *cuts, len(lines)]
    return [(lines[i][0], lines[j - 1][1]) for i, j in pairwise(bounds) if i < j]


def tokenize(text: str) -> list[str]:
    """Lower-cased words of a short string (a lexicon phrase, a title), as Documents split them."""
    return [m.group().lower().replace("\u2019", "'") for m in _WORD.finditer(text)]
