"""Whole pages: every field from the fixture pages, Scrapy trees, site overrides, page kinds."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest

from newscrawl.extract import FIELDS, analyze_page, extract_article
from newscrawl.extract.bylines import is_cms_handle, normalize_name
from newscrawl.extract.dates import parse_date
from newscrawl.extract.headline import strip_site_name
from newscrawl.extract.parse import decode_html
from newscrawl.extract.text import clean_text

PAGES = Path(__file__).parents[1] / "fixtures" / "extract"


def page(name: str) -> str:
    return decode_html((PAGES / name).read_bytes())


def test_republished_wire_story() -> None:
    url = "https://riverbend.example/2024/09/10/harbor-towns-split-ferry-subsidy/"
    result = analyze_page(page("wire_republished.html"), url)
    fields = result.fields
    assert result.kind.is_article
    assert fields["headline"] == "Harbor towns split over ferry subsidy plan"
    assert fields["byline"] == "By Associated Press"  # not the rbd_ap_feed account
    assert fields["authors"] == []
    assert fields["published"] == "2024-09-10T14:05:00-07:00"
    assert fields["modified"] == "2024-09-10T18:30:00-07:00"
    paragraphs = fields["body"].split("\n\n")
    assert paragraphs[0].startswith("SALEM, Ore. (AP) — Coastal towns")
    assert paragraphs[-1].startswith("Island businesses said")
    assert "Costs and Critics" in paragraphs and "What Comes Next" in paragraphs
    for junk in (
        "Share",
        "Trinity Audio",
        "AP Photo",
        "Advertisement",
        "Read more",
        "DON'T MISS",
        "UP NEXT",
        "Donate",
        "Recent Stories",
        "1 hour ago",
        "RELATED TOPICS",
    ):
        assert junk not in fields["body"]
    assert fields["canonical_url"] == url  # tracking parameter dropped
    assert fields["description"].startswith("Coastal towns are divided")
    assert fields["language"] == "en"
    assert fields["section"] == "State"
    assert fields["tags"] == ["Transportation", "Ferries"]
    assert fields["image"] == "https://riverbend.example/media/2024/09/ferry.jpg"
    assert fields["site_name"] == "Riverbend Daily"
    assert "https://riverbend.example/2024/09/11/school-bond/" in result.related_links
    assert "https://riverbend.example/2024/09/09/fair-opens/" in result.related_links


def test_german_news_page() -> None:
    fields = extract_article(
        page("german_news.html"), "https://nordkurier.example/wirtschaft/fernwaerme-123"
    )
    assert fields["headline"] == "Stadtwerke erhöhen Fernwärmepreise"  # kicker "Energie" dropped
    assert fields["authors"] == ["Lena Brandt"]
    assert fields["byline"] == "Von Lena Brandt"
    assert fields["published"] == "2025-03-04T17:20:00+01:00"
    assert fields["modified"] == "2025-03-04T19:15:00"  # "Stand:" is the last update
    assert fields["body"].startswith("ROSTOCK (dpa) – Die Stadtwerke")
    assert "Mieterbund kritisiert Zeitpunkt" in fields["body"]
    for junk in ("Mehr zum Thema", "Lesen Sie auch", "Newsletter", "Karl Weber", "Schon wieder"):
        assert junk not in fields["body"]
    assert fields["tags"] == ["Energie", "Fernwärme"]
    assert fields["language"] == "de"


def test_blog_post() -> None:
    fields = extract_article(
        page("blog_post.html"), "https://tidewater.example/2021/06/14/dinghy-3/"
    )
    assert fields["headline"] == "Restoring a 1962 sailing dinghy, part 3"
    assert fields["authors"] == []  # a user name is no person's name...
    assert fields["byline"] == "By wrenharbor"  # ...but it is the blog's byline
    assert fields["published"] == "2021-06-14T20:41:07+02:00"
    assert fields["modified"] == "2021-06-15T08:02:11+02:00"
    body = fields["body"]
    assert body.startswith("This weekend the transom finally came off.")
    assert body.endswith("the first coat of primer.")
    assert "Choosing the epoxy" in body
    for junk in ("Peter Olsen", "Mirror dinghy", "Posted in", "Recent Posts", "Previous"):
        assert junk not in body


def test_old_table_layout_in_windows_1252() -> None:
    raw = (PAGES / "oldschool.html").read_bytes()
    fields = extract_article(raw, "http://pinecrest.example/news/lake-patrol-boat.html")
    assert fields["headline"] == "Lake Patrol Gets New Boat"
    assert fields["byline"] == "AP"
    assert fields["authors"] == []
    assert fields["published"] == "2025-03-04T19:15:00"
    assert fields["modified"] == "2025-03-05"
    assert "sheriff’s lake patrol" in fields["body"]  # &#146; decoded as in windows-1252
    assert "Local News" not in fields["body"]


def test_listing_page() -> None:
    result = analyze_page(page("listing.html"), "https://riverbend.example/local/")
    assert result.kind.kind == "listing"


def test_scrapy_tree_and_site_overrides() -> None:
    html = page("german_news.html")
    tree = lxml.html.document_fromstring(html)  # what parsel gives the spider
    result = analyze_page(
        html,
        "https://nordkurier.example/wirtschaft/fernwaerme-123",
        tree=tree,
        selectors={
            "byline": "p.article-byline::text",
            "section": "div.breadcrumb a:nth-of-type(2)::text",
            "body": "div.article-body > p",
            "headline": "[[invalid",  # a broken selector is skipped, not fatal
        },
        site_name="Nordkurier",
    )
    assert result.fields["authors"] == ["Lena Brandt"]
    assert result.fields["section"] == "Wirtschaft"
    assert result.fields["body"].split("\n\n")[0].startswith("ROSTOCK (dpa)")
    assert "Lesen Sie auch" in result.fields["body"]  # the user's selector decides
    assert result.fields["headline"] == "Stadtwerke erhöhen Fernwärmepreise"
    assert result.fields["site_name"] == "Nordkurier"


@pytest.mark.parametrize("name", ["wire_republished.html", "german_news.html", "listing.html"])
def test_every_field_present(name: str) -> None:
    fields = extract_article(page(name), "https://riverbend.example/x")
    assert set(fields) == set(FIELDS)
    assert isinstance(fields["authors"], list) and isinstance(fields["tags"], list)


def test_relative_dates_need_the_fetch_time() -> None:
    paragraph = "<p>" + "The river rose overnight and closed two roads near the mill. " * 4 + "</p>"
    html = (
        "<html><body><article><h1>River closes roads</h1><p class='date'>Posted 3 hours ago</p>"
        f"{paragraph}{paragraph}</article></body></html>"
    )
    url = "https://valley.example/news/river-closes-roads"
    now = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
    assert analyze_page(html, url, now=now).fields["published"] == "2025-03-04T09:00:00+00:00"
    assert analyze_page(html, url).fields["published"] is None


@pytest.mark.parametrize(
    "name", ["wire_republished.html", "german_news.html", "blog_post.html", "oldschool.html"]
)
def test_fields_survive_the_crawl_loader(name: str) -> None:
    """The crawl's loader re-applies these functions: what it stores is what was extracted."""
    fields = extract_article((PAGES / name).read_bytes(), "https://riverbend.example/a/1")
    assert [normalize_name(a) for a in fields["authors"]] == fields["authors"]
    assert not fields["byline"] or not is_cms_handle(fields["byline"])
    assert clean_text(fields["byline"]) == fields["byline"]
    assert (
        strip_site_name(clean_text(fields["headline"]), [fields["site_name"]])
        == (fields["headline"])
    )
    for paragraph in fields["body"].split("\n\n"):
        assert clean_text(paragraph) == paragraph
    for name_ in ("published", "modified"):
        assert fields[name_] is None or parse_date(fields[name_]) == fields[name_]


def test_scrapy_tree_with_comments_and_processing_instructions() -> None:
    text = "A paragraph long enough to be the article body, with a comma, and a full stop. " * 3
    html = f"<html><body><!-- a comment --><?php echo 1 ?><article><p>{text}</p><!-- x --></article></body></html>"
    tree = lxml.html.document_fromstring(html)
    fields = analyze_page(html, "https://x.example/news/a-story-here", tree=tree).fields
    assert fields["body"] == text.strip()
