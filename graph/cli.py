"""`kg` command line: build | extract | query | stats. Parses arguments and calls the pipeline.

Exit codes: 0 success; 1 nothing could be done (bad input, bad query, missing model);
2 usage error; 3 done, but some inputs were skipped (each reported on stderr).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from graph import ingest, jsonl, nlp, pipeline, query
from graph.vocab import DEFAULT_BASE

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Build knowledge graphs from news articles.")

PARTIAL = 3
Model = Annotated[str, typer.Option("--model", "-m", help="spaCy pipeline to load (package name or path).", envvar="KG_MODEL")]
Threshold = Annotated[float, typer.Option("--threshold", "-t", min=0.0, max=1.0, help="Keep relations with at least this confidence.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse input documents larger than this.")]


def fail(message: str, code: int = 1) -> None:
    """Print a one-line error to stderr and exit."""
    typer.echo(f"kg: error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"kg: warning: {message}", err=True)


def _progress(total: int, quiet: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        disable=quiet or not sys.stderr.isatty(), transient=True, console=None,
    )


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(help="Article files or directories (plain text or HTML).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory for the exports.")] = Path("exports"),
    model: Model = nlp.DEFAULT_MODEL,
    threshold: Threshold = pipeline.DEFAULT_THRESHOLD,
    base: Annotated[str, typer.Option(help="Base IRI for entities and articles.")] = DEFAULT_BASE,
    max_bytes: MaxBytes = ingest.MAX_BYTES,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Build the graph of INPUTS and write graph.ttl, graph.jsonld, graph.graphml, graph.html and ontology.ttl."""
    articles, errors = pipeline.read(inputs, max_bytes)
    if not articles:
        fail(errors[0] if len(errors) == 1 else f"no readable articles in the input ({'; '.join(errors)})")
    for error in errors:
        warn(error)
    try:
        with _progress(len(articles), quiet) as progress:
            task = progress.add_task("extracting", total=len(articles))
            extractions = []
            for extraction in pipeline.extract_articles(articles, model):
                extractions.append(extraction)
                progress.advance(task)
        result = pipeline.assemble(extractions, threshold, base, errors)
    except nlp.ModelError as err:
        fail(str(err))
    try:
        pipeline.write(result, output)
    except OSError as err:
        fail(f"{output}: cannot write exports ({err.strerror})")
    if errors:
        raise typer.Exit(PARTIAL)


@app.command()
def extract(
    inputs: Annotated[Optional[list[str]], typer.Argument(help="Files, directories or - for stdin.")] = None,
    jsonl_file: Annotated[Optional[str], typer.Option("--jsonl", help='JSON lines of {"id": ..., "text": ...} (- for stdin).')] = None,
    model: Model = nlp.DEFAULT_MODEL,
    threshold: Threshold = pipeline.DEFAULT_THRESHOLD,
    max_bytes: MaxBytes = ingest.MAX_BYTES,
) -> None:
    """Print mentions and relations of each document as one JSON object per line."""
    if not inputs and not jsonl_file:
        fail("give files, directories, - (stdin) or --jsonl FILE", 2)
    failed = False

    def articles():
        nonlocal failed
        sources = [ingest.read_jsonl(jsonl_file, max_bytes)] if jsonl_file else [ingest.read_inputs([name], max_bytes) for name in inputs or []]
        for source in sources:
            try:
                for item in source:
                    if isinstance(item, ingest.InputError):
                        warn(str(item))
                        failed = True
                    else:
                        yield item
            except ingest.InputError as err:
                warn(str(err))
                failed = True

    try:
        for extraction in pipeline.extract_articles(articles(), model):
            typer.echo(jsonl.dumps(extraction, threshold))
    except nlp.ModelError as err:
        fail(str(err))
    if failed:
        raise typer.Exit(PARTIAL)


@app.command("query")
def query_command(
    graph: Annotated[Path, typer.Argument(help="RDF file (Turtle, JSON-LD, N-Triples, ...).")],
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, or the path of a .rq file.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
) -> None:
    """Run a SPARQL query over a graph file and print the results."""
    if fmt not in query.FORMATS:
        fail(f"--format must be one of {', '.join(query.FORMATS)}", 2)
    try:
        g = query.load_graph(graph)
        result = query.run(g, query.query_text(sparql))
        typer.echo(query.format_result(g, result, fmt), nl=False)
    except query.QueryError as err:
        fail(str(err))


@app.command()
def stats(
    graph: Annotated[Path, typer.Argument(help="RDF file (Turtle, JSON-LD, N-Triples, ...).")],
    top: Annotated[int, typer.Option(min=1, help="How many central entities to list.")] = 10,
) -> None:
    """Counts per entity type and relation, and the most central entities."""
    try:
        typer.echo(query.stats(query.load_graph(graph), top), nl=False)
    except query.QueryError as err:
        fail(str(err))
