"""A labelled, seeded stream of invented news articles for measuring story grouping.

Events get one to four stories (wire stories from different agencies, a same-agency
follow-up, a local staff story) that share names, vocabulary, a quote and a background
paragraph; a follow-up may reuse the first story's lead as background. Wire stories are
republished by local sites: truncated to 2-4 paragraphs, with editor's notes, local
paragraphs, copy edits, new headlines, datelines and bylines. Local stories and roundups of
several wire leads fill the rest. Every name and sentence is made up here.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


def _w(text: str, sep: str | None = None) -> list[str]:
    """A word list written as one string."""
    return text.split(sep)


_FIRST = _w(
    "Alma Bram Cora Dane Edie Fergus Greta Hollis Ines Jasper Kira Leon Mabel Nolan Opal Percy "
    "Quinn Rosa Silas Tess Ulric Vera Wade Xenia Yusuf Zelda Amos Bettina Cyrus Delphine Emil "
    "Flora Gideon Hester Ivo Juno Kasimir Lottie Milo Nadia Orson Petra Rufus Sabine Tobias "
    "Una Viggo Willa Anselm Brigid Casper Dagny Elias Fenna Gustav Hedda Idris Jolene"
)
_LAST = _w(
    "Abernathy Belcourt Castellan Dunmore Everly Fairbanks Galloway Hargrove Ingersoll Jessup "
    "Kettering Lindqvist Marchetti Northcott Okonkwo Pemberton Quarles Ravensworth Sandoval "
    "Thackeray Underhill Vasquez Whitlock Yarborough Zielinski Ashdown Brannigan Cordell "
    "Drummond Ellsworth Fontaine Greenhalgh Holloway Iverson Jardine Kowalczyk Lockhart "
    "Mortimer Nakamura Oyelaran Prescott Quimby Rasmussen Stroud Tremblay Uribe Vandermeer "
    "Wexford Albrecht Bellamy Crowther Delacroix Eastwood Farrow Grimaldi Haverford"
)
_TOWN_A = _w(
    "Cedar Maple Harbor Willow Granite Copper Elm Birch Falcon Heron Juniper Larch Marsh Oak "
    "Pine Quarry Raven Silver Thistle Amber Bramble Clover Fern Hollow Iron Lark Mill Stone"
)
_TOWN_B = _w("ton ville field port burg brook ford haven wood dale crest mont")
_CITIES = _w(
    "VELDRA ASHMOOR KORVALE BRENTHAM LUSKARA OSTREL MERIDAN TALVERN QUORRA DUNHELM ISKARA "
    "PALLATINE ZORVAST CALDERON NORVIK SELWYNNE"
)
_ORG_KINDS = _w(
    "City Council|County Board|Water Authority|Transit Agency|Health Department|School Board|"
    "Port Authority|Planning Commission|Housing Authority|Chamber of Commerce|Utility District|"
    "Sheriff's Office|Parks Department|Farm Bureau|Hospital Board|Teachers Union",
    "|",
)
_PAPERS = _w("Courier Ledger Gazette Herald Tribune Sentinel Record Chronicle Dispatch Press")
_ROLES = _w(
    "mayor|county executive|police chief|fire chief|state senator|council member|school "
    "superintendent|health commissioner|union president|emergency management director|"
    "transportation secretary|chief executive|spokesperson for the governor|economist|"
    "hospital administrator|district attorney|city manager|state treasurer",
    "|",
)

# Event kinds: nouns, actions in the past tense, outcomes, and who is affected.
_KINDS: dict[str, dict[str, list[str]]] = {
    "storm": {
        "K": _w("storm|flooding|power outages|evacuation orders|wind damage|storm surge", "|"),
        "X": [
            "knocked out power to thousands of homes",
            "flooded low-lying streets near the river",
            "forced families from their homes overnight",
            "toppled trees and power lines across the region",
            "closed schools and government offices",
        ],
        "U": _w("shelters|repair crews|insurance claims|cleanup costs|emergency funds", "|"),
        "W": _w("residents|homeowners|utility customers|farmers|shop owners", "|"),
    },
    "budget": {
        "K": _w("budget|spending plan|property tax increase|deficit|pension costs", "|"),
        "X": [
            "approved a spending plan after a long night of debate",
            "voted to raise property taxes for the first time in a decade",
            "cut funding for libraries and parks",
            "rejected a proposal to borrow against future revenue",
            "delayed a vote on the school funding formula",
        ],
        "U": _w("tax bills|school funding|road repairs|hiring freeze|bond rating", "|"),
        "W": _w("taxpayers|teachers|retirees|city workers|business owners", "|"),
    },
    "factory": {
        "K": _w("plant closure|layoffs|production cuts|labor contract|factory", "|"),
        "X": [
            "announced it would close its largest plant by the end of the year",
            "laid off hundreds of workers at two factories",
            "reached a tentative contract with its union",
            "moved production to a new facility across the border",
            "halted work on a planned expansion",
        ],
        "U": _w("severance packages|retraining programs|pension benefits|tax breaks", "|"),
        "W": _w("workers|suppliers|union members|truck drivers|local merchants", "|"),
    },
    "election": {
        "K": _w("election|recount|ballot measure|runoff|primary", "|"),
        "X": [
            "ordered a recount after a razor-thin margin",
            "certified the results of the special election",
            "approved a ballot measure on rent limits",
            "extended voting hours at several polling places",
            "conceded the race late on election night",
        ],
        "U": _w("turnout|absentee ballots|campaign spending|voter rolls", "|"),
        "W": _w("voters|poll workers|candidates|campaign volunteers", "|"),
    },
    "wildfire": {
        "K": _w("wildfire|brush fire|evacuation zone|containment lines|smoke", "|"),
        "X": [
            "burned through thousands of acres of dry forest",
            "destroyed dozens of homes in the foothills",
            "jumped a highway and forced new evacuations",
            "sent thick smoke over the valley",
            "was partly contained after winds eased",
        ],
        "U": _w("firefighting costs|air quality alerts|road closures|federal aid", "|"),
        "W": _w("firefighters|ranchers|evacuees|hikers|residents", "|"),
    },
    "transit": {
        "K": _w("transit strike|bus service|rail line|fare increase|subway repairs", "|"),
        "X": [
            "walked off the job after talks collapsed",
            "suspended service on the busiest rail line",
            "approved a fare increase for next spring",
            "delayed the opening of a new light rail extension",
            "ordered inspections of every bus in the fleet",
        ],
        "U": _w("commute times|ridership|overtime costs|federal grants", "|"),
        "W": _w("commuters|bus drivers|students|riders|shift workers", "|"),
    },
    "hospital": {
        "K": _w("hospital merger|emergency room|nursing shortage|clinic closure", "|"),
        "X": [
            "agreed to merge with a larger regional health system",
            "closed its maternity ward citing staff shortages",
            "diverted ambulances for most of the weekend",
            "opened a new clinic for uninsured patients",
            "settled a lawsuit over billing practices",
        ],
        "U": _w("wait times|patient records|staffing levels|insurance coverage", "|"),
        "W": _w("patients|nurses|doctors|paramedics|families", "|"),
    },
    "court": {
        "K": _w("ruling|trial|appeal|settlement|indictment", "|"),
        "X": [
            "ruled that the county overstepped its authority",
            "sentenced a former official to prison for fraud",
            "blocked a new state law from taking effect",
            "dismissed charges against three protesters",
            "ordered a new trial after finding jury misconduct",
        ],
        "U": _w("legal fees|court records|appeals|jury selection", "|"),
        "W": _w("defendants|prosecutors|jurors|plaintiffs|attorneys", "|"),
    },
    "drought": {
        "K": _w("drought|water restrictions|crop losses|reservoir levels", "|"),
        "X": [
            "imposed strict limits on lawn watering",
            "declared a drought emergency in six counties",
            "cut water deliveries to farms by a third",
            "approved emergency loans for growers",
            "began trucking water to rural towns",
        ],
        "U": _w("crop prices|well permits|irrigation costs|relief payments", "|"),
        "W": _w("farmers|ranchers|growers|water districts|households", "|"),
    },
    "cyber": {
        "K": _w("cyberattack|data breach|ransomware attack|network outage", "|"),
        "X": [
            "shut down its computer systems after a ransomware attack",
            "said hackers stole personal data of thousands of people",
            "restored online services after a weeklong outage",
            "refused to pay a ransom demanded by hackers",
            "hired outside investigators to examine the breach",
        ],
        "U": _w("credit monitoring|backup systems|security audits|insurance payouts", "|"),
        "W": _w("customers|employees|students|account holders", "|"),
    },
}
_DAYS = _w("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_EDITS = {
    "said": "says", "about": "roughly", "officials": "authorities", "percent": "%",
    "residents": "locals", "on Monday": "Monday", "on Tuesday": "Tuesday", "center": "centre",
    "also": "additionally", "more than": "over", "the county": "the region",
    "announced": "said", "week": "weeks", "people": "residents",
}  # fmt: skip
_NOTES = [
    "Editor's note: This story has been updated with additional details.",
    "EDITOR'S NOTE: This article contains descriptions that some readers may find distressing.",
    "Editor's note: The Courier is republishing this story as part of its regional coverage.",
]
_AGENCIES = {
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
_WIRE_BYLINES_LOCAL = ["Staff and wire reports", "From wire reports", ""]


_SLOT = re.compile(r"\{(\w+|#|\$|%)\}")
_WORDS: dict[str, list[str]] = {
    "n": _w(
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
    "v": _w(
        "approved rejected delayed postponed expanded reduced suspended restored reviewed "
        "questioned defended criticized praised announced proposed confirmed denied extended "
        "cancelled revised updated published released blocked challenged funded audited "
        "inspected closed reopened replaced repaired upgraded tightened loosened doubled halved "
        "outlined detailed disputed endorsed renewed paused resumed settled drafted scrapped "
        "trimmed overhauled"
    ),
    "vi": _w(
        "approve reject delay expand reduce suspend restore review question defend announce "
        "confirm extend cancel revise update release block challenge fund audit inspect close "
        "reopen replace repair upgrade tighten outline dispute endorse renew pause resume "
        "settle draft scrap trim overhaul finish cover explain"
    ),
    "a": _w(
        "new local regional federal municipal rural urban seasonal temporary permanent "
        "emergency annual quarterly preliminary final revised initial independent private "
        "public joint costly modest sharp steady sudden gradual widespread limited significant "
        "unusual routine controversial popular contested overdue ambitious narrow broad "
        "detailed brief lengthy informal formal cautious aggressive surprising familiar"
    ),
    "adv": _w(
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
_SENTENCES = [
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
_LEADS = [
    "The {O} in {L} {X} on {D}, leaving {W} to weigh {a} {U} and a {a} {n}.",
    "{P}, the {R}, said on {D} that the {K} in {L} {X} and that {U} would follow.",
    "A {a} {K} in {L} {X} this week, and {W} braced for {a} {U}.",
    "{W} in {L} faced {a} {U} on {D} after the {K} {X}.",
    "The {O} {adv} {v} a {a} {n} on {D} as the {K} in {L} {X}.",
]
_QUOTES = [
    "We {v} the {n} because {W} {v} a {a} {n}, and we will {vi} the {U}",
    "Nobody in {L} expected the {K} to {vi} the {n} this quickly",
    "Our job now is to {vi} the {a} {n} and {vi} the {U} for {W}",
    "I told the {O} that {W} deserve a {a} {n} and an honest {n}",
    "We are going to {vi} every {n} and {vi} the {U} before the next {K}",
]
_ADJECTIVES = frozenset(_WORDS["a"])
_HEADLINES = [
    "{K} in {L} leaves {W} facing {a} {U}",
    "{L} {W} brace for {a} {U}",
    "What the {K} means for {W} in {L}",
    "{P} says {U} will be {v} after {K}",
    "{O} {v} {a} {n} as {K} grows",
    "{K}: {W} in {L} ask what comes next",
]


@dataclass
class Label:
    """Ground truth for one generated article."""

    story: str
    event: str = ""
    wire: str | None = None
    is_wire_page: bool = False
    truncated: bool = False
    headline_changed: bool = False
    text_added: bool = False


@dataclass
class Story:
    """One story: paragraphs (the first carries the dateline), headline, byline, agency."""

    key: str
    headline: str
    paragraphs: list[str]
    byline: str
    agency: str | None
    published: datetime
    site: str
    site_name: str
    credit: str | None = None


@dataclass
class Event:
    """What stories on one event share."""

    kind: str
    place: str
    people: list[tuple[str, str]]
    quote: str
    background: str
    day: str
    orgs: list[str]
    key: str = ""


class Generator:
    """Seeded generator of labelled articles (``records()`` yields (record, label) pairs)."""

    def __init__(self, seed: int, local_sites: int = 60):
        self.rng = random.Random(seed)
        self.seed = seed
        self.sites = [self._site() for _ in range(local_sites)]
        self.serial = 0
        self.start = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)

    # -- names and sites -------------------------------------------------------------------
    def _town(self) -> str:
        return self.rng.choice(_TOWN_A) + self.rng.choice(_TOWN_B)

    def _name(self) -> str:
        return f"{self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}"

    def _org(self) -> str:
        return f"{self._town()} {self.rng.choice(_ORG_KINDS)}"

    def _site(self) -> tuple[str, str, str]:
        town = self._town()
        paper = self.rng.choice(_PAPERS)
        return (f"{town.lower()}{paper.lower()}.example", f"{town} {paper}", town)

    # -- sentences --------------------------------------------------------------------------
    def _fill(self, template: str, ev: Event) -> str:
        """Replace each {slot} with a fresh random choice (event words or common words)."""
        r = self.rng
        k = _KINDS[ev.kind]

        def pick(m: re.Match[str]) -> str:
            slot = m[1]
            if slot == "P":
                return r.choice(ev.people)[0]
            if slot == "R":
                return r.choice(ev.people)[1]
            if slot == "L":
                return ev.place
            if slot == "O":
                return r.choice(ev.orgs)
            if slot == "D":
                return ev.day
            if slot == "#":
                return str(r.choice([r.randint(3, 99), r.randint(100, 9999)]))
            if slot == "$":
                return f"${r.randint(2, 950)} {r.choice(['million', 'thousand', 'billion'])}"
            if slot == "%":
                return f"{r.randint(2, 80)}%"
            if slot in k:
                return r.choice(k[slot])
            return r.choice(_WORDS[slot])

        text = _SLOT.sub(pick, template)
        return text[0].upper() + text[1:]

    def _sentence(self, ev: Event) -> str:
        return self._fill(self.rng.choice(_SENTENCES), ev)

    def _paragraph(self, ev: Event, sentences: int | None = None) -> str:
        n = sentences or self.rng.choice([1, 2, 2, 2, 3])
        return " ".join(self._sentence(ev) for _ in range(n))

    def _quote(self, ev: Event) -> str:
        said = self.rng.choice(['," said {P}, the {R}.', '," {P} said.', '," said {P}.'])
        return '"' + self._fill(self.rng.choice(_QUOTES), ev) + self._fill(said, ev)

    def _lead(self, ev: Event) -> str:
        return self._fill(self.rng.choice(_LEADS), ev) + " " + self._sentence(ev)

    def _headline(self, ev: Event) -> str:
        return self._fill(self.rng.choice(_HEADLINES), ev)

    # -- events and stories ------------------------------------------------------------------
    def _event(self) -> Event:
        r = self.rng
        kind = r.choice(list(_KINDS))
        ev = Event(
            kind=kind,
            place=self._town(),
            people=[(self._name(), r.choice(_ROLES)) for _ in range(r.randint(3, 5))],
            quote="",
            background="",
            day=r.choice(_DAYS),
            orgs=[self._org() for _ in range(2)],
        )
        ev.key = self._key("event")
        ev.quote = self._quote(ev)
        ev.background = " ".join(self._sentence(ev) for _ in range(3))
        return ev

    def _key(self, prefix: str) -> str:
        self.serial += 1
        return f"s{self.seed}-{prefix}-{self.serial}"

    def _body(
        self, ev: Event, words: int, quote: bool, background: bool, reuse: str | None
    ) -> list[str]:
        paras = [self._lead(ev), self._paragraph(ev)]
        while sum(len(p.split()) for p in paras) < words:
            paras.append(self._quote(ev) if self.rng.random() < 0.2 else self._paragraph(ev))
        inserts = []
        if quote:
            inserts.append((self.rng.randint(1, 5), ev.quote))
        if background:
            inserts.append((self.rng.randint(3, 10), ev.background))
        if reuse:
            inserts.append((self.rng.randint(2, 6), reuse))
        for pos, text in sorted(inserts, reverse=True):
            paras.insert(min(pos, len(paras)), text)
        return paras

    def _wire_story(
        self, ev: Event, agency: str, when: datetime, reuse: str | None = None
    ) -> Story:
        r = self.rng
        spec = _AGENCIES[agency]
        paras = self._body(ev, r.randint(480, 700), r.random() < 0.8, r.random() < 0.8, reuse)
        city = r.choice(_CITIES)
        dateline = str(spec["dateline"]).format(city=city, month=when.strftime("%b"), day=when.day)
        paras[0] = dateline + paras[0]
        credit = self._credit(agency, when) if r.random() < 0.6 else None
        full = {"AP": "The Associated Press"}.get(agency, agency)
        byline = r.choice(
            [f"By {self._name()}, {full}", f"By {self._name()} and {self._name()}", f"By {full}"]
        )
        return Story(
            self._key(agency.lower()), self._headline(ev), paras, byline, agency, when,
            str(spec["site"]), str(spec["name"]), credit,
        )  # fmt: skip

    def _credit(self, agency: str, when: datetime) -> str:
        credits = _AGENCIES[agency]["credit"]
        return str(self.rng.choice(credits)).format(
            year=when.year, name=self._name(), name2=self._name(), city=self._town()
        )

    def _local_story(self, ev: Event, when: datetime, quote: bool, background: bool) -> Story:
        site, name, town = self.rng.choice(self.sites)
        paras = self._body(ev, self.rng.randint(450, 700), quote, background, None)
        if self.rng.random() < 0.3:
            paras[0] = f"{town.upper()} — " + paras[0]
        return Story(
            self._key("local"), self._headline(ev), paras, f"By {self._name()}", None, when,
            site, name,
        )  # fmt: skip

    # -- copies ------------------------------------------------------------------------------
    def _edit(self, text: str) -> str:
        """One copy edit: a house-style substitution, a dropped adjective or an added word."""
        r = self.rng
        words = text.split(" ")
        options = [k for k in _EDITS if f" {k} " in text]
        how = r.random()
        if options and how < 0.5:
            old = r.choice(options)
            return text.replace(f" {old} ", f" {_EDITS[old]} ", 1)
        if how < 0.75:
            adjectives = [i for i, w in enumerate(words) if w in _ADJECTIVES]
            if adjectives:
                del words[r.choice(adjectives)]
                return " ".join(words)
        words.insert(r.randrange(1, len(words) + 1), r.choice(["also", "now", "reportedly"]))
        return " ".join(words)

    def _copy(self, story: Story, ev: Event) -> tuple[Story, Label]:
        r = self.rng
        site, name, town = r.choice(self.sites)
        paras = list(story.paragraphs)
        label = Label(story.key, ev.key, story.agency)
        if r.random() < 0.5:
            keep = r.randint(2, 4)
            label.truncated = keep < len(paras) * 0.8
            paras = paras[:keep]
        for _ in range(r.choice([0, 1, 2, 3, 4, 6])):
            i = r.randrange(min(len(paras), 3)) if r.random() < 0.5 else r.randrange(len(paras))
            paras[i] = self._edit(paras[i])
        if len(paras) > 5 and r.random() < 0.3:
            i = r.randrange(3, len(paras))
            sentences = paras[i].split(". ")
            if len(sentences) > 1:
                sentences.pop(r.randrange(len(sentences)))
                paras[i] = ". ".join(sentences)
        dateline, _, rest = paras[0].partition(" — " if story.agency == "AP" else " - ")
        choice = r.random()
        if choice < 0.25:
            paras[0] = rest
        elif choice < 0.4:
            paras[0] = f"{town.upper()} — {rest}"
        elif choice < 0.5:
            paras[0] = f"{dateline.split(' (')[0].split(',')[0]} — {rest}"
        if r.random() < 0.3:
            local = self._paragraph(
                Event(ev.kind, town, [(self._name(), "city manager")], "", "", ev.day, [self._org()])
            )  # fmt: skip
            at = 0 if r.random() < 0.15 else r.randint(1, len(paras))
            paras.insert(at, f"In {town}, {local[0].lower()}{local[1:]}")
            label.text_added = True
        if r.random() < 0.12:
            note = r.choice(_NOTES)
            paras.insert(0, note) if r.random() < 0.7 else paras.append(note)
            label.text_added = True
        credit = story.credit if r.random() < 0.5 else None
        headline = story.headline
        if r.random() < 0.6:
            headline = self._headline(ev) if r.random() < 0.6 else f"{town}: {headline}"
            label.headline_changed = headline != story.headline
        spec = _AGENCIES[str(story.agency)]
        byline = r.choice([*spec["bylines"], *_WIRE_BYLINES_LOCAL])
        byline = str(byline).format(name=self._name(), handle=site.split(".")[0][:3])
        when = story.published + timedelta(minutes=r.randint(20, 36 * 60))
        key = self._key("copy")
        return Story(key, headline, paras, byline, None, when, site, name, credit), label

    def _roundup(self, stories: list[Story]) -> Story:
        site, name, _ = self.rng.choice(self.sites)
        paras = [s.paragraphs[0] for s in stories]
        return Story(
            self._key("roundup"), "News in brief", paras, "Staff and wire reports", None,
            max(s.published for s in stories) + timedelta(hours=2), site, name,
        )  # fmt: skip

    # -- the stream ----------------------------------------------------------------------------
    def event_articles(self, when: datetime) -> list[tuple[Story, Label]]:
        """All articles about one new event: wire stories, copies, related local stories."""
        r = self.rng
        ev = self._event()
        out: list[tuple[Story, Label]] = []
        agencies = r.sample(list(_AGENCIES), k=r.choice([1, 1, 2, 2, 3]))
        wire = [
            self._wire_story(ev, a, when + timedelta(minutes=r.randint(0, 240))) for a in agencies
        ]
        if r.random() < 0.4:
            first = wire[0]
            lead = first.paragraphs[0].split(" — ")[-1].split(" - ", 1)[-1]
            reuse = lead if r.random() < 0.5 else None
            wire.append(
                self._wire_story(ev, str(first.agency), when + timedelta(hours=r.randint(20, 30)), reuse)
            )  # fmt: skip
        for story in wire:
            if r.random() < 0.7:
                out.append((story, Label(story.key, ev.key, story.agency, is_wire_page=True)))
            for _ in range(r.choice([0, 1, 1, 2, 2, 3, 4, 6])):
                out.append(self._copy(story, ev))
        if r.random() < 0.3:
            local = self._local_story(
                ev, when + timedelta(hours=3), r.random() < 0.7, r.random() < 0.7
            )
            out.append((local, Label(local.key, ev.key)))
        return out

    def records(self, articles: int, wire_copy_share: float = 0.2) -> Iterator[tuple[dict, Label]]:
        """``articles`` records, about ``wire_copy_share`` of them copies of wire stories."""
        made = copies = 0
        when = self.start
        recent: list[Story] = []
        while made < articles:
            when += timedelta(minutes=self.rng.randint(5, 90))
            if copies < wire_copy_share * (made + 1):
                batch = self.event_articles(when)
                recent.extend(s for s, lab in batch if lab.is_wire_page)
                if len(recent) >= 4 and self.rng.random() < 0.05:
                    picked = self.rng.sample(recent[-12:], k=3)
                    roundup = self._roundup(picked)
                    batch.append((roundup, Label(roundup.key)))
                recent = recent[-12:]
            else:
                ev = self._event()
                story = self._local_story(ev, when, False, False)
                batch = [(story, Label(story.key, ev.key))]
            for story, label in batch[: articles - made]:
                made += 1
                copies += label.wire is not None and not label.is_wire_page
                yield self.record(story), label

    def record(self, story: Story) -> dict:
        """The article record (``articles`` columns) of a generated story."""
        slug = "-".join(story.headline.lower().split()[:6]).strip(":,")
        return {
            "url": f"https://{story.site}/{story.published:%Y/%m/%d}/{slug}-{story.key}/",
            "site": story.site,
            "site_name": story.site_name,
            "headline": story.headline,
            "byline": story.byline or None,
            "published": story.published.isoformat(timespec="seconds"),
            "body": "\n\n".join([*story.paragraphs, *([story.credit] if story.credit else [])]),
        }


def agency_sites() -> list[dict[str, str]]:
    """The wire agencies' own sites, for ``sites.agency`` (their pages are the originals)."""
    return [
        {"site": str(s["site"]), "name": str(s["name"]), "agency": a} for a, s in _AGENCIES.items()
    ]


def labelled(seed: int, articles: int) -> list[tuple[dict, Label]]:
    """A shuffled labelled set of ``articles`` records (arrival order is not publication order)."""
    items = list(Generator(seed).records(articles))
    random.Random(seed + 1).shuffle(items)
    return items
