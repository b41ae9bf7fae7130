"""URL normalization: tracking parameters, canonical URLs, site hosts."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
        "oly_enc_id", "vero_id", "cmpid", "icid", "ncid", "ocid", "s_cid", "smid",
        "sr_share", "at_medium", "at_campaign", "ito", "cid_source",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "pk_", "hsa_")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def is_tracking_param(name: str) -> bool:
    """True for analytics parameters that never change the page (utm_*, fbclid, ...)."""
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(_TRACKING_PREFIXES)


def split_url(url: str) -> SplitResult:
    """``urlsplit`` that never raises: a bracketed host that is no IPv6 address ('[x]',
    '[bad') is kept as an opaque, percent-encoded host."""
    try:
        return urlsplit(url)
    except ValueError:
        return urlsplit(url.replace("[", "%5B").replace("]", "%5D"))


def clean_url(url: str) -> str:
    """Drop tracking parameters, the fragment and a default port; lowercase scheme and host."""
    parts = split_url(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    netloc = f"[{host}]" if ":" in host else host  # an IPv6 address keeps its brackets
    try:
        port = parts.port
    except ValueError:  # "host:__PORT__" and other junk: no port
        port = None
    if port is not None and str(port) != _DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not is_tracking_param(k)]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def host_of(url: str) -> str:
    """The lowercase host name of a URL, without port."""
    return (split_url(url).hostname or "").lower()


def site_host(host: str) -> str:
    """A host as a site key: lowercase, without a leading 'www.'."""
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def site_key(url: str) -> str:
    """The site key of a URL: its host, lowercase, without port and leading 'www.'."""
    return site_host(host_of(url))


def domain_of(url: str) -> str:
    """A URL's registered domain, roughly: 'video.news.example.co.uk' -> 'example.co.uk'."""
    labels = host_of(url).split(".")
    keep = 3 if len(labels) > 2 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:])


def same_site(url_a: str, url_b: str) -> bool:
    """True when two URLs are on the same host (ports ignored, 'www.' ignored)."""
    return site_key(url_a) == site_key(url_b)


def canonical_candidate(page_url: str, canonical_href: str | None) -> str:
    """The page's canonical URL as declared: rel=canonical (absolute) when on the same site,
    else the page URL; :func:`clean_url` is applied where fields are normalized."""
    if canonical_href:
        try:
            candidate = urljoin(page_url, canonical_href.strip())
            valid = _valid_port(candidate)
        except ValueError:  # "http://[bad/..." and other unparseable links
            valid = False
        if (
            valid
            and candidate.startswith(("http://", "https://"))
            and same_site(candidate, page_url)
        ):
            return candidate
    return page_url


def _valid_port(url: str) -> bool:
    try:
        port = split_url(url).port
    except ValueError:
        return False
    return port is None or 0 < port < 65536


_SLUG_WORDS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){3,}")
_DATE_PATH = re.compile(
    r"/(19|20)\d{2}/(0?[1-9]|1[0-2])(/|$)|/(19|20)\d{6}(/|$)|(19|20)\d{2}-\d{2}-\d{2}"
)
_ID_PATH = re.compile(r"[/_-]\d{5,}(?:\.html?)?/?$|/a\d{5,}|/article\d+|\bid=\d{4,}")


def looks_like_article_url(url: str) -> bool:
    """Article-shaped URL: a date in the path, a long word slug, or a numeric story id."""
    path = split_url(url).path.lower()
    last = [p for p in path.split("/") if p]
    if not last:
        return False
    return bool(
        _DATE_PATH.search(path) or _SLUG_WORDS.search(last[-1]) or _ID_PATH.search(url.lower())
    )
