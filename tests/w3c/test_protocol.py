"""The W3C SPARQL 1.1 Protocol tests (protocol/manifest.ttl), run against our server over HTTP.

Every entry of the manifest must have a request below (a test fails otherwise), restated from the
W3C protocol validator (see protocol/README.md). Query tests must pass as the validator defines
passing; update tests must be refused, since the endpoint is read-only, and change nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from xml.dom import minidom

import pytest
import requests
from rdflib import Graph, Namespace
from rdflib.collection import Collection

from publisher.app import create_app, make_store
from publisher.config import Settings
from publisher.load import load
from tests.conftest import LiveServer

HERE = Path(__file__).parent / "protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
D = "http://kasei.us/2009/09/sparql/data/"
D0, D1, D2, D3 = (f"{D}data{i}.rdf" for i in range(4))
RESULTS = ("application/sparql-results+xml", "application/sparql-results+json")
SELECT_TYPES = RESULTS + ("text/csv", "text/tab-separated-values")
RDF_TYPES = ("application/rdf+xml", "application/rdf+json", "text/turtle")


@dataclass(frozen=True)
class Case:
    """One protocol request and what the answer must be."""

    method: str
    params: list = field(default_factory=list)  # URL parameters
    form: list | None = None  # an application/x-www-form-urlencoded body
    body: bytes | None = None  # a raw body
    headers: dict = field(default_factory=dict)
    expect: str = "success"  # success | error | refused (an update: 400, nothing changed)
    types: tuple[str, ...] = ()  # acceptable media types of a success
    true: bool = False  # the ASK answer must be true


def ask_types(q: str, dg=(), ng=()):
    return [("query", q), *[("default-graph-uri", g) for g in dg], *[("named-graph-uri", g) for g in ng]]


def _updates() -> dict[str, Case]:
    dataset_update = ("PREFIX dc: <http://purl.org/dc/terms/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
                      f"CLEAR ALL ;\nINSERT DATA {{ GRAPH <{D1}> {{ <{D1}> a foaf:Document }} }} ;\n"
                      "INSERT { GRAPH <http://example.org/protocol-update-dataset-test/> { ?s a dc:BibliographicResource } }\n"
                      "WHERE { ?s a foaf:Document }")
    return {
        "update_dataset_default_graph": Case("POST", [("using-graph-uri", D1)], [("update", dataset_update)], expect="refused"),
        "update_dataset_default_graphs": Case("POST", [("using-graph-uri", D1), ("using-graph-uri", D2)],
                                              [("update", dataset_update)], expect="refused"),
        "update_dataset_named_graphs": Case("POST", [("using-named-graph-uri", D1), ("using-named-graph-uri", D2)],
                                            [("update", dataset_update)], expect="refused"),
        "update_dataset_full": Case("POST", [("using-graph-uri", D1), ("using-named-graph-uri", D2)],
                                    [("update", dataset_update)], expect="refused"),
        "update_post_form": Case("POST", form=[("update", "CLEAR ALL")], expect="refused"),
        "update_post_direct": Case("POST", body=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"},
                                   expect="refused"),
        "update_base_uri": Case("POST", form=[("update", "CLEAR GRAPH <http://example.org/protocol-base-test/> ; "
                                               "INSERT DATA { GRAPH <http://example.org/protocol-base-test/> "
                                               "{ <http://example.org/s> <http://example.org/p> <test> } }")],
                                expect="refused"),
        "bad_update_get": Case("GET", [("update", "CLEAR ALL"), ("using-graph-uri", D0)], expect="error"),
        "bad_multiple_updates": Case("POST", form=[("update", "CLEAR NAMED"), ("update", "CLEAR DEFAULT"),
                                                   ("using-graph-uri", D0)], expect="error"),
        "bad_update_wrong_media_type": Case("POST", [("using-graph-uri", D0)], body=b"CLEAR NAMED",
                                            headers={"Content-Type": "text/plain"}, expect="error"),
        "bad_update_missing_form_type": Case("POST", body=b"update=CLEAR%20NAMED&using-graph-uri="
                                             b"http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
                                             expect="error"),
        "bad_update_non_utf8": Case("POST", [("using-graph-uri", D0)], body="CLEAR NAMED".encode("utf-16"),
                                    headers={"Content-Type": "application/sparql-update; charset=UTF-16"}, expect="error"),
        "bad_update_syntax": Case("POST", form=[("update", "CLEAR XYZ"), ("using-graph-uri", D0)], expect="error"),
        "bad_update_dataset_conflict": Case("POST", form=[
            ("using-named-graph-uri", "http://example/people"),
            ("update", "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\n"
                       "DELETE { ?person foaf:givenName 'Bill' }\nINSERT { ?person foaf:givenName 'William' }\n"
                       "WHERE { ?person foaf:givenName 'Bill' }")], expect="error"),
    }


def _queries() -> dict[str, Case]:
    two = f"ASK {{ <{D1}> a ?type . <{D2}> a ?type . }}"
    named = f"ASK {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
    full = f"ASK {{ <{D3}> a ?type GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
    multiple = f"ASK FROM <{D3}> {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
    sparql_query = {"Content-Type": "application/sparql-query"}
    return {
        "query_get": Case("GET", ask_types("ASK {}", [D0]), types=RESULTS, true=True),
        "query_post_form": Case("POST", form=ask_types("ASK {}", [D0]), types=RESULTS, true=True),
        "query_post_direct": Case("POST", [("default-graph-uri", D0)], body=b"ASK {}", headers=sparql_query,
                                  types=RESULTS, true=True),
        "query_dataset_default_graphs_get": Case("GET", ask_types(two, [D1, D2]), types=RESULTS, true=True),
        "query_dataset_default_graphs_post": Case("POST", form=ask_types(two, [D1, D2]), types=RESULTS, true=True),
        "query_dataset_named_graphs_post": Case("POST", form=ask_types(named, ng=[D1, D2]), types=RESULTS, true=True),
        "query_dataset_named_graphs_get": Case("GET", ask_types(named, ng=[D1, D2]), types=RESULTS, true=True),
        "query_dataset_full": Case("POST", form=ask_types(full, [D3], [D1, D2]), types=RESULTS, true=True),
        "query_multiple_dataset": Case("POST", form=ask_types(multiple, ng=[D1, D2]), types=RESULTS, true=True),
        "query_content_type_select": Case("POST", form=ask_types("SELECT (1 AS ?value) {}", [D0]), types=SELECT_TYPES),
        "query_content_type_ask": Case("POST", form=ask_types("ASK {}", [D0]), types=RESULTS),
        "query_content_type_describe": Case("POST", form=ask_types("DESCRIBE <http://example.org/>", [D0]),
                                            types=RDF_TYPES),
        "query_content_type_construct": Case("POST", form=ask_types("CONSTRUCT { <s> <p> 1 } WHERE {}", [D0]),
                                             types=RDF_TYPES),
        "bad_query_method": Case("PUT", ask_types("ASK {}", [D0]), body=b"", expect="error"),
        "bad_multiple_queries": Case("GET", [("query", "ASK {}"), ("query", "SELECT * {}"), ("default-graph-uri", D0)],
                                     expect="error"),
        "bad_query_wrong_media_type": Case("POST", [("default-graph-uri", D0)], body=b"ASK {}",
                                           headers={"Content-Type": "text/plain"}, expect="error"),
        "bad_query_missing_form_type": Case("POST", body=b"query=ASK%20%7B%7D&default-graph-uri="
                                            b"http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
                                            expect="error"),
        "bad_query_missing_direct_type": Case("POST", [("default-graph-uri", D0)], body=b"ASK {}", expect="error"),
        "bad_query_non_utf8": Case("POST", [("default-graph-uri", D0)], body="ASK {}".encode("utf-16"),
                                   headers={"Content-Type": "application/sparql-query; charset=UTF-16"}, expect="error"),
        "bad_query_syntax": Case("GET", ask_types("ASK {", [D0]), expect="error"),
    }


CASES = {**_queries(), **_updates()}
COUNT = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"


def manifest_entries() -> list[str]:
    graph = Graph().parse(HERE / "manifest.ttl", format="turtle")
    manifest = next(graph.subjects(MF.entries, None))
    return [str(entry).rsplit("#", 1)[1] for entry in Collection(graph, graph.value(manifest, MF.entries))]


ENTRIES = manifest_entries()


@pytest.fixture(scope="module")
def server():
    settings = Settings(data_dir=HERE / "data", allow_invalid=True, query_timeout=5.0)
    app = create_app(settings, store=make_store(load(settings), settings))
    with LiveServer(app) as url:
        yield url + "/sparql"
    app.extensions["publisher"].store.close()


def test_manifest_lists_the_suite():
    assert len(ENTRIES) == 34 and all(name in CASES for name in ENTRIES)


@pytest.mark.parametrize("name", ENTRIES)
def test_protocol(server, name):
    case = CASES[name]
    before = _count(server) if case.expect == "refused" else None
    response = send(server, case)
    if case.expect == "error":
        assert 400 <= response.status_code < 500, response.text  # the validator allows 5xx; we do not
        return
    if case.expect == "refused":
        assert response.status_code == 400 and "read-only" in response.json()["message"]
        assert _count(server) == before
        return
    assert 200 <= response.status_code < 400, response.text
    media_type = response.headers["Content-Type"].split(";")[0].strip()
    assert media_type in case.types
    if case.true:
        assert _boolean(response.content, media_type) is True


def send(server: str, case: Case) -> requests.Response:
    return requests.request(case.method, server, params=case.params, data=case.form if case.form is not None
                            else case.body, headers={"Accept": "*/*", **case.headers}, timeout=10)


def _boolean(body: bytes, media_type: str) -> bool:
    if media_type.endswith("json"):
        return json.loads(body)["boolean"]
    return minidom.parseString(body).getElementsByTagName("boolean")[0].firstChild.data == "true"


def _count(server: str) -> int:
    response = requests.get(server, params={"query": COUNT}, headers={"Accept": "application/sparql-results+json"})
    return int(response.json()["results"]["bindings"][0]["n"]["value"])
