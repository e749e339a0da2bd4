"""A read-only SPARQL 1.1 Protocol endpoint: the real Oxigraph server over a store.

`kg serve GRAPH.ttl` loads the file into a temporary store first; `kg serve --store DIR`
serves an existing store. The endpoint is http://HOST:PORT/query (GET or POST).
"""

from __future__ import annotations

import shutil
import subprocess
import sysconfig
import tempfile
from pathlib import Path

from graph import store


class ServerError(Exception):
    """The server cannot start; the message is one line."""


def oxigraph_binary() -> str:
    """The `oxigraph` command installed with the PyPI package of the same name."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=sysconfig.get_path("scripts"))
    if not found:
        raise ServerError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def command(location: Path, host: str, port: int, timeout_s: int) -> list[str]:
    return [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}", "--timeout-s", str(timeout_s)]


def serve(source: Path | None, store_dir: Path | None, host: str, port: int, timeout_s: int, announce=print) -> int:
    """Run the server in the foreground until it exits or Ctrl-C; returns its exit status."""
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as scratch:
        location = store_dir
        if location is None:
            if source is None or not source.is_file():
                raise ServerError(f"{source}: no such file")
            location = Path(scratch) / "store"
            store.load_file(location, source)
        process = subprocess.Popen(command(location, host, port, timeout_s), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        announce(f"SPARQL endpoint: http://{host}:{port}/query  (read-only; Ctrl-C to stop)")
        try:
            _, err = process.communicate()
        except KeyboardInterrupt:
            process.terminate()
            process.wait(timeout=10)
            return 0
        if process.returncode:
            raise ServerError(f"oxigraph server stopped: {' '.join((err or '').split())[:300] or process.returncode}")
        return 0

