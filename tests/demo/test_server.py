"""The demo network server: hosts, redirects, flaky pages, calendar trap, padding, charsets."""

from __future__ import annotations

import pytest

from newscrawl.demo.server import DemoNetwork
from tests.support.demo import NETWORK, fetch


@pytest.fixture(scope="module")
def network():
    with DemoNetwork(NETWORK) as net:
        yield net


def test_each_site_on_its_own_loopback_host(network: DemoNetwork) -> None:
    hosts = {site.host for site in network.sites}
    assert len(hosts) == len(network.sites) >= 3
    for site in network.sites:
        status, headers, body = fetch(network.url(site.key, "/"))
        assert status == 200 and headers["Content-Type"] == "text/html"
        assert b"__PORT__" not in body
    assert network.requests(network.sites[0].key)[-1] == "/"


def test_redirects_flaky_and_missing(network: DemoNetwork) -> None:
    site = next(s for s in network.sites if s.redirects)
    old, new = next(iter(site.redirects.items()))
    status, headers, _ = fetch(network.url(site.key, old))
    assert status == 301 and headers["Location"] == new
    flaky = next(iter(site.flaky))
    assert fetch(network.url(site.key, flaky))[0] == 503
    assert fetch(network.url(site.key, flaky))[0] == 200
    assert fetch(network.url(site.key, "/no/such/page/"))[0] == 404
    assert fetch(network.url(site.key, "/../network.toml"))[0] == 404


def test_calendar_trap_is_endless(network: DemoNetwork) -> None:
    site = next(s for s in network.sites if s.calendar)
    status, _, body = fetch(network.url(site.key, f"{site.calendar}?month=2999-12"))
    assert status == 200 and b"month=3000-01" in body and b"month=2999-11" in body
    status, _, body = fetch(network.url(site.key, f"{site.calendar}2999/12/31/"))
    assert status == 200 and b"3000/01/01/" in body and b"2999/12/30/" in body
    assert b"calendar/3000/" in body and b"month=2999-11" in body


def test_padded_page_is_big(network: DemoNetwork) -> None:
    for site in network.sites:
        for page in site.root.rglob("*.html"):
            if b"NEWSCRAWL_PAD_BYTES" in page.read_bytes():
                path = "/" + str(page.relative_to(site.root)).removesuffix("index.html")
                _, _, body = fetch(network.url(site.key, path))
                assert len(body) > 4_000_000
                return
    pytest.fail("no padded page in the demo network")
