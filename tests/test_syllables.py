import random

from pyphen import Pyphen

from scorer.syllables import count_syllables, hyphenation_points


def test_counts_follow_the_cmu_dictionary_then_pyphen() -> None:
    assert count_syllables("information") == 4  # CMU: IH2 N F ER0 M EY1 SH AH0 N
    assert count_syllables("the") == 1
    assert count_syllables("2023") == 1  # no letter: one unit, as textstat counts it
    assert count_syllables("") == 0
    # Not in the CMU dictionary: Pyphen's hyphenation points plus one.
    made_up = "zorblaxification"
    assert count_syllables(made_up) == len(Pyphen(lang="en_US").positions(made_up)) + 1 > 1


def test_hyphenation_points_are_pyphens() -> None:
    pyphen = Pyphen(lang="en_US")
    rng = random.Random(5)
    letters = "abcdefghijklmnopqrstuvwxyz" * 3 + "'-.0éİ"
    words = ["", "a", "ab", "hyphenation", "zorblaxification", "obama's", "well-known"]
    words += ["".join(rng.choices(letters, k=rng.randint(1, 24))) for _ in range(3000)]
    assert [hyphenation_points(w) for w in words] == [len(pyphen.positions(w)) for w in words]
    assert sum(map(hyphenation_points, words)) > 3000  # most random words have points
