"""``publisher query``: run a SPARQL query on the bundled data (in this process) or on any
SPARQL endpoint (through SPARQLWrapper), and print the results.

Exit codes: 0 ok; 1 the query failed (malformed, refused, or an error from the endpoint);
2 usage, load or configuration error (including an endpoint that cannot be reached).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .cli import base_option, data_option, ontology_option, settings_from
from .errors import QueryError, ServiceUnavailable
from .load import load
from .queryanalysis import analyse
from .results import GRAPH_FORMS, QueryResult, Term, from_sparql_json, serialize_graph, serialize_results
from .sparql import endpoint_iri, local_engine, prefixes

FORMATS = ["table", "json", "csv", "tsv", "turtle"]
CELL_WIDTH = 60


@click.command("query")
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from FILE.")
@click.option("--endpoint", default=None, metavar="URL", help="Query this SPARQL endpoint instead of the bundled data.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table, json, csv or tsv for SELECT/ASK; table, turtle or json (JSON-LD) for CONSTRUCT/DESCRIBE.")
@click.option("--max-rows", type=click.IntRange(min=1), default=None, help="Row cap for the bundled data.")
@data_option
@ontology_option
@base_option
def query(sparql, query_file, endpoint, fmt, max_rows, data_dir, ontology_dir, base_uri) -> None:
    """Run a SPARQL query: 'SPARQL' as an argument, or -f FILE."""
    text = _query_text(sparql, query_file)
    settings = settings_from(data_dir, ontology_dir, base_uri, max_rows=max_rows)
    form = analyse(text, endpoint_iri(settings.base_uri)).form
    _check_format(form, fmt)
    if endpoint:
        body, result = _remote(endpoint, text, form, fmt)
    else:
        result = local_engine(load(settings), settings).query(text)
        body = None
    if body is None:
        body = _render(result, fmt, prefixes(settings.base_uri))
    sys.stdout.buffer.write(body)
    sys.stdout.flush()
    if result is not None and result.truncated:
        click.echo(f"warning: the result was truncated at {settings.max_rows} rows (--max-rows)", err=True)


def _query_text(sparql: str | None, query_file: Path | None) -> str:
    if (sparql is None) == (query_file is None):
        raise click.UsageError("give a query as an argument or with -f FILE (one of the two)")
    return sparql if sparql is not None else query_file.read_text(encoding="utf-8")


def _check_format(form: str, fmt: str) -> None:
    if form in GRAPH_FORMS and fmt in ("csv", "tsv"):
        raise click.UsageError(f"{form} results are RDF: use --format table, turtle or json (JSON-LD)")
    if form not in GRAPH_FORMS and fmt == "turtle":
        raise click.UsageError(f"{form} results are not RDF: use --format table, json, csv or tsv")


def _render(result: QueryResult, fmt: str, known: dict[str, str]) -> bytes:
    import pyoxigraph as ox

    if fmt == "table":
        return _table(result, known).encode("utf-8")
    if result.is_graph:
        rdf_format = ox.RdfFormat.JSON_LD if fmt == "json" else ox.RdfFormat.TURTLE
        return serialize_graph(result, rdf_format, known)
    return serialize_results(result, fmt) + (b"\n" if fmt == "json" else b"")


def _table(result: QueryResult, known: dict[str, str]) -> str:
    headings, rows = result.table()
    cells = [[_cell(term, known) for term in row] for row in rows]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headings)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headings, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _cell(term: Term | None, known: dict[str, str]) -> str:
    if term is None:
        text = ""
    elif term.kind == "uri":
        text = next((f"{p}:{term.value[len(iri):]}" for p, iri in known.items()
                     if term.value.startswith(iri) and "/" not in term.value[len(iri):]), f"<{term.value}>")
    elif term.kind == "bnode":
        text = f"_:{term.value}"
    else:
        text = term.value
    text = text.replace("\n", " ")
    return text if len(text) <= CELL_WIDTH else text[:CELL_WIDTH - 1] + "…"


def _remote(endpoint: str, text: str, form: str, fmt: str) -> tuple[bytes | None, QueryResult | None]:
    """Ask ``endpoint``. Returns the body to print as it came (json/csv/tsv/turtle), or a result
    to print as a table."""
    from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, SPARQLWrapper

    graph = form in GRAPH_FORMS
    wanted = {"json": JSONLD if graph else JSON, "csv": CSV, "tsv": TSV, "turtle": TURTLE,
              "table": TURTLE if graph else JSON}[fmt]
    client = SPARQLWrapper(endpoint)
    client.setQuery(text)
    client.setMethod(POST)
    client.setReturnFormat(wanted)
    body = _fetch(client, endpoint)
    if fmt != "table":
        return body, None
    if graph:
        import pyoxigraph as ox

        triples = [q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]
        return None, QueryResult(form, ntriples=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
    return None, from_sparql_json(json.loads(body))


def _fetch(client, endpoint: str) -> bytes:
    from urllib.error import HTTPError, URLError

    try:
        return client.query().response.read()
    except HTTPError as exc:
        raise QueryError(f"the endpoint answered {exc.code}: {exc.read().decode('utf-8', 'replace')[:500]}") from None
    except URLError as exc:
        raise ServiceUnavailable(f"cannot reach {endpoint}: {exc.reason}") from None
    except Exception as exc:  # SPARQLWrapper wraps HTTP errors in its own exceptions
        raise QueryError(f"the endpoint refused the query: {exc}") from None
