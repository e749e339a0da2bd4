"""Query latency on a big graph: rdflib's in-memory engine vs the on-disk Oxigraph store.

Builds a graph of at least --triples triples from synthetic articles (extractions made
directly, so the benchmark measures the graph side, not spaCy), then times every query in
queries/ with both engines and prints the ratio rdflib / Oxigraph per query.

    python benchmarks/query_latency.py --triples 1000000
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from graph.pipeline import assemble
from graph.sparql import query, store
from graph.types import Article, Extraction, Mention, Provenance, Relation

ROOT = Path(__file__).resolve().parent.parent


def synthetic_article(i: int, rng: random.Random, pools: dict[str, int]) -> Extraction:
    """One article of five sentences over names drawn from shared pools (so entities merge)."""
    org, partner = rng.randrange(pools["org"]), rng.randrange(pools["org"])
    person, city, country = rng.randrange(pools["person"]), rng.randrange(pools["city"]), rng.randrange(pools["country"])
    names = {
        "org": f"Org {org} Holdings", "partner": f"Org {partner} Holdings", "person": f"Person {person} Smith",
        "city": f"City {city}", "country": "China" if country == 0 else f"Country {country}", "author": f"Writer {i % 500} Jones",
    }
    sentences = [
        ("{org} is headquartered in {city}.", "org", "city", "headquarteredIn", None),
        ("{person}, CEO of {org}, spoke.", "person", "org", "worksFor", "CEO"),
        ("{city}, {country}, is growing.", "city", "country", "locatedIn", None),
        ("{org} has signed an agreement with {partner}.", "org", "partner", "partnerOf", None),
    ]
    text, mentions, relations = f"News {i}\n\nBy {names['author']}\n\n", [], []
    title = Mention("headline", f"News {i}", f"News {i}", "NewsArticle", 0, len(f"News {i}"), str(i))
    author = Mention("author", names["author"], names["author"], "Person", text.index(names["author"]), text.index(names["author"]) + len(names["author"]), str(i))
    relations.append(Relation(title, author, "author", 0.95, Provenance(str(i), 0, len(text), text.strip()), "author:byline"))
    kinds = {"org": "Organization", "partner": "Organization", "person": "Person", "city": "Place", "country": "Place"}
    for template, head, tail, kind, role in sentences:
        sentence = template.format(**names)
        start = len(text)
        made = {}
        for slot in (head, tail):
            offset = start + sentence.index(names[slot])
            made[slot] = Mention(f"m{len(mentions)}", names[slot], names[slot], kinds[slot], offset, offset + len(names[slot]), str(i))
            mentions.append(made[slot])
        relations.append(Relation(made[head], made[tail], kind, 0.9, Provenance(str(i), start, start + len(sentence), sentence), "synthetic", role))
        text += sentence + " "
    return Extraction(Article(str(i), f"News {i}", text, (names["author"],)), tuple([title, author, *mentions]), tuple(relations))


def timed(run, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rng = random.Random(7)
    per_article = 68  # measured: triples added per synthetic article, provenance included
    articles = max(1, args.triples // per_article)
    pools = {"org": max(10, articles // 4), "person": max(10, articles // 2), "city": max(10, articles // 20), "country": 30}
    start = time.perf_counter()
    result = assemble((synthetic_article(i, rng, pools), False) for i in range(articles))
    print(f"built {len(result.rdf):,} triples from {articles:,} synthetic articles in {time.perf_counter() - start:.1f} s")
    if len(result.rdf) < args.triples:
        print(f"warning: {len(result.rdf):,} triples is under the {args.triples:,} asked for", file=sys.stderr)

    with tempfile.TemporaryDirectory() as scratch:
        location = Path(scratch) / "store"
        start = time.perf_counter()
        store.write_graph(location, result.rdf)
        print(f"loaded the Oxigraph store in {time.perf_counter() - start:.1f} s")
        print(f"{'query':<24} {'rows':>7} {'rdflib s':>10} {'oxigraph s':>11} {'ratio':>8}")
        for path in sorted((ROOT / "queries").glob("*.rq")):
            sparql = path.read_text(encoding="utf-8")
            rows = len(query.run(result.rdf, sparql))
            slow = timed(lambda text=sparql: list(query.run(result.rdf, text)), args.repeat)
            fast = timed(lambda text=sparql: list(store.query(location, text)), args.repeat)
            print(f"{path.name:<24} {rows:>7} {slow:>10.3f} {fast:>11.3f} {slow / fast:>7.1f}x")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
