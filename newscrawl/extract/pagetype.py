"""Is this page an article? Listing, tag, author, about/contact and video pages are not."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from newscrawl.extract.structured import ARTICLE_TYPES, VIDEO_TYPES, Structured
from newscrawl.urls import looks_like_article_url

NON_ARTICLE_SEGMENTS = frozenset(
    {
        "tag", "tags", "topic", "topics", "author", "authors", "autor", "autoren", "category",
        "categories", "section", "sections", "page", "search", "suche", "video", "videos",
        "about", "about-us", "contact", "contact-us", "kontakt", "impressum", "privacy",
        "privacy-policy", "datenschutz", "terms", "terms-of-service", "terms-of-use",
        "subscribe", "subscription", "newsletter", "newsletters", "login", "signin", "register",
        "account", "calendar", "events", "gallery", "galleries", "photos", "podcast",
        "podcasts", "feed", "rss", "staff", "team", "advertise", "careers", "jobs", "sitemap",
        "weather", "cookies", "cookie-policy", "faq", "help", "shop", "store", "tv", "live-tv",
        "people", "profile", "profiles", "user", "users", "members",
    }
)  # fmt: skip
MIN_ARTICLE_TEXT = 250
MAX_ARTICLE_LINK_DENSITY = 0.5


@dataclass(frozen=True)
class PageKind:
    """A page classification and the reason for it."""

    kind: str  # "article" | "listing" | "video" | "other"
    reason: str

    @property
    def is_article(self) -> bool:
        return self.kind == "article"


def non_article_path(url: str) -> str | None:
    """The path segment that marks a non-article page (tag/author/about/...), if any."""
    parts = urlsplit(url)
    segments = [s.lower() for s in parts.path.split("/") if s]
    if not segments:
        return "/"
    for seg in [*segments[:-1], segments[-1].rsplit(".", 1)[0]]:
        if seg in NON_ARTICLE_SEGMENTS:
            return seg
    return None


def classify_page(
    url: str,
    structured: Structured,
    *,
    has_headline: bool,
    text_length: int,
    link_density: float,
    paragraphs: int,
) -> PageKind:
    """Decide whether a page is an article from its URL, declared types and text shape."""
    og_type = structured.first("og:type").lower()
    types = structured.types
    marker = non_article_path(url)
    if marker == "/":
        return PageKind("listing", "home page")
    if marker in {"video", "videos", "tv", "live-tv"} or (
        og_type.startswith("video") and not types & ARTICLE_TYPES
    ):
        return PageKind("video", f"video page ({marker or og_type})")
    if types & VIDEO_TYPES and not types & ARTICLE_TYPES and text_length < 2 * MIN_ARTICLE_TEXT:
        return PageKind("video", "VideoObject without article text")
    if marker:
        return PageKind("listing", f"non-article path segment '{marker}'")
    declared = bool(types & ARTICLE_TYPES) or og_type == "article"
    if declared and looks_like_article_url(url):
        return PageKind("article", "declared article at an article URL")
    if link_density > MAX_ARTICLE_LINK_DENSITY and paragraphs < 3:
        return PageKind("listing", f"link density {link_density:.2f}")
    if declared:
        return PageKind("article", "declared article (JSON-LD/og:type)")
    if not has_headline:
        return PageKind("other", "no headline")
    if looks_like_article_url(url):
        return PageKind("article", "article-shaped URL with a headline")
    if text_length >= 4 * MIN_ARTICLE_TEXT and paragraphs >= 4:
        return PageKind("article", "long text")
    return PageKind("listing", "short text and no article markers")
