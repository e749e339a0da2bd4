"""Take the PNG screenshot of a graph page shown in the README: python scripts/screenshot.py exports/graph.html exports/graph.png"""

from __future__ import annotations

import sys
from pathlib import Path

from browser import offline_page


def main() -> None:
    page_path, png = Path(sys.argv[1]), Path(sys.argv[2])
    with offline_page(page_path) as page:
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
        page.screenshot(path=str(png))


if __name__ == "__main__":
    main()
