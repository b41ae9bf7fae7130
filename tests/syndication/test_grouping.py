"""Story grouping on crafted streams: copies join, different stories on one event do not."""

from __future__ import annotations

import itertools

import pytest

from newscrawl.syndication.evaluate import group_signatures, pairwise
from newscrawl.syndication.grouping import lead_containment, same_story
from newscrawl.syndication.signature import signature

LEAD = (
    "Engineers in the river town of Oster Falls began draining the cracked Harlow Reservoir "
    "on Tuesday after inspectors found a widening seam in its concrete spillway, forcing "
    "about 900 residents downstream to leave their homes overnight."
)
SECOND = (
    "State dam safety chief Marguerite Okafor said crews would lower the water by four feet "
    "a day until the seam could be reached by divers, a process she expected to take most "
    "of the week."
)
QUOTE = (
    "\"We are not going to gamble with anyone's house or anyone's life while that crack is "
    'under water," Okafor told reporters at a fire station serving as a shelter.'
)
BACKGROUND = (
    "The Harlow Reservoir was built in 1931 to supply mills that have long since closed, and "
    "a 2019 state report rated its spillway in poor condition, one of 41 dams in the region "
    "flagged for repairs that were never funded."
)
WIRE = [
    f"OSTER FALLS, Vt. (AP) — {LEAD}",
    SECOND,
    QUOTE,
    "The county opened two shelters and asked people with relatives outside the valley to "
    "stay with them, while school buses were sent to carry residents of a senior housing "
    "complex near the riverbank.",
    BACKGROUND,
    "Farmers along the lower river moved cattle and machinery to higher ground through the "
    "night, and the state transportation agency closed a stretch of Route 14 that runs "
    "beside the channel.",
    "Okafor said a full inspection of the spillway would follow once the reservoir was low "
    "enough, and that the state would decide then whether to repair the structure or take "
    "it out entirely.",
    "Residents who left said the evacuation order came by text message shortly after dusk, "
    "with sirens sounding an hour later along the main street of the town.",
]
REUTERS = [
    "OSTER FALLS, Vermont, May 6 (Reuters) - Hundreds of people in a small Vermont valley "
    "spent the night in shelters on Tuesday as officials emptied an aging reservoir whose "
    "spillway has begun to split apart, state authorities said.",
    "Marguerite Okafor, who leads the state's dam safety office, said the emptying would "
    "continue for several days and that no water had escaped the structure so far.",
    QUOTE,
    BACKGROUND,
    "Vermont's governor said the state would seek federal emergency funds for the repairs, "
    "which engineers estimate could cost tens of millions of dollars over several years.",
    "Insurance adjusters were expected in the valley later in the week to assess damage to "
    "homes that took on water during heavy spring rains that preceded the evacuation.",
]
FOLLOW_UP = [
    "OSTER FALLS, Vt. (AP) — Residents of Oster Falls began returning home on Thursday after "
    "divers reached the cracked spillway of the drained Harlow Reservoir and reported that "
    "the structure was stable for now.",
    "The state said temporary steel braces would be installed before the next storm season "
    "and that a decision on removing the dam would come by autumn.",
    LEAD,
    QUOTE,
    BACKGROUND,
    "Shop owners on the main street said business had been lost for three days, and the "
    "town asked the state to cover the cost of the shelters and the buses.",
]


def body(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def edited(text: str) -> str:
    """Light copy edits: house style, a dropped word, an added one."""
    return (
        text.replace("on Tuesday", "Tuesday")
        .replace("about 900", "roughly 900")
        .replace("widening ", "")
        .replace("overnight", "overnight, officials said")
    )


COPIES = {
    "truncated": ["MILLBROOK — " + LEAD, SECOND, QUOTE],
    "truncated_two": [LEAD, SECOND, "Staff and wire reports"],
    "notes_and_local": [
        "Editor's note: This story has been updated with local reaction.",
        WIRE[0],
        "In Millbrook, 12 miles downstream, the town clerk said the high school gym would "
        "stay open for anyone who needed a place to sleep until the order was lifted.",
        *WIRE[1:],
        "The Millbrook Courier's Dana Whitcombe contributed to this report.",
    ],
    "edited": [edited(WIRE[0]).replace("(AP) —", "—"), edited(SECOND), *WIRE[2:6]],
    "local_intro": [
        "Millbrook families with relatives in Oster Falls spent Tuesday evening making room in "
        "spare bedrooms and on couches as the news spread.",
        *WIRE[:4],
    ],
}
NEGATIVES = {"reuters": REUTERS, "follow_up": FOLLOW_UP}


def stream() -> list[tuple[str, str]]:
    """(story, body) pairs: the wire story, its copies and two hard negatives."""
    items = [("wire", body(WIRE))]
    items += [("wire", body(paras)) for paras in COPIES.values()]
    items += [(name, body(paras)) for name, paras in NEGATIVES.items()]
    return items


@pytest.mark.parametrize("name", list(COPIES))
def test_each_kind_of_copy_matches_the_wire_story(name: str) -> None:
    assert same_story(signature(body(WIRE)), signature(body(COPIES[name])))


@pytest.mark.parametrize("name", list(NEGATIVES))
def test_stories_sharing_names_quote_and_background_stay_apart(name: str) -> None:
    wire = signature(body(WIRE))
    other = signature(body(NEGATIVES[name]))
    assert not same_story(wire, other)
    for paras in COPIES.values():
        assert not same_story(signature(body(paras)), other)


def test_the_test_is_symmetric() -> None:
    a, b = signature(body(WIRE)), signature(body(COPIES["truncated"]))
    assert same_story(a, b) == same_story(b, a)
    assert lead_containment(a, b) > 0.8  # the wire's lead is all there
    assert lead_containment(b, a) > 0.8


def test_a_reused_lead_alone_is_not_a_copy() -> None:
    """The follow-up holds the first story's lead paragraph verbatim, further down."""
    assert lead_containment(signature(body(WIRE)), signature(body(FOLLOW_UP))) == 0.0


def test_grouping_is_the_same_in_every_arrival_order() -> None:
    items = stream()
    truth = [story for story, _ in items]
    sigs = [signature(text) for _, text in items]
    for order in itertools.islice(itertools.permutations(range(len(items))), 0, 5040, 97):
        labels = group_signatures([sigs[i] for i in order])
        grouped = dict(zip(order, labels, strict=True))
        scores = pairwise([grouped[i] for i in range(len(items))], truth)
        assert (scores.precision, scores.recall) == (1.0, 1.0), order


def test_bodies_without_paragraph_breaks_still_group() -> None:
    flat = signature(" ".join(WIRE))
    assert len(flat.lead_parts) == 2 and flat.size > 200
    assert len(flat.keys) < 40  # keys come from the first words only
    assert same_story(flat, signature(" ".join(COPIES["truncated"])))
    assert same_story(flat, signature(body(WIRE)))
    for other in NEGATIVES.values():
        assert not same_story(flat, signature(" ".join(other)))


def test_empty_and_tiny_bodies_never_match() -> None:
    empty, tiny = signature(""), signature("Short note.")
    assert not same_story(empty, empty)
    assert not same_story(tiny, tiny)
