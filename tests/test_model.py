import json
import math
from pathlib import Path
from typing import Any

import pytest

from scorer.article import Article
from scorer.errors import ScorerError
from scorer.model import INTERCEPT, default_model, feature_hash, load_model, model_from_dict
from scorer.pipeline import analyze
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
    assert explanations["x"][-1].feature == INTERCEPT


def test_shipped_model_explains_every_score_exactly() -> None:
    model = default_model()
    text = Path(__file__).parents[1].joinpath("seeds", "002_1cff16cc95a59ae5.txt").read_text()
    features = analyze(Article(text=text)).features
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
        logit = sum(c.effect for c in explanations[name])
        assert value == pytest.approx(100 / (1 + math.exp(-logit)), abs=1e-6)


def test_shipped_model_only_uses_declared_features() -> None:
    specs = feature_specs()
    for score in default_model().scores.values():
        for term in score.terms:
            assert term.feature in specs
            assert term.scale > 0


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
