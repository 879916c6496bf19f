"""Sentiment: VADER per sentence, aggregated over the article.

VADER's compound over a whole article saturates towards -1/+1 with length and costs time
quadratic in the text's length, so we score sentences (long ones in windows of
``WINDOW_WORDS`` words) and aggregate: mean polarity, mean intensity, the shares of strongly
negative and strongly positive sentences, and volatility (spread of sentence polarity).
"""

from __future__ import annotations

import statistics
import string
from functools import cache
from typing import TYPE_CHECKING

from scorer.document import Document
from scorer.features.base import Family, FamilyResult, FeatureSpec, evidence, share

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

NAME = "sentiment"
# Hutto & Gilbert (2014) call |compound| >= 0.05 non-neutral; 0.5 marks a clearly charged
# sentence (VADER's own examples of strong sentiment score beyond it).
STRONG = 0.5
WINDOW_WORDS = 60

FEATURES = (
    FeatureSpec("mean_polarity", -1, 1, "mean VADER compound over sentences (signed)"),
    FeatureSpec("mean_intensity", 0, 1, "mean absolute VADER compound over sentences", "higher"),
    FeatureSpec(
        "strong_negative_share", 0, 1, "share of sentences with compound <= -0.5", "higher"
    ),
    FeatureSpec("strong_positive_share", 0, 1, "share of sentences with compound >= 0.5", "higher"),
    FeatureSpec("volatility", 0, 1, "standard deviation of sentence compounds", "higher"),
)


@cache
def analyzer() -> SentimentIntensityAnalyzer:
    """The VADER analyzer, loaded once (it reads its lexicon from the installed package)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def _valence_keys() -> tuple[frozenset[str], frozenset[str]]:
    """VADER's lexicon entries and emoji characters: nothing else carries valence."""
    vader = analyzer()
    return frozenset(vader.lexicon), frozenset(vader.emojis)


def compound(text: str) -> float:
    """VADER's compound for one sentence, exactly as ``polarity_scores`` gives it.

    Two shortcuts, both exact: a sentence with no token in VADER's lexicon and no emoji
    scores 0 without calling VADER (valence only ever comes from lexicon entries), and a
    sentence without emoji skips VADER's character-by-character emoji rewrite, which is
    40% of its time. The rest is VADER's own ``polarity_scores`` body (vaderSentiment
    3.3.2), step for step.
    """
    lexicon, emojis = _valence_keys()
    vader = analyzer()
    if not emojis.isdisjoint(text):
        return float(vader.polarity_scores(text)["compound"])
    for token in text.split():
        lowered = token.lower()
        if lowered in lexicon or lowered.strip(string.punctuation) in lexicon:
            break
    else:
        return 0.0
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

    text = text.strip()
    sentitext = SentiText(text)
    sentiments: list[float] = []
    tokens = sentitext.words_and_emoticons
    for i, item in enumerate(tokens):
        lowered = item.lower()
        if lowered in BOOSTER_DICT or (
            lowered == "kind" and i < len(tokens) - 1 and tokens[i + 1].lower() == "of"
        ):
            sentiments.append(0)
            continue
        sentiments = vader.sentiment_valence(0, sentitext, item, i, sentiments)
    sentiments = vader._but_check(tokens, sentiments)
    return float(vader.score_valence(sentiments, text)["compound"])


def sentence_compounds(doc: Document) -> list[tuple[int, float]]:
    """``(sentence index, compound)`` for every sentence or window with words."""
    out: list[tuple[int, float]] = []
    for index, (first, last) in enumerate(doc.sentence_words):
        for a in range(first, last, WINDOW_WORDS):
            b = min(a + WINDOW_WORDS, last)
            out.append((index, compound(doc.text[doc.words[a][0] : doc.words[b - 1][1]])))
    return out


def extract(doc: Document) -> FamilyResult:
    scored = sentence_compounds(doc)
    compounds = [c for _, c in scored]
    n = len(compounds)
    result = FamilyResult(
        values={
            "mean_polarity": statistics.fmean(compounds) if n else 0.0,
            "mean_intensity": statistics.fmean(abs(c) for c in compounds) if n else 0.0,
            "strong_negative_share": share(sum(c <= -STRONG for c in compounds), n),
            "strong_positive_share": share(sum(c >= STRONG for c in compounds), n),
            "volatility": statistics.pstdev(compounds) if n > 1 else 0.0,
        }
    )
    marked: set[int] = set()
    for index, compound in scored:
        if abs(compound) >= STRONG and index not in marked:
            marked.add(index)
            kind = "strong_negative" if compound < 0 else "strong_positive"
            result.evidence.append(evidence(doc, NAME, kind, doc.sentences[index]))
    return result


FAMILY = Family(
    NAME, "Emotional charge of the prose, sentence by sentence (VADER).", FEATURES, extract
)
