"""The cross-corpus check's pure parts: the stratified sampler, per-outlet means, the AUCs,
and the converter's record mapping. No test needs the AllSides data."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from scorer.evaluation.crosscorpus import (
    Scored,
    article_auc,
    center_spread,
    main,
    outlet_auc,
    outlet_extremes,
    outlet_means,
    report,
    stratified_sample,
)

ROOT = Path(__file__).resolve().parents[1]


def _converter() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "convert_allsides", ROOT / "scripts" / "convert_allsides.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ITEMS = [("big", i) for i in range(100)] + [("mid", i) for i in range(10)] + [("small", 0)]


def test_sampler_caps_each_group_and_keeps_small_groups_whole() -> None:
    sample = stratified_sample(ITEMS, lambda x: x[0], per_group=20, total=1000)
    assert Counter(g for g, _ in sample) == {"big": 20, "mid": 10, "small": 1}


def test_sampler_lowers_the_cap_until_the_total_fits() -> None:
    sample = stratified_sample(ITEMS, lambda x: x[0], per_group=20, total=15)
    counts = Counter(g for g, _ in sample)
    assert len(sample) <= 15
    assert counts["big"] == counts["mid"] and counts["small"] == 1


def test_sampler_is_seeded_and_keeps_input_order() -> None:
    first = stratified_sample(ITEMS, lambda x: x[0], 5, 100, seed=3)
    assert first == stratified_sample(ITEMS, lambda x: x[0], 5, 100, seed=3)
    assert first != stratified_sample(ITEMS, lambda x: x[0], 5, 100, seed=4)
    assert first == sorted(first, key=ITEMS.index)


def test_sampler_never_exceeds_total_with_more_groups_than_total() -> None:
    items = list(range(50))
    assert len(stratified_sample(items, lambda x: x, 3, 10)) == 10


def _rows() -> list[Scored]:
    rows = []
    for outlet, bias, base in [
        ("A", "left", 70),
        ("B", "center", 30),
        ("C", "right", 80),
        ("D", "center", 40),
    ]:
        rows += [
            Scored(outlet, bias, {"propaganda": base + i, "quality": 100 - base - i})
            for i in range(6)
        ]
    return rows


def test_outlet_means_skip_small_and_mixed_outlets() -> None:
    rows = [*_rows(), Scored("E", "left", {"propaganda": 1.0, "quality": 1.0})]
    rows += [Scored("F", b, {"propaganda": 5.0, "quality": None}) for b in ["left", "center"] * 3]
    means = {o.name: o for o in outlet_means(rows, "propaganda", min_articles=5)}
    assert set(means) == {"A", "B", "C", "D"}  # E too small, F labelled both ways
    assert means["A"].mean == pytest.approx(72.5) and means["A"].n == 6
    assert outlet_means(rows, "quality", 5)[0].name == "A"  # None scores are not counted


def test_aucs_on_separable_outlets() -> None:
    rows = _rows()
    value, low, high, n = article_auc(
        rows, "propaganda", frozenset({"left", "center", "right"}), 50
    )
    assert value == 1.0 and n == 24
    assert low is not None and high is not None and low <= value <= high
    means = outlet_means(rows, "propaganda", 5)
    assert outlet_auc(means, frozenset({"right", "center"})) == (1.0, 3)
    assert center_spread(rows, "propaganda")[0] == pytest.approx(37.5)


def test_report_turns_quality_so_that_center_higher_is_above_half() -> None:
    table = report(_rows(), resamples=20)
    quality = [line for line in table.splitlines() if line.startswith("quality    partisan")]
    assert quality and quality[0].split()[4] == "1.000"


def test_converter_record_uses_original_text_and_drops_empty() -> None:
    convert = _converter()
    article = {
        "ID": "x1",
        "title": "T",
        "source": "Reuters",
        "date": "2019-01-02",
        "url": "u",
        "content": "tokenized , text",
        "content_original": "Original, text.",
        "bias_text": "center",
    }
    assert convert.to_record(article) == {
        "id": "x1",
        "title": "T",
        "text": "Original, text.",
        "source": "Reuters",
        "published": "2019-01-02",
        "url": "u",
        "bias": "center",
        "partisan": False,
    }
    assert convert.to_record({**article, "content_original": "  "}) is None
    assert convert.to_record({**article, "bias_text": "right"})["partisan"] is True


def test_outlet_split_is_fixed_and_keeps_one_outlet_in_five_out() -> None:
    convert = _converter()
    outlets = [f"outlet {i}" for i in range(2000)]
    parts = [convert.outlet_part(o) for o in outlets]
    assert parts == [convert.outlet_part(o) for o in outlets]
    assert set(parts) == {"train", "heldout"}
    assert 0.15 < parts.count("heldout") / len(parts) < 0.25


def test_main_names_a_file_without_bias_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "Some text.", "source": "X"}) + "\n")
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "bias" in err and "Traceback" not in err


ALLSIDES = Path("/work/data-extra/allsides_heldout.jsonl")


@pytest.mark.skipif(not ALLSIDES.exists(), reason="AllSides sample not converted here")
def test_converted_sample_has_the_fields_the_check_reads() -> None:
    with ALLSIDES.open(encoding="utf-8") as handle:
        first = json.loads(next(handle))
    assert first["bias"] in {"left", "center", "right"} and first["source"] and first["text"]


def test_outlet_extremes_lists_highest_and_lowest_propaganda_outlets() -> None:
    lines = outlet_extremes(_rows(), 1).splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["C", "...", "B"]


def test_converter_writes_a_sample_from_a_checkout(tmp_path: Path) -> None:
    jsons = tmp_path / "repo" / "data" / "jsons"
    jsons.mkdir(parents=True)
    for i, (source, bias) in enumerate([("A", "left")] * 5 + [("B", "center")] * 2):
        article = {"ID": f"a{i}", "source": source, "bias_text": bias, "content_original": "x."}
        (jsons / f"a{i}.json").write_text(json.dumps(article))
    out = tmp_path / "out" / "allsides.jsonl"
    assert _converter().main([str(tmp_path / "repo"), "-o", str(out), "--per-outlet", "3"]) == 0
    written = [json.loads(line) for line in out.read_text().splitlines()]
    assert Counter(r["source"] for r in written) == {"A": 3, "B": 2}
