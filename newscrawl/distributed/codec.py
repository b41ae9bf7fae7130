"""Requests as JSON data: what crosses Redis is never code.

scrapy-redis pickles requests by default; a pickle from Redis can run anything when
loaded. Here a request is URL, method, headers, body (base64), priority, flags, the
callback and errback by name (methods of the spider only) and meta values of plain JSON
types; meta that is not plain data (objects some middleware keeps there) is left out.
A payload that does not decode to such a request is refused with :class:`CodecError`.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable
from typing import Any

import scrapy

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
_MAX_DEPTH = 8


class CodecError(ValueError):
    """A payload that is not a request this codec wrote."""


def plain(value: Any, depth: int = 0) -> bool:
    """True for JSON data: str, int, float, bool, None, and lists and str-keyed dicts of them."""
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if depth >= _MAX_DEPTH:
        return False
    if isinstance(value, list | tuple):
        return all(plain(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v, depth + 1) for k, v in value.items())
    return False


def _method_name(spider: scrapy.Spider, func: Callable[..., Any] | None) -> str | None:
    if func is None:
        return None
    name = getattr(func, "__name__", "")
    if getattr(func, "__self__", None) is not spider or getattr(spider, name, None) != func:
        raise CodecError(f"callback {func!r} is not a method of the spider")
    return str(name)


def encode(request: scrapy.Request, spider: scrapy.Spider, lease: str | None = None) -> str:
    """The JSON text of ``request``; ``lease``: its id in the queue (a new one if None)."""
    headers = {
        k.decode("latin-1"): [v.decode("latin-1") for v in vs] for k, vs in request.headers.items()
    }
    data = {
        "id": lease or uuid.uuid4().hex,
        "url": request.url,
        "method": request.method,
        "headers": headers,
        "body": base64.b64encode(request.body).decode("ascii"),
        "meta": {k: v for k, v in request.meta.items() if plain(v)},
        "cb_kwargs": {k: v for k, v in request.cb_kwargs.items() if plain(v)},
        "callback": _method_name(spider, request.callback),
        "errback": _method_name(spider, request.errback),
        "priority": request.priority,
        "dont_filter": request.dont_filter,
        "flags": [f for f in request.flags if isinstance(f, str)],
    }
    return json.dumps(data, separators=(",", ":"), sort_keys=True)


def _spider_method(spider: scrapy.Spider, name: Any) -> Callable[..., Any] | None:
    if name is None:
        return None
    if not isinstance(name, str) or name.startswith("_"):
        raise CodecError(f"no spider method named {name!r}")
    func = getattr(spider, name, None)
    if not callable(func) or getattr(func, "__self__", None) is not spider:
        raise CodecError(f"no spider method named {name!r}")
    return func


def _check(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        raise CodecError("not a request")
    if data.get("method") not in _METHODS or not isinstance(data.get("priority"), int):
        raise CodecError("bad method or priority")
    headers = data.get("headers")
    if not isinstance(headers, dict) or not all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in headers.values()
    ):
        raise CodecError("bad headers")
    for key in ("meta", "cb_kwargs"):
        if not isinstance(data.get(key), dict) or not plain(data[key]):
            raise CodecError(f"bad {key}")
    if not isinstance(data.get("id"), str) or not isinstance(data.get("body"), str):
        raise CodecError("bad id or body")
    return data


def decode(payload: str | bytes, spider: scrapy.Spider) -> tuple[str, scrapy.Request]:
    """(lease id, request) of a payload written by :func:`encode`."""
    try:
        data = _check(json.loads(payload))
        body = base64.b64decode(data["body"], validate=True)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise CodecError(str(exc)) from exc
    request = scrapy.Request(
        data["url"],
        method=data["method"],
        headers=data["headers"] or None,
        body=body,
        meta=data["meta"],
        cb_kwargs=data["cb_kwargs"],
        callback=_spider_method(spider, data.get("callback")),
        errback=_spider_method(spider, data.get("errback")),
        priority=data["priority"],
        dont_filter=bool(data.get("dont_filter")),
        flags=[f for f in data.get("flags") or [] if isinstance(f, str)],
    )
    return data["id"], request
