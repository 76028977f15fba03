"""``publisher query``: on the bundled data in this process, and against an endpoint over HTTP."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from rdflib import Graph

from publisher.app import create_app, make_store
from publisher.cli import main
from publisher.load import load
from tests.conftest import LiveServer, bundled_settings

HEFCE = "https://w3id.org/leading-places/id/organisation/hefce"
SUCCESSORS = f"SELECT ?later WHERE {{ <{HEFCE}> <http://purl.org/dc/terms/isReplacedBy> ?later }} ORDER BY ?later"


@pytest.fixture(scope="module")
def endpoint():
    settings = bundled_settings().with_(allow_invalid=True)
    app = create_app(settings, store=make_store(load(settings), settings))
    with LiveServer(app) as url:
        yield url + "/sparql"
    app.extensions["publisher"].store.close()


def run(*args):
    return CliRunner().invoke(main, ["query", *args])


def test_table_on_the_bundled_data():
    result = run(SUCCESSORS)
    assert result.exit_code == 0, result.output
    assert "organisation:office-for-students" in result.output and "rows)" in result.output


@pytest.mark.parametrize("via_endpoint", [False, True], ids=["embedded", "endpoint"])
def test_same_answers_embedded_and_through_an_endpoint(endpoint, via_endpoint):
    extra = ["--endpoint", endpoint] if via_endpoint else []
    as_json = json.loads(run(SUCCESSORS, "--format", "json", *extra).output)
    values = [b["later"]["value"] for b in as_json["results"]["bindings"]]
    assert "https://w3id.org/leading-places/id/organisation/office-for-students" in values
    rows = list(csv.reader(io.StringIO(run(SUCCESSORS, "--format", "csv", *extra).output)))
    assert rows[0] == ["later"] and [r[0] for r in rows[1:]] == values
    assert run(SUCCESSORS, "--format", "tsv", *extra).output.startswith("?later\n")
    table = run(SUCCESSORS, *extra).output
    assert "organisation:office-for-students" in table
    turtle = run(f"DESCRIBE <{HEFCE}>", "--format", "turtle", *extra).output
    assert len(Graph().parse(data=turtle, format="turtle")) > 3


def test_query_from_a_file(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    result = run("-f", str(path), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["boolean"] is True


@pytest.mark.parametrize("args, code, message", [
    (["SELECT * {"], 1, "line 1"),
    (["DROP ALL"], 1, "read-only"),
    (["SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"], 1, "SERVICE"),
    (["ASK {}", "--format", "turtle"], 2, "not RDF"),
    ([], 2, "argument"),
    (["ASK {}", "--endpoint", "http://127.0.0.1:9/sparql"], 2, "cannot reach"),
])
def test_failures_have_exit_codes_and_no_traceback(args, code, message):
    result = run(*args)
    assert result.exit_code == code
    assert message in result.output and "Traceback" not in result.output


def test_truncation_is_reported():
    result = CliRunner().invoke(main, ["query", "SELECT * { ?s ?p ?o }", "--max-rows", "2",
                                       "--format", "csv"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 3
    assert "truncated" in result.stderr
