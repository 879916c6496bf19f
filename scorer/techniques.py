"""Which evidence is an instance of a propaganda technique, named as the PTC names it.

The Propaganda Techniques Corpus (Da San Martino et al. 2019) marks spans with 14 technique
names; evidence whose kind is, by its meaning, an instance of one carries that name as
``technique``, so that output can be compared with PTC-style annotation span by span.
Assigned by meaning, not fitted (except the learned phrases of ``scorer.phrases``, named by
the technique whose spans they were learned from): the overlap each kind has with the PTC
spans of its technique (``python -m scorer.evaluation.spans``) is a check of the mapping,
not its source. Evidence of tone (strong sentiment sentences), hygiene, sourcing and hedging
has no technique.

One thing is learned: a rule cue that the PTC's annotators, by the data, almost never mark
as its technique (``very`` as an intensifier) stays evidence of its family but carries no
technique. Those cues are the list ``scorer/lexicons/unmarked_cues.txt``, learned by the
rule of ``scorer.phrases.unmarked_cues``.
"""

from __future__ import annotations

from functools import cache

from scorer.lexicons import load_lexicon

TECHNIQUES = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

# (family, evidence kind) -> PTC technique.
TECHNIQUE_OF_KIND: dict[tuple[str, str], str] = {
    # Emotionally loaded words are the PTC's Loaded_Language by its own definition; fear
    # words ("carnage", "catastrophe") are loaded words, and the PTC marks single fear
    # words as Loaded_Language, keeping Appeal_to_fear for clauses that stoke fear.
    ("sensationalism", "loaded_word"): "Loaded_Language",
    ("sensationalism", "fear_word"): "Loaded_Language",
    # Words shouted in capitals are a loaded delivery; the PTC marks them Loaded_Language
    # (26% of their characters lie in its spans, the next technique 6%).
    ("sensationalism", "all_caps"): "Loaded_Language",
    # A rhetorical question casts doubt without claiming; 14% of their characters lie in
    # the PTC's Doubt spans, under 2% in any other technique's.
    ("sensationalism", "rhetorical_question"): "Doubt",
    # Superlatives and intensifiers overstate: the PTC's Exaggeration,Minimisation.
    ("sensationalism", "superlative"): "Exaggeration,Minimisation",
    ("sensationalism", "intensifier"): "Exaggeration,Minimisation",
    ("repetition", "repeated_phrase"): "Repetition",
    ("persuasion", "name_calling"): "Name_Calling,Labeling",
    ("persuasion", "flag_waving"): "Flag-Waving",
    ("persuasion", "appeal_to_fear"): "Appeal_to_fear-prejudice",
    ("persuasion", "doubt"): "Doubt",
    ("persuasion", "slogan"): "Slogans",
    ("persuasion", "black_and_white"): "Black-and-White_Fallacy",
    ("persuasion", "thought_terminating_cliche"): "Thought-terminating_Cliches",
    ("persuasion", "causal_oversimplification"): "Causal_Oversimplification",
    ("persuasion", "appeal_to_authority"): "Appeal_to_Authority",
    ("persuasion", "whataboutism"): "Whataboutism,Straw_Men,Red_Herring",
    ("persuasion", "reductio_ad_hitlerum"): "Bandwagon,Reductio_ad_hitlerum",
    # The learned sentence spans (below).
    ("text", "propaganda_sentence"): "Loaded_Language",
    # Phrases learned from the PTC's own spans of these two techniques (scorer.phrases):
    # named by the technique they were learned from.
    ("text", "loaded_phrase"): "Loaded_Language",
    ("text", "label_phrase"): "Name_Calling,Labeling",
}


UNMARKED_LEXICON = "unmarked_cues"


def cue_key(family: str, kind: str, text: str) -> str:
    """How a rule cue is written in the unmarked list: ``family.kind words``, lower-cased."""
    return f"{family}.{kind} {' '.join(text.lower().split())}"


@cache
def shipped_unmarked_cues() -> frozenset[str]:
    """The shipped list of unmarked cues (learned by ``scorer.phrases.unmarked_cues``)."""
    return frozenset(load_lexicon(UNMARKED_LEXICON))


def technique_of(family: str, kind: str, text: str | None = None) -> str | None:
    """The PTC technique that evidence of this family and kind is an instance of, if any;
    given the evidence's ``text``, None for a cue on the unmarked list."""
    technique = TECHNIQUE_OF_KIND.get((family, kind))
    unmarked = (
        technique is not None
        and text is not None
        and cue_key(family, kind, text) in shipped_unmarked_cues()
    )
    return None if unmarked else technique


# Learned sentence spans: sentences the propaganda-sentence text model (trained on PTC
# sentences overlapping any marked span) gives a probability of at least 0.5, its own
# decision boundary, become evidence. Measured by 5-fold CV over PTC articles (each fold's
# text model fitted without its test articles), rule evidence alone scored SI span F1 0.217
# (technique must match 0.118); with these sentences 0.354 (0.159); at 0.4 0.352, at 0.6
# 0.333. A flagged sentence is named Loaded_Language, the technique flagged sentences hold
# most (25% of them overlap a Loaded_Language span, the next Name_Calling 14%; 42% none):
# choosing among eight per-technique sentence models instead raised the matched F1 only to
# 0.163, not worth eight more models.
SENTENCE_FAMILY = "text"
SENTENCE_KIND = "propaganda_sentence"
SENTENCE_MODEL = "text.propaganda_sentences"
SENTENCE_THRESHOLD = 0.5
SENTENCE_TECHNIQUE = TECHNIQUE_OF_KIND[(SENTENCE_FAMILY, SENTENCE_KIND)]
SENTENCE_DESCRIPTION = (
    "Sentences the learned propaganda-sentence model flags (probability 0.5 or more), and "
    "phrases learned from the PTC's loaded-language and name-calling spans."
)
