"""A news web page -> its main text, headline, authors, site name and publication date.

trafilatura finds the main text (leaving out navigation, asides, footers and scripts), the
authors and the site name (og:site_name); htmldate finds the publication date in the page's
markup. The headline is og:title, else the first h1, else the title trafilatura found.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """What a news page says about itself; `text` has one paragraph a line."""

    text: str
    headline: str = ""
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    published: str | None = None


def _headline(html: str, fallback: str) -> str:
    """og:title, else the first h1, else `fallback`."""
    import lxml.html  # a dependency of trafilatura

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return fallback
    for value in tree.xpath("//meta[@property='og:title']/@content") + [h.text_content() for h in tree.xpath("//h1")]:
        text = " ".join(str(value).split())
        if text:
            return text
    return fallback


def read_page(html: str, url: str | None = None) -> Page | None:
    """The page's main text and metadata; None when no main text is found."""
    import htmldate
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False, deduplicate=False)
    if document is None or not (document.text or "").strip():
        return None
    headline = _headline(html, " ".join((document.title or "").split()))
    lines = [" ".join(line.split()) for line in document.text.splitlines()]
    lines = [line for line in lines if line]
    if lines and lines[0] == headline:
        lines = lines[1:]
    authors = tuple(name.strip() for name in (document.author or "").split(";") if name.strip())
    published = htmldate.find_date(html, url=url, original_date=True, extensive_search=False) or None
    site_name = " ".join((document.sitename or "").split()) or None
    return Page("\n\n".join(lines), headline, authors, site_name, published)
