import io
import json
import sys

import pytest

from scorer.article import Article
from scorer.output import encoder, open_text
from scorer.pipeline import score_article

TEXT = (
    "The city council approved the new budget on Tuesday after a long debate. "
    "Officials said the plan adds funds for schools, roads and the public library. "
    "Critics argued that the tax increase would hurt small businesses in the area. "
    "The mayor said the vote showed the council could work together on hard questions. "
)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_records_carry_explanations_only_when_asked(fmt: str) -> None:
    record = score_article(Article(text=TEXT, title="Council approves budget"))
    plain = json.loads(encoder(fmt, evidence=False)(record))
    explained = json.loads(encoder(fmt, evidence=False, explain=True)(record))
    assert "explanations" not in plain
    assert set(explained["explanations"]) == set(record.scores)
    assert {k: v for k, v in explained.items() if k != "explanations"} == plain


def test_dash_opens_standard_output_and_leaves_it_open(monkeypatch: pytest.MonkeyPatch) -> None:
    stdout = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    with open_text("-") as out:
        out.write("row\n")
    assert not stdout.closed and stdout.getvalue() == "row\n"
