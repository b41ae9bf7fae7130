"""Invented vocabulary and phrase templates for the syndication stream generator: names,
places, agencies, sentence and lead templates, copy edits and editor's notes."""

from __future__ import annotations

import re


def w(text: str, sep: str | None = None) -> list[str]:
    """A word list written as one string."""
    return text.split(sep)


FIRST = w(
    "Alma Bram Cora Dane Edie Fergus Greta Hollis Ines Jasper Kira Leon Mabel Nolan Opal Percy "
    "Quinn Rosa Silas Tess Ulric Vera Wade Xenia Yusuf Zelda Amos Bettina Cyrus Delphine Emil "
    "Flora Gideon Hester Ivo Juno Kasimir Lottie Milo Nadia Orson Petra Rufus Sabine Tobias "
    "Una Viggo Willa Anselm Brigid Casper Dagny Elias Fenna Gustav Hedda Idris Jolene"
)
LAST = w(
    "Abernathy Belcourt Castellan Dunmore Everly Fairbanks Galloway Hargrove Ingersoll Jessup "
    "Kettering Lindqvist Marchetti Northcott Okonkwo Pemberton Quarles Ravensworth Sandoval "
    "Thackeray Underhill Vasquez Whitlock Yarborough Zielinski Ashdown Brannigan Cordell "
    "Drummond Ellsworth Fontaine Greenhalgh Holloway Iverson Jardine Kowalczyk Lockhart "
    "Mortimer Nakamura Oyelaran Prescott Quimby Rasmussen Stroud Tremblay Uribe Vandermeer "
    "Wexford Albrecht Bellamy Crowther Delacroix Eastwood Farrow Grimaldi Haverford"
)
TOWN_A = w(
    "Cedar Maple Harbor Willow Granite Copper Elm Birch Falcon Heron Juniper Larch Marsh Oak "
    "Pine Quarry Raven Silver Thistle Amber Bramble Clover Fern Hollow Iron Lark Mill Stone"
)
TOWN_B = w("ton ville field port burg brook ford haven wood dale crest mont")
CITIES = w(
    "VELDRA ASHMOOR KORVALE BRENTHAM LUSKARA OSTREL MERIDAN TALVERN QUORRA DUNHELM ISKARA "
    "PALLATINE ZORVAST CALDERON NORVIK SELWYNNE"
)
ORG_KINDS = w(
    "City Council|County Board|Water Authority|Transit Agency|Health Department|School Board|"
    "Port Authority|Planning Commission|Housing Authority|Chamber of Commerce|Utility District|"
    "Sheriff's Office|Parks Department|Farm Bureau|Hospital Board|Teachers Union",
    "|",
)
PAPERS = w("Courier Ledger Gazette Herald Tribune Sentinel Record Chronicle Dispatch Press")
ROLES = w(
    "mayor|county executive|police chief|fire chief|state senator|council member|school "
    "superintendent|health commissioner|union president|emergency management director|"
    "transportation secretary|chief executive|spokesperson for the governor|economist|"
    "hospital administrator|district attorney|city manager|state treasurer",
    "|",
)

# Event kinds: nouns, actions in the past tense, outcomes, and who is affected.
KINDS: dict[str, dict[str, list[str]]] = {
    "storm": {
        "K": w("storm|flooding|power outages|evacuation orders|wind damage|storm surge", "|"),
        "X": [
            "knocked out power to thousands of homes",
            "flooded low-lying streets near the river",
            "forced families from their homes overnight",
            "toppled trees and power lines across the region",
            "closed schools and government offices",
        ],
        "U": w("shelters|repair crews|insurance claims|cleanup costs|emergency funds", "|"),
        "W": w("residents|homeowners|utility customers|farmers|shop owners", "|"),
    },
    "budget": {
        "K": w("budget|spending plan|property tax increase|deficit|pension costs", "|"),
        "X": [
            "approved a spending plan after a long night of debate",
            "voted to raise property taxes for the first time in a decade",
            "cut funding for libraries and parks",
            "rejected a proposal to borrow against future revenue",
            "delayed a vote on the school funding formula",
        ],
        "U": w("tax bills|school funding|road repairs|hiring freeze|bond rating", "|"),
        "W": w("taxpayers|teachers|retirees|city workers|business owners", "|"),
    },
    "factory": {
        "K": w("plant closure|layoffs|production cuts|labor contract|factory", "|"),
        "X": [
            "announced it would close its largest plant by the end of the year",
            "laid off hundreds of workers at two factories",
            "reached a tentative contract with its union",
            "moved production to a new facility across the border",
            "halted work on a planned expansion",
        ],
        "U": w("severance packages|retraining programs|pension benefits|tax breaks", "|"),
        "W": w("workers|suppliers|union members|truck drivers|local merchants", "|"),
    },
    "election": {
        "K": w("election|recount|ballot measure|runoff|primary", "|"),
        "X": [
            "ordered a recount after a razor-thin margin",
            "certified the results of the special election",
            "approved a ballot measure on rent limits",
            "extended voting hours at several polling places",
            "conceded the race late on election night",
        ],
        "U": w("turnout|absentee ballots|campaign spending|voter rolls", "|"),
        "W": w("voters|poll workers|candidates|campaign volunteers", "|"),
    },
    "wildfire": {
        "K": w("wildfire|brush fire|evacuation zone|containment lines|smoke", "|"),
        "X": [
            "burned through thousands of acres of dry forest",
            "destroyed dozens of homes in the foothills",
            "jumped a highway and forced new evacuations",
            "sent thick smoke over the valley",
            "was partly contained after winds eased",
        ],
        "U": w("firefighting costs|air quality alerts|road closures|federal aid", "|"),
        "W": w("firefighters|ranchers|evacuees|hikers|residents", "|"),
    },
    "transit": {
        "K": w("transit strike|bus service|rail line|fare increase|subway repairs", "|"),
        "X": [
            "walked off the job after talks collapsed",
            "suspended service on the busiest rail line",
            "approved a fare increase for next spring",
            "delayed the opening of a new light rail extension",
            "ordered inspections of every bus in the fleet",
        ],
        "U": w("commute times|ridership|overtime costs|federal grants", "|"),
        "W": w("commuters|bus drivers|students|riders|shift workers", "|"),
    },
    "hospital": {
        "K": w("hospital merger|emergency room|nursing shortage|clinic closure", "|"),
        "X": [
            "agreed to merge with a larger regional health system",
            "closed its maternity ward citing staff shortages",
            "diverted ambulances for most of the weekend",
            "opened a new clinic for uninsured patients",
            "settled a lawsuit over billing practices",
        ],
        "U": w("wait times|patient records|staffing levels|insurance coverage", "|"),
        "W": w("patients|nurses|doctors|paramedics|families", "|"),
    },
    "court": {
        "K": w("ruling|trial|appeal|settlement|indictment", "|"),
        "X": [
            "ruled that the county overstepped its authority",
            "sentenced a former official to prison for fraud",
            "blocked a new state law from taking effect",
            "dismissed charges against three protesters",
            "ordered a new trial after finding jury misconduct",
        ],
        "U": w("legal fees|court records|appeals|jury selection", "|"),
        "W": w("defendants|prosecutors|jurors|plaintiffs|attorneys", "|"),
    },
    "drought": {
        "K": w("drought|water restrictions|crop losses|reservoir levels", "|"),
        "X": [
            "imposed strict limits on lawn watering",
            "declared a drought emergency in six counties",
            "cut water deliveries to farms by a third",
            "approved emergency loans for growers",
            "began trucking water to rural towns",
        ],
        "U": w("crop prices|well permits|irrigation costs|relief payments", "|"),
        "W": w("farmers|ranchers|growers|water districts|households", "|"),
    },
    "cyber": {
        "K": w("cyberattack|data breach|ransomware attack|network outage", "|"),
        "X": [
            "shut down its computer systems after a ransomware attack",
            "said hackers stole personal data of thousands of people",
            "restored online services after a weeklong outage",
            "refused to pay a ransom demanded by hackers",
            "hired outside investigators to examine the breach",
        ],
        "U": w("credit monitoring|backup systems|security audits|insurance payouts", "|"),
        "W": w("customers|employees|students|account holders", "|"),
    },
}
DAYS = w("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
EDITS = {
    "said": "says", "about": "roughly", "officials": "authorities", "percent": "%",
    "residents": "locals", "on Monday": "Monday", "on Tuesday": "Tuesday", "center": "centre",
    "also": "additionally", "more than": "over", "the county": "the region",
    "announced": "said", "week": "weeks", "people": "residents",
}  # fmt: skip
NOTES = [
    "Editor's note: This story has been updated with additional details.",
    "EDITOR'S NOTE: This article contains descriptions that some readers may find distressing.",
    "Editor's note: The Courier is republishing this story as part of its regional coverage.",
]
AGENCIES = {
    "AP": {
        "site": "apnews.example",
        "name": "AP News",
        "dateline": "{city} (AP) — ",
        "bylines": [
            "By The Associated Press",
            "Associated Press",
            "AP",
            "The Associated Press",
            "By {name}, Associated Press",
            "By {name} Associated Press",
            "{handle}_ap_news",
        ],
        "credit": [
            "Copyright {year} The Associated Press. All rights reserved.",
            "Associated Press writer {name} in {city} contributed to this report.",
        ],
    },
    "Reuters": {
        "site": "reuters.example",
        "name": "Reuters",
        "dateline": "{city}, {month} {day} (Reuters) - ",
        "bylines": [
            "Reuters",
            "By Reuters",
            "Thomson Reuters",
            "By {name}, Reuters",
            "{handle}_reuters",
        ],
        "credit": [
            "Reporting by {name} in {city}; Editing by {name2}",
            "(c) Copyright Thomson Reuters {year}",
        ],
    },
    "AFP": {
        "site": "afp.example",
        "name": "AFP",
        "dateline": "{city} (AFP) - ",
        "bylines": ["AFP", "Agence France-Presse", "By AFP", "By {name}, AFP", "{handle}_afp_wire"],
        "credit": ["© {year} AFP", "Copyright Agence France-Presse {year}"],
    },
}
WIRE_BYLINES_LOCAL = ["Staff and wire reports", "From wire reports", ""]


SLOT = re.compile(r"\{(\w+|#|\$|%)\}")
WORDS: dict[str, list[str]] = {
    "n": w(
        "plan proposal report review contract deadline payment program project permit study "
        "survey audit hearing agreement policy rule fund grant loan fee rate price wage lease "
        "license inspection investigation complaint lawsuit claim request vote decision estimate "
        "forecast schedule timeline shortfall surplus backlog shelter clinic bridge highway "
        "tunnel levee reservoir pipeline substation warehouse depot terminal campus library "
        "courthouse garage mill orchard pharmacy district township neighborhood committee "
        "commission panel regulator coalition charity cooperative insurer lender landlord "
        "contractor supplier retailer developer inventory ordinance memo waiver subsidy rebate "
        "tariff quota appeal verdict settlement petition referendum ballot census registry "
        "database network website hotline dashboard ledger invoice warranty mortgage pension"
    ),
    "v": w(
        "approved rejected delayed postponed expanded reduced suspended restored reviewed "
        "questioned defended criticized praised announced proposed confirmed denied extended "
        "cancelled revised updated published released blocked challenged funded audited "
        "inspected closed reopened replaced repaired upgraded tightened loosened doubled halved "
        "outlined detailed disputed endorsed renewed paused resumed settled drafted scrapped "
        "trimmed overhauled"
    ),
    "vi": w(
        "approve reject delay expand reduce suspend restore review question defend announce "
        "confirm extend cancel revise update release block challenge fund audit inspect close "
        "reopen replace repair upgrade tighten outline dispute endorse renew pause resume "
        "settle draft scrap trim overhaul finish cover explain"
    ),
    "a": w(
        "new local regional federal municipal rural urban seasonal temporary permanent "
        "emergency annual quarterly preliminary final revised initial independent private "
        "public joint costly modest sharp steady sudden gradual widespread limited significant "
        "unusual routine controversial popular contested overdue ambitious narrow broad "
        "detailed brief lengthy informal formal cautious aggressive surprising familiar"
    ),
    "adv": w(
        "quickly quietly narrowly sharply slowly formally publicly repeatedly briefly "
        "unanimously reluctantly abruptly"
    ),
    "t": [
        "last month",
        "earlier this year",
        "last spring",
        "in recent weeks",
        "this summer",
        "by the end of the year",
        "within two weeks",
        "over the weekend",
        "last fall",
        "before the holidays",
        "in the next budget cycle",
        "since January",
        "late last year",
        "two years ago",
        "at its next meeting",
        "after the election",
        "this week",
    ],
    "s": [
        "officials said",
        "according to a statement",
        "according to court filings",
        "records show",
        "a spokesperson said",
        "according to state data",
        "the agency said in a report",
        "according to people familiar with the matter",
        "according to meeting minutes",
        "a filing showed",
    ],
}
SENTENCES = [
    "The {a} {n} was {v} by the {O} {t}, {s}.",
    "{P} said the {O} had {v} a {a} {n} {t} and would {vi} the {n} {t}.",
    "The {K} could cost {$}, according to a {a} {n} {v} {t}.",
    "About {#} {W} {v} the {n} at a {a} {n} in {L} {t}.",
    "{O} officials {adv} {v} the {K}, citing a {a} {n} and a {n}.",
    "{%} of {W} surveyed by the {O} said they {v} the {a} {n}.",
    "The {O} has {v} {#} {n}s since {D}, {s}.",
    "{P}, the {R}, {v} the {n} {t}, saying the {U} was {a}.",
    "A {a} {n} from the {O} {v} the {U} and {v} the {n}.",
    "The {K} {X}, {s}.",
    "{W} in {L} were told to expect {a} {U} {t}.",
    "The {R} said {W} would not see {U} until the {n} is {v}.",
    "It was not clear whether the {O} would {vi} the {a} {n} or {vi} its {n}.",
    "The {n} {v} {t} covers {#} {W} and {a} {U}, {s}.",
    "{P} {adv} {v} a {n} that would {vi} the {U} for {W}.",
    "Critics of the {O} said the {K} exposed a {a} {n} in {a} {n}s.",
    "The {O} did not respond to a request for comment on the {a} {n} {t}.",
    "In {L}, the {K} has become a {a} {n} for {W} and {W}.",
    "{P} told reporters that the {U} would be {v} {t}.",
    "Before the {K}, the {O} had {v} a {n} worth {$}.",
    "Lawmakers who {v} the {n} {t} said the {a} {U} left {W} exposed.",
    "A {n} {v} by {P} would {vi} the {a} {n} and {vi} {U}.",
    "{#} {W} signed a {n} asking the {O} to {vi} the {K}.",
    "The {a} {U} followed a {a} {n} that {v} the {O}, {s}.",
]
LEADS = [
    "The {O} in {L} {X} on {D}, leaving {W} to weigh {a} {U} and a {a} {n}.",
    "{P}, the {R}, said on {D} that the {K} in {L} {X} and that {U} would follow.",
    "A {a} {K} in {L} {X} this week, and {W} braced for {a} {U}.",
    "{W} in {L} faced {a} {U} on {D} after the {K} {X}.",
    "The {O} {adv} {v} a {a} {n} on {D} as the {K} in {L} {X}.",
]
QUOTES = [
    "We {v} the {n} because {W} {v} a {a} {n}, and we will {vi} the {U}",
    "Nobody in {L} expected the {K} to {vi} the {n} this quickly",
    "Our job now is to {vi} the {a} {n} and {vi} the {U} for {W}",
    "I told the {O} that {W} deserve a {a} {n} and an honest {n}",
    "We are going to {vi} every {n} and {vi} the {U} before the next {K}",
]
ADJECTIVES = frozenset(WORDS["a"])
HEADLINES = [
    "{K} in {L} leaves {W} facing {a} {U}",
    "{L} {W} brace for {a} {U}",
    "What the {K} means for {W} in {L}",
    "{P} says {U} will be {v} after {K}",
    "{O} {v} {a} {n} as {K} grows",
    "{K}: {W} in {L} ask what comes next",
]
