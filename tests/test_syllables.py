from scorer.syllables import PYPHEN_CACHE_SIZE, _hyphenator, count_syllables


def test_counts_follow_the_cmu_dictionary_then_pyphen() -> None:
    assert count_syllables("information") == 4  # CMU: IH2 N F ER0 M EY1 SH AH0 N
    assert count_syllables("the") == 1
    assert count_syllables("2023") == 1  # no letter: one unit, as textstat counts it
    assert count_syllables("") == 0
    # Not in the CMU dictionary: Pyphen's hyphenation points plus one.
    made_up = "zorblaxification"
    assert count_syllables(made_up) == len(_hyphenator().positions(made_up)) + 1 > 1


def test_unknown_words_do_not_grow_pyphen_without_bound() -> None:
    for i in range(3 * PYPHEN_CACHE_SIZE):
        count_syllables(f"quazzle{i:05d}tronic")
    assert len(_hyphenator().hd.cache) <= PYPHEN_CACHE_SIZE + 1
