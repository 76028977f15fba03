"""The dataset description (VoID + DCAT) and the dumps it describes. No Flask.

``build_dumps`` serialises the data once: Turtle, N-Triples and JSON-LD carry the union of the
data graphs (each distinct triple once); N-Quads and TriG keep every graph. Each dump is held as
bytes and gzip bytes, with its size and SHA-256, so the VoID can state them truthfully.
``void_triples`` describes the dataset: counts (void:triples is the number of distinct triples
of the union; each graph, a void:subset, has its own count), classes, vocabularies, sources
(prov:wasDerivedFrom), licence, dumps, SPARQL endpoint and example resources.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass

import pyoxigraph as ox

from .formats import DATASET_DUMP_FORMATS, Format
from .render import KINDS, distinct_triples, render

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
SPDX = "http://spdx.org/rdf/terms#"
PROV = "http://www.w3.org/ns/prov#"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
MAX_EXAMPLES = 8


@dataclass(frozen=True)
class Dump:
    """One dump file: its format, bytes, gzip bytes, size and checksum (of the plain bytes)."""

    format: Format
    body: bytes
    gzipped: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    @property
    def byte_size(self) -> int:
        return len(self.body)


def build_dumps(store, base_uri: str) -> dict[str, Dump]:
    """Every dump format -> its Dump (suffix as key), serialised once."""
    quads = store.quads()
    dumps = {}
    for fmt in DATASET_DUMP_FORMATS:
        body = render(quads, fmt, base_uri)
        dumps[fmt.suffix] = Dump(fmt, body, gzip.compress(body, compresslevel=6, mtime=0))
    return dumps


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(value: int, datatype: str = "integer") -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(XSD + datatype))


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def void_triples(store, base_uri: str, dumps: dict[str, Dump]) -> list[ox.Triple]:
    """The VoID and DCAT description of the dataset at ``{base}dataset``."""
    dataset = _n(base_uri + "dataset")
    stats = store.stats()
    t = [ox.Triple(dataset, _n(RDF + "type"), _n(VOID + "Dataset")),
         ox.Triple(dataset, _n(RDF + "type"), _n(DCAT + "Dataset")),
         ox.Triple(dataset, _n(RDFS + "label"), _en("Leading Places linked data")),
         ox.Triple(dataset, _n(DCTERMS + "title"), _en("Leading Places linked data")),
         ox.Triple(dataset, _n(DCTERMS + "description"), _en(
             "The Leading Places programme (2016-2018): its phases, partnerships, organisations, "
             "people and sources, each statement in the named graph of the source that states it.")),
         ox.Triple(dataset, _n(DCTERMS + "license"), _n(CC_BY_4)),
         ox.Triple(dataset, _n(FOAF + "homepage"), _n(base_uri)),
         ox.Triple(dataset, _n(DCAT + "landingPage"), _n(base_uri)),
         ox.Triple(dataset, _n(VOID + "uriSpace"), ox.Literal(base_uri + "id/")),
         ox.Triple(dataset, _n(VOID + "sparqlEndpoint"), _n(base_uri + "sparql")),
         ox.Triple(dataset, _n(VOID + "triples"), _int(stats.triples)),
         ox.Triple(dataset, _n(VOID + "distinctSubjects"), _int(stats.distinct_subjects)),
         ox.Triple(dataset, _n(VOID + "properties"), _int(len(stats.properties))),
         ox.Triple(dataset, _n(VOID + "classes"), _int(len(stats.classes)))]
    t += [ox.Triple(dataset, _n(VOID + "vocabulary"), _n(ns)) for ns in vocabularies(stats)]
    t += [ox.Triple(dataset, _n(VOID + "exampleResource"), _n(iri)) for iri in examples(store, base_uri)]
    t += _partitions(dataset, stats)
    t += _subsets(dataset, store, stats)
    t += _distributions(dataset, base_uri, dumps)
    return t


def namespace_of(iri: str) -> str:
    if "#" in iri:
        return iri.rpartition("#")[0] + "#"
    return iri.rpartition("/")[0] + "/"


def vocabularies(stats) -> list[str]:
    """The namespaces of every property and class used (void:vocabulary)."""
    return sorted({namespace_of(iri) for iri in list(stats.properties) + list(stats.classes)})


def examples(store, base_uri: str) -> list[str]:
    """One thing of each kind (DESIGN.md §1 order), the programme first."""
    prefix = base_uri + "id/"
    subjects = sorted({q.subject.value for q in store.quads()
                       if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(prefix)})
    chosen = []
    for kind in KINDS:
        found = next((s for s in subjects if s.startswith(f"{prefix}{kind}/")), None)
        if found:
            chosen.append(found)
    return chosen[:MAX_EXAMPLES]


def _partitions(dataset: ox.NamedNode, stats) -> list[ox.Triple]:
    t = []
    # Blank node labels are fixed, so the same data gives the same bytes (and ETag) every run.
    for i, (cls, count) in enumerate(sorted(stats.classes.items())):
        part = ox.BlankNode(f"class{i}")
        t += [ox.Triple(dataset, _n(VOID + "classPartition"), part),
              ox.Triple(part, _n(VOID + "class"), _n(cls)),
              ox.Triple(part, _n(VOID + "entities"), _int(count))]
    for i, (prop, count) in enumerate(sorted(stats.properties.items())):
        part = ox.BlankNode(f"property{i}")
        t += [ox.Triple(dataset, _n(VOID + "propertyPartition"), part),
              ox.Triple(part, _n(VOID + "property"), _n(prop)),
              ox.Triple(part, _n(VOID + "triples"), _int(count))]
    return t


def _subsets(dataset: ox.NamedNode, store, stats) -> list[ox.Triple]:
    """One void:subset per named graph, with its own count and its source document."""
    t = []
    derived = _n(PROV + "wasDerivedFrom")
    for graph, count in stats.graphs.items():
        node = _n(graph)
        t += [ox.Triple(dataset, _n(VOID + "subset"), node),
              ox.Triple(node, _n(RDF + "type"), _n(VOID + "Dataset")),
              ox.Triple(node, _n(VOID + "triples"), _int(count))]
        t += [ox.Triple(node, derived, q.object) for q in store.quads(graph)
              if q.subject == node and q.predicate == derived]
    return distinct_triples(t)


def _distributions(dataset: ox.NamedNode, base_uri: str, dumps: dict[str, Dump]) -> list[ox.Triple]:
    t = []
    for suffix, dump in dumps.items():
        url = _n(f"{base_uri}dataset.{suffix}")
        checksum = ox.BlankNode(f"checksum-{suffix}")
        t += [ox.Triple(dataset, _n(VOID + "dataDump"), url),
              ox.Triple(dataset, _n(DCAT + "distribution"), url),
              ox.Triple(url, _n(RDF + "type"), _n(DCAT + "Distribution")),
              ox.Triple(url, _n(DCTERMS + "title"), _en(f"{dump.format.label} dump")),
              ox.Triple(url, _n(DCAT + "downloadURL"), url),
              ox.Triple(url, _n(DCAT + "mediaType"), _n(IANA_MEDIA_TYPES + dump.format.media_type)),
              ox.Triple(url, _n(DCAT + "byteSize"), _int(dump.byte_size, "nonNegativeInteger")),
              ox.Triple(url, _n(DCTERMS + "license"), _n(CC_BY_4)),
              ox.Triple(url, _n(SPDX + "checksum"), checksum),
              ox.Triple(checksum, _n(RDF + "type"), _n(SPDX + "Checksum")),
              ox.Triple(checksum, _n(SPDX + "algorithm"), _n(SPDX + "checksumAlgorithm_sha256")),
              ox.Triple(checksum, _n(SPDX + "checksumValue"), ox.Literal(dump.sha256, datatype=_n(XSD + "hexBinary")))]
    return t


def as_rdflib(triples: list[ox.Triple]):
    """The same triples as an rdflib Graph (what the HTML page reads)."""
    from rdflib import Graph

    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
