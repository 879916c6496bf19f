import hashlib
import itertools
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import scorer.training
from scorer.cli import cli
from scorer.document import Document
from scorer.errors import ScorerError
from scorer.model import SHIPPED, default_model, load_model
from scorer.training import (
    TEXT_SPECS,
    Linear,
    blend,
    fit_text,
    load_corpus,
    propaganda_inputs,
    pushes_toward_propaganda,
    quantile_points,
    reference_corpora,
    rubric,
    rubric_linear,
    shared_sentence_components,
    sign_constrained,
)

CALM = [
    "Officials said on {d} that the council approved the budget after a long debate.",
    "The ministry reported that exports rose 2.{d} percent, according to figures released.",
    "The mayor told reporters the bridge would reopen in {d} weeks, the city said.",
]
LOUD = [
    "These TRAITORS are destroying everything we love!!! Wake up before it is too late {d}!",
    "Shocking betrayal: the corrupt elites lied AGAIN and you won't believe what's next {d}!",
    "Disgusting, evil radicals will stop at NOTHING to ruin our great nation {d}!!!",
]


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    rows = []
    for i in range(12):
        for j, template in enumerate(CALM):
            rows.append(
                {
                    "id": f"c{i}{j}",
                    "text": template.format(d=i),
                    "source": f"calm{i % 4}",
                    "loud": False,
                    "rating": 4 + (i % 2),
                }
            )
        for j, template in enumerate(LOUD):
            rows.append(
                {
                    "id": f"l{i}{j}",
                    "text": template.format(d=i),
                    "source": f"loud{i % 4}",
                    "loud": True,
                    "rating": 1 + (i % 2),
                }
            )
    path = tmp_path / "labelled.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def test_train_with_dash_output_writes_the_model_to_standard_output(
    labelled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["train", str(labelled), "--target", "loud", "-o", "-"])
    assert result.exit_code == 0, result.output
    (tmp_path / "model.json").write_text(result.stdout, encoding="utf-8")
    assert "loud" in load_model(tmp_path / "model.json").scores
    assert result.stderr.startswith("wrote standard output: score 'loud', cross-validated auc")
    assert not (tmp_path / "-").exists()


def test_train_and_evaluate_a_binary_target(labelled: Path, tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    result = CliRunner().invoke(cli, ["train", str(labelled), "--target", "loud", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "cross-validated auc" in result.output
    model = load_model(out)
    assert "loud" in model.scores and "quality" in model.scores
    evaluated = CliRunner().invoke(
        cli,
        [
            "evaluate",
            str(labelled),
            "--target",
            "loud",
            "--model",
            str(out),
            "--score",
            "loud",
            "--format",
            "json",
        ],
    )
    assert evaluated.exit_code == 0, evaluated.output
    # The model was fitted on this very file: the figures are not held-out, and it says so.
    assert "training data" in evaluated.stderr and "not held-out" in evaluated.stderr
    metrics = {m["metric"]: m for m in json.loads(evaluated.stdout)}
    assert metrics["auc"]["value"] > 0.9  # the two kinds of article differ in every feature
    assert metrics["auc"]["low"] <= metrics["auc"]["value"] <= metrics["auc"]["high"]
    scored = CliRunner().invoke(
        cli, ["score", str(labelled), "--model", str(out), "--format", "jsonl"]
    )
    first = json.loads(scored.output.splitlines()[0])
    assert "loud" in first["scores"]


def test_evaluate_on_other_data_gives_no_training_warning(labelled: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.jsonl"
    other.write_text(labelled.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    evaluated = CliRunner().invoke(cli, ["evaluate", str(other), "--target", "loud"])
    assert evaluated.exit_code == 0, evaluated.output
    assert "not held-out" not in evaluated.stderr


def test_evaluate_on_the_shipped_training_data_says_so() -> None:
    data = Path(__file__).parents[2] / "shared" / "data" / "hyperpartisan_train.jsonl"
    if not data.is_file():
        pytest.skip("needs ../shared/data")
    digest = hashlib.sha256(data.read_bytes()).hexdigest()
    assert default_model().trained_on(digest) == "hyperpartisan_train.jsonl"


def test_train_a_numeric_target_calibrates_by_percentile(labelled: Path, tmp_path: Path) -> None:
    out = tmp_path / "ratings.json"
    result = CliRunner().invoke(
        cli, ["train", str(labelled), "--target", "rating", "-o", str(out), "--name", "editor"]
    )
    assert result.exit_code == 0, result.output
    assert "spearman" in result.output
    data = json.loads(out.read_text())
    assert data["scores"]["editor"]["calibration"]["kind"] == "quantile"


def test_bad_target_is_a_one_line_error(labelled: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["train", str(labelled), "--target", "nope", "-o", str(tmp_path / "m.json")]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "'nope'" in result.stderr
    with pytest.raises(ScorerError, match="no records"):
        (tmp_path / "empty.jsonl").write_text("\n")
        load_corpus(tmp_path / "empty.jsonl")


def test_blend_is_the_weighted_mean_of_standardized_parts() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(50, 3))
    center, scale = x.mean(0), x.std(0)
    a = Linear(("a", "b", "c"), center, scale, np.array([1.0, -2.0, 0.5]), 0.3)
    b = Linear(("a", "b", "c"), center, scale, np.array([0.2, 0.1, -1.0]), -1.0)
    parts = [(p, 0.5, float(p(x).mean()), float(p(x).std())) for p in (a, b)]
    expected = sum(0.5 * (p(x) - m) / s for p, _, m, s in parts)
    assert np.allclose(blend(parts)(x), expected)


def test_quantile_points_keep_ties_and_order() -> None:
    points = quantile_points(np.array([0.0] * 80 + [1.0, 2.0, 3.0] * 7))
    assert len(points) == 101
    assert all(b >= a for a, b in itertools.pairwise(points))
    assert points[:80] == [0.0] * 80 and points[-1] == 3.0


def test_no_feature_meaning_propaganda_counts_against_it_in_the_shipped_model() -> None:
    """A slogan or shouting in capitals may not make an article read less like propaganda,
    nor better on quality (quality counts the propaganda model against itself)."""
    scores = json.loads(Path(__file__).parents[1].joinpath("scorer", SHIPPED).read_text())["scores"]
    propaganda = {t["feature"]: t["weight"] for t in scores["propaganda"]["terms"]}
    assert "persuasion.slogan_density" in propaganda_inputs()  # a candidate input
    assert not [f for f, w in propaganda.items() if w < 0 and pushes_toward_propaganda(f)]
    rubric_quality = {t["feature"] for t in rubric()["quality"]["terms"]}
    assert not [
        t["feature"]
        for t in scores["quality"]["terms"]
        if t["weight"] > 0
        and pushes_toward_propaganda(t["feature"])
        and t["feature"] not in rubric_quality
    ]


def test_only_declared_worse_when_higher_features_are_sign_constrained() -> None:
    assert pushes_toward_propaganda("persuasion.slogan_density")
    assert pushes_toward_propaganda("sensationalism.all_caps_density")
    assert not pushes_toward_propaganda("sentiment.mean_polarity")  # either sign can mislead
    assert not pushes_toward_propaganda("sourcing.quotation_density")
    assert not pushes_toward_propaganda("text.hyperpartisan")  # learned, not declared


def test_shipped_terms_are_measured_from_the_reference_median() -> None:
    """Sparse cues are absent from most news, so a typical article has none, and an article
    without any gets no effect from them (with the mean as centre, every such article was
    pushed a little)."""
    model = default_model()
    terms = {t.feature: t for t in model.scores["quality"].terms}
    junk = terms["hygiene.boilerplate_line_share"]
    assert junk.typical == 0.0 < junk.center
    _, effects = model.scores["quality"].explain(dict.fromkeys(terms, 0.0))
    assert dict(effects)["hygiene.boilerplate_line_share"] == 0.0


def test_sign_constrained_refits_without_wrongly_signed_declared_features() -> None:
    """Only a declared "higher is worse" feature is dropped for a negative weight; the fit
    is redone without it (collinear partners may then change sign too)."""
    calls: list[list[str]] = []
    weights = {
        (
            "persuasion.slogan_density",
            "sensationalism.all_caps_density",
            "sourcing.quotation_density",
        ): [-0.5, 0.2, -0.3],
        ("sensationalism.all_caps_density", "sourcing.quotation_density"): [-0.1, -0.3],
        ("sourcing.quotation_density",): [-0.3],
    }

    def fit(names: list[str]) -> Linear:
        calls.append(names)
        ones = np.ones(len(names))
        return Linear(tuple(names), ones * 0, ones, np.array(weights[tuple(names)]), 0.0)

    model = sign_constrained(fit, list(next(iter(weights))))
    assert model.names == ("sourcing.quotation_density",)  # a negative weight it may keep
    assert len(calls) == 3


def test_rubric_terms_with_a_fitted_scale_keep_it_whatever_the_reference() -> None:
    """Readability's weights were fitted per a stated standard deviation: a new reference
    corpus recentres them but must not reweigh the fitted composite."""
    terms = [{"feature": "a", "weight": 1.0, "scale": 2.0}, {"feature": "b", "weight": -1.0}]
    narrow = np.array([[0.0, 0.0], [1.0, 1.0]])
    wide = narrow * 10
    for reference in (narrow, wide):
        linear = rubric_linear(terms, reference, ["a", "b"])
        assert linear.scale[0] == 2.0
    assert rubric_linear(terms, wide, ["a", "b"]).scale[1] == 5.0  # hand-set: reference SD


def test_the_broad_news_sample_is_the_reference_when_it_is_loaded() -> None:
    assert reference_corpora(["ptc", "hyperpartisan", "clickbait", "allsides"]) == ("allsides",)
    assert reference_corpora(["ptc", "hyperpartisan", "clickbait"]) == ("ptc", "hyperpartisan")


def test_the_shipped_readability_composite_keeps_its_fitted_scales() -> None:
    fitted = {t["feature"]: t["scale"] for t in rubric()["subscores"]["readability"]["terms"]}
    shipped = {t.feature: t.scale for t in default_model().scores["readability"].terms}
    assert shipped == fitted


POLL = "Completing this poll grants you access to our daily updates."


def test_articles_carrying_one_long_sentence_with_enough_others_share_a_fold_group() -> None:
    docs = [
        Document.parse(f"Story {i} tells of the vote in the hall. {POLL}") for i in range(3)
    ] + [Document.parse("A different story entirely, about the harbour and its ships.")]
    assert shared_sentence_components(docs) == [0, 0, 0, 3]


def test_two_carriers_or_a_short_sentence_do_not_join_articles() -> None:
    pair = [Document.parse(f"Story {i} tells of the vote. {POLL}") for i in range(2)]
    short = [Document.parse(f"Story {i} is about a harbour. Read more here.") for i in range(3)]
    assert shared_sentence_components(pair) == [0, 1]
    assert shared_sentence_components(short) == [0, 1, 2]


def test_fold_groups_are_sources_where_records_have_one(tmp_path: Path) -> None:
    rows = [{"id": f"r{i}", "text": f"Story {i}. {POLL}", "source": f"s{i}"} for i in range(3)]
    rows += [{"id": f"n{i}", "text": f"Other {i}. {POLL}"} for i in range(3)]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    assert load_corpus(path).groups == ["s0", "s1", "s2", "r0", "r0", "r0"]


@pytest.mark.parametrize("name", ["text.hyperpartisan", "text.propaganda_sentences"])
@pytest.mark.parametrize("masked", [False, True])
def test_a_fitted_text_model_scores_its_corpus_as_it_does_at_run_time(
    labelled: Path, monkeypatch: pytest.MonkeyPatch, name: str, masked: bool
) -> None:
    rows = [json.loads(line) for line in labelled.read_text().splitlines()]
    for i, row in enumerate(rows):  # labels and spans of the kind each text model reads
        row["text"] = f"{row['text']} Senator Jane Doe spoke on day {i}. It rained."
        row["hyperpartisan"] = row["loud"]
        row["spans"] = [["Loaded_Language", 0, 20]] if row["loud"] else []
    path = labelled.with_name("home.jsonl")
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    corpus = load_corpus(path)
    monkeypatch.setitem(scorer.training.TEXT_SPECS, name, replace(TEXT_SPECS[name], masked=masked))
    fitted = fit_text(name, corpus, range(len(rows)))
    model = fitted.text_model()
    assert model.masked is masked
    assert fitted.values(corpus) == pytest.approx([model.value(d) for d in corpus.prose])
