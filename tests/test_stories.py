"""Stories: rewrites of one story group together, unrelated articles do not, and the
passages they share word for word are found and linked."""

import json
from functools import cache
from pathlib import Path

import pytest

from scorer.article import Article
from scorer.document import Document
from scorer.pipeline import documents
from scorer.stories import SHINGLE_WORDS, Story, build_story, group_articles, story_runs

ROOT = Path(__file__).resolve().parents[1]


def text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PTC = ROOT / ".." / "shared" / "data" / "ptc_train.jsonl"

# Short news articles on other topics, written for these tests. The last is about North
# Korea too (same country and leader's government, another story): it must not join.
UNRELATED = {
    "council": text(
        "Council approves budget with cuts to library hours",
        (
            "The city council voted 7-2 on Tuesday night to approve a $412 million budget for the "
            "coming fiscal year, closing a shortfall of nearly $18 million by trimming library "
            "hours and delaying road repairs."
        ),
        (
            "Council member Dana Ortiz, who chairs the finance committee, said the choice was "
            'painful but unavoidable. "We looked at every line, and there was no way to protect '
            'everything," Ortiz said after the vote.'
        ),
        (
            "Under the plan, the central library will close on Sundays and branch libraries will "
            "open two hours later on weekdays. Resurfacing of Elm Street and Harbor Road moves to "
            "next spring. Property taxes stay flat, but parking fees downtown rise by 50 cents an "
            "hour."
        ),
        (
            "Residents who spoke during the three-hour public hearing were divided. Several parents"
            " urged the council to keep weekend library hours, saying children depend on them for "
            "homework help. Business owners warned that higher parking fees would push shoppers to "
            "suburban malls."
        ),
        "The mayor is expected to sign the budget on Friday. The new fiscal year begins July 1.",
    ),
    "football": text(
        "Late penalty sends United into cup semi-final",
        (
            "A stoppage-time penalty from captain Leon Brandt gave United a 2-1 win over Rovers on "
            "Saturday and a place in the cup semi-finals for the first time in nine years."
        ),
        (
            "Rovers had led through an early header from defender Tomas Reyes, and for most of the "
            "afternoon they held firm against wave after wave of United attacks. Goalkeeper Sam "
            "Okafor made six saves, two of them from point-blank range."
        ),
        (
            "United equalised on 71 minutes when substitute Kai Lindqvist curled a shot into the "
            "top corner from the edge of the area. The winner came deep into added time, when "
            "Okafor brought down Lindqvist and the referee pointed to the spot after a long video "
            "review."
        ),
        (
            '"It was cruel on them, but we kept believing," Brandt said. "The lads never stopped '
            'running." Rovers manager Phil Dawes called the decision soft and said his side '
            "deserved a replay."
        ),
    ),
    "heat": text(
        "Heat wave brings record temperatures to the south",
        (
            "Temperatures climbed past 40C in several southern towns on Wednesday, breaking records"
            " that had stood for more than half a century, as a heat wave settled over the region "
            "for a fifth straight day."
        ),
        (
            "The national weather service issued its highest warning for eleven districts and urged"
            " people to stay indoors during the afternoon, drink water often and check on elderly "
            "neighbours. Hospitals reported a rise in admissions for heat exhaustion, mostly among "
            "older patients."
        ),
        (
            "Forecasters expect the hot air mass to linger until Sunday, when a band of "
            "thunderstorms should bring cooler weather from the west."
        ),
    ),
    "phone": text(
        "Startup unveils repairable phone with five-year battery promise",
        (
            "A Berlin startup on Thursday unveiled a smartphone designed to be opened with a single"
            " screwdriver, promising spare parts and software updates for at least seven years."
        ),
        (
            "The company, Modulo, says owners can swap the battery, screen, camera and charging "
            "port at home in under ten minutes. The phone will sell for 549 euros when it ships in "
            "October."
        ),
        (
            '"Repairability is becoming a selling point, especially with new European rules on '
            'spare parts," said analyst Marc Duval.'
        ),
    ),
    "north_korea_food": text(
        "North Korea faces worst food shortage in years, aid groups say",
        (
            "Aid agencies warned on Monday that North Korea is facing its most severe food shortage"
            " in more than a decade, after floods and a poor harvest cut grain output and border "
            "closures choked imports from China."
        ),
        (
            "Prices of rice and corn in markets near the Chinese border have roughly doubled since "
            "the spring, according to traders contacted by phone. Defectors who arrived in Seoul "
            "this year describe families skipping meals."
        ),
        (
            "The government in Pyongyang has not publicly acknowledged the shortage, though state "
            'media have urged farmers to "wage a battle" to raise yields. The World Food Programme '
            "said it has had no international staff in the country since 2021 and cannot verify "
            "conditions on the ground."
        ),
    ),
}

# The council story again, rewritten: same facts, new wording, one shared quotation.
COUNCIL_REWRITE = text(
    "City budget passes 7-2, libraries lose Sunday hours",
    (
        "After a three-hour public hearing, the city council on Tuesday approved a $412 million"
        " spending plan that closes an $18 million gap by cutting library hours and pushing "
        "back road work."
    ),
    (
        'Finance committee chair Dana Ortiz called the cuts painful. "There was no way to '
        'protect everything," she told reporters once the 7-2 vote was over.'
    ),
    (
        "The central library will no longer open on Sundays, and branch libraries will open two"
        " hours later on weekdays. Repaving of Elm Street and Harbor Road slips to next spring."
        " Downtown parking fees go up 50 cents an hour, while property taxes stay flat."
    ),
    (
        "Parents at the hearing pleaded for weekend library hours, and downtown shop owners "
        "said pricier parking would drive customers to suburban malls."
    ),
)


@cache
def seed_texts() -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8") for path in SEEDS)


def prose(text: str, title: str | None = None) -> Document:
    return documents(Article(text=text, title=title))[1]


def stories_of(texts: list[str]) -> list[Story]:
    docs = [prose(t) for t in texts]
    return [
        build_story(members, cohesion, {m: docs[m] for m in members})
        for members, cohesion in group_articles([story_runs(d) for d in docs])
    ]


def passages(story: Story, texts: list[str], article: int) -> list[str]:
    return [texts[p.article][p.start : p.end] for p in story.passages if p.article == article]


def test_the_five_seed_rewrites_are_one_story_and_unrelated_articles_join_nothing() -> None:
    texts = [*seed_texts(), *UNRELATED.values()]
    groups = group_articles([story_runs(prose(t)) for t in texts])
    assert [members for members, _ in groups] == [(0, 1, 2, 3, 4)]
    assert 0.2 < groups[0][1] < 1


def test_seeds_share_wire_sentences_and_a_short_quotation_linked_both_ways() -> None:
    texts = list(seed_texts())
    [story] = stories_of(texts)
    wire = "tactical missiles, mobile launch platforms, armored vehicles, and artillery shells"
    assert wire in passages(story, texts, 0)
    assert wire in passages(story, texts, 2)
    # "overwhelming military power" is three words: too short for a shingle, but quoted.
    assert "overwhelming military power" in passages(story, texts, 1)
    assert "overwhelming military power" in passages(story, texts, 3)
    for index, passage in enumerate(story.passages):
        for twin in passage.twins:
            other = story.passages[twin]
            assert other.article != passage.article
            assert index in other.twins
            assert other.cluster == passage.cluster
    # The comment-form junk two seeds share ("Leave a Reply ...") is not prose, so not shared.
    assert not any("Leave a Reply" in texts[p.article][p.start : p.end] for p in story.passages)
    # Rewrites, not copies: a few percent of each article at most.
    assert all(0 < share < 0.1 for share in story.shared.values())


def test_a_syndicated_copy_is_shared_almost_whole() -> None:
    original = UNRELATED["council"]
    copy = "By our correspondent\n\n" + original + "\n\nAdditional reporting by staff."
    [story] = stories_of([original, copy, UNRELATED["heat"]])
    assert story.members == (0, 1)
    assert story.shared[0] > 0.95
    assert 0.8 < story.shared[1] < story.shared[0]
    assert all(p.words >= SHINGLE_WORDS or p.words >= 3 for p in story.passages)


def test_an_article_mixing_two_stories_does_not_chain_them_together() -> None:
    """Average linkage: the mixed article joins one story at most (single-link would merge
    the seeds and the council articles through it)."""
    seed = seed_texts()[2].split("\n\n")
    mixed = "\n\n".join(seed[4:9] + COUNCIL_REWRITE.split("\n\n")[1:])
    texts = [*seed_texts(), UNRELATED["council"], COUNCIL_REWRITE, mixed]
    groups = [set(members) for members, _ in group_articles([story_runs(prose(t)) for t in texts])]
    assert {0, 1, 2, 3, 4} in [g - {7} for g in groups]
    assert {5, 6} in [g - {7} for g in groups]
    assert not any(g & {0, 1, 2, 3, 4} and g & {5, 6} for g in groups)


def test_nothing_to_group() -> None:
    assert group_articles([]) == []
    assert group_articles([story_runs(prose(seed_texts()[0]))]) == []
    assert group_articles([story_runs(prose("")), story_runs(prose("the of and a"))]) == []
    same = story_runs(prose(UNRELATED["heat"]))
    assert [m for m, _ in group_articles([same, same])] == [(0, 1)]


@pytest.mark.skipif(not PTC.exists(), reason="needs ../shared/data (labelled corpora)")
def test_seeds_among_the_propaganda_corpus_group_with_each_other_only() -> None:
    records = [json.loads(line) for line in PTC.read_text(encoding="utf-8").splitlines()]
    runs = [story_runs(prose(t)) for t in seed_texts()]
    runs += [story_runs(Document.parse(r["text"], r.get("title"))) for r in records]
    groups = [set(members) for members, _ in group_articles(runs)]
    assert {0, 1, 2, 3, 4} in groups
    # PTC was collected around news events, so it holds real same-story groups; they stay
    # small (no topic-wide chains) and most articles stand alone.
    assert max(len(g) for g in groups) <= 10
    assert sum(len(g) for g in groups) < 0.8 * len(runs)
