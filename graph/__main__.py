"""`python -m graph` is the same as `kg`."""

from graph.cli import app

app(prog_name="kg")
