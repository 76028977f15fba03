"""Test helper: parse any served representation into one rdflib Graph, and list the things."""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Dataset, Graph

from publisher import jsonld

RDFLIB_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
                  "application/trig": "trig", "application/n-quads": "nquads",
                  "application/ld+json": "json-ld"}
BASE = "https://w3id.org/leading-places/"


def media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip()


def as_graph(body: bytes, content_type: str, base_uri: str = BASE) -> Graph:
    """The triples of a response body; a dataset (TriG, N-Quads) as the union of its graphs;
    JSON-LD expanded with our context, locally (never fetched)."""
    fmt = RDFLIB_FORMATS[media_type(content_type)]
    if fmt == "json-ld":
        return Graph().parse(data=jsonld.to_nquads(json.loads(body), base_uri), format="nquads")
    if fmt in ("trig", "nquads"):
        dataset = Dataset()
        dataset.parse(data=body, format=fmt)
        union = Graph()
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return Graph().parse(data=body, format=fmt)


def things(app, limit: int | None = None) -> list[str]:
    """Every IRI under {base}id/ that is the subject of a data statement, sorted."""
    publisher = app.extensions["publisher"]
    prefix = publisher.settings.base_uri + "id/"
    found = sorted({q.subject.value for q in publisher.store.quads()
                    if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(prefix)})
    return found[:limit] if limit else found


def doc_path(app, iri: str) -> str:
    base = app.extensions["publisher"].settings.base_uri
    return "/doc/" + iri.removeprefix(base + "id/")
