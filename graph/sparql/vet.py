"""Vet a SPARQL query before any engine sees it: size, nesting, operator chains, SERVICE.

Oxigraph and rdflib both parse and plan queries recursively, so a 20 kB query such as
`FILTER(1+1+...+1)` with 10,000 terms overflows their stack and kills the process. The check
here is a flat tokeniser (no recursion, linear time): it bounds the depth of the tree any
parser would build from the query, and finds the SERVICE keyword, which makes an engine send
requests to other servers.

The depth bound is conservative: inside each bracket pair, every operator, keyword and nested
group adds one level, and the deepest nested pair adds its own depth. A query of a few
hundred triple patterns, filters or path steps passes; the crash inputs do not.

>>> vet("SELECT * WHERE { ?s ?p ?o }") is None
True
>>> vet("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }").split(":")[0]
'SERVICE is not allowed'
"""

from __future__ import annotations

import re

MAX_QUERY_BYTES = 100_000
MAX_DEPTH = 1_000

# Longest first, so that `<=` wins over `<`. IRIs and comments hide their content; strings are
# scanned by `_string_end`, in one pass (a regular expression would backtrack on unclosed ones).
_TOKEN = re.compile(
    r"""
    (?P<space>\s+|\#[^\n]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<number>[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)
    | (?P<word>[?$]\w+|[^\W\d][\w\-.:%\\]*(?<!\.)|:[\w\-.:%\\]*(?<!\.))
    | (?P<open>[({\[])
    | (?P<close>[)}\]])
    | (?P<op>&&|\|\||!=|<=|>=|\^\^|[-+*/=<>|^!.;,@])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_CHAIN_WORDS = {"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "VALUES", "EXISTS", "NOT", "IN", "AS", "SERVICE"}
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape(query: str) -> str:
    """Apply SPARQL's codepoint escapes (`\\u0053` is `S`), as engines do before parsing."""

    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group(0)

    return _ESCAPE.sub(char, query)


class Unclosed(ValueError):
    """A string literal without its closing quote."""


def _string_end(query: str, start: int) -> int:
    """The index just past the string literal that starts at `start` (a quote), in one pass."""
    quote = query[start]
    long = query.startswith(quote * 3, start)
    i = start + (3 if long else 1)
    while i < len(query):
        char = query[i]
        if char == "\\":
            i += 2
        elif long and query.startswith(quote * 3, i):
            return i + 3
        elif not long and char == quote:
            return i + 1
        elif not long and char in "\r\n":
            break
        else:
            i += 1
    raise Unclosed


def tokens(query: str):
    """(kind, text) pairs of a query, without spaces and comments; Unclosed for an open string."""
    position = 0
    while position < len(query):
        if query[position] in "'\"":
            end = _string_end(query, position)
            yield "string", query[position:end]
            position = end
            continue
        match = _TOKEN.match(query, position)
        assert match is not None  # `other` matches any character
        position = match.end()
        if match.lastgroup != "space":
            yield match.lastgroup, match.group()


def uses_service(query: str) -> bool:
    """Whether a query has a SERVICE clause (also written with escapes, or as `SERVICE:x`).

    A query with an unclosed string counts as one: no engine would run it anyway.
    """
    try:
        return any(kind == "word" and text.upper().startswith("SERVICE") for kind, text in tokens(unescape(query)))
    except Unclosed:
        return True


def vet(query: str, max_depth: int = MAX_DEPTH, max_bytes: int = MAX_QUERY_BYTES) -> str | None:
    """Why a query is refused before it is parsed, or None when an engine may parse it."""
    if len(query.encode("utf-8", "surrogatepass")) > max_bytes:
        return f"query larger than {max_bytes} bytes"
    try:
        found = list(tokens(unescape(query)))
    except Unclosed:
        return "not a SPARQL query (a string literal is not closed)"
    too_deep = f"query too deeply nested or too long a chain of operators (limit {max_depth}): split it or use VALUES"
    # Each open bracket has a frame [operators and groups so far, deepest child]; frame 0 is the top.
    frames: list[list[int]] = [[0, 0]]
    for kind, text in found:
        if kind == "word" and text.upper().startswith("SERVICE"):  # also `SERVICE:x`, an empty-prefix IRI
            return "SERVICE is not allowed: this endpoint makes no requests to other servers"
        if kind == "open":
            frames[-1][0] += 1
            frames.append([0, 0])
        elif kind == "close" and len(frames) > 1:
            chain, child = frames.pop()
            frames[-1][1] = max(frames[-1][1], chain + child + 1)
        elif kind == "op" or (kind == "word" and text.upper() in _CHAIN_WORDS):
            frames[-1][0] += 1
        else:
            continue
        if len(frames) > max_depth or frames[-1][0] + frames[-1][1] > max_depth:
            return too_deep
    if any(chain + child > max_depth for chain, child in frames):
        return too_deep
    return None
