"""The demo server's validators and 304 answers, slow paths and a changing served copy."""

from __future__ import annotations

import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

from newscrawl.demo.server import DemoNetwork
from tests.support.demo import NETWORK, fetch


def request(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_etag_last_modified_and_304(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    shutil.copytree(NETWORK.parent, root)
    with DemoNetwork(root / "network.toml") as network:
        site = network.sites[0]
        url = network.url(site.key, "/")
        status, headers, _ = fetch(url)
        etag, modified = headers["ETag"], headers["Last-Modified"]
        assert status == 200 and etag.startswith('"') and modified.endswith("GMT")
        assert request(url, **{"If-None-Match": etag})[0] == 304
        assert request(url, **{"If-Modified-Since": modified})[0] == 304
        assert request(url, **{"If-None-Match": '"other"'})[0] == 200
        page = root / site.key / "index.html"
        page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>Updated</p></body>"))
        status, headers, changed = request(url, **{"If-None-Match": etag})
        assert status == 200 and headers["ETag"] != etag and b"Updated" in changed
        assert [h.status for h in network.hits(site.key)] == [200, 304, 304, 200, 200]
        assert network.hits(site.key)[1].headers["If-None-Match"] == etag


def test_sites_without_validators_and_slow_paths(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "index.html").write_text("<h1>one</h1>")
    (tmp_path / "network.toml").write_text(
        '[[site]]\nkey = "one"\nname = "One"\nhost = "127.0.0.7"\nvalidators = false\n'
        'slow = { "/" = 0.3 }\n'
    )
    with DemoNetwork(tmp_path / "network.toml") as network:
        started = time.monotonic()
        status, headers, _ = fetch(network.url("one", "/"))
        assert time.monotonic() - started >= 0.3
        assert status == 200 and "ETag" not in headers and "Last-Modified" not in headers
        network.sites[0].slow.clear()
        network.set_delay(0)
        started = time.monotonic()
        fetch(network.url("one", "/"))
        assert time.monotonic() - started < 0.3
