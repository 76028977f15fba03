"""Query analysis and the dataset plan: decided from the parse tree, never by matching strings."""

from __future__ import annotations

import pytest

from publisher.errors import QueryError, RefusedQuery
from publisher.queryanalysis import analyse, plan

BASE = "https://example.org/sparql"
DATA = ("https://example.org/graph/a", "https://example.org/graph/b")
KNOWN = DATA + ("https://example.org/graph/ontology",)


@pytest.mark.parametrize("query, form", [
    ("SELECT * { ?s ?p ?o }", "SELECT"),
    ("ask {}", "ASK"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <http://example.org/x>", "DESCRIBE"),
    # the words of another form inside strings, comments and IRIs must not matter
    ('# CONSTRUCT\nSELECT ("ASK {}" AS ?x) { }', "SELECT"),
    ("PREFIX describe: <http://example.org/construct#> ASK { describe:select ?p ?o }", "ASK"),
])
def test_form_comes_from_the_parse_tree(query, form):
    assert analyse(query, BASE).form == form


def test_dataset_clauses_are_resolved():
    found = analyse("BASE <https://example.org/graph/>\nPREFIX g: <https://example.org/graph/>\n"
                    "SELECT * FROM g:a FROM NAMED <b> { ?s ?p ?o }", BASE)
    assert found.from_graphs == ("https://example.org/graph/a",)
    assert found.from_named_graphs == ("https://example.org/graph/b",)


def test_relative_from_resolves_against_the_endpoint():
    assert analyse("SELECT * FROM <graph/a> {}", BASE).from_graphs == ("https://example.org/graph/a",)


@pytest.mark.parametrize("query", [
    "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o { SELECT ?x { OPTIONAL { SERVICE ?endpoint { ?x ?y ?z } } } } }",
    "ASK { FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
])
def test_service_anywhere_is_refused(query):
    assert analyse(query, BASE).uses_service
    with pytest.raises(RefusedQuery, match="SERVICE"):
        plan(analyse(query, BASE), (), (), KNOWN)


def test_the_word_service_in_a_string_is_not_service():
    assert not analyse('SELECT * { ?s ?p "SERVICE <http://x/> {}" }', BASE).uses_service


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "DROP ALL",
    "CLEAR DEFAULT ; CLEAR NAMED",
    "PREFIX ex: <http://example.org/> DELETE WHERE { ?s ex:p ?o }",
])
def test_updates_are_refused(update):
    with pytest.raises(RefusedQuery, match="read-only"):
        analyse(update, BASE)


def test_syntax_error_names_line_and_column():
    with pytest.raises(QueryError) as caught:
        analyse("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(\n}", BASE)
    assert caught.value.http_status == 400
    assert caught.value.detail == {"line": 3, "column": 3}
    assert "line 3, column 3" in caught.value.message


def test_undeclared_prefix_in_from_is_a_query_error():
    with pytest.raises(QueryError, match="prefix"):
        analyse("SELECT * FROM nope:g { }", BASE)


def test_analysis_is_cached():
    query = "SELECT ?cached { ?s ?p ?cached }"
    assert analyse(query, BASE) is analyse(query, BASE)


# --- plan: which graphs a query sees ---------------------------------------------------------

def test_without_dataset_clauses_the_query_runs_on_the_whole_dataset():
    chosen = plan(analyse("SELECT * {}", BASE), (), (), KNOWN)
    assert chosen.default_graphs is None and chosen.named_graphs is None  # the dataset's own


def test_from_clauses_define_the_dataset():
    chosen = plan(analyse(f"SELECT * FROM <{DATA[0]}> FROM NAMED <{KNOWN[2]}> {{}}", BASE), (), (), KNOWN)
    assert chosen.default_graphs == (DATA[0],) and chosen.named_graphs == (KNOWN[2],)


def test_protocol_dataset_wins_over_from():
    chosen = plan(analyse(f"SELECT * FROM <{DATA[0]}> {{}}", BASE), [DATA[1]], [], KNOWN)
    assert chosen.default_graphs == (DATA[1],) and chosen.named_graphs == ()


@pytest.mark.parametrize("query, default, named", [
    ("SELECT * FROM <http://127.0.0.1:9/x> {}", (), ()),
    ("SELECT * FROM NAMED <http://127.0.0.1:9/x> {}", (), ()),
    ("SELECT * {}", ("http://127.0.0.1:9/x",), ()),
    ("SELECT * {}", (), ("http://127.0.0.1:9/x",)),
])
def test_a_graph_the_dataset_does_not_have_is_refused_by_name(query, default, named):
    with pytest.raises(RefusedQuery, match="127.0.0.1:9/x") as caught:
        plan(analyse(query, BASE), default, named, KNOWN)
    assert caught.value.detail["graph"] == "http://127.0.0.1:9/x"
