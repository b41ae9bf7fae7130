"""An invented news site built in the browser: its pages are empty app shells that scripts
fill from an inline JSON blob (articles) or list links into (home and section pages).

Served by the demo server next to any other site of the same network file. Plain HTML
gives no headline, byline, date, body or article link; a browser gives them all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from tests.support.newssite import prose

KEY, NAME, HOST = "scripttimes", "Script Times", "127.0.0.8"

#: Builds an article from the JSON state, or a list of links from it.
_APP = """
const state = JSON.parse(document.getElementById('state').textContent);
const app = document.getElementById('app');
if (state.article) {
  const a = state.article;
  document.title = a.headline + ' - Script Times';
  const head = document.createElement('script');
  head.type = 'application/ld+json';
  head.textContent = JSON.stringify({'@context': 'https://schema.org', '@type': 'NewsArticle',
    headline: a.headline, datePublished: a.published, author: {'@type': 'Person', name: a.author}});
  document.head.appendChild(head);
  const og = document.createElement('meta');
  og.setAttribute('property', 'og:type'); og.content = 'article';
  document.head.appendChild(og);
  app.innerHTML = '<article><h1></h1><p class="byline"></p><time></time>' +
    '<div class="article-body"></div></article>';
  app.querySelector('h1').textContent = a.headline;
  app.querySelector('.byline').textContent = 'By ' + a.author;
  app.querySelector('time').setAttribute('datetime', a.published);
  app.querySelector('time').textContent = a.published;
  for (const text of a.paragraphs) {
    const p = document.createElement('p'); p.textContent = text;
    app.querySelector('.article-body').appendChild(p);
  }
} else {
  const h1 = document.createElement('h1'); h1.textContent = state.title; app.appendChild(h1);
  const ul = document.createElement('ul'); app.appendChild(ul);
  for (const link of state.links) {
    const li = document.createElement('li'); const a = document.createElement('a');
    a.href = link.url; a.textContent = link.title; li.appendChild(a); ul.appendChild(li);
  }
}
"""


@dataclass
class JsStory:
    """One article of the site (its text only in the page's JSON state)."""

    slug: str
    headline: str
    author: str
    published: str  # ISO 8601
    seed: int
    slow: bool = False  # loads a script the server answers only after a long wait
    paragraphs: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.paragraphs = [prose(self.seed * 10 + i, 6) for i in range(4)]

    @property
    def path(self) -> str:
        return f"/news/{self.published[:10].replace('-', '/')}/{self.slug}/"


def stories() -> list[JsStory]:
    return [
        JsStory("tram-line-opens-after-years-of-delay", "Tram line opens after years of delay",
                "Mara Quell", "2025-03-04T09:30:00+00:00", 1),
        JsStory("orchard-growers-count-frost-damage", "Orchard growers count frost damage",
                "Tobin Ashgrove", "2025-03-05T14:00:00+00:00", 2),
        JsStory("night-ferry-returns-for-summer", "Night ferry returns for summer",
                "Ilse Varro", "2025-03-06T07:15:00+00:00", 3),
    ]  # fmt: skip


SLOW_STORY = JsStory(
    "lighthouse-keepers-cottage-reopens", "Lighthouse keeper's cottage reopens",
    "Ned Fallow", "2025-03-07T11:00:00+00:00", 4, slow=True,
)  # fmt: skip


def shell(title: str, state: dict[str, object], extra: str = "") -> str:
    """An empty app shell: a mount point, the JSON state and the script that fills it."""
    blob = json.dumps(state).replace("</", "<\\/")
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f'</title></head><body><div id="app"></div>'
        f'<script type="application/json" id="state">{blob}</script>{extra}'
        f"<script>{_APP}</script>"
        f"<noscript>Please enable JavaScript to read the {NAME}.</noscript></body></html>"
    )


def write(root: Path) -> list[JsStory]:
    """Write the site's files under ``root/KEY``; append it to ``root/network.toml``. The
    slow story is not listed on the section page (a test starts from it)."""
    site = root / KEY
    listed = stories()

    def put(path: str, text: str) -> None:
        target = site / path.lstrip("/") / ("index.html" if path.endswith("/") else "")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    links = [{"url": s.path, "title": s.headline} for s in listed]
    put("/", shell(NAME, {"title": NAME, "links": [{"url": "/news/", "title": "News"}]}))
    put("/news/", shell(f"News - {NAME}", {"title": "News", "links": links}))
    for story in [*listed, SLOW_STORY]:
        article = {k: getattr(story, k) for k in ("headline", "author", "published", "paragraphs")}
        extra = '<script src="/slow.js"></script>' if story.slow else ""
        put(story.path, shell(NAME, {"article": article}, extra))
    put("/slow.js", "/* answered late */\n")
    put("/robots.txt", "User-agent: *\nDisallow: /private/\n")
    network = root / "network.toml"
    previous = network.read_text(encoding="utf-8") if network.exists() else ""
    network.write_text(
        f'{previous}\n[[site]]\nkey = "{KEY}"\nname = "{NAME}"\nhost = "{HOST}"\n'
        f'slow = {{ "/slow.js" = 20 }}\n',
        encoding="utf-8",
    )
    return listed
