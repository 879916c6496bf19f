import itertools
from pathlib import Path

import pytest

from scorer.document import Document
from scorer.features import hedging, persuasion
from scorer.features.base import FamilyResult
from scorer.lexicons import load_lexicon, phrase_words

SEEDS = sorted(Path(__file__).parents[2].joinpath("seeds").glob("*.txt"))
# Other families' cue lists: a persuasion phrase must not be one of their phrases nor lie
# inside one, or the same words would count twice.
OTHER_LISTS = (
    "loaded_words",
    "fear_words",
    "superlatives",
    "intensifiers",
    "boosters",
    "unattributed",
    "hedges",
    "hedging_conditionals",
)


def run(text: str) -> FamilyResult:
    return persuasion.FAMILY.run(Document.parse(text))


def cues(result: FamilyResult) -> list[tuple[str, str]]:
    return [(ev.kind, ev.text) for ev in result.evidence]


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def test_every_kind_has_a_list_with_a_sourced_header() -> None:
    for name, _ in persuasion.LEXICONS:
        assert load_lexicon(name), name
        head = Path(persuasion.__file__).parents[1].joinpath("lexicons", f"{name}.txt")
        header = " ".join(line for line in head.read_text().splitlines() if line.startswith("#"))
        assert "Da San Martino" in header and "curated by hand" in header, name


def test_lists_are_disjoint_and_never_repeat_another_familys_cue() -> None:
    own = {name: {phrase_words(p) for p in load_lexicon(name)} for name, _ in persuasion.LEXICONS}
    for a, b in itertools.combinations(own, 2):
        assert not own[a] & own[b], (a, b, own[a] & own[b])
    others = {phrase_words(p) for name in OTHER_LISTS for p in load_lexicon(name)}
    clashes = [
        " ".join(mine)
        for phrases in own.values()
        for mine in phrases
        for theirs in others
        if _inside(mine, theirs)
    ]
    assert not clashes


def test_authority_cues_are_not_hedgings_unattributed_claims() -> None:
    for phrase in load_lexicon("persuasion_appeal_to_authority"):
        found = hedging.extract(Document.parse(f"He wrote that {phrase} the plan works."))
        assert not [ev for ev in found.evidence if ev.kind == "unattributed_claim"], phrase


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The American people deserve better than these leftist warmongers.",
            [
                ("flag_waving", "American people"),
                ("name_calling", "leftist"),
                ("name_calling", "warmongers"),
            ],
        ),
        (
            "If we don't act now, open borders will destroy our way of life.",
            [
                ("appeal_to_fear", "If we don't"),
                ("appeal_to_fear", "open borders"),
                ("appeal_to_fear", "will destroy"),
                ("flag_waving", "our way of life"),
            ],
        ),
        (
            "Why did the agency wait? Her story doesn't add up.",
            [("doubt", "Why did"), ("doubt", "doesn't add up")],
        ),
        ("The crowd chanted: Drain the swamp!", [("slogan", "Drain the swamp")]),
        (
            "You are either with us or against us. There is no middle ground.",
            [
                ("black_and_white", "You are either with us"),
                ("black_and_white", "There is no middle ground"),
            ],
        ),
        (
            "Enough is enough. End of story.",
            [
                ("thought_terminating_cliche", "Enough is enough"),
                ("thought_terminating_cliche", "End of story"),
            ],
        ),
        (
            "The real reason they lost is simply because they hate the poor.",
            [
                ("causal_oversimplification", "real reason"),
                ("causal_oversimplification", "is simply because"),
            ],
        ),
        (
            "In the words of a renowned bishop, the Bible says so.",
            [
                ("appeal_to_authority", "In the words of"),
                ("appeal_to_authority", "renowned"),
                ("appeal_to_authority", "Bible says"),
            ],
        ),
        (
            "But what about the emails? Where was the outrage then?",
            [("whataboutism", "But what about"), ("whataboutism", "Where was the outrage")],
        ),
        (
            "His critics compared the new police unit to the Gestapo.",
            [("reductio_ad_hitlerum", "Gestapo")],
        ),
    ],
)
def test_each_technique_is_found_in_a_real_sentence(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert cues(run(text)) == expected


def test_neutral_reporting_has_no_cues_and_zero_values() -> None:
    result = run(
        "The council approved the budget on Tuesday by a vote of seven to two. "
        "The plan funds road repairs and two new libraries, the mayor said. "
        "Work on either branch starts in May or June, officials said."
    )
    assert result.evidence == []
    assert all(value == 0 for value in result.values.values())


def test_either_or_counts_only_as_an_opening_dilemma() -> None:
    opening = run("Either you stand with the workers or you stand with the bosses.")
    assert cues(opening) == [
        ("black_and_white", "Either you stand with the workers or"),
    ]
    after_colon = run("The choice is stark: either we cut taxes or the economy stalls.")
    assert [kind for kind, _ in cues(after_colon)] == ["black_and_white"]
    descriptive = run("Files were shared either directly or through a lawyer.")
    assert cues(descriptive) == []
    no_or = run("Either way, the vote is on Monday.")
    assert cues(no_or) == []
    # The "or" must be in the dilemma's own sentence; each opening "either" finds its own.
    later_or = run("Either way, we vote. Tea or coffee? Either we win or we lose.")
    assert cues(later_or) == [("black_and_white", "Either we win or")]


def test_an_either_far_from_its_or_is_no_dilemma() -> None:
    near = "Either " + "we " * (persuasion.MAX_DILEMMA_WORDS - 1) + "or we lose."
    assert [kind for kind, _ in cues(run(near))] == ["black_and_white"]
    far = "Either " + "we " * persuasion.MAX_DILEMMA_WORDS + "or we lose."
    assert cues(run(far)) == []
    # The pathological case: n clause-opening "either"s before one "or" no longer make n
    # overlapping cues that each run to that "or".
    found = cues(run("Either: " * 5_000 + "or not."))
    assert 0 < len(found) <= persuasion.MAX_DILEMMA_WORDS
    assert max(len(text.split()) for _, text in found) <= persuasion.MAX_DILEMMA_WORDS + 1


def test_phrases_do_not_run_across_sentences() -> None:
    # "drain the" ends one sentence and "swamp" opens the next: no slogan.
    assert cues(run("We will drain the. Swamp lands are wet.")) == []


def test_densities_and_sentence_share() -> None:
    text = (
        "The American people are tired. Patriotism is not a crime. "
        "The weather was mild on Sunday. Nobody was hurt."
    )
    result = run(text)
    n_words = Document.parse(text).n_words
    assert cues(result) == [("flag_waving", "American people"), ("flag_waving", "Patriotism")]
    assert result.values["flag_waving_density"] == pytest.approx(100 * 2 / n_words)
    assert result.values["technique_density"] == pytest.approx(100 * 2 / n_words)
    assert result.values["name_calling_density"] == 0
    assert result.values["technique_sentence_share"] == pytest.approx(2 / 4)


def test_every_declared_feature_is_produced_and_named_by_kind() -> None:
    result = run("")
    assert set(result.values) == {spec.name for spec in persuasion.FEATURES}
    assert {f"{kind}_density" for kind in persuasion.KINDS} <= set(result.values)


def test_evidence_slices_the_text_exactly() -> None:
    text = "“The American people”\u2014and our troops\u2014won\u2019t accept it. Enough is enough!"
    result = run(text)
    assert result.evidence
    for ev in result.evidence:
        assert text[ev.start : ev.end] == ev.text and ev.family == "persuasion"
