"""Headless Debian Chromium through Playwright, offline: shared by the view benchmark and the screenshot."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@contextmanager
def offline_page(path: Path, width: int = 1400, height: int = 900):
    """A page that may load `path` and nothing else."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Debian chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        context = browser.new_context(viewport={"width": width, "height": height})
        context.route("**/*", lambda route: route.continue_() if route.request.url == path.resolve().as_uri() else route.abort())
        try:
            yield context.new_page()
        finally:
            browser.close()
