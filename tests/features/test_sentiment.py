import statistics
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment import vaderSentiment as vs

from scorer.api import score_text
from scorer.document import Document
from scorer.features.sentiment import (
    FAMILY,
    WINDOW_WORDS,
    _pstdev,
    analyzer,
    charged_intensity,
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


# A calm wire story whose every sentence is mildly warm (VADER compound 0.27-0.44, none
# strong), and a rant: three furious sentences among plain ones. The mean over all sentences
# ranks the rant as the calmer of the two.
WIRE = " ".join(
    [
        "Residents welcomed the plan at a meeting on Tuesday.",
        "The project will help local schools, the mayor said.",
        "The talks were useful, officials said.",
        "The council agreed on the plan on Tuesday.",
        "The budget was approved in a vote.",
        "The mayor said the plan was fair.",
        "Officials hope work will begin in the spring.",
        "The plan has clear goals, the mayor said.",
        "Residents welcomed the new budget.",
        "The talks were useful, the mayor said.",
    ]
)
RANT = " ".join(
    [
        "These corrupt, lying traitors are destroying this country!",
        "The vote took place on Tuesday.",
        "The council has nine members.",
        "The meeting lasted two hours.",
        "Minutes were published later.",
        "The chamber is on Main Street.",
        "The next session is in March.",
        "Members are elected every four years.",
        "The agenda ran to six pages.",
        "It is a disgusting, evil betrayal and a horrific disgrace!",
        "The vote took place on Tuesday.",
        "The council has nine members.",
        "The meeting lasted two hours.",
        "Minutes were published later.",
        "They are vile, hateful cowards who should be ashamed!",
    ]
)


def test_a_rant_is_more_charged_than_a_calm_story_though_its_mean_is_lower() -> None:
    wire, rant = (FAMILY.extract(Document.parse(t)).values for t in (WIRE, RANT))
    assert rant["mean_intensity"] < wire["mean_intensity"]  # the dilution
    assert rant["charged_intensity"] > wire["charged_intensity"]


def test_charged_intensity_is_the_mean_of_the_most_charged_fifth() -> None:
    values = [0.1, -0.9, 0.0, 0.2, 0.5, -0.3, 0.0, 0.0, 0.4, 0.0, 0.8, 0.0, 0.0, 0.0, 0.0]
    assert charged_intensity(values) == pytest.approx((0.9 + 0.8 + 0.5) / 3)  # 3 = 15 / 5
    assert charged_intensity(values * 2) == pytest.approx((0.9 * 2 + 0.8 * 2 + 0.5 * 2) / 6)
    assert charged_intensity([-0.6]) == 0.6
    assert charged_intensity([]) == 0.0


def test_the_sentiment_score_ranks_the_rant_above_the_calm_story() -> None:
    """The shipped model's sentiment score reads the top fifth, so the rant is not diluted
    (the previous model, on the mean and the strong shares, gave the rant 12 and the calm
    story 26)."""
    rant, wire = (score_text(text).scores["sentiment"] for text in (RANT, WIRE))
    assert rant is not None and wire is not None and rant > wire
