import itertools

import pytest

from scorer.document import Document
from scorer.features import headline
from scorer.features.base import FamilyResult
from scorer.lexicons import load_lexicon

MY_LISTS = (
    "loaded_words",
    "fear_words",
    "superlatives",
    "intensifiers",
    "clickbait_phrases",
    "informal_words",
)


def run(title: str, text: str = "") -> FamilyResult:
    return headline.FAMILY.run(Document.parse(text, title))


def flags(title: str) -> set[str]:
    values = run(title).values
    return {name for name, _ in headline.FLAGS if values[name]}


def test_word_lists_are_disjoint_so_no_word_feeds_two_cues() -> None:
    lists = {name: set(load_lexicon(name)) for name in MY_LISTS}
    for a, b in itertools.combinations(lists, 2):
        assert not lists[a] & lists[b], (a, b, lists[a] & lists[b])


CLICKBAIT = (
    "You Won't Believe What This Dog Did When Its Owner Came Home",
    "17 Things Only People Who Hate Mornings Will Understand",
    "Here's Why Everyone Is Obsessed With This Weird Little Gadget",
    "Which Breakfast Cereal Are You Based On Your Zodiac Sign",
)
NEWS = (
    "Senate passes budget bill after late-night vote",
    "Central Bank Raises Interest Rates to Curb Inflation",
    "Earthquake of magnitude 6.1 strikes off the coast of Chile",
    "11 killed as bus plunges into river in Nepal",
)


def test_clickbait_reads_as_clickbait_and_news_as_news() -> None:
    clickbait = [run(title).values["clickbait_score"] for title in CLICKBAIT]
    news = [run(title).values["clickbait_score"] for title in NEWS]
    assert min(clickbait) > 0.5 > max(news)


def test_each_form_is_detected_where_it_occurs() -> None:
    assert flags("You Won't Believe What This Dog Did To The Mailman") >= {
        "teaser",
        "second_person",
        "forward_reference",
        "contraction",
        "start_case",
    }
    assert "question" in flags("Should You Really Buy A House This Year")  # no "?" needed
    assert "question" not in flags("Will Smith wins award for new film")
    assert "imperative" in flags("Watch This Toddler Meet A Puppy")
    assert "informal" in flags("This Cake Is Literally Perfect AF")
    assert "superlative" in flags("The Best Pizza Ever Made")
    assert "emotive" in flags("The Most Adorable Thing")
    assert "exclamation" in flags("Stop what you are doing!")


def test_list_numbers_are_not_casualty_counts_or_years() -> None:
    assert "number_led" in flags("17 Things Only Night Owls Understand")
    assert "number_led" in flags("The 12 Most Beautiful Beaches In Europe")
    assert "number_led" not in flags("11 killed in bus crash")
    assert "number_led" not in flags("2008 Olympic torch arrives in London")
    assert "number_led" not in flags("3.5 magnitude quake hits town")


def test_demonstratives_of_time_and_the_country_us_are_not_cues() -> None:
    assert "forward_reference" not in flags("Storm to hit the coast this weekend")
    assert "forward_reference" in flags("This Storm Changed Everything")
    assert "first_person" not in flags("US troops leave base in Iraq")
    assert "first_person" in flags("Let Us Talk About Brunch")
    assert "first_person" not in flags("Coal mine blast kills two")


def test_start_case_needs_capitalised_function_words() -> None:
    assert "start_case" in flags("How To Make The Perfect Omelette")
    assert "start_case" not in flags("How to Make the Perfect Omelette")
    assert "start_case" not in flags("How to make the perfect omelette")
    assert "start_case" not in flags("HOW TO MAKE THE PERFECT OMELETTE")


def test_weights_are_positive_so_every_cue_raises_the_score() -> None:
    assert all(weight > 0 for weight in headline.WEIGHTS.values())
    assert set(headline.WEIGHTS) == {name for name, _ in headline.FLAGS}
    base = run("Senate passes budget bill").values["clickbait_score"]
    assert run("Senate passes budget bill, you won't believe it").values["clickbait_score"] > base


def test_word_count_is_clipped_and_declared() -> None:
    values = run(" ".join(["word"] * 150)).values
    assert values["word_count"] == headline.MAX_WORDS
    assert run("Three little words").values["word_count"] == 3


def test_evidence_points_into_the_text_where_the_title_occurs() -> None:
    title = "You Won't Believe This"
    text = f"Home\n\n{title}\n\nThe story begins here. You won't believe this."
    result = run(title, text)
    teaser = [ev for ev in result.evidence if ev.kind == "teaser"]
    assert [(ev.start, ev.text) for ev in teaser] == [(6, "You Won't Believe")]
    for ev in result.evidence:
        assert text[ev.start : ev.end] == ev.text


def test_a_title_absent_from_the_text_is_scored_without_evidence() -> None:
    result = run("You Won't Believe This", "A body that never repeats the title.")
    assert result.values["teaser"] == 1
    assert result.evidence == []


def test_first_line_stands_in_for_a_missing_title() -> None:
    doc = Document.parse("Trends\n\nYou Won't Believe What Happened Next\n\nThe body. More body.")
    found = headline.locate(doc)
    assert found is not None
    assert found.text == "You Won't Believe What Happened Next"
    assert found.start == doc.text.index(found.text)


@pytest.mark.parametrize(
    "text",
    [
        "The council met on Tuesday and approved the budget.\nIt takes effect in May.",
        "A single line with no other lines",
        " ".join(["word"] * 30) + "\nBody follows.",
        "",
    ],
)
def test_no_headline_when_the_first_line_is_prose_alone_or_long(text: str) -> None:
    doc = Document.parse(text)
    assert headline.locate(doc) is None
    assert headline.FAMILY.run(doc).values["clickbait_score"] == 0
