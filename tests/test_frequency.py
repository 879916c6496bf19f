from scorer import frequency


def test_zipf_values_come_from_the_bundled_list() -> None:
    assert frequency.zipf("the") > 7
    assert 3 <= frequency.zipf("ubiquitous") < 4.5  # type: ignore[operator]


def test_words_outside_the_list_sit_at_the_floor_and_are_uncommon() -> None:
    value = frequency.zipf("kleptocracy")
    assert value == frequency.FLOOR_ZIPF
    assert value is not None and value < frequency.UNCOMMON_ZIPF
    assert frequency.zipf("people") > frequency.UNCOMMON_ZIPF  # type: ignore[operator]


def test_possessives_compounds_and_numbers() -> None:
    assert frequency.zipf("ubiquitous's") == frequency.zipf("ubiquitous")
    assert frequency.zipf("dog-kleptocracy") == frequency.FLOOR_ZIPF
    assert frequency.zipf("1999") is None
    assert frequency.zipf("...") is None
