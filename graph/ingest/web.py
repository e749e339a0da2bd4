"""Articles from URLs and RSS/Atom feeds, fetched politely.

Polite means: a user agent that names the tool, a timeout, a size limit, robots.txt honoured
(its Crawl-delay too), a pause between requests to the same host, and a cache on disk that
asks the server only whether a page changed (ETag, Last-Modified) when it is fetched again.
Every failure is one `InputError` line naming the URL; nothing else is raised.
"""

from __future__ import annotations

import hashlib
import json
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
DELAY_S = 1.0


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


@dataclass
class Fetcher:
    """Fetches http(s) URLs politely; `cache_dir` None: no cache."""

    cache_dir: Path | None = None
    max_bytes: int = MAX_BYTES
    timeout_s: float = TIMEOUT_S
    delay_s: float = DELAY_S
    user_agent: str = USER_AGENT
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict, repr=False)
    _last: dict[str, float] = field(default_factory=dict, repr=False)

    def get(self, url: str) -> bytes:
        """The body of `url` (from the cache when the server says it has not changed)."""
        if not is_url(url):
            raise InputError(f"{url}: not an http or https URL")
        if not self.allowed(url):
            raise InputError(f"{url}: refused by the site's robots.txt")
        cached = self._cached(url)
        headers = {}
        if cached:
            if cached[0].get("etag"):
                headers["If-None-Match"] = cached[0]["etag"]
            if cached[0].get("last_modified"):
                headers["If-Modified-Since"] = cached[0]["last_modified"]
        status, body, reply = self._request(url, headers)
        if status == 304 and cached:
            return cached[1]
        if status != 200:
            raise InputError(f"{url}: HTTP {status}")
        self._store(url, body, reply)
        return body

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets this user agent fetch `url` (none: yes; 401/403 or a server error: no)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            try:
                self._robots[site] = self._read_robots(site)
            except InputError as err:
                raise InputError(f"{url}: cannot fetch its site's robots.txt ({str(err).split(': cannot fetch ', 1)[-1].strip('()')})") from None
        robots = self._robots[site]
        return robots is not None and robots.can_fetch(self.user_agent, url)

    def _read_robots(self, site: str) -> urllib.robotparser.RobotFileParser | None:
        robots = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        status, body, _ = self._request(site + "/robots.txt", {})
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
        """(status, body, reply headers) of one GET; the body is read up to the size limit."""
        self._pause(url)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept-Encoding": "identity", **headers})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as reply:
                status, reply_headers = reply.status, dict(reply.headers.items())
                body = reply.read(self.max_bytes + 1)
        except urllib.error.HTTPError as err:
            return err.code, b"", {}
        except (urllib.error.URLError, OSError, ValueError) as err:
            reason = err.reason if isinstance(err, urllib.error.URLError) else err
            raise InputError(f"{url}: cannot fetch ({one_line(reason)})") from None
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
