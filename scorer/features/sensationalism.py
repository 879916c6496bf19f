"""Sensationalism: how loudly the body of an article tells the reader what to feel.

Word cues come from four disjoint lexicons (loaded and emotive words, superlatives and
absolutes, intensifiers, fear and threat words), matched in one pass; each is a density per
100 body words. Three typographic and rhetorical cues complete it:

- exclamations: sentences that end in "!", per 100 body words;
- shouting: all-caps words per 100 body words. Acronyms ("NATO", "KCNA", "U.S.") are not
  shouting, so a capitalised word counts only when it sits in a run of at least
  ``SHOUT_RUN`` all-caps words ("THIS IS OUTRAGEOUS"), or when, alone, it is an ordinary word:
  one of the lexicons' words, or a word the same article also writes in lower case ("NOT" next
  to "not"), and not an acronym that doubles as a word (``caps_acronyms``: "US", "WHO"). Words
  with digits or dots ("F-35", "U.S.") never count, nor a dateline ("WASHINGTON (Reuters) -");
- rhetorical questions: the share of body sentences that are questions (a sentence ending
  in "?!" is both a question and an exclamation).

Questions and exclamations inside quotation marks are the speaker's, not the outlet's, and do
not count; the quotation state is tracked through each line ("..." and curly quotes) and
reset at line breaks. The headline, when it stands as a line at the top of the text, is left
to the headline family: "body" means every other word and sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import compress, count

from scorer.document import Document
from scorer.features.base import Family, FamilyResult, FeatureSpec, evidence, share
from scorer.features.headline import headline_line
from scorer.lexicons import kind_matcher, phrase_words, word_set

NAME = "sensationalism"
# (lexicon, cue kind). The lists are disjoint, so one matcher serves them all.
LEXICONS = (
    ("loaded_words", "loaded_word"),
    ("superlatives", "superlative"),
    ("intensifiers", "intensifier"),
    ("fear_words", "fear_word"),
)
SHOUT_RUN = 3
# Quotation marks: curly and angle quotes open or close, a straight double quote toggles.
OPEN_QUOTES = "\u201c\u201e\u00ab"
CLOSE_QUOTES = "\u201d\u00bb"
QUOTE = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')
# Closing marks that may follow a sentence's final punctuation.
CLOSERS = "\"'\u201d\u2019\u00bb)]"
# Between two capitalised words, these end a shouting run: brackets and separators ("NEW
# YORK (AP)", "NEWS | WORLD") and sentence or line ends.
RUN_BREAK = re.compile(r"[()\[\]{}<>|/\u2022.!?\u2026\n\r]")
NOT_SHOUTED = re.compile(r"[\d.]")
# What follows a dateline: "WASHINGTON (Reuters) -", "SEOUL, South Korea".
DATELINE_ENDS = (",", "(", "-", "\u2013", "\u2014")

FEATURES = (
    FeatureSpec(
        "loaded_density",
        0,
        100,
        "loaded and emotive words per 100 words",
        "higher",
        label="Loaded words",
    ),
    FeatureSpec(
        "superlative_density",
        0,
        100,
        "superlatives and absolutes per 100 words",
        "higher",
        label="Superlatives and absolutes",
    ),
    FeatureSpec(
        "intensifier_density", 0, 100, "intensifiers per 100 words", "higher", label="Intensifiers"
    ),
    FeatureSpec(
        "fear_density",
        0,
        100,
        "fear and threat words per 100 words",
        "higher",
        label="Fear and threat words",
    ),
    FeatureSpec(
        "exclamation_density",
        0,
        100,
        "exclamations (outside quotes) per 100 words",
        "higher",
        label="Exclamations",
    ),
    FeatureSpec(
        "all_caps_density",
        0,
        100,
        "shouted all-caps words per 100 words",
        "higher",
        label="Words in capitals",
    ),
    FeatureSpec(
        "rhetorical_question_share",
        0,
        1,
        "share of sentences that are questions (outside quotes)",
        "higher",
        label="Rhetorical questions",
    ),
)


@cache
def ordinary_caps_words() -> frozenset[str]:
    """Words that, written in capitals, are emphasis: every word of the four lexicons."""
    return frozenset(word for phrase in kind_matcher(LEXICONS)[1] for word in phrase_words(phrase))


def is_caps(word: str) -> bool:
    """An all-caps word of two letters or more, without digits or dots ("NATO", not "F-35")."""
    return len(word) >= 2 and word.isupper() and not NOT_SHOUTED.search(word)


def shouting_runs(doc: Document, body: range) -> list[tuple[int, int]]:
    """Word ranges ``[first, last)`` of shouted capitals among the ``body`` word indexes."""
    words, written, text = doc.words, doc.word_texts, doc.text
    # ``isupper`` first, in one C-level pass: a cheap filter before the call.
    upper = compress(body, map(str.isupper, written[body.start : body.stop]))
    caps = [i for i in upper if is_caps(written[i])]
    runs: list[tuple[int, int]] = []
    lone: list[int] = []
    line_starts = {a for a, _ in doc.lines}
    k = 0
    while k < len(caps):
        i = j = caps[k]
        k += 1
        while (
            k < len(caps)
            and caps[k] == j + 1
            and not RUN_BREAK.search(text, words[j][1], words[j + 1][0])
        ):
            j = caps[k]
            k += 1
        after = text[words[j][1] : words[j][1] + 3].lstrip()
        if words[i][0] in line_starts and after.startswith(DATELINE_ENDS):
            continue
        if j + 1 - i >= SHOUT_RUN:
            runs.append((i, j + 1))
        else:
            lone.extend(range(i, j + 1))
    if lone:
        lower = doc.lower_words
        # Which of the lone words the article also writes in lower case: a set lookup per
        # word (C-level) finds their occurrences, and only those are checked for case.
        wanted = {lower[i] for i in lone}
        occurrences = compress(count(), map(wanted.__contains__, lower))
        seen = {lower[j] for j in occurrences if written[j].islower()}
        runs.extend((i, i + 1) for i in lone if _ordinary(lower[i], seen))
    runs.sort()
    return runs


def _ordinary(lower: str, lower_seen: set[str]) -> bool:
    """Whether a lone capitalised word (given lower-cased) is an ordinary word, not an acronym."""
    if lower in word_set("caps_acronyms"):
        return False
    return lower in ordinary_caps_words() or lower in lower_seen


def unquoted_endings(doc: Document, body: range) -> list[tuple[int, str]]:
    """``(sentence index, "?" or "!")`` for body sentences so ending, outside quotation marks.

    Only sentences holding a "?" or "!" can so end, and ``str.find`` spots those without a
    Python step per sentence. The quotation state resets at each line's start and is
    carried forward from one such sentence to the next, so the text is still read once.
    """
    text, sentences = doc.text, doc.sentences
    line_starts = [a for a, _ in doc.lines]
    out: list[tuple[int, str]] = []
    line_start, scanned, inside = -1, 0, False
    for index in _sentences_holding(text, [a for a, _ in sentences], "?!"):
        a, b = sentences[index]
        core = text[a:b].rstrip(CLOSERS)
        stem_end = a + len(core.rstrip("?!.\u2026"))
        marks = core[stem_end - a :]
        first, last = doc.sentence_words[index]
        if not ("?" in marks or "!" in marks) or first == last or first not in body:
            continue
        start = line_starts[bisect_right(line_starts, a) - 1]
        if start != line_start:
            line_start, scanned, inside = start, start, False
        inside = _scan_quotes(text[scanned:stem_end], inside)
        scanned = stem_end
        if not inside:
            out.extend((index, mark) for mark in "?!" if mark in marks)
    return out


def _sentences_holding(text: str, starts: list[int], chars: str) -> list[int]:
    """Indexes, ascending, of the sentences (given by their ``starts``) where any of
    ``chars`` occurs; an occurrence before the first sentence is ignored."""
    found: set[int] = set()
    for char in chars:
        at = text.find(char)
        while at >= 0:
            found.add(bisect_right(starts, at) - 1)
            at = text.find(char, at + 1)
    found.discard(-1)
    return sorted(found)


def _scan_quotes(piece: str, inside: bool) -> bool:
    """The quotation state after reading ``piece`` from state ``inside``."""
    for char in QUOTE.findall(piece):
        if char in OPEN_QUOTES:
            inside = True
        elif char in CLOSE_QUOTES:
            inside = False
        else:
            inside = not inside
    return inside


def body_words(doc: Document) -> range:
    """Indexes of the words after the headline line (all words when there is none)."""
    line = headline_line(doc)
    start = 0
    if line is not None:
        # The headline is among the first lines: the label words before it go with it.
        while start < doc.n_words and doc.words[start][0] < line[1]:
            start += 1
    return range(start, doc.n_words)


def extract(doc: Document) -> FamilyResult:
    body = body_words(doc)
    n_body = len(body)
    result = FamilyResult(values={})
    counts = dict.fromkeys((kind for _, kind in LEXICONS), 0)
    matcher, kinds = kind_matcher(LEXICONS)
    for match in matcher.finditer(doc.lower_words[body.start :]):
        kind = kinds[match.phrase]
        counts[kind] += 1
        first, last = body.start + match.first, body.start + match.last
        result.evidence.append(
            evidence(doc, NAME, kind, (doc.words[first][0], doc.words[last - 1][1]))
        )
    shouted = 0
    for first, last in shouting_runs(doc, body):
        shouted += last - first
        result.evidence.append(
            evidence(doc, NAME, "all_caps", (doc.words[first][0], doc.words[last - 1][1]))
        )
    endings = unquoted_endings(doc, body)
    for index, mark in endings:
        kind = "rhetorical_question" if mark == "?" else "exclamation"
        result.evidence.append(evidence(doc, NAME, kind, doc.sentences[index]))
    questions = sum(mark == "?" for _, mark in endings)
    body_sentences = sum(first >= body.start for first, last in doc.sentence_words if first < last)
    result.values = {
        "loaded_density": _density(counts["loaded_word"], n_body),
        "superlative_density": _density(counts["superlative"], n_body),
        "intensifier_density": _density(counts["intensifier"], n_body),
        "fear_density": _density(counts["fear_word"], n_body),
        "exclamation_density": _density(sum(mark == "!" for _, mark in endings), n_body),
        "all_caps_density": _density(shouted, n_body),
        "rhetorical_question_share": share(questions, body_sentences),
    }
    return result


def _density(count: int, n_words: int) -> float:
    return 100.0 * count / n_words if n_words else 0.0


FAMILY = Family(
    NAME,
    "Loaded, fearful and hyperbolic wording, exclamations, shouting and rhetorical questions.",
    FEATURES,
    extract,
)
