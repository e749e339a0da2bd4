"""Upload a graph to any triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

Works with Oxigraph (`http://host:7878/store`), Fuseki (`http://host:3030/ds/data`) and
GraphDB (`http://host:7200/repositories/R/rdf-graphs/service`).
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from graph.errors import KgError, one_line

CONTENT_TYPES = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml", ".trig": "application/trig", ".nq": "application/n-quads"}


class PushError(KgError):
    """The upload failed; the message is one line."""


def target(endpoint: str, graph: str | None) -> str:
    """The Graph Store URL for a named graph (`?graph=IRI`) or the default graph (`?default`)."""
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def push(source: Path, endpoint: str, graph: str | None = None, append: bool = False, timeout: float = 60.0) -> int:
    """PUT (replace) or POST (add to) the graph in `source`; returns the HTTP status."""
    if not endpoint.startswith(("http://", "https://")):
        raise PushError(f"{endpoint}: the endpoint must be an http(s) URL")
    try:
        data = source.read_bytes()
    except OSError as err:
        raise PushError(f"{source}: cannot read ({err.strerror})") from None
    content_type = CONTENT_TYPES.get(source.suffix.lower(), "text/turtle")
    request = urllib.request.Request(target(endpoint, graph), data=data, method="POST" if append else "PUT", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as err:
        detail = one_line(err.read().decode("utf-8", "replace"))
        raise PushError(f"{endpoint}: HTTP {err.code} {err.reason} {detail}".rstrip()) from None
    except (urllib.error.URLError, OSError) as err:
        raise PushError(f"{endpoint}: cannot connect ({getattr(err, 'reason', err)})") from None
