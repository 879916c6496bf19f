"""scorer.techniques: evidence named by PTC technique, and the learned sentence spans."""

import json
from pathlib import Path

import numpy as np
import pytest

from scorer.article import Article
from scorer.document import Document
from scorer.features import persuasion, sensationalism
from scorer.lexicons import load_lexicon
from scorer.pipeline import score_article, sentence_evidence
from scorer.techniques import (
    SENTENCE_MODEL,
    SENTENCE_TECHNIQUE,
    TECHNIQUE_OF_KIND,
    TECHNIQUES,
    UNMARKED_LEXICON,
    technique_of,
)
from scorer.textmodel import TextAnalysis

PTC = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ptc_train.jsonl"


def test_every_persuasion_kind_is_named_and_every_name_is_a_ptc_technique() -> None:
    assert all(technique_of(persuasion.NAME, kind) for kind in persuasion.KINDS)
    assert set(TECHNIQUE_OF_KIND.values()) <= set(TECHNIQUES)
    assert SENTENCE_TECHNIQUE in TECHNIQUES
    assert technique_of("sourcing", "quotation") is None


@pytest.mark.skipif(not PTC.exists(), reason="../shared/data/ptc_train.jsonl absent")
def test_the_names_are_the_ptc_corpus_names() -> None:
    with PTC.open(encoding="utf-8") as lines:
        names = {span[0] for line in lines for span in json.loads(line)["spans"]}
    assert names == set(TECHNIQUES)


def test_sentences_at_or_above_the_threshold_become_evidence() -> None:
    doc = Document.parse("Officials met today. The radical left wants chaos. Rain is likely.")
    analysis = TextAnalysis({}, {SENTENCE_MODEL: np.array([0.2, 0.5, 0.49])})
    [found] = sentence_evidence(doc, analysis)
    assert found.text == doc.text[found.start : found.end] == "The radical left wants chaos."
    assert found.technique == SENTENCE_TECHNIQUE
    assert sentence_evidence(doc, TextAnalysis({}, {})) == []


def test_scored_evidence_names_techniques_on_the_article_text() -> None:
    text = (
        "The corrupt, treasonous elites want to destroy our great nation. WAKE UP! "
        "Why would anyone trust these liars? They are the worst traitors in history. "
    ) * 4
    record = score_article(Article(text=text, title="Enough is enough"))
    named = [e for e in record.evidence if e.technique]
    assert {"Loaded_Language", "Doubt", "Exaggeration,Minimisation"} <= {e.technique for e in named}
    assert all(text[e.start : e.end] == e.text for e in record.evidence)


def test_a_cue_on_the_unmarked_list_is_evidence_without_a_technique() -> None:
    listed = load_lexicon(UNMARKED_LEXICON)
    assert listed
    kinds = {line.split(" ", 1)[0] for line in listed}
    assert kinds <= {f"{family}.{kind}" for family, kind in TECHNIQUE_OF_KIND}
    assert "sensationalism.intensifier very" in listed  # 4% of its occurrences in the spans
    assert technique_of("sensationalism", "intensifier", "Very") is None
    assert technique_of("sensationalism", "intensifier") == "Exaggeration,Minimisation"
    assert technique_of("sensationalism", "intensifier", "utterly") == "Exaggeration,Minimisation"
    doc = Document.parse("The plan is very costly, and utterly reckless, critics say.")
    found = {e.text: e.technique for e in sensationalism.extract(doc).evidence}
    assert found["very"] is None and found["utterly"] == "Exaggeration,Minimisation"
