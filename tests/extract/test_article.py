"""Whole pages: every field from the fixture pages, Scrapy trees, site overrides, page kinds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawl.extract import FIELDS, analyze_page, extract_article
from newscrawl.extract.article import empty_fields
from newscrawl.extract.parse import decode_html
from newscrawl.loaders import load_article
from tests.support.golden import golden_page


def page(name: str) -> str:
    return decode_html(golden_page(name.removesuffix(".html")).read_bytes())


def test_republished_wire_story() -> None:
    url = "https://riverbend.example/2024/09/10/harbor-towns-split-ferry-subsidy/"
    result = analyze_page(page("wire_republished.html"), url)
    fields = {**empty_fields(url), **load_article(result)}
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


def test_related_links_can_be_left_out_without_changing_the_fields() -> None:
    url = "https://riverbend.example/2024/09/10/harbor-towns-split-ferry-subsidy/"
    full = analyze_page(page("wire_republished.html"), url, follow=False)
    lean = analyze_page(page("wire_republished.html"), url, follow=False, related=False)
    assert full.related_links and lean.related_links == []
    assert load_article(lean) == load_article(full)


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
    raw = golden_page("oldschool").read_bytes()
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


def test_articles_only_looks_for_no_field_of_other_pages() -> None:
    url = "https://riverbend.example/local/"
    full = analyze_page(page("listing.html"), url)
    lean = analyze_page(page("listing.html"), url, articles_only=True)
    assert lean.kind == full.kind and lean.url == full.url
    assert lean.links == full.links and lean.feeds == full.feeds and lean.links
    assert full.raw["headline"] and lean.raw == {} and lean.blocks is None
    wanted = analyze_page(page("listing.html"), url, articles_only=True, as_article=True)
    assert wanted.raw == analyze_page(page("listing.html"), url, as_article=True).raw
    article = "https://riverbend.example/2024/09/10/harbor-towns-split-ferry-subsidy/"
    assert analyze_page(page("wire_republished.html"), article, articles_only=True).raw == (
        analyze_page(page("wire_republished.html"), article).raw
    )


def test_site_overrides() -> None:
    page_ = analyze_page(
        page("german_news.html"),
        "https://nordkurier.example/wirtschaft/fernwaerme-123",
        selectors={
            "byline": "p.article-byline::text",
            "section": "div.breadcrumb a:nth-of-type(2)::text",
            "body": "div.article-body > p",
            "headline": "[[invalid",  # a broken selector is skipped, not fatal
        },
        site_name="Nordkurier",
    )
    fields = load_article(page_)
    assert fields["authors"] == ["Lena Brandt"]
    assert fields["section"] == "Wirtschaft"
    assert fields["body"].split("\n\n")[0].startswith("ROSTOCK (dpa)")
    assert "Lesen Sie auch" in fields["body"]  # the user's selector decides
    assert fields["headline"] == "Stadtwerke erhöhen Fernwärmepreise"
    assert fields["site_name"] == "Nordkurier"


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
    assert load_article(analyze_page(html, url, now=now))["published"] == (
        "2025-03-04T09:00:00+00:00"
    )
    assert "published" not in load_article(analyze_page(html, url))


def test_analysis_finds_raw_values_the_loader_normalizes() -> None:
    """Analysis hands over what the page prints; the loader is the one normalizer."""
    text = "The council met on Monday and voted on the ferry plan after a long debate. " * 3
    html = (
        "<html><head><title>Ferry plan passes | Harbor News</title>"
        '<meta property="og:site_name" content="Harbor News">'
        '<link rel="canonical" href="/news/ferry-plan?utm_source=x"></head><body><article>'
        "<h1>Ferry plan passes | Harbor News</h1><p class='byline'>By JANE DOE</p>"
        f"<p>{text}</p><p>{text}</p></article></body></html>"
    )
    page_ = analyze_page(html, "https://harbor.example/news/ferry-plan")
    assert page_.raw["headline"] == ["Ferry plan passes | Harbor News"]
    assert page_.raw["authors"] == ["JANE DOE"]
    assert page_.raw["url"] == ["https://harbor.example/news/ferry-plan?utm_source=x"]
    fields = load_article(page_)
    assert fields["headline"] == "Ferry plan passes"
    assert fields["authors"] == ["Jane Doe"]
    assert fields["byline"] == "By JANE DOE"
    assert fields["url"] == "https://harbor.example/news/ferry-plan"


def test_comments_and_processing_instructions_are_no_text() -> None:
    text = "A paragraph long enough to be the article body, with a comma, and a full stop. " * 3
    html = f"<html><body><!-- a comment --><?php echo 1 ?><article><p>{text}</p><!-- x --></article></body></html>"
    fields = extract_article(html, "https://x.example/news/a-story-here")
    assert fields["body"] == text.strip()


def test_a_post_marked_with_zone_words_gets_a_body_of_its_own() -> None:
    # the post's <article> carries a CMS's post classes ("has-post-thumbnail" reads as a
    # caption), the comments below hold more text than the post: the strict pass finds no
    # body, the rescue reads the post; the confidence models learn from the strict pass
    sentence = "The ferry will run twice a day from June, the harbour board said after its vote."
    html = (
        "<html><head><title>Ferry timetable set</title></head><body>"
        "<article class='post-41 post type-post has-post-thumbnail'>"
        "<h1>Ferry timetable set</h1>"
        + "".join(f"<p>{sentence} Point {i}.</p>" for i in range(4))
        + "</article><div class='comments'>"
        + "".join(f"<p>{sentence} A reader's reply {i}.</p>" for i in range(8))
        + "</div></body></html>"
    )
    url = "https://harbour.example/2025/05/ferry-timetable"
    rescued = analyze_page(html, url, follow=False, fallbacks=False, as_article=True)
    strict = analyze_page(html, url, follow=False, fallbacks=False, as_article=True, rescue=False)
    assert rescued.rescued and not strict.rescued
    assert load_article(rescued)["body"].split("\n\n") == [
        f"{sentence} Point {i}." for i in range(4)
    ]
    assert not load_article(strict).get("body")


def test_a_date_line_in_a_language_the_parser_lacks_is_the_date_and_not_body() -> None:
    para = "Η επιτροπή του λιμανιού συνεδρίασε ξανά για την επέκταση της αποβάθρας, είπε ο {}."
    html = (
        '<html lang="el"><head><title>Νέα αποβάθρα</title></head><body><div>'
        "<h1>Νέα αποβάθρα</h1><span>14 Ιουνίου 2025</span>"
        + "".join(f"<p>{para.format(n)}</p>" for n in ("πρόεδρος", "γραμματέας", "ταμίας"))
        + "</div></body></html>"
    )
    fields = extract_article(html, "https://harbor.example/news/pier")
    assert fields["published"] == "2025-06-14"
    assert "Ιουνίου" not in fields["body"]
    assert fields["body"].count("\n\n") == 2
