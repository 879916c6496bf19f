"""scorer.phrases: phrases learned from technique spans, and found as evidence."""

from scorer.document import Document
from scorer.features.base import Evidence
from scorer.lexicons import load_lexicon
from scorer.phrases import (
    KINDS,
    PhraseCounts,
    learn_phrases,
    lexicon_name,
    matchers_of,
    phrase_evidence,
    unmarked_cues,
    word_techniques,
)
from scorer.techniques import cue_key

LL = "Loaded_Language"
NC = "Name_Calling,Labeling"
EM = "Exaggeration,Minimisation"


def _marked(text: str, word: str, technique: str = LL) -> tuple[Document, list]:
    doc = Document.parse(text)
    start = text.index(word)
    return doc, [(technique, start, start + len(word))]


def test_word_techniques_marks_only_words_wholly_inside_a_span() -> None:
    doc = Document.parse("A vicious smear campaign.")
    marks = word_techniques(doc, [(LL, 2, 15), ("Doubt", 0, 4)])
    assert marks == [{"Doubt"}, {LL}, {LL}, set()]


def test_a_phrase_needs_enough_articles_and_a_majority_inside() -> None:
    articles = [_marked(f"Story {i} told of a vicious attack.", "vicious") for i in range(3)]
    learned = learn_phrases(articles)
    assert learned[LL]["vicious"].articles == 3 and learned[NC] == {}
    # two articles are too few
    assert "vicious" not in learn_phrases(articles[:2])[LL]
    # three more articles using the word unmarked: half inside is no majority
    unmarked = [(Document.parse(f"Note {i}: a vicious dog barked."), []) for i in range(3)]
    assert "vicious" not in learn_phrases([*articles, *unmarked])[LL]


def test_a_sentence_repeated_across_articles_counts_once() -> None:
    articles = [_marked("They are doing his dirty work.", "doing his dirty work")] * 3
    assert learn_phrases(articles)[LL] == {}


def test_evidence_carries_the_technique_and_the_article_text() -> None:
    doc = Document.parse("The leftist mob was vicious. A vicious\nmob. So vicious.")
    found = phrase_evidence(doc, matchers_of({LL: ("vicious", "vicious mob"), NC: ("leftist",)}))
    got = sorted((e.text, e.kind, e.technique) for e in found)
    # "vicious\nmob" crosses a line end, where a sentence ends: not a match
    assert got == [
        ("leftist", "label_phrase", NC),
        ("vicious", "loaded_phrase", LL),
        ("vicious", "loaded_phrase", LL),
    ]
    assert "vicious\nmob" not in {e.text for e in found}
    assert all(doc.text[e.start : e.end] == e.text for e in found)


def test_the_shipped_lists_are_learned_and_matched_by_default() -> None:
    for kind, _ in KINDS:
        assert load_lexicon(lexicon_name(kind))
    doc = Document.parse("Critics called it a devastating, ridiculous charade.")
    assert {e.technique for e in phrase_evidence(doc)} == {LL}


def _intensified(number: int, marked: bool) -> tuple[list[Evidence], list]:
    """One article's rule evidence, the intensifier "very" at 10-14, and its marked spans."""
    found = [Evidence("sensationalism", "intensifier", 10, 14, "Very", EM)]
    return found, [(EM, 8, 20)] if marked else [(LL, 8, 20)] if number % 2 else []


def test_a_cue_is_unmarked_when_its_technique_rarely_spans_it_in_enough_articles() -> None:
    # 20 articles, none marks "very" as Exaggeration (some mark it as another technique)
    articles = [_intensified(i, marked=False) for i in range(20)]
    assert unmarked_cues(articles) == {
        cue_key("sensationalism", "intensifier", "very"): PhraseCounts(0, 20, 20)
    }
    assert unmarked_cues(articles[:2]) == {}  # two articles are too few to judge
    # two marked occurrences in 20 are one in ten: not below the bar
    assert unmarked_cues([*articles[:18], *(_intensified(i, True) for i in range(2))]) == {}
    assert unmarked_cues([*articles[:19], _intensified(0, True)])
    # evidence of a kind that names no technique is never a cue
    quote = Evidence("sourcing", "quotation", 0, 5, "Quote")
    assert unmarked_cues([([quote], [])] * 5) == {}
