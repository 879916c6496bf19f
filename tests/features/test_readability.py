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
    syllables, letters, difficult, polysyllables, long_words = columns
    assert counts == readability.Counts(
        doc.n_words, 3, syllables, letters, polysyllables, difficult, long_words
    )
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
