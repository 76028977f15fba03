"""/id/ (303), /doc/ (negotiated descriptions), /def/ (terms and the ontology)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from publisher.formats import DESCRIPTION_FORMATS
from tests.rdfcompare import BASE, as_graph, doc_path, things
from tests.test_negotiate import CHROME, COMUNICA, CURL, FIREFOX, JENA, SAFARI, SPARQLWRAPPER_JSONLD

HEFCE = BASE + "id/organisation/hefce"
RDF_FORMATS = [f for f in DESCRIPTION_FORMATS if f.is_rdf]


def expected_graph(app, iri: str) -> Graph:
    """What /doc/ should say: the store's description, as one graph."""
    description = app.extensions["publisher"].store.describe(iri)
    return as_graph(ox.serialize(description.triples(), format=ox.RdfFormat.N_TRIPLES), "application/n-triples")


def test_id_answers_303_to_doc(fixture_client):
    response = fixture_client.get("/id/organisation/hefce")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/doc/organisation/hefce")
    assert "Accept" in response.headers["Vary"]


def test_head_of_id_is_303(fixture_client):
    response = fixture_client.head("/id/organisation/hefce")
    assert response.status_code == 303 and response.data == b""


@pytest.mark.parametrize("path", ["/id/organisation/no-such-thing", "/doc/organisation/no-such-thing",
                                  "/doc/organisation/no-such-thing.ttl", "/def/NoSuchTerm",
                                  "/id/nonsense", "/doc/organisation/hefce.docx"])
def test_unknown_is_404_in_the_negotiated_format(fixture_client, path):
    response = fixture_client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json["status"] == 404


def test_404_for_a_browser_is_html(fixture_client):
    response = fixture_client.get("/id/organisation/no-such-thing", headers={"Accept": FIREFOX})
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_406_lists_the_offered_types(fixture_client):
    response = fixture_client.get("/doc/organisation/hefce", headers={"Accept": "image/png"})
    assert response.status_code == 406
    body = response.get_data(as_text=True)
    for fmt in RDF_FORMATS:
        assert fmt.media_type in body


@pytest.mark.parametrize("fmt", RDF_FORMATS, ids=lambda f: f.name)
def test_every_format_by_suffix_and_by_accept_gives_the_same_graph(fixture_app, fixture_client, fmt):
    expected = expected_graph(fixture_app, HEFCE)
    assert len(expected) > 10
    by_suffix = fixture_client.get(f"/doc/organisation/hefce.{fmt.suffix}")
    by_accept = fixture_client.get("/doc/organisation/hefce", headers={"Accept": fmt.media_type})
    for response in (by_suffix, by_accept):
        assert response.status_code == 200
        assert response.mimetype == fmt.media_type
        assert isomorphic(as_graph(response.data, response.content_type), expected)
    assert by_accept.headers["Content-Location"] == f"/doc/organisation/hefce.{fmt.suffix}"


def test_every_thing_in_every_format_is_the_same_graph(app, client):
    for iri in things(app, limit=40):
        expected = expected_graph(app, iri)
        for fmt in RDF_FORMATS:
            response = client.get(f"{doc_path(app, iri)}.{fmt.suffix}")
            assert response.status_code == 200, (iri, fmt.name)
            assert isomorphic(as_graph(response.data, response.content_type), expected), (iri, fmt.name)


def test_description_holds_own_incoming_and_labels(fixture_app, fixture_client):
    graph = as_graph(fixture_client.get("/doc/organisation/hefce.nt").data, "application/n-triples")
    hefce, label = URIRef(HEFCE), URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    ofs = URIRef(BASE + "id/organisation/office-for-students")
    assert (ofs, URIRef("http://purl.org/dc/terms/replaces"), hefce) in graph  # points to it
    assert (hefce, URIRef("http://purl.org/dc/terms/isReplacedBy"), ofs) in graph  # its own
    assert graph.value(ofs, label) is not None  # a label for the linked thing


def test_blank_node_closure(fixture_client):
    graph = as_graph(fixture_client.get("/doc/membership/greg-wade-uuk.ttl").data, "text/turtle")
    years = list(graph.objects(None, URIRef("http://www.w3.org/2006/time#inXSDgYear")))
    assert [str(y) for y in years] == ["2017"]


def test_trig_keeps_the_source_graphs(fixture_client):
    body = fixture_client.get("/doc/organisation/hefce.nq").get_data(as_text=True)
    assert f"<{BASE}graph/fixture-lga-hub>" in body and f"<{BASE}graph/fixture-hefce-closure>" in body


@pytest.mark.parametrize("accept,expected", [
    (CURL, "text/turtle"), (None, "text/turtle"), (JENA, "text/turtle"),
    (SPARQLWRAPPER_JSONLD, "application/ld+json"), (COMUNICA, "application/n-quads")])
def test_clients_get_what_they_ask_for(fixture_client, accept, expected):
    headers = {"Accept": accept} if accept else {}
    response = fixture_client.get("/doc/organisation/hefce", headers=headers)
    assert response.status_code == 200 and response.mimetype == expected


@pytest.mark.parametrize("accept", [FIREFOX, CHROME, SAFARI])
def test_browsers_get_html(fixture_client, accept):
    response = fixture_client.get("/doc/organisation/hefce", headers={"Accept": accept})
    if "text/html" not in response.headers.get("Link", "") and response.mimetype != "text/html":
        pytest.skip("publisher.pages does not offer description_page yet")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Content-Location"] == "/doc/organisation/hefce.html"


def test_link_headers(fixture_client):
    response = fixture_client.get("/doc/organisation/hefce.ttl")
    link = response.headers["Link"]
    assert f'<{HEFCE}>; rel="canonical"' in link
    assert '</doc/organisation/hefce.jsonld>; rel="alternate"; type="application/ld+json"' in link
    assert "hefce.ttl>" not in link  # the other formats only
    assert response.headers["Vary"] == "Accept"
    assert response.headers["Content-Location"] == "/doc/organisation/hefce.ttl"


def test_rdf_uses_canonical_uris_on_any_host(fixture_client):
    body = fixture_client.get("/doc/organisation/hefce.nt", base_url="http://example.test").get_data(as_text=True)
    assert f"<{HEFCE}>" in body and "example.test" not in body


def test_concept_schemes_are_things(fixture_client):
    assert fixture_client.get("/id/theme/health-innovation").status_code == 303
    response = fixture_client.get("/doc/theme/health-innovation.ttl")
    assert response.status_code == 200 and b"Health innovation" in response.data
    assert fixture_client.get("/id/theme").status_code == 303
    assert fixture_client.get("/doc/role.ttl").status_code == 200


def test_ontology_term_is_described_without_303(fixture_client):
    response = fixture_client.get("/def/Partnership", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = as_graph(response.data, response.content_type)
    assert (URIRef(BASE + "def/Partnership"), None, None) in graph
    assert response.headers["Content-Location"] == "/def/Partnership.ttl"
    suffixed = fixture_client.get("/def/Partnership.jsonld")
    assert isomorphic(as_graph(suffixed.data, suffixed.content_type), graph)


def test_ontology_document(fixture_client):
    response = fixture_client.get("/def/", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = as_graph(response.data, response.content_type)
    assert (URIRef(BASE + "def/"), None, None) in graph and len(graph) > 100
    assert isomorphic(as_graph(fixture_client.get("/def.nt").data, "application/n-triples"), graph)
    assert fixture_client.get("/def").status_code in (301, 308)


def test_describe_costs_no_sparql_parse(fixture_app, fixture_client):
    """Serving /doc/ from the embedded store reads quad patterns, never store.query."""
    store = fixture_app.extensions["publisher"].store
    real = store._store

    class NoQuery:
        def __getattr__(self, name):
            if name == "query":
                raise AssertionError("a SPARQL query was run while serving a description")
            return getattr(real, name)

    store._store = NoQuery()
    try:
        for suffix in ("ttl", "jsonld", "nq"):
            response = fixture_client.get(f"/doc/organisation/research-england.{suffix}")
            assert response.status_code == 200
    finally:
        store._store = real


def test_rendered_representations_are_cached(fixture_app, fixture_client):
    from publisher.httpcache import site_of

    cache = site_of(fixture_app).representations
    fixture_client.get("/doc/organisation/uuk.ttl")
    hits = cache.hits
    fixture_client.get("/doc/organisation/uuk.ttl")
    assert cache.hits == hits + 1


def test_script_literal_is_escaped_in_html(fixture_client):
    """The fixture document's title holds a <script> element: the page shows it as text."""
    response = fixture_client.get("/doc/document/fixture-hostile-page", headers={"Accept": FIREFOX})
    if response.mimetype != "text/html":
        pytest.skip("publisher.pages does not offer description_page yet")
    body = response.get_data(as_text=True)
    assert "<script>alert(" not in body
    assert "&lt;script&gt;" in body
    turtle = fixture_client.get("/doc/document/fixture-hostile-page.ttl").get_data(as_text=True)
    assert "<script>alert('x')</script>" in turtle  # the data itself is unchanged
