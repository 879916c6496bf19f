import pytest

from scorer.document import Document
from scorer.features import readability


def test_counts_sum_each_words_profile() -> None:
    doc = Document.parse(
        "The committee deliberated extensively. Cats slept. Nobody anticipated the controversy."
    )
    counts = readability.count(doc)
    profiles = [readability.word_profile(word) for word in doc.lower_words]
    columns = [sum(column) for column in zip(*profiles, strict=True)]
    syllables, letters, difficult, polysyllables, long_words, freq_words, zipf_centi, uncommon = (
        columns
    )
    assert counts == readability.Counts(
        doc.n_words,
        3,
        syllables,
        letters,
        polysyllables,
        difficult,
        long_words,
        freq_words,
        zipf_centi,
        uncommon,
        0,
    )
    assert counts.freq_words == doc.n_words
    assert counts.polysyllables >= 4  # committee, deliberated, extensively, controversy, ...
    assert counts.long_words >= 5


def test_an_empty_document_counts_nothing() -> None:
    assert readability.count(Document.parse("")) == readability.Counts(0, 0, 0, 0, 0, 0, 0)


def test_the_word_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readability, "WORD_CACHE_SIZE", 4)
    monkeypatch.setattr(readability, "_PROFILES", readability._Profiles())
    doc = Document.parse("one two three four five six seven eight nine ten")
    first = readability.count(doc)
    assert len(readability._PROFILES) <= 4
    assert readability.count(doc) == first


def test_word_frequency_separates_common_from_rare_vocabulary() -> None:
    plain = readability.extract(Document.parse("The dog ran to the park. It was a good day."))
    rare = readability.extract(
        Document.parse("The kleptocratic oligarchy obfuscated its perfidious machinations.")
    )
    assert plain.values["mean_zipf"] > rare.values["mean_zipf"] + 1
    assert plain.values["uncommon_word_share"] == 0
    assert rare.values["uncommon_word_share"] >= 0.5


def test_numbers_count_in_no_word_frequency() -> None:
    counts = readability.count(Document.parse("In 1999 there were 42 of them."))
    assert counts.words == 7 and counts.freq_words == 5
    only_numbers = readability.extract(Document.parse("1999 2000 2001."))
    assert only_numbers.values["mean_zipf"] == readability.EASIEST_ZIPF
    assert only_numbers.values["uncommon_word_share"] == 0


def test_long_sentence_share_counts_sentences_over_25_words() -> None:
    long = "Then " + " ".join(["word"] * 29) + "."
    doc = Document.parse(f"Short one here. {long} Another short one. And a fourth.")
    values = readability.extract(doc).values
    assert values["long_sentence_share"] == pytest.approx(1 / 4)


def test_long_sentence_word_share_counts_the_words_of_sentences_over_25_words() -> None:
    exactly_25 = "Then " + " ".join(["word"] * 23) + " end."
    over_25 = "Then " + " ".join(["word"] * 24) + " end."
    doc = Document.parse(f"{exactly_25} {over_25} Two words.")
    values = readability.extract(doc).values
    assert values["long_sentence_share"] == pytest.approx(1 / 3)
    assert values["long_sentence_word_share"] == pytest.approx(26 / (25 + 26 + 2))
