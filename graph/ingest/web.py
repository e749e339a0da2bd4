"""Articles from URLs and RSS/Atom feeds, fetched politely.

Polite means: a user agent that names the tool, a timeout, a size limit, robots.txt honoured
(its Crawl-delay too), a pause between requests to the same host, and a cache on disk that
asks the server only whether a page changed (ETag, Last-Modified) when it is fetched again.
Redirects are followed here, not by urllib, so that robots.txt is asked about every URL on the
way (a redirect to another site reads that site's robots.txt first). Each request, headers
and body, has one deadline (`deadline_s`), so a server that trickles bytes cannot hold a build.
Every failure is one `InputError` line naming the URL; nothing else is raised.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from graph.atomic import write_atomic
from graph.errors import one_line
from graph.ingest import InputError, article_from_bytes, iso_date
from graph.settings import MAX_BYTES
from graph.types import Article

USER_AGENT = "news-kg/0.1 (knowledge-graph builder; +https://example.org/news-kg)"
TIMEOUT_S = 20.0
DEADLINE_S = 60.0
DELAY_S = 1.0
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


class Deadline:
    """Ends every connection of one request once `seconds` have passed, whatever it waits for
    (a name lookup excepted: that is the system resolver's to bound)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = threading.Event()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True
        self._ends = time.monotonic() + seconds

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def left(self) -> float:
        return max(0.001, self._ends - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            fired = self.fired.is_set()
        if fired:
            _shut(sock)

    def _cut(self) -> None:
        with self._lock:
            self.fired.set()
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand redirects back to the caller (as HTTPError) instead of following them."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _opener(deadline: Deadline) -> urllib.request.OpenerDirector:
    """A urllib opener (proxies from the environment, as urlopen) whose connections `deadline` can cut."""

    class Connection(http.client.HTTPConnection):
        def connect(self) -> None:
            self.timeout = min(self.timeout, deadline.left()) if isinstance(self.timeout, float | int) else deadline.left()
            super().connect()
            deadline.watch(self.sock)

    class SecureConnection(http.client.HTTPSConnection):
        def connect(self) -> None:
            self.timeout = min(self.timeout, deadline.left()) if isinstance(self.timeout, float | int) else deadline.left()
            super().connect()
            deadline.watch(self.sock)

    class Handler(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(Connection, req)

    class SecureHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(SecureConnection, req, context=getattr(self, "_context", None))

    return urllib.request.build_opener(Handler, SecureHandler, _NoRedirect)


@dataclass
class Fetcher:
    """Fetches http(s) URLs politely; `cache_dir` None: no cache."""

    cache_dir: Path | None = None
    max_bytes: int = MAX_BYTES
    timeout_s: float = TIMEOUT_S
    delay_s: float = DELAY_S
    deadline_s: float = DEADLINE_S
    user_agent: str = USER_AGENT
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict, repr=False)
    _last: dict[str, float] = field(default_factory=dict, repr=False)

    def get(self, url: str) -> bytes:
        """The body of `url` (from the cache when the server says it has not changed)."""
        if not is_url(url):
            raise InputError(f"{url}: not an http or https URL")
        cached = self._cached(url)
        headers = {}
        if cached:
            if cached[0].get("etag"):
                headers["If-None-Match"] = cached[0]["etag"]
            if cached[0].get("last_modified"):
                headers["If-Modified-Since"] = cached[0]["last_modified"]
        status, body, reply = self._follow(url, headers)
        if status == 304 and cached:
            return cached[1]
        if status != 200:
            raise InputError(f"{url}: HTTP {status}")
        self._store(url, body, reply)
        return body

    def _follow(self, url: str, headers: dict[str, str], robots: bool = True) -> tuple[int, bytes, dict[str, str]]:
        """(status, body, reply headers) of `url` after at most MAX_REDIRECTS redirects; with
        `robots`, each URL on the way is checked against its own site's robots.txt before it is asked for."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if robots:
                try:
                    allowed = self.allowed(current)
                except InputError as err:
                    if current == url:
                        raise
                    raise InputError(f"{url}: redirected to {current}: {str(err).split(': ', 1)[-1]}") from None
                if not allowed:
                    raise InputError(f"{url}: refused by the site's robots.txt" if current == url else
                                     f"{url}: redirected to {current}, which that site's robots.txt refuses")
            status, body, reply = self._request(current, headers)
            location = {k.lower(): v for k, v in reply.items()}.get("location")
            if status not in REDIRECTS or not location:
                return status, body, reply
            target = urljoin(current, location.strip())
            if not is_url(target):
                raise InputError(f"{url}: redirected to {one_line(target)}, which is not an http or https URL")
            current = target
        raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets this user agent fetch `url` (none: yes; 401/403 or a server error: no)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            try:
                self._robots[site] = self._read_robots(site)
            except InputError as err:
                reason = str(err).split(": ", 1)[-1]  # what went wrong, without the robots.txt URL
                reason = reason.removeprefix("cannot fetch (").removesuffix(")") if reason.startswith("cannot fetch (") else reason
                raise InputError(f"{url}: cannot fetch its site's robots.txt ({reason})") from None
        robots = self._robots[site]
        return robots is not None and robots.can_fetch(self.user_agent, url)

    def _read_robots(self, site: str) -> urllib.robotparser.RobotFileParser | None:
        robots = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        status, body, _ = self._follow(site + "/robots.txt", {}, robots=False)
        if status in (401, 403):
            robots.disallow_all = True
        elif 400 <= status < 500:
            robots.allow_all = True
        elif status != 200:
            return None
        else:
            robots.parse(body.decode("utf-8", "replace").splitlines())
        return robots

    def _pause(self, url: str) -> None:
        """Wait so that requests to one host are `delay_s` (or the robots.txt Crawl-delay) apart."""
        parts = urlsplit(url)
        robots = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        crawl_delay = robots.crawl_delay(self.user_agent) if robots is not None else None
        delay = max(self.delay_s, float(crawl_delay or 0))
        wait = self._last.get(parts.netloc, -delay) + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[parts.netloc] = time.monotonic()

    def _request(self, url: str, headers: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
        """(status, body, reply headers) of one GET, redirects not followed; the body is read up to
        the size limit, and the whole exchange ends at `deadline_s` whatever the server trickles."""
        self._pause(url)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept-Encoding": "identity", **headers})
        with Deadline(self.deadline_s) as deadline:
            try:
                with _opener(deadline).open(request, timeout=self.timeout_s) as reply:
                    status, reply_headers = reply.status, dict(reply.headers.items())
                    body = reply.read(self.max_bytes + 1)
            except urllib.error.HTTPError as err:
                status, reply_headers, body = err.code, dict(err.headers.items()) if err.headers else {}, b""
                err.close()
            except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as err:
                if deadline.fired.is_set():
                    raise InputError(f"{url}: no complete answer within {self.deadline_s:g} s") from None
                reason = err.reason if isinstance(err, urllib.error.URLError) else err
                raise InputError(f"{url}: cannot fetch ({one_line(reason)})") from None
            if deadline.fired.is_set():  # a cut connection can read as a clean end: never take that for the page
                raise InputError(f"{url}: no complete answer within {self.deadline_s:g} s")
        if len(body) > self.max_bytes:
            raise InputError(f"{url}: over the size limit of {self.max_bytes} bytes")
        return status, body, reply_headers

    def _entry(self, url: str) -> Path | None:
        return self.cache_dir / "web" / hashlib.sha256(url.encode("utf-8")).hexdigest() if self.cache_dir else None

    def _cached(self, url: str) -> tuple[dict, bytes] | None:
        entry = self._entry(url)
        try:
            return (json.loads(entry.with_suffix(".json").read_text(encoding="utf-8")), entry.with_suffix(".body").read_bytes()) if entry else None
        except (OSError, ValueError):
            return None

    def _store(self, url: str, body: bytes, headers: dict[str, str]) -> None:
        entry = self._entry(url)
        lower = {k.lower(): v for k, v in headers.items()}
        if entry is None or not (lower.get("etag") or lower.get("last-modified")):
            return
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(entry.with_suffix(".body"), body)
            write_atomic(entry.with_suffix(".json"), json.dumps({"url": url, "etag": lower.get("etag"), "last_modified": lower.get("last-modified")}))
        except OSError:
            pass  # the cache is a courtesy; a page that cannot be cached is still read


def read_url(url: str, fetcher: Fetcher) -> Article:
    """The article of one web page."""
    body = fetcher.get(url)
    return article_from_bytes(body, url, fetcher.max_bytes, url=url)


def feed_links(url: str, fetcher: Fetcher) -> list[tuple[str, dict]]:
    """(link, entry) of each item of an RSS or Atom feed, in feed order."""
    import feedparser  # imported only when a feed is read

    body = fetcher.get(url)
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise InputError(f"{url}: not an RSS or Atom feed ({one_line(parsed.bozo_exception)})")
    links = []
    for entry in parsed.entries:
        link = entry.get("link")
        if link:
            links.append((urljoin(url, link), {"published": entry.get("published") or entry.get("updated")}))
    return links


def _feed_date(text: str | None) -> str | None:
    """An RSS (RFC 822) or Atom (ISO 8601) date as an ISO date."""
    if not text:
        return None
    found = iso_date(text[:10])
    if found:
        return found
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError):
        return None


def read_web(urls: Iterable[str], feeds: Iterable[str], fetcher: Fetcher) -> Iterator[Article | InputError]:
    """Articles of the URLs, then of each feed's items (an item's date stands in when its page has none)."""
    for url in urls:
        try:
            yield read_url(url, fetcher)
        except InputError as err:
            yield err
    seen: set[str] = set(urls)
    for feed in feeds:
        try:
            items = feed_links(feed, fetcher)
        except InputError as err:
            yield err
            continue
        for link, entry in items:
            if link in seen:
                continue
            seen.add(link)
            try:
                article = read_url(link, fetcher)
            except InputError as err:
                yield err
                continue
            yield replace(article, published=article.published or _feed_date(entry["published"]))
