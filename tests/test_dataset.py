"""/dataset (VoID + DCAT), the dumps, /graph/, the Graph Store Protocol (read side), the home
page, robots.txt and sitemap.xml."""

from __future__ import annotations

import gzip
import hashlib
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from publisher.formats import DATASET_DUMP_FORMATS
from tests.rdfcompare import BASE, as_graph, things
from tests.test_negotiate import CURL, FIREFOX

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
DATASET = URIRef(BASE + "dataset")


@pytest.fixture(scope="module")
def void_graph(client) -> Graph:
    response = client.get("/dataset", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    return as_graph(response.data, response.content_type)


def data_quads(app) -> list[ox.Quad]:
    return app.extensions["publisher"].store.quads()


def int_value(graph: Graph, subject, predicate) -> int:
    return int(graph.value(subject, predicate))


def test_void_counts_are_true(app, void_graph):
    quads = data_quads(app)
    distinct = {q.triple for q in quads}
    assert int_value(void_graph, DATASET, VOID.triples) == len(distinct)
    graphs = app.extensions["publisher"].store.data_graphs()
    assert {str(s) for s in void_graph.objects(DATASET, VOID.subset)} == set(graphs)
    for graph in graphs:
        own = {q.triple for q in quads if q.graph_name.value == graph}
        assert int_value(void_graph, URIRef(graph), VOID.triples) == len(own)


def test_void_class_partitions_and_vocabularies(app, void_graph):
    quads = data_quads(app)
    types = {(q.subject, q.object.value) for q in quads if q.predicate.value.endswith("#type")}
    for partition in void_graph.objects(DATASET, VOID.classPartition):
        cls = str(void_graph.value(partition, VOID["class"]))
        assert int_value(void_graph, partition, VOID.entities) == sum(1 for _, c in types if c == cls)
    vocabularies = {str(v) for v in void_graph.objects(DATASET, VOID.vocabulary)}
    assert "http://www.w3.org/ns/org#" in vocabularies and BASE + "def/" in vocabularies


def test_void_says_licence_endpoint_examples_and_sources(app, void_graph):
    assert (DATASET, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in void_graph
    assert (DATASET, VOID.sparqlEndpoint, URIRef(BASE + "sparql")) in void_graph
    examples = list(void_graph.objects(DATASET, VOID.exampleResource))
    assert examples and all(str(e) in things(app) for e in examples)
    for graph in void_graph.objects(DATASET, VOID.subset):
        assert void_graph.value(graph, PROV.wasDerivedFrom) is not None, graph


@pytest.mark.parametrize("fmt", DATASET_DUMP_FORMATS, ids=lambda f: f.suffix)
def test_dump_checksum_and_size_match_the_void(client, void_graph, fmt):
    body = client.get(f"/dataset.{fmt.suffix}", headers={"Accept-Encoding": "identity"}).data
    dump = URIRef(f"{BASE}dataset.{fmt.suffix}")
    assert (DATASET, VOID.dataDump, dump) in void_graph
    assert (DATASET, DCAT.distribution, dump) in void_graph
    assert int_value(void_graph, dump, DCAT.byteSize) == len(body)
    checksum = void_graph.value(dump, SPDX.checksum)
    assert void_graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
    assert str(void_graph.value(checksum, SPDX.checksumValue)) == hashlib.sha256(body).hexdigest()


@pytest.mark.parametrize("fmt", DATASET_DUMP_FORMATS, ids=lambda f: f.suffix)
def test_dumps_parse_and_hold_the_data(app, client, fmt):
    response = client.get(f"/dataset.{fmt.suffix}")
    assert response.status_code == 200 and response.mimetype == fmt.media_type
    union = Graph()
    for q in data_quads(app):
        union.parse(data=ox.serialize([q.triple], format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert isomorphic(as_graph(response.data, response.content_type), union)


def test_quad_dumps_keep_the_graphs(app, client):
    dataset = Dataset()
    dataset.parse(data=client.get("/dataset.nq").data, format="nquads")
    graphs = app.extensions["publisher"].store.data_graphs()
    for graph in graphs:
        assert len(dataset.graph(URIRef(graph))) == sum(1 for q in data_quads(app) if q.graph_name.value == graph)


@pytest.mark.parametrize("suffix", ["ttl", "nq"])
def test_dumps_are_gzipped_when_accepted(client, suffix):
    plain = client.get(f"/dataset.{suffix}")
    zipped = client.get(f"/dataset.{suffix}", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data
    assert zipped.headers["ETag"] != plain.headers["ETag"]
    assert "Accept-Encoding" in zipped.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    refused = client.get(f"/dataset.{suffix}", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers


def test_dumps_are_computed_once(app, client):
    from publisher.httpcache import site_of

    client.get("/dataset.ttl")
    first = site_of(app).once("dumps", lambda: None)
    client.get("/dataset.nt", headers={"Accept-Encoding": "gzip"})
    assert site_of(app).once("dumps", lambda: None) is first


def test_unknown_dump_is_404(client):
    assert client.get("/dataset.docx").status_code == 404


def test_dataset_is_negotiated_and_suffixed(fixture_client):
    by_accept = fixture_client.get("/dataset", headers={"Accept": "application/ld+json"})
    assert by_accept.headers["Content-Location"] == "/dataset/void.jsonld"
    by_suffix = fixture_client.get("/dataset/void.nt")
    assert isomorphic(as_graph(by_accept.data, by_accept.content_type), as_graph(by_suffix.data, "application/n-triples"))
    assert f'<{BASE}dataset>; rel="canonical"' in by_suffix.headers["Link"]


def test_dataset_html(fixture_client):
    response = fixture_client.get("/dataset", headers={"Accept": FIREFOX})
    if response.mimetype != "text/html":
        pytest.skip("publisher.pages has no dataset_page yet")
    assert response.status_code == 200


def test_well_known_void_redirects(fixture_client):
    response = fixture_client.get("/.well-known/void")
    assert response.status_code in (301, 302, 303, 307, 308)
    assert response.headers["Location"].endswith("/dataset")


def test_graph_page_and_formats(fixture_app, fixture_client):
    iri = BASE + "graph/fixture-lga-hub"
    quads = fixture_app.extensions["publisher"].store.quads(iri)
    response = fixture_client.get("/graph/fixture-lga-hub", headers={"Accept": "application/n-quads"})
    assert response.status_code == 200
    assert len(as_graph(response.data, response.content_type)) == len(quads)
    assert f"<{iri}> ." in response.get_data(as_text=True)  # the quads keep their graph
    assert fixture_client.get("/graph/fixture-lga-hub.ttl").status_code == 200
    assert fixture_client.get("/graph/no-such-graph").status_code == 404


def test_graph_store_protocol_read_side(fixture_app, fixture_client):
    iri = BASE + "graph/fixture-hefce-closure"
    named = fixture_client.get(f"/graph-store?graph={iri}", headers={"Accept": "text/turtle"})
    assert named.status_code == 200 and named.mimetype == "text/turtle"
    own = fixture_app.extensions["publisher"].store.quads(iri)
    assert len(as_graph(named.data, named.content_type)) == len(own)
    default = fixture_client.get("/graph-store?default", headers={"Accept": "application/n-triples"})
    distinct = {q.triple for q in fixture_app.extensions["publisher"].store.quads()}
    assert len(as_graph(default.data, default.content_type)) == len(distinct)
    local = fixture_client.get("/graph-store?graph=http://localhost/graph/fixture-hefce-closure")
    assert local.status_code == 200


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE", "PATCH"])
def test_graph_store_is_read_only(fixture_client, method):
    response = fixture_client.open(f"/graph-store?graph={BASE}graph/fixture-lga-hub", method=method,
                                   data="<a:b> <a:c> <a:d> .", content_type="text/turtle")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"] and "PUT" not in response.headers["Allow"]


@pytest.mark.parametrize("query", ["", "?graph=https://example.org/nothing", "?default&graph=x"])
def test_graph_store_bad_or_unknown(fixture_client, query):
    response = fixture_client.get(f"/graph-store{query}")
    assert response.status_code == (404 if "example.org" in query else 400)


def test_home_page_and_rdf_clients(fixture_client):
    html = fixture_client.get("/", headers={"Accept": FIREFOX})
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert fixture_client.get("/", headers={"Accept": CURL}).mimetype == "text/html"
    rdf = fixture_client.get("/", headers={"Accept": "text/turtle"})
    assert rdf.status_code == 303 and rdf.headers["Location"].endswith("/dataset")
    assert "Accept" in rdf.headers["Vary"]


def test_robots_txt_points_at_the_sitemap(fixture_client):
    body = fixture_client.get("/robots.txt", base_url="https://lp.example").get_data(as_text=True)
    assert "User-agent: *" in body and "Allow: /" in body
    assert "Sitemap: https://lp.example/sitemap.xml" in body


def test_sitemap_lists_every_document_on_the_asked_host(fixture_app, fixture_client):
    response = fixture_client.get("/sitemap.xml", base_url="https://lp.example")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {e.text for e in ET.fromstring(response.data).findall("s:url/s:loc", ns)}
    for iri in things(fixture_app):
        assert "https://lp.example/doc/" + iri.removeprefix(BASE + "id/") in locs
    assert "https://lp.example/doc/theme/health-innovation" in locs  # concepts from the ontology
    assert all(loc.startswith("https://lp.example/") for loc in locs)
    for loc in list(locs)[:10]:
        assert fixture_client.get(loc.removeprefix("https://lp.example")).status_code == 200, loc


def test_literal_language_and_datatype_survive_in_the_dumps(fixture_client):
    graph = as_graph(fixture_client.get("/dataset.ttl").data, "text/turtle")
    hefce = URIRef(BASE + "id/organisation/hefce")
    assert Literal("2018-03-31", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")) in set(
        graph.objects(hefce, URIRef("https://schema.org/dissolutionDate")))
