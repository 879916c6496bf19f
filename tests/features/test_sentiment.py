import statistics
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment import vaderSentiment as vs

from scorer.document import Document
from scorer.features.sentiment import (
    FAMILY,
    WINDOW_WORDS,
    _pstdev,
    analyzer,
    compound,
    compounds,
)

SENTENCES = [
    "The ceasefire held through the night.",
    "This is a horrific, disgusting betrayal of our people!",
    "I love it :)",
    "so sad \U0001f622 today",
    "NO!!!",
    "It was kind of good, but not great.",
    "The committee meets on Tuesday.",
    ":( meh",
    # VADER's own tricky cases: negation, "never so", "without a doubt", "least", idioms,
    # booster phrases, ALL-CAPS emphasis, "but", punctuation emphasis.
    "Sentiment analysis has never been this good!",
    "Without a doubt, an excellent idea.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "On the other hand, VADER is quite bad ass",
    "With VADER, sentiment analysis is the shit!",
    "The book was only kind of good.",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "Not such a badass after all.",
    "No, it was not good, nor was it fun?? Or bad",
    "It isn't a horrible book, but the ending is sort of sad",
    "We saw the stars and this amazing show",  # "this" right before: stressed
    "We saw this show of the amazing stars",  # "this" further back: not
    # VADER's "but" finds each sentiment's place by value: "yeah" (1.2) finds "kind" (2.4,
    # already halved to 1.2) and halves it again, and is itself left unscaled.
    "Kind people, but yeah.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_compound_equals_vader_exactly(sentence: str) -> None:
    assert compound(sentence) == analyzer().polarity_scores(sentence)["compound"]


# Words that steer VADER's rules, in any case, and a few sentiment words around them.
RULE_WORDS = (
    "no not never so this without doubt least at very but kind of or nor isn't the a is "
    "good GOOD bad BAD great! terrible, :) (sad) kiss death bad ass sort extremely BARELY"
).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(RULE_WORDS), min_size=1, max_size=14))
def test_compound_equals_vader_on_rule_heavy_sentences(words: list[str]) -> None:
    sentence = " ".join(words)
    assert compound(sentence) == analyzer().polarity_scores(sentence)["compound"]


# VADER's own vocabulary: every word its rules look for (negations, boosters, idioms, "but",
# "least", "kind of", "so"/"this"), a sample of lexicon words, in three casings and with
# punctuation around them, and "!"/"?" runs.
_RULE_VOCABULARY = sorted(
    {w for phrase in (*vs.NEGATE, *vs.BOOSTER_DICT, *vs.SPECIAL_CASES) for w in phrase.split()}
    | {"no", "not", "never", "so", "this", "without", "doubt", "least", "at", "very", "but"}
    | {"kind", "of", "or", "nor", "n't", "don't", "DON'T", "the", "a", ":)", ":(", "<3"}
)
_LEXICON_SAMPLE = sorted(analyzer().lexicon)[::250]
_words = st.sampled_from(_RULE_VOCABULARY) | st.sampled_from(_LEXICON_SAMPLE)


def _shape(word: str, case: Callable[[str], str], mark: str, before: bool) -> str:
    """``word`` in a casing, with a punctuation mark before or after it."""
    return mark + case(word) if before else case(word) + mark


_shaped = st.builds(
    _shape,
    _words,
    st.sampled_from([str.lower, str.upper, str.capitalize]),
    st.sampled_from(["", ",", ".", "!", "!!!", "?", "??", "'", '"', "(", ")"]),
    st.booleans(),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_shaped, min_size=1, max_size=16).map(" ".join), max_size=6))
def test_compounds_equal_vader_on_sentences_of_its_rule_words(sentences: list[str]) -> None:
    # Scored together, as an article's sentences are, so one sentence's words cannot leak
    # into another's score.
    expected = [analyzer().polarity_scores(s)["compound"] for s in sentences]
    assert compounds(sentences) == expected


def test_charged_text_scores_more_intense_than_neutral_text() -> None:
    neutral = FAMILY.extract(Document.parse("The committee meets on Tuesday. It will vote."))
    charged = FAMILY.extract(
        Document.parse("This is a horrific, disgusting betrayal! They are evil liars.")
    )
    assert charged.values["mean_intensity"] > neutral.values["mean_intensity"]
    assert charged.values["strong_negative_share"] == 1.0
    assert neutral.values["mean_polarity"] == 0.0
    assert [e.kind for e in charged.evidence] == ["strong_negative", "strong_negative"]


def test_long_sentences_are_scored_in_windows_not_saturated() -> None:
    # One 600-word "sentence" of mild praise: a whole-text compound saturates near 1.
    text = " ".join(["The plan is good and the staff are helpful"] * 60)
    result = FAMILY.extract(Document.parse(text))
    assert analyzer().polarity_scores(text)["compound"] > 0.99
    assert len(text.split()) > 5 * WINDOW_WORDS
    assert 0 < result.values["mean_polarity"] <= 1
    assert result.values["volatility"] < 0.1  # every window says the same


@given(
    st.lists(
        st.floats(min_value=-1, max_value=1, allow_nan=False) | st.sampled_from([0.4939, -0.5]),
        min_size=2,
        max_size=60,
    )
)
def test_volatility_is_statistics_pstdev_bit_for_bit(values: list[float]) -> None:
    assert _pstdev(values) == statistics.pstdev(values)
