"""The `kg` command line: a thin layer over the Python API.

Each command parses its options, calls one API function and prints. Domain errors
(`kg.errors.KgError`) become one line on stderr and a non-zero exit status here, in one place.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import click
import typer
from typer.core import TyperGroup

from kg.errors import InputError, KgError


class KgGroup(TyperGroup):
    """Turns every `KgError` a command raises into `kg: error: ...` and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as exc:
            typer.echo(f"kg: error: {exc}", err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=KgGroup,
    help="Turn news articles into a knowledge graph of relations between states.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

InputsArg = typer.Argument(
    None,
    help="Article files, directories (recursive), globs, or - for stdin. Default: the bundled samples.",
    show_default=False,
)


class ErrorReport:
    """Collects per-file input errors: each is printed at once, the exit status comes at the end."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        typer.echo(f"kg: error: {error}", err=True)

    def exit_status(self) -> None:
        if self.count:
            raise typer.Exit(1)


def open_output(path: Optional[Path]):
    """stdout, or a file written whole: an output file is never left half-written."""
    from kg.util import atomic_writer, stdout_writer

    return atomic_writer(path) if path else stdout_writer()


@app.command("eval")
def eval_cli(
    inputs: Optional[List[str]] = InputsArg,
    gold: Path = typer.Option(..., "--gold", help="Gold records, JSON Lines (doc, subject, relation, object, evidence)."),
    predicted: Optional[Path] = typer.Option(
        None, "--predicted", help="Score this `kg extract` output instead of running extraction."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON instead of tables."),
) -> None:
    """Score extraction against gold: strict and pair P/R/F1, per relation and document, then the errors."""
    import json

    from rich.console import Console

    from kg.evaluate import evaluate_files, report_tables

    errors = ErrorReport()
    scores = evaluate_files(gold, inputs, predicted=predicted, on_error=errors)
    if as_json:
        typer.echo(json.dumps(scores.to_dict(), ensure_ascii=False, indent=2))
    else:
        console = Console()
        for table in report_tables(scores):
            console.print(table)
    errors.exit_status()
