"""The README's example record is real output, so the README stays true to the code."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from scorer.api import score_file

ROOT = Path(__file__).parents[1]


def readme_example() -> Any:
    """The JSON record shown under "Output format" ('"..."' marks left-out items)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Output format") :]
    block = re.search(r"```json\n(.*?)\n```", section, re.DOTALL)
    assert block is not None, "README's Output format section lost its JSON example"
    return json.loads(block.group(1))


def test_readme_example_is_the_shipped_model_on_that_seed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    example = readme_example()
    monkeypatch.chdir(ROOT)  # the README's command runs in the checkout
    [record] = score_file(example["path"])
    actual = record.to_dict()
    for key in ("id", "path", "title", "source", "published", "url", "scores", "warnings", "model"):
        assert example[key] == actual[key], key
    shown = {k: v for k, v in example["features"].items() if k != "..."}
    assert shown == {k: actual["features"][k] for k in shown}
    assert example["explanations"]["quality"][0] == actual["explanations"]["quality"][0]
    assert example["explanations"]["quality"][-1] == actual["explanations"]["quality"][-1]
    assert example["evidence"][0] in actual["evidence"]
