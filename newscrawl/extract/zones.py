"""Page zones: what an element is for (navigation, share bar, byline, caption...) from its markup.

A zone is decided from the tag, the ``hidden``/``aria-hidden``/``style`` attributes and the
words of ``class``, ``id``, ``role`` and ``itemprop``. Content markers (``article-body``,
``entry-content``, ``itemprop=articleBody``...) win over boilerplate words on the same element.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from lxml.etree import _Element

from newscrawl.extract.text import words

# Boilerplate zones: their text is not the article's, and a zone inside one of them (a byline
# in a comment) stays boilerplate. The other zones ("byline", "meta", "header") hold the
# article's own metadata.
DROPPED_ZONES = frozenset(
    {"hidden", "nav", "share", "ad", "promo", "comment", "caption", "related", "tags", "aside",
     "footer", "form"}
)  # fmt: skip

TAG_ZONES = {
    "nav": "nav", "menu": "nav", "footer": "footer", "aside": "aside", "figure": "caption",
    "figcaption": "caption", "header": "header", "address": "byline", "form": "form",
}  # fmt: skip
ROLE_ZONES = {
    "navigation": "nav", "menu": "nav", "menubar": "nav", "banner": "header",
    "complementary": "aside", "contentinfo": "footer", "dialog": "promo", "alertdialog": "promo",
    "search": "nav", "tablist": "nav", "toolbar": "share",
}  # fmt: skip

# Words of class/id values (split at spaces, '-' and '_'; a pair of neighbouring parts is also
# tried joined, so "share-bar", "sharebar" and "share_bar" are all "sharebar") -> zone.
_ZONE_WORDS = {
    "hidden": "sronly screenreadertext visuallyhidden offscreen invisible elementinvisible "
    "printonly ishidden uhidden",
    "nav": "nav navbar navigation menu menus breadcrumb breadcrumbs pagination pager skiplink "
    "skiplinks masthead topbar siteheader globalheader meganav subnav jumplinks toc "
    "tableofcontents dropdown drawer hamburger searchform searchbox languageswitcher "
    "prevnext postnavigation navlinks",
    "share": "share sharing shares social socials sharebar sharetools sociallinks socialmedia "
    "followus print emailthis toolbar tools articletools utilitybar addthis sharethis a2a "
    "shariff reactions reaction likes likebutton bookmark savearticle clap",
    "ad": "ad ads advert adverts advertisement advertising adsbygoogle adslot adunit "
    "adcontainer adwrapper adbox dfp gpt bannerad sponsor sponsored sponsors outbrain "
    "taboola zergnet revcontent mgid nativead commercial billboard leaderboard mpu skyscraper "
    "affiliate partnercontent",
    "promo": "promo promotion newsletter newsletters subscribe subscription signup paywall "
    "regwall piano donate donation donations membership cookie cookies consent gdpr popup "
    "modal overlay lightbox banner cta calltoaction apppromo optin inlinepromo supportus "
    "contribute contributions alert notification toast announcement audioplayer "
    "podcast listen texttospeech tts videoplayer jwplayer playlist",
    "comment": "comment comments commentlist commentsection disqus discussion respond reply "
    "replies livefyre conversation coral fbcomments usercomments",
    "caption": "caption captions figcaption credit credits imagecredit photocredit "
    "wpcaptiontext mediacaption imagecaption imgcaption gallery slideshow carousel slider "
    "photogallery imagegallery leadimage heroimage thumbnail thumb inlineimage",
    "related": "related relatedposts relatedarticles relatedstories relatedcontent "
    "relatedlinks relatedlink recommended recommendation recommendations recirc "
    "recirculation morestories morenews morearticles morefrom moreon morelikethis "
    "morecoverage moreheadlines readmore readnext readalso alsoread seealso furtherreading "
    "dontmiss upnext whatsnext nextup trending popular mostpopular mostread mostviewed "
    "mostshared mostrecent latest latestnews topstories widget widgets rail "
    "rightrail leftrail sidebar storylist postlist articlelist headlines yarpp crp rpwe "
    "youmaylike suggested suggestions inlinerelated externallinks partnerlinks",
    "byline": "byline bylines author authors authorname writer writers contributor "
    "contributors reporter postedby vcard fn hcard articleauthor entryauthor postauthor "
    "metaauthor byauthor creator signature authorbio aboutauthor bio autor autoren autorin "
    "auteur auteurs autore autori verfasser",
    "meta": "date dates time timestamp published pubdate postedon postdate entrydate "
    "articledate publishdate updated meta metadata postmeta entrymeta articlemeta storymeta "
    "infobar articleinfo postinfo entryinfo readingtime readtime kicker eyebrow overline "
    "dek subtitle standfirst summary deck entrytitle posttitle articletitle pagetitle header "
    "head subline",
    "footer": "footer sitefooter pagefooter globalfooter colophon copyright disclaimer legal "
    "imprint siteinfo bottombar footnote footnotes endnote endnotes",
    "aside": "aside complementary pullquote infobox factbox callout sidebox boxout",
}
# Zones matched only on a whole class word: Bootstrap's "hidden-xs" is visible on large
# screens, WordPress puts "tag-politics" on the article element itself.
_WHOLE_WORDS = {
    "hidden": "hidden",
    "hide": "hidden",
    "tag": "tags",
    "tags": "tags",
    "taglist": "tags",
    "tagcloud": "tags",
    "topics": "tags",
    "topiclist": "tags",
    "keywords": "tags",
    "categories": "tags",
    "categorylist": "tags",
    "catlinks": "tags",
    "tagslinks": "tags",
    "posttags": "tags",
    "entrytags": "tags",
    "articletags": "tags",
    "labels": "tags",
}
_PART_WORDS = {word: zone for zone, words in _ZONE_WORDS.items() for word in words.split()}
_PART_KEYS = frozenset(_PART_WORDS)
_CONTENT_WORDS = words(
    "articlebody storybody entrycontent postcontent articlecontent storycontent postbody "
    "articletext bodytext maincontent articlemain storytext blogpostbody textcontent "
    "contentbody richtext"
)
# Embedded posts (tweets, Instagram...) are part of the story even inside "social" wrappers.
# So are lines marked for voice assistants ("speakable-summary" is the lead paragraph).
_EMBED_WORDS = frozenset(
    ["embed", "embedded", "tweet", "twittertweet", "instagrammedia", "speakable"]
)
#: Every word a token's parts, neighbouring pairs or whole may name: a token whose strings
#: are none of these names no zone (most tokens).
_ANY_WORDS = frozenset(_WHOLE_WORDS) | _CONTENT_WORDS | _EMBED_WORDS | _PART_KEYS
_SEPARATORS = re.compile(r"[-_]+|(?<=[a-z0-9])(?=[A-Z])")  # "share-bar", "PromoSmall"
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_META_ITEMPROPS = {
    "author": "byline", "creator": "byline", "datepublished": "meta", "datemodified": "meta",
    "datecreated": "meta", "dateline": "meta", "headline": "meta", "comment": "comment",
    "publisher": "footer", "image": "caption", "associatedmedia": "caption",
    "video": "caption", "caption": "caption", "keywords": "tags", "about": "tags",
}  # fmt: skip


@lru_cache(maxsize=1 << 16)
def words_zone(words: str) -> str:
    """The zone named by class/id words: '' for none, 'content' and 'embed' for keepers."""
    found = ""
    for token in words.split():
        kind, zone = _token_zone(token)
        if kind == "whole":
            found = found or zone
        elif kind:
            return kind  # "content" or "embed"
        elif not found:
            found = zone
    return found


@lru_cache(maxsize=1 << 16)
def _token_zone(token: str) -> tuple[str, str]:
    """What one class/id token names: ('whole', zone) for a whole-word zone, ('content', '')
    or ('embed', '') for keepers, else ('', zone) with '' for none."""
    if token.lower() != token:  # capitals may start words: "PromoSmall"
        parts = [p.lower() for p in _SEPARATORS.split(token) if p]
    elif "-" in token or "_" in token:
        parts = [p for p in token.replace("_", "-").split("-") if p]
    else:
        parts = [token]  # one part: no separator, no capital starting a word
    joined = "".join(parts)
    pairs = [a + b for a, b in pairwise(parts)]  # pairs[i - 1]: parts i - 1 and i joined
    if joined not in _ANY_WORDS and _ANY_WORDS.isdisjoint(parts) and _ANY_WORDS.isdisjoint(pairs):
        return "", ""
    if joined in _WHOLE_WORDS:
        return "whole", _WHOLE_WORDS[joined]
    if joined in _CONTENT_WORDS or not _CONTENT_WORDS.isdisjoint(pairs):
        return "content", ""
    if joined in _EMBED_WORDS or not _EMBED_WORDS.isdisjoint(parts):
        return "embed", ""
    if joined in _PART_WORDS:
        return "", _PART_WORDS[joined]
    if _PART_KEYS.isdisjoint(parts) and _PART_KEYS.isdisjoint(pairs):
        return "", ""
    # The last word of a compound names the thing: "teaser__author" is an author line.
    for i in range(len(parts) - 1, -1, -1):
        if i and pairs[i - 1] in _PART_WORDS:
            return "", _PART_WORDS[pairs[i - 1]]
        if parts[i] in _PART_WORDS:
            return "", _PART_WORDS[parts[i]]
    return "", ""


_KEEPERS = ("content", "embed")


def _attr_zone(el: _Element, names: list[str] | None = None) -> str:
    """:func:`words_zone` of the element's class and id words (class first). Each value is
    looked up on its own: class values recur on a page, ids are often unique. ``names``:
    the element's attribute names when known (an attribute not among them is not read)."""
    cls = el.get("class") if names is None or "class" in names else None
    zone = words_zone(cls) if cls else ""
    if zone in _KEEPERS:
        return zone
    ident = el.get("id") if names is None or "id" in names else None
    if ident:
        other = words_zone(ident)
        if other in _KEEPERS or not zone:
            return other
    return zone


def is_content_marker(el: _Element, words: str | None = None) -> bool:
    """True for the usual article-body containers (``article-body``, ``itemprop=articleBody``...).

    ``words``: what :func:`zone_of` gave for the element's class and id words (None: looked
    up here). zone_of gives words only when the element's itemprop is not articleBody
    (its attributes decide the zone then), so they alone decide."""
    if words is not None:
        return words == "content"
    if (el.get("itemprop") or "").lower() == "articlebody":
        return True
    return _attr_zone(el) == "content"


#: Attributes besides class and id that can mark a zone (most elements carry none).
_MARKING = frozenset(["hidden", "aria-hidden", "style", "itemprop", "role"])


def _marked(el: _Element) -> str | None:
    """The zone the hidden/style/itemprop/role attributes give; None when they give none."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return "hidden"
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return "hidden"
    itemprop = el.get("itemprop")
    if itemprop:
        prop = itemprop.split()[0].lower()
        if prop == "articlebody":
            return ""
        if prop in _META_ITEMPROPS:
            return _META_ITEMPROPS[prop]
    role = el.get("role")
    if role and role.lower() in ROLE_ZONES:
        return ROLE_ZONES[role.lower()]
    return None


def zone_of(el: _Element, tag: str) -> tuple[str, str | None]:
    """The zone an element starts ('' when it does not mark one), and the zone its class and
    id words name when they were looked up (None when its other attributes decided): for
    :func:`is_content_marker`, so that the words are looked up once."""
    names = el.keys()
    if not names:
        return TAG_ZONES.get(tag, ""), ""
    if not _MARKING.isdisjoint(names):
        marked = _marked(el)
        if marked is not None:
            return marked, None
    words = _attr_zone(el, names)
    if words:
        return ("" if words in _KEEPERS else words), words
    return TAG_ZONES.get(tag, ""), words
