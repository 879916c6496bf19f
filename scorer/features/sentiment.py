"""Sentiment: VADER per sentence, aggregated over the article.

VADER's compound over a whole article saturates towards -1/+1 with length and costs time
quadratic in the text's length, so we score sentences (long ones in windows of
``WINDOW_WORDS`` words) and aggregate: mean polarity, mean intensity, the intensity of the
most charged sentences, the shares of strongly negative and strongly positive sentences, and
volatility (spread of sentence polarity). The mean alone dilutes a rant: a few furious
sentences among many plain ones read like a calm wire story, so ``charged_intensity`` looks
at the top fifth only.
"""

from __future__ import annotations

import math
import re
import statistics
import string
import sys
from functools import cache
from itertools import chain, compress, count, repeat
from operator import contains, ne
from typing import TYPE_CHECKING

from vaderSentiment import vaderSentiment as vs

from scorer.document import Document
from scorer.features.base import Family, FamilyResult, FeatureSpec, evidence, share

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

NAME = "sentiment"
# Hutto & Gilbert (2014) call |compound| >= 0.05 non-neutral; 0.5 marks a clearly charged
# sentence (VADER's own examples of strong sentiment score beyond it).
STRONG = 0.5
WINDOW_WORDS = 60
# The most charged fifth of sentences (at least CHARGED_MIN of them, or all an article has):
# on the visible data their mean intensity separates hyperpartisan articles (AUC 0.59 vs 0.55
# for the mean over all sentences) and follows PTC propaganda fractions (Spearman 0.22 vs 0.18).
# A fixed top 3 did better still (0.66, 0.23) but grows with length alone (sentence count has
# AUC 0.72 there), so a share, not a count.
CHARGED_SHARE = 0.2
CHARGED_MIN = 3

FEATURES = (
    FeatureSpec(
        "mean_polarity",
        -1,
        1,
        "mean VADER compound over sentences (signed)",
        label="Overall tone (negative to positive)",
    ),
    FeatureSpec(
        "mean_intensity",
        0,
        1,
        "mean absolute VADER compound over sentences",
        "higher",
        label="Emotional charge, all sentences",
    ),
    FeatureSpec(
        "charged_intensity",
        0,
        1,
        "mean absolute VADER compound of the most charged fifth of sentences",
        "higher",
        label="Emotional charge, most charged sentences",
    ),
    FeatureSpec(
        "strong_negative_share",
        0,
        1,
        "share of sentences with compound <= -0.5",
        "higher",
        label="Strongly negative sentences",
    ),
    FeatureSpec(
        "strong_positive_share",
        0,
        1,
        "share of sentences with compound >= 0.5",
        "higher",
        label="Strongly positive sentences",
    ),
    FeatureSpec(
        "volatility",
        0,
        1,
        "standard deviation of sentence compounds",
        "higher",
        label="Swings in tone",
    ),
)


@cache
def analyzer() -> SentimentIntensityAnalyzer:
    """The VADER analyzer, loaded once (it reads its lexicon from the installed package)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def _emojis() -> frozenset[str]:
    """VADER's emoji characters: a sentence with one takes VADER's own full path."""
    return frozenset(analyzer().emojis)


def compound(text: str) -> float:
    """VADER's compound for one sentence, exactly as ``polarity_scores`` gives it."""
    return compounds([text])[0]


def compounds(texts: list[str]) -> list[float]:
    """VADER's compound of each text, exactly as ``polarity_scores`` gives it.

    A text with emoji goes through ``polarity_scores`` itself, the others through
    ``_compounds_without_emoji``.
    """
    emojis = _emojis()
    plain = [emojis.isdisjoint(text) for text in texts]
    scores = iter(_compounds_without_emoji(list(compress(texts, plain))))
    return [
        next(scores) if no_emoji else float(analyzer().polarity_scores(text)["compound"])
        for text, no_emoji in zip(texts, plain, strict=True)
    ]


@cache
def _maybe_emoji() -> re.Pattern[str]:
    """Finds any of VADER's one-character emoji, and any character beyond the BMP.

    A character class of the BMP emoji alone compiles to a bitmap (fast); astral characters
    are all matched, so a text it finds nothing in surely has no emoji.
    """
    bmp = sorted(e for e in _emojis() if len(e) == 1 and e <= "\uffff")
    return re.compile(f"[{''.join(map(re.escape, bmp))}\U00010000-\U0010ffff]")


def _compounds_without_emoji(texts: list[str]) -> list[float]:
    """VADER's compound of each text (none with emoji), exactly as ``polarity_scores``.

    VADER (vaderSentiment 3.3.2) re-lower-cases the whole sentence for every rule it checks
    on every sentiment word, which makes it quadratic in sentence length. Here VADER's
    tokens (split on white space, outer punctuation stripped unless two characters or fewer
    remain, so ":)" stays whole) are made and lower-cased for all texts at once, and VADER's
    rules (``_valence`` and its helpers, ported line by line) read those lists. Shortcuts,
    all exact: a text with no word in VADER's lexicon scores 0 (valence only ever comes from
    lexicon words); a lexicon word with no rule's trigger near it keeps its lexicon valence
    (see ``_triggers``); "!" and "?" are counted only in texts that have them; and without
    emoji VADER's character-by-character emoji rewrite changes nothing.
    """
    lexicon = analyzer().lexicon
    raw_lists = list(map(str.split, texts))
    raw = list(chain.from_iterable(raw_lists))
    tokens = list(map(str.strip, raw, repeat(string.punctuation)))
    for k in compress(count(), map(ne, tokens, raw)):
        if len(tokens[k]) <= 2:
            tokens[k] = raw[k]
    lowered = list(map(str.lower, tokens))
    in_lexicon = list(map(lexicon.__contains__, lowered))
    # VADER's negations include any word with "n't": lower-cased from "'t" or "'T" only.
    triggers = _triggers()
    if any(map(contains, texts, repeat("'t"))) or any(map(contains, texts, repeat("'T"))):
        triggers = triggers.union(compress(lowered, map(contains, lowered, repeat("n't"))))
    out: list[float] = []
    end = 0
    for text, n in zip(texts, map(len, raw_lists), strict=True):
        start, end = end, end + n
        hits = in_lexicon[start:end]
        out.append(
            _compound(text, tokens[start:end], lowered[start:end], hits, triggers)
            if True in hits
            else 0.0
        )
    return out


@cache
def _triggers() -> frozenset[str]:
    """Words that, from three places before a lexicon word to the word itself, may change
    its valence under VADER's rules (those with "n't" are added per text).

    VADER's negations (with "never" and "without"), "no" (before a word, or as the word
    before a lexicon word), "least", "this" (as in "so"/"this"), the boosters, and one of
    the first two words of each multi-word idiom or booster phrase: the first, which may be
    the scored word itself, or, when it is no lexicon word (so the phrase starts before the
    scored word), the longer (rarer) of the two. With none of these near it, ``_valence``
    only adds 0.0 to the lexicon valence, which is never 0.0.
    """
    lexicon = analyzer().lexicon
    phrases = [p.split() for p in (*vs.SPECIAL_CASES, *vs.BOOSTER_DICT) if " " in p]
    marks = [p[0] if p[0] in lexicon else max(p[:2], key=len) for p in phrases]
    return frozenset([*vs.NEGATE, "no", "least", "this", *vs.BOOSTER_DICT, *marks])


def _compound(
    text: str, tokens: list[str], lowered: list[str], hits: list[bool], triggers: frozenset[str]
) -> float:
    """VADER's compound of ``text``, from its tokens, their lower-cased forms, and which of
    them are lexicon words."""
    lexicon = analyzer().lexicon
    boosters = vs.BOOSTER_DICT
    n = len(tokens)
    is_cap_diff: bool | None = None  # counted only when a rule needs it
    positions: list[int] = []
    valences: list[float] = []
    last = n - 1
    for i in compress(count(), hits):
        word = lowered[i]
        if word in boosters or (word == "kind" and i < last and lowered[i + 1] == "of"):
            continue
        # No trigger and no capitals: none of VADER's rules applies (see ``_triggers``).
        if not tokens[i].isupper() and triggers.isdisjoint(lowered[i - 3 if i > 3 else 0 : i + 1]):
            valence = lexicon[word]
        else:
            if is_cap_diff is None:
                is_cap_diff = 0 < n - sum(map(str.isupper, tokens)) < n
            valence = _valence(tokens, lowered, i, is_cap_diff, lexicon)
            if not valence:
                continue
        positions.append(i)
        valences.append(valence)
    if "but" in lowered:
        _but_check(valences, positions, lowered.index("but"))
    # VADER's score_valence, its compound only: the summed valence, stressed by "!" and
    # "?", normalized to (-1, 1), rounded to 4 decimals. Zero valences add nothing (a float
    # sum starts at 0.0 and never becomes -0.0, so adding a zero leaves it unchanged).
    total = float(sum(valences))
    if total and ("!" in text or "?" in text):
        emphasis = analyzer()._punctuation_emphasis(text)
        if total > 0:
            total += emphasis
        else:
            total -= emphasis
    normalized: float = vs.normalize(total)
    return round(normalized, 4)


def _but_check(valences: list[float], positions: list[int], but: int) -> None:
    """VADER's ``_but_check`` over the non-zero ``valences`` at ``positions``, in place.

    VADER walks all sentiments and finds each one's place with ``list.index``, so a value
    equal to an earlier one scales that one instead (kept here). Zeros only ever find and
    scale zeros, which add nothing, so leaving them out changes no sum.
    """
    for k in range(len(valences)):
        valence = valences[k]
        j = valences.index(valence)
        if positions[j] < but:
            valences[j] = valence * 0.5
        elif positions[j] > but:
            valences[j] = valence * 1.5


def _valence(
    tokens: list[str], lowered: list[str], i: int, is_cap_diff: bool, lexicon: dict[str, float]
) -> float:
    """VADER's ``sentiment_valence`` for the lexicon word at ``i``."""
    word = lowered[i]
    valence = lexicon[word]
    if word == "no" and i != len(tokens) - 1 and lowered[i + 1] in lexicon:
        valence = 0.0
    if (
        (i > 0 and lowered[i - 1] == "no")
        or (i > 1 and lowered[i - 2] == "no")
        or (i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in ("or", "nor"))
    ):
        valence = lexicon[word] * vs.N_SCALAR
    if tokens[i].isupper() and is_cap_diff:
        valence = valence + vs.C_INCR if valence > 0 else valence - vs.C_INCR
    for start_i in range(3):
        before = i - (start_i + 1)
        if i > start_i and lowered[before] not in lexicon:
            s = vs.scalar_inc_dec(tokens[before], valence, is_cap_diff)
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _negation_check(valence, lowered, start_i, i)
            if start_i == 2:
                valence = _special_idioms_check(valence, lowered, i)
    return _least_check(valence, lowered, i, lexicon)


@cache
def _negations() -> frozenset[str]:
    return frozenset(vs.NEGATE)


def _negated(word: str) -> bool:
    """VADER's ``negated([word])`` for one lower-cased word."""
    return word in _negations() or "n't" in word


def _negation_check(valence: float, w: list[str], start_i: int, i: int) -> float:
    """VADER's ``_negation_check`` over the lower-cased words ``w``."""
    if start_i == 0 and _negated(w[i - 1]):
        valence = valence * vs.N_SCALAR
    if start_i == 1:
        if w[i - 2] == "never" and (w[i - 1] == "so" or w[i - 1] == "this"):
            valence = valence * 1.25
        elif w[i - 2] == "without" and w[i - 1] == "doubt":
            pass
        elif _negated(w[i - 2]):
            valence = valence * vs.N_SCALAR
    if start_i == 2:
        if (w[i - 3] == "never" and (w[i - 2] == "so" or w[i - 2] == "this")) or (
            w[i - 1] == "so" or w[i - 1] == "this"
        ):
            valence = valence * 1.25
        elif w[i - 3] == "without" and (w[i - 2] == "doubt" or w[i - 1] == "doubt"):
            pass
        elif _negated(w[i - 3]):
            valence = valence * vs.N_SCALAR
    return valence


def _special_idioms_check(valence: float, w: list[str], i: int) -> float:
    """VADER's ``_special_idioms_check`` over the lower-cased words ``w`` (``i >= 3``)."""
    onezero = f"{w[i - 1]} {w[i]}"
    twoonezero = f"{w[i - 2]} {w[i - 1]} {w[i]}"
    twoone = f"{w[i - 2]} {w[i - 1]}"
    threetwoone = f"{w[i - 3]} {w[i - 2]} {w[i - 1]}"
    threetwo = f"{w[i - 3]} {w[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in vs.SPECIAL_CASES:
            valence = vs.SPECIAL_CASES[seq]
            break
    if len(w) - 1 > i:
        zeroone = f"{w[i]} {w[i + 1]}"
        if zeroone in vs.SPECIAL_CASES:
            valence = vs.SPECIAL_CASES[zeroone]
    if len(w) - 1 > i + 1:
        zeroonetwo = f"{w[i]} {w[i + 1]} {w[i + 2]}"
        if zeroonetwo in vs.SPECIAL_CASES:
            valence = vs.SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in vs.BOOSTER_DICT:
            valence = valence + vs.BOOSTER_DICT[n_gram]
    return valence


def _least_check(valence: float, w: list[str], i: int, lexicon: dict[str, float]) -> float:
    """VADER's ``_least_check`` over the lower-cased words ``w``."""
    if i > 1 and w[i - 1] not in lexicon and w[i - 1] == "least":
        if w[i - 2] != "at" and w[i - 2] != "very":
            valence = valence * vs.N_SCALAR
    elif i > 0 and w[i - 1] not in lexicon and w[i - 1] == "least":
        valence = valence * vs.N_SCALAR
    return valence


def sentence_compounds(doc: Document) -> list[tuple[int, float]]:
    """``(sentence index, compound)`` for every sentence or window with words."""
    text, words = doc.text, doc.words
    owners: list[int] = []
    pieces: list[str] = []
    for index, (first, last) in enumerate(doc.sentence_words):
        for a in range(first, last, WINDOW_WORDS):
            owners.append(index)
            pieces.append(text[words[a][0] : words[min(a + WINDOW_WORDS, last) - 1][1]])
    # Without an emoji anywhere in the article, no window needs the check.
    if text.isascii() or _maybe_emoji().search(text) is None:
        scores = _compounds_without_emoji(pieces)
    else:
        scores = compounds(pieces)
    return list(zip(owners, scores, strict=True))


def extract(doc: Document) -> FamilyResult:
    scored = sentence_compounds(doc)
    compounds = [c for _, c in scored]
    n = len(compounds)
    result = FamilyResult(
        values={
            "mean_polarity": statistics.fmean(compounds) if n else 0.0,
            "mean_intensity": statistics.fmean(list(map(abs, compounds))) if n else 0.0,
            "charged_intensity": charged_intensity(compounds),
            "strong_negative_share": share(sum(c <= -STRONG for c in compounds), n),
            "strong_positive_share": share(sum(c >= STRONG for c in compounds), n),
            "volatility": _pstdev(compounds) if n > 1 else 0.0,
        }
    )
    marked: set[int] = set()
    for index, compound in scored:
        if abs(compound) >= STRONG and index not in marked:
            marked.add(index)
            kind = "strong_negative" if compound < 0 else "strong_positive"
            result.evidence.append(evidence(doc, NAME, kind, doc.sentences[index]))
    return result


def charged_intensity(compounds: list[float]) -> float:
    """Mean absolute compound of the ``CHARGED_SHARE`` most charged sentences (0 for none)."""
    if not compounds:
        return 0.0
    strongest = sorted(map(abs, compounds), reverse=True)
    k = max(CHARGED_MIN, math.ceil(CHARGED_SHARE * len(strongest)))
    return statistics.fmean(strongest[:k])


def _pstdev(values: list[float]) -> float:
    """``statistics.pstdev(values)``, bit for bit, five times faster: the same exact variance
    (from integer sums over a common power-of-two denominator, where ``pstdev`` uses
    Fractions) and the same correctly rounded square root of it."""
    ratios = [v.as_integer_ratio() for v in values]
    denominator = max(q for _, q in ratios)  # every q is a power of two
    scaled = [p * (denominator // q) for p, q in ratios]
    n, total = len(scaled), sum(scaled)
    spread = n * sum(x * x for x in scaled) - total * total
    return _sqrt_of_fraction(spread, n * n * denominator * denominator)


# Bits kept before the final rounding: enough that rounding to odd, then to nearest, rounds
# once (as in CPython's statistics module).
_SQRT_BITS = 2 * sys.float_info.mant_dig + 3


def _sqrt_of_fraction(n: int, m: int) -> float:
    """The square root of ``n / m``, correctly rounded to a float (``n >= 0 < m``).

    The method of CPython's ``statistics._float_sqrt_of_frac``: an integer square root
    rounded to odd (Boldo & Melquiond), scaled to ``_SQRT_BITS`` bits, then one division.
    """
    q = (n.bit_length() - m.bit_length() - _SQRT_BITS) // 2
    if q >= 0:
        return float(_isqrt_to_odd(n, m << 2 * q) << q)
    return _isqrt_to_odd(n << -2 * q, m) / (1 << -q)


def _isqrt_to_odd(n: int, m: int) -> int:
    root = math.isqrt(n // m)
    return root | (root * root * m != n)


FAMILY = Family(
    NAME, "Emotional charge of the prose, sentence by sentence (VADER).", FEATURES, extract
)
