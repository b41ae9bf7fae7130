"""Article metadata from structured data and visible text: byline, dates, description, tags."""

from __future__ import annotations

import re
from datetime import datetime

from lxml.html import HtmlElement

from newscrawl.extract.bylines import Byline, byline_text, parse_byline
from newscrawl.extract.dates import date_from_url, parse_date, parse_relative
from newscrawl.extract.structured import Structured, ld_people, ld_text
from newscrawl.extract.text import clean_text

_BYLINE_ATTR = re.compile(r"byline|author|writer|reporter|contributor", re.I)
_NOT_BYLINE_ATTR = re.compile(
    r"bio|about-author|author-info|avatar|more-by|author-box|social", re.I
)
_BY_PREFIX = re.compile(r"^(?:by|von|par|por|door|av)\s+\S", re.I)
_DATE_ATTR = re.compile(r"date|time|publish|posted|updated|meta|dateline|byline", re.I)
_PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|first published|veröffentlicht|publié|publicado)\b", re.I
)
_UPDATED_LABEL = re.compile(
    r"\b(?:updated|last updated|modified|aktualisiert|zuletzt aktualisiert|mis à jour|actualizado|stand)\b",
    re.I,
)
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "article.published",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
    "publication_date", "date", "dc.date.issued", "dc.date", "dcterms.date",
    "dcterms.created", "dc.date.created", "sailthru.date", "parsely-pub-date",
    "article:published", "og:published_time", "cxenseparse:recs:publishtime",
    "originalpublicationdate", "displaydate", "release_date", "created", "citation_date",
    "citation_publication_date",
)  # fmt: skip
_MODIFIED_META = (
    "article:modified_time", "og:updated_time", "og:article:modified_time",
    "datemodified", "dc.date.modified", "dcterms.modified", "lastmod", "last-modified",
    "article.updated", "parsely-updated", "revised",
)  # fmt: skip
_AUTHOR_META = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "byl", "citation_author", "twitter:creator:name", "cxenseparse:author",
)  # fmt: skip


def _short_elements(
    tree: HtmlElement, pattern: re.Pattern[str], limit: int = 200
) -> list[HtmlElement]:
    body = tree.find("body")
    if body is None:
        return []
    found = []
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "body", "html"):
            continue
        attrs = (
            f"{el.get('class', '')} {el.get('id', '')} {el.get('itemprop', '')} {el.get('rel', '')}"
        )
        if attrs.strip() and pattern.search(attrs):
            found.append(el)
            if len(found) >= limit:
                break
    return found


def find_byline(tree: HtmlElement, structured: Structured) -> Byline:
    """The article's byline: visible byline text, else JSON-LD author, else meta author."""
    visible: list[str] = []
    for el in _short_elements(tree, _BYLINE_ATTR):
        if _NOT_BYLINE_ATTR.search(f"{el.get('class', '')} {el.get('id', '')}"):
            continue
        text = clean_text(el.text_content())
        if 2 < len(text) <= 150:
            visible.append(text)
    body = tree.find("body")
    if body is not None:
        for el in body.iter("p", "div", "span", "address", "li", "strong", "em", "h4", "h5", "h6"):
            text = el.text
            if text and _BY_PREFIX.match(text.strip()) and len(el.text_content()) <= 150:
                visible.insert(0, clean_text(el.text_content()))
    for text in visible:
        parsed = parse_byline(text)
        if parsed.authors or parsed.agencies:
            return parsed
    people, orgs = ld_people(structured.article) if structured.article else ([], [])
    if people or orgs:
        parsed = parse_byline(", ".join(people + orgs))
        if parsed.authors or parsed.agencies:
            parsed.text = byline_text(parsed.authors, parsed.agencies)
            return parsed
    for name in _AUTHOR_META:
        for value in structured.all(name):
            parsed = parse_byline(value)
            if parsed.authors or parsed.agencies:
                return parsed
    author = structured.microdata.get("author")
    return parse_byline(author) if author else Byline()


def _time_elements(tree: HtmlElement) -> tuple[list[str], list[str]]:
    published: list[str] = []
    modified: list[str] = []
    for el in tree.iter("time"):
        value = el.get("datetime") or el.text_content()
        hint = f"{el.get('class', '')} {el.get('itemprop', '')} {el.getparent().get('class', '') if el.getparent() is not None else ''}"
        if re.search(r"modif|updat", hint, re.I):
            modified.append(value)
        else:
            published.append(value)
    return published, modified


def _visible_dates(tree: HtmlElement, now: datetime | None) -> tuple[str | None, str | None]:
    published = modified = None
    for el in _short_elements(tree, _DATE_ATTR, limit=80):
        text = clean_text(el.text_content())
        if not 6 <= len(text) <= 160:
            continue
        value = parse_date(text) or (parse_relative(text, now) if now else None)
        if not value:
            continue
        if _UPDATED_LABEL.search(text) and not _PUBLISHED_LABEL.search(text):
            modified = modified or value
        else:
            published = published or value
        if published and modified:
            break
    if published is None:
        body = tree.find("body")
        for el in body.iter("p", "span", "div", "small", "em") if body is not None else ():
            text = el.text
            if text and _PUBLISHED_LABEL.search(text) and len(el.text_content()) <= 160:
                published = parse_date(clean_text(el.text_content()))
                if published:
                    break
    return published, modified


def find_dates(
    tree: HtmlElement, structured: Structured, url: str, now: datetime | None = None
) -> tuple[str | None, str | None]:
    """(published, modified) as ISO 8601 strings, from the most reliable source available."""
    art = structured.article
    published = parse_date(ld_text(art, "datePublished")) if art else None
    modified = parse_date(ld_text(art, "dateModified")) if art else None
    published = published or next(
        (d for d in (parse_date(structured.first(n)) for n in _PUBLISHED_META) if d), None
    )
    modified = modified or next(
        (d for d in (parse_date(structured.first(n)) for n in _MODIFIED_META) if d), None
    )
    published = published or parse_date(structured.microdata.get("datepublished"))
    modified = modified or parse_date(structured.microdata.get("datemodified"))
    if not published or not modified:
        time_pub, time_mod = _time_elements(tree)
        published = published or next((d for d in map(parse_date, time_pub) if d), None)
        modified = modified or next((d for d in map(parse_date, time_mod) if d), None)
    if not published or not modified:
        vis_pub, vis_mod = _visible_dates(tree, now)
        published = published or vis_pub
        modified = modified or vis_mod
    published = published or date_from_url(url)
    if modified and published and modified[:10] < published[:10]:
        modified = None
    return published, modified


def find_language(tree: HtmlElement, structured: Structured) -> str:
    """Primary language subtag ('en', 'de'), from <html lang>, og:locale or JSON-LD."""
    candidates = [
        tree.get("lang") or tree.get("xml:lang") or "",
        structured.first("og:locale", "content-language", "language", "dc.language"),
        ld_text(structured.article, "inLanguage") if structured.article else "",
    ]
    for value in candidates:
        m = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_]|$)", value or "")
        if m:
            return m.group(1).lower()
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
        for name in ("news_keywords", "keywords", "parsely-tags"):
            value = structured.first(name)
            if value:
                tags = [clean_text(k) for k in value.split(",")]
                break
    return list(dict.fromkeys(t for t in tags if t and len(t) <= 80))[:30]


def find_image(structured: Structured) -> str:
    """The lead image URL (og:image, twitter:image or JSON-LD image)."""
    image = structured.first("og:image", "og:image:url", "twitter:image", "twitter:image:src")
    art = structured.article
    if not image and art:
        value = art.get("image")
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, dict):
            value = value.get("url") or value.get("contentUrl")
        image = value if isinstance(value, str) else ""
    return image
