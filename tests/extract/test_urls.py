"""URL normalization: tracking parameters, canonical links (also broken ones), article shapes."""

from __future__ import annotations

import pytest

from newscrawl.extract import analyze_page
from newscrawl.urls import (
    canonical_candidate,
    clean_url,
    domain_of,
    host_of,
    looks_like_article_url,
    site_key,
)

PAGE = "http://127.0.0.2:8080/2025/03/04/ferry-service-resumes/"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/2025/03/04/ferry/?utm_source=rss", "http://127.0.0.2:8080/2025/03/04/ferry/"),
        ("http://127.0.0.2:8080/a/?id=7&fbclid=x", "http://127.0.0.2:8080/a/?id=7"),
        ("https://other.example/a/", PAGE),  # another site's canonical is ignored
        ("http://127.0.0.2:abc/x/", PAGE),  # invalid port
        ("http://[bad/x/", PAGE),  # unparseable
        ("javascript:void(0)", PAGE),
        (None, PAGE),
    ],
)
def test_canonical_url(href: str | None, expected: str) -> None:
    assert clean_url(canonical_candidate(PAGE, href)) == expected


def test_broken_canonical_does_not_break_extraction() -> None:
    html = '<html><head><link rel="canonical" href="http://[bad/x"></head><body><h1>Hi</h1></body></html>'
    assert analyze_page(html, PAGE).url == PAGE


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM:80/a#frag", "http://example.com/a"),
        ("http://h:__PORT__/x", "http://h/x"),
    ],
)
def test_clean_url(url: str, expected: str) -> None:
    assert clean_url(url) == expected


@pytest.mark.parametrize(
    ("url", "article"),
    [
        ("http://a/2025/03/04/storm/", True),
        ("http://a/news/council-votes-on-new-budget/", True),
        ("http://a/news/story-4815992/", True),
        ("http://a/news/", False),
        ("http://a/", False),
    ],
)
def test_article_shaped_urls(url: str, article: bool) -> None:
    assert looks_like_article_url(url) is article


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://video.news.example.com/clip/1", "example.com"),
        ("https://www.example.co.uk/story", "example.co.uk"),
        ("https://example.de/", "example.de"),
        ("https://amzn.to/2x", "amzn.to"),
        ("/relative/path", ""),
    ],
)
def test_domain_of(url: str, domain: str) -> None:
    assert domain_of(url) == domain


@pytest.mark.parametrize(
    ("url", "host", "cleaned", "article"),
    [
        ("http://[x]/", "%5bx%5d", "http://%5bx%5d/", False),
        ("http://[bad/2024/05/02/a", "%5bbad", "http://%5bbad/2024/05/02/a", True),
        ("http://[::1]:8080/a?utm_source=x", "::1", "http://[::1]:8080/a", False),
        ("https://[2001:DB8::1]:443/", "2001:db8::1", "https://[2001:db8::1]/", False),
    ],
)
def test_bracketed_hosts_never_raise(url: str, host: str, cleaned: str, article: bool) -> None:
    assert host_of(url) == host and site_key(url) == host
    assert clean_url(url) == cleaned
    assert looks_like_article_url(url) is article
