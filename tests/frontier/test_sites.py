"""Site lists: TOML parsing, scope by host (not host:port), allowed domains."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.frontier.sites import SiteIndex, SiteListError, load_sites, sites_from_urls

PROJECT = Path(__file__).resolve().parents[2]


def test_start_urls_make_one_site_per_host() -> None:
    sites = sites_from_urls(
        ["http://127.0.0.2:8080/", "http://127.0.0.3:8080/", "http://127.0.0.2:8080/news/"]
    )
    assert [s.key for s in sites] == ["127.0.0.2", "127.0.0.3"]
    assert sites[0].start_urls == ("http://127.0.0.2:8080/", "http://127.0.0.2:8080/news/")


def test_scope_compares_hosts_not_ports() -> None:
    index = SiteIndex(sites_from_urls(["http://127.0.0.2:8080/"]))
    assert index.site_for("http://127.0.0.2:9999/a") is not None
    assert index.site_for("http://127.0.0.3:8080/a") is None
    assert index.site_for("http://127.0.0.22:8080/a") is None


def test_www_and_bare_host_are_one_site() -> None:
    index = SiteIndex(sites_from_urls(["https://www.example.com/"]))
    assert index.site_for("https://example.com/story") is not None
    assert index.site_for("https://shop.example.com/") is None
    assert {"example.com", "www.example.com"} <= set(index.allowed_domains)


def test_load_site_list(tmp_path: Path) -> None:
    path = tmp_path / "sites.toml"
    path.write_text(
        """
[[site]]
name = "Valley Courier"
start_urls = ["https://valley.example/", "https://valley.example/news/"]
feeds = ["https://valley.example/feed.xml"]
allowed_hosts = ["cdn.valley.example"]
max_pages = 50
[site.selectors]
headline = "h1.entry-title::text"

[[site]]
start_urls = ["https://wire.example/"]
agency = "AP"
render = true
""",
        encoding="utf-8",
    )
    first, second = load_sites(path)
    assert first.name == "Valley Courier" and first.key == "valley.example"
    assert "cdn.valley.example" in first.hosts and first.max_pages == 50
    assert first.selectors == {"headline": "h1.entry-title::text"}
    assert second.name == "wire.example" and second.agency == "AP"
    assert second.render and not first.render


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[site]]\nname = 'x'\n", "needs start_urls"),
        ("[[site]]\nstart_urls = ['ftp://x/']\n", "not an http"),
        ("[[site]]\nstart_urls = ['http://x/']\ncolour = 'red'\n", "unknown keys"),
        ("[[site]]\nstart_urls = ['http://x/']\n[site.selectors]\nfoo = 'p'\n", "selectors"),
        ("title = 'nothing'\n", "no [[site]]"),
        ("[[site]\n", "invalid TOML"),
        ("[[site]]\nstart_urls = ['http://x/']\nrender = 'yes'\n", "render must be true or false"),
    ],
)
def test_bad_site_lists_are_rejected_clearly(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sites.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SiteListError, match=message.replace("[", r"\[")):
        load_sites(path)


def test_missing_site_list() -> None:
    with pytest.raises(SiteListError, match="cannot read"):
        load_sites("/nonexistent/sites.toml")


def test_bundled_site_list_is_valid() -> None:
    sites = load_sites(PROJECT / "data" / "sites.toml")
    assert len(sites) >= 5
    assert len({s.key for s in sites}) == len(sites)
