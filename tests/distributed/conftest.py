"""A real redis-server per test module (with a password) and a client on an empty db."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newscrawl.distributed.connection import connect
from tests.support.redis import RedisServer


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    with RedisServer(tmp_path_factory.mktemp("redis"), password="s3cret") as srv:
        yield srv


@pytest.fixture
def client(server: RedisServer):
    conn = connect(server.url)
    conn.flushdb()
    return conn
