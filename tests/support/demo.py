"""Helpers for tests of the demo network: its definition file and a plain HTTP fetch."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

NETWORK = Path(__file__).resolve().parents[2] / "data" / "demo" / "network.toml"


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one GET, redirects not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=5) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()
