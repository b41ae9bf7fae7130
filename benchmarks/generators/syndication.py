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

from benchmarks.generators.phrases import (
    ADJECTIVES,
    AGENCIES,
    CITIES,
    DAYS,
    EDITS,
    FIRST,
    HEADLINES,
    KINDS,
    LAST,
    LEADS,
    NOTES,
    ORG_KINDS,
    PAPERS,
    QUOTES,
    ROLES,
    SENTENCES,
    SLOT,
    TOWN_A,
    TOWN_B,
    WIRE_BYLINES_LOCAL,
    WORDS,
)


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
        return self.rng.choice(TOWN_A) + self.rng.choice(TOWN_B)

    def _name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def _org(self) -> str:
        return f"{self._town()} {self.rng.choice(ORG_KINDS)}"

    def _site(self) -> tuple[str, str, str]:
        town = self._town()
        paper = self.rng.choice(PAPERS)
        return (f"{town.lower()}{paper.lower()}.example", f"{town} {paper}", town)

    # -- sentences --------------------------------------------------------------------------
    def _fill(self, template: str, ev: Event) -> str:
        """Replace each {slot} with a fresh random choice (event words or common words)."""
        r = self.rng
        k = KINDS[ev.kind]

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
            return r.choice(WORDS[slot])

        text = SLOT.sub(pick, template)
        return text[0].upper() + text[1:]

    def _sentence(self, ev: Event) -> str:
        return self._fill(self.rng.choice(SENTENCES), ev)

    def _paragraph(self, ev: Event, sentences: int | None = None) -> str:
        n = sentences or self.rng.choice([1, 2, 2, 2, 3])
        return " ".join(self._sentence(ev) for _ in range(n))

    def _quote(self, ev: Event) -> str:
        said = self.rng.choice(['," said {P}, the {R}.', '," {P} said.', '," said {P}.'])
        return '"' + self._fill(self.rng.choice(QUOTES), ev) + self._fill(said, ev)

    def _lead(self, ev: Event) -> str:
        return self._fill(self.rng.choice(LEADS), ev) + " " + self._sentence(ev)

    def _headline(self, ev: Event) -> str:
        return self._fill(self.rng.choice(HEADLINES), ev)

    # -- events and stories ------------------------------------------------------------------
    def _event(self) -> Event:
        r = self.rng
        kind = r.choice(list(KINDS))
        ev = Event(
            kind=kind,
            place=self._town(),
            people=[(self._name(), r.choice(ROLES)) for _ in range(r.randint(3, 5))],
            quote="",
            background="",
            day=r.choice(DAYS),
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
        spec = AGENCIES[agency]
        paras = self._body(ev, r.randint(480, 700), r.random() < 0.8, r.random() < 0.8, reuse)
        city = r.choice(CITIES)
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
        credits = AGENCIES[agency]["credit"]
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
        options = [k for k in EDITS if f" {k} " in text]
        how = r.random()
        if options and how < 0.5:
            old = r.choice(options)
            return text.replace(f" {old} ", f" {EDITS[old]} ", 1)
        if how < 0.75:
            adjectives = [i for i, w in enumerate(words) if w in ADJECTIVES]
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
            note = r.choice(NOTES)
            paras.insert(0, note) if r.random() < 0.7 else paras.append(note)
            label.text_added = True
        credit = story.credit if r.random() < 0.5 else None
        headline = story.headline
        if r.random() < 0.6:
            headline = self._headline(ev) if r.random() < 0.6 else f"{town}: {headline}"
            label.headline_changed = headline != story.headline
        spec = AGENCIES[str(story.agency)]
        byline = r.choice([*spec["bylines"], *WIRE_BYLINES_LOCAL])
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
        agencies = r.sample(list(AGENCIES), k=r.choice([1, 1, 2, 2, 3]))
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
        {"site": str(s["site"]), "name": str(s["name"]), "agency": a} for a, s in AGENCIES.items()
    ]


def labelled(seed: int, articles: int) -> list[tuple[dict, Label]]:
    """A shuffled labelled set of ``articles`` records (arrival order is not publication order)."""
    items = list(Generator(seed).records(articles))
    random.Random(seed + 1).shuffle(items)
    return items
