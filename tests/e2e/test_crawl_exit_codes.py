"""`scrapy crawl` exit status for cron: 1 when the run failed, 2 when it cannot start, else 0;
`newscrawl report` exit status 1 when a site is flagged."""

from __future__ import annotations

import socket
from pathlib import Path

from newscrawl.cli import main
from newscrawl.demo.server import DemoNetwork
from tests.support.newssite import NewsSite, crawl, rows, site_list


def dead_url() -> str:
    """A loopback URL nothing listens on (connections are refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.6", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.6:{port}/"


def write_sites(path: Path, *urls: str) -> Path:
    path.write_text(
        "\n".join(f'[[site]]\nstart_urls = ["{url}"]\n' for url in urls), encoding="utf-8"
    )
    return path


def test_every_site_unreachable_fails_the_run(tmp_path: Path) -> None:
    sites = write_sites(tmp_path / "sites.toml", dead_url())
    result = crawl(sites, tmp_path / "news.db", tmp_path)
    assert result.returncode == 1
    run = rows(tmp_path / "news.db", "SELECT status, finish_reason FROM crawls")[0]
    assert tuple(run) == ("failed", "finished")
    (site,) = rows(tmp_path / "news.db", "SELECT * FROM crawl_sites")
    assert site["status"] == "failed" and site["errors"] > 0
    assert main(["report", "--db", str(tmp_path / "news.db")]) == 1


def test_one_site_down_is_flagged_but_the_run_succeeds(tmp_path: Path, capsys) -> None:
    site = NewsSite(tmp_path / "web").write()
    with DemoNetwork(site.network_file) as network:
        sites = site_list(network, tmp_path / "sites.toml")
        sites.write_text(sites.read_text() + f'\n[[site]]\nstart_urls = ["{dead_url()}"]\n')
        result = crawl(sites, tmp_path / "news.db", tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    statuses = {
        r["site"]: r["status"] for r in rows(tmp_path / "news.db", "SELECT * FROM crawl_sites")
    }
    assert statuses == {"127.0.0.5": "ok", "127.0.0.6": "failed"}
    assert main(["report", "--db", str(tmp_path / "news.db")]) == 1
    out = capsys.readouterr().out
    assert "127.0.0.6" in out and "failed: no answer to any request" in out


def test_unusable_archive_fails(tmp_path: Path) -> None:
    (tmp_path / "not-a-dir").write_text("x")
    sites = write_sites(tmp_path / "sites.toml", dead_url())
    result = crawl(sites, tmp_path / "not-a-dir" / "news.db", tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith("scrapy crawl news: cannot create ")


def test_bad_site_list_or_settings_fail(tmp_path: Path) -> None:
    bad = tmp_path / "sites.toml"
    bad.write_text("[[site]]\nname = 'no urls'\n")
    assert crawl(bad, tmp_path / "news.db", tmp_path).returncode == 2
    good = write_sites(tmp_path / "good.toml", dead_url())
    result = crawl(good, tmp_path / "news.db", tmp_path, NEWSCRAWL_REVISIT_SCHEDULE="soon")
    assert result.returncode == 2
    assert "AGE:INTERVAL" in result.stderr
    assert not (tmp_path / "news.db").exists()


def test_report_and_changes_without_archive(tmp_path: Path) -> None:
    assert main(["report", "--db", str(tmp_path / "missing.db")]) == 2
    assert main(["changes", "--db", str(tmp_path / "missing.db")]) == 2
