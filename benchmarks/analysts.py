"""Analysts' benchmark: full-text search and views on a 100,000-article archive; FTS write cost.

    python benchmarks/analysts.py                       # build the archive once, time the queries
    python benchmarks/analysts.py --write-cost          # rows/s with and without the FTS triggers
    python benchmarks/analysts.py --write-cost --record docs/benchmarks.md

The archive is invented text generated from a seed (about 600 words an article, a fifth of
them wire copies grouped into stories) and written in bulk with the FTS triggers suspended
(:func:`newscrawl.store.fts.fts_suspended`). It is kept at ``--db`` between runs.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from benchmarks.generators.archive import AGENCIES, generate  # noqa: E402
from benchmarks.markdown import load, machine, table, write_section  # noqa: E402
from newscrawl.store import Archive  # noqa: E402
from newscrawl.store.archive import content_hash  # noqa: E402
from newscrawl.store.fts import drop_triggers, fts_suspended  # noqa: E402
from newscrawl.store.fulltext import search  # noqa: E402
from newscrawl.store.views import ARTICLE_TIME  # noqa: E402

MARK_START, MARK_END = "<!-- analysts:start -->", "<!-- analysts:end -->"


def build_archive(path: Path, n: int, seed: int) -> dict[str, float]:
    """Write ``n`` invented articles into a new archive at ``path``; phase timings."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    rows = sorted(generate(n, seed), key=lambda r: r[1]["published"])
    timings["generate_s"] = time.perf_counter() - t0
    archive = Archive.open(path)
    sites = {(r["site"], r["site_name"]) for _, r in rows}
    agencies = {site: agency for site, _, agency in AGENCIES}
    archive.register_sites(
        [{"site": s, "name": nm, "agency": agencies.get(s), "start_urls": []} for s, nm in sites],
        now="2024-01-01T00:00:00+00:00",
    )
    archive.commit()
    stories: dict[int, dict[str, Any]] = {}
    db = archive.db
    t0 = time.perf_counter()
    with fts_suspended(db):
        for start in range(0, len(rows), 1000):
            batch = []
            for offset, (number, r) in enumerate(rows[start : start + 1000]):
                article_id = start + offset + 1
                body = " ".join(r["sentences"])
                seen = datetime.fromisoformat(r["published"]).astimezone(UTC).isoformat()
                story = stories.setdefault(
                    number,
                    {"id": len(stories) + 1, "original": article_id, "first": r["published"],
                     "headline": r["headline"], "wire": r["wire_source"], "copies": 0},
                )  # fmt: skip
                story["copies"] += 1
                slug = "-".join(r["headline"].lower().split()[:6])
                batch.append((
                    article_id, f"https://{r['site']}/{r['published'][:10]}/{slug}-{article_id}",
                    r["site"], r["site_name"], r["headline"], None, "[]", r["published"], None,
                    body, None, "en", None, "[]", None, story["id"], r["wire_source"],
                    len(body.split()), content_hash(r["headline"], body), None, 200, seen, seen,
                ))  # fmt: skip
            with db.atomic():
                db.conn.executemany(f"INSERT INTO articles VALUES ({','.join('?' * 23)})", batch)
        timings["insert_s"] = time.perf_counter() - t0
        db.conn.executemany(
            "INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (s["id"], s["headline"], s["original"], s["first"], s["wire"], s["copies"],
                 s["first"], s["first"])
                for s in stories.values()
            ],
        )  # fmt: skip
        t1 = time.perf_counter()
    timings["fts_rebuild_s"] = time.perf_counter() - t1
    archive.close()
    timings["articles"] = len(rows)
    return timings


def median_ms(fn: Callable[[], Any], runs: int) -> tuple[float, float, float, float]:
    """Wall time of ``runs`` calls after a warm-up call, in ms: median, minimum, maximum, and
    the median CPU time of this process (what the wall time would be with no other load)."""
    fn()
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), min(wall), max(wall), statistics.median(cpu)


def fts_cases(conn: sqlite3.Connection) -> list[tuple[str, dict[str, Any]]]:
    """Search cases picked from the archive's own words (common, mid, rare, phrase, prefix)."""
    top = [
        w
        for (w,) in conn.execute(
            "SELECT term FROM articles_fts_vocab ORDER BY doc DESC LIMIT 3000"
        ).fetchall()
    ]
    body, phrase_site, phrase_time = conn.execute(
        f"SELECT body, site, {ARTICLE_TIME} FROM articles "
        "WHERE id = (SELECT max(id) / 2 FROM articles)"
    ).fetchone()
    phrase = '"' + " ".join(body.split()[3:6]) + '"'
    phrase_since = (datetime.fromisoformat(phrase_time) - timedelta(days=60)).date().isoformat()
    last = conn.execute(f"SELECT max({ARTICLE_TIME}) FROM articles").fetchone()[0]
    month = (datetime.fromisoformat(last) - timedelta(days=30)).date().isoformat()
    year = (datetime.fromisoformat(last) - timedelta(days=365)).date().isoformat()
    site = conn.execute("SELECT site FROM articles WHERE id = 1").fetchone()[0]
    prefix = f"{top[60][:4]}*"
    return [
        (f"common word `{top[2]}`", {"query": top[2]}),
        (f"common word `{top[2]}`, every match ranked", {"query": top[2], "window": None}),
        (f"mid word `{top[400]}`", {"query": top[400]}),
        (f"rare word `{top[2900]}`", {"query": top[2900]}),
        (f"two words `{top[150]} {top[700]}`", {"query": f"{top[150]} {top[700]}"}),
        (f"phrase `{phrase}`", {"query": phrase}),
        (f"prefix `{prefix}`", {"query": prefix}),
        (f"prefix `{prefix}`, every match ranked", {"query": prefix, "window": None}),
        (f"OR `{top[900]} OR {top[1900]}`", {"query": f"{top[900]} OR {top[1900]}"}),
        (f"mid word, --site {site}", {"query": top[400], "site": site}),
        (f"common word, --site {site}", {"query": top[2], "site": site}),
        (f"common word, --since {month} (a month)", {"query": top[2], "since": month}),
        (f"common word, --since {year} (a year: all)", {"query": top[2], "since": year}),
        (
            f"phrase, --site {phrase_site} --since {phrase_since}",
            {"query": phrase, "site": phrase_site, "since": phrase_since},
        ),
    ]


VIEW_CASES = (
    ("syndication", "SELECT * FROM syndication LIMIT 100"),
    (
        "syndication",
        "SELECT site, count(*) AS copies, sum(truncated) AS truncated FROM syndication "
        "WHERE NOT is_original GROUP BY site",
    ),
    (
        "syndication",
        "SELECT * FROM syndication WHERE story_id = (SELECT max(story_id) FROM syndication)",
    ),
    ("daily_counts", "SELECT * FROM daily_counts LIMIT 100"),
    ("daily_counts", "SELECT * FROM daily_counts"),
    ("daily_counts", "SELECT day, sum(articles), sum(wire_copies) FROM daily_counts GROUP BY day"),
    ("wire_share", "SELECT * FROM wire_share LIMIT 100"),
    ("wire_share", "SELECT * FROM wire_share ORDER BY wire_share DESC"),
    ("latest", "SELECT * FROM latest LIMIT 100"),
    (
        "latest",
        "SELECT site, count(*) FROM latest WHERE published_utc >= '{week_ago}' GROUP BY site",
    ),
)


def time_queries(path: Path, runs: int) -> tuple[list[tuple[Any, ...]], ...]:
    """(label, median, min and max ms, CPU ms, rows) for every FTS case and view query."""
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_fts_vocab "
        "USING fts5vocab(main, articles_fts, row)"
    )
    fts_results = []
    for label, kwargs in fts_cases(conn):
        results = search(conn, **kwargs)
        times = median_ms(lambda kw=kwargs: search(conn, **kw), runs)
        ranked = f" (newest {results.window:,} ranked)" if results.window else ""
        fts_results.append((label + ranked, *times, len(results.hits)))
    last = conn.execute(f"SELECT max({ARTICLE_TIME}) FROM articles").fetchone()[0]
    week_ago = (datetime.fromisoformat(last) - timedelta(days=7)).isoformat(sep=" ")
    view_results = []
    for view, template in VIEW_CASES:
        sql = template.format(week_ago=week_ago)
        rows = conn.execute(sql).fetchall()
        times = median_ms(lambda q=sql: conn.execute(q).fetchall(), runs)
        view_results.append((f"{view}: `{sql}`", *times, len(rows)))
    conn.close()
    return fts_results, view_results


WRITE_MODES = {
    "with FTS triggers (the default)": contextlib.nullcontext,
    "without FTS triggers (index left stale)": None,
    "inside fts_suspended (new rows indexed at the end)": fts_suspended,
}


def _write(archive: Archive, records: list[dict[str, Any]], path_kind: str) -> None:
    if path_kind == "save_article":
        for record in records:
            archive.save_article(record, seen_at=record["published"])
            archive.maybe_commit()
        return
    for start in range(0, len(records), 1000):
        with archive.db.atomic():
            archive.conn.executemany(
                "INSERT INTO articles (url, site, headline, body, published, first_seen, "
                "last_seen) VALUES (:url, :site, :headline, :body, :published, :published, "
                ":published)",
                records[start : start + 1000],
            )


def write_cost(rows: int, seed: int, repeats: int) -> list[tuple[str, float, float]]:
    """Rows per second (wall and CPU time) writing 600-word articles, bulk SQL and the
    crawler's save_article, in each FTS mode."""
    records = [
        {"url": f"https://{r['site']}/a/{i}", "site": r["site"], "headline": r["headline"],
         "body": " ".join(r["sentences"]), "published": r["published"]}
        for i, (_, r) in enumerate(itertools.islice(generate(rows, seed), rows))
    ]  # fmt: skip
    results: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n, (_, path_kind, (mode, context)) in enumerate(
            itertools.product(
                range(repeats),
                ("bulk INSERT, 1,000 a transaction", "save_article"),
                WRITE_MODES.items(),
            )
        ):
            archive = Archive.open(Path(tmp) / f"write{n}.db", batch_size=1000)
            if context is None:
                drop_triggers(archive.db)
            t0, c0 = time.perf_counter(), time.process_time()
            with (context or contextlib.nullcontext)(archive.db):
                _write(archive, records, path_kind)
                archive.commit()
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            results.setdefault(f"{path_kind}, {mode}", []).append((rows / wall, rows / cpu))
            archive.close()
    return [
        (label, statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
        for label, v in results.items()
    ]


def upgrade_cost(path: Path) -> tuple[float, int]:
    """Seconds to open a copy of the archive stripped back to m001 (migrations 2xx applied)."""
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old.db"
        src, dst = sqlite3.connect(path), sqlite3.connect(old)
        src.backup(dst)
        src.close()
        for kind, name in dst.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') "
            "OR name LIKE 'idx_articles_%' AND name NOT IN ('idx_articles_url', "
            "'idx_articles_site_published')"
        ).fetchall():
            dst.execute(f"DROP {kind.upper()} IF EXISTS {name}")
        dst.execute("DROP TABLE articles_fts")
        dst.execute("CREATE INDEX idx_articles_story_id ON articles (story_id)")
        dst.execute("DELETE FROM _sqlite_migrations WHERE name LIKE 'm2%'")
        dst.commit()
        count = dst.execute("SELECT count(*) FROM articles").fetchone()[0]
        dst.close()
        t0 = time.perf_counter()
        Archive.open(old).close()
        return time.perf_counter() - t0, count


def archive_lines(args: argparse.Namespace) -> list[str]:
    """Build the archive when asked (or missing); what it holds and what building cost."""
    if args.rebuild or not args.db.exists():
        t = build_archive(args.db, args.articles, args.seed)
        return [
            f"Archive: {t['articles']:,.0f} invented articles (seed {args.seed}), "
            f"{args.db.stat().st_size / 1e6:,.0f} MB, written inside `fts_suspended`: inserts "
            f"{t['articles'] / t['insert_s']:,.0f} rows/s, then the index of all of them in "
            f"{t['fts_rebuild_s']:.1f} s ({t['articles'] / t['fts_rebuild_s']:,.0f} rows/s).",
            "",
        ]
    else:
        count = sqlite3.connect(args.db).execute("SELECT count(*) FROM articles").fetchone()[0]
        return [f"Archive: {count:,} invented articles (kept from an earlier run).", ""]


def query_lines(args: argparse.Namespace) -> list[str]:
    """Timed full-text searches and views, as two tables."""
    out: list[str] = []
    fts_results, view_results = time_queries(args.db, args.runs)
    for title, unit, results in (
        (
            "Full-text search (`newscrawl.store.fulltext.search`, top 20 with snippets)",
            "hits",
            fts_results,
        ),
        ("Views", "rows", view_results),
    ):
        rows = [(r[0], *(f"{ms:.1f}" for ms in r[1:5]), r[5]) for r in results]
        out += [
            f"{title}, {args.runs} warm runs (CPU ms: median CPU time of the benchmark "
            "process, which other processes on the machine do not inflate):",
            "",
            table(("query", "median ms", "min ms", "max ms", "CPU ms", unit), rows),
            "",
        ]
    return out


def write_lines(args: argparse.Namespace) -> list[str]:
    """FTS write cost and upgrade cost, when asked."""
    out: list[str] = []
    if args.write_cost:
        cost = write_cost(args.write_rows, args.seed, repeats=3)
        out += [
            f"FTS write cost: {args.write_rows:,} new ~600-word articles into an empty archive, "
            "median of 3 (save_article commits every 1,000):",
            "",
            table(
                ("write path", "rows/s", "rows per CPU second"),
                [(lbl, f"{w:,.0f}", f"{c:,.0f}") for lbl, w, c in cost],
            ),
            "",
        ]
    if args.upgrade_cost:
        seconds, count = upgrade_cost(args.db)
        out += [
            f"Upgrade: opening a copy of this archive stripped back to the m001 schema (as an "
            f"older newscrawl left it) applies the analysts' migrations (full-text index and "
            f"view indexes over {count:,} articles) in {seconds:.1f} s.",
            "",
        ]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("data/bench-analysts.db"))
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=9, help="timed runs per query (median)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the archive")
    parser.add_argument("--write-cost", action="store_true", help="also measure FTS write cost")
    parser.add_argument("--write-rows", type=int, default=10_000)
    parser.add_argument(
        "--upgrade-cost", action="store_true", help="also time upgrading an m001 copy"
    )
    parser.add_argument("--record", type=Path, help="write the results into this Markdown file")
    args = parser.parse_args(argv)

    out = [
        "Targets: a full-text search in at most 50 ms and each view in at most 200 ms, at "
        "100,000 articles. The machine is shared: when other processes load it, the CPU "
        "time column shows what a query costs by itself.",
        "",
        f"Machine: {machine()}.",
        "",
        f"Load before: `{load()}`",
        "",
        *archive_lines(args),
        *query_lines(args),
        *write_lines(args),
    ]
    out += [f"Load after: `{load()}`"]
    text = "\n".join(out)
    print(text)
    if args.record:
        record(
            args.record, " ".join(["python benchmarks/analysts.py", *(argv or sys.argv[1:])]), text
        )
    return 0


def record(path: Path, command: str, text: str) -> None:
    """Replace the analysts' section of ``path`` with ``text``."""
    section = (
        f"{MARK_START}\n## Analysts: full-text search and views at 100,000 articles\n\n"
        f"Command: `{command}` ({datetime.now(UTC):%Y-%m-%d}).\n\n{text}\n{MARK_END}"
    )
    write_section(path, MARK_START, MARK_END, section)


if __name__ == "__main__":
    sys.exit(main())
