"""The release page in headless Chromium: no console errors, charts drawn, links resolve.

Playwright drives a Chromium that is already on the machine (Debian's, one on PATH, or a build
Playwright itself installed); the tests skip when there is none. `make browser` installs Debian's.
"""

from __future__ import annotations

import functools
import shutil
import threading
import urllib.request
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Playwright, sync_playwright
from test_catalog import build_tables, write_release

from flows.publish.catalog import render_release, render_releases_index

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
ON_PATH = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--disable-gpu", "--disable-quic"]  # Playwright adds no-sandbox, no-first-run and the rest
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "device_scale_factor": 1}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True}
NO_BROWSER = "no Chromium found (/usr/bin/chromium, PATH or Playwright's own): `make browser` installs Debian's"


def find_chromium(playwright_build: str) -> Path | None:
    """Debian's chromium, else a Chromium or Chrome on PATH, else Playwright's build if installed."""
    candidates = [str(DEBIAN_CHROMIUM), *(shutil.which(name) for name in ON_PATH), playwright_build]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


def require_chromium(playwright_build: str) -> Path:
    """The Chromium to drive, skipping the calling test when the machine has none."""
    found = find_chromium(playwright_build)
    if found is None:
        pytest.skip(NO_BROWSER)
    return found


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver, for the whole module."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Headless Chromium from the machine, never one downloaded for the test."""
    chromium = require_chromium(playwright.chromium.executable_path)
    launched = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
    yield launched
    launched.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files without request logging."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Stay silent."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A rendered data/ folder served over http on 127.0.0.1: (base URL, folder)."""
    root = tmp_path_factory.mktemp("site")
    release = root / "releases" / "1.0.0"
    write_release(release, build_tables(), "1.0.0")
    (root / "releases" / "latest.json").write_text('{"version": "1.0.0"}', "utf-8")
    render_release(release)
    render_releases_index(root / "releases", root)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()
    thread.join()


@pytest.fixture
def errors() -> list[str]:
    """Console errors, uncaught exceptions, failed loads and dialogs of the pages a test opens."""
    return []


@pytest.fixture
def open_page(browser: Browser, errors: list[str]) -> Iterator[Callable[..., Page]]:
    """Open a URL in a fresh context (desktop-sized unless told) and wait until it has loaded."""
    contexts = []

    def console(message: ConsoleMessage) -> None:
        """Record console errors and failed assertions (failed loads are logged as errors)."""
        if message.type in {"error", "assert"}:
            errors.append(f"{message.type}: {message.text}")

    def dismiss(dialog: Dialog) -> None:
        """Record a dialog as an error and close it."""
        errors.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def open_(url: str, device: dict[str, Any] = DESKTOP) -> Page:
        """The loaded page, its errors reported into `errors`."""
        context = browser.new_context(**device)
        contexts.append(context)
        page = context.new_page()
        page.on("console", console)
        page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        page.on("dialog", dismiss)
        page.goto(url, wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()


CHART_MARKS = """Array.from(document.querySelectorAll('[data-chart]')).map(d => ({
  chart: d.dataset.chart,
  marks: d.querySelectorAll('svg g.role-mark > *').length,
  width: d.querySelector('svg') ? d.querySelector('svg').getBoundingClientRect().width : 0
}))"""
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_release_page_in_headless_chromium(
    open_page: Callable[..., Page],
    errors: list[str],
    served: tuple[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
) -> None:
    base, root = served
    url = f"{base}/releases/1.0.0/index.html"
    page = open_page(url)
    charts = page.evaluate(CHART_MARKS)
    assert [c["chart"] for c in charts] == ["events", "crowds", "detentions", "places"]
    assert all(c["marks"] > 0 and c["width"] > 300 for c in charts), charts
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 1
    assert page.title().startswith("Belarus, August–November 2020")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    hostile = page.evaluate(
        "Array.from(document.querySelectorAll('blockquote .src, td'))"
        ".some(e => e.textContent.includes('<script>alert(1)</script>'))"
    )
    assert hostile
    links = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    local = sorted({link.split("#")[0] for link in links if link.startswith(base)})
    assert len(local) >= 18
    for link in local:
        with urllib.request.urlopen(link, timeout=10) as reply:
            assert reply.status == 200 and reply.read(), link
    height = page.evaluate("document.documentElement.scrollHeight")
    path = tmp_path / "release-page.png"
    page.screenshot(
        path=path,
        full_page=True,
        clip={"x": 0, "y": 0, "width": 1280, "height": min(height, 5200)},
    )
    with capsys.disabled():
        print(f"\nrelease page screenshot: {path}")
    assert path.stat().st_size > 10_000
    phone = open_page(url, PHONE)
    assert phone.evaluate(NO_SIDEWAYS_SCROLL), "the page scrolls sideways on a phone"
    phone.fill("#event-query", "Lavrov")
    assert phone.text_content("#event-count") == "1 of 11 events shown"
    phone.fill("#event-query", "")
    phone.click("#event-corroborated")
    assert phone.text_content("#event-count") == "2 of 11 events shown"
    assert errors == []


def test_releases_index_in_headless_chromium(
    open_page: Callable[..., Page], errors: list[str], served: tuple[str, Path]
) -> None:
    base, _ = served
    page = open_page(f"{base}/index.html")
    hrefs = page.evaluate("Array.from(document.querySelectorAll('a.release')).map(a => a.href)")
    assert hrefs == [f"{base}/releases/1.0.0/index.html"]
    page.goto(hrefs[0], wait_until="load")
    assert page.evaluate("document.querySelectorAll('[data-chart] svg').length") == 4
    assert errors == []


def test_errors_are_caught(
    open_page: Callable[..., Page], errors: list[str], served: tuple[str, Path]
) -> None:
    """A broken page fails the checks above: each kind of error is reported."""
    base, root = served
    (root / "broken.html").write_text(
        "<img src='missing.png'><script>console.error('logged'); console.assert(false);"
        " alert('shown'); setTimeout(() => { throw new Error('thrown'); });</script>",
        "utf-8",
    )
    open_page(f"{base}/broken.html")
    found = "\n".join(errors)
    for expected in ("404", "error: logged", "assert:", "dialog: shown", "uncaught: thrown"):
        assert expected in found, errors


def test_skips_without_a_browser(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With no Chromium anywhere the browser tests skip, saying how to get one, instead of failing."""
    monkeypatch.setattr(f"{__name__}.DEBIAN_CHROMIUM", tmp_path / "chromium")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.skip.Exception, match="make browser"):
        require_chromium(str(tmp_path / "playwright-chromium"))
