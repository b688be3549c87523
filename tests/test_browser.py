"""The HTML report and the kabupaten index in a real browser: Debian's ``chromium``, driven by Playwright.

Ajibarang 2023 (the shared ``ajibarang_built`` fixture: report and index) is
served over HTTP on localhost and loaded at a desktop and a phone width. On
each page nothing may be wider than the window (wide tables scroll inside
their own box), every table-of-contents link of the report must have its
target, and every link of the index must name a file that exists. Full-page
screenshots are kept in ``output/_uji_browser/`` (ignored by git) to be looked
at. Playwright's own browser download is never used: the module is skipped
when no ``chromium`` binary is installed (``apt-get install chromium``;
``.ci/run`` does it) or ``LKJIP_CHROMIUM`` names none.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from lkjip import paths
from tests.conftest import ROOT

TAHUN = 2023
SLUG = "ajibarang"
SHOTS = ROOT / "output" / "_uji_browser"
# (name, width, height): a desktop window and a phone's (the iPhone 12-15 viewport).
WINDOWS = [("desktop", 1280, 900), ("ponsel", 390, 844)]
# Without the background-networking flags Chromium keeps calling home, which a closed network answers slowly.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _chromium() -> str | None:
    """The chromium binary: ``LKJIP_CHROMIUM`` if set, else Debian's ``chromium`` (or ``chromium-browser``)."""
    named = os.environ.get("LKJIP_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM = _chromium()
if CHROMIUM is None:
    pytest.skip(
        "no chromium binary: install Debian's (apt-get install -y chromium) or set LKJIP_CHROMIUM; "
        "Playwright's own browser download is not used",
        allow_module_level=True,
    )
try:
    from playwright import sync_api
except ImportError:  # the test extra installs it
    pytest.skip("playwright is not installed (make .venv/bin/.installed)", allow_module_level=True)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # no access log in the test output
        pass


@pytest.fixture(scope="module")
def site(ajibarang_built: Path) -> Iterator[tuple[str, Path]]:
    """The built output tree served on localhost: (base URL, output folder)."""
    out = ajibarang_built / "output"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", out
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest) -> Iterator[Any]:
    """Debian's chromium, headless, launched once for the module; names the screenshot folder at the end."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        except sync_api.Error as exc:
            pytest.skip(f"{CHROMIUM} did not start under Playwright: {exc}")
        try:
            yield chromium
        finally:
            chromium.close()
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():  # shown without -s too
        print(f"\nbrowser screenshots: {SHOTS}")


def _open(browser: Any, url: str, width: int, height: int) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    page = context.new_page()
    page.goto(url, wait_until="load")
    return context, page


def _too_wide(page: Any) -> list[str]:
    """The page's overflow, and the elements that stick out past the window's right edge (for the message)."""
    return list(
        page.evaluate(
            """() => {
        const w = window.innerWidth, doc = document.documentElement;
        if (doc.scrollWidth <= w) return [];
        const out = [`scrollWidth ${doc.scrollWidth} > innerWidth ${w}`];
        const sticksOut = el => el && el.getBoundingClientRect().right > w + 0.5;
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          // the outermost elements only: their content sticks out with them
          if (sticksOut(el) && !sticksOut(el.parentElement) && out.length < 12) {
            out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
          }
        }
        return out;
      }"""
        )
    )


def _shoot(page: Any, name: str, width: int) -> Path:
    shot = SHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    return shot


@pytest.mark.parametrize(("window", "width", "height"), WINDOWS)
def test_report_fits_the_window_and_its_contents_links_resolve(browser, site, window, width, height):
    base, _ = site
    stem = paths.output_stem(SLUG, TAHUN)
    context, page = _open(browser, f"{base}/{TAHUN}/{SLUG}/{stem}.html", width, height)
    try:
        assert page.evaluate("window.innerWidth") == width
        viewport = page.evaluate("document.querySelector('meta[name=viewport]')?.content ?? ''")
        assert "width=device-width" in viewport
        shot = _shoot(page, f"laporan-{window}", width)
        wide = _too_wide(page)
        assert not wide, f"the report is wider than a {width} px window (see {shot}): {wide}"

        # Every table-of-contents link (Daftar Isi, Tabel, Grafik, ...) has its target in the page.
        targets = page.evaluate(
            """() => [...document.querySelectorAll('nav.lkjip-daftar a[href^="#"]')]
                     .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))"""
        )
        assert len(targets) > 20, "the report has no table of contents"
        missing = [t for t in targets if not page.evaluate("t => document.getElementById(t) !== null", t)]
        assert missing == []

        # Wide tables scroll inside their own box; charts are no wider than the text.
        text_width = page.evaluate("document.querySelector('main').clientWidth")
        widths = page.evaluate(
            """() => [...document.querySelectorAll('figure.lkjip-tabel, figure.lkjip-grafik svg, figure img')]
                     .map(el => el.getBoundingClientRect().width)"""
        )
        assert widths, "no table or chart found"
        assert max(widths) <= text_width + 0.5

        # A link followed in the browser lands on its section.
        first = page.locator('nav.lkjip-daftar a[href^="#"]').last
        href = first.get_attribute("href")
        first.click()
        page.wait_for_function("h => location.hash === h", arg=href)
        top = page.evaluate("t => document.getElementById(t).getBoundingClientRect().top", unquote(href[1:]))
        assert abs(top) < height
    finally:
        context.close()


@pytest.mark.parametrize(("window", "width", "height"), WINDOWS)
def test_index_fits_the_window_and_its_links_name_files(browser, site, window, width, height):
    base, out = site
    year = out / str(TAHUN)
    context, page = _open(browser, f"{base}/{TAHUN}/index.html", width, height)
    try:
        viewport = page.evaluate("document.querySelector('meta[name=viewport]')?.content ?? ''")
        assert "width=device-width" in viewport
        shot = _shoot(page, f"indeks-{window}", width)
        wide = _too_wide(page)
        assert not wide, f"the index is wider than a {width} px window (see {shot}): {wide}"

        hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
        reports = [h for h in hrefs if h.startswith(f"{SLUG}/")]
        assert len(reports) == 3, hrefs  # HTML, PDF, notebook of the one built report
        local = [h for h in hrefs if not urlsplit(h).scheme and not h.startswith("#")]
        assert [h for h in local if not (year / unquote(urlsplit(h).path)).is_file()] == []
        # ... and the server hands them out (what a reader clicking them gets).
        for h in reports:
            assert page.request.get(f"{base}/{TAHUN}/{h}").status == 200
    finally:
        context.close()
