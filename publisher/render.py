"""⑤ Statements x format -> bytes. RDF only: HTML pages come from ``publisher.pages``.

Graph formats (Turtle, N-Triples, RDF/XML, JSON-LD) carry triples: a statement made in two
source graphs appears once. Dataset formats (TriG, N-Quads) keep each quad in its graph, so the
provenance of every statement stays visible. Serialisation is pyoxigraph's (fast, streaming);
JSON-LD goes through ``publisher.jsonld`` for the context and profiles.
"""

from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox

from . import jsonld
from .formats import Format

PREFIXES = {
    "lp": "def/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "time": "http://www.w3.org/2006/time#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vann": "http://purl.org/vocab/vann/",
}
# One prefix per kind (DESIGN.md §1), relative to the base: organisation:hefce.
KINDS = ("programme", "phase", "partnership", "organisation", "person", "membership", "event",
         "document", "place", "theme", "role", "function")


def prefixes(base_uri: str) -> dict[str, str]:
    """The prefixes written in Turtle, TriG and RDF/XML (relative entries are under the base)."""
    table = {name: (iri if ":" in iri else base_uri + iri) for name, iri in PREFIXES.items()}
    table.update({kind: f"{base_uri}id/{kind}/" for kind in KINDS})
    table["graph"] = base_uri + "graph/"
    return table


def distinct_triples(statements: Iterable) -> list[ox.Triple]:
    """Each triple once, in first-seen order, whichever graphs state it."""
    seen: dict[ox.Triple, None] = {}
    for s in statements:
        seen.setdefault(s.triple if isinstance(s, ox.Quad) else s, None)
    return list(seen)


def distinct_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    return list(dict.fromkeys(quads))


def render(quads: Iterable[ox.Quad], fmt: Format, base_uri: str, profile: str | None = None,
           focus: str | None = None) -> bytes:
    """Serialise quads in ``fmt``: graph formats get the distinct triples, dataset formats the
    quads. ``profile`` is the JSON-LD profile (expanded, compacted, flattened); ``focus`` the
    IRI of the thing described, whose node comes first in JSON-LD."""
    if fmt.kind == "dataset":
        return serialize(distinct_quads(quads), fmt, base_uri)
    if fmt.kind != "graph":
        raise ValueError(f"{fmt.label} is not an RDF format")
    triples = distinct_triples(quads)
    if fmt.name == "jsonld":
        return jsonld.dumps(jsonld.to_jsonld(triples, base_uri, profile, focus))
    return serialize(triples, fmt, base_uri)


def serialize(statements: list, fmt: Format, base_uri: str) -> bytes:
    """pyoxigraph's serialiser, with prefixes where the syntax has them."""
    with_prefixes = fmt.oxigraph in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML)
    return ox.serialize(grouped(statements), format=fmt.oxigraph,
                        prefixes=used_prefixes(statements, base_uri) if with_prefixes else None)


def grouped(statements: list) -> list:
    """Statements grouped by graph, then by subject, each in order of first appearance (the
    described thing first), so Turtle and TriG write each subject and graph block once."""
    groups: dict = {}
    for s in statements:
        graph = s.graph_name if isinstance(s, ox.Quad) else None
        groups.setdefault(graph, {}).setdefault(s.subject, []).append(s)
    return [s for subjects in groups.values() for block in subjects.values() for s in block]


def used_prefixes(statements: list, base_uri: str) -> dict[str, str]:
    """Only the prefixes that the statements use, so a small document stays small."""
    iris = set()
    for s in statements:
        for term in (s.subject, s.predicate, s.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    namespaces = {iri.rpartition("#")[0] + "#" if "#" in iri else iri.rpartition("/")[0] + "/" for iri in iris}
    return {name: ns for name, ns in prefixes(base_uri).items() if ns in namespaces}
