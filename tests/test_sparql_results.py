"""The SELECT/ASK serializers (JSON, XML, CSV, TSV) and graph results: read back by independent
parsers (rdflib's and pyoxigraph's), so escaping is checked by what a client would see."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib.plugins.sparql.results.jsonresults import JSONResultParser
from rdflib.plugins.sparql.results.xmlresults import XMLResultParser

from publisher.results import QueryResult, Term, from_oxigraph, serialize_graph, serialize_results

XSD = "http://www.w3.org/2001/XMLSchema#"
TRICKY = 'quote " comma , tab \t newline \n return \r backslash \\ <tag> & amp ünï'
ROWS = (
    (Term("uri", "http://example.org/a?x=1&y=<2>"), Term("literal", TRICKY, None, "en")),
    (Term("bnode", "b0"), Term("literal", "42", XSD + "integer")),
    (None, Term("literal", "")),
)
SELECT = QueryResult("SELECT", ("s", "o"), ROWS)


def _store() -> ox.Store:
    store = ox.Store()
    for i in range(5):
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                          ox.Literal(TRICKY if i == 0 else str(i), language="en")))
    return store


def test_json_round_trips_through_rdflib():
    parsed = JSONResultParser().parse(io.BytesIO(serialize_results(SELECT, "json")))
    rows = list(parsed)
    assert [str(v) for v in parsed.vars] == ["s", "o"]
    assert str(rows[0][0]) == "http://example.org/a?x=1&y=<2>"
    assert str(rows[0][1]) == TRICKY and rows[0][1].language == "en"
    assert rows[1][1].datatype is not None and str(rows[1][1].datatype) == XSD + "integer"
    assert rows[2][0] is None and str(rows[2][1]) == ""


def test_xml_round_trips_through_rdflib():
    parsed = XMLResultParser().parse(io.BytesIO(serialize_results(SELECT, "xml")))
    rows = list(parsed)
    assert str(rows[0][1]) == TRICKY and rows[0][1].language == "en"
    assert str(rows[1][1].datatype) == XSD + "integer"
    assert rows[2][0] is None


def test_csv_quotes_and_uses_crlf():
    text = serialize_results(SELECT, "csv").decode()
    assert text.startswith("s,o\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == ["http://example.org/a?x=1&y=<2>", TRICKY]
    assert rows[2] == ["_:b0", "42"] and rows[3] == ["", ""]


def test_tsv_writes_terms_in_turtle_syntax():
    lines = serialize_results(SELECT, "tsv").decode().split("\n")
    assert lines[0] == "?s\t?o"
    assert lines[1].split("\t")[0] == "<http://example.org/a?x=1&y=<2>>"
    # no raw tab or newline inside a value: TSV rows stay one line each
    assert lines[1].split("\t")[1] == '"quote \\" comma , tab \\t newline \\n return \\r backslash \\\\ <tag> & amp ünï"@en'
    assert lines[2] == f'_:b0\t"42"^^<{XSD}integer>'
    assert lines[3] == '\t""'


@pytest.mark.parametrize("name", ["json", "xml", "csv", "tsv"])
def test_ask(name):
    body = serialize_results(QueryResult("ASK", boolean=True), name)
    if name == "json":
        assert json.loads(body) == {"head": {}, "boolean": True}
    elif name == "xml":
        assert XMLResultParser().parse(io.BytesIO(body)).askAnswer is True
    else:
        assert body == b"true"


def test_truncation_link_goes_in_the_head():
    assert json.loads(serialize_results(SELECT, "json", "https://x/sparql#limits"))["head"]["link"] == [
        "https://x/sparql#limits"]
    assert b'<link href="https://x/sparql#limits"/>' in serialize_results(SELECT, "xml", "https://x/sparql#limits")


def test_row_cap_reads_one_more_to_know_about_truncation():
    store = _store()
    capped = from_oxigraph(store.query("SELECT * { ?s ?p ?o }"), "SELECT", 3)
    assert len(capped.rows) == 3 and capped.truncated
    exact = from_oxigraph(store.query("SELECT * { ?s ?p ?o }"), "SELECT", 5)
    assert len(exact.rows) == 5 and not exact.truncated


def test_graph_results_are_capped_and_reserialized():
    result = from_oxigraph(_store().query("CONSTRUCT WHERE { ?s ?p ?o }"), "CONSTRUCT", 2)
    assert result.truncated and len(result.triples()) == 2
    for fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD, ox.RdfFormat.N_TRIPLES):
        body = serialize_graph(result, fmt, {"ex": "http://example.org/"})
        assert set(q.triple for q in ox.parse(body, format=fmt)) == set(result.triples())


def test_table_for_every_form():
    assert QueryResult("ASK", boolean=False).table() == (("boolean",), [(Term("literal", "false"),)])
    result = from_oxigraph(_store().query("CONSTRUCT WHERE { ?s ?p ?o }"), "CONSTRUCT", 10)
    headings, rows = result.table()
    assert headings == ("subject", "predicate", "object") and len(rows) == 5
