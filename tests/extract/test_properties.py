"""Robustness: extraction never raises and always returns every field, in reasonable time.

``extract_article`` has a last-resort guard; these tests call ``analyze_page`` and the loader
(what the crawl calls) so that a crash hidden by that guard still fails them.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.extract import FIELDS, analyze_page, extract_article
from newscrawl.extract.article import empty_fields
from newscrawl.loaders import load_article
from tests.support.golden import golden_page

REAL_PAGE = golden_page("wire_republished").read_text(encoding="utf-8")
URL = "https://example.com/2024/09/10/story/"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def extract(html: str | bytes, url: str = URL) -> dict[str, object]:
    """Fields from analyze_page and the loader (must not raise), checked against
    extract_article."""
    page = analyze_page(html, url, as_article=True)
    fields = {**empty_fields(url), **load_article(page)}
    assert extract_article(html, url) == fields
    return fields


def check(result: dict[str, object]) -> None:
    assert set(result) == set(FIELDS)
    assert isinstance(result["authors"], list)
    assert isinstance(result["tags"], list)
    for name in ("headline", "byline", "body", "description", "language", "section", "image"):
        assert isinstance(result[name], str)
    for name in ("published", "modified"):
        assert result[name] is None or isinstance(result[name], str)


@SETTINGS
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    check(extract(text, URL))


@SETTINGS
@given(st.integers(min_value=0, max_value=len(REAL_PAGE)))
def test_truncated_real_page(cut: int) -> None:
    check(extract(REAL_PAGE[:cut], URL))


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    check(extract(data, URL))


ENCODINGS = ["cp1252", "utf-16", "latin-1", "shift_jis", "utf-8", "koi8-r"]
TEXT = "Café owners in Zürich say “fine” — 東京の記事 — Россия"


@SETTINGS
@given(st.sampled_from(ENCODINGS), st.booleans(), st.text(max_size=200))
def test_bytes_in_odd_encodings(encoding: str, declared: bool, extra: str) -> None:
    charset = f'<meta charset="{encoding}">' if declared else ""
    html = f"<html><head>{charset}<title>{TEXT}</title></head><body><p>{TEXT} {extra}</p></body></html>"
    data = html.encode(encoding, errors="replace")
    check(extract(data, URL))


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<p>",
                "<b>",
                "</i>",
                "<!--",
                "-->",
                "<script>",
                "<![CDATA[",
                "&amp;",
                "&#x0;",
                "\x00",
                "<table><tr><td>",
                "x y z",
                '<a href="javascript:x">',
                "<br>",
                "<h1>",
                "By Jane Doe",
            ]
        ),
        max_size=200,
    )
)
def test_tag_soup(parts: list[str]) -> None:
    check(extract("".join(parts), URL))


def test_empty_documents() -> None:
    for value in ("", " ", "\n\t", b"", b"\xff\xfe", "<html></html>", "<html><body></body></html>"):
        check(extract(value, URL))
    check(extract("<p>text</p>", ""))
    check(extract("<p>text</p>", "not a url"))
    check(extract("<p>text</p>", "http://host:notaport/x"))


def test_deep_nesting_is_fast() -> None:
    html = "<div>" * 10_000 + "<p>deep text that goes on and on.</p>" + "</div>" * 10_000
    start = time.perf_counter()
    check(extract(html, URL))
    check(extract("<span>" * 10_000 + "x", URL))
    assert time.perf_counter() - start < 10


def test_huge_flat_page_is_fast() -> None:
    lines = (
        f"<p>Line {i} of a text that is long enough to be a paragraph, yes.</p>"
        for i in range(20_000)
    )
    html = "<html><body>" + "".join(lines)
    start = time.perf_counter()
    result = extract(html + "</body></html>", URL)
    assert time.perf_counter() - start < 10
    assert result["body"].count("\n\n") > 1000
