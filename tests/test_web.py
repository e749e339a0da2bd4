"""News pages and feeds: trafilatura/htmldate ingest, and `kg build URL` / `--feed URL` against
a real HTTP server on 127.0.0.1 that serves the fixtures in tests/web/ (no other network)."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT
from rdflib import RDF, Graph, Namespace
from rdflib.namespace import PROV

from graph.ingest import article_from_bytes
from graph.vocab import KG

WEB = Path(__file__).resolve().parent / "web"
SCHEMA = Namespace("https://schema.org/")
ROUTES = {
    "/robots.txt": ("robots.txt", "text/plain"),
    "/news/widgets.html": ("widgets.html", "text/html; charset=utf-8"),
    "/news/workshop.html": ("workshop.html", "text/html; charset=utf-8"),
    "/members/hidden.html": ("hidden.html", "text/html; charset=utf-8"),
    "/feed.xml": ("feed.xml", "application/rss+xml"),
}


class FixtureServer(ThreadingHTTPServer):
    """Serves tests/web/ with ETags and 304s, and logs every request (path, headers)."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FixtureHandler)
        self.log: list[tuple[str, dict[str, str]]] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.log]


class FixtureHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        self.server.log.append((self.path, dict(self.headers.items())))
        if self.path not in ROUTES:
            self.send_error(404)
            return
        name, kind = ROUTES[self.path]
        body = (WEB / name).read_bytes()
        etag = f'"{len(body)}-{name}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[FixtureServer]:
    httpd = FixtureServer()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True, cwd=ROOT)


def test_a_news_page_gives_main_text_headline_author_site_name_and_date():
    article = article_from_bytes((WEB / "widgets.html").read_bytes(), "widgets.html")
    assert article.title == "Widgets grow again"  # og:title, not the <title> with the site's tagline
    assert article.publisher == "Harbour Post" and article.byline == ("Ann Quill",) and article.published == "2024-03-05"
    body = " ".join(article.text[a:b] for a, b in article.body)
    assert "headquartered in Eastmere" in body and "two hundred people" in body
    for noise in ("Nobody Should Read This", "Most read", "Ferry timetable", "All rights reserved", "Home"):
        assert noise not in article.text
    other = article_from_bytes((WEB / "workshop.html").read_bytes(), "workshop.html")
    assert other.title == "Guild opens a school for young makers"  # the h1 when there is no og:title
    assert other.publisher == "Westvale Courier" and other.published == "2024-04-11" and "Advertise" not in other.text


def test_kg_build_reads_urls_and_feeds_politely(server, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    args = ["build", f"{server.base}/news/widgets.html", "--feed", f"{server.base}/feed.xml", "-o", str(out),
            "--cache", str(cache), "--delay", "0", "--workers", "1", "--format", "ttl"]
    done = kg(*args)
    assert done.returncode == 3, done.stderr
    assert done.stderr.splitlines() == [f"kg: warning: {server.base}/members/hidden.html: refused by the site's robots.txt",
                                        f"kg: warning: {server.base}/news/gone.html: HTTP 404"]
    assert "/members/hidden.html" not in server.paths()
    assert server.paths().count("/robots.txt") == 1 and server.paths().count("/news/widgets.html") == 1
    assert all(headers.get("User-Agent", "").startswith("news-kg/") for _, headers in server.log)
    g = Graph().parse(out / "graph.ttl", format="turtle")
    articles = {str(g.value(a, SCHEMA.url)): a for a in g.subjects(RDF.type, SCHEMA.NewsArticle)}
    assert set(articles) == {f"{server.base}/news/widgets.html", f"{server.base}/news/workshop.html"}
    widgets = articles[f"{server.base}/news/widgets.html"]
    assert str(g.value(widgets, SCHEMA.headline)) == "Widgets grow again"
    assert str(g.value(widgets, SCHEMA.datePublished)) == "2024-03-05"
    assert str(g.value(g.value(widgets, SCHEMA.publisher), SCHEMA.name)) == "Harbour Post"
    assert str(g.value(g.value(widgets, SCHEMA.author), SCHEMA.name)) == "Ann Quill"
    sources = {g.value(st, PROV.wasDerivedFrom) for st in g.subjects(RDF.type, RDF.Statement)}
    assert sources == set(articles.values()) and (None, KG.headquarteredIn, None) in g

    server.log.clear()
    again = kg(*args[:-6], "-o", str(tmp_path / "again"), *args[-6:])
    assert again.returncode == 3, again.stderr
    revalidated = [headers.get("If-None-Match") for path, headers in server.log if path.startswith("/news/w")]
    assert len(revalidated) == 2 and all(revalidated)  # the cache asks whether the pages changed
    assert (tmp_path / "again" / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_kg_build_url_refuses_oversized_pages_and_missing_servers_in_one_line(server, tmp_path):
    done = kg("build", f"{server.base}/news/widgets.html", "-o", str(tmp_path / "out"), "--max-bytes", "500", "--delay", "0", "--no-cache")
    assert done.returncode == 1
    assert done.stderr == f"kg: error: {server.base}/news/widgets.html: over the size limit of 500 bytes\n"
    closed = FixtureServer()
    port = closed.server_address[1]
    closed.server_close()
    done = kg("build", f"http://127.0.0.1:{port}/news/widgets.html", "-o", str(tmp_path / "out"), "--delay", "0", "--no-cache", "--fetch-timeout", "5")
    assert done.returncode == 1 and done.stderr.startswith(f"kg: error: http://127.0.0.1:{port}/news/widgets.html: cannot fetch")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
