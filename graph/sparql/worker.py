"""One query engine process behind `kg serve`: Oxigraph (pyoxigraph) on a read-only store.

The gate starts a few of these with pipes for stdin and stdout, and nothing else: no socket,
so no other local process can reach the engine. Each request is a frame (4-byte big-endian
length, then JSON `{"query": ..., "accept": ...}`); each answer is a JSON header frame
(`status`, `type`, `message`) and a body frame. The gate kills a worker whose query runs past
its deadline and starts a new one, so a runaway query stops using the CPU at once.

A worker asks the kernel to kill it when the gate dies (PR_SET_PDEATHSIG), so SIGKILL of
`kg serve` leaves no engine behind.
"""

from __future__ import annotations

import json
import signal
import struct
import sys
import threading
from typing import Any, BinaryIO, cast

import pyoxigraph

from graph.lifetime import die_with_parent

STACK_BYTES = 256 * 1024 * 1024  # deep but vetted queries parse without overflowing

RESULT_TYPES = {
    "application/sparql-results+json": pyoxigraph.QueryResultsFormat.JSON,
    "application/json": pyoxigraph.QueryResultsFormat.JSON,
    "application/sparql-results+xml": pyoxigraph.QueryResultsFormat.XML,
    "application/xml": pyoxigraph.QueryResultsFormat.XML,
    "text/csv": pyoxigraph.QueryResultsFormat.CSV,
    "text/tab-separated-values": pyoxigraph.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": pyoxigraph.RdfFormat.TURTLE,
    "application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES,
    "text/plain": pyoxigraph.RdfFormat.N_TRIPLES,
    "application/rdf+xml": pyoxigraph.RdfFormat.RDF_XML,
    "application/ld+json": pyoxigraph.RdfFormat.JSON_LD,
}


class TooLarge(Exception):
    """The serialised answer passed the result size limit."""


class Bounded:
    """A binary sink that refuses to hold more than `limit` bytes."""

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def choose(accept: str, types: dict[str, Any]) -> tuple[str, Any]:
    """The first media type of an Accept header that `types` serves (the first of `types` for */*)."""
    for item in accept.split(","):
        media = item.split(";")[0].strip().lower()
        if media in types:
            return media, types[media]
        if media in ("*/*", "application/*", "text/*", ""):
            break
    first = next(iter(types))
    return first, types[first]


def answer(store: pyoxigraph.Store, query: str, accept: str, limit: int) -> tuple[dict, bytes]:
    """Run one query; the header and body of the answer."""
    try:
        result = store.query(query)
    except SyntaxError as err:
        return {"status": 400, "message": f"not a SPARQL query ({' '.join(str(err).split())[:300]})"}, b""
    except (OSError, ValueError, RuntimeError) as err:
        return {"status": 400, "message": f"query failed ({' '.join(str(err).split())[:300]})"}, b""
    media, fmt = choose(accept, GRAPH_TYPES if isinstance(result, pyoxigraph.QueryTriples) else RESULT_TYPES)
    sink = Bounded(limit)
    try:
        result.serialize(cast(BinaryIO, sink), fmt)
    except TooLarge:
        return {"status": 413, "message": f"result larger than {limit} bytes: add LIMIT or narrow the query"}, b""
    except (OSError, ValueError, RuntimeError) as err:
        if sink.size > limit:  # the size limit surfaced through the engine as another type
            return {"status": 413, "message": f"result larger than {limit} bytes: add LIMIT or narrow the query"}, b""
        return {"status": 500, "message": f"query failed ({' '.join(str(err).split())[:300]})"}, b""
    return {"status": 200, "type": media}, b"".join(sink.parts)


def read_frame(stream: BinaryIO) -> bytes | None:
    """One length-prefixed frame, or None at the end of the stream."""
    head = stream.read(4)
    if len(head) < 4:
        return None
    (size,) = struct.unpack(">I", head)
    return stream.read(size)


def write_frame(stream: BinaryIO, data: bytes) -> None:
    stream.write(struct.pack(">I", len(data)) + data)


def loop(location: str, limit: int) -> None:
    """Answer requests on stdin until it closes."""
    store = pyoxigraph.Store.read_only(location)
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    write_frame(out, b"ready")
    out.flush()
    while (frame := read_frame(inp)) is not None:
        request = json.loads(frame)
        header, body = answer(store, request["query"], request.get("accept", ""), limit)
        write_frame(out, json.dumps(header).encode("utf-8"))
        write_frame(out, body)
        out.flush()


def main() -> None:
    """`python -m graph.sparql.worker STORE RESULT_LIMIT PARENT_PID`."""
    location, limit, parent = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the gate's to handle
    threading.stack_size(STACK_BYTES)
    thread = threading.Thread(target=loop, args=(location, limit))
    thread.start()
    thread.join()


if __name__ == "__main__":
    main()
