import re
import sys
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from scorer.document import Document
from scorer.textmodel import _TOKEN, WHITE_SPACE, TextModel, TextModels, mask_names

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
    "\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3 \u03a3\u0391\u03a3 sat\u00a0in\u3000Istanbul",
]
LABELS = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]


def fitted(
    analyzer: str,
    ngram_range: tuple[int, int],
    lowercase: bool,
    unit: str = "article",
    name: str = "text.test",
    texts: slice = slice(None),
) -> tuple[TextModel, object, object]:
    vectorizer = TfidfVectorizer(
        analyzer=analyzer, ngram_range=ngram_range, lowercase=lowercase, sublinear_tf=True
    )
    matrix = vectorizer.fit_transform(TEXTS[texts])
    estimator = LogisticRegression(C=10).fit(matrix, LABELS[texts])
    model = TextModel(
        name,
        unit,  # type: ignore[arg-type]
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
    unseen = [
        "Elites said the traitors met in Geneva!",
        "",
        "a",
        "Rainfall rose 3.5% in Geneva",
        " \u2028Geneva\u00a0talks\u3000rose\x1cagain  \n",
        "\u03a3\u039f\u03a3 \u0130\u0130 \u0130",
    ]
    texts = TEXTS + unseen
    expected = estimator.decision_function(vectorizer.transform(texts))  # type: ignore[attr-defined]
    assert np.allclose([model.decision(t) for t in texts], expected, atol=1e-12)
    # Scored together (an article's sentences), each text gets its own value, to the bit.
    assert model.decisions(texts).tolist() == [model.decision(t) for t in texts]


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


def test_grams_no_char_wb_analyzer_makes_are_never_found() -> None:
    model, _, _ = fitted("char_wb", (2, 4), True)
    extra = ["a b", "  ", "e  t", "r\tt", " a\n", "\u00a0a"]
    size = len(model.vocabulary)
    bigger = replace(
        model,
        vocabulary={**model.vocabulary, **{g: size + i for i, g in enumerate(extra)}},
        idf=model.idf + (1.0,) * len(extra),
        coef=model.coef + (5.0,) * len(extra),
    )
    texts = [*TEXTS, "a b  e  t r\tt a\n\u00a0a"]
    assert bigger.decisions(texts).tolist() == model.decisions(texts).tolist()


def test_white_space_is_what_str_split_splits_on() -> None:
    every = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(WHITE_SPACE) == every
    # The analyzers' regular expressions read white space alike.
    assert set(re.findall(r"\s", "".join(map(chr, range(sys.maxunicode + 1))))) == every


# Models that share walks: two char_wb models of one case and range over different
# vocabularies (one per sentence, one per article), two word models (one per sentence, one
# per article, which counts its 2-grams within sentences), and apart a title model and a
# sentence model of the other case.
SHARING = [
    fitted("char_wb", (2, 4), True, "sentences", "text.a", slice(0, 7))[0],
    fitted("char_wb", (2, 4), True, "article", "text.b", slice(3, None))[0],
    fitted("word", (1, 2), True, "sentences", "text.c")[0],
    fitted("word", (1, 2), True, "article", "text.d")[0],
    fitted("char_wb", (2, 4), False, "title", "text.e")[0],
    fitted("char_wb", (1, 3), False, "sentences", "text.f")[0],
    replace(fitted("word", (1, 2), True, "sentences", "text.g")[0], masked=True),
]
PIECES = [*"aeilnorstAEIT\u03a3\u03c3\u0130!?.'-", " ", " ", ". ", ".\n", "\n\n", "\t", "\u00a0"]
PIECES += ["Geneva", "traitors ", "the ", "Elites", "\u039f\u0394\u03a5\u03a3", " \u0391\u03a3. "]
PROSE = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@given(PROSE, PROSE)
def test_models_scored_together_give_each_models_own_value(text: str, title: str) -> None:
    doc = Document.parse(text, title=title)
    together = TextModels(SHARING)
    # text.a and text.b share a walk, text.c and text.d too; masked text.g walks its own.
    assert len(together.groups) == 5
    assert together.values(doc) == {m.name: m.value(doc) for m in SHARING}


def test_an_article_model_counts_word_grams_within_sentences() -> None:
    model = TextModel(
        name="text.x",
        unit="article",
        analyzer="word",
        ngram_range=(1, 2),
        lowercase=True,
        vocabulary={"beta gamma": 0, "alpha": 1},
        idf=(1.0, 1.0),
        coef=(5.0, 0.0),
        intercept=0.0,
    )
    assert model.value(Document.parse("Alpha beta. Gamma delta.")) == 0.0
    assert model.value(Document.parse("Alpha beta gamma delta.")) > 0.0


def test_models_scored_together_on_real_prose() -> None:
    doc = Document.parse(" ".join(TEXTS) + "\n" + "\n".join(TEXTS), title=TEXTS[3])
    together = TextModels(SHARING)
    values = together.values(doc)
    assert values == {m.name: m.value(doc) for m in SHARING}
    nothing = together.values(Document.parse(""))  # intercepts, and 0 for no sentences
    assert all(values[name] != nothing[name] for name in values)


def test_mask_names_hides_names_and_numbers_inside_a_sentence() -> None:
    assert mask_names("Yesterday Donald Trump said 45 times that Freedom Outpost lied.") == (
        "Yesterday Xx said 00 times that Xx lied."
    )
    # A sentence's first word, words after a sentence end, capitals and non-ASCII names stay.
    assert mask_names("Why? Because TRAITORS met Viganò.") == "Why? Because TRAITORS met Viganò."


def test_a_masked_model_reads_every_name_alike_and_keeps_the_flag() -> None:
    plain, _, _ = fitted("word", (1, 2), True)
    masked = replace(plain, masked=True)
    assert masked.decision("They met Angela Merkel in 1990.") == masked.decision(
        "They met Donald Trump in 2016."
    )
    assert plain.decision("Elites met in Geneva.") != masked.decision("Elites met in Geneva.")
    assert TextModel.from_dict(masked.to_dict()).masked
    assert not TextModel.from_dict({**plain.to_dict(), "masked": False}).masked
