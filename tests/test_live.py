"""The same behaviour over real HTTP (waitress on an ephemeral port), with real clients:
requests (curl-like), rdflib's own dereferencing (follows the 303 with its RDF Accept)."""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from publisher import jsonld
from tests.rdfcompare import BASE, as_graph
from tests.test_negotiate import CHROME, COMUNICA, CURL, JENA

HEFCE = BASE + "id/organisation/hefce"


@pytest.fixture(scope="module")
def http():
    with requests.Session() as session:
        yield session


def test_303_like_curl_i(fixture_live_server, http):
    response = http.head(f"{fixture_live_server}/id/organisation/hefce", allow_redirects=False,
                         headers={"Accept": CURL})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/doc/organisation/hefce")
    assert "Accept" in response.headers["Vary"]


def test_follow_303_and_negotiate(fixture_live_server, http):
    response = http.get(f"{fixture_live_server}/id/organisation/hefce", headers={"Accept": JENA})
    assert response.history[0].status_code == 303
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/turtle")
    assert response.headers["Content-Location"] == "/doc/organisation/hefce.ttl"


@pytest.mark.parametrize("accept,expected", [(COMUNICA, "application/n-quads"), (CHROME, "text/html"),
                                             ("application/rdf+xml", "application/rdf+xml")])
def test_real_accept_headers(fixture_live_server, http, accept, expected):
    response = http.get(f"{fixture_live_server}/doc/organisation/hefce", headers={"Accept": accept})
    if expected == "text/html" and not response.headers["Content-Type"].startswith("text/html"):
        pytest.skip("publisher.pages does not serve HTML yet")
    assert response.headers["Content-Type"].startswith(expected)


def test_rdflib_dereferences_the_thing(fixture_live_server):
    """rdflib sends its own Accept for Turtle, follows the 303 and parses what it gets."""
    graph = Graph().parse(f"{fixture_live_server}/id/organisation/hefce", format="turtle")
    assert (URIRef(HEFCE), None, None) in graph


def test_all_formats_same_graph_over_http(fixture_live_server, http):
    graphs = []
    for suffix in ("ttl", "nt", "rdf", "jsonld", "trig", "nq"):
        response = http.get(f"{fixture_live_server}/doc/organisation/hefce.{suffix}")
        assert response.status_code == 200
        graphs.append(as_graph(response.content, response.headers["Content-Type"]))
    assert all(isomorphic(graphs[0], g) for g in graphs[1:])


def test_406_and_404(fixture_live_server, http):
    assert http.get(f"{fixture_live_server}/doc/organisation/hefce", headers={"Accept": "image/png"}).status_code == 406
    missing = http.get(f"{fixture_live_server}/id/organisation/nobody", headers={"Accept": CURL})
    assert missing.status_code == 404 and missing.json()["status"] == 404


def test_etag_304_over_http(fixture_live_server, http):
    url = f"{fixture_live_server}/doc/organisation/hefce.ttl"
    first = http.get(url)
    again = http.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_gzip_dump_over_http(live_server, http):
    """requests sends Accept-Encoding: gzip and decodes it; the checksum in /dataset is of the
    decoded bytes."""
    response = http.get(f"{live_server}/dataset.nq")
    assert response.headers["Content-Encoding"] == "gzip"
    raw = http.get(f"{live_server}/dataset.nq", headers={"Accept-Encoding": "gzip"}, stream=True).raw.read()
    assert gzip.decompress(raw) == response.content
    void = as_graph(http.get(f"{live_server}/dataset", headers={"Accept": "text/turtle"}).content, "text/turtle")
    digest = hashlib.sha256(response.content).hexdigest()
    assert digest in {str(o) for o in void.objects()}


def test_context_over_http_with_cors(fixture_live_server, http):
    response = http.get(f"{fixture_live_server}/context.jsonld", headers={"Origin": "https://example.org"})
    assert response.headers["Content-Type"].startswith("application/ld+json")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.json() == jsonld.context_document()


def test_jsonld_expands_with_the_published_context(fixture_live_server, http):
    """A client that fetches /context.jsonld (in place of the canonical URL) gets the same graph."""
    context = http.get(f"{fixture_live_server}/context.jsonld").json()
    document = http.get(f"{fixture_live_server}/doc/organisation/hefce.jsonld").json()
    document["@context"] = context["@context"]
    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    turtle = http.get(f"{fixture_live_server}/doc/organisation/hefce.ttl").content
    assert isomorphic(graph, as_graph(turtle, "text/turtle"))


def test_bundled_data_served_live(live_server, http):
    response = http.get(f"{live_server}/sitemap.xml")
    assert response.status_code == 200 and f"{live_server}/doc/" in response.text
