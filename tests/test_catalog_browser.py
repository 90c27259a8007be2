"""The release page in headless Chromium: no console errors, charts drawn, links resolve."""

from __future__ import annotations

import base64
import functools
import itertools
import json
import shutil
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from test_catalog import build_tables, write_release
from websockets.sync.client import ClientConnection, connect

from flows.catalog import render_release, render_releases_index

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--remote-debugging-port=0",
]


@pytest.fixture(scope="module")
def chromium() -> Path:
    """Debian's chromium, installed with apt-get when missing."""
    if not CHROMIUM.exists():
        if shutil.which("apt-get") is None:
            pytest.skip("chromium is not installed and apt-get is unavailable to install it")
        subprocess.run(["apt-get", "update", "-qq"], check=True, timeout=600)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"],
            check=True,
            timeout=900,
            env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
        )
    return CHROMIUM


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


class DevTools:
    """A minimal Chrome DevTools Protocol client over one page's websocket."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command and return its result, keeping the events that arrive meanwhile."""
        call_id = next(self.ids)
        self.socket.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=30))
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        """Wait for an event by name (also looking at the ones already received)."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                if event.get("method") == method:
                    self.events.remove(event)
                    return event
            self.events.append(json.loads(self.socket.recv(timeout=deadline - time.monotonic())))

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions, error log entries and dialogs seen so far."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
                found.append(json.dumps(params.get("args")))
            elif method == "Runtime.exceptionThrown":
                found.append(json.dumps(params.get("exceptionDetails")))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(params["entry"].get("text", ""))
            elif method == "Page.javascriptDialogOpening":
                found.append(f"dialog: {params.get('message')}")
        return found


@pytest.fixture(scope="module")
def browser(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    """Headless Chromium with a DevTools connection to one blank page."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    process = subprocess.Popen(
        [str(chromium), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.is_file() and port_file.read_text().strip()):
            assert time.monotonic() < deadline and process.poll() is None, "chromium did not start"
            time.sleep(0.05)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as reply:
            targets = json.load(reply)
        page = next(t for t in targets if t["type"] == "page")
        with connect(page["webSocketDebuggerUrl"], max_size=None) as socket:
            tools = DevTools(socket)
            for domain in ("Page.enable", "Runtime.enable", "Log.enable"):
                tools.call(domain)
            yield tools
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _open(browser: DevTools, url: str) -> None:
    """Navigate on a desktop-sized screen and wait until the page has loaded."""
    browser.events.clear()
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        width=1280,
        height=900,
        deviceScaleFactor=1,
        mobile=False,
    )
    browser.call("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")


CHART_MARKS = """JSON.stringify(Array.from(document.querySelectorAll('[data-chart]')).map(d => ({
  chart: d.dataset.chart,
  marks: d.querySelectorAll('svg g.role-mark > *').length,
  width: d.querySelector('svg') ? d.querySelector('svg').getBoundingClientRect().width : 0
})))"""


def test_release_page_in_headless_chromium(
    browser: DevTools, served: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    base, root = served
    _open(browser, f"{base}/releases/1.0.0/index.html")
    charts = json.loads(browser.evaluate(CHART_MARKS))
    assert [c["chart"] for c in charts] == ["events", "crowds", "detentions", "places"]
    assert all(c["marks"] > 0 and c["width"] > 300 for c in charts), charts
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert browser.evaluate("document.scripts.length") == 1
    assert browser.evaluate("document.title").startswith("Belarus, August–November 2020")
    assert browser.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    hostile = browser.evaluate(
        "Array.from(document.querySelectorAll('blockquote .src, td'))"
        ".some(e => e.textContent.includes('<script>alert(1)</script>'))"
    )
    assert hostile
    links = browser.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    local = sorted({link.split("#")[0] for link in links if link.startswith(base)})
    assert len(local) >= 18
    for link in local:
        with urllib.request.urlopen(link, timeout=10) as reply:
            assert reply.status == 200 and reply.read(), link
    height = browser.evaluate("document.documentElement.scrollHeight")
    shot = browser.call(
        "Page.captureScreenshot",
        format="png",
        captureBeyondViewport=True,
        clip={"x": 0, "y": 0, "width": 1280, "height": min(height, 5200), "scale": 1},
    )
    path = tmp_path / "release-page.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    with capsys.disabled():
        print(f"\nrelease page screenshot: {path}")
    assert path.stat().st_size > 10_000
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        width=390,
        height=844,
        deviceScaleFactor=1,
        mobile=True,
    )
    assert browser.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    ), "the page scrolls sideways on a phone"
    browser.evaluate(
        "(() => { const q = document.getElementById('event-query');"
        " q.value = 'Lavrov'; q.dispatchEvent(new Event('input')); })()"
    )
    assert browser.evaluate("document.getElementById('event-count').textContent") == (
        "1 of 11 events shown"
    )
    browser.evaluate(
        "(() => { const q = document.getElementById('event-query');"
        " q.value = ''; q.dispatchEvent(new Event('input'));"
        " document.getElementById('event-corroborated').click(); })()"
    )
    assert browser.evaluate("document.getElementById('event-count').textContent") == (
        "2 of 11 events shown"
    )
    assert browser.errors() == []


def test_releases_index_in_headless_chromium(browser: DevTools, served: tuple[str, Path]) -> None:
    base, _ = served
    _open(browser, f"{base}/index.html")
    hrefs = browser.evaluate("Array.from(document.querySelectorAll('a.release')).map(a => a.href)")
    assert hrefs == [f"{base}/releases/1.0.0/index.html"]
    _open(browser, hrefs[0])
    assert browser.evaluate("document.querySelectorAll('[data-chart] svg').length") == 4
    assert browser.errors() == []
