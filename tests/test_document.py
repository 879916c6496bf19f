import re

from hypothesis import given
from hypothesis import strategies as st

from scorer.document import _WORD as WORD
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
    text = "xx\n  Hello there. General Kenobi!  \r\nyy. Zz"
    lines = [(0, 2), (text.index("Hello"), text.index("!") + 1), (text.index("yy"), len(text))]
    spans = split_sentences(text, lines)
    assert [text[a:b] for a, b in spans] == ["xx", "Hello there.", "General Kenobi!", "yy.", "Zz"]


def test_a_run_of_marks_splits_in_linear_time() -> None:
    # Each mark of a long run once started a failing match that scanned the rest of it.
    assert sentences("." * 100_000 + " Next.") == ["." * 100_000, "Next."]
    assert sentences("?!" * 50_000 + "x Next.") == ["?!" * 50_000 + "x Next."]


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


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_words_are_the_word_matches_of_each_sentence(text: str) -> None:
    # The Document finds words in one pass over the text; that must equal matching words
    # sentence by sentence, and leaving lines out must keep the other lines' units.
    doc = Document.parse(text)
    per_sentence = [m.span() for a, b in doc.sentences for m in WORD.finditer(text, a, b)]
    assert list(doc.words) == per_sentence
    assert doc.lower_words == tuple(w.lower().replace("\u2019", "'") for w in doc.word_texts)
    if len(doc.lines) > 1:
        prose = doc.without_lines({0})
        again = Document.parse(text).without_lines({0})
        kept = [s for s in doc.sentences if s[0] >= doc.lines[1][0]]
        assert list(prose.sentences) == kept == list(again.sentences)
        assert list(prose.words) == [w for w in doc.words if w[0] >= doc.lines[1][0]]
        for (a, b), (first, last) in zip(prose.sentences, prose.sentence_words, strict=True):
            assert all(a <= s < e <= b for s, e in prose.words[first:last])


@given(st.text(alphabet="ab1_ .,'-\u2019\n\u00e9\u0663", max_size=80))
def test_word_pattern_matches_as_its_plain_backtracking_form(text: str) -> None:
    plain = re.compile(r"[^\W_]+(?:(?:['\u2019\-.]|,(?=\d))[^\W_]+)*")
    assert [m.span() for m in WORD.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_windows_line_breaks_give_the_paragraphs_of_unix_ones() -> None:
    unix = "First paragraph, line one.\nLine two.\n\nSecond paragraph.\n \nThird."
    windows = Document.parse(unix.replace("\n", "\r\n"))
    assert [windows.slice(p).replace("\r\n", "\n") for p in windows.paragraphs] == [
        Document.parse(unix).slice(p) for p in Document.parse(unix).paragraphs
    ]
    assert len(windows.paragraphs) == 3
