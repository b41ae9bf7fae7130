"""Structured metadata: JSON-LD (incl. @graph and arrays), microdata, OpenGraph and meta names."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml.etree import _Element

from newscrawl.extract.text import clean_text, element_text

ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "blogposting",
        "liveblogposting", "report", "socialmediaposting", "techarticle", "scholarlyarticle",
        "satiricalarticle", "advertisercontentarticle", "askpublicnewsarticle", "posting",
        "discussionforumposting", "medicalscholarlyarticle",
    }
)  # fmt: skip
VIDEO_TYPES = frozenset({"videoobject", "videogallery", "clip"})
ORGANIZATION_TYPES = frozenset(
    {"organization", "newsmediaorganization", "corporation", "website", "brand", "localbusiness"}
)
_DECODER = json.JSONDecoder(strict=False)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_OWN_ITEMS = frozenset({"author", "creator", "mainentity", "mainentityofpage"})
_MICRODATA_PROPS = frozenset(
    {"headline", "name", "datepublished", "datemodified", "datecreated", "author", "creator"}
)


@dataclass
class Structured:
    """Metadata declared by the page itself."""

    article: dict[str, Any] = field(default_factory=dict)  # best JSON-LD article-like node
    nodes: list[dict[str, Any]] = field(default_factory=list)  # every JSON-LD node with a type
    ids: dict[str, dict[str, Any]] = field(default_factory=dict)  # "@id" -> node
    types: set[str] = field(default_factory=set)  # lowercase JSON-LD/microdata @types seen
    meta: dict[str, list[str]] = field(default_factory=dict)  # name/property -> contents
    microdata: dict[str, list[str]] = field(default_factory=dict)  # itemprop -> values
    site_names: list[str] = field(default_factory=list)
    title: str = ""  # the <title> text

    def first(self, *names: str) -> str:
        """The first non-empty meta value among ``names`` (lowercase keys)."""
        for name in names:
            for value in self.meta.get(name, ()):
                value = clean_text(value)
                if value:
                    return value
        return ""

    def all(self, name: str) -> list[str]:
        """Every non-empty value of one meta name."""
        return [v for v in (clean_text(x) for x in self.meta.get(name, ())) if v]


def _load_json(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    text = text.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    text = text.removeprefix("<![CDATA[").removesuffix("]]>").strip()
    try:
        return _DECODER.raw_decode(text)[0]  # ignores junk after the object
    except ValueError:
        pass
    try:  # trailing commas cut only when the text as it is fails (most parse)
        return _DECODER.raw_decode(_TRAILING_COMMA.sub(r"\1", text))[0]
    except ValueError:
        return None


def _nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item, depth + 1)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _nodes(data["@graph"], depth + 1)
        if "@type" in data:
            yield data
            for key in ("mainEntity", "mainEntityOfPage", "hasPart"):
                value = data.get(key)
                if isinstance(value, dict | list):
                    yield from _nodes(value, depth + 1)


def node_types(node: dict[str, Any]) -> set[str]:
    """Lowercase schema.org types of a JSON-LD node ('schema:NewsArticle' -> 'newsarticle')."""
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for v in values if v}


def _article_rank(node: dict[str, Any]) -> int:
    types = node_types(node)
    if types & ARTICLE_TYPES:
        return 3 if "articleBody" in node or "headline" in node else 2
    if types & {"webpage", "itempage", "medicalwebpage"} and (
        "headline" in node or "datePublished" in node
    ):
        return 1
    return 0


def _in_other_item(el: _Element) -> bool:
    """True for a property of a nested item: a citation, a comment, a related article.

    Properties of the page's own item, of its author and of its main entity are the page's.
    """
    for parent in el.iterancestors():
        if parent.get("itemscope") is not None:
            owner = (parent.get("itemprop") or "").lower().split()
            if not owner:
                return False
            if owner[0] not in _OWN_ITEMS:
                return True
    return False


def _microdata(tree: _Element, result: Structured) -> None:
    for el in tree.getroottree().iter(etree.Element):  # in Python: faster than an XPath
        if el.get("itemprop") is None and el.get("itemtype") is None:
            continue
        for t in (el.get("itemtype") or "").split():
            result.types.add(t.rstrip("/").rsplit("/", 1)[-1].lower())
        props = (el.get("itemprop") or "").lower().split()
        if not props or props[0] not in _MICRODATA_PROPS or _in_other_item(el):
            continue
        prop = props[0]
        if prop == "name":
            scope = next((a for a in el.iterancestors() if a.get("itemscope") is not None), None)
            owner = (scope.get("itemprop") or "").lower().split() if scope is not None else []
            if owner[:1] not in (["author"], ["creator"]):
                continue
            prop = "author"
        elif prop in ("author", "creator") and el.get("itemscope") is not None:
            continue  # its itemprop=name child gives the name
        value = el.get("content") or el.get("datetime")
        if value is None:
            value = element_text(el)
        value = clean_text(value)
        if value:
            result.microdata.setdefault(prop, []).append(value)


def read_structured(tree: _Element) -> Structured:
    """Collect JSON-LD, meta tags and microdata from the page."""
    result = Structured()
    best_rank = 0
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        for node in _nodes(_load_json(script.text or "")):
            types = node_types(node)
            result.nodes.append(node)
            if isinstance(node.get("@id"), str):
                result.ids.setdefault(node["@id"], node)
            result.types |= types
            rank = _article_rank(node)
            if rank > best_rank:
                best_rank, result.article = rank, node
            publisher = node.get("publisher") if rank else None
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                result.site_names.append(publisher["name"])
            if types & ORGANIZATION_TYPES:
                name = node.get("name")
                if isinstance(name, str):
                    result.site_names.append(name)
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name")
        if key is None and meta.get("itemprop") and not _in_other_item(meta):
            key = meta.get("itemprop")
        content = meta.get("content")
        if key and content is not None:
            result.meta.setdefault(key.strip().lower(), []).append(content)
    _microdata(tree, result)
    title = tree.find("head/title")
    if title is None:
        title = tree.find(".//title")
    result.title = element_text(title) if title is not None else ""
    for name in (result.first("og:site_name"), result.first("application-name")):
        if name:
            result.site_names.append(name)
    return result


def ld_text(node: dict[str, Any], key: str) -> str:
    """A JSON-LD property as text (first of a list; '@value' or 'name' of an object)."""
    value = node.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    return clean_text(value) if isinstance(value, str) else ""


def ld_people(
    node: dict[str, Any], ids: dict[str, dict[str, Any]], key: str = "author"
) -> tuple[list[str], list[str]]:
    """(person names, organization names) of a JSON-LD author/creator property.

    References such as ``{"@id": "https://site/#/schema/person/1"}`` are looked up in ``ids``.
    """
    value = node.get(key)
    items = value if isinstance(value, list) else [value]
    people: list[str] = []
    orgs: list[str] = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
            item = ids.get(item["@id"], item)
        if isinstance(item, str):
            people.append(clean_text(item))
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = " ".join(str(n) for n in name)
            if not isinstance(name, str):
                given, family = item.get("givenName"), item.get("familyName")
                if isinstance(given, str) and isinstance(family, str):
                    name = f"{given} {family}"
            if not isinstance(name, str):
                continue
            target = orgs if node_types(item) & ORGANIZATION_TYPES else people
            target.append(clean_text(name))
    return [p for p in people if p], [o for o in orgs if o]
