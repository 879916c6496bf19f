"""The repetition family: copies found at every level, twins linked, diversity stable."""

import time
from functools import cache
from pathlib import Path

import pytest

from scorer.document import Document
from scorer.features import repetition
from scorer.features.base import FamilyResult

SEEDS = sorted(Path(__file__).parents[2].joinpath("seeds").glob("*.txt"))


@cache
def seed(index: int) -> str:
    return SEEDS[index].read_text(encoding="utf-8")


def run(text: str) -> FamilyResult:
    result = repetition.FAMILY.run(Document.parse(text))
    assert not result.warnings
    return result


def kinds(text: str, kind: str) -> list[str]:
    return [ev.text for ev in run(text).evidence if ev.kind == kind]


def test_seed_000_repeats_most() -> None:
    """Seed 000 pastes whole paragraphs again; the other seeds do not copy prose."""
    scores = [run(seed(i)).values for i in range(len(SEEDS))]
    for name in ("duplicate_paragraph_share", "duplicate_sentence_share", "dup_10gram_char_share"):
        column = [s[name] for s in scores]
        assert column.index(max(column)) == 0, (name, column)
        assert column[0] > max(column[1:])


def test_seed_000_marks_both_twins_of_each_copied_passage() -> None:
    text = seed(0)
    copied = (
        "This strategic maneuver comes just as South Korea and the United States are poised "
        "to initiate their annual military exercises"
    )
    evidence = run(text).evidence
    for ev in evidence:
        assert text[ev.start : ev.end] == ev.text
    twins = [ev for ev in evidence if ev.text.startswith(copied)]
    assert len(twins) == 2
    assert {ev.kind for ev in twins} == {"duplicate_paragraph"}
    # The first occurrence is a sentence inside the opening paragraph, the second its own one.
    assert twins[0].start > 0 and text[twins[0].start - 2 : twins[0].start] == ". "


def test_repeat_groups_link_the_twins() -> None:
    doc = Document.parse(seed(0))
    groups = [g for g in repetition.repeat_groups(doc) if g.kind == "duplicate_paragraph"]
    assert groups and all(len(g.spans) >= 2 for g in groups)
    for group in groups:
        endings = {doc.text[b - 40 : b] for _, b in group.spans}
        assert len(endings) == 1  # the same passage, down to its closing full stop


def test_article_pasted_twice_moves_repetition_but_not_diversity() -> None:
    text = seed(3)
    once, twice = run(text).values, run(text + "\n\n" + text).values
    assert twice["duplicate_paragraph_share"] >= 0.45
    assert twice["duplicate_line_share"] >= 0.45
    assert twice["duplicate_sentence_share"] >= 0.45
    assert twice["dup_10gram_char_share"] >= 0.9 > once["dup_10gram_char_share"] + 0.5
    assert twice["gopher_rules_failed"] > once["gopher_rules_failed"]
    assert abs(twice["mtld"] - once["mtld"]) <= 0.1 * once["mtld"]


def test_near_duplicate_sentences_are_found_and_unrelated_ones_are_not() -> None:
    a = (
        "The defence ministry said on Tuesday that the new missile factory in the north "
        "would double its production of launchers by next spring."
    )
    b = a.replace("Tuesday", "Wednesday")
    c = "Farmers in the eastern provinces were still clearing mud from flooded rice fields."
    assert kinds(f"{a} {c} {b}", "near_duplicate_sentence") == [a, b]
    assert run(f"{a} {c} {b}").values["duplicate_sentence_share"] == pytest.approx(1 / 3)
    assert run(f"{a} {c}").values["duplicate_sentence_share"] == 0


def test_sentence_pasted_inside_a_longer_one_is_a_near_duplicate() -> None:
    short = "The joint exercises encompass a command post drill and extensive field training."
    long = f"Officials said on Monday that {short[0].lower()}{short[1:-1]} across the country."
    assert kinds(f"{short}\n\n{long}", "near_duplicate_sentence") == [short, long]


def test_exact_sentences_repeat_but_short_replies_do_not_count() -> None:
    s = "We will never surrender our freedom to these people."
    assert kinds(f"{s} They came at night. {s}", "duplicate_sentence") == [s, s]
    assert run("Why? He did not say. Why? Nobody knows.").values["duplicate_sentence_share"] == 0


def test_repeated_slogan_is_a_phrase_but_names_and_attributions_are_not() -> None:
    text = (
        "The so-called fake news media attacked him again. Voters dismissed the fake news "
        "media. He thanked Kim Jong Un. Nobody trusts the fake news media now. Kim Jong Un "
        "smiled. Kim Jong Un left. Mr. Trump said no. Mr. Trump said yes. Mr. Trump said so."
    )
    found = kinds(text, "repeated_phrase")
    assert found == ["fake news media"] * 3
    assert run(text).values["repeated_phrase_density"] > 0


def test_mtld_by_hand() -> None:
    # "a b a b": the TTR falls to 2/3 at the third word, one full factor; the last word
    # starts a factor with TTR 1, which adds nothing. 4 words / 1 factor, both directions.
    assert repetition.mtld(("a", "b", "a", "b")) == 4
    assert repetition.mtld(()) == 0
    varied = run(seed(2)).values["mtld"]
    monotone = run(" ".join(["the cat sat on the mat"] * 50)).values["mtld"]
    assert monotone < 10 < 50 < varied


def test_near_identical_sentences_stay_linear() -> None:
    """Thousands of sentences differing in one word must not be compared pair by pair."""
    text = " ".join(
        f"The quick brown fox jumps over the lazy dog near the old river bank number{i}."
        for i in range(3000)
    )
    start = time.perf_counter()
    values = run(text).values
    assert time.perf_counter() - start < 3
    assert values["duplicate_sentence_share"] > 0.99


def test_gopher_count_matches_checking_every_ngram_rule() -> None:
    # The rules for 6..9-grams are mostly settled from the 5- and 10-gram shares; articles with
    # a pasted tail of growing length put those shares around every threshold.
    text = seed(3)
    between = 0
    for cut in range(300, 2400, 150):
        pasted = text + "\n\n" + text[:cut]
        doc = Document.parse(pasted)
        values = run(pasted).values
        ngrams = repetition._Ngrams(doc)
        shares = {
            n: repetition.share(ngrams.repeated_chars(n), ngrams.total_chars)
            for n in repetition.GOPHER_DUPLICATE_NGRAM
        }
        unit_limits = {
            "duplicate_line_share": repetition.GOPHER_DUPLICATE_LINE_SHARE,
            "duplicate_paragraph_share": repetition.GOPHER_DUPLICATE_PARAGRAPH_SHARE,
            "duplicate_line_char_share": repetition.GOPHER_DUPLICATE_LINE_CHAR_SHARE,
            "duplicate_paragraph_char_share": repetition.GOPHER_DUPLICATE_PARAGRAPH_CHAR_SHARE,
        }
        failed = (
            sum(values[name] > limit for name, limit in unit_limits.items())
            + sum(
                values[f"top_{n}gram_char_share"] > limit
                for n, limit in repetition.GOPHER_TOP_NGRAM.items()
            )
            + sum(shares[n] > limit for n, limit in repetition.GOPHER_DUPLICATE_NGRAM.items())
        )
        assert values["gopher_rules_failed"] == failed
        between += any(
            shares[10] <= limit < shares[5] for limit in repetition.GOPHER_DUPLICATE_NGRAM.values()
        )
    assert between >= 2
