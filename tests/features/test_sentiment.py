import pytest

from scorer.document import Document
from scorer.features.sentiment import FAMILY, WINDOW_WORDS, analyzer, compound

SENTENCES = [
    "The ceasefire held through the night.",
    "This is a horrific, disgusting betrayal of our people!",
    "I love it :)",
    "so sad \U0001f622 today",
    "NO!!!",
    "It was kind of good, but not great.",
    "The committee meets on Tuesday.",
    ":( meh",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_compound_equals_vader_exactly(sentence: str) -> None:
    assert compound(sentence) == analyzer().polarity_scores(sentence)["compound"]


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
