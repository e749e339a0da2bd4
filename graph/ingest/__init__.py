"""Files, directories, stdin and JSONL -> Article.

Reading is strict: a file that is empty, binary, not UTF-8 or too large raises `InputError`
with a one-line message naming it. Title, byline and publisher are read from the top of a
plain-text article ("Headline - Outlet | tagline", "By Name").
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from graph.errors import KgError
from graph.names import WIRE_AGENCIES
from graph.settings import MAX_BYTES
from graph.types import Article, Mention, Provenance, Relation

ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}
MAX_BLOCK_CHARS = 50_000

_BYLINE = re.compile(r"^\s*By\s+(?P<names>[^\n]{2,120}?)\s*$")
_SENTENCE_END = re.compile(r"""[.!?]["'”’)]*$""")
_TERMINAL = re.compile(r"""[.!?]["'”’)\]]*\s*$|[”"]\s*$""")
_NAME = re.compile(r"^[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,4}$")
# Last words of a byline part that is a role, not a name ("By Ann Lee, Staff Writer").
_ROLE_WORDS = frozenset("correspondent writer reporter editor staff columnist contributor producer bureau chief analyst".split())


def _is_name(text: str) -> bool:
    """One to five capitalised words, and not a role."""
    return bool(_NAME.match(text)) and all(w[0].isupper() for w in text.split()) and text.split()[-1].lower() not in _ROLE_WORDS


class InputError(KgError):
    """An input that cannot be read as an article; the message is one line."""


def article_id(text: str) -> str:
    """A stable id from the content, so the same text gets the same IRI everywhere."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def split_title(line: str) -> tuple[str, str | None]:
    """'Headline - Outlet | Tagline' -> ('Headline', 'Outlet'); otherwise (line, None).

    >>> split_title("Rates rise again - The Daily Post | Business")
    ('Rates rise again', 'The Daily Post')
    """
    head = line.split(" | ")[0].strip()
    parts = re.split(r"\s+[-–—]\s+", head)
    if len(parts) > 1 and 0 < len(parts[-1].split()) <= 4:
        return " - ".join(parts[:-1]).strip(), parts[-1].strip()
    return head, None


_OUTLET = re.compile(
    r"(?:The )?[A-Z][\w.&'’ -]{2,60}?\b(?:News|Service|Press|Agency|Wire|Times|Post|Journal|Daily|Herald|Tribune|Gazette|Network)"
    r"|" + "|".join(map(re.escape, WIRE_AGENCIES))  # the wire agencies a byline names after its reporters
)


def _byline_parts(line: str) -> list[str]:
    match = _BYLINE.match(line)
    return [n.strip() for n in re.split(r",\s*|\s+and\s+|\s*&\s*|\s+[|/]\s+", match["names"]) if n.strip()] if match else []


def byline_names(line: str) -> tuple[str, ...]:
    """'By Ann Lee and Bo Chen' -> ('Ann Lee', 'Bo Chen'); () when the line is no byline. An outlet
    the byline names ("By Ann Lee, Harbor Gazette") is no author (see `byline_outlet`)."""
    names = [n for n in _byline_parts(line) if n.split()[-1].lower() not in _ROLE_WORDS and not _OUTLET.fullmatch(n)]
    return tuple(names) if names and all(_is_name(n) for n in names) else ()


def byline_outlet(line: str) -> str | None:
    """The outlet a byline names after its authors: "By Ann Lee, Harbor Gazette" -> "Harbor Gazette"."""
    parts = _byline_parts(line)
    return parts[-1] if len(parts) > 1 and _OUTLET.fullmatch(parts[-1]) and byline_names(line) else None


_CREDIT = re.compile(r"(?:^[—–-]\s+|^|[(;]\s*)(?P<kind>(?:Additional |Writing and |Written )?(?:[Rr]eporting|[Ww]riting|[Ww]ritten)) by (?P<names>[^;()]+)")
_COPYRIGHT = re.compile(r"^(?:Copyright|©)\s*(?:©\s*)?(?:\d{4}\s+)?(?P<outlet>[A-Z][^\n.;]{1,60}?)\.?$")


def credit_names(line: str) -> tuple[tuple[str, ...], str | None]:
    """(authors, publisher) of a credit line, else ((), None); editors are no authors.

    >>> credit_names("Written by Ann Lee, The Daily Post")
    (('Ann Lee',), 'The Daily Post')
    >>> credit_names("(Reporting by Ann Lee in Lyon and Bo Chen; Editing by Cy Dunn)")
    (('Ann Lee', 'Bo Chen'), None)
    >>> credit_names("(Reporting by Ann Lee in Lyon and Bo Chen in Albany, New York)")
    (('Ann Lee', 'Bo Chen'), None)
    >>> credit_names("Copyright 2024 The Daily Post")
    ((), 'The Daily Post')
    """
    if match := _COPYRIGHT.match(line.strip()):
        return (), match["outlet"].strip()
    authors: list[str] = []
    publisher = None
    for match in _CREDIT.finditer(line.strip()):
        names = match["names"].strip().rstrip(").")
        if match["kind"].lower().startswith("written") and "," in names:
            names, outlet = names.split(",", 1)
            publisher = outlet.strip() or None
        pieces = re.split(r"(,\s*|\s+and\s+|\s*&\s*)", names)
        parts, commas = [p.strip() for p in pieces[::2]], [False] + [sep.strip() == "," for sep in pieces[1::2]]
        placed = [" in " in part for part in parts]
        for i, part in enumerate(parts):
            if commas[i] and placed[i - 1] and not placed[i] and (" " not in part or sum(placed) == len(parts) - 1):
                continue  # "Bo Chen in Albany, New York": the region of a reporter's town
            name = re.sub(r"\s+in\s+[A-Z].*$", "", part)  # "Ann Lee in Lyon"
            if _is_name(name) and name not in authors:
                authors.append(name)
    return tuple(authors), publisher


_BLURB = re.compile(
    r"^(?P<name>[A-Z][^\s,]*(?: [A-Z][^\s,]*){1,3}) (?:reports|covers|writes|is (?:a|an|the) [\w -]*?(?:reporter|writer|correspondent|editor|columnist|journalist))\b[^.]* for (?:the )?[A-Z][^.]*\.$"
)


_SIGN_OFF = re.compile(rf"^[—–]\s*(?P<outlet>{_OUTLET.pattern})\.?$")


def closing_credit(line: str) -> tuple[str | None, str | None]:
    """(writer, outlet) that a closing line names: an author blurb or a news-service sign-off.

    >>> closing_credit("Ann Lee covers food and farming for the Harbor Gazette.")
    ('Ann Lee', None)
    >>> closing_credit("— Orvik University News Service")
    (None, 'Orvik University News Service')
    >>> closing_credit("Ann Lee said sales would grow.")
    (None, None)
    """
    blurb, sign_off = _BLURB.match(line.strip()), _SIGN_OFF.match(line.strip())
    writer = blurb["name"] if blurb and _is_name(blurb["name"]) else None
    return writer, sign_off["outlet"] if sign_off else None


def parse_article(text: str, source: str = "", title: str | None = None) -> Article:
    """Build an Article from its text, reading headline, byline and publisher from the top, and
    author and publisher credits from the end."""
    if not text.strip():
        raise InputError(f"{source or 'input'}: empty article (no text)")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    publisher = None
    if title is None:
        title, publisher = split_title(lines[0]) if not _SENTENCE_END.search(lines[0]) else ("", None)
    byline: list[str] = []
    for line in lines[:12]:
        for name in byline_names(line):
            if name not in byline:
                byline.append(name)
        publisher = publisher or byline_outlet(line)
    for line in lines[1:][-4:]:  # credits at the end: "Written by ...", "(Reporting by ...)", "Copyright ..."
        names, outlet = credit_names(line)
        byline += [n for n in names if n not in byline]
        publisher = publisher or outlet
    writer, outlet = closing_credit(lines[-1]) if len(lines) > 2 else (None, None)  # "Ann Lee covers farming for the Daily Post."
    if writer and writer not in byline:
        byline.append(writer)
    publisher = publisher or outlet
    headline = headline_span(text, title)
    return Article(
        id=article_id(text),
        title=title,
        text=text,
        byline=tuple(byline),
        publisher=publisher,
        source=source,
        headline=headline,
        body=body_spans(text, title, headline),
        published=written_date(lines[1:4]),
    )


_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WRITTEN_DATES = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}}),\s+(?P<y>\d{{4}})\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH})\s+(?P<y>\d{{4}})\b"),
)


def written_date(lines: Iterable[str]) -> str | None:
    """The publication date a text states at its top, as ISO 8601: a date line ("Published March 4,
    2024", "2024-03-04") or the dateline opening the story ("PARIS, March 4, 2024 —"). Only a
    short line or the words before a dateline's dash count, so a date in the story is not taken."""
    for line in lines:
        head = line.split("—")[0].split(" -- ")[0] if "—" in line or " -- " in line else line
        if len(head) > 60:
            continue
        for pattern in _WRITTEN_DATES:
            if (found := pattern.search(head)) is None:
                continue
            month = int(found["m"]) if "m" in found.groupdict() and found["m"] else _MONTHS[found["mon"][:3].lower()]
            try:
                return datetime(int(found["y"]), month, int(found["d"])).date().isoformat()
            except ValueError:
                return None
    return None


def is_prose(line: str) -> bool:
    """A paragraph of running text rather than a caption, credit or navigation line."""
    words = line.split()
    return len(words) >= 12 or (len(words) >= 3 and bool(_TERMINAL.search(line)))


def headline_span(text: str, title: str) -> tuple[int, int] | None:
    """Offsets of the headline in the text, when the text starts with it."""
    index = text.find(title, 0, 2000) if title else -1
    return (index, index + len(title)) if index >= 0 else None


def body_spans(text: str, title: str, headline: tuple[int, int] | None) -> tuple[tuple[int, int], ...]:
    """(start, end) of each prose paragraph, in order; a one-paragraph text is taken whole.

    Headline, byline and short lines without sentence punctuation (photo credits, "Related
    Stories") are left out, so their words never become facts.
    """
    blocks: list[tuple[int, int]] = []
    lines = list(re.finditer(r"[^\n]+", text))
    single = sum(1 for match in lines if match.group().strip()) == 1
    for match in lines:
        line = match.group().strip()
        if not line or headline and match.start() <= headline[0] < match.end() or line == title:
            continue
        if byline_names(line) or credit_names(line) != ((), None) or not (single or is_prose(line)):
            continue
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        blocks.extend(split_block(text, start, start + len(line)))
    return tuple(blocks)


def split_block(text: str, start: int, end: int, limit: int = MAX_BLOCK_CHARS) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of a paragraph, none longer than `limit` characters: cut after the
    last sentence end in each window, else at the last space, else anywhere. spaCy refuses
    texts over 1,000,000 characters and needs about 1 GB per 100,000 while parsing."""
    while end - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? ")) + 1
        if cut <= 0:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = limit
        piece = text[start : start + cut].rstrip()
        if piece:
            yield start, start + len(piece)
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def article_facts(article: Article) -> tuple[Relation, ...]:
    """Author (byline) and publisher (title suffix) of the article, headed by its headline; an
    author credited with the outlet on one line ("Written by Ann Lee, The Daily Post") works for it."""
    span = article.headline
    if span is None:
        return ()
    text = article.text
    headline = Mention("headline", article.title, article.title, "NewsArticle", span[0], span[1], article.id)
    relations: list[Relation] = []
    title_line = text[span[0] : text.find("\n", span[0]) if "\n" in text[span[0]:] else len(text)]
    people = [(name, "author", "Person") for name in article.byline]
    orgs = [(article.publisher, "publisher", "Organization")] if article.publisher else []
    for name, relation, kind in people + orgs:
        where = text.find(name, span[1] if relation == "publisher" else 0)
        if where < 0:
            continue
        line_start = text.rfind("\n", 0, where) + 1
        line_end = text.find("\n", where)
        line_end = len(text) if line_end < 0 else line_end
        tail = Mention(f"{relation}-{len(relations)}", name, name, kind, where, where + len(name), article.id)
        provenance = Provenance(article.id, line_start, line_end, text[line_start:line_end].strip() or title_line)
        relations.append(Relation(headline, tail, relation, 0.95, provenance, f"{relation}:byline" if relation == "author" else "publisher:title"))
        publisher = article.publisher
        if relation == "author" and publisher and (outlet := text.find(publisher, where + len(name), line_end)) >= 0:
            paper = Mention(f"outlet-{len(relations)}", publisher, publisher, "Organization", outlet, outlet + len(publisher), article.id)
            relations.append(Relation(tail, paper, "worksFor", 0.9, provenance, "role:credit"))  # "Written by Ann Lee, The Daily Post"
    return tuple(relations)


class _TextOfHtml(HTMLParser):
    """Visible text of an HTML page: scripts, styles and the head dropped; blocks as lines."""

    _SKIP = {"script", "style", "head", "noscript", "template", "svg", "nav", "footer"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str]:
    """(title, text) of an HTML page; the title line is put first, as in a plain-text article.

    The fallback for pages where trafilatura (graph.ingest.webpage) finds no main text."""
    parser = _TextOfHtml()
    parser.feed(html)
    body = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    title = " ".join(parser.title.split())
    return title, "\n\n".join(([title] if title else []) + paragraphs) + "\n"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufffe\uffff]")


def decode(data: bytes, source: str) -> str:
    """Bytes -> text: UTF-8 (BOM allowed), UTF-16 with a BOM, or Windows-1252/Latin-1 text;
    anything else is refused. Control characters (which XML and some tools reject) are dropped."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _CONTROL.sub("", data.decode("utf-16"))
        except UnicodeDecodeError as err:
            raise InputError(f"{source}: invalid UTF-16 at byte {err.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: binary file, not text")
    try:
        return _CONTROL.sub("", data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        position = err.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(f"{source}: not valid UTF-8 (byte {position}) nor Windows-1252 text") from None
    if len(_CONTROL.findall(text)) > 1 + len(text) // 100:
        raise InputError(f"{source}: binary file, not text")
    return _CONTROL.sub("", text)


def article_from_bytes(data: bytes, source: str, max_bytes: int = MAX_BYTES, url: str | None = None) -> Article:
    """Decode and parse one document (plain text or HTML; `url`: where a web page was read)."""
    if len(data) > max_bytes:
        raise InputError(f"{source}: over the size limit of {max_bytes} bytes")
    text = decode(data, source)
    head = text.lstrip()[:200].lower()
    if url or source.lower().endswith((".html", ".htm")) or head.startswith(("<!doctype html", "<html")):
        from graph.ingest.webpage import read_page  # trafilatura: imported only for HTML

        page = read_page(text, url)
        if page is not None:
            return compose_article(page.text, source, page.headline, page.site_name, page.authors, page.published, url)
        title, text = html_to_text(text)
        return parse_article(text, source, title=split_title(title)[0] if title else None)
    return parse_article(text, source)


def _label(text: str) -> str:
    """A path as text that any export can hold: bytes that are not UTF-8 become U+FFFD."""
    return os.fsencode(text).decode("utf-8", "replace")


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, refused before reading when over `max_bytes`.

    Devices, FIFOs and sockets are refused (they never end, or block), and at most
    `max_bytes + 1` bytes are read, so a file that grows meanwhile is caught too.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{_label(str(path))}: not a regular file (a device, FIFO or socket is not read)")
        if info.st_size > max_bytes:
            raise InputError(f"{_label(str(path))}: {info.st_size} bytes is over the size limit of {max_bytes}")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{_label(str(path))}: over the size limit of {max_bytes} bytes")
    return data


def read_file(path: Path, max_bytes: int = MAX_BYTES, label: str | None = None) -> Article:
    """Read one article file; errors name the path, the article records `label` as its source."""
    name = _label(str(path))
    try:
        data = read_bounded(path, max_bytes)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror})") from None
    return replace(article_from_bytes(data, name, max_bytes), source=_label(label or str(path)))


def _walk(root: Path, follow_symlinks: bool, errors: list[InputError]) -> list[Path]:
    """Article files under `root`, sorted. Symbolic links that lead outside `root` are skipped
    (each reported) unless `follow_symlinks`; linked folders are entered only then, once each.
    A folder that cannot be listed is reported, not skipped silently."""
    top = root.resolve()
    files: list[Path] = []
    stack, seen = [root], set()
    while stack:
        folder = stack.pop()
        real = folder.resolve()
        if real in seen:
            continue
        seen.add(real)
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as err:
            errors.append(InputError(f"{_label(str(folder))}: cannot read folder ({err.strerror}); its articles are skipped"))
            continue
        for entry in entries:
            path = Path(entry.path)
            linked = entry.is_symlink()
            if linked and not follow_symlinks and not path.resolve().is_relative_to(top):
                errors.append(InputError(f"{_label(str(path))}: link to outside {_label(str(root))}, not followed (--follow-symlinks reads it)"))
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=follow_symlinks)
            except OSError:
                is_dir = False
            if is_dir:
                stack.append(path)
            elif path.suffix.lower() in ARTICLE_SUFFIXES and not (linked and entry.is_dir()):
                files.append(path)
    return sorted(files)


def expand_paths(paths: Iterable[str], follow_symlinks: bool = False, errors: list[InputError] | None = None) -> list[tuple[Path, str]]:
    """(path, source label) of files named directly and of article files under directories.

    Labels do not depend on the working directory: a file found under a directory is named
    by the directory's own name and its relative path ('seeds/a.txt'), a file given directly by its name.
    Folders that cannot be read and links not followed are appended to `errors`.
    """
    errors = [] if errors is None else errors
    found: list[tuple[Path, str]] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files = _walk(path, follow_symlinks, errors)
            if not files and not errors:
                raise InputError(f"{_label(name)}: no articles (*.txt, *.md, *.html) in this directory")
            root = path.resolve().name
            found.extend((f, f"{root}/{f.relative_to(path).as_posix()}") for f in files)
        elif not path.exists() and not path.is_symlink():
            raise InputError(f"{_label(name)}: no such file or directory")
        else:
            found.append((path, path.name))
    return found


def iso_date(value: str) -> str | None:
    """'2024-05-01', '2024-05-01T09:30:00Z' -> the same ISO 8601 date or date-time; None if it is not one."""
    value = value.strip()
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return None
    return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?", value) else None


def compose_article(body: str, source: str, headline: str = "", publisher: str | None = None, authors: Iterable[str] = (),
                    published: str | None = None, url: str | None = None) -> Article:
    """An article from its parts (a JSON line, a web page): the headline line ('Headline -
    Publisher') and the byline are put before the body, as in a plain-text article, so the
    author and publisher facts have their evidence in the text."""
    top = [f"{headline} - {publisher}" if headline and publisher else headline or (publisher or "")]
    names = [name for name in authors if byline_names(f"By {name}")]
    if names:
        top.append("By " + " and ".join(names))
    text = "\n\n".join([line for line in top if line] + [body.strip()]) + "\n"
    article = parse_article(text, source, title=headline)
    return replace(article, publisher=publisher or None, published=published or article.published, url=url)


_RECORD_FIELDS = ("headline", "title", "url", "date", "publisher")


def article_from_record(record: dict, text: str, where: str, compose: bool) -> Article:
    """An article from one JSON line: id, text and optional headline (or title), url, date
    (ISO 8601) and publisher; with `compose`, headline and publisher are put before the text."""
    fields = {name: record.get(name) for name in _RECORD_FIELDS}
    wrong = [name for name, value in fields.items() if value is not None and not isinstance(value, str)]
    if wrong:
        raise InputError(f"{where}: '{wrong[0]}' must be a string")
    published = iso_date(fields["date"]) if fields["date"] else None
    if fields["date"] and published is None:
        raise InputError(f"{where}: 'date' is not an ISO 8601 date ({fields['date'][:40]!r})")
    headline = fields["headline"] or fields["title"] or ""
    if compose and (headline or fields["publisher"]):
        article = compose_article(text, where, headline, fields["publisher"], (), published, fields["url"])
    else:
        parsed = parse_article(text, where, title=headline)
        article = replace(parsed, published=published or parsed.published, url=fields["url"])
    return replace(article, id=str(record.get("id", article.id)), source=where)


def _jsonl_lines(path: str, limit: int) -> Iterator[bytes | None]:
    """Raw lines of a JSON lines file or stdin; None for a line longer than `limit` (skipped unread)."""
    if path == "-":
        handle = sys.stdin.buffer
    else:
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode):
                raise InputError(f"{_label(path)}: not a regular file")
            handle = open(path, "rb")
        except OSError as err:
            raise InputError(f"{_label(path)}: cannot read ({err.strerror})") from None
    with handle:
        while line := handle.readline(limit + 1):
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield None
            else:
                yield line


def read_jsonl(path: str, max_bytes: int = MAX_BYTES, compose: bool = False) -> Iterator[Article | InputError]:
    """Articles from JSON lines of {"id": ..., "text": ..., "headline"/"url"/"date"/"publisher": ...}
    (see `article_from_record`); a bad line yields an InputError.

    Lines must be UTF-8 (a UTF-16 file is refused whole); each is read only up to a bound
    derived from `max_bytes`.
    """
    for number, line in enumerate(_jsonl_lines(path, 6 * max_bytes + 4096), 1):
        where = f"{_label(path)}:{number}"
        if line is None:
            yield InputError(f"{where}: line is over the size limit")
            continue
        if number == 1 and line.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise InputError(f"{_label(path)}: UTF-16 JSON lines are not read; convert to UTF-8")
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
            text = record["text"]
            if not isinstance(text, str):
                raise TypeError
        except UnicodeDecodeError as err:
            yield InputError(f"{where}: not valid UTF-8 (byte {err.start})")
            continue
        except RecursionError:
            yield InputError(f"{where}: JSON nested too deeply")
            continue
        except (ValueError, KeyError, TypeError, AttributeError):
            yield InputError(f"{where}: not a JSON object with a string 'text'")
            continue
        if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
            yield InputError(f"{where}: text is over the size limit of {max_bytes} bytes")
            continue
        try:
            yield article_from_record(record, _CONTROL.sub("", text), where, compose)
        except InputError as err:
            yield err


def read_inputs(paths: Iterable[str], max_bytes: int = MAX_BYTES, follow_symlinks: bool = False) -> Iterator[Article | InputError]:
    """Articles from files, directories or '-' (stdin); each unreadable file yields its error."""
    for name in paths:
        if name == "-":
            try:
                yield article_from_bytes(sys.stdin.buffer.read(max_bytes + 1), "<stdin>", max_bytes)
            except InputError as err:
                yield err
            continue
        errors: list[InputError] = []
        found = expand_paths([name], follow_symlinks, errors)
        yield from errors
        for path, label in found:
            if path.suffix.lower() == ".jsonl":
                yield from read_jsonl(str(path), max_bytes, compose=True)
                continue
            try:
                yield read_file(path, max_bytes, label)
            except InputError as err:
                yield err
