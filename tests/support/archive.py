"""A small crafted archive of invented articles, shared by the analysts' tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newscrawl.store import Archive

SITES = [
    {"site": "valley.example", "name": "Valley Courier", "start_urls": ["http://valley.example/"]},
    {"site": "harbor.example", "name": "Harbor Post", "start_urls": ["http://harbor.example/"]},
    {"site": "wire.example", "name": "Wire Service", "agency": "AP", "start_urls": []},
]
WIRE_BODY = (
    "ALDERMERE (AP) — The regional water board approved a plan on Tuesday to rebuild the "
    "old canal locks before the spring floods. Engineers said the locks had leaked for years. "
    "Residents along the towpath welcomed the decision but asked for quieter night works. "
    "The board will publish a timetable for the work next month."
)


def article(url: str, site: str, headline: str, body: str, **extra: object) -> dict[str, object]:
    """An article record as the crawler hands it to the archive."""
    return {"url": url, "site": site, "headline": headline, "body": body, **extra}


def fill(archive: Archive) -> dict[str, int]:
    """Store the crafted articles; their ids by short name."""
    archive.register_sites(SITES, now="2024-03-01T00:00:00+00:00")
    ids: dict[str, int] = {}

    def save(name: str, record: dict[str, object], seen: str, story: int | None = None) -> int:
        if story:
            record["story_id"] = story
        saved = archive.save_article(record, seen_at=seen)
        ids[name] = saved.article_id
        return saved.story_id

    story = save(
        "wire",
        article(
            "http://wire.example/canal-locks", "wire.example", "Water board backs canal lock rebuild",
            WIRE_BODY, published="2024-03-05T09:00:00-05:00", wire_source="AP",
        ),
        "2024-03-05T14:05:00+00:00",
    )  # fmt: skip
    save(
        "valley_copy",
        article(
            "http://valley.example/news/canal", "valley.example", "Canal locks to be rebuilt",
            WIRE_BODY.split(". Residents")[0] + ".", published="2024-03-05T16:30:00+01:00",
            wire_source="AP",
        ),
        "2024-03-05T15:40:00+00:00",
        story,
    )  # fmt: skip
    save(
        "harbor_copy",
        article(
            "http://harbor.example/canal", "harbor.example", "Water board backs canal lock rebuild",
            WIRE_BODY + " Harbor businesses expect more boats next summer.",
            published="2024-03-06T08:00:00+00:00", wire_source="AP",
        ),
        "2024-03-06T08:10:00+00:00",
        story,
    )  # fmt: skip
    save(
        "valley_fair",
        article(
            "http://valley.example/news/fair", "valley.example", "Pumpkin fair breaks records",
            "The autumn pumpkin fair drew a record crowd to the valley showground. A giant "
            "pumpkin weighing four hundred kilograms won the top prize.",
            published="2024-03-04T11:00:00+01:00",
        ),
        "2024-03-04T10:30:00+00:00",
    )  # fmt: skip
    save(
        "harbor_ferry",
        article(
            "http://harbor.example/ferry", "harbor.example", "Ferry timetable changes",
            "The harbor ferry will sail every forty minutes from April. Commuters said the "
            "canal crossing was often crowded in the mornings.",
        ),
        "2024-03-07T07:00:00+00:00",
    )  # fmt: skip
    archive.commit()
    return ids


@dataclass
class Crafted:
    """An open archive holding the crafted articles."""

    archive: Archive
    ids: dict[str, int]
    path: Path

    @property
    def conn(self) -> sqlite3.Connection:
        return self.archive.conn


@contextmanager
def crafted_archive(directory: Path) -> Iterator[Crafted]:
    """A new archive file in ``directory`` with the crafted articles, closed afterwards."""
    path = directory / "news.db"
    opened = Archive.open(path)
    try:
        yield Crafted(opened, fill(opened), path)
    finally:
        opened.close()
