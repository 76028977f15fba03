"""JSON-LD: the published context, lossless compaction, profiles, no remote loading."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from pyld.jsonld import JsonLdError
from rdflib import Graph
from rdflib.compare import isomorphic

from publisher import jsonld
from tests.rdfcompare import BASE, as_graph, doc_path, things

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CONTEXT_URL = BASE + "context.jsonld"
PROFILE = "http://www.w3.org/ns/json-ld#"


def terms() -> dict[str, str]:
    """Context term -> the IRI it stands for (prefixes expanded)."""
    context = jsonld.context_document()["@context"]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("/", "#"))}

    def expand(value: str) -> str:
        prefix, colon, local = value.partition(":")
        return prefixes[prefix] + local if colon and prefix in prefixes else value

    found = {}
    for key, value in context.items():
        if key.startswith("@"):
            continue
        iri = value if isinstance(value, str) else value.get("@id", "")
        if not key.startswith("@") and not iri.startswith("@") and key not in prefixes:
            found[key] = expand(iri)
    return found


def description_graph(app, iri: str) -> Graph:
    triples = app.extensions["publisher"].store.describe(iri).triples()
    return as_graph(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), "application/n-triples")


def test_context_is_published(client):
    response = client.get("/context.jsonld")
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.data == jsonld.context_bytes()
    assert "ETag" in response.headers
    assert json.loads(response.data)["@context"]["replacedBy"]["@id"] == "dcterms:isReplacedBy"


def test_context_has_the_readable_keys():
    for key in ("name", "label", "startDate", "endDate", "hasMember", "replacedBy", "replaces", "inPhase",
                "member", "organization", "role", "homepage", "url"):
        assert key in terms(), key


def test_every_property_and_class_in_the_data_has_a_term(app):
    quads = app.extensions["publisher"].store.quads()
    used = {q.predicate.value for q in quads} - {RDF_TYPE}  # rdf:type is the keyword "type"
    used |= {q.object.value for q in quads if q.predicate.value == RDF_TYPE and isinstance(q.object, ox.NamedNode)}
    missing = sorted(used - set(terms().values()))
    assert not missing, f"add terms to publisher/static/context.jsonld for: {missing}"


def test_terms_are_unique():
    iris = list(terms().values())
    assert len(iris) == len(set(iris))


@pytest.mark.parametrize("profile", ["compacted", "expanded", "flattened"])
def test_every_thing_round_trips_through_the_context(app, client, profile):
    """Expanding what /doc/ sends, with /context.jsonld, gives exactly the description graph."""
    accept = f'application/ld+json;profile="{PROFILE}{profile}"'
    for iri in things(app):
        response = client.get(doc_path(app, iri), headers={"Accept": accept})
        assert response.status_code == 200
        assert f'profile="{PROFILE}{profile}"' in response.content_type
        document = json.loads(response.data)
        if profile != "expanded":
            assert document["@context"] == CONTEXT_URL
        assert isomorphic(as_graph(response.data, response.content_type), description_graph(app, iri)), iri


def test_compacted_is_the_default_and_uses_readable_keys(fixture_client):
    document = json.loads(fixture_client.get("/doc/organisation/hefce.jsonld").data)
    assert document["@context"] == CONTEXT_URL
    hefce = next(n for n in document["graph"] if n["id"] == BASE + "id/organisation/hefce")
    assert hefce["label"] == "Higher Education Funding Council for England"
    assert sorted(hefce["replacedBy"]) == [BASE + "id/organisation/office-for-students",
                                           BASE + "id/organisation/research-england"]
    assert "GovernmentBody" in hefce["type"]
    assert not [key for key in hefce if ":" in key], "every key is a term"


def test_rdflib_reads_it_with_the_context_inlined(fixture_app, fixture_client):
    document = json.loads(fixture_client.get("/doc/organisation/hefce.jsonld").data)
    document["@context"] = jsonld.context_document()["@context"]
    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    assert isomorphic(graph, description_graph(fixture_app, BASE + "id/organisation/hefce"))


def test_suffix_with_profile_in_accept(fixture_client):
    response = fixture_client.get("/doc/organisation/hefce.jsonld",
                                  headers={"Accept": f'application/ld+json;profile="{PROFILE}expanded"'})
    assert isinstance(json.loads(response.data), list)


def test_no_remote_context_is_ever_loaded():
    document = {"@context": "http://example.org/context.jsonld", "name": "x"}
    with pytest.raises(JsonLdError):
        jsonld.expand(document, BASE)
    loader = jsonld.document_loader(BASE)
    assert loader(CONTEXT_URL)["document"] == jsonld.context_document()
    with pytest.raises(JsonLdError):
        loader("https://schema.org/")


@pytest.mark.parametrize("profile", [None, "http://www.w3.org/ns/json-ld#flattened"])
def test_the_described_thing_comes_first(client, profile):
    accept = "application/ld+json" + (f'; profile="{profile}"' if profile else "")
    document = client.get("/doc/organisation/hefce", headers={"Accept": accept}).get_json()
    assert document["graph"][0]["id"] == "https://w3id.org/leading-places/id/organisation/hefce"
    assert "replacedBy" in document["graph"][0]
