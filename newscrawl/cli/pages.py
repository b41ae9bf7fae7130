"""``newscrawl extract``: what the crawler would store from one saved page."""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from newscrawl.cli.common import CommandError, read_input

#: How much of a page is looked at to tell HTML from binary data.
SNIFF_BYTES = 8192
_BINARY_MAGIC = (b"\x7fELF", b"MZ", b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")


def _is_binary(head: bytes) -> bool:
    """Executables, images, archives and other data with NUL bytes (UTF-16 text aside)."""
    if head.startswith(_BINARY_MAGIC):
        return True
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def page_bytes(path: str) -> bytes:
    """The HTML bytes of a saved page (gunzipped); CommandError when it is no HTML page."""
    data = read_input(path, "saved HTML page")
    if data[:2] == b"\x1f\x8b":  # a page saved gzip-compressed (page.html.gz)
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise CommandError(f"{path}: not a readable gzip file ({exc})") from exc
    if _is_binary(data[:SNIFF_BYTES]):
        raise CommandError(f"{path} is binary data, not an HTML page")
    if b"<" not in data:
        raise CommandError(f"{path} holds no HTML markup: pass a saved HTML page")
    return data


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the fields extracted from a saved page as JSON, as the crawler would store them."""
    from newscrawl.extract import analyze_page
    from newscrawl.extract.article import empty_fields
    from newscrawl.extract.parse import decode_html
    from newscrawl.loaders import load_article
    from newscrawl.syndication.wire import detect_wire
    from newscrawl.urls import site_key

    data = page_bytes(args.page)
    url = args.url or (
        Path(args.page).resolve().as_uri() if args.page != "-" else "http://localhost/"
    )
    page = analyze_page(decode_html(data), url, follow=False, as_article=True)
    fields = {**empty_fields(url), **load_article(page)}
    body = fields.get("body") or ""
    fields["wire_source"] = detect_wire(
        fields.get("byline"), body, links=[fields.get("canonical_url")], site=site_key(url)
    )
    fields["word_count"] = len(body.split())
    out = {"kind": page.kind.kind, "kind_reason": page.kind.reason, **fields}
    if args.links:
        out["related_links"] = page.related_links
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``extract`` command."""
    p = sub.add_parser(
        "extract", parents=[common], help="extract article fields from a saved HTML page"
    )
    p.add_argument("page", help="path of an HTML file (or .html.gz), or - for standard input")
    p.add_argument("--url", help="the page's URL (for canonical URL, URL dates and site name)")
    p.add_argument("--links", action="store_true", help="also list related-story links")
    p.set_defaults(handler=cmd_extract)
