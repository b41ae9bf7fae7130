"""An invented wire story, its copies as local sites run them, and stories that must stay
apart (another agency, a follow-up, the next day's story): texts and ready records."""

from __future__ import annotations

from typing import Any

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


def record(key: str, paragraphs: list[str], **values: Any) -> dict[str, Any]:
    site = values.pop("site", f"{key.replace('_', '')}.example")
    return {
        "url": f"https://{site}/news/{key}/",
        "site": site,
        "headline": values.pop("headline", "Cracked dam forces Oster Falls evacuation"),
        "byline": values.pop("byline", "By The Associated Press"),
        "published": values.pop("published", "2025-05-06T20:00:00+00:00"),
        "body": body(paragraphs),
        **values,
    }


def wire_records() -> list[dict[str, Any]]:
    """The wire page, five copies on local sites and two hard negatives."""
    items = [record("wire", WIRE, site="apnews.example", published="2025-05-06T18:00:00+00:00")]
    for n, (name, paras) in enumerate(COPIES.items()):
        headline = "Millbrook braces as dam drains" if name == "truncated" else None
        items.append(
            record(
                name,
                paras,
                published=f"2025-05-06T2{n}:00:00+00:00",
                **({"headline": headline} if headline else {}),
            )
        )
    items.append(record("reuters", REUTERS, byline="Reuters"))
    items.append(record("follow_up", NEGATIVES["follow_up"], published="2025-05-08T12:00:00+00:00"))
    items.append(record("next_day", NEGATIVES["next_day"], published="2025-05-07T12:00:00+00:00"))
    return items


#: Which story each record of :func:`wire_records` belongs to.
TRUTH = {
    "wire": "w",
    **dict.fromkeys(COPIES, "w"),
    "reuters": "r",
    "follow_up": "f",
    "next_day": "n",
}
