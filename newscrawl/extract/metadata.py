"""Analyst fields declared by the page: language, description, section, tags, lead image."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml.etree import _Element

from newscrawl.extract.structured import Structured, ld_text
from newscrawl.extract.text import clean_text

_LANG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_]|$)")
_MAX_TAGS = 30
_MAX_TAG_LENGTH = 80
_MAX_SECTION_LENGTH = 60  # longer "sections" are headlines or descriptions


def find_locale(root: _Element, structured: Structured) -> str:
    """The page's language tag as declared, region included ('en-GB', 'pt_BR'), from
    <html lang>, og:locale or JSON-LD; '' when none is declared."""
    candidates = [
        root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "",
        structured.first("og:locale", "content-language", "language", "dc.language"),
        ld_text(structured.article, "inLanguage") if structured.article else "",
    ]
    return next((v.strip() for v in candidates if v and _LANG.match(v)), "")


def language_of(locale: str) -> str:
    """A language tag's primary subtag ('en-GB' -> 'en'), '' for none."""
    m = _LANG.match(locale)
    return m.group(1).lower() if m else ""


def find_description(structured: Structured) -> str:
    """The page's summary (og:description, meta description or JSON-LD description)."""
    art = structured.article
    return structured.first("og:description", "description", "twitter:description") or (
        ld_text(art, "description") if art else ""
    )


def find_section(structured: Structured, headline: str = "") -> str:
    """The section the article was filed under (never the headline, which some CMSs put there)."""
    art = structured.article
    for value in (
        structured.first("article:section", "parsely-section", "section", "category"),
        ld_text(art, "articleSection") if art else "",
    ):
        if value and len(value) <= _MAX_SECTION_LENGTH and value.casefold() != headline.casefold():
            return value
    return ""


def find_tags(structured: Structured) -> list[str]:
    """Keywords/tags declared by the page."""
    tags = structured.all("article:tag")
    art = structured.article
    if not tags and art:
        kw = art.get("keywords")
        if isinstance(kw, list):
            tags = [clean_text(str(k)) for k in kw]
        elif isinstance(kw, str):
            tags = [clean_text(k) for k in kw.split(",")]
    if not tags:
        for name in ("news_keywords", "keywords", "parsely-tags", "sailthru.tags"):
            value = structured.first(name)
            if value:
                tags = [clean_text(k) for k in value.split(",")]
                break
    return list(dict.fromkeys(t for t in tags if t and len(t) <= _MAX_TAG_LENGTH))[:_MAX_TAGS]


def find_image(structured: Structured, base_url: str) -> str:
    """The lead image URL (og:image, twitter:image or JSON-LD image), made absolute."""
    image = structured.first("og:image", "og:image:url", "twitter:image", "twitter:image:src")
    art = structured.article
    if not image and art:
        value = art.get("image")
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, dict):
            value = value.get("url") or value.get("contentUrl")
        image = value.strip() if isinstance(value, str) else ""
    return urljoin(base_url, image) if image else ""
