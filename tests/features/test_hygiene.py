"""The hygiene family: scraper junk found line by line, prose left alone, machine text caught."""

import json
from functools import cache
from pathlib import Path

import pytest

from scorer.document import Document
from scorer.features import hygiene
from scorer.features.base import FamilyResult

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(ROOT.joinpath("seeds").glob("*.txt"))
DATA = ROOT / ".." / "shared" / "data"


@cache
def seed(index: int) -> str:
    return SEEDS[index].read_text(encoding="utf-8")


def junk(text: str) -> dict[str, str]:
    """Flagged line text -> kind."""
    doc = Document.parse(text)
    return {doc.slice(doc.lines[i]): kind for i, kind in hygiene.line_kinds(doc).items()}


def run(text: str) -> FamilyResult:
    result = hygiene.FAMILY.run(Document.parse(text))
    assert not result.warnings
    return result


# Read off the seed files by hand: everything that is not the article.
SEED_002_JUNK = {
    "Categories",
    "Posted in: Andy Oxide, MPN, News, Updates",
    "SPREAD THE WORD",
    "BA WORRIED ABOUT 5G FB BANNER 728X90",
    "Read the original story here:",
    "Reuters",
    "Sign Up Below To Get Daily Patriot Updates & Connect With Patriots From Around The Globe",
    "Let Us Unite As A\u00a0 Patriots Network!",
    "Tags",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
}
SEED_003_JUNK = {
    "Trends",
    "North Korea, Kim Jong Hu",
    "Related Articles",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Back to top button",
    "Adblock Detected",
    "Please consider supporting us by disabling your ad blocker",
}


def test_seed_002_junk_lines_and_nothing_else() -> None:
    found = junk(seed(2))
    tag_lines = [line for line, kind in found.items() if kind == "tag_list"]
    assert set(found) - set(tag_lines) == SEED_002_JUNK - {
        "Posted in: Andy Oxide, MPN, News, Updates"
    }
    assert "Posted in: Andy Oxide, MPN, News, Updates" in tag_lines
    assert any(line.startswith("armored vehicles defense minister") for line in tag_lines)
    assert found["BA WORRIED ABOUT 5G FB BANNER 728X90"] == "banner_id"


def test_seed_003_junk_lines_and_nothing_else() -> None:
    assert set(junk(seed(3))) == SEED_003_JUNK


def test_other_seeds_only_lose_their_widget_line() -> None:
    assert set(junk(seed(0))) == {"Print Friendly, PDF & Email"}
    assert set(junk(seed(1))) == {"Keep Reading"}
    assert junk(seed(4)) == {}


def test_evidence_is_the_whole_line_and_shares_add_up() -> None:
    text = "Leave a Reply\nThe council approved the budget after a long debate on Monday.\n"
    result = run(text)
    assert [(ev.kind, ev.text) for ev in result.evidence] == [("boilerplate", "Leave a Reply")]
    assert result.values["boilerplate_line_share"] == 0.5
    assert 0 < result.values["boilerplate_char_share"] < 0.5
    doc = Document.parse(text)
    assert hygiene.boilerplate_lines(doc) == [0]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("— Donald J. Trump (@realDonaldTrump) October 18, 2018", "social_embed"),
        ("https://twitter.com/someone/status/784985960631205888", "url_line"),
        ("© 2018 Cox Media Group.", "copyright"),
        ("COPYRIGHT 2018 CREATORS.COM", "copyright"),
        ("Dibyangshu Sarkar/AFP/Getty Images", "photo_credit"),
        ("Image: Reuters", "photo_credit"),
        ("Featured image via Flickr", "photo_credit"),
        ("#Immigration #Border #Caravan", "tag_list"),
        ("Tags: election, senate, polls", "tag_list"),
        ("———", "symbol_line"),
        ("53 SHARES Facebook Twitter", "navigation"),
        ("Prev Next", "navigation"),
        ("Related: Obama endorses down the ballot", "boilerplate"),
        ("Via Zerohedge", "boilerplate"),
        ("You may opt out at anytime.", "boilerplate"),
        ("Click here to sign up for our free daily emails.", "boilerplate"),
    ],
)
def test_junk_line_shapes(line: str, kind: str) -> None:
    text = f"The mayor spoke to reporters on Monday.\n{line}\nShe did not take questions."
    assert junk(text) == {line: kind}


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell 3% on Monday.",
        "Credit card debt rose sharply last year.",
        "Photos of the scene showed heavy damage.",
        "Watch your step",
        "Back in 2005",
        "Related to that, the board resigned.",
        "Up next was the vote on the budget, which passed easily.",
        "That notion read more like a warning than a promise.",
        "Critics said the privacy policy lets the firm share data with advertisers.",
        "Strategic Motivations and Concerns",
        "WASHINGTON, D.C. \u2014",
        "Christianity does not have to be the most popular worldview to be right.",
        '"I cannot provide details," the spokesman said.',
    ],
)
def test_prose_and_headings_are_left_alone(line: str) -> None:
    text = f"The mayor spoke to reporters on Monday.\n{line}\nShe did not take questions."
    result = run(text)
    assert result.evidence == []


def test_caption_needs_prose_on_both_sides() -> None:
    prose = " ".join(
        ["The talks resumed after a long pause and both sides said progress was made."] * 2
    )
    assert junk(f"{prose}\nNorth Korea, Kim Jong Un\n{prose}") == {
        "North Korea, Kim Jong Un": "caption"
    }
    assert junk(f"Karl Betar, Meridian\n{prose}") == {}


def test_a_short_line_between_junk_lines_is_junk() -> None:
    text = (
        "Read the original story here:\nReuters\nSign up for our newsletter\nThe end came quickly."
    )
    assert junk(text)["Reuters"] == "boilerplate_context"


def test_machine_text_in_seed_004() -> None:
    result = run(seed(4))
    found = [ev for ev in result.evidence if ev.kind == "machine_text"]
    assert len(found) == 1 and found[0].text.startswith("Instead of providing a quote from Kim")
    assert result.values["machine_text_density"] > 0
    assert all(run(seed(i)).values["machine_text_density"] == 0 for i in range(4))


def test_machine_text_phrases_and_placeholders() -> None:
    text = (
        "Officials met on Monday. As an AI language model, I cannot verify this. "
        'The minister said "[Insert quote from minister]" before leaving. '
        "Critics called the plan [insert string of insults here]."
    )
    result = run(text)
    assert [(ev.kind, ev.text) for ev in result.evidence] == [
        ("machine_text", "As an AI language model, I cannot verify this."),
        ("placeholder", "[Insert quote from minister]"),
    ]


@pytest.mark.skipif(not (DATA / "ptc_train.jsonl").exists(), reason="needs ../shared/data")
def test_lexicon_rules_never_flag_annotated_article_prose() -> None:
    """Lines holding PTC propaganda spans are article prose (or quoted tweets): the phrase,
    navigation and context rules must not fire on them."""
    lexical = {"boilerplate", "navigation", "boilerplate_context", "caption", "banner_id"}
    with (DATA / "ptc_train.jsonl").open(encoding="utf-8") as handle:
        for raw in handle:
            record = json.loads(raw)
            doc = Document.parse(record["text"])
            kinds = hygiene.line_kinds(doc)
            for index, (a, b) in enumerate(doc.lines):
                if index in kinds and any(s < b and e > a for _, s, e in record["spans"]):
                    assert kinds[index] not in lexical, doc.slice((a, b))
