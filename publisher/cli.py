"""The ``publisher`` command: thin click commands over the pipeline modules.

Exit codes: 0 ok; 1 the data does not conform, or a query failed; 2 usage, load or configuration
error. Errors print one line naming what was wrong, never a traceback.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import click

from . import __version__
from .config import Settings
from .errors import PublisherError
from .load import load
from .validate import ValidationReport, validate as run_validation

data_option = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
                           help="Folder of *.trig data files (default: the bundled data/).")
ontology_option = click.option("--ontology", "ontology_dir", type=click.Path(path_type=Path), default=None,
                               help="Folder holding lp.ttl and lp.shapes.ttl (default: the bundled ontology/).")
base_option = click.option("--base-uri", default=None, help="Canonical base URI of the data.")


def settings_from(data_dir=None, ontology_dir=None, base_uri=None, **more) -> Settings:
    try:
        return Settings().with_(data_dir=data_dir, ontology_dir=ontology_dir, base_uri=base_uri, **more)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def fail(error: PublisherError) -> None:
    click.echo(f"error: {error.message}", err=True)
    sys.exit(error.exit_code)


class Group(click.Group):
    """Turns PublisherError into its exit code and message, anywhere in a command."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PublisherError as error:
            fail(error)


@click.group(cls=Group)
@click.version_option(__version__, prog_name="publisher")
def main() -> None:
    """Leading Places linked data: validate, serve and query the knowledge graph."""


@main.command()
@data_option
@ontology_option
@base_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text",
              show_default=True, help="Report format; turtle prints the SHACL report graph.")
def validate(data_dir, ontology_dir, base_uri, fmt) -> None:
    """Load the data and check it against the SHACL shapes.

    Exits 0 when the data conforms (warnings are shown but allowed), 1 on any violation,
    2 when a file cannot be read or parsed.
    """
    settings = settings_from(data_dir, ontology_dir, base_uri)
    report = run_validation(load(settings))
    if fmt == "turtle":
        click.echo(report.graph.serialize(format="turtle"))
    elif fmt == "json":
        click.echo(json.dumps(report_as_dict(report), indent=2, ensure_ascii=False))
    else:
        click.echo(report_as_text(report))
    sys.exit(0 if report.conforms else 1)


def report_as_text(report: ValidationReport) -> str:
    lines = [f"{'Conforms' if report.conforms else 'Does NOT conform'}: {report.triples} distinct triples "
             f"({report.statements} statements) in {report.graphs} graphs, {report.shapes} shapes; "
             f"{report.violations} violation(s), {report.warnings} warning(s)."]
    for r in report.results:
        focus = f"{r.focus_label} <{r.focus}>" if r.focus_label else f"<{r.focus}>"
        path = f" {_short(r.path)}" if r.path is not None else ""
        lines.append(f"  {r.severity}: {focus}{path}: {r.message}")
    return "\n".join(lines)


def report_as_dict(report: ValidationReport) -> dict:
    return {
        "conforms": report.conforms,
        "triples": report.triples, "statements": report.statements, "graphs": report.graphs, "shapes": report.shapes,
        "violations": report.violations, "warnings": report.warnings,
        "results": [
            {"severity": r.severity, "focus": str(r.focus), "focusLabel": r.focus_label,
             "path": str(r.path) if r.path is not None else None,
             "component": str(r.component) if r.component is not None else None,
             "shape": str(r.source_shape) if r.source_shape is not None else None,
             "value": str(r.value) if r.value is not None else None, "message": r.message}
            for r in report.results
        ],
    }


def _short(node) -> str:
    from rdflib import Graph

    try:
        return Graph().namespace_manager.normalizeUri(node)
    except Exception:  # a blank node path (sequence, inverse): show it as is
        return str(node)


@main.command()
@data_option
@ontology_option
@base_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free port).")
@click.option("--allow-invalid", is_flag=True, help="Serve data that does not conform to the shapes.")
@click.option("--dev", is_flag=True, help="Flask's development server with the reloader.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256), help="Worker threads.")
@click.option("--query-timeout", type=click.FloatRange(min=0.1), default=None, help="SPARQL timeout in seconds.")
@click.option("--max-rows", type=click.IntRange(min=1), default=None, help="SPARQL result row cap.")
@click.option("--get", "get_path", default=None, metavar="PATH",
              help="Run one GET request in-process, print the response and exit (a smoke test).")
@click.option("--accept", default="*/*", show_default=True, help="Accept header for --get.")
def serve(data_dir, ontology_dir, base_uri, host, port, allow_invalid, dev, threads, query_timeout,
          max_rows, get_path, accept) -> None:
    """Load and validate once, then serve the data as linked data with a SPARQL endpoint."""
    from .app import create_app
    from .errors import NotConforming

    settings = settings_from(data_dir, ontology_dir, base_uri, allow_invalid=allow_invalid or None,
                             query_timeout=query_timeout, max_rows=max_rows)
    try:
        app = create_app(settings)
    except NotConforming as error:
        click.echo(report_as_text(error.detail["report"]), err=True)
        click.echo("Refusing to serve data that does not conform (use --allow-invalid to serve it anyway).", err=True)
        sys.exit(error.exit_code)
    if get_path is not None:
        sys.exit(_get_once(app, get_path, accept))
    if dev:
        app.run(host=host, port=port, debug=False, use_reloader=True)
        return
    _serve_waitress(app, host, port, threads)


def _get_once(app, path: str, accept: str) -> int:
    response = app.test_client().get(path, headers={"Accept": accept})
    click.echo(f"{response.status}", err=True)
    for name, value in response.headers.items():
        click.echo(f"{name}: {value}", err=True)
    sys.stdout.buffer.write(response.get_data())
    sys.stdout.flush()
    return 0 if response.status_code < 400 else 1


def _serve_waitress(app, host: str, port: int, threads: int) -> None:
    from waitress.server import create_server

    try:
        server = create_server(app, host=host, port=port, threads=threads, ident="leading-places")
    except OSError as exc:  # address in use, no such interface, no permission
        app.extensions["publisher"].store.close()
        raise PublisherError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    bound_host, bound_port = server.effective_host, server.effective_port
    click.echo(f"Serving Leading Places on http://{bound_host}:{bound_port}/ (Ctrl-C to stop)", err=True)
    # SIGTERM (a service manager stopping us) ends as cleanly as Ctrl-C: workers and files go.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        store = app.extensions["publisher"].store
        store.close()


# Imported last: the query command reuses the options defined above.
from .cli_query import query  # noqa: E402

main.add_command(query)
