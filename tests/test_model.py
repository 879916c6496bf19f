import json
import math
from pathlib import Path
from typing import Any

import pytest

from scorer.api import score_text
from scorer.article import Article
from scorer.errors import ScorerError
from scorer.model import (
    Calibration,
    default_model,
    feature_hash,
    load_model,
    model_from_dict,
)
from scorer.pipeline import analyze
from scorer.record import BASELINE
from scorer.registry import feature_specs


def tiny_model(weight: float = 1.5) -> dict[str, Any]:
    used = ["readability.words_per_sentence"]
    return {
        "name": "tiny",
        "version": "1",
        "feature_hash": feature_hash(used),
        "scores": {
            "x": {
                "intercept": -0.5,
                "terms": [{"feature": used[0], "center": 20.0, "scale": 10.0, "weight": weight}],
            }
        },
    }


def test_contributions_add_up_to_the_logit() -> None:
    model = model_from_dict(tiny_model(), "tiny")
    scores, explanations = model.apply({"readability.words_per_sentence": 35.0})
    effects = {c.feature: c.effect for c in explanations["x"]}
    assert effects["readability.words_per_sentence"] == pytest.approx(1.5 * 1.5)
    logit = sum(effects.values())
    assert scores["x"] == pytest.approx(100 / (1 + math.exp(-logit)))
    assert explanations["x"][-1].feature == BASELINE


def test_effects_are_measured_from_the_typical_article() -> None:
    """A term's typical value (the reference median) is where its effect is zero; the
    baseline moves by what the shift costs, so the raw value and the score do not change."""
    data = tiny_model()
    plain = model_from_dict(data, "tiny")
    data["scores"]["x"]["terms"][0]["typical"] = 30.0
    typical = model_from_dict(data, "tiny")
    at_typical = typical.apply({"readability.words_per_sentence": 30.0})[1]["x"]
    assert {c.feature: c.effect for c in at_typical}["readability.words_per_sentence"] == 0.0
    score, effects = typical.apply({"readability.words_per_sentence": 35.0})
    assert score == pytest.approx(plain.apply({"readability.words_per_sentence": 35.0})[0])
    assert effects["x"][-1] == (BASELINE, pytest.approx(-0.5 + 1.5 * 1.0))
    assert effects["x"][0].effect == pytest.approx(1.5 * 0.5)


def test_shipped_model_explains_every_score_exactly() -> None:
    model = default_model()
    text = Path(__file__).parents[1].joinpath("seeds", "002_1cff16cc95a59ae5.txt").read_text()
    analysis = analyze(Article(text=text, title="Kim orders more missiles"))
    features = {**analysis.features, **model.text_features(analysis.prose)}
    scores, explanations = model.apply(features)
    assert set(scores) >= {
        "quality",
        "propaganda",
        "headline",
        "readability",
        "sentiment",
        "hedging",
        "sensationalism",
        "repetition",
    }
    for name, value in scores.items():
        assert 0 <= value <= 100
        raw = sum(c.effect for c in explanations[name])
        assert value == pytest.approx(model.scores[name].calibration(raw), abs=1e-9)
        assert model.scores[name].raw(features)[0] == pytest.approx(raw, abs=1e-9)


def test_shipped_model_only_uses_declared_or_learned_features() -> None:
    specs = feature_specs()
    learned = {m.name for m in default_model().text_models}
    assert learned and all(n.startswith("text.") for n in learned)
    for score in default_model().scores.values():
        for term in score.terms:
            assert term.feature in specs or term.feature in learned
            assert term.scale > 0


def test_quantile_calibration_is_monotone_and_bounded() -> None:
    calibration = Calibration("quantile", tuple(float(x) for x in range(101)))
    assert calibration(-5) == 0 and calibration(500) == 100
    assert calibration(50) == pytest.approx(50)
    assert calibration(10.5) == pytest.approx(10.5)
    values = [calibration(x / 7) for x in range(-10, 800)]
    assert values == sorted(values)
    # A run of tied quantiles inside the distribution: the tied value sits in its middle.
    inner = tuple([float(x) for x in range(-20, 0)] + [0.0] * 41 + [float(x) for x in range(1, 41)])
    tied = Calibration("quantile", inner)
    assert tied(0.0) == pytest.approx(40.0)
    assert tied(-21.0) == 0 and tied(0.5) == pytest.approx(60.5)


def test_ties_at_an_extreme_of_the_reference_take_that_extreme() -> None:
    # Half the reference has no junk at all (the best raw value): such an article reads 100,
    # not the middle of the run; likewise a run at the bottom reads 0.
    top = Calibration("quantile", tuple([float(x) for x in range(50)] + [50.0] * 51))
    assert top(50.0) == 100.0
    bottom = Calibration("quantile", tuple([0.0] * 10 + [float(x) for x in range(1, 92)]))
    assert bottom(0.0) == 0.0


def test_a_tie_survives_the_rounding_of_stored_quantiles() -> None:
    # Points are stored to 6 significant digits; the article's raw value is not rounded.
    points = tuple([float(x) / 100 for x in range(48)] + [0.891112] * 53)
    assert Calibration("quantile", points)(0.8911116234) == 100.0


def test_a_clean_article_reads_about_100_on_hygiene() -> None:
    text = (
        "Officials said on Monday that talks with the union would resume next week. The "
        "transport minister, Ana Lopez, told reporters that both sides had agreed on a "
        "timetable. Union leaders confirmed the date in a statement and said they expected "
        "a long negotiation over wages, pensions and working hours. Bus and tram services "
        "ran normally across the city, and commuters reported few delays during the morning. "
        "The last agreement between the city and the union was signed in 2019."
    )
    assert score_text(text).scores["hygiene"] == pytest.approx(100.0)


def test_model_built_for_other_features_refuses_to_load(tmp_path: Path) -> None:
    data = tiny_model()
    data["feature_hash"] = "0" * 16
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ScorerError, match="other feature definitions"):
        load_model(path)


def test_model_with_unknown_feature_or_bad_json_is_a_clear_error(tmp_path: Path) -> None:
    data = tiny_model()
    data["scores"]["x"]["terms"][0]["feature"] = "nope.nothing"
    with pytest.raises(ScorerError, match=r"lacks: nope\.nothing"):
        model_from_dict(data, "m.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ScorerError, match="not valid JSON"):
        load_model(bad)
    with pytest.raises(ScorerError, match="cannot read"):
        load_model(tmp_path / "missing.json")
    with pytest.raises(ScorerError, match="not a scorer model"):
        model_from_dict({"name": "x"}, "m.json")


def test_reference_quantiles_place_a_score_among_typical_news() -> None:
    reference = default_model().reference
    assert reference is not None
    for name, points in reference.quantiles.items():
        assert len(points) == 101 and list(points) == sorted(points)
        assert reference.percentile(name, points[0] - 1) == 0
        assert reference.percentile(name, points[-1]) == 100
        low, high = reference.percentile(name, points[25]), reference.percentile(name, points[75])
        assert low is not None and high is not None and low < high
