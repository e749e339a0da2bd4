"""The HTML view in a real headless Chromium with all network access blocked."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import EXPORTS, headquarters_extraction
from rdflib import RDF, Graph

from graph.ingest import parse_article
from graph.output.view import ENTITY_TYPES, render
from graph.pipeline import assemble, extract_articles
from graph.types import Article

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="Debian chromium not installed")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield chromium
        chromium.close()


class Page:
    """A page opened offline, recording every request, console error and dialog."""

    def __init__(self, browser, path: Path):
        self.requests, self.errors, self.dialogs = [], [], []
        self.context = browser.new_context()
        self.context.route("**/*", lambda route: route.continue_() if route.request.url == path.as_uri() else route.abort())
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
        self.url = path.as_uri()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def close(self):
        self.context.close()


def test_seed_view_offline_counts_search_and_click(browser):
    view = Page(browser, EXPORTS / "graph.html")
    try:
        assert [u for u in view.requests if u != view.url] == []
        assert view.errors == []
        ttl = Graph().parse(EXPORTS / "graph.ttl", format="turtle")
        entities = {s for s, o in ttl.subject_objects(RDF.type) if o in ENTITY_TYPES}
        assert view.js("kgView.nodeView.length") == len(entities)
        assert view.js("kgView.network.body.nodeIndices.length") == len(entities)

        view.page.fill("#search", "Zhong Guan Cun")
        view.page.press("#search", "Enter")
        assert view.js("kgView.network.getSelectedNodes()") == ["https://example.org/news-kg/id/place/zhongguancun"]
        assert "Zhongguancun" in view.page.inner_text("#details h1")

        box = view.page.locator("#graph").bounding_box()
        x, y = view.js("id => { const p = kgView.network.canvasToDOM(kgView.network.getPosition(id)); return [p.x, p.y]; }",
                       "https://example.org/news-kg/id/organization/yi-plus")
        view.page.mouse.click(box["x"] + x, box["y"] + y)
        details = view.page.inner_text("#details")
        assert "Yi+" in details and "is headquartered in Zhongguancun." in details
        assert view.errors == [] and view.dialogs == []
    finally:
        view.close()


def _hostile_graph() -> Graph:
    """Hostile names made by hand, plus an article whose text carries markup through the pipeline."""
    names = ['<img src=x onerror=alert(1)>', '<script>window.__pwned = 1</script>', 'O"Neil \'&\' {{x}} `tick` javascript:alert(3)']
    hand = headquarters_extraction(names, Article("h", "<script>alert(4)</script> headline", ""))
    article = parse_article(
        "Markup <b>Day</b>\n\nGlobex, a software company with offices in Paris, is headquartered in Lyon <img src=x onerror=alert(5)>.\n"
        "“<script>alert(6)</script>,” says Jane Smith, CEO of Globex.\n", "hostile.txt")
    return assemble([(hand, False), (next(extract_articles([article])), False)]).rdf


def test_hostile_text_is_shown_as_text_and_never_runs(browser, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(render(_hostile_graph(), title='<script>alert("title")</script>'), encoding="utf-8")
    view = Page(browser, path)
    try:
        assert view.dialogs == [] and view.errors == []
        assert view.js("window.__pwned === undefined")
        assert view.js("document.querySelectorAll('#panel img, #panel script, #details b').length") == 0
        view.page.fill("#search", "<script>window.__pwned = 1</script>")
        view.page.press("#search", "Enter")
        assert "<script>window.__pwned = 1</script>" in view.page.inner_text("#details h1")
        view.page.fill("#search", "Globex")
        view.page.press("#search", "Enter")
        assert "<img src=x onerror=alert(5)>" in view.page.inner_text("#details")
        view.page.wait_for_timeout(300)
        assert view.dialogs == [] and view.js("window.__pwned === undefined")
    finally:
        view.close()
