"""Story grouping on crafted streams: copies join, different stories on one event do not."""

from __future__ import annotations

import itertools

import pytest

from newscrawl.syndication.evaluate import group_signatures, pairwise
from newscrawl.syndication.grouping import (
    block_share,
    lead_containment,
    same_story,
    version_share,
)
from newscrawl.syndication.signature import is_quote, signature

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


def heavy(text: str) -> str:
    """Heavy copy-editing: every twelfth word changed."""
    words = text.split(" ")
    return " ".join("also" if i % 12 == 7 else w for i, w in enumerate(words))


LOCAL_LEAD = (
    "A Millbrook County official said Tuesday that people who fled the Oster Falls dam "
    "would be welcome in the town's two schools for as long as the order lasts."
)
ADDED = (
    "State police said late Tuesday that two people were treated for minor injuries after "
    "their car slid off a flooded road on the way out of the valley."
)
#: The agency's write-through: a new lead, the old one second, an added paragraph.
WRITE_THROUGH = [
    "OSTER FALLS, Vt. (AP) — Divers reached the cracked spillway of the Harlow Reservoir "
    "on Wednesday morning as the water fell faster than engineers had expected, and the "
    "state said the evacuation of about 900 residents would last through the weekend.",
    LEAD,
    ADDED,
    *WIRE[1:5],
    *WIRE[6:],
]
COPIES |= {
    "lead_rewritten": [LOCAL_LEAD, *WIRE[1:4]],
    "paragraph_moved": [WIRE[0], WIRE[6], *WIRE[1:4]],
    "heavily_edited": [heavy(p) for p in WIRE],
    "write_through": WRITE_THROUGH,
    "write_through_rewritten": [LOCAL_LEAD, ADDED, *WIRE[1:4]],
}
#: The agency's next-day story: new text that repeats two earlier paragraphs near its end.
NEXT_DAY = [
    "OSTER FALLS, Vt. (AP) — Engineers finished emptying the Harlow Reservoir on Wednesday "
    "night and said the crack in its spillway ran deeper than the first survey showed.",
    "Dam safety staff will spend the rest of the week mapping the damage with sonar, and "
    "the state expects to publish their findings before residents are allowed back.",
    "Several families who spent a second night in the fire station said they were running "
    "out of patience, and asked why nobody had warned them about the state of the dam.",
    "The governor's office said it had asked federal officials to visit the valley on Friday "
    "and to review whether the town qualifies for disaster assistance this spring.",
    "A hardware store on the main street opened early to sell pumps and sandbags to owners "
    "of basements that took on water during last week's rain, its manager said.",
    "Teachers at the elementary school, which sits inside the evacuation zone, held classes "
    "in the library of a neighbouring town, and buses ran on a shortened schedule.",
    "Anglers who fish the lower river were told to stay away until the water settles, and "
    "the state wildlife agency said it would check fish stocks once the work is done.",
    "The town's selectboard scheduled an emergency meeting for Thursday evening to discuss "
    "how to pay for overtime for police officers and firefighters during the emptying.",
    BACKGROUND,
    WIRE[5],
    "Okafor said a final decision on the dam's future would be made by the end of summer.",
]
NEGATIVES = {"reuters": REUTERS, "follow_up": FOLLOW_UP, "next_day": NEXT_DAY}


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


def test_the_next_day_story_shares_only_its_tail_with_the_first() -> None:
    assert block_share(signature(body(WIRE)), signature(body(NEXT_DAY))) == 0.0
    assert block_share(signature(body(NEXT_DAY)), signature(body(WIRE))) == 0.0


def test_a_shared_quote_and_one_paragraph_are_not_a_block() -> None:
    """Reuters shares the quote and the background paragraph, next to each other."""
    assert block_share(signature(body(REUTERS)), signature(body(WIRE))) == 0.0
    assert (
        block_share(signature(body([LOCAL_LEAD, QUOTE, BACKGROUND])), signature(body(WIRE))) == 0.0
    )


def test_quotes_are_marked_in_the_upper_part() -> None:
    sig = signature(body(WIRE))
    assert [sig.quotes >> i & 1 for i in range(len(sig.unit_ends))][:4] == [0, 0, 1, 0]
    assert is_quote(QUOTE) and not is_quote(SECOND)
    assert is_quote('He said "the spillway is split from top to bottom and is failing".')


def test_versions_of_a_write_through_share_most_text_and_short_copies_do_not_count() -> None:
    assert version_share(signature(body(WIRE)), signature(body(WRITE_THROUGH))) > 0.8
    assert version_share(signature(body(WIRE)), signature(body(COPIES["truncated"]))) == 0.0


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
