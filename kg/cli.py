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


OutputOpt = typer.Option(None, "--output", "-o", help="Write JSON Lines here instead of stdout.")


@app.command("extract")
def extract_cli(inputs: Optional[List[str]] = InputsArg, output: Optional[Path] = OutputOpt) -> None:
    """Extract state-level relations with their evidence, one JSON line per assertion."""
    from kg.extraction import extract

    write_records(extract, inputs, output)


@app.command("mentions")
def mentions_cli(inputs: Optional[List[str]] = InputsArg, output: Optional[Path] = OutputOpt) -> None:
    """Every actor mention (states, organisations, groups, people, places), one JSON line each."""
    from kg.extraction import find_mentions

    write_records(find_mentions, inputs, output)


def write_records(produce, inputs: Optional[List[str]], output: Optional[Path]) -> None:
    """Read the inputs, turn the articles into records with `produce`, write them as JSON Lines."""
    from kg.ingest import read_articles
    from kg.records import write_jsonl

    errors = ErrorReport()
    with open_output(output) as out:
        write_jsonl(produce(read_articles(inputs, on_error=errors), on_error=errors), out)
    errors.exit_status()


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

    from kg.evaluation import evaluate_files, report_tables

    errors = ErrorReport()
    scores = evaluate_files(gold, inputs, predicted=predicted, on_error=errors)
    if as_json:
        typer.echo(json.dumps(scores.to_dict(), ensure_ascii=False, indent=2))
    else:
        console = Console()
        for table in report_tables(scores):
            console.print(table)
    errors.exit_status()


# --- RDF: build, query, export, validate (issue 5) ---

StoreOpt = typer.Option(Path("output/store"), "--store", help="The store folder that `kg build` wrote.")


@app.command("build")
def build_cli(
    inputs: Optional[List[str]] = InputsArg,
    out: Path = typer.Option(Path("output"), "--out", "-o", help="Folder for the store, triples.jsonl, graph.ttl, the analysis and the views."),
    rebuild: bool = typer.Option(
        False, "--rebuild", help="Extract every article again, even unchanged ones extracted by the same rules."
    ),
) -> None:
    """The main job: ingest, extract and store the articles; write triples.jsonl, graph.ttl, the analysis and the HTML views."""
    from kg.builder import build

    errors = ErrorReport()
    summary = build(inputs, out, on_error=errors, progress=sys.stderr.isatty(), rebuild=rebuild)
    typer.echo(
        f"articles: {summary.read} read, {summary.stored} stored, {summary.skipped} unchanged (skipped), "
        f"{summary.failed} failed; store: {summary.articles} articles, {summary.assertions} assertions, "
        f"{summary.actors} actors -> {summary.out}"
    )
    errors.exit_status()


@app.command("query")
def query_cli(
    sparql: Optional[str] = typer.Argument(None, help="A SPARQL 1.1 query; the kg, actor, prov, dcterms, ... prefixes are declared."),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read the query from this .rq file."),
    store: Path = StoreOpt,
    format: str = typer.Option("table", "--format", help="table, csv or json (SPARQL 1.1 results)."),
    update: bool = typer.Option(False, "--update", help="Allow a SPARQL Update (the store is read-only otherwise)."),
) -> None:
    """Run SPARQL against the store and print the results."""
    from rich.console import Console
    from rich.table import Table

    from kg.rdf.query import FORMATS, query

    if (sparql is None) == (file is None):
        raise typer.BadParameter("give a query or --file FILE.rq, not both")
    if format not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    result = query(file.read_text(encoding="utf-8") if file else sparql, store, update=update)
    if result.kind == "UPDATE":
        typer.echo("update applied")
    elif format != "table" or result.kind != "SELECT":
        typer.echo(result.serialize("json" if format == "table" else format), nl=False)
    else:
        table = Table(*result.variables)
        for row in result.display_rows():
            table.add_row(*row)
        Console().print(table)


@app.command("export")
def export_cli(
    store: Path = StoreOpt,
    format: str = typer.Option(..., "--format", help="ttl, nt, jsonld (the union graph) or trig (one named graph per article)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Export the graph, streamed, with stable order and prefixes (same graph, same bytes)."""
    from kg.rdf.export import export

    with open_output(output) as out:
        count = export(store, format, out)
    typer.echo(f"{count} statements written", err=True)


@app.command("validate")
def validate_cli(store: Path = StoreOpt) -> None:
    """Check the store against the SHACL shapes (ontology/shapes.ttl); exit 1 on any violation."""
    from kg.rdf.validate import validate

    report = validate(store)
    typer.echo(report.text)
    if not report.conforms:
        raise typer.Exit(1)


@app.command("analyze")
def analyze_cli(
    store: Path = StoreOpt,
    actor: Optional[str] = typer.Option(None, "--actor", help="Only the assertions this actor id takes part in (RUS, NATO, ...)."),
    since: Optional[str] = typer.Option(None, "--since", help="First date, inclusive (2022, 2022-03 or 2022-03-01)."),
    until: Optional[str] = typer.Option(None, "--until", help="Last date, inclusive (2023, 2023-06 or 2023-06-30)."),
    out: Path = typer.Option(Path("output"), "--out", "-o", help="Folder for analysis.json and the CSV tables."),
) -> None:
    """Balance per pair, centrality, blocs and change over time: analysis.json, CSV tables and a summary."""
    from rich.console import Console

    from kg.analysis import analyze, summary_tables

    analysis = analyze(store, actor=actor, since=since, until=until)
    written = analysis.write(out)
    Console().print(*summary_tables(analysis))
    typer.echo(f"{len(written)} files written to {out}", err=True)


@app.command("view")
def view_cli(
    store: Path = StoreOpt,
    out: Path = typer.Option(Path("output"), "--out", "-o", help="Folder for index.html, graph.html, actors/ and pairs/."),
) -> None:
    """The HTML views, fully offline: the report (index.html), the graph, one page per actor and per pair."""
    from kg.analysis import analyze
    from kg.visualize import render_views

    written = render_views(analyze(store), out)
    typer.echo(f"{len(written)} pages written; open {out / 'index.html'}")


# --- kg actors: what the actor data says ----------------------------------------------------

actors_app = typer.Typer(help="Inspect the actor data: states, organisations, groups, people.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")

JsonOpt = typer.Option(False, "--json", help="JSON (one object a line) instead of text.")


@actors_app.command("list")
def actors_list_cli(
    kind: Optional[str] = typer.Option(None, "--kind", help="Only actors of this kind: state, organisation, group or person."),
    as_json: bool = JsonOpt,
) -> None:
    """Every actor, one a line: id, kind, English name, Arabic name."""
    import json
    from dataclasses import asdict

    from kg.knowledge.actors import list_actors

    for actor in list_actors(kind):
        if as_json:
            typer.echo(json.dumps(asdict(actor), ensure_ascii=False))
        else:
            typer.echo(f"{actor.id}\t{actor.kind}\t{actor.name_en}\t{actor.name_ar}")


@actors_app.command("show")
def actors_show_cli(actor_id: str = typer.Argument(..., help="An actor id: RUS, NATO, HAMAS, RUS-vladimir-putin."), as_json: bool = JsonOpt) -> None:
    """Every fact and alias the data has for one actor."""
    import json

    from kg.knowledge.actors import describe_actor

    facts = describe_actor(actor_id)
    if as_json:
        typer.echo(json.dumps(facts, ensure_ascii=False))
        return
    for key, value in facts.items():
        if key == "aliases":
            typer.echo(f"aliases ({len(value)}):")
            for alias in value:
                marks = f"{alias['lang']} {alias['source_kind']}" + (" ambiguous" if alias["ambiguous"] else "")
                typer.echo(f"  {alias['text']}\t{marks}")
        elif key == "terms":
            typer.echo("terms:")
            for term in value:
                typer.echo(f"  {term['role']}\t{term['start']} - {term['end'] or 'in office'}")
        elif isinstance(value, dict):
            typer.echo(f"{key}: " + ", ".join(f"{k} {v}" for k, v in value.items()))
        elif isinstance(value, (list, tuple)):
            typer.echo(f"{key}: {' '.join(value)}")
        else:
            typer.echo(f"{key}: {value}")


@actors_app.command("find")
def actors_find_cli(text: str = typer.Argument(..., help="Words to resolve, e.g. \"موسكو\" or \"نظيره الأمريكي\"."), as_json: bool = JsonOpt) -> None:
    """Which actors the words name, as the extractor resolves them (clitics, adjectives, capitals, leaders)."""
    import json
    from dataclasses import asdict

    from kg.extraction import find_mentions
    from kg.knowledge.actors import load_actors
    from kg.records import Article

    mentions = list(find_mentions([Article(doc="-", text=text)]))
    if not mentions:
        typer.echo(f"kg: no actor found in {text!r}", err=True)
        raise typer.Exit(1)
    actors = load_actors().actors
    for mention in mentions:
        if as_json:
            typer.echo(json.dumps(asdict(mention), ensure_ascii=False))
        else:
            actor = actors[mention.actor]
            typer.echo(f"{mention.text}\t{mention.actor}\t{mention.kind}\t{actor.name_en}\t{actor.name_ar}")
