"""Time until the graph view is interactive for a synthetic graph of 2,000 entities and 5,000
relations in headless Chromium, and how fast it answers a search once it is.

    python benchmarks/view_interactive.py [--entities 2000] [--relations 5000] [--runs 3]

Each run loads the page in a fresh browser context; every run is printed (timings on a shared
machine are noisy), then the median.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from browser import offline_page  # noqa: E402

from graph.output.view import render  # noqa: E402
from graph.vocab import KG, SCHEMA  # noqa: E402

BASE = "https://example.org/news-kg/id/"


def synthetic(entities: int, relations: int, seed: int = 7) -> Graph:
    """A graph with skewed degrees (a few hubs, many leaves) and one evidence node per fact."""
    rng = random.Random(seed)
    g = Graph()
    kinds = [("organization", SCHEMA.Organization), ("person", SCHEMA.Person), ("place", SCHEMA.Place)]
    nodes = []
    for i in range(entities):
        slug, cls = kinds[i % 3]
        node = URIRef(f"{BASE}{slug}/e{i}")
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(f"Entity {i}")))
        g.add((node, KG.mentionCount, Literal(1 + i % 7)))
        nodes.append(node)
    article = URIRef(f"{BASE}article/a0")
    g.add((article, RDF.type, SCHEMA.NewsArticle))
    g.add((article, SCHEMA.headline, Literal("Synthetic news")))
    for j in range(relations):
        s, o = nodes[int(rng.paretovariate(1.2)) % entities], nodes[rng.randrange(entities)]
        predicate = KG[rng.choice(["locatedIn", "worksFor", "partnerOf", "relatedTo"])]
        g.add((s, predicate, o))
        st = URIRef(f"{BASE}statement/s{j}")
        for p, v in ((RDF.type, RDF.Statement), (RDF.subject, s), (RDF.predicate, predicate), (RDF.object, o),
                     (PROV.wasDerivedFrom, article), (KG.sentence, Literal(f"Sentence {j} about entity links.")),
                     (KG.confidence, Literal(0.5 + (j % 50) / 100)), (KG.extractor, Literal("synthetic"))):
            g.add((st, p, v))
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=2000)
    parser.add_argument("--relations", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="page loads to time (default 3)")
    args = parser.parse_args()
    g = synthetic(args.entities, args.relations)
    start = time.perf_counter()
    page_html = render(g, "Synthetic graph", max_nodes=args.entities)
    print(f"rendered {args.entities} entities, {args.relations} relations ({len(g)} triples) to HTML in {time.perf_counter() - start:.2f} s ({len(page_html) / 1e6:.1f} MB)")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "view.html"
        path.write_text(page_html, encoding="utf-8")
        readies = []
        for run in range(1, args.runs + 1):
            with offline_page(path) as page:
                start = time.perf_counter()
                page.goto(path.resolve().as_uri())
                page.wait_for_selector("#graph canvas", state="attached", timeout=120_000)
                drawn = time.perf_counter() - start
                page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
                ready = time.perf_counter() - start
                start = time.perf_counter()
                found = page.evaluate("kgView.search('Entity 1999')")
                searched = time.perf_counter() - start
                shown = page.evaluate("kgView.nodeView.length")
            readies.append(ready)
            print(f"run {run}: first canvas after {drawn:.2f} s; interactive (layout stabilised, physics off) after {ready:.2f} s; "
                  f"search for one entity answered in {searched * 1000:.0f} ms ({'found' if found else 'NOT found'}); {shown} entities shown")
    print(f"interactive after {statistics.median(readies):.2f} s (median of {len(readies)}; target < 5 s)")

if __name__ == "__main__":
    main()
