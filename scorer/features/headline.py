"""Headline: clickbait forms of the article's title, and a hand-set clickbait score.

Clickbait withholds the point of the story to earn the click (Blom & Hansen 2015: forward
reference; Chakraborty et al. 2016; Potthast et al. 2016). Each form below is a binary flag:
number-led lists ("15 Times ..."), direct address ("you", "your"), first person, questions
(final "?", or a leading auxiliary or wh-word: headlines often drop the "?"), demonstrative
forward references ("this", "these", "here's"), teaser phrases ("you won't believe",
"what happened next"), superlatives, emotive words, intensifiers, informal words,
contractions, exclamation marks, and start case (every word capitalised, short function words
included: viral publishers write "How To Make The Most Of It", news desks keep "of", "to",
"the" lower-case). Two continuous cues complete it: word count and mean word length (clickbait
runs longer, in shorter everyday words; Chakraborty et al. 2016).

Which headline: ``doc.title``. When it is empty, the text's first line stands in if it looks
like a headline: at most ``MAX_LINE_WORDS`` words, not ending in sentence punctuation
("." "," ";" ":" or an ellipsis; "?" and "!" are allowed), and followed by more lines. Lines
of one or two words before it ("Trends", "Home", scraped section labels) are skipped, up to
``MAX_LABEL_LINES`` of them. A title's offsets are not offsets into the text, so evidence is
emitted only where the headline occurs verbatim in the text (at its first occurrence); a
headline line always does.

``clickbait_score`` is a logistic of the flags with hand-set weights (see ``WEIGHTS``: each
weight says why), not fitted on data; a trained model is a separate step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scorer.document import Document, Span
from scorer.features.base import Evidence, Family, FamilyResult, FeatureSpec, evidence
from scorer.lexicons import matcher

NAME = "headline"
MAX_LINE_WORDS = 20
MIN_LINE_WORDS = 3
MAX_LABEL_LINES = 3
# Longer than any real headline (they run 5-15 words); a clipped count keeps the range finite.
MAX_WORDS = 100
MAX_WORD_LENGTH = 50
# A first line longer than this many characters is prose, not a headline; checked before
# counting its words so that a 100k-word single-line text costs nothing here.
MAX_LINE_CHARS = 400
SENTENCE_ENDINGS = (".", ",", ";", ":", "\u2026")


def wordset(spaced: str) -> frozenset[str]:
    """A closed class of words, written space-separated."""
    return frozenset(spaced.split())


SECOND_PERSON = wordset("you your yours yourself yourselves you're you'll you've you'd ya u y'all")
# "mine" is left out: "coal mine".
FIRST_PERSON = wordset(
    "i me my myself we our ours ourselves i'm i've i'll i'd we're we've we'll we'd"
)
# Cataphoric "this"/"these" point at what the headline withholds; before a time word they are
# plain deixis ("this year", "this weekend"). "here" points forward only as "here's"/"here is".
DEMONSTRATIVES = wordset("this these")
TIME_WORDS = wordset(
    """year week weekend month morning afternoon evening night season summer winter spring fall
    autumn time"""
)
HERE_VERBS = wordset("is are comes come")
# Imperatives that open a headline address the reader without "you": "Watch ...", "Meet ...".
IMPERATIVES = wordset("watch meet see look try guess behold remember imagine prepare forget")
WH_WORDS = wordset("what which who whom whose why how when where what's who's how's where's why's")
# Auxiliaries that open a yes/no question ("Should You ...", "Are You ..."); "will", "may"
# and "might" are left out: "Will Smith", "May Day".
AUXILIARIES = wordset("is are was were am do does did can could should would have has")
CONTRACTION_ENDINGS = ("n't", "'re", "'ve", "'ll", "'d", "'m")
CONTRACTED_IS = wordset(
    "it's that's here's there's what's who's he's she's let's where's how's why's when's"
)
# Short function words that title-case styles (AP, Chicago, newspaper desks) keep lower-case.
FUNCTION_WORDS = wordset("a an the of to in on at for and or but nor by with from as vs")
NUMBER_PREFIXES = wordset("the top")
# "11 killed in ...", "$30 million paid", "20 years on": counts of casualties, money or time
# are news, not lists.
NEWS_COUNT_WORDS = wordset(
    """killed dead die dies died injured wounded hurt missing arrested detained held charged
    convicted sentenced percent million billion trillion magnitude year years old yard yards
    mile miles"""
)
MAX_LIST_NUMBER = 999

FLAGS = (
    ("number_led", 'opens with a list number ("15 Times ...", "The 12 Most ...")'),
    ("second_person", "addresses the reader (you, your)"),
    ("imperative", "opens with an imperative addressed to the reader (watch, meet, guess)"),
    ("first_person", "speaks in the first person (I, we, my)"),
    ("question", "is a question (final '?', or opens with an auxiliary or wh-word)"),
    ("forward_reference", "points forward to withheld content (this, these, here's)"),
    ("teaser", "uses a teaser phrase (you won't believe, what happened next, here's why)"),
    ("superlative", "uses a superlative or absolute (best, worst, ever, never)"),
    ("emotive", "uses a loaded or emotive word (shocking, adorable, outrageous)"),
    ("intensifier", "uses an intensifier (totally, really, incredibly)"),
    ("informal", "uses an informal word (omg, af, literally, guys)"),
    ("contraction", "uses a contraction (won't, you're, here's)"),
    ("exclamation", "contains an exclamation mark"),
    ("start_case", "capitalises every word, short function words included"),
)

# Hand-set log-odds weights, one per flag (not fitted). The reasoning, per cue:
WEIGHTS: dict[str, float] = {
    # Explicit curiosity-gap formulas: almost never in edited news headlines.
    "teaser": 2.0,
    # Reader address, cataphoric "this/these", listicle numbers and slang are the defining
    # forms of Chakraborty et al. and Blom & Hansen; news headlines use them rarely.
    "second_person": 1.5,
    "imperative": 1.5,
    "forward_reference": 1.5,
    "number_led": 1.5,
    "informal": 1.5,
    # Questions and hyperbole also appear in features and opinion headlines: weaker evidence.
    "question": 1.0,
    "superlative": 1.0,
    "emotive": 1.0,
    "intensifier": 1.0,
    "exclamation": 1.0,
    # Conversational register: suggestive, not decisive.
    "contraction": 0.75,
    "first_person": 0.75,
    # A house style of viral publishers, but also of some ordinary sites: a moderate weight.
    "start_case": 1.5,
}
# A headline with no cue at all should read as news: odds about 1:20.
BIAS = -3.0
# Each word beyond a typical news headline's length (about 8 words) adds a little: teasers
# spell out the set-up; news compresses. Bounded so length alone cannot decide.
LENGTH_PIVOT = 8.0
LENGTH_WEIGHT = 0.15
LENGTH_BOUND = 1.0
# Shorter everyday words lean clickbait; news headlinese packs long names and nouns. Per
# letter of mean word length away from 5, bounded like length.
WORD_LENGTH_PIVOT = 5.0
WORD_LENGTH_WEIGHT = -0.5

FEATURES = (
    *(
        FeatureSpec(
            name,
            0,
            1,
            f"1 if the headline {meaning}",
            "higher",
            label=f"Headline cue: {name.replace('_', ' ')}",
        )
        for name, meaning in FLAGS
    ),
    FeatureSpec(
        "word_count",
        0,
        MAX_WORDS,
        "words in the headline (clipped at 100)",
        label="Headline length",
    ),
    FeatureSpec(
        "mean_word_length",
        0,
        MAX_WORD_LENGTH,
        "mean characters per headline word",
        label="Headline word length",
    ),
    FeatureSpec(
        "clickbait_score",
        0,
        1,
        "hand-set logistic combination of the clickbait cues",
        "higher",
        label="Clickbait cues (hand-set)",
    ),
)


@dataclass(frozen=True)
class Headline:
    """The headline's text and its offset in the article text (``None``: not in the text)."""

    text: str
    start: int | None


def locate(doc: Document) -> Headline | None:
    """The title, or a headline-like first line of the text when the title is empty."""
    if doc.title:
        start = doc.text.find(doc.title)
        return Headline(doc.title, start if start >= 0 else None)
    word = 0
    for index, (a, b) in enumerate(doc.lines[: MAX_LABEL_LINES + 1]):
        if b - a > MAX_LINE_CHARS:
            return None
        first = word
        while word < len(doc.words) and doc.words[word][0] < b:
            word += 1
        n_words = word - first
        if n_words < MIN_LINE_WORDS:
            continue
        line = doc.text[a:b]
        if index + 1 == len(doc.lines) or n_words > MAX_LINE_WORDS:
            return None
        return None if line.endswith(SENTENCE_ENDINGS) else Headline(line, a)
    return None


def headline_line(doc: Document) -> Span | None:
    """The span of the headline when it stands as a whole line at the top of the text.

    Families that measure the body (sensationalism) leave this line to the headline family.
    """
    found = locate(doc)
    if found is None or found.start is None:
        return None
    span = (found.start, found.start + len(found.text))
    return span if span in doc.lines[: MAX_LABEL_LINES + 1] else None


def _number_led(words: tuple[str, ...]) -> int | None:
    """Index of a leading list number ("15 ...", "The 12 ...", "Top 10 ..."), else None."""
    i = 1 if len(words) > 1 and words[0] in NUMBER_PREFIXES else 0
    if i >= len(words) or not words[i].isdecimal() or not 0 < int(words[i]) <= MAX_LIST_NUMBER:
        return None
    if any(w in NEWS_COUNT_WORDS for w in words[i + 1 : i + 3]):
        return None
    return i


def _is_contraction(word: str) -> bool:
    return word.endswith(CONTRACTION_ENDINGS) or word in CONTRACTED_IS


def _is_forward_reference(words: tuple[str, ...], i: int) -> bool:
    word, following = words[i], words[i + 1] if i + 1 < len(words) else ""
    if word in DEMONSTRATIVES:
        return following not in TIME_WORDS
    return word == "here's" or (word == "here" and following in HERE_VERBS)


def _is_first_person(word: str, written: str) -> bool:
    # "US" written in capitals is the country, "us"/"Us" the pronoun.
    return word in FIRST_PERSON or (word == "us" and written != "US")


def cue_spans(head: Document) -> dict[str, list[Span]]:
    """For each clickbait form, the spans (into ``head.text``) of the headline showing it."""
    words, written = head.lower_words, head.word_texts
    spans: dict[str, list[Span]] = {name: [] for name, _ in FLAGS}
    if not words:
        return spans
    whole = (head.words[0][0], head.words[-1][1])
    number = _number_led(words)
    if number is not None:
        spans["number_led"].append(head.words[number])
    for i, word in enumerate(words):
        if word in SECOND_PERSON:
            spans["second_person"].append(head.words[i])
        if _is_first_person(word, written[i]):
            spans["first_person"].append(head.words[i])
        if _is_forward_reference(words, i):
            spans["forward_reference"].append(head.words[i])
        if _is_contraction(word):
            spans["contraction"].append(head.words[i])
    if words[0] in IMPERATIVES and len(words) > 1:
        spans["imperative"].append(head.words[0])
    if (
        head.text.rstrip().endswith("?")
        or words[0] in WH_WORDS
        or (words[0] in AUXILIARIES and len(words) > 1)
    ):
        spans["question"].append(whole)
    for kind, lexicon in (
        ("teaser", "clickbait_phrases"),
        ("superlative", "superlatives"),
        ("emotive", "loaded_words"),
        ("intensifier", "intensifiers"),
        ("informal", "informal_words"),
    ):
        for match in matcher(lexicon).finditer(words):
            spans[kind].append((head.words[match.first][0], head.words[match.last - 1][1]))
    bang = head.text.find("!")
    if bang >= 0:
        spans["exclamation"].append((bang, bang + 1))
    spans["start_case"] = _start_case_spans(head)
    return spans


def _start_case_spans(head: Document) -> list[Span]:
    """Capitalised function words, when every word of the headline is capitalised."""
    lettered = [(i, w) for i, w in enumerate(head.word_texts) if w[0].isalpha()]
    if not lettered or not all(w[0].isupper() for _, w in lettered):
        return []
    return [
        head.words[i] for i, w in lettered[1:] if w.lower() in FUNCTION_WORDS and not w.isupper()
    ]


def clickbait_score(flags: dict[str, float], word_count: float, mean_word_length: float) -> float:
    """The hand-set logistic combination of the cues (see ``WEIGHTS``)."""
    if word_count == 0:
        return 0.0
    z = BIAS + sum(WEIGHTS[name] * flags[name] for name in WEIGHTS)
    z += _bounded(LENGTH_WEIGHT * (word_count - LENGTH_PIVOT))
    z += _bounded(WORD_LENGTH_WEIGHT * (mean_word_length - WORD_LENGTH_PIVOT))
    return 1.0 / (1.0 + math.exp(-z))


def _bounded(value: float) -> float:
    return min(max(value, -LENGTH_BOUND), LENGTH_BOUND)


def extract(doc: Document) -> FamilyResult:
    headline = locate(doc)
    head = Document.parse(headline.text if headline else "")
    spans = cue_spans(head)
    flags = {name: float(bool(found)) for name, found in spans.items()}
    n = head.n_words
    word_count = float(min(n, MAX_WORDS))
    mean_length = min(sum(len(w) for w in head.word_texts) / n, MAX_WORD_LENGTH) if n else 0.0
    score = clickbait_score(flags, word_count, mean_length)
    result = FamilyResult(
        values={
            **flags,
            "word_count": word_count,
            "mean_word_length": mean_length,
            "clickbait_score": score,
        }
    )
    if headline is not None and headline.start is not None:
        result.evidence = _evidence(doc, headline.start, head, spans, score)
    return result


def _evidence(
    doc: Document, base: int, head: Document, spans: dict[str, list[Span]], score: float
) -> list[Evidence]:
    """Cue spans shifted into the article text where the headline occurs."""
    out = [
        evidence(doc, NAME, kind, (base + a, base + b))
        for kind, found in spans.items()
        for a, b in found
    ]
    if score >= 0.5:
        out.append(evidence(doc, NAME, "clickbait_headline", (base, base + len(head.text))))
    return out


FAMILY = Family(
    NAME,
    "Clickbait forms of the headline (the title, or a headline-like first line).",
    FEATURES,
    extract,
)
