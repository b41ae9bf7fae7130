"""Rendering glue: the plan from settings and sites, the handler only when it may render,
blocked resources, documents never rendered, outcomes of failed renders."""

from __future__ import annotations

import asyncio
import os
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.settings import Settings
from twisted.python.failure import Failure

import newscrawl.settings
from newscrawl.extensions import render


def settings(**overrides: object) -> Settings:
    values = {k: v for k, v in vars(newscrawl.settings).items() if k.isupper()}
    return Settings({**values, **overrides})


@pytest.fixture
def browser(tmp_path: Path) -> str:
    """A stand-in executable named like a browser."""
    path = tmp_path / "chromium"
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_find_browser(browser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert render.find_browser(browser) == browser
    assert render.find_browser("/nonexistent/chromium") is None
    monkeypatch.setenv("PATH", os.path.dirname(browser))
    assert render.find_browser(None) == browser
    monkeypatch.setenv("PATH", "/nonexistent")
    assert render.find_browser(None) is None


def test_plan_modes(browser: str) -> None:
    sites = {"js.example": True, "plain.example": False}
    plan = render.render_plan(settings(NEWSCRAWL_BROWSER=browser), sites)
    assert plan.active and plan.renders("js.example") and not plan.renders("plain.example")
    assert not plan.rerenders and plan.skipped == frozenset()
    plain_run = render.render_plan(settings(NEWSCRAWL_BROWSER=browser), {"plain.example": False})
    assert not plain_run.active  # nothing to render: Scrapy's own download handler
    auto = render.render_plan(
        settings(NEWSCRAWL_BROWSER=browser, NEWSCRAWL_RENDER="auto"), {"plain.example": False}
    )
    assert auto.active and auto.rerenders and not auto.renders("plain.example")
    never = render.render_plan(settings(NEWSCRAWL_BROWSER=browser, NEWSCRAWL_RENDER="never"), sites)
    assert not never.active and never.skipped == frozenset()
    missing = render.render_plan(settings(NEWSCRAWL_BROWSER="/nonexistent/chromium"), sites)
    assert not missing.active and missing.skipped == {"js.example"}


@pytest.mark.parametrize(
    "overrides",
    [
        {"NEWSCRAWL_RENDER": "always"},
        {"NEWSCRAWL_RENDER_TIMEOUT": 0},
        {"NEWSCRAWL_RENDER_PAGES": 0},
        {"NEWSCRAWL_RENDER_WAIT_UNTIL": "idle"},
    ],
)
def test_bad_settings_are_refused(overrides: dict[str, object]) -> None:
    with pytest.raises(render.RenderSettingsError):
        render.render_plan(settings(**overrides), {})


def test_handler_installed_only_when_the_run_may_render(browser: str) -> None:
    plain = settings()
    plan = render.render_plan(plain, {"plain.example": False})
    assert render.install(plain, plan) is plan
    assert "http" not in plain.getdict("DOWNLOAD_HANDLERS")
    rendering = settings(NEWSCRAWL_BROWSER=browser, NEWSCRAWL_RENDER_PAGES=3)
    plan = render.render_plan(rendering, {"js.example": True})
    assert render.install(rendering, plan) is plan
    assert rendering.getdict("DOWNLOAD_HANDLERS")["https"] == render.HANDLER
    assert rendering.getdict("PLAYWRIGHT_LAUNCH_OPTIONS") == {
        "executable_path": browser,
        "headless": True,
    }
    assert (rendering.getint("PLAYWRIGHT_MAX_CONTEXTS"), rendering.getint(
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT")) == (1, 3)  # fmt: skip
    assert rendering.getfloat("PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT") == 30000
    frozen = settings(NEWSCRAWL_BROWSER=browser)
    frozen.freeze()
    unusable = render.install(frozen, render.render_plan(frozen, {"js.example": True}))
    assert unusable.browser is None and unusable.skipped == {"js.example"}


def test_blocked_resources_and_plain_documents() -> None:
    kinds = {"image", "font", "media", "script", "xhr", "document", "stylesheet"}
    blocked = {k for k in kinds if render.abort_request(SimpleNamespace(resource_type=k))}
    assert blocked == {"image", "font", "media"}
    assert render.plain_only("http://a.example/feed.xml", None)
    assert render.plain_only("http://a.example/news/", "feed")
    assert not render.plain_only("http://a.example/news/2025/03/04/story/", "article")


def test_rendered_again_once_and_raw_body() -> None:
    plan = render.RenderPlan(mode="auto", browser="/usr/bin/chromium", pages=1)
    request = Request("http://a.example/news/", meta={"newscrawl_site": "a.example"})
    again = render.rendered_again(request, plan)
    assert again is not None and again.dont_filter and again.meta["playwright"]
    assert again.meta["newscrawl_site"] == "a.example"
    assert render.rendered_again(again, plan) is None  # never twice
    assert render.rendered_again(request, render.RenderPlan(mode="sites", browser="x")) is None
    method = again.meta["playwright_page_methods"][0]
    method.result = b"<html>raw</html>"
    rendered = HtmlResponse(again.url, body=b"<html>dom</html>", request=again)
    assert render.raw_body(rendered) == b"<html>raw</html>"
    assert render.raw_body(HtmlResponse(request.url, body=b"", request=request)) is None


def test_navigation_body_kept_for_the_main_frame_only() -> None:
    class Page:  # weakly referenced, hashed by identity, like Playwright's pages
        pass

    async def run() -> list[bytes | None]:
        page = Page()
        main = SimpleNamespace(parent_frame=None, page=page)
        child = SimpleNamespace(parent_frame=main, page=page)

        def response(frame: object, status: int, body: bytes, navigation: bool = True):
            async def read() -> bytes:
                return body

            nav = SimpleNamespace(is_navigation_request=lambda: navigation)
            return SimpleNamespace(frame=frame, status=status, request=nav, body=read)

        render.keep_navigation(response(main, 301, b""))
        render.keep_navigation(response(main, 200, b"raw"))
        render.keep_navigation(response(child, 200, b"iframe"))
        render.keep_navigation(response(main, 200, b"xhr", navigation=False))
        return [await render.navigation_body(page), await render.navigation_body(page)]

    assert asyncio.run(run()) == [b"raw", None]


def test_render_timeout_is_recognised() -> None:
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    rendered = Request("http://a.example/x/", meta={"newscrawl_render": True})
    failure = Failure(PlaywrightTimeout("Timeout 2000ms exceeded."))
    failure.request = rendered  # type: ignore[attr-defined]
    assert render.is_render_timeout(failure)
    plain = Failure(TimeoutError("plain"))
    plain.request = Request("http://a.example/x/")  # type: ignore[attr-defined]
    assert not render.is_render_timeout(plain)
