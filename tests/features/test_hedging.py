"""The hedging family on real sentences: each cue kind found where it is and not where it isn't."""

import time

import pytest

from scorer.document import Document
from scorer.features import hedging
from scorer.lexicons import load_lexicon, phrase_words


def cues(text: str, kind: str | None = None) -> list[str]:
    """Texts of the evidence of ``kind`` (every kind if None) the family finds in ``text``."""
    result = hedging.FAMILY.run(Document.parse(text))
    assert not result.warnings
    return [ev.text for ev in result.evidence if kind is None or ev.kind == kind]


def values(text: str) -> dict[str, float]:
    return hedging.FAMILY.run(Document.parse(text)).values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On May 20, the board may decide to sell the unit.", ["may"]),
        ("Prime Minister Theresa May met the press in May.", []),
        ("The talks began in early May and may last until June.", ["may"]),
        ("The military might of China might alarm its neighbours.", ["might"]),
        ("He could not find the keys, so he could not drive home.", []),
        ("The deal could collapse if the bank pulls out.", ["could", "if"]),
        ("He was hired as soon as possible because it was possible to pay him.", []),
        ("It is possible that the virus spread earlier.", ["possible"]),
        ("Stocks May Fall As Fed Weighs Rate Hike", ["May"]),
        ("OFFICIALS SAY TAXES MAY RISE NEXT YEAR", ["MAY"]),
        ("The company reported higher profits than expected.", []),
        ("The suspect is believed to have fled the country.", ["believed"]),
        ("Investors wondered whether the central bank would act.", ["whether"]),
        ("She acted as if nothing had happened.", []),
    ],
)
def test_uncertainty_cues_in_context(text: str, expected: list[str]) -> None:
    found = [ev.text for ev in hedging.uncertainty_cues(Document.parse(text))]
    assert found == expected


def test_boosters_unless_negated_or_hedged() -> None:
    assert cues("The evidence clearly shows he lied, and of course he knew.", "booster") == [
        "clearly",
        "of course",
    ]
    assert cues("It is not clear whether the plan will work.", "booster") == []
    assert cues("It is not clear whether the plan will work.", "hedge") == ["not clear"]
    assert cues("The bill will almost certainly pass.", "booster") == []
    assert cues("The bill will almost certainly pass.", "hedge") == ["almost certainly"]


@pytest.mark.parametrize(
    "text",
    [
        "Critics argue the policy hurts the poor.",
        "Some experts say the vaccine was rushed.",
        "It is widely believed that the election was rigged.",
        "According to sources, the minister will resign.",
        "The former aide is said to own three houses.",
        "Officials said the bridge was unsafe.",
        "The plan was drawn up by people familiar with the matter.",
    ],
)
def test_unattributed_claims(text: str) -> None:
    assert len(cues(text, "unattributed_claim")) == 1
    assert cues(text, "attribution") == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("According to the Ministry of Defence, two drones were shot down.", "Ministry of Defence"),
        ("\u201cWe will not back down,\u201d said John Smith, the union leader.", "John Smith"),
        ("The Associated Press reported that the vote was delayed.", "Associated Press"),
        ("She said the figures were wrong.", "She"),
        ("On Monday, Pentagon officials said the strike hit its target.", "Pentagon"),
    ],
)
def test_attributed_claims_name_their_source(text: str, source: str) -> None:
    found = cues(text, "attribution")
    assert len(found) == 1 and source in found[0]
    assert cues(text, "unattributed_claim") == []


@pytest.mark.parametrize(
    "text",
    [
        "The theft was reported to police on Monday.",
        "Some estimates put the cost at $2 billion.",
        "The United States imposed new charges.",
        "He added salt to the soup.",
    ],
)
def test_nouns_and_other_senses_are_no_claims(text: str) -> None:
    assert cues(text, "unattributed_claim") == cues(text, "attribution") == []


def test_densities_shares_and_evidence_agree() -> None:
    text = (
        "Experts say the storm may strengthen. It will clearly hit the coast. "
        "The mayor said the roads are open. The river rose two metres overnight."
    )
    doc = Document.parse(text)
    result = hedging.FAMILY.run(doc)
    kinds = [ev.kind for ev in result.evidence]
    for ev in result.evidence:
        assert text[ev.start : ev.end] == ev.text
    v = result.values
    assert v["hedge_density"] == pytest.approx(100 * kinds.count("hedge") / doc.n_words)
    assert v["booster_density"] == pytest.approx(100 * kinds.count("booster") / doc.n_words)
    assert kinds.count("hedge") == kinds.count("booster") == 1
    assert kinds.count("unattributed_claim") == kinds.count("attribution") == 1
    assert v["unattributed_density"] == pytest.approx(100 / doc.n_words)
    assert v["hedged_sentence_share"] == pytest.approx(1 / 4)
    assert v["booster_share"] == v["unattributed_share"] == pytest.approx(0.5)


def test_a_flat_factual_text_scores_zero_and_empty_text_is_safe() -> None:
    flat = values("The bridge opened in 1932. It carries four lanes of traffic.")
    assert all(value == 0 for value in flat.values())
    assert all(value == 0 for value in values("").values())


def test_every_context_rule_belongs_to_a_lexicon_entry() -> None:
    phrases = {p for name in ("hedges", "hedging_conditionals") for p in load_lexicon(name)}
    assert set(hedging._RULES) <= phrases


def test_certainty_lexicons_do_not_share_phrases() -> None:
    lists = [
        {phrase_words(p) for p in load_lexicon(name)}
        for name in ("hedges", "hedging_conditionals", "boosters")
    ]
    assert not (lists[0] & lists[1] or lists[0] & lists[2] or lists[1] & lists[2])


def test_hundred_thousand_words_are_fast() -> None:
    sentence = "Critics say the plan may fail, but the minister said it will clearly work. "
    doc = Document.parse(sentence * 7_000)
    _ = (doc.lower_words, doc.word_texts)  # build the Document's caches before timing
    start = time.perf_counter()
    result = hedging.extract(doc)
    assert time.perf_counter() - start < 1.0
    assert result.values["hedged_sentence_share"] == pytest.approx(1.0)
