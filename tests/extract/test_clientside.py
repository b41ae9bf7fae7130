"""Signs of a client-side app: empty mount points, text only in script state, noscript."""

from __future__ import annotations

import json

import pytest

from newscrawl.crawlpage import analyze_response
from newscrawl.extract.clientside import clientside_signs
from newscrawl.extract.parse import parse_html
from newscrawl.frontier.sites import SiteIndex, sites_from_urls

PROSE = " ".join(["The council met on Tuesday to discuss the ferry budget again."] * 6)
STATE = json.dumps({"article": {"headline": "Ferry budget", "body": PROSE}})


def page(body: str, head: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("html", "signs"),
    [
        (page('<div id="root"></div>'), ("empty_app_root",)),
        (page('<div id="__next">  </div>'), ("empty_app_root",)),
        (page('<div data-reactroot=""><script>1</script></div>'), ("empty_app_root",)),
        (page("<app-root></app-root>"), ("empty_app_root",)),
        (page(f'<script type="application/json" id="s">{STATE}</script>'), ("script_state",)),
        (page(f"<script>window.__INITIAL_STATE__ = {STATE};</script>"), ("script_state",)),
        (page(f'<script id="__NEXT_DATA__" type="application/json">{STATE}</script>'),
         ("script_state",)),
        (page("<noscript>Please enable JavaScript to view this site.</noscript>"),
         ("noscript_js",)),
        (page("<noscript>You need to enable JavaScript to run this app.</noscript>"),
         ("noscript_js",)),
        (page("<noscript>Bitte aktivieren Sie JavaScript.</noscript>"), ("noscript_js",)),
        (page(f'<div id="app"></div><script type="application/json">{STATE}</script>'
              "<noscript>This site requires JavaScript.</noscript>"),
         ("empty_app_root", "script_state", "noscript_js")),
    ],
)  # fmt: skip
def test_signs(html: str, signs: tuple[str, ...]) -> None:
    assert clientside_signs(parse_html(html)) == signs


@pytest.mark.parametrize(
    "html",
    [
        page(f'<div id="root"><article><h1>Ferry</h1><p>{PROSE}</p></article></div>'),
        page('<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": '
             f'"{PROSE}"}}</script><p>Short.</p>'),
        page(f"<script>var config = {STATE};</script>"),  # not an app's state
        page('<script type="application/json">{"ads": ["slot-1", "slot-2"]}</script>'),
        page('<noscript><img src="/pixel.gif"></noscript>'),
        page("<noscript>Video playback needs a newer browser.</noscript>"),
        # text in the HTML: a forum asking for JavaScript "for a better experience"
        page(f"<p>{PROSE * 6}</p><noscript>Please enable JavaScript.</noscript>"),
    ],
)  # fmt: skip
def test_ordinary_pages_show_no_sign(html: str) -> None:
    assert clientside_signs(parse_html(html)) == ()


def analyze(html: str, url: str):
    sites = SiteIndex(sites_from_urls([url]))
    return analyze_response(html.encode(), url, "text/html", sites.sites[0], sites)


def test_analysis_reports_signs_only_for_pages_lacking_content() -> None:
    shell = page(f'<div id="app"></div><script type="application/json">{STATE}</script>')
    url = "http://127.0.0.8/news/2025/03/04/ferry-budget-talks-resume/"
    assert analyze(shell, url).clientside == ("empty_app_root", "script_state")
    listing = page('<div id="app"></div><a href="/about/">About</a><a href="http://[ccpa]/">x</a>')
    assert analyze(listing, "http://127.0.0.8/news/").clientside == ("empty_app_root",)
    full = page(
        f'<div id="app"><article><h1>Ferry budget talks resume</h1><p>{PROSE}</p>'
        f"<p>{PROSE}</p></article></div><script type='application/json'>{STATE}</script>"
    )
    assert analyze(full, url).clientside == ()
    links = "".join(f'<li><a href="/news/2025/03/0{n}/story-about-ferry-{n}/">S{n}</a></li>'
                    for n in range(1, 6))  # fmt: skip
    assert (
        analyze(page(f'<div id="app"></div><ul>{links}</ul>'), "http://127.0.0.8/news/").clientside
        == ()
    )
