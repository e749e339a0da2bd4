"""News pages and feeds: trafilatura/htmldate ingest, and `kg build URL` / `--feed URL` against
a real HTTP server on 127.0.0.1 that serves the fixtures in tests/web/ (no other network)."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT
from rdflib import RDF, Graph, Namespace
from rdflib.namespace import PROV

from graph.ingest import InputError, article_from_bytes, web
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


# --- redirects and robots.txt, deadlines ----------------------------------------------------


class Site(ThreadingHTTPServer):
    """A local web site (its own port, so its own robots.txt): path -> (status, headers, body)
    or a function that writes the answer itself; logs every path asked for."""

    daemon_threads = True

    def __init__(self, routes: dict) -> None:
        super().__init__(("127.0.0.1", 0), SiteHandler)
        self.routes, self.log = routes, []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class SiteHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        self.server.log.append(self.path)
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
        elif callable(route):
            route(self)
        else:
            status, headers, body = route
            self.send_response(status)
            for name, value in {"Content-Length": str(len(body)), **headers}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def site(routes: dict) -> Iterator[Site]:
    httpd = Site(routes)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


PAGE = (WEB / "widgets.html").read_bytes()
HTML = {"Content-Type": "text/html; charset=utf-8"}


def test_a_redirect_is_checked_against_the_robots_txt_of_the_site_it_leads_to():
    other_routes = {"/robots.txt": (200, {}, b"User-agent: *\nDisallow: /private/\n"),
                    "/private/page.html": (200, HTML, PAGE), "/public/page.html": (200, HTML, PAGE)}
    with site(other_routes) as other:
        routes = {"/robots.txt": (200, {}, b"User-agent: *\nDisallow: /members/\n"),
                  "/to-private": (302, {"Location": f"{other.base}/private/page.html"}, b""),
                  "/to-public": (301, {"Location": f"{other.base}/public/page.html"}, b""),
                  "/to-members": (307, {"Location": "/members/secret.html"}, b""),
                  "/members/secret.html": (200, HTML, PAGE),
                  "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
                  "/loop": (302, {"Location": "/loop"}, b"")}
        with site(routes) as first:
            fetcher = web.Fetcher(delay_s=0)
            with pytest.raises(InputError) as refused:
                fetcher.get(f"{first.base}/to-private")
            assert str(refused.value) == f"{first.base}/to-private: redirected to {other.base}/private/page.html, which that site's robots.txt refuses"
            assert other.log == ["/robots.txt"]  # the other site's robots.txt was read; the page was never asked for

            assert fetcher.get(f"{first.base}/to-public") == PAGE
            assert other.log == ["/robots.txt", "/public/page.html"]  # its robots.txt read once

            with pytest.raises(InputError, match="which that site's robots.txt refuses"):
                fetcher.get(f"{first.base}/to-members")  # a redirect within the site is checked too
            assert "/members/secret.html" not in first.log
            with pytest.raises(InputError, match="redirected to file:///etc/passwd, which is not an http or https URL"):
                fetcher.get(f"{first.base}/to-file")
            with pytest.raises(InputError, match="more than 5 redirects"):
                fetcher.get(f"{first.base}/loop")
            assert first.log.count("/robots.txt") == 1


def test_a_redirect_to_a_site_whose_robots_txt_cannot_be_read_is_refused():
    closed = Site({})
    gone = closed.base
    closed.server_close()
    with site({"/robots.txt": (404, {}, b""), "/away": (302, {"Location": f"{gone}/page.html"}, b"")}) as first:
        with pytest.raises(InputError) as refused:
            web.Fetcher(delay_s=0, timeout_s=5).get(f"{first.base}/away")
    message = str(refused.value)
    assert message.startswith(f"{first.base}/away: redirected to {gone}/page.html: cannot fetch its site's robots.txt (")
    assert "\n" not in message


def _drip(data: bytes, headers_first: bool) -> Callable[[BaseHTTPRequestHandler], None]:
    """An answer that sends one byte every 0.1 s (after proper headers, or as the headers), for at most 30 s."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        if headers_first:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.flush()
        try:
            for byte in data[:300]:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass  # the client went away: what the test wants

    return answer


TRICKLES = {
    "body": {"/robots.txt": (404, {}, b""), "/page": _drip(PAGE, headers_first=True)},
    "headers": {"/robots.txt": (404, {}, b""), "/page": _drip(b"HTTP/1.0 200 OK\r\nX-Padding: " + b"a" * 1000 + b"\r\n\r\n", headers_first=False)},
    "robots.txt": {"/robots.txt": _drip(b"User-agent: *\nDisallow: /nothing/\n" * 50, headers_first=True), "/page": (200, HTML, PAGE)},
}


@pytest.mark.parametrize("what", TRICKLES)
def test_a_server_that_trickles_bytes_is_cut_at_the_deadline(what):
    with site(TRICKLES[what]) as slow:
        fetcher = web.Fetcher(delay_s=0, timeout_s=5, deadline_s=1.5)  # each byte comes well within the 5 s read timeout
        started = time.monotonic()
        with pytest.raises(InputError) as cut:
            fetcher.get(f"{slow.base}/page")
        elapsed = time.monotonic() - started
    assert "no complete answer within 1.5 s" in str(cut.value) and str(cut.value).startswith(f"{slow.base}/page: ")
    assert elapsed < 1.5 + 1, f"gave up after {elapsed:.1f} s"


def test_kg_build_url_has_a_deadline_and_says_so_in_one_line(tmp_path):
    with site(TRICKLES["body"]) as slow:
        started = time.monotonic()
        done = kg("build", f"{slow.base}/page", "-o", str(tmp_path / "out"), "--delay", "0", "--no-cache", "--fetch-deadline", "1")
        elapsed = time.monotonic() - started
    assert done.returncode == 1 and done.stderr == f"kg: error: {slow.base}/page: no complete answer within 1 s\n"
    assert elapsed < 30  # the page alone would take 30 s to trickle in
