import itertools

import pytest

from scorer.document import Document
from scorer.features import sensationalism
from scorer.features.base import FamilyResult
from scorer.lexicons import load_lexicon


def run(text: str, title: str = "") -> FamilyResult:
    return sensationalism.FAMILY.run(Document.parse(text, title))


def cues(result: FamilyResult, kind: str) -> list[str]:
    return [ev.text for ev in result.evidence if ev.kind == kind]


def test_the_four_word_lists_are_disjoint_so_no_word_counts_twice() -> None:
    lists = {name: set(load_lexicon(name)) for name, _ in sensationalism.LEXICONS}
    for a, b in itertools.combinations(lists, 2):
        assert not lists[a] & lists[b], (a, b, lists[a] & lists[b])


def test_lexicon_cues_are_counted_per_100_words_with_evidence() -> None:
    text = (
        "The regime launched a brutal and utterly shameless smear campaign. "
        "Officials warned of a looming catastrophe, the worst crisis ever."
    )
    result = run(text)
    n_words = Document.parse(text).n_words
    assert cues(result, "loaded_word") == ["regime", "shameless", "smear"]
    assert cues(result, "intensifier") == ["utterly"]
    assert cues(result, "fear_word") == ["looming", "catastrophe", "crisis"]
    assert cues(result, "superlative") == ["worst", "ever"]
    assert result.values["loaded_density"] == pytest.approx(100 * 3 / n_words)
    assert result.values["fear_density"] == pytest.approx(100 * 3 / n_words)


def test_neutral_reporting_has_no_word_cues() -> None:
    result = run(
        "The council approved the budget on Tuesday by a vote of seven to two. "
        "The plan funds road repairs and two new libraries, the mayor said."
    )
    for name in ("loaded_density", "superlative_density", "intensifier_density", "fear_density"):
        assert result.values[name] == 0


def test_acronyms_and_datelines_are_not_shouting() -> None:
    result = run(
        "WASHINGTON (Reuters) - NATO officials told KCNA that the U.S. would send F-35 jets.\n"
        "NEW YORK (AP) \u2014 The FBI and the CIA briefed the WHO about us and the US."
    )
    assert result.values["all_caps_density"] == 0
    assert cues(result, "all_caps") == []


def test_a_run_of_capitals_is_shouting() -> None:
    text = "The minister spoke for an hour. THIS IS AN OUTRAGE and everyone knows it."
    result = run(text)
    assert cues(result, "all_caps") == ["THIS IS AN OUTRAGE"]
    n_words = Document.parse(text).n_words
    assert result.values["all_caps_density"] == pytest.approx(100 * 4 / n_words)


def test_a_lone_capitalised_word_counts_only_when_it_is_an_ordinary_word() -> None:
    # "NOT" is shouting when the article also writes "not"; "HUGE" is a lexicon word; "KCNA"
    # is neither and stays an acronym.
    result = run("This is NOT over, and it is not a game. It was a HUGE blow, KCNA said.")
    assert cues(result, "all_caps") == ["NOT", "HUGE"]
    assert cues(run("He did NOT resign on Friday."), "all_caps") == []


def test_unquoted_questions_count_and_quoted_ones_do_not() -> None:
    result = run(
        'He asked: "Why would we do that?" Is this the new normal? '
        '"We tried. Why did it fail?" she said. Who benefits from the "reform"?'
    )
    assert cues(result, "rhetorical_question") == [
        "Is this the new normal?",
        'Who benefits from the "reform"?',
    ]
    # Five sentences, two of them the outlet's own questions.
    assert result.values["rhetorical_question_share"] == pytest.approx(2 / 5)


def test_an_unclosed_quotation_ends_with_its_line() -> None:
    result = run('"We will never give up, he said. Why should we?\nWhy should anyone care?')
    assert cues(result, "rhetorical_question") == ["Why should anyone care?"]


def test_a_quotation_spanning_sentences_hides_their_questions_until_it_closes() -> None:
    result = run(
        'He said: "Is it over? Can we go home?" Was it over?! Nobody knew.\n'
        '"Why now? Who knows." Why indeed?'
    )
    assert cues(result, "rhetorical_question") == ["Was it over?!", "Why indeed?"]
    assert cues(result, "exclamation") == ["Was it over?!"]


def test_exclamations_count_at_sentence_end_only_and_outside_quotes() -> None:
    result = run(
        'Yahoo! reported the figures on Monday. This is a disgrace! "Stop!" the crowd shouted.'
    )
    assert cues(result, "exclamation") == ["This is a disgrace!"]
    assert result.values["exclamation_density"] > 0


def test_a_headline_line_is_left_to_the_headline_family() -> None:
    body = "The council met on Tuesday. It approved the budget."
    headed = run("Shocking Scandal Rocks The Council\n" + body)
    assert cues(headed, "loaded_word") == []
    assert headed.values == run(body).values
    # A first line ending in a full stop is prose, and counted.
    assert cues(run("A shocking scandal rocked the council.\n" + body), "loaded_word") == [
        "shocking"
    ]
    # So is a given title when it opens the text.
    title = "Shocking Scandal Rocks The Council"
    assert run(title + "\n" + body, title=title).values == run(body).values


def test_empty_text_is_all_zero() -> None:
    result = run("")
    assert set(result.values.values()) == {0.0}
    assert result.evidence == []
