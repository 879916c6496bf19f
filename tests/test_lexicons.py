from importlib import resources

import pytest

from scorer.document import Document
from scorer.lexicons import PhraseMatcher, load_lexicon, matcher, phrase_words, word_positions


def lexicon_names() -> list[str]:
    folder = resources.files("scorer.lexicons")
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))


@pytest.mark.parametrize("name", lexicon_names())
def test_every_lexicon_has_a_header_and_parses(name: str) -> None:
    text = resources.files("scorer.lexicons").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    assert text.startswith("#"), f"{name}.txt must open with a header naming its sources"
    phrases = load_lexicon(name)
    assert phrases, f"{name}.txt has no entries"
    assert len(set(phrases)) == len(phrases), f"{name}.txt repeats entries"
    matcher(name)  # every phrase starts with a word


def test_matcher_prefers_longest_phrase_and_does_not_overlap() -> None:
    doc = Document.parse("It may well be that it may not.")
    m = PhraseMatcher(("may", "may well be", "well"))
    found = [(x.phrase, x.first, x.last) for x in m.finditer(doc.lower_words)]
    assert found == [("may well be", 1, 4), ("may", 6, 7)]


def test_matcher_wildcard_and_whole_words_only() -> None:
    doc = Document.parse("It is widely believed. It disappears to nowhere.")
    m = PhraseMatcher(("is * believed", "appears to"))
    assert [x.phrase for x in m.finditer(doc.lower_words)] == ["is * believed"]


def test_phrase_must_start_with_a_word() -> None:
    assert phrase_words("is * believed") == ("is", "*", "believed")
    with pytest.raises(ValueError):
        PhraseMatcher(("* believed",))


def test_word_positions_finds_each_groups_words_in_one_pass() -> None:
    words = Document.parse(
        "It may rain, experts say, and it may not; say what you may."
    ).lower_words
    groups = (frozenset({"may", "not"}), frozenset({"say", "may"}), frozenset({"absent"}))
    may, say, absent = word_positions(words, groups)
    assert [words[i] for i in may] == ["may", "may", "not", "may"]
    assert [words[i] for i in say] == ["may", "say", "may", "say", "may"]
    assert absent == []


def test_matcher_given_its_openers_positions_finds_the_same_matches() -> None:
    doc = Document.parse(
        "It may well be that it may not. Some say it is widely believed, and it is."
    )
    m = PhraseMatcher(("may", "may well be", "is * believed", "it is", "some say"))
    (starts,) = word_positions(doc.lower_words, (m.openers,))
    found = list(m.finditer(doc.lower_words, starts))
    assert found == list(m.finditer(doc.lower_words))
    assert [x.phrase for x in found] == [
        "may well be",
        "may",
        "some say",
        "it is",
        "it is",
    ]
