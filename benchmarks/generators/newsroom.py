"""The labelled stream with the copies local newsrooms really make, and harder negatives.

Extends ``benchmarks/generators/syndication.py`` (issue 16). Copies may have their lead
rewritten by the site (its own first paragraph, then the wire text, often cut after a few
paragraphs), a quote or a later paragraph pulled up under the lead (tail cut), heavy
copy-editing (about one word in twelve changed), or be copies of a write-through (the agency
updates a story: a new lead, one or two added paragraphs, most of the earlier text kept; all
versions and their copies are one story). Negatives: other agencies' stories on the same
event (sharing people, places, a quote and a background paragraph, as before) and the same
agency's next-day story, which repeats two paragraphs of the earlier story near its end.
Seeded: the same seed gives the same stream.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from benchmarks.generators.phrases import ADJECTIVES, AGENCIES, EDITS, NOTES, WIRE_BYLINES_LOCAL
from benchmarks.generators.syndication import (
    Event,
    Generator,
    Label,
    Story,
)

_LOCAL_LEADS = [
    "A {town} County official said {D} that the {K} in {L} would reach {W} in {town} soon.",
    "{town} {W} are watching the {K} in {L} closely, {s}, as the {a} {U} spread.",
    "The {K} in {L} has {town} leaders weighing a {a} {n} of their own, {s}.",
    "Officials in {town} said {D} they were preparing for the {a} {U} from the {K} in {L}.",
]
#: House style and spelling changes of heavy copy-editing (besides dropped and added words).
_HEAVY = {
    **EDITS,
    "percent": "per cent", "program": "programme", "center": "centre", "color": "colour",
    "told": "said to", "because": "as", "before": "ahead of", "after": "following",
    "would": "will", "could": "may", "approved": "passed", "rejected": "turned down",
    "thousands": "many thousands", "million": "mln", "billion": "bln", "residents": "people",
}  # fmt: skip


@dataclass
class NewsLabel(Label):
    """A label with what the site changed and which write-through version it copied."""

    lead_rewritten: bool = False
    paragraphs_moved: bool = False
    heavy_edit: bool = False
    version: int = 1
    kind: str = "story"  # wire, write-through, copy, next-day, local, roundup


class Newsroom(Generator):
    """The base generator plus lead rewrites, moved paragraphs, write-throughs, heavy edits."""

    # -- stories ------------------------------------------------------------------------------
    def _write_through(self, story: Story, ev: Event) -> Story:
        """The agency's update: a new lead, one or two added paragraphs, the rest kept."""
        r = self.rng
        dateline = story.paragraphs[0][: len(story.paragraphs[0]) - len(_body_of(story))]
        old_lead = _body_of(story)
        paras = [dateline + self._lead(ev)]
        if r.random() < 0.4:
            paras.append(old_lead)
        rest = list(story.paragraphs[1:])
        for _ in range(r.choice([1, 2])):
            rest.insert(r.randint(0, min(3, len(rest))), self._paragraph(ev))
        if r.random() < 0.5:
            rest.pop(r.randrange(3, len(rest)))  # one earlier paragraph dropped
        headline = self._headline(ev) if r.random() < 0.7 else story.headline
        when = story.published + timedelta(minutes=r.randint(40, 300))
        key = self._key(str(story.agency).lower())
        return replace(story, key=key, headline=headline, paragraphs=paras + rest, published=when)

    def _next_day(self, first: Story, ev: Event) -> Story:
        """The same agency's next-day story: new text, two earlier paragraphs near its end."""
        r = self.rng
        lead = _body_of(first)
        reuse = lead if r.random() < 0.5 else None
        when = first.published + timedelta(hours=r.randint(20, 30))
        story = self._wire_story(ev, str(first.agency), when, reuse)
        at = r.randrange(2, max(3, min(6, len(first.paragraphs) - 1)))
        repeated = first.paragraphs[at : at + 2]
        end = len(story.paragraphs) - r.randint(0, 2)
        story.paragraphs[end:end] = repeated
        return story

    # -- copies -------------------------------------------------------------------------------
    def _heavy(self, text: str) -> str:
        """About one word in twelve changed: house style, spelling, dropped or added words."""
        r = self.rng
        out: list[str] = []
        for word in text.split(" "):
            if r.random() >= 1 / 12:
                out.append(word)
                continue
            bare = word.strip(".,;:\"'")
            how = r.random()
            if bare in _HEAVY and how < 0.6:
                out.append(word.replace(bare, _HEAVY[bare]))
            elif (bare in ADJECTIVES or how < 0.5) and len(out) > 1:
                continue  # trimmed
            else:
                out += [word, r.choice(["also", "now", "reportedly", "still", "locally"])]
        return " ".join(out)

    def _local_lead(self, ev: Event, town: str) -> str:
        template = self.rng.choice(_LOCAL_LEADS).replace("{town}", town)
        return self._fill(template, ev) + " " + self._sentence(ev)

    def _reshape(self, story: Story, ev: Event, town: str, label: NewsLabel) -> list[str]:
        """The paragraphs a site keeps: lead rewritten, a paragraph moved, or cut."""
        r = self.rng
        paras = list(story.paragraphs)
        how = r.random()
        if how < 0.22:
            keep = r.randint(2, 5) if r.random() < 0.7 else len(paras)
            paras = [self._local_lead(ev, town), *paras[1 : 1 + keep]]
            label.lead_rewritten = True
        elif how < 0.4 and len(paras) > 4:
            quotes = [i for i in range(3, len(paras)) if paras[i].startswith('"')]
            moved = r.choice(quotes) if quotes and r.random() < 0.7 else r.randrange(3, len(paras))
            paras.insert(1, paras.pop(moved))
            if r.random() < 0.7:
                paras = paras[: r.randint(3, 6)]
            label.paragraphs_moved = True
        elif r.random() < 0.5:
            paras = paras[: r.randint(2, 4)]
        label.truncated = len(paras) < len(story.paragraphs) * 0.8
        return paras

    def _edit_all(self, paras: list[str], label: NewsLabel) -> list[str]:
        r = self.rng
        if r.random() < 0.25:
            label.heavy_edit = True
            return [self._heavy(p) for p in paras]
        for _ in range(r.choice([0, 1, 2, 3, 4, 6])):
            i = r.randrange(min(len(paras), 3)) if r.random() < 0.5 else r.randrange(len(paras))
            paras[i] = self._edit(paras[i])
        return paras

    def _news_copy(self, story: Story, ev: Event, truth: str, version: int) -> tuple[Story, Label]:
        r = self.rng
        site, name, town = r.choice(self.sites)
        label = NewsLabel(truth, ev.key, story.agency, version=version, kind="copy")
        paras = self._edit_all(self._reshape(story, ev, town, label), label)
        if not label.lead_rewritten:
            body = _body_of(replace(story, paragraphs=paras))
            choice = r.random()
            if choice < 0.25:
                paras[0] = body
            elif choice < 0.4:
                paras[0] = f"{town.upper()} — {body}"
        if r.random() < 0.3:
            local = self._paragraph(ev)
            paras.insert(r.randint(1, len(paras)), f"In {town}, {local[0].lower()}{local[1:]}")
            label.text_added = True
        if r.random() < 0.12:
            paras.insert(0, r.choice(NOTES))
            label.text_added = True
        headline = story.headline
        if r.random() < 0.6:
            headline = self._headline(ev) if r.random() < 0.6 else f"{town}: {headline}"
            label.headline_changed = True
        byline = r.choice([*AGENCIES[str(story.agency)]["bylines"], *WIRE_BYLINES_LOCAL])
        byline = str(byline).format(name=self._name(), handle=site.split(".")[0][:3])
        when = story.published + timedelta(minutes=r.randint(20, 36 * 60))
        credit = story.credit if r.random() < 0.5 else None
        copy = Story(self._key("copy"), headline, paras, byline, None, when, site, name, credit)
        return copy, label

    # -- the stream ---------------------------------------------------------------------------
    def event_articles(self, when: datetime) -> list[tuple[Story, Label]]:
        """Wire stories with write-throughs and copies, next-day stories, local stories."""
        r = self.rng
        ev = self._event()
        agencies = r.sample(list(AGENCIES), k=r.choice([1, 1, 2, 2, 3]))
        wire = [
            self._wire_story(ev, a, when + timedelta(minutes=r.randint(0, 240))) for a in agencies
        ]
        if r.random() < 0.4:
            wire.append(self._next_day(wire[0], ev))
        out: list[tuple[Story, Label]] = []
        for story in wire:
            versions = [story]
            while len(versions) < 3 and r.random() < (0.4 if len(versions) == 1 else 0.3):
                versions.append(self._write_through(versions[-1], ev))
            for n, version in enumerate(versions, 1):
                if r.random() < 0.7:
                    kind = "wire" if n == 1 else "write-through"
                    label = NewsLabel(story.key, ev.key, story.agency, True, version=n, kind=kind)
                    out.append((version, label))
                for _ in range(r.choice([0, 1, 1, 2, 2, 3, 4, 6])):
                    out.append(self._news_copy(version, ev, story.key, n))
        if r.random() < 0.3:
            local = self._local_story(ev, when + timedelta(hours=3), r.random() < 0.7, True)
            out.append((local, NewsLabel(local.key, ev.key, kind="local")))
        return out


def _body_of(story: Story) -> str:
    """The first paragraph without the agency's dateline."""
    first = story.paragraphs[0]
    for sep in (" — ", " - "):
        head, found, rest = first.partition(sep)
        if found and len(head) < 60 and "(" in head:
            return rest
    return first


def newsroom_labelled(seed: int, articles: int) -> list[tuple[dict, Label]]:
    """A shuffled labelled set of ``articles`` records of the newsroom stream."""
    items = list(Newsroom(seed).records(articles))
    random.Random(seed + 1).shuffle(items)
    return items


def newsroom_records(seed: int, articles: int) -> Iterator[tuple[dict, Label]]:
    """The newsroom stream in generation order (for the import benchmark)."""
    return Newsroom(seed).records(articles)
