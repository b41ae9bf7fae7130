"""Rendering benchmark: the cost of rendering pages in Chromium, against plain fetching.

Serves one generated news site twice on loopback: as plain HTML, and as app shells whose
scripts build each article from inline JSON and the section page's links. Then times
`scrapy crawl news` subprocesses:

- plain site, rendering off (``NEWSCRAWL_RENDER=never``), available but unused (``sites``,
  no site marked ``render = true``: the download handler is not installed) and armed
  (``auto``: scrapy-playwright's handler installed, every page still fetched plainly);
- script-built site with ``render = true`` and 1, 2 and 4 pages rendered at once.

Pages/s is pages fetched over the crawl's own elapsed time (Scrapy's stats); memory is
the peak proportional set size (PSS, /proc/PID/smaps_rollup) of the crawl's process tree
and of its browser part (Playwright's driver and Chromium), sampled every 0.2 s.

    python benchmarks/render.py                       # 100 articles, 3 plain runs per mode
    python benchmarks/render.py --articles 100 --record docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.markdown import load, machine, table, write_section  # noqa: E402
from newscrawl.demo.server import DemoNetwork  # noqa: E402

START, END = "<!-- render:start -->", "<!-- render:end -->"
NOTE = (
    "`sites` with no site marked `render = true` runs the same code as `never` (the "
    "download handler is not installed), so the spread between those two rows is this "
    "machine's noise under the load shown; `auto` installs scrapy-playwright's handler, "
    "which starts Playwright only at a first page to render (browser MB 0: never started).\n\n"
)
WORDS = [
    "council",
    "ferry",
    "harbor",
    "budget",
    "river",
    "school",
    "bridge",
    "mayor",
    "library",
    "storm",
    "board",
    "vote",
    "winter",
    "market",
    "county",
    "repair",
    "plan",
    "residents",
    "meeting",
    "week",
    "officials",
    "said",
    "contract",
    "funding",
    "road",
]
SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "LOG_LEVEL": "WARNING",
}
_APP = """
const s = JSON.parse(document.getElementById('state').textContent);
const app = document.getElementById('app');
if (s.article) {
  const a = s.article; document.title = a.headline;
  app.innerHTML = '<article><h1></h1><p class="byline"></p><time></time><div></div></article>';
  app.querySelector('h1').textContent = a.headline;
  app.querySelector('.byline').textContent = 'By ' + a.author;
  app.querySelector('time').setAttribute('datetime', a.published);
  for (const t of a.paragraphs) {
    const p = document.createElement('p'); p.textContent = t;
    app.querySelector('div').appendChild(p);
  }
} else {
  for (const l of s.links) {
    const a = document.createElement('a'); a.href = l.url; a.textContent = l.title;
    const li = document.createElement('li'); li.appendChild(a); app.appendChild(li);
  }
}
"""


def _prose(seed: int, sentences: int = 6) -> str:
    out = []
    for n in range(sentences):
        words = [WORDS[(seed * 7 + n * 3 + k * 5) % len(WORDS)] for k in range(14)]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def _articles(n: int) -> list[dict]:
    return [
        {
            "path": f"/news/2025/03/{1 + i % 28:02d}/story-about-the-harbor-number-{i}/",
            "headline": f"Harbor story number {i} makes the news",
            "author": "Lena Park",
            "published": f"2025-03-{1 + i % 28:02d}T09:00:00+00:00",
            "paragraphs": [_prose(i * 10 + k) for k in range(4)],
        }
        for i in range(n)
    ]


def _plain(a: dict) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in a["paragraphs"])
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{a['headline']}</title>"
        f"</head><body><article><h1>{a['headline']}</h1><p class='byline'>By {a['author']}</p>"
        f"<time datetime='{a['published']}'>{a['published']}</time>{body}</article></body></html>"
    )


def _shell(state: dict) -> str:
    blob = json.dumps(state).replace("</", "<\\/")
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Shell</title></head><body>"
        f"<div id='app'></div><script type='application/json' id='state'>{blob}</script>"
        f"<script>{_APP}</script><noscript>Please enable JavaScript.</noscript></body></html>"
    )


def write_sites(root: Path, n: int) -> Path:
    """The plain and the script-built copy of one site; their network.toml."""
    articles = _articles(n)
    links = "".join(f"<li><a href='{a['path']}'>{a['headline']}</a></li>" for a in articles)
    pages = {
        "plain": {
            "/news/": f"<!doctype html><html><body><h1>News</h1><ul>{links}</ul></body></html>",
            **{a["path"]: _plain(a) for a in articles},
        },
        "js": {
            "/news/": _shell(
                {"links": [{"url": a["path"], "title": a["headline"]} for a in articles]}
            ),
            **{a["path"]: _shell({"article": a}) for a in articles},
        },
    }
    network = []
    for n_site, (key, files) in enumerate(pages.items()):
        for path, text in files.items():
            target = root / key / path.lstrip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        network.append(f'[[site]]\nkey = "{key}"\nname = "{key}"\nhost = "127.0.0.{21 + n_site}"\n')
    (root / "network.toml").write_text("\n".join(network), encoding="utf-8")
    return root / "network.toml"


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(root: int) -> dict[int, str]:
    """pid -> command name of ``root`` and its descendants."""
    parents: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
        names[int(entry.name)] = name
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        found[pid] = names.get(pid, "?")
        todo += parents.get(pid, [])
    return found


def crawl(network: DemoNetwork, key: str, tmp: Path, render: bool, **settings: str) -> dict:
    """One crawl of site ``key``: pages/s, articles stored, peak PSS (MB)."""
    db = tmp / f"run-{time.monotonic_ns()}.db"
    sites = tmp / "sites.toml"
    sites.write_text(
        f'[[site]]\nname = "{key}"\nstart_urls = ["{network.url(key, "/news/")}"]\n'
        f"render = {str(render).lower()}\n",
        encoding="utf-8",
    )
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sites={sites}"]
    for name, value in {**SETTINGS, "NEWSCRAWL_DB": str(db), **settings}.items():
        cmd += ["-s", f"{name}={value}"]
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="newscrawl.settings")
    proc = subprocess.Popen(cmd, cwd=tmp, env=env, stderr=subprocess.PIPE, text=True)
    peak_all = peak_browser = 0
    while proc.poll() is None:
        tree = _tree(proc.pid)
        sizes = {pid: _pss_kb(pid) for pid in tree}
        peak_all = max(peak_all, sum(sizes.values()))
        browser = [s for pid, s in sizes.items() if "chrom" in tree[pid] or "node" in tree[pid]]
        peak_browser = max(peak_browser, sum(browser))
        time.sleep(0.2)
    errors = proc.stderr.read() if proc.stderr else ""
    if proc.returncode:
        raise SystemExit(f"crawl failed ({proc.returncode}):\n{errors[-3000:]}")
    conn = sqlite3.connect(db)
    stats = json.loads(conn.execute("SELECT stats FROM crawls").fetchone()[0])
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    pages = stats.get("newscrawl/pages/fetched", 0)
    return {
        "pages": pages,
        "stored": stored,
        "pages_s": pages / stats["elapsed_time_seconds"],
        "pss_mb": peak_all / 1024,
        "browser_mb": peak_browser / 1024,
        "rendered": stats.get("newscrawl/render/pages", 0),
    }


def run(articles: int, repeat: int, concurrency: tuple[int, ...]) -> tuple[list, list]:
    """Plain rows (mode, pages/s median, runs) and rendered rows (pages at once, ...)."""
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        with DemoNetwork(write_sites(tmp / "web", articles)) as network:
            plain: dict[str, list[dict]] = {"never": [], "sites": [], "auto": []}
            for _ in range(repeat):  # interleaved, so load changes hit every mode alike
                for mode, runs in plain.items():
                    runs.append(crawl(network, "plain", tmp, False, NEWSCRAWL_RENDER=mode))
                    print(mode, runs[-1], flush=True)
            rendered = []
            for pages in concurrency:
                result = crawl(network, "js", tmp, True, NEWSCRAWL_RENDER_PAGES=str(pages))
                print(pages, result, flush=True)
                rendered.append((pages, result))
    plain_rows = [
        (
            mode,
            f"{statistics.median(r['pages_s'] for r in runs):.1f}",
            ", ".join(f"{r['pages_s']:.1f}" for r in runs),
            runs[0]["stored"],
            f"{statistics.median(r['pss_mb'] for r in runs):.0f}",
            f"{statistics.median(r['browser_mb'] for r in runs):.0f}",
            max(r["rendered"] for r in runs),
        )
        for mode, runs in plain.items()
    ]
    base = rendered[0][1]["browser_mb"] if rendered else 0
    render_rows = [
        (
            pages,
            f"{r['pages_s']:.1f}",
            r["rendered"],
            r["stored"],
            f"{r['pss_mb']:.0f}",
            f"{r['browser_mb']:.0f}",
            f"{(r['browser_mb'] - base) / (pages - 1):.0f}" if pages > 1 else "-",
        )
        for pages, r in rendered
    ]
    return plain_rows, render_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="plain crawls per mode")
    parser.add_argument(
        "--pages",
        type=int,
        nargs="*",
        default=[1, 2, 4],
        help="pages rendered at once, one crawl each (none: plain runs only)",
    )
    parser.add_argument("--record", type=Path, help="write the section into this Markdown file")
    args = parser.parse_args()
    plain, rendered = run(args.articles, args.repeat, tuple(args.pages))
    plain_table = table(
        (
            "NEWSCRAWL_RENDER",
            "pages/s (median)",
            "runs",
            "stored",
            "PSS MB",
            "browser MB",
            "rendered",
        ),
        plain,
    )
    render_table = table(
        (
            "pages at once",
            "pages/s",
            "rendered",
            "stored",
            "PSS MB",
            "browser MB",
            "MB per added page",
        ),
        rendered,
    )
    section = (
        f"{START}\n## Rendering: pages built by scripts, in Chromium\n\n"
        f"`python benchmarks/render.py --articles {args.articles} --repeat {args.repeat}`: one "
        f"generated site of {args.articles} articles and a section page, served on loopback as "
        "plain HTML and as app shells that scripts fill from inline JSON; no delays, 8 "
        "requests at once per site. Pages/s over the crawl's own elapsed time (browser start "
        "included); PSS: peak proportional memory of the crawl's process tree (crawl, page "
        "analysis workers, and for rendering Playwright's driver and Chromium), sampled "
        f"every 0.2 s.\n\nMachine: {machine()}; {load()}\n\n"
        f"Plain site (no page needs rendering):\n\n{plain_table}\n\n"
        + NOTE
        + f"Script-built site, `render = true`:\n\n{render_table}\n{END}"
    )
    print(section)
    if args.record:
        write_section(args.record, START, END, section)


if __name__ == "__main__":
    main()
