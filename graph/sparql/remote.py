"""Upload a graph to any triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

Works with Oxigraph (`http://host:7878/store`), Fuseki (`http://host:3030/ds/data`) and
GraphDB (`http://host:7200/repositories/R/rdf-graphs/service`).

A write is never redirected (urllib would follow a 301-303 with a body-less GET and report
success), the whole exchange has one deadline, and at most ERROR_BYTES of an error answer are read.
"""

from __future__ import annotations

import http.client
import socket
import threading
import urllib.parse
from pathlib import Path

from graph.errors import KgError, one_line
from graph.sparql.formats import media_type

ERROR_BYTES = 4096


class PushError(KgError):
    """The upload failed; the message is one line."""


def target(endpoint: str, graph: str | None) -> str:
    """The Graph Store URL for a named graph (`?graph=IRI`) or the default graph (`?default`)."""
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def _cut(connection: http.client.HTTPConnection, fired: threading.Event) -> None:
    """At the deadline: end the exchange whatever it is waiting for."""
    fired.set()
    sock = connection.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def push(source: Path, endpoint: str, graph: str | None = None, append: bool = False, timeout: float = 60.0) -> int:
    """PUT (replace) or POST (add to) the graph in `source`; returns the HTTP status (2xx).

    Any other answer, a redirect included, raises PushError, as does no answer within `timeout` seconds.
    """
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in endpoint):
        raise PushError(f"{endpoint!r}: the endpoint URL must not contain spaces or control characters")
    url = urllib.parse.urlsplit(target(endpoint, graph))
    try:
        port = url.port
    except ValueError:
        raise PushError(f"{endpoint}: the endpoint has an invalid port") from None
    if url.scheme not in ("http", "https") or not url.hostname:
        raise PushError(f"{endpoint}: the endpoint must be an http(s) URL")
    try:
        data = source.read_bytes()
    except OSError as err:
        raise PushError(f"{source}: cannot read ({err.strerror})") from None
    content_type = media_type(source)
    kind = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    connection = kind(url.hostname, port, timeout=timeout)
    fired = threading.Event()
    deadline = threading.Timer(timeout, _cut, (connection, fired))
    deadline.start()
    try:
        connection.request("POST" if append else "PUT", f"{url.path or '/'}?{url.query}", body=data, headers={"Content-Type": content_type})
        response = connection.getresponse()
        if fired.is_set():  # the cut socket reads as a clean end: never take that for an answer
            raise OSError("deadline")
        if 300 <= response.status < 400:
            where = one_line(response.getheader("Location", "elsewhere"), 200)
            raise PushError(f"{endpoint}: HTTP {response.status} redirect to {where}; nothing was uploaded (kg push does not follow redirects: give the final URL)")
        if response.status >= 400 or response.status < 200:
            detail = one_line(response.read(ERROR_BYTES).decode("utf-8", "replace"))
            raise PushError(f"{endpoint}: HTTP {response.status} {response.reason} {detail}".rstrip())
        return response.status
    except (OSError, http.client.HTTPException) as err:
        if fired.is_set():
            raise PushError(f"{endpoint}: no complete answer within {timeout:g} s") from None
        raise PushError(f"{endpoint}: cannot connect ({one_line(getattr(err, 'strerror', None) or err)})") from None
    finally:
        deadline.cancel()
        connection.close()
