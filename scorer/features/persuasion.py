"""Persuasion: cues of the propaganda techniques that no other family covers.

The techniques are those of the Propaganda Techniques Corpus (PTC; Da San Martino et al.,
EMNLP 2019) left once loaded language and exaggeration (sensationalism), repetition
(repetition) and unattributed claims (hedging) are taken: name calling, flag-waving, appeal
to fear, doubt, slogans, black-and-white fallacy, thought-terminating cliches, causal
oversimplification, appeal to authority, whataboutism, and the reductio ad hitlerum half of
the PTC's "bandwagon, reductio ad hitlerum" (its bandwagon half, "everyone knows", is
hedging's boosters). Each has a phrase list,
``scorer/lexicons/persuasion_<kind>.txt``, learned from the PTC spans and curated by hand
(see each list's header and ``scorer.evaluation.persuasion`` for how well they find the
marked spans); all lists are matched in one pass, longest phrase first, within sentences.
One rule adds what a list cannot hold: "Either X or Y", opening a sentence or clause, is a
black-and-white framing.

Most of these techniques live in meaning, not in words, so the cues are precise but sparse:
a zero density says no marked cue was found, not that the article is free of the technique.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from scorer.document import Document
from scorer.features.base import (
    Family,
    FamilyResult,
    FeatureSpec,
    evidence,
    per_100_words,
    share,
    word_span,
)
from scorer.lexicons import kind_matcher

NAME = "persuasion"
# (evidence kind, what its cues look like): one lexicon persuasion_<kind>.txt per kind.
TECHNIQUES = (
    ("name_calling", "insulting or belittling labels (libtard, warmonger, radical left)"),
    ("flag_waving", "appeals to nation and group pride (the American people, our nation)"),
    ("appeal_to_fear", "fear-mongering turns (before it is too late, off a cliff)"),
    ("doubt", "questioning credibility (how can we trust, doesn't add up)"),
    ("slogan", "political slogans (build the wall, drain the swamp)"),
    ("black_and_white", "false dilemmas (either X or Y, the only option, us versus them)"),
    ("thought_terminating_cliche", "cliches that end thought (enough is enough, end of story)"),
    ("causal_oversimplification", "single-cause claims (the real reason is, simply because)"),
    ("appeal_to_authority", "leaning on authority (in the words of, renowned, the Bible says)"),
    ("whataboutism", "deflection to others' faults (what about, where was the outrage)"),
    ("reductio_ad_hitlerum", "likening to Hitler and the Nazis (nazis, gestapo, third reich)"),
)
KINDS = tuple(kind for kind, _ in TECHNIQUES)
LEXICONS = tuple((f"persuasion_{kind}", kind) for kind in KINDS)
BLACK_AND_WHITE = "black_and_white"

FEATURES = (
    *(
        FeatureSpec(f"{kind}_density", 0, 100, f"{cues} per 100 words", "higher")
        for kind, cues in TECHNIQUES
    ),
    FeatureSpec(
        "technique_density",
        0,
        100,
        "cues of all these techniques per 100 words",
        "higher",
        label="Propaganda technique cues",
    ),
    FeatureSpec(
        "technique_sentence_share",
        0,
        1,
        "share of sentences with a cue of any of these techniques",
        "higher",
        label="Sentences with a technique cue",
    ),
)

Cue = tuple[str, int, int]
"""``(kind, first word, end word)``: words ``first`` .. ``end - 1`` are the cue."""


def _either_or(doc: Document, owner: list[int], taken: set[int]) -> Iterator[Cue]:
    """ "Either X or Y" put as a dilemma: "either" opening a sentence or clause, "or" later
    in the same sentence. Cue words already taken by a list phrase are skipped.

    Mid-clause "either" is nearly always descriptive ("either directly or indirectly",
    "identified as either Jewish or pro-Israel"): on the PTC it marked a black-and-white span
    in under one sentence in ten, so only the opening position counts. The words are searched
    with ``tuple.index``: most articles have no "either" at all.
    """
    words, text = doc.lower_words, doc.text
    # The next "or" at or after a position only moves forward: the scan stays linear.
    next_or = -1
    for i in _positions(words, "either"):
        first, last = doc.sentence_words[owner[i]]
        if i >= last - 2 or i in taken:
            continue
        gap = text[doc.words[i - 1][1] : doc.words[i][0]] if i > first else ":"
        if not any(mark in gap for mark in _CLAUSE_MARKS):
            continue
        if next_or < i + 2:
            next_or = next(_positions(words, "or", i + 2), len(words))
        if next_or < last and next_or - i <= MAX_DILEMMA_WORDS and next_or not in taken:
            yield BLACK_AND_WHITE, i, next_or + 1


def _positions(words: tuple[str, ...], word: str, start: int = 0) -> Iterator[int]:
    """Ascending indexes of ``word`` in ``words`` from ``start`` on (C-level scans)."""
    while True:
        try:
            start = words.index(word, start)
        except ValueError:
            return
        yield start
        start += 1


# The longest "either X or" a cue may span, in words. The longest on the PTC and hyperpartisan
# training articles is 33; past this the first alternative is no longer read as one choice of
# a dilemma, and without a cap "Either: " repeated n times before one "or" made n overlapping
# cues each running to that "or" (output quadratic in n).
MAX_DILEMMA_WORDS = 40

# What may stand before a clause-opening "either" (sentence start counts as ":").
_CLAUSE_MARKS = ":;\u2014\u2013"


def technique_cues(doc: Document) -> list[Cue]:
    """Every technique cue of the document, in text order.

    List phrases never share a word; an "either ... or" cue spans its alternatives and may
    hold a list phrase between its two words.
    """
    index, kinds = kind_matcher(LEXICONS)
    owner = doc.sentence_of_word()
    cues: list[Cue] = []
    taken: set[int] = set()
    for match in index.finditer(doc.lower_words):
        first, last = match.first, match.last
        if owner[first] == owner[last - 1]:
            cues.append((kinds[match.phrase], first, last))
            taken.update(range(first, last))
    cues.extend(_either_or(doc, owner, taken))
    cues.sort(key=lambda cue: cue[1])
    return cues


def extract(doc: Document) -> FamilyResult:
    cues = technique_cues(doc)
    counts = Counter(kind for kind, _, _ in cues)
    owner = doc.sentence_of_word()
    marked = {owner[first] for _, first, _ in cues}
    sentences = sum(1 for a, b in doc.sentence_words if b > a)
    values = {f"{kind}_density": per_100_words(counts[kind], doc) for kind in KINDS}
    values["technique_density"] = per_100_words(len(cues), doc)
    values["technique_sentence_share"] = share(len(marked), sentences)
    return FamilyResult(
        values=values,
        evidence=[
            evidence(doc, NAME, kind, word_span(doc, first, last)) for kind, first, last in cues
        ],
    )


FAMILY = Family(
    NAME,
    "Cues of propaganda techniques: name calling, flag-waving, fear, doubt, slogans, "
    "false dilemmas, cliches, oversimplified causes, authority, whataboutism and Nazi "
    "comparisons.",
    FEATURES,
    extract,
)
