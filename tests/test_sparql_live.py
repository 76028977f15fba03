"""/sparql over real HTTP: SPARQLWrapper in every format by GET and POST, and the three safety
proofs: no request ever reaches a canary server, an update changes nothing, and a runaway query
is stopped within the timeout while the site goes on answering.

The app here skips SHACL validation (tests/test_validate_cli.py covers it) and uses a 2-second
query timeout, so the live server starts in about a second.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from rdflib import Graph
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

from publisher.app import create_app, make_store
from publisher.load import load
from tests.conftest import LiveServer, bundled_settings

TIMEOUT = 2.0
BASE = "https://w3id.org/leading-places/"
HEFCE = BASE + "id/organisation/hefce"
SELECT = f"SELECT ?p ?o WHERE {{ <{HEFCE}> ?p ?o }} ORDER BY ?p ?o"
ASK = f"ASK {{ <{HEFCE}> ?p ?o }}"
CONSTRUCT = f"CONSTRUCT {{ <{HEFCE}> ?p ?o }} WHERE {{ <{HEFCE}> ?p ?o }}"
DESCRIBE = f"DESCRIBE <{HEFCE}>"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def app():
    settings = bundled_settings().with_(query_timeout=TIMEOUT, allow_invalid=True)
    application = create_app(settings, store=make_store(load(settings), settings))
    yield application
    application.extensions["publisher"].store.close()


@pytest.fixture(scope="module")
def server(app):
    with LiveServer(app) as url:
        yield url


def wrapper(server, query, fmt, method="GET", request_method=URLENCODED):
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setRequestMethod(request_method)
    return client.query()


METHODS = [("GET", URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)]
METHOD_IDS = ["get", "post-form", "post-direct"]


# --- SPARQLWrapper ----------------------------------------------------------------------------

@pytest.mark.parametrize("method, request_method", METHODS, ids=METHOD_IDS)
@pytest.mark.parametrize("fmt, media_type", [(JSON, "application/sparql-results+json"),
                                             (XML, "application/sparql-results+xml"),
                                             (CSV, "text/csv"), (TSV, "text/tab-separated-values")])
def test_select_in_every_results_format(server, fmt, media_type, method, request_method):
    response = wrapper(server, SELECT, fmt, method, request_method)
    assert response.info()["content-type"].startswith(media_type)
    converted = response.convert()
    if fmt == JSON:
        assert converted["head"]["vars"] == ["p", "o"] and len(converted["results"]["bindings"]) > 3
    elif fmt == XML:
        assert len(converted.getElementsByTagName("result")) > 3
    else:
        text = converted.decode()
        assert text.splitlines()[0] == ("p,o" if fmt == CSV else "?p\t?o")
        assert "hefce" in text.lower()


@pytest.mark.parametrize("method, request_method", METHODS, ids=METHOD_IDS)
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_ask_in_every_results_format(server, fmt, method, request_method):
    converted = wrapper(server, ASK, fmt, method, request_method).convert()
    if fmt == JSON:
        assert converted["boolean"] is True
    elif fmt == XML:
        assert converted.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert converted.strip() == b"true"


@pytest.mark.parametrize("method, request_method", METHODS, ids=METHOD_IDS)
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
@pytest.mark.parametrize("fmt, media_type, rdflib_format", [
    (TURTLE, "text/turtle", "turtle"), (RDFXML, "application/rdf+xml", "xml"),
    (JSONLD, "application/ld+json", "json-ld"), ("n-triples", "application/n-triples", "nt"),
])
def test_graph_forms_in_every_rdf_format(server, query, fmt, media_type, rdflib_format, method, request_method):
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(query)
    client.setMethod(method)
    client.setRequestMethod(request_method)
    if fmt == "n-triples":  # SPARQLWrapper has no N-Triples constant: plain content negotiation
        client.setReturnFormat(N3)
        client.setOnlyConneg(True)
        client.addCustomHttpHeader("Accept", media_type)
    else:
        client.setReturnFormat(fmt)
    response = client.query()
    assert response.info()["content-type"].startswith(media_type)
    graph = Graph().parse(data=response.response.read(), format=rdflib_format)
    expected = Graph().parse(data=requests.get(server + "/sparql", params={"query": query},
                                               headers={"Accept": "application/n-triples"}).text, format="nt")
    assert len(graph) > 3 and isomorphic(graph, expected)


def test_format_parameter_and_accept_agree(server):
    by_param = requests.get(server + "/sparql", params={"query": SELECT, "output": "csv"})
    by_accept = requests.get(server + "/sparql", params={"query": SELECT}, headers={"Accept": "text/csv"})
    assert by_param.headers["Content-Type"].startswith("text/csv") and by_param.text == by_accept.text


def test_default_format_for_any_client(server):
    response = requests.get(server + "/sparql", params={"query": SELECT}, headers={"Accept": "*/*"})
    assert response.headers["Content-Type"].startswith("application/sparql-results+json")
    assert "Accept" in response.headers["Vary"]


def test_results_format_refused_for_construct_by_form_not_text(server):
    """The word SELECT in the query text must not make a CONSTRUCT a results query."""
    query = f'CONSTRUCT {{ <{HEFCE}> <http://example.org/note> "SELECT ?x" }} WHERE {{}}'
    response = requests.get(server + "/sparql", params={"query": query},
                            headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 406


# --- safety: no network, no file -------------------------------------------------------------

class Canary:
    """A real HTTP server on loopback that records every request it gets."""

    def __init__(self) -> None:
        requests_seen = self.requests = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                requests_seen.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/turtle")
                self.end_headers()
                self.wfile.write(b"<http://example.org/canary> <http://example.org/p> 1 .\n")

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def canary():
    bird = Canary()
    yield bird
    bird.close()


def test_canary_records_requests(canary):
    """The canary itself works: a request that does reach it is seen."""
    requests.get(canary.url + "/check")
    assert canary.requests == ["/check"]
    canary.requests.clear()


def _reaching_out(url):
    return [
        ({"query": f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"}, "SERVICE"),
        ({"query": f"SELECT * WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}"}, "SERVICE"),
        ({"query": f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}/q> {{ ?s ?p ?o }} }} }} }}"}, "SERVICE"),
        ({"query": f"SELECT * FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}"}, f"{url}/data.ttl"),
        ({"query": f"SELECT * FROM NAMED <{url}/named.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"}, f"{url}/named.ttl"),
        ({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "default-graph-uri": f"{url}/default.ttl"}, f"{url}/default.ttl"),
        ({"query": "ASK { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": f"{url}/named.ttl"}, f"{url}/named.ttl"),
        ({"query": f"LOAD <{url}/load.ttl>"}, "read-only"),
        ({"update": f"LOAD <{url}/load.ttl>"}, "read-only"),
    ]


@pytest.mark.parametrize("case", range(9))
def test_no_query_reaches_the_network(server, canary, case):
    params, named = _reaching_out(canary.url)[case]
    for method in ("GET", "POST"):
        kwargs = {"params": params} if method == "GET" else {"data": params}
        response = requests.request(method, server + "/sparql", headers={"Accept": "application/json"}, **kwargs)
        assert response.status_code == 400, response.text
        assert named in response.json()["message"]
    time.sleep(0.2)  # give a stray request time to land
    assert canary.requests == []


@pytest.mark.parametrize("update", [
    "DROP ALL", "CLEAR DEFAULT", "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }",
    "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", "LOAD <{canary}/load.ttl> INTO GRAPH <urn:loaded>",
])
def test_updates_change_nothing(server, canary, update):
    before = _count(server)
    update = update.replace("{canary}", canary.url)
    attempts = [
        requests.post(server + "/sparql", data={"update": update}),
        requests.post(server + "/sparql", data=update.encode(), headers={"Content-Type": "application/sparql-update"}),
        requests.post(server + "/sparql", data=update.encode(), headers={"Content-Type": "application/sparql-query"}),
        requests.get(server + "/sparql", params={"query": update}),
        requests.get(server + "/sparql", params={"update": update}),
    ]
    for response in attempts:
        assert response.status_code == 400
        assert "read-only" in response.json()["message"]
    assert _count(server) == before > 0
    assert canary.requests == []


def _count(server) -> int:
    response = requests.get(server + "/sparql", params={"query": COUNT_ALL}, headers={"Accept": "application/json"})
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


# --- safety: time -----------------------------------------------------------------------------

def test_runaway_query_is_stopped_while_pages_are_served(server):
    with ThreadPoolExecutor(max_workers=2) as pool:
        started = time.monotonic()
        runaway = pool.submit(requests.get, server + "/sparql", params={"query": CARTESIAN},
                              headers={"Accept": "application/json"}, timeout=30)
        time.sleep(0.3)
        page_started = time.monotonic()
        page = requests.get(server + "/doc/organisation/hefce", headers={"Accept": "text/turtle"}, timeout=10)
        page_time = time.monotonic() - page_started
        response = runaway.result()
        elapsed = time.monotonic() - started
    assert response.status_code == 503 and "seconds" in response.json()["message"]
    assert elapsed < TIMEOUT + 2
    assert page.status_code == 200 and page_time < 1.5
    # and the endpoint goes on answering queries
    assert _count(server) > 0


# --- limits and errors ------------------------------------------------------------------------

def test_long_query_gets_413(server, app):
    limit = app.extensions["publisher"].settings.max_query_length
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * limit
    assert requests.post(server + "/sparql", data={"query": query}).status_code == 413
    assert requests.post(server + "/sparql", data=query.encode(),
                         headers={"Content-Type": "application/sparql-query"}).status_code == 413


def test_malformed_query_gets_400_with_position(server):
    response = requests.get(server + "/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(\n}"},
                            headers={"Accept": "application/json"})
    body = response.json()
    assert response.status_code == 400 and (body["line"], body["column"]) == (3, 3)
    assert "line 3" in body["message"]


def test_truncated_results_are_signalled(app):
    from publisher.app import create_app as make

    settings = app.extensions["publisher"].settings.with_(max_rows=3)
    small = make(settings, store=make_store(load(settings), settings))
    try:
        client = small.test_client()
        response = client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"},
                              headers={"Accept": "application/sparql-results+json"})
        assert response.headers["X-Result-Truncated"] == "true" and response.headers["X-Result-Limit"] == "3"
        assert 'rel="help"' in response.headers["Link"]
        body = json.loads(response.data)
        assert len(body["results"]["bindings"]) == 3 and body["head"]["link"][0].endswith("#limits")
        construct = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                               headers={"Accept": "application/n-triples"})
        assert construct.headers["X-Result-Truncated"] == "true" and len(construct.data.splitlines()) == 3
        whole = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "application/json"})
        assert "X-Result-Truncated" not in whole.headers
    finally:
        small.extensions["publisher"].store.close()


# --- service description and the query page ---------------------------------------------------

def test_service_description(server):
    response = requests.get(server + "/sparql", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = f"<{BASE}sparql>"
    assert graph.query(f"ASK {{ {endpoint} <{sd}endpoint> {endpoint} ; <{sd}supportedLanguage> <{sd}SPARQL11Query> }}").askAnswer
    formats = {str(r[0]) for r in graph.query(f"SELECT ?f {{ ?s <{sd}resultFormat> ?f }}")}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats and "http://www.w3.org/ns/formats/Turtle" in formats
    names = {str(r[0]) for r in graph.query(f"SELECT ?n {{ ?s <{sd}defaultDataset>/<{sd}namedGraph>/<{sd}name> ?n }}")}
    assert BASE + "graph/ontology" in names and len(names) > 3
    assert graph.query(f"ASK {{ <{BASE}dataset> <http://rdfs.org/ns/void#sparqlEndpoint> {endpoint} }}").askAnswer


@pytest.mark.parametrize("accept", ["application/ld+json", "application/rdf+xml", "application/n-triples"])
def test_service_description_in_other_formats(server, accept):
    response = requests.get(server + "/sparql", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["Content-Type"].startswith(accept)


def test_query_page_without_javascript(server):
    page = requests.get(server + "/sparql", headers={"Accept": "text/html"}).text
    assert '<form class="sparql" method="get" action="/sparql">' in page and "PREFIX lp:" in page
    assert "<script src=\"http" not in page and "cdn" not in page.lower()
    example = requests.get(server + "/sparql", params={"query": SELECT}, headers={"Accept": "text/html"})
    assert example.status_code == 200 and "<table>" in example.text and "Permalink" in example.text
    assert "format=csv" in example.text


def test_results_table_escapes_everything(server):
    evil = '<script>alert("x")</script>'
    query = f'SELECT ?x ?y WHERE {{ BIND("{evil.replace(chr(34), chr(92) + chr(34))}" AS ?x) BIND(<javascript:alert(1)> AS ?y) }}'
    page = requests.get(server + "/sparql", params={"query": query}, headers={"Accept": "text/html"}).text
    assert evil not in page and "&lt;script&gt;alert(" in page
    assert 'href="javascript:' not in page


def test_query_page_shows_errors_in_place(server):
    response = requests.get(server + "/sparql", params={"query": "SELECT * {"}, headers={"Accept": "text/html"})
    assert response.status_code == 400 and "syntax error" in response.text and "SELECT * {" in response.text


def test_every_example_returns_rows(server):
    from publisher.sparql import EXAMPLES, prefix_declarations

    for example in EXAMPLES:
        response = requests.get(server + "/sparql", params={"query": prefix_declarations(BASE) + example.body},
                                headers={"Accept": "application/sparql-results+json"})
        assert response.status_code == 200, example.title
        assert response.json()["results"]["bindings"], example.title
