"""Hedging: how uncertain, how certain, and how well sourced the article's claims are.

Four kinds of cue, each counted as evidence:

- hedges and conditionals: the uncertainty cues of the CoNLL-2010 / Szeged Uncertainty
  Corpus tradition (epistemic "may", "reportedly"; doxastic "is believed to"; conditions
  "if", "unless"; open questions "whether"). Ambiguous words are checked in context: the
  month "May", the noun "might", "could" of past ability, "as soon as possible";
- boosters (Hyland 2005): "clearly", "undoubtedly", "of course", unless negated;
- unattributed claims (Wikipedia's weasel words): "experts say", "it is believed",
  "according to sources", "people familiar with";
- attributed claims: "according to <name or body>", "<name or pronoun> said", "said <name>".

Lexicons are matched over ``doc.lower_words``; context rules read the words as written
(``doc.word_texts``) because capitalisation separates "May 20" and "Theresa May" from the
modal, and a named source from a vague one. :func:`uncertainty_cues` is the cue detector
that ``scorer.evaluation.hedging`` measures against gold uncertainty cues.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from itertools import compress
from operator import itemgetter

from scorer.document import Document, Span
from scorer.features.base import (
    Evidence,
    Family,
    FamilyResult,
    FeatureSpec,
    evidence,
    per_100_words,
    share,
    word_span,
)
from scorer.lexicons import kind_matcher, matcher, word_positions, word_set

NAME = "hedging"
HEDGE, CONDITIONAL, BOOSTER = "hedge", "conditional", "booster"
UNATTRIBUTED, ATTRIBUTED = "unattributed_claim", "attribution"
UNCERTAINTY_KINDS = frozenset((HEDGE, CONDITIONAL))
_CERTAINTY_LEXICONS = (
    ("hedges", HEDGE),
    ("hedging_conditionals", CONDITIONAL),
    ("boosters", BOOSTER),
)

FEATURES = (
    FeatureSpec(
        "hedge_density",
        0,
        100,
        "hedges (may, reportedly, is believed to) per 100 words",
        label="Hedges",
    ),
    FeatureSpec(
        "conditional_density",
        0,
        100,
        "conditions and open questions (if, unless, whether) per 100 words",
        label="Conditions and open questions",
    ),
    FeatureSpec(
        "booster_density",
        0,
        100,
        "boosters (clearly, undoubtedly, of course) per 100 words",
        "higher",
        label="Certainty boosters",
    ),
    FeatureSpec(
        "unattributed_density",
        0,
        100,
        "unattributed claims (experts say, it is believed, sources said) per 100 words",
        "higher",
        label="Unattributed claims",
    ),
    FeatureSpec(
        "attributed_density",
        0,
        100,
        "attributed claims (according to X, X said) per 100 words",
        "lower",
        label="Attributed claims",
    ),
    FeatureSpec(
        "hedged_sentence_share",
        0,
        1,
        "share of sentences with at least one hedge or conditional",
        label="Hedged sentences",
    ),
    FeatureSpec(
        "unattributed_share",
        0,
        1,
        "unattributed claims / (attributed + unattributed)",
        "higher",
        label="Claims left unattributed",
    ),
    FeatureSpec(
        "booster_share",
        0,
        1,
        "boosters / (boosters + hedges): certainty over doubt",
        "higher",
        label="Certainty over doubt",
    ),
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Closed-class words the context rules look at (grammar, not vocabulary: kept in code).
_BE = _words("is are was were be been being am 's")
_PRONOUNS = _words("i we you he she it they who")
_DETERMINERS = _words(
    "the a an this that these those his her its their our my your some any no every each"
)
_PREPOSITIONS = _words("of in with without for after on at by from")
_NEGATIONS = _words("not no never hardly nor without")
_MONTH_PREPOSITIONS = _words(
    "in on of since until till from by early late mid last next this through during before after"
)
_CALENDAR = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today yesterday"""
)
# Words that may sit between a subject and its reporting verb ("critics have long argued").
_SUBJECT_GAP = _words(
    """have has had also often still long now once always repeatedly previously reportedly
    widely generally privately publicly openly later then already would may might could will"""
)
# Verbs of speaking that a named source can follow ("...," said Smith).
_INVERTING = _words("said says added adds wrote writes told explained noted recalled warned")
# Reporting verbs with a common other sense ("added salt", "recalled the cars", "reported
# profits"): they report speech only before "that", punctuation or the end of the sentence.
_NEEDS_CLAUSE = _words(
    """add adds added maintain maintains maintained charge charges charged recall recalls
    recalled report reports reported note notes noted"""
)
# Small words inside a name: "Ministry of Defence", "Bank of England".
_NAME_JOINERS = _words("of for de del la on")
# Reporting verbs that are also nouns ("some estimates", "new charges"): after a quantifier,
# or a determiner and noun, they are the noun, so only a name, pronoun or group noun counts
# as their subject.
_ALSO_NOUNS = _words(
    """claim claims report reports charge charges note notes estimate estimates fear fears
    tweet tweets thought"""
)
_QUANTIFIERS = _words("some many most several few")
_CONJUNCTIONS = _words("and or but nor that which then so as than")
_AUXILIARIES = _words("has have had will would could may might can must should")
# Adverbs that credit a belief to everyone and no one: "widely believed", "generally thought".
_HEARSAY_ADVERBS = _words("widely generally commonly popularly universally")
# Participles whose raising passive ("is said to own") is hearsay before any infinitive; the
# rest of hedging_passive_reporting.txt count before "to be" / "to have" only ("was reported
# to police" is no claim).
_RAISING = _words("said believed thought rumored rumoured reputed alleged")
_QUOTE_OR_COMMA = frozenset(",\"'\u201c\u201d\u2018\u2019")

Cue = tuple[str, int, int]
"""``(kind, first word, end word)``: words ``first`` .. ``end - 1`` are the cue."""


class _Context:
    """A Document's words with the sentence context the rules need, case checks cached."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lower = doc.lower_words
        self.forms = doc.word_texts
        self.owner = doc.sentence_of_word()
        self._informative: dict[int, bool] = {}

    def bounds(self, i: int) -> Span:
        return self.doc.sentence_words[self.owner[i]]

    def prev(self, i: int, back: int = 1) -> str:
        """The lower-cased word ``back`` places before ``i`` in its sentence, or ''."""
        j = i - back
        return self.lower[j] if j >= self.bounds(i)[0] else ""

    def next(self, i: int, ahead: int = 1) -> str:
        j = i + ahead
        return self.lower[j] if j < self.bounds(i)[1] else ""

    def case_informative(self, i: int) -> bool:
        """Whether capitals in ``i``'s sentence mark names (not a Title Case or CAPS line)."""
        sentence = self.owner[i]
        known = self._informative.get(sentence)
        if known is None:
            first, last = self.doc.sentence_words[sentence]
            # The words' initials, kept when a letter, then counted: C-level passes.
            initials = list(map(itemgetter(0), self.forms[first:last]))
            alpha = list(compress(initials, map(str.isalpha, initials)))
            capitals = len(list(filter(str.isupper, alpha)))
            known = len(alpha) >= 3 and capitals <= 0.6 * len(alpha)
            self._informative[sentence] = known
        return known

    def is_name(self, i: int) -> bool:
        """Word ``i`` is capitalised mid-sentence in a sentence where capitals mean names."""
        form = self.forms[i]
        return (
            form[0].isupper()
            and i > self.bounds(i)[0]
            and self.case_informative(i)
            and self.lower[i] not in _CALENDAR
        )

    def follows_name(self, i: int) -> bool:
        """Word ``i`` comes right after a name in the same sentence ("Pentagon officials")."""
        return i > self.bounds(i)[0] and self.is_name(i - 1)

    def gap_before(self, i: int) -> str:
        """The characters between word ``i - 1`` and word ``i``."""
        return self.doc.text[self.doc.words[i - 1][1] : self.doc.words[i][0]] if i else ""


def _digit(word: str) -> bool:
    return bool(word) and word[0].isdigit()


def _modal_may(ctx: _Context, i: int) -> bool:
    """Not the month ("May 20", "in May") nor the name ("Theresa May"); a modal needs a verb."""
    after = ctx.next(i)
    if not after or _digit(after) or _digit(ctx.prev(i)):
        return False
    if ctx.forms[i].islower():
        return True
    if not ctx.case_informative(i):
        return ctx.prev(i) not in _MONTH_PREPOSITIONS
    if i > ctx.bounds(i)[0]:
        return False  # capitalised mid-sentence: a name or the month
    # Sentence-initial: "May I ask", "May God", "May be" are modal; "May 2010", "May Day" not.
    return after in _PRONOUNS or after == "god" or ctx.forms[i + 1].islower()


def _modal_might(ctx: _Context, i: int) -> bool:
    """Not the noun ("military might", "with all his might")."""
    before = ctx.prev(i)
    return before not in _DETERMINERS and before not in ("all", "full", "with", "of", "military")


def _epistemic_could(ctx: _Context, i: int) -> bool:
    """ "the deal could collapse": possibility; "could not", "so he could": ability, purpose."""
    after = ctx.next(i)
    if after in _NEGATIONS or after in ("n't", "only", "barely", "ever"):
        return False
    return "so" not in (ctx.prev(i), ctx.prev(i, 2))


def _conditional_if(ctx: _Context, i: int) -> bool:
    """Not "as if", "if any", "if and only if", "if anything"."""
    return ctx.prev(i) != "as" and ctx.next(i) not in ("any", "anything", "and", "only")


def _conditional_would(ctx: _Context, i: int) -> bool:
    """Counterfactual "would have won", not future-in-the-past "would later become"."""
    participle = ctx.next(i, 2)
    return ctx.next(i) == "have" and (
        participle == "been" or participle.endswith(("ed", "en", "wn", "ne"))
    )


def _epistemic_possible(ctx: _Context, i: int) -> bool:
    """ "it is possible that", "a possible cause"; not "as soon as possible", "possible to do"."""
    return ctx.next(i) == "that" or ctx.prev(i) in ("a", "an", "one", "another")


def _doxastic_considered(ctx: _Context, i: int) -> bool:
    """ "is considered the best", not "the board has considered whether to bid"."""
    return ctx.prev(i) not in ("has", "have", "had", "having") and ctx.next(i) not in (
        "whether",
        "how",
        "what",
        "but",
    )


def _doxastic_consider(ctx: _Context, i: int) -> bool:
    """ "critics consider it a failure", not "consider the following" or "will consider"."""
    before = ctx.prev(i)
    return bool(before) and before not in ("to", "will", "would", "should", "must", "can", "now")


def _doxastic_think(ctx: _Context, i: int) -> bool:
    """ "I think that", not "think of", "think about"."""
    return ctx.next(i) not in ("of", "about", "twice", "again")


def _doxastic_thought(ctx: _Context, i: int) -> bool:
    """Belief ("is thought to", "he thought it"), not the noun ("schools of thought") nor
    deliberation ("thought about it")."""
    before, after = ctx.prev(i), ctx.next(i)
    if before in _DETERMINERS or before in _PREPOSITIONS or before in ("much", "second"):
        return False
    if after in ("about", "of"):
        return False
    return before in _BE or before in _PRONOUNS or after in ("to", "that", "it")


def _doxastic_supposed(ctx: _Context, i: int) -> bool:
    """ "the supposed scandal", not the obligation "was supposed to arrive"."""
    return ctx.next(i) != "to"


def _expected(ctx: _Context, i: int) -> bool:
    """Not "than expected", "as expected": a comparison with a past forecast."""
    return ctx.prev(i) not in ("than", "as")


_RULES: dict[str, Callable[[_Context, int], bool]] = {
    "may": _modal_may,
    "might": _modal_might,
    "could": _epistemic_could,
    "if": _conditional_if,
    "would": _conditional_would,
    "possible": _epistemic_possible,
    "considered": _doxastic_considered,
    "consider": _doxastic_consider,
    "think": _doxastic_think,
    "thought": _doxastic_thought,
    "expected": _expected,
    "supposed": _doxastic_supposed,
}


def _certainty(ctx: _Context, starts: list[int]) -> Iterator[Cue]:
    """Hedges, conditionals and boosters that pass their context rules (``starts``: where
    their phrases may start)."""
    certainty, kinds = kind_matcher(_CERTAINTY_LEXICONS)
    for match in certainty.finditer(ctx.lower, starts):
        first, last = match.first, match.last
        if ctx.owner[first] != ctx.owner[last - 1]:
            continue  # a phrase across a sentence break is no phrase
        rule = _RULES.get(match.phrase)
        if rule is not None and not rule(ctx, first):
            continue
        kind = kinds[match.phrase]
        if kind == BOOSTER and _negated(ctx, first):
            continue
        yield kind, first, last


def _negated(ctx: _Context, i: int) -> bool:
    before = ctx.prev(i)
    return before in _NEGATIONS or before.endswith("n't")


def _subject_index(ctx: _Context, verb: int) -> int | None:
    """Index of the word a reporting verb's subject ends on, skipping "have", "also" etc."""
    first = ctx.bounds(verb)[0]
    j = verb - 1
    while j >= first and ctx.lower[j] in _SUBJECT_GAP and verb - j <= 2:
        j -= 1
    return j if j >= first else None


@cache
def _claim_words() -> frozenset[str]:
    """The words a claim cue starts on: "according", passive reporting and reporting verbs."""
    return (
        word_set("hedging_reporting_verbs")
        | word_set("hedging_passive_reporting")
        | frozenset({"according"})
    )


def _sources(ctx: _Context, starts: list[int]) -> Iterator[Cue]:
    """Attributed and unattributed claims from reporting verbs and "according to", at the
    positions ``starts`` of the words that start a claim (:func:`_claim_words`)."""
    vague = word_set("hedging_vague_sources")
    verbs = word_set("hedging_reporting_verbs")
    hearsay = word_set("hedging_passive_reporting")
    lower = ctx.lower
    for i in starts:
        word = lower[i]
        found: Cue | None = None
        if word == "according" and ctx.next(i) == "to" and ctx.next(i, 2):
            kind, end = _source(ctx, i + 2, vague)
            found = kind, i, end
        elif word in hearsay:
            found = _agentless(ctx, i, vague)
        if (
            found is None
            and word in verbs
            and (ctx.forms[i].islower() or not ctx.case_informative(i))
        ):
            found = _attribution(ctx, i, vague)
        if found is not None:
            yield found


def _source(ctx: _Context, i: int, vague: frozenset[str]) -> tuple[str, int]:
    """Whether the source named at word ``i`` ("according to X", "by X") is vague, and
    where its name ends."""
    end = ctx.bounds(i)[1]
    if ctx.lower[i] in _DETERMINERS and i + 1 < end:
        i += 1
    if ctx.lower[i] in vague:
        return UNATTRIBUTED, i + 1
    return ATTRIBUTED, _name_end(ctx, i)


def _name_end(ctx: _Context, i: int) -> int:
    """The end of the name that starts at word ``i``: "Human Rights Watch", "Bank of England"."""
    if not ctx.is_name(i):
        return i + 1
    end, last = ctx.bounds(i)[1], i + 1
    while last < end and _joined(ctx, last):
        if ctx.is_name(last):
            last += 1
        elif ctx.lower[last] in _NAME_JOINERS and last + 1 < end and ctx.is_name(last + 1):
            last += 2
        else:
            break
    return last


def _ends_clause(ctx: _Context, verb: int) -> bool:
    """The verb is followed by "that", by punctuation, or by nothing: it reports speech."""
    after = verb + 1
    return (
        after >= ctx.bounds(verb)[1]
        or ctx.lower[after] == "that"
        or bool(_QUOTE_OR_COMMA & set(ctx.gap_before(after)))
        or ":" in ctx.gap_before(after)
    )


def _joined(ctx: _Context, i: int) -> bool:
    """Words ``i - 1`` and ``i`` are separated only by space (or an initial's period)."""
    return ctx.gap_before(i).strip() in ("", ".")


def _agentless(ctx: _Context, i: int, vague: frozenset[str]) -> Cue | None:
    """An agentless passive of saying or believing: "it is said", "is believed to have",
    "widely regarded"; with an agent ("was reported by Reuters") the source decides."""
    lower, first = ctx.lower, ctx.bounds(i)[0]
    after = ctx.next(i)
    j = i - 1
    if j >= first and lower[j] in _HEARSAY_ADVERBS:
        start = j
    else:
        while j >= first and i - j <= 2 and (lower[j].endswith("ly") or lower[j] in _SUBJECT_GAP):
            j -= 1
        if j < first or not (lower[j] in _BE or lower[j] == "it's"):
            return None
        k = j - 1
        while k >= first and j - k <= 2 and lower[k] in _AUXILIARIES:
            k -= 1
        if lower[j] == "it's":
            start = j
        elif k >= first and lower[k] in ("it", "it's"):
            start = k
        elif after == "to" and (lower[i] in _RAISING or ctx.next(i, 2) in ("be", "have")):
            start = j
        else:
            return None
    if after == "by" and ctx.next(i, 2):
        kind, end = _source(ctx, i + 2, vague)
        return kind, start, end
    return UNATTRIBUTED, start, i + 1


def _attribution(ctx: _Context, verb: int, vague: frozenset[str]) -> Cue | None:
    """Classify the claim a reporting verb introduces by its subject, or None if unclear."""
    lower = ctx.lower
    if lower[verb] in _NEEDS_CLAUSE and not _ends_clause(ctx, verb):
        return None
    subject = _subject_index(ctx, verb)
    noun_too = lower[verb] in _ALSO_NOUNS
    if subject is not None and all(_joined(ctx, k) for k in range(subject + 1, verb + 1)):
        head = lower[subject]
        if head in vague and not (noun_too and head in _QUANTIFIERS):
            named = ctx.follows_name(subject) or ctx.prev(subject).endswith("'s")
            start = subject - 1 if named or ctx.prev(subject) in vague else subject
            return (ATTRIBUTED if named else UNATTRIBUTED), start, verb + 1
        if head in _PRONOUNS or (ctx.is_name(subject) and not head.endswith("'s")):
            start = subject
            while ctx.follows_name(start) and _joined(ctx, start):
                start -= 1  # the whole name: "the Associated Press reported"
            return ATTRIBUTED, start, verb + 1
        if (
            not noun_too
            and head.isalpha()
            and head not in vague
            and head not in _CONJUNCTIONS
            and (ctx.prev(subject) in _DETERMINERS or ctx.follows_name(subject))
            and _joined(ctx, subject)
        ):
            return ATTRIBUTED, subject - 1, verb + 1  # "the spokesman said", "a statement said"
    after = verb + 1
    if (
        lower[verb] in _INVERTING
        and after < ctx.bounds(verb)[1]
        and _QUOTE_OR_COMMA & set(ctx.gap_before(verb))
        and _joined(ctx, after)
        and (lower[after] in ("he", "she", "they") or ctx.is_name(after))
    ):
        return ATTRIBUTED, verb, _name_end(ctx, after)
    return None


def _scan(doc: Document) -> list[Cue]:
    """Every cue of the Document, in text order."""
    ctx = _Context(doc)
    unattributed = matcher("unattributed")
    # Where each kind of cue may start, found in one pass over the words.
    certain, vague, claim = word_positions(
        ctx.lower,
        (kind_matcher(_CERTAINTY_LEXICONS)[0].openers, unattributed.openers, _claim_words()),
    )
    claims = [(UNATTRIBUTED, m.first, m.last) for m in unattributed.finditer(ctx.lower, vague)]
    claims.extend(_sources(ctx, claim))
    return sorted([*_certainty(ctx, certain), *_without_overlaps(claims)], key=lambda c: c[1])


def _without_overlaps(cues: list[Cue]) -> list[Cue]:
    """Keep the earliest (then longest) of overlapping claims: "some have said" is one claim."""
    kept: list[Cue] = []
    end = -1
    for kind, first, last in sorted(cues, key=lambda c: (c[1], -c[2])):
        if first >= end:
            kept.append((kind, first, last))
            end = last
    return kept


def uncertainty_cues(doc: Document) -> list[Evidence]:
    """The hedge and conditional cues of a Document: the detector the evaluation measures."""
    return [
        evidence(doc, NAME, kind, word_span(doc, first, last))
        for kind, first, last in _scan(doc)
        if kind in UNCERTAINTY_KINDS
    ]


def extract(doc: Document) -> FamilyResult:
    cues = _scan(doc)
    counts = Counter(kind for kind, _, _ in cues)
    owner = doc.sentence_of_word()
    hedged = {owner[first] for kind, first, _ in cues if kind in UNCERTAINTY_KINDS}
    sentences = sum(1 for a, b in doc.sentence_words if b > a)
    hedges, boosters = counts[HEDGE], counts[BOOSTER]
    unattributed, attributed = counts[UNATTRIBUTED], counts[ATTRIBUTED]
    return FamilyResult(
        values={
            "hedge_density": per_100_words(hedges, doc),
            "conditional_density": per_100_words(counts[CONDITIONAL], doc),
            "booster_density": per_100_words(boosters, doc),
            "unattributed_density": per_100_words(unattributed, doc),
            "attributed_density": per_100_words(attributed, doc),
            "hedged_sentence_share": share(len(hedged), sentences),
            "unattributed_share": share(unattributed, unattributed + attributed),
            "booster_share": share(boosters, boosters + hedges),
        },
        evidence=[
            evidence(doc, NAME, kind, word_span(doc, first, last)) for kind, first, last in cues
        ],
    )


FAMILY = Family(
    NAME,
    "Hedges, boosters, and attributed against unattributed claims.",
    FEATURES,
    extract,
)
