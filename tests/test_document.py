from hypothesis import given
from hypothesis import strategies as st

from scorer.document import Document, split_sentences, tokenize


def sentences(text: str) -> list[str]:
    doc = Document.parse(text)
    return [doc.slice(s) for s in doc.sentences]


def test_abbreviations_initials_and_decimals_do_not_split() -> None:
    text = "Col. Isaac L. Taylor met Dr. Smith at 3.5 p.m. on Jan. 5 in Washington. Talks ended."
    assert sentences(text) == [
        "Col. Isaac L. Taylor met Dr. Smith at 3.5 p.m. on Jan. 5 in Washington.",
        "Talks ended.",
    ]


def test_dotted_acronym_ends_sentence_only_before_an_opener() -> None:
    assert sentences("Troops left the U.S. Army base. They went home.") == [
        "Troops left the U.S. Army base.",
        "They went home.",
    ]
    assert sentences("Troops returned to the U.S. The base closed.") == [
        "Troops returned to the U.S.",
        "The base closed.",
    ]


def test_quotations_keep_their_closing_mark_and_speaker() -> None:
    text = '"Is it over?" she asked. "No." Then he left!'
    assert sentences(text) == ['"Is it over?" she asked.', '"No."', "Then he left!"]


def test_lines_without_final_punctuation_are_their_own_units() -> None:
    text = "Kim Orders Missile Boost\nSPREAD THE WORD\nThe drills begin Monday. Officials said so."
    assert sentences(text) == [
        "Kim Orders Missile Boost",
        "SPREAD THE WORD",
        "The drills begin Monday.",
        "Officials said so.",
    ]


def test_paragraphs_split_on_blank_lines() -> None:
    doc = Document.parse("First para.\nStill first.\n\n  \nSecond para.\n")
    assert [doc.slice(p) for p in doc.paragraphs] == ["First para.\nStill first.", "Second para."]
    assert len(doc.lines) == 3


def test_words_keep_inner_punctuation() -> None:
    assert tokenize("Don\u2019t sell 1,200 well-known U.S. bonds at 3.5%") == [
        "don't",
        "sell",
        "1,200",
        "well-known",
        "u.s",
        "bonds",
        "at",
        "3.5",
    ]


def test_sentence_words_partition_the_words() -> None:
    doc = Document.parse("One two. Three four five!\n\nSix")
    assert doc.sentence_words == ((0, 2), (2, 5), (5, 6))
    assert doc.sentence_of_word() == [0, 0, 1, 1, 1, 2]


def test_split_sentences_offsets_are_into_the_whole_text() -> None:
    text = "xx Hello there. General Kenobi! yy"
    spans = split_sentences(text, 3, 31)
    assert [text[a:b] for a, b in spans] == ["Hello there.", "General Kenobi!"]


@given(st.text(max_size=400))
def test_every_unit_is_a_trimmed_nonempty_slice_in_order(text: str) -> None:
    doc = Document.parse(text)
    for units in (doc.paragraphs, doc.lines, doc.sentences, doc.words):
        previous_end = 0
        for a, b in units:
            assert previous_end <= a < b <= len(text)
            piece = text[a:b]
            assert piece.strip() == piece and piece
            previous_end = b
    # Every word lies inside its sentence.
    for (a, b), (first, last) in zip(doc.sentences, doc.sentence_words, strict=True):
        for start, end in doc.words[first:last]:
            assert a <= start < end <= b
