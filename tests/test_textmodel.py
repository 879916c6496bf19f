import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from scorer.document import Document
from scorer.textmodel import _TOKEN, TextModel

TEXTS = [
    "The senator said the bill would pass on Tuesday.",
    "Globalist traitors are DESTROYING our great nation!!",
    "Officials said talks would resume; the markets rose 3.5%.",
    "You won't believe what these radical leftists did next",
    "The committee   met\tin Geneva\nto discuss the draft.",
    "Patriots must wake up before the elites take everything",
    "Rainfall was above average in the northern region.",
    "Caf\u00e9 owners and na\u00efve voters: \u201cenough is enough\u201d",
    "A b c: I am a UK MP \U0001f600 \u0130stanbul",
]
LABELS = [0, 1, 0, 1, 0, 1, 0, 1, 0]


def fitted(
    analyzer: str, ngram_range: tuple[int, int], lowercase: bool
) -> tuple[TextModel, object, object]:
    vectorizer = TfidfVectorizer(
        analyzer=analyzer, ngram_range=ngram_range, lowercase=lowercase, sublinear_tf=True
    )
    matrix = vectorizer.fit_transform(TEXTS)
    estimator = LogisticRegression(C=10).fit(matrix, LABELS)
    model = TextModel(
        "text.test",
        "article",
        analyzer,  # type: ignore[arg-type]
        ngram_range,
        lowercase,
        {str(g): int(i) for g, i in vectorizer.vocabulary_.items()},
        tuple(vectorizer.idf_),
        tuple(estimator.coef_[0]),
        float(estimator.intercept_[0]),
    )
    return model, vectorizer, estimator


@pytest.mark.parametrize(
    ("analyzer", "ngram_range", "lowercase"),
    [
        ("char_wb", (2, 4), True),
        ("char_wb", (2, 4), False),
        # 1-grams count each word's two pad spaces; (5, 6) counts "a" as " a " whole.
        ("char_wb", (1, 3), True),
        ("char_wb", (5, 6), True),
        ("word", (1, 2), True),
        ("word", (2, 3), False),
    ],
)
def test_decision_equals_scikit_learn(
    analyzer: str, ngram_range: tuple[int, int], lowercase: bool
) -> None:
    model, vectorizer, estimator = fitted(analyzer, ngram_range, lowercase)
    unseen = ["Elites said the traitors met in Geneva!", "", "a", "Rainfall rose 3.5% in Geneva"]
    texts = TEXTS + unseen
    expected = estimator.decision_function(vectorizer.transform(texts))  # type: ignore[attr-defined]
    assert np.allclose([model.decision(t) for t in texts], expected, atol=1e-12)
    # Scored together (an article's sentences), each text still gets its own value.
    assert np.allclose(model.decisions(texts), expected, atol=1e-12)


def test_round_trip_through_json_keeps_the_model() -> None:
    model, _, _ = fitted("char_wb", (2, 4), False)
    again = TextModel.from_dict(model.to_dict())
    # Weights are stored to 6 decimals: decisions move by far less than 1e-4.
    assert [again.decision(t) for t in TEXTS] == pytest.approx(
        [model.decision(t) for t in TEXTS], abs=1e-4
    )


def test_units_read_title_article_lines_or_sentence_mean() -> None:
    model, _, _ = fitted("word", (1, 2), True)
    doc = Document.parse("Patriots must wake up. The committee met.", title="Globalist traitors!")
    title = TextModel.from_dict({**model.to_dict(), "unit": "title"})
    sentences = TextModel.from_dict({**model.to_dict(), "unit": "sentences"})
    assert title.value(doc) == pytest.approx(model.decision("Globalist traitors!"))
    probs = sentences.sentence_probabilities(doc)
    assert len(probs) == 2 and probs[0] > probs[1]
    assert sentences.value(doc) == pytest.approx(sum(probs) / 2)
    with pytest.raises(ValueError):
        TextModel.from_dict({**model.to_dict(), "unit": "paragraph"})


@given(st.text(alphabet="ab_1 .\u00e9\u0301\u0663-", max_size=60))
def test_tokens_are_scikit_learns(text: str) -> None:
    assert _TOKEN.findall(text) == re.findall(r"(?u)\b\w\w+\b", text)
