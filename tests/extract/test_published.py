"""Published dates: a UTC machine date given back in the publisher's zone when the page shows it."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.fallbacks import text_date
from newscrawl.extract.parse import parse_html
from newscrawl.extract.published import data_date

PARAGRAPH = "The harbour authority said the talks would resume next week after a long night."


def article(declared: str, printed: str) -> str:
    ld = (
        f'{{"@type": "NewsArticle", "headline": "Port talks stall", "datePublished": "{declared}"}}'
    )
    return (
        f"<html><head><script type='application/ld+json'>{ld}</script></head><body><article>"
        f"<div class='hero-image'><h1>Port talks stall</h1><span>Ana Ruiz {printed}</span></div>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("declared", "printed", "expected"),
    [
        # the same moment four hours behind UTC, day first: the local day is the 3rd
        ("2022-05-04T02:41:00Z", "3/5/2022 22:41", "2022-05-03T22:41:00-04:00"),
        ("Wed, 04 May 2022 00:44:52 GMT", "03/05/2022 21:44", "2022-05-03T21:44:00-03:00"),
        # a clock time that is not the same moment: the machine date stays
        ("2022-05-04T02:41:00Z", "3/5/2022 22:17", "2022-05-04T02:41:00+00:00"),
        # the same UTC day printed: nothing to replace
        ("2022-05-04T12:41:00Z", "4/5/2022 14:41", "2022-05-04T12:41:00+00:00"),
    ],
)
def test_utc_date_in_the_zone_the_page_prints(declared: str, printed: str, expected: str) -> None:
    html = article(declared, printed)
    assert extract_article(html, "https://news.example/port-talks")["published"] == expected


def _dated(published: str, modified: str, shown: str) -> str:
    ld = (
        '{"@type": "NewsArticle", "headline": "Port talks stall", '
        f'"datePublished": "{published}", "dateModified": "{modified}"}}'
    )
    return (
        f"<html><head><script type='application/ld+json'>{ld}</script></head><body><article>"
        f"<h1>Port talks stall</h1><span>Ana Ruiz</span><time datetime='{shown}'>·</time>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("shown", "expected_day"),
    [
        # the update (09:46Z) shown in local time, on the next day: not the publication
        ("2025-06-30T11:46:00", "2025-06-29"),
        # the publication itself (17:29Z) shown at UTC+8, on the next day: the local day
        ("2025-06-30T01:29:00", "2025-06-30"),
    ],
)
def test_next_day_shown_counts_only_as_the_publication_moment(
    shown: str, expected_day: str
) -> None:
    html = _dated("2025-06-29T17:29:54Z", "2025-06-30T09:46:00Z", shown)
    published = extract_article(html, "https://news.example/port-talks")["published"]
    assert published[:10] == expected_day


def _page(lang: str, top: str, extra: str = "") -> str:
    return (
        f"<html lang='{lang}'><head><title>Port talks stall</title></head><body><article>"
        f"<h1>Port talks stall</h1>{top}"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p>{extra}</article></body></html>"
    )


def _printed_only(lang: str, printed: str, extra: str = "") -> str:
    return _page(lang, f"<div><time>{printed}</time></div>", extra)


@pytest.mark.parametrize(
    ("lang", "printed", "extra", "expected_day"),
    [
        ("es-AR", "06/10/2031 14:02", "", "2031-10-06"),  # Spanish prints the day first
        ("en-GB", "06/10/2031", "", "2031-10-06"),
        ("en-US", "06/10/2031", "", "2031-06-10"),
        # the page's other dates show its order, whatever the language says
        ("de", "06/10/2031", "<footer><p>Stand: 11/25/2031</p></footer>", "2031-06-10"),
        ("en-US", "06/10/2031", "<footer><p>Updated 25/11/2031</p></footer>", "2031-10-06"),
    ],
)
def test_numeric_date_read_in_the_order_the_page_uses(
    lang: str, printed: str, extra: str, expected_day: str
) -> None:
    html = _printed_only(lang, printed, extra)
    published = extract_article(html, "https://news.example/port-talks")["published"]
    assert published[:10] == expected_day


def _undated(lang: str, line: str, extra: str = "") -> str:
    """A page whose one date is a short line apart from its headline, in no date markup."""
    return _page(lang, "", f"<aside><div class='box'><span>{line}</span></div>{extra}</aside>")


@pytest.mark.parametrize(
    ("lang", "line", "expected"),
    [
        ("el", "Δευτέρα 7 Σεπτεμβρίου 2020 9:02", "2020-09-07"),  # a month name htmldate's fast
        ("ca", "Dimarts, 9 de juny de 2020", "2020-06-09"),  # search and our table lack
        ("ja", "2025年1月13日 20時01分", "2025-01-13"),
        ("de", "<a href='#top'>7 / Oktober / 2020</a>", "2020-10-07"),  # a link to the page itself
    ],
)
def test_undated_page_takes_the_day_it_prints_in_its_language(
    lang: str, line: str, expected: str
) -> None:
    html = _undated(lang, line)
    assert extract_article(html, "https://news.example/port-talks")["published"] == expected


@pytest.mark.parametrize(
    "extra",
    [
        "<ul><li><a href='/ferry-runs.html'><span>Ferry adds a run, 3 March 2021</span></a></li></ul>",
        "<ul><li><a href='/2021/03/03/ferry-runs.html'>Ferry adds a run</a><p>3 March 2021</p></li></ul>",
        "<p>Next sailing: 4 March 2999</p>",
    ],
)
def test_text_date_takes_no_day_of_a_linked_story_nor_of_the_future(extra: str) -> None:
    """A day inside a link, or the day a link's URL carries, is another story's."""
    root = parse_html(_undated("en", "Port news", extra))
    assert text_date(root, "en", date(2026, 12, 7)) is None
    assert text_date(parse_html(_undated("en", "1 March 2021", extra)), "en", date(2026, 12, 7))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # a state blob in a script, keys quoted, the value with its time
        ("<script>window.__state={\"id\":7,\"publishDate\":\"2031-03-05T08:10:00Z\"}</script>",
         "2031-03-05T08:10:00+00:00"),
        # the time with the publisher's offset, kept as given
        ('<script>var a={"datePublished":"2031-03-05T21:40:00+09:00"}</script>',
         "2031-03-05T21:40:00+09:00"),
        # an analytics data layer, unquoted keys in another language
        ("<script>dataLayer.push({pageFechaPublicacion: '2031-03-05'});</script>", "2031-03-05"),
        # escaped into an attribute
        ("<div data-props='{&quot;firstPublishDate&quot;:&quot;2031-03-05&quot;}'></div>",
         "2031-03-05"),
    ],
)  # fmt: skip
def test_undated_page_takes_the_day_its_script_data_declares(data: str, expected: str) -> None:
    html = _page("en", "", data)
    assert extract_article(html, "https://news.example/port-talks")["published"] == expected


@pytest.mark.parametrize(
    "data",
    [
        # a listing: the same key names several days (other stories' teasers)
        '<script>var teasers=[{"published":"2031-03-05"},{"published":"2031-02-11"}]</script>',
        # a modification key is not the publication
        '<script>var page={"lastPublishedDate":"2031-03-05","updatedPubDate":"2031-03-06"}'
        "</script>",
    ],
)
def test_script_data_of_a_listing_or_a_change_dates_nothing(data: str) -> None:
    assert data_date(data) is None


def test_printed_date_outranks_the_script_data() -> None:
    data = '<script>var page={"publishDate":"2031-03-01"}</script>'
    html = _page("en", "<p class='meta'>Posted March 5, 2031</p>", data)
    assert (
        extract_article(html, "https://news.example/port-talks")["published"][:10] == "2031-03-05"
    )


@pytest.mark.parametrize(
    ("url", "expected_day"),
    [
        ("https://news.example.ie/port-talks", "2031-10-06"),  # Ireland prints the day first
        ("https://news.example.co.uk/port-talks", "2031-10-06"),
        ("https://news.example.us/port-talks", "2031-06-10"),
        ("https://news.example.com/port-talks", "2031-06-10"),  # no country: month first
        ("https://news.example.tv/port-talks", "2031-06-10"),  # a domain sold worldwide
    ],
)
def test_english_without_region_reads_dates_as_its_domains_country(
    url: str, expected_day: str
) -> None:
    html = _printed_only("en", "06/10/2031 | 20:26")
    assert extract_article(html, url)["published"][:10] == expected_day


def _teasers(when: str) -> str:
    """A list of other stories below the article, each with its own ``<time>``."""
    item = "<li><h3>Ferry adds a run</h3><time>{}</time><p>More sailings this spring.</p></li>"
    return f"<ul>{item.format(when)}{item.format(when)}</ul>"


def test_a_teasers_time_below_the_article_gives_way_to_the_printed_line() -> None:
    page = _page("en", "", "<p>Published 5 March 2031</p>")
    html = page.replace("</article>", f"</article>{_teasers('3 January 2031')}")
    assert extract_article(html, "https://news.example/port-talks")["published"] == "2031-03-05"


@pytest.mark.parametrize(
    "stamp",
    [
        # WordPress names both when the article was never changed
        "<time class='entry-date published updated'>5 March 2031</time>",
        "<div class='publicationDate notUpdated'><time>5 March 2031</time></div>",
    ],
)
def test_a_time_naming_the_publication_and_an_update_is_the_publication(stamp: str) -> None:
    html = _page("en", f"<div>{stamp}</div>", "<div><time>2 January 2031</time></div>")
    assert extract_article(html, "https://news.example/port-talks")["published"] == "2031-03-05"


@pytest.mark.parametrize("bar", ["share-bar", "article-footer"])
def test_the_date_in_a_bar_under_the_headline_is_read(bar: str) -> None:
    top = f"<div class='{bar}'><span>5 March 2031</span> <a href='#'>Email</a></div>"
    html = _page("en", top, "<aside><div class='box'><span>2 January 2031</span></div></aside>")
    assert extract_article(html, "https://news.example/port-talks")["published"] == "2031-03-05"


def test_a_head_printing_only_its_update_is_not_dated_by_a_bare_date_after_the_body() -> None:
    more = "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(4))
    page = _page("de", "<div class='meta'>Stand: 05.03.2031 17:23 Uhr</div>", more)
    teaser = "<aside><div>02.01.2031 • 15:02 Uhr</div><h3>Weitere Meldungen</h3></aside>"
    html = page.replace("</article>", f"</article>{teaser}")
    assert extract_article(html, "https://news.example/hafen")["published"][:10] == "2031-03-05"
