"""Pipelines on crafted items: validate drops with reasons, syndication groups, store upserts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem

from newscrawl.items import Article
from newscrawl.pipelines.store import StorePipeline
from newscrawl.pipelines.syndication import SyndicationPipeline
from newscrawl.pipelines.validate import ValidatePipeline
from newscrawl.store import Archive

WIRE_TEXT = [
    "GENEVA (AP) — Negotiators from nine countries agreed early Wednesday on a draft treaty to share water from the Lake Varna basin, ending three years of talks that had stalled twice over dam quotas.",
    "The draft sets seasonal limits on how much each country may divert and creates a joint commission to measure flows at eleven gauging stations along the basin's rivers.",
    "Delegates applauded when the chair read the final text shortly after 3 a.m., and several said the deal would be sent to national parliaments within weeks.",
    "Farmers' groups downstream had warned that the old quotas left their fields dry in late summer, while upstream towns said they needed the water for new hydropower plants.",
    "The commission will publish its first measurements next spring, and the treaty allows quotas to be revised every five years as rainfall patterns change.",
]


class Stats(Counter):
    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self[key] += count


def item(url: str, paragraphs: list[str], **values: object) -> Article:
    fields = {"url": url, "site": url.split("/")[2].split(":")[0], "headline": "Water deal"}
    fields.update(byline="By Mara Oyelaran", body="\n\n".join(paragraphs))
    return Article({**fields, **values})


@pytest.fixture
def chain(tmp_path: Path):
    stats = Stats()
    archive = Archive.open(tmp_path / "news.db")
    pipes = [
        ValidatePipeline(stats, 200),
        SyndicationPipeline(stats),
        StorePipeline(archive, stats),
    ]

    def process(it: Article) -> Article | str:
        try:
            for pipe in pipes:
                it = pipe.process_item(it)
        except DropItem as exc:
            return str(exc)
        return it

    yield process, archive, stats
    archive.close()


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"body": ""}, "empty_body"),
        ({"body": "Too short."}, "body_too_short"),
        ({"headline": ""}, "no_headline"),
        ({"url": None}, "no_url"),
    ],
)
def test_validate_drops_with_a_recorded_reason(chain, values: dict, reason: str) -> None:
    process, archive, stats = chain
    it = item("http://127.0.0.2:8080/2025/03/05/water-deal/", WIRE_TEXT)
    it.update(values)
    assert process(it).startswith(reason)
    assert stats[f"newscrawl/dropped/{reason}"] == 1
    assert stats[f"newscrawl/site/127.0.0.2/dropped/{reason}"] == 1
    assert archive.conn.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_copies_of_one_wire_story_share_a_story(chain) -> None:
    process, archive, stats = chain
    original = process(item("http://127.0.0.2:8080/2025/03/05/water-deal/", WIRE_TEXT))
    truncated = process(
        item(
            "http://127.0.0.3:8080/2025/03/05/basin-treaty-agreed/",
            ["GENEVA — " + WIRE_TEXT[0].split("— ", 1)[1], *WIRE_TEXT[1:3]],
            headline="Nine nations agree water treaty",
        )
    )
    padded = process(
        item(
            "http://127.0.0.4:8080/news/lake-varna-deal.html",
            [
                "Editor's note: This story has been updated with local reaction.",
                *WIRE_TEXT,
                "Local growers said they would study the quotas closely.",
            ],
        )
    )
    other = process(
        item(
            "http://127.0.0.4:8080/news/dam-opening.html",
            [
                "The new Varna dam opened on Tuesday after six years of construction, with a ribbon cutting attended by the regional governor and hundreds of residents.",
                "Engineers said the turbines would supply power to forty thousand homes by summer, and the reservoir would take two years to fill completely.",
                WIRE_TEXT[3],
            ],
        )
    )
    assert original["wire_source"] == "AP"
    assert original["story_id"] == truncated["story_id"] == padded["story_id"]
    assert other["story_id"] != original["story_id"]
    assert stats["newscrawl/articles/new"] == 4
    archive.commit()  # story fields are brought up to date once per transaction
    assert archive.conn.execute(
        "SELECT copies FROM stories WHERE id = ?", [original["story_id"]]
    ).fetchone() == (3,)


def test_store_is_idempotent(chain) -> None:
    process, archive, stats = chain
    for _ in range(3):
        process(item("http://127.0.0.2:8080/2025/03/05/water-deal/", WIRE_TEXT))
    assert stats["newscrawl/articles/new"] == 1 and stats["newscrawl/articles/unchanged"] == 2
    assert archive.conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    assert archive.conn.execute("SELECT count(*) FROM stories").fetchone() == (1,)


def test_plain_dicts_go_through_the_same_chain_as_article_items(chain) -> None:
    process, _archive, stats = chain
    url = "http://127.0.0.2:8080/2025/03/05/water-deal/"
    as_item = process(item(url, WIRE_TEXT))
    as_dict = process(dict(item(url.replace("water-deal", "water-deal-2"), WIRE_TEXT)))
    assert isinstance(as_dict, dict) and not isinstance(as_dict, Article)
    assert as_dict["wire_source"] == as_item["wire_source"] == "AP"
    assert as_dict["story_id"] == as_item["story_id"]  # one story, whatever the item type
    assert stats["newscrawl/articles/new"] == 2
    assert process({**dict(item(url, WIRE_TEXT)), "body": ""}).startswith("empty_body")
