"""ONE table of formats, read by negotiation, rendering, suffix routes, Link headers and the
SPARQL service description.

``kind`` says what a format can carry:
  graph    an RDF graph (triples)
  dataset  an RDF dataset (quads; a graph is a dataset with one graph)
  results  SPARQL SELECT/ASK results
  html     a page for people
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    suffix: str | None
    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    rdflib_name: str | None = None
    oxigraph: ox.RdfFormat | ox.QueryResultsFormat | None = None
    charset: bool = True  # append "; charset=utf-8" to Content-Type (text formats)
    w3c_format: str | None = None  # the http://www.w3.org/ns/formats/ IRI (service description)

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.charset else self.media_type

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)

    @property
    def is_rdf(self) -> bool:
        return self.kind in ("graph", "dataset")


_NS = "http://www.w3.org/ns/formats/"

TURTLE = Format("turtle", "text/turtle", "ttl", "graph", "Turtle", ("application/x-turtle",),
                "turtle", ox.RdfFormat.TURTLE, w3c_format=_NS + "Turtle")
JSONLD = Format("jsonld", "application/ld+json", "jsonld", "graph", "JSON-LD", ("application/json",),
                "json-ld", ox.RdfFormat.JSON_LD, w3c_format=_NS + "JSON-LD")
NTRIPLES = Format("ntriples", "application/n-triples", "nt", "graph", "N-Triples", (),
                  "nt", ox.RdfFormat.N_TRIPLES, w3c_format=_NS + "N-Triples")
RDFXML = Format("rdfxml", "application/rdf+xml", "rdf", "graph", "RDF/XML",
                ("application/xml", "text/xml"), "xml", ox.RdfFormat.RDF_XML, w3c_format=_NS + "RDF_XML")
TRIG = Format("trig", "application/trig", "trig", "dataset", "TriG", (),
              "trig", ox.RdfFormat.TRIG, w3c_format=_NS + "TriG")
NQUADS = Format("nquads", "application/n-quads", "nq", "dataset", "N-Quads", (),
                "nquads", ox.RdfFormat.N_QUADS, w3c_format=_NS + "N-Quads")
HTML = Format("html", "text/html", "html", "html", "HTML", ("application/xhtml+xml",))

RESULTS_JSON = Format("json", "application/sparql-results+json", "srj", "results", "SPARQL JSON",
                      ("application/json",), "json", ox.QueryResultsFormat.JSON,
                      w3c_format=_NS + "SPARQL_Results_JSON")
RESULTS_XML = Format("xml", "application/sparql-results+xml", "srx", "results", "SPARQL XML",
                     ("application/xml", "text/xml"), "xml", ox.QueryResultsFormat.XML,
                     w3c_format=_NS + "SPARQL_Results_XML")
RESULTS_CSV = Format("csv", "text/csv", "csv", "results", "CSV", (), "csv", ox.QueryResultsFormat.CSV,
                     w3c_format=_NS + "SPARQL_Results_CSV")
RESULTS_TSV = Format("tsv", "text/tab-separated-values", "tsv", "results", "TSV", (), "tsv",
                     ox.QueryResultsFormat.TSV, w3c_format=_NS + "SPARQL_Results_TSV")

ALL: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML, TRIG, NQUADS, HTML,
                           RESULTS_JSON, RESULTS_XML, RESULTS_CSV, RESULTS_TSV)

# Offer orders. The first entry is what a client gets for "*/*" (curl, many libraries), so the
# order is chosen on purpose: Turtle first for data, since it is the most readable RDF syntax.
DESCRIPTION_FORMATS = (TURTLE, JSONLD, NTRIPLES, RDFXML, TRIG, NQUADS, HTML)
GRAPH_FORMATS = (TURTLE, JSONLD, NTRIPLES, RDFXML)
DATASET_DUMP_FORMATS = (TURTLE, NTRIPLES, NQUADS, TRIG, JSONLD)
# SPARQL results: JSON first, as most SPARQL clients expect it for "*/*".
RESULTS_FORMATS = (RESULTS_JSON, RESULTS_XML, RESULTS_CSV, RESULTS_TSV)

# The short names that SPARQLWrapper and other clients send as format= / output=.
RESULTS_ALIASES = {"json": RESULTS_JSON, "srj": RESULTS_JSON, "xml": RESULTS_XML, "srx": RESULTS_XML,
                   "csv": RESULTS_CSV, "tsv": RESULTS_TSV}
GRAPH_ALIASES = {"turtle": TURTLE, "ttl": TURTLE, "n3": TURTLE, "json-ld": JSONLD, "jsonld": JSONLD,
                 "json": JSONLD, "nt": NTRIPLES, "ntriples": NTRIPLES, "n-triples": NTRIPLES,
                 "xml": RDFXML, "rdf": RDFXML, "rdfxml": RDFXML, "rdf+xml": RDFXML}


def by_suffix(suffix: str, offered: tuple[Format, ...] = ALL) -> Format | None:
    return next((f for f in offered if f.suffix == suffix), None)


def by_media_type(media_type: str, offered: tuple[Format, ...] = ALL) -> Format | None:
    media_type = media_type.split(";")[0].strip().lower()
    return next((f for f in offered if media_type in f.media_types), None)
