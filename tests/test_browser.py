"""The HTML view in a real headless Chromium with all network access blocked, and the query
page of `kg serve` with every request to another origin blocked."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import EXPORTS, ROOT, headquarters_extraction
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from test_sparql import free_port, wait_for
from view_graphs import ARTICLES, HUB, HUB_ORGS, LONE, PEOPLE, PRESS, iri, made_up_graph

from graph.ingest import parse_article
from graph.output.view import ENTITY_TYPES, render, version
from graph.pipeline import assemble, extract_articles
from graph.types import Article
from graph.vocab import KG, SCHEMA

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
        view.page.fill("#search", "<")  # the pick list shows hostile names as text
        assert any("<img src=x onerror=alert(1)>" in t for t in view.page.locator("#matches li").all_inner_texts())
        view.page.fill("#search", "<svg onload=alert(7)>")
        assert "<svg onload=alert(7)>" in view.page.inner_text("#search-message")
        assert view.page.inner_text("#title") == '<script>alert("title")</script>'
        assert view.js("document.querySelectorAll('#panel img, #panel script, #panel svg, #details b').length") == 0
        view.page.wait_for_timeout(300)
        assert view.dialogs == [] and view.js("window.__pwned === undefined")
    finally:
        view.close()


# The controls of the view, on a made-up graph (tests/view_graphs.py).

DRAWN = "() => [kgView.network.body.nodeIndices.length, kgView.network.body.edgeIndices.length]"
POSITIONS = "() => kgView.network.getPositions()"


def _open(browser, tmp_path, dated=False, max_nodes=400, title="Made-up graph"):
    path = tmp_path / f"view-{dated}-{max_nodes}.html"
    path.write_text(render(made_up_graph(dated), title=title, max_nodes=max_nodes), encoding="utf-8")
    return Page(browser, path)


def _status_counts(view) -> tuple[int, int]:
    words = view.page.inner_text("#status").split()
    return int(words[0]), int(words[4])


def _click_node(view, node_id: str, double: bool = False) -> None:
    box = view.page.locator("#graph").bounding_box()
    x, y = view.js("id => { const p = kgView.network.canvasToDOM(kgView.network.getPosition(id)); return [p.x, p.y]; }", node_id)
    (view.page.mouse.dblclick if double else view.page.mouse.click)(box["x"] + x, box["y"] + y)


def _layouts_done(view, count: int) -> None:
    """Wait until the page has finished `count` layout runs."""
    _until(view, "document.body.dataset.layouts", str(count))


def _until(view, expression: str, expected) -> None:
    """Poll a page expression until it equals `expected` (the page's CSP forbids wait_for_function's eval)."""
    for _ in range(400):
        if view.js(expression) == expected:
            return
        view.page.wait_for_timeout(50)
    assert view.js(expression) == expected


def test_entities_without_relations_are_hidden_and_counts_match_the_drawing(browser, tmp_path):
    view = _open(browser, tmp_path)
    try:
        assert view.page.is_checked("#hide-isolated")  # 8 of 22 entities have no relation: more than a third
        assert _status_counts(view) == tuple(view.js(DRAWN)) == (14, 13)
        assert "8 entities without relations hidden" in view.page.inner_text("#status")
        drawn = set(view.js("() => kgView.network.body.nodeIndices"))
        assert not {iri("organization", name) for name in LONE} & drawn

        view.page.uncheck("#hide-isolated")
        assert _status_counts(view) == tuple(view.js(DRAWN)) == (22, 13)
        view.page.check("#hide-isolated")

        view.page.uncheck("#types input[value=Person]")  # facts to hidden ends are not counted
        assert _status_counts(view) == tuple(view.js(DRAWN)) == (11, 10)
        view.page.uncheck("#relations input[value=partnerOf]")  # the press is left with its headquarters only
        assert _status_counts(view) == tuple(view.js(DRAWN)) == (11, 9)
        view.page.fill("#confidence", "0.8")
        view.page.dispatch_event("#confidence", "input")
        assert _status_counts(view) == tuple(view.js(DRAWN)) == (7, 5)  # hub, 4 sure neighbours, press, its place
        assert view.errors == [] and [u for u in view.requests if u != view.url] == []
    finally:
        view.close()


def test_few_entities_without_relations_are_shown_by_default(browser):
    view = Page(browser, EXPORTS / "graph.html")
    try:
        drawn, shown = view.js(DRAWN), _status_counts(view)
        assert tuple(drawn) == shown
        assert view.page.is_checked("#hide-isolated") is False
    finally:
        view.close()


def test_search_lists_matches_picks_with_the_keyboard_and_says_no_match(browser, tmp_path):
    view = _open(browser, tmp_path)
    try:
        view.page.fill("#search", "alpha")
        items = view.page.locator("#matches li")
        assert items.count() == 2
        texts = items.all_inner_texts()
        assert any("Alpha Works" in t and "Organization" in t and "AW Group" in t for t in texts)
        assert "2 matches" in view.page.inner_text("#search-message")
        view.page.press("#search", "Enter")  # two candidates, neither exact: nothing is picked silently
        assert view.js("kgView.network.getSelectedNodes()") == []

        second = items.nth(1).get_attribute("data-id")
        view.page.press("#search", "ArrowDown")
        view.page.press("#search", "ArrowDown")
        assert "active" in items.nth(1).get_attribute("class")
        view.page.press("#search", "ArrowUp")
        view.page.press("#search", "ArrowDown")
        view.page.press("#search", "Enter")
        assert view.js("kgView.network.getSelectedNodes()") == [second]
        assert view.page.locator("#matches li").count() == 0

        view.page.fill("#search", "aw group")  # an alias, whole
        view.page.press("#search", "Enter")
        assert view.js("kgView.network.getSelectedNodes()") == [iri("organization", "Alpha Works")]

        view.page.fill("#search", "quiet org 3")  # hidden (no relation) until searched for
        view.page.press("#search", "Enter")
        assert view.js("kgView.network.getSelectedNodes()") == [iri("organization", "Quiet Org 3")]
        assert _status_counts(view) == tuple(view.js(DRAWN)) == (15, 13)

        view.page.fill("#search", "no such name")
        assert view.page.inner_text("#search-message") == "No entity matches \u201cno such name\u201d."
        assert view.page.locator("#matches li").count() == 0
        assert view.errors == []
    finally:
        view.close()


def test_the_keyboard_moves_among_matches_only(browser, tmp_path):
    g = Graph()
    hub = URIRef(iri("place", "Hub"))
    g.add((hub, RDF.type, SCHEMA.Place))
    g.add((hub, RDFS.label, Literal("Hub")))
    for i in range(60):
        org = URIRef(iri("organization", f"Org {i:02d}"))
        g.add((org, RDF.type, SCHEMA.Organization))
        g.add((org, RDFS.label, Literal(f"Org {i:02d}")))
        g.add((org, KG.locatedIn, hub))
    path = tmp_path / "many.html"
    path.write_text(render(g), encoding="utf-8")
    view = Page(browser, path)
    try:
        view.page.fill("#search", "org")
        assert view.page.locator("#matches li[role=option]").count() == 50
        assert view.page.inner_text("#matches li:last-child") == "\u2026 and 10 more: type more of the name"
        for _ in range(55):  # past the last match: stays on it, never on the "more" line
            view.page.press("#search", "ArrowDown")
        last = view.page.locator("#matches li[role=option]").nth(49)
        assert "active" in last.get_attribute("class") and view.page.locator("#matches li.active").count() == 1
        picked = last.get_attribute("data-id")
        view.page.press("#search", "Enter")
        assert view.js("kgView.network.getSelectedNodes()") == [picked]
        assert view.errors == []
    finally:
        view.close()

def test_expanding_places_new_nodes_around_the_entity_without_overlap(browser, tmp_path):
    view = _open(browser, tmp_path, max_nodes=2)
    try:
        assert _status_counts(view) == tuple(view.js(DRAWN)) == (2, 0)
        before = view.js(POSITIONS)
        _click_node(view, HUB, double=True)
        _layouts_done(view, 1)
        after = view.js(POSITIONS)
        fresh = sorted(set(after) - set(before))
        assert fresh == sorted(iri("organization", name) for name in HUB_ORGS)
        assert _status_counts(view) == tuple(view.js(DRAWN)) == (10, 9)
        for node in before:  # the layout is re-run locally: what was drawn stays put
            assert abs(after[node]["x"] - before[node]["x"]) < 1 and abs(after[node]["y"] - before[node]["y"]) < 1
        sizes = view.js("ids => ids.map(id => kgView.network.body.nodes[id].options.size)", fresh + [HUB])
        size = dict(zip(fresh + [HUB], sizes))
        hub = after[HUB]
        for i, a in enumerate(fresh):
            distance = ((after[a]["x"] - hub["x"]) ** 2 + (after[a]["y"] - hub["y"]) ** 2) ** 0.5
            assert size[a] + size[HUB] <= distance < 800, a
            for b in fresh[i + 1:]:
                gap = ((after[a]["x"] - after[b]["x"]) ** 2 + (after[a]["y"] - after[b]["y"]) ** 2) ** 0.5
                assert gap >= size[a] + size[b], (a, b)

        view.page.fill("#search", "kappa press")
        view.page.press("#search", "Enter")
        view.page.click("#details button:has-text('Show neighbours')")  # the button does the same
        _layouts_done(view, 2)
        assert {iri("person", name) for name in PEOPLE} <= set(view.js(POSITIONS))
        assert _status_counts(view) == tuple(view.js(DRAWN)) == (14, 13)
        assert view.errors == []
    finally:
        view.close()


def test_fit_relayout_and_pause_physics(browser, tmp_path):
    view = _open(browser, tmp_path)
    try:
        view.js("() => kgView.network.moveTo({position: {x: 3000, y: 3000}, scale: 3, animation: false})")
        view.page.click("#fit")
        box = view.page.locator("#graph").bounding_box()
        points = view.js("() => Object.values(kgView.network.getPositions()).map(p => kgView.network.canvasToDOM(p))")
        assert points and all(0 <= p["x"] <= box["width"] and 0 <= p["y"] <= box["height"] for p in points)
        assert view.js("kgView.network.getScale()") < 3

        before = view.js(POSITIONS)
        view.page.click("#relayout")
        _layouts_done(view, 1)
        after = view.js(POSITIONS)
        assert set(after) == set(before)
        assert max(abs(after[n]["x"] - before[n]["x"]) + abs(after[n]["y"] - before[n]["y"]) for n in before) > 1
        assert view.js("kgView.network.physics.physicsEnabled") is False

        assert view.page.inner_text("#physics") == "Resume physics"
        view.page.click("#physics")
        assert view.page.inner_text("#physics") == "Pause physics"
        assert view.js("kgView.network.physics.physicsEnabled") is True
        view.page.click("#physics")
        assert view.page.inner_text("#physics") == "Resume physics"
        assert view.js("kgView.network.physics.physicsEnabled") is False
        paused = view.js(POSITIONS)
        view.page.wait_for_timeout(300)
        assert view.js(POSITIONS) == paused
        assert view.errors == []
    finally:
        view.close()


def test_edge_labels_only_on_hover_or_when_zoomed_in(browser, tmp_path):
    view = _open(browser, tmp_path)
    labels = "() => Object.values(kgView.network.body.edges).filter(e => e.labelModule.fontOptions.size > 0).length"
    try:
        assert view.js("kgView.network.getScale()") < 1.2 and view.js(labels) == 0
        view.js("() => kgView.network.moveTo({scale: 2, animation: false})")
        _until(view, labels, 13)
        view.js("() => kgView.network.moveTo({scale: 0.8, animation: false})")
        _until(view, labels, 0)

        view.page.click("#fit")
        edge = view.js("() => kgView.edgeView.getIds().find(id => kgView.edges.get(id).relation === 'headquarteredIn')")
        box = view.page.locator("#graph").bounding_box()
        x, y = view.js("id => { const p = kgView.network.canvasToDOM(kgView.network.body.edges[id].edgeType.getPoint(0.5)); return [p.x, p.y]; }", edge)
        view.page.mouse.move(box["x"] + x, box["y"] + y)
        _until(view, labels, 1)
        assert view.js(f"kgView.network.body.edges['{edge}'].labelModule.fontOptions.size") > 0
        view.page.mouse.move(box["x"] + 2, box["y"] + 2)
        _until(view, labels, 0)
    finally:
        view.close()


def test_size_and_colour_by(browser, tmp_path):
    view = _open(browser, tmp_path)
    size = "id => kgView.network.body.nodes[id].options.size"
    colour = "id => kgView.network.body.nodes[id].options.color.background"
    press_person = [PRESS, iri("person", PEOPLE[0])]
    try:
        view.page.select_option("#size-by", "degree")  # the hub has 8 facts, the press 5
        assert view.js(size, HUB) == 42 and view.js(size, PRESS) == 12 + 30 * 5 / 8
        view.page.select_option("#size-by", "mentions")  # the hub has 9 mentions, the press 5
        assert view.js(size, HUB) == 42 and round(view.js(size, PRESS), 2) == round(12 + 30 * 5 / 9, 2)

        by_type = [view.js(colour, n) for n in press_person]
        assert by_type[0] != by_type[1]
        view.page.select_option("#colour-by", "article")
        by_article = [view.js(colour, n) for n in press_person]
        assert by_article[0] == by_article[1] != view.js(colour, HUB)
        legend = view.page.inner_text("#legend")
        assert all(headline in legend for _, headline, _ in ARTICLES)
        view.page.select_option("#colour-by", "type")
        assert [view.js(colour, n) for n in press_person] == by_type and view.page.inner_text("#legend") == ""
    finally:
        view.close()


def _overlapping(view) -> list[tuple[str, str]]:
    """Pairs of drawn nodes (groups included) closer than the sum of their radii."""
    drawn = view.js("() => kgView.network.body.nodeIndices.map(id => { const n = kgView.network.body.nodes[id]; return [id, n.x, n.y, n.options.size]; })")
    return [(a[0], b[0]) for i, a in enumerate(drawn) for b in drawn[i + 1:] if ((a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2) ** 0.5 < a[3] + b[3]]


def test_community_groups_collapse_and_open(browser, tmp_path):
    view = _open(browser, tmp_path)
    clusters = "() => kgView.network.body.nodeIndices.filter(id => kgView.network.isCluster(id))"
    try:
        view.page.check("#group")
        _layouts_done(view, 1)  # grouping re-runs the layout so that groups do not overlap
        groups = view.js(clusters)
        assert len(groups) == 2 and view.js(DRAWN)[0] == 2
        assert "2 groups collapsed" in view.page.inner_text("#status")
        assert _status_counts(view)[0] == 14  # the entities are still counted as shown
        _click_node(view, groups[0], double=True)
        assert len(view.js(clusters)) == 1 and view.js(DRAWN)[0] > 2
        assert "1 group collapsed" in view.page.inner_text("#status")
        assert _overlapping(view) == []  # an opened group's members are laid out, not stacked on the group's place
        _click_node(view, view.js(clusters)[0])
        view.page.click("#details button:has-text('Open group')")
        assert view.js(clusters) == [] and view.js(DRAWN)[0] == 14
        assert _overlapping(view) == []
        view.page.uncheck("#group")
        view.page.check("#group")
        _layouts_done(view, 2)
        assert len(view.js(clusters)) == 2
        view.page.uncheck("#group")
        assert view.js(clusters) == [] and tuple(view.js(DRAWN)) == (14, 13)
        assert _overlapping(view) == []
        view.page.check("#group")
        _layouts_done(view, 3)
        view.page.fill("#search", "bo lind")  # found inside a closed group: that group opens around where it was
        view.page.press("#search", "Enter")
        assert len(view.js(clusters)) == 1 and _overlapping(view) == []
        assert view.errors == []
    finally:
        view.close()


def test_timeline_filter_only_when_facts_have_dates(browser, tmp_path):
    undated = _open(browser, tmp_path)
    try:
        assert undated.page.is_hidden("#timeline")
        assert undated.page.inner_text("#meta") == f"2 articles \u00b7 kg {version()}"
        assert undated.page.inner_text("#title") == "Made-up graph" and undated.js("document.title") == "Made-up graph"
    finally:
        undated.close()
    view = _open(browser, tmp_path, dated=True)
    try:
        assert view.page.is_visible("#timeline")
        assert view.page.inner_text("#meta") == f"2 articles \u00b7 built from news up to 2022-07-08 \u00b7 kg {version()}"
        view.page.fill("#date-from", "2022-01-01")
        view.page.dispatch_event("#date-from", "change")
        assert _status_counts(view) == tuple(view.js(DRAWN)) == (6, 5)  # only the later article's facts
        view.page.fill("#date-from", "2021-01-01")
        view.page.fill("#date-to", "2021-12-31")
        view.page.dispatch_event("#date-to", "change")
        assert _status_counts(view) == tuple(view.js(DRAWN)) == (9, 8)
        _click_node(view, HUB)
        assert "2021-03-04" in view.page.inner_text("#details")
        assert view.errors == []
    finally:
        view.close()


# The timeline on a real build: JSON lines with publication dates through `kg build`.

DATED_NEWS = [
    {"id": "harbor-2021", "headline": "Harbor Robotics opens a plant", "date": "2021-03-04",
     "text": "Harbor Robotics is headquartered in Lyon. Jane Smith, CEO of Harbor Robotics, opened the plant on Monday."},
    {"id": "kestrel-2022", "headline": "Kestrel Analytics hires", "date": "2022-07-08T09:30:00Z",
     "text": "Kestrel Analytics is headquartered in Porto. Tom Baker, CEO of Kestrel Analytics, said the company would hire forty engineers."},
    {"id": "harbor-2023", "headline": "Harbor Robotics two years on", "date": "2023-01-15",
     "text": "Harbor Robotics is headquartered in Lyon. Mara Lind, CEO of Osprey Foods, visited the plant."},
    {"id": "quill", "headline": "Quill Media expands",
     "text": "Quill Media is headquartered in Oslo. Ola Berg, CEO of Quill Media, announced the move."},
]
DRAWN_FACTS = "() => kgView.network.body.edgeIndices.map(id => kgView.edges.get(id)).map(e => [e.from, e.relation, e.to])"


@pytest.fixture(scope="module")
def dated_build(tmp_path_factory) -> Path:
    """graph.ttl and graph.html of DATED_NEWS, built by the `kg build` command."""
    folder = tmp_path_factory.mktemp("dated")
    corpus = folder / "news.jsonl"
    corpus.write_text("".join(json.dumps(record) + "\n" for record in DATED_NEWS), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "graph", "build", str(corpus), "-o", str(folder / "out"), "-f", "ttl,html",
                           "--workers", "1", "-q"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return folder / "out"


def _fact_dates(ttl: Path) -> dict[tuple[str, str, str], set[str]]:
    """Each fact between entities in the Turtle, with the publication days of the articles it was read in."""
    rows = Graph().parse(ttl, format="turtle").query("""
        PREFIX schema: <https://schema.org/> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?s ?p ?o ?day WHERE {
          ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?article .
          ?s a ?st_type . ?o a ?o_type .
          FILTER (?st_type IN (schema:Person, schema:Organization, schema:Place) && ?o_type IN (schema:Person, schema:Organization, schema:Place))
          OPTIONAL { ?article schema:datePublished ?day }
        }""")
    found: dict[tuple[str, str, str], set[str]] = {}
    for s, p, o, day in rows:
        days = found.setdefault((str(s), str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1], str(o)), set())
        if day is not None:
            days.add(str(day)[:10])
    return found


def _set_dates(view, start: str, end: str) -> None:
    view.page.fill("#date-from", start)
    view.page.fill("#date-to", end)
    view.page.dispatch_event("#date-to", "change")


def test_timeline_on_a_built_corpus_shows_the_facts_of_the_date_range(browser, dated_build):
    facts = _fact_dates(dated_build / "graph.ttl")
    lyon = (iri("organization", "Harbor Robotics"), "headquarteredIn", iri("place", "Lyon"))
    assert facts[lyon] == {"2021-03-04", "2023-01-15"}  # one fact read in two articles
    assert {frozenset(days) for days in facts.values()} >= {frozenset({"2021-03-04"}), frozenset({"2022-07-08"}), frozenset()}
    entities = {end for s, _, o in facts for end in (s, o)}
    view = Page(browser, dated_build / "graph.html")
    try:
        assert view.page.is_visible("#timeline")
        assert [view.page.get_attribute("#date-from", a) for a in ("min", "max")] == ["2021-03-04", "2023-01-15"]
        assert (view.page.input_value("#date-from"), view.page.input_value("#date-to")) == ("2021-03-04", "2023-01-15")
        assert view.page.inner_text("#meta") == f"4 articles \u00b7 built from news up to 2023-01-15 \u00b7 kg {version()}"
        assert sorted(map(tuple, view.js(DRAWN_FACTS))) == sorted(facts)
        view.page.check("#hide-isolated")
        for start, end in [("2022-01-01", "2023-12-31"), ("2021-01-01", "2021-12-31"), ("2022-07-08", "2022-07-08"),
                           ("2021-06-01", "2022-06-30"), ("2023-01-15", "2023-01-15"), ("2021-03-04", "2023-01-15")]:
            _set_dates(view, start, end)
            wanted = {f for f, days in facts.items() if not days or any(start <= d <= end for d in days)}
            drawn = set(map(tuple, view.js(DRAWN_FACTS)))
            assert drawn == wanted, (start, end)
            assert set(view.js("() => kgView.network.body.nodeIndices")) == {end for s, _, o in wanted for end in (s, o)}
            assert _status_counts(view) == tuple(view.js(DRAWN)) == (len({e for s, _, o in wanted for e in (s, o)}), len(wanted))
            assert f"of {len(entities)} entities" in view.page.inner_text("#status") and f"of {len(facts)} relations" in view.page.inner_text("#status")
        _set_dates(view, "2022-01-01", "2022-12-31")
        assert (lyon in set(map(tuple, view.js(DRAWN_FACTS)))) is False  # read in 2021 and 2023, not in 2022
        view.page.uncheck("#hide-isolated")  # entities stay, their facts of other dates do not
        assert _status_counts(view) == tuple(view.js(DRAWN)) == (len(entities), len(view.js(DRAWN_FACTS)))
        _set_dates(view, "2021-03-04", "2023-01-15")
        view.page.fill("#search", "Harbor Robotics")
        view.page.press("#search", "Enter")
        details = view.page.inner_text("#details")
        assert "2021-03-04" in details and "2023-01-15" in details and "Harbor Robotics two years on" in details
        assert view.errors == [] and [u for u in view.requests if u != view.url] == []
    finally:
        view.close()


# The query page of `kg serve` (GET /), and a page on another origin querying it (CORS).

HOSTILE_VALUES = ['<img src=x onerror=alert(1)>', '<script>window.__pwned = 1</script>', '</td></tr></table><b>bold</b>',
                  'javascript:alert(2)', '"quoted" & {{x}} `tick`']


@contextlib.contextmanager
def served(graph_file: Path, *options: str):
    """`kg serve GRAPH_FILE` on a free loopback port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "graph", "serve", str(graph_file), "--port", str(port), *options],
                               stderr=subprocess.PIPE, text=True)
    try:
        wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def endpoint():
    with served(EXPORTS / "graph.ttl") as base:
        yield base


class ServedPage:
    """A page opened over HTTP with every request to another origin than `allowed` blocked."""

    def __init__(self, browser, url: str, allowed: tuple[str, ...]):
        self.requests, self.errors, self.dialogs = [], [], []
        self.context = browser.new_context()
        self.context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(allowed) else route.abort())
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(url)

    def close(self):
        self.context.close()


def _run_query(view: ServedPage, query: str) -> None:
    view.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
    view.page.fill("#query", query)
    view.page.click("#run")
    view.page.wait_for_selector("#results > *", timeout=30_000)


def _rows(view: ServedPage) -> list[list[str]]:
    return view.page.evaluate("() => [...document.querySelectorAll('#table tbody tr')].map(tr => [...tr.cells].map(td => td.textContent))")


def test_query_page_runs_a_typed_query_and_shows_the_rows(browser, endpoint):
    view = ServedPage(browser, endpoint + "/", (endpoint + "/",))
    try:
        assert view.page.input_value("#query").startswith("PREFIX schema: <https://schema.org/>")  # a working example
        query = "PREFIX schema: <https://schema.org/>\nSELECT ?name WHERE { ?o a schema:Organization ; schema:name ?name } ORDER BY ?name"
        _run_query(view, query)
        expected = [[str(row.name)] for row in Graph().parse(EXPORTS / "graph.ttl", format="turtle").query(query)]
        assert len(expected) > 5 and ["Yi+"] in expected
        assert _rows(view) == expected
        assert view.page.evaluate("() => [...document.querySelectorAll('#table th')].map(th => th.textContent)") == ["name"]
        assert view.page.inner_text("#status").startswith(f"{len(expected)} rows in ")

        view.page.fill("#query", "ASK { ?s ?p ?o }")  # Ctrl+Enter runs it too
        view.page.press("#query", "Control+Enter")
        view.page.wait_for_selector("#results .boolean", timeout=30_000)
        assert view.page.inner_text("#results") == "true"
        assert view.errors == [] and view.dialogs == []

        _run_query(view, "SELEKT nothing")  # the endpoint's refusal is shown, as text
        assert view.page.inner_text("#status").startswith("HTTP 400")
        assert view.page.inner_text("#results pre.error").startswith("not a SPARQL query")
        assert [e for e in view.errors if "status of 400" not in e] == []  # the browser logs the 400 itself
        assert {u for u in view.requests} == {endpoint + "/", endpoint + "/query"}
    finally:
        view.close()


def test_query_page_shows_hostile_values_as_text(browser, tmp_path):
    data = tmp_path / "hostile.ttl"
    graph = Graph()
    for i, value in enumerate(HOSTILE_VALUES):
        graph.add((URIRef(f"https://example.org/x{i}"), URIRef("https://schema.org/name"), Literal(value, lang="en" if i % 2 else None)))
    graph.add((URIRef("javascript:alert(3)"), URIRef("https://schema.org/name"), Literal("odd IRI")))  # an IRI is text, not a link
    graph.serialize(data, format="nt", encoding="utf-8")
    with served(data) as base:
        view = ServedPage(browser, base + "/", (base + "/",))
        try:
            _run_query(view, "SELECT ?s ?name WHERE { ?s <https://schema.org/name> ?name } ORDER BY ?s")
            rows = _rows(view)
            assert sorted(row[1].removesuffix("@en") for row in rows) == sorted([*HOSTILE_VALUES, "odd IRI"])
            assert ["javascript:alert(3)", "odd IRI"] in rows
            _run_query(view, "CONSTRUCT WHERE { ?s ?p ?o }")  # a graph answer is shown as text too
            turtle = view.page.inner_text("#results pre.graph")
            assert "<img src=x onerror=alert(1)>" in turtle and "<b>bold</b>" in turtle
            view.page.wait_for_timeout(300)
            assert view.page.evaluate("() => document.querySelectorAll('#results img, #results script, #results b, #results a').length") == 0
            assert view.page.evaluate("() => window.__pwned === undefined")
            assert view.dialogs == [] and view.errors == []
        finally:
            view.close()


def test_a_page_on_another_origin_queries_the_endpoint(browser, endpoint, tmp_path):
    """What YASGUI does: fetch from another origin with a preflighted POST; the browser enforces CORS."""
    (tmp_path / "index.html").write_text("<!doctype html><title>other origin</title>", encoding="utf-8")
    other = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(tmp_path)))
    threading.Thread(target=other.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{other.server_address[1]}"
    view = ServedPage(browser, origin + "/index.html", (origin + "/", endpoint + "/"))
    try:
        answer = view.page.evaluate("""async endpoint => {
            const response = await fetch(endpoint + "/query", {method: "POST", body: "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}});
            const get = await fetch(endpoint + "/query?query=" + encodeURIComponent("ASK { ?s ?p ?o }"), {headers: {"Accept": "application/sparql-results+json"}});
            return [response.status, await response.json(), (await get.json()).boolean];
        }""", endpoint)
        status, data, asked = answer
        assert status == 200 and int(data["results"]["bindings"][0]["n"]["value"]) > 100 and asked is True
    finally:
        view.close()
        other.shutdown()
        other.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass
