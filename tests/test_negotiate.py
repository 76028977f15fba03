"""Content negotiation as a table: (Accept, suffix) -> format, with real clients' headers."""

from __future__ import annotations

import pytest

from publisher.errors import NotAcceptable, NotFound
from publisher.formats import DATASET_DUMP_FORMATS, DESCRIPTION_FORMATS, GRAPH_FORMATS
from publisher.negotiate import negotiate, parse_accept

FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
FIREFOX_OLD = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
CHROME = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,"
          "*/*;q=0.8,application/signed-exchange;v=b3;q=0.7")
SAFARI = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
EDGE = CHROME
CURL = "*/*"
WGET = "*/*"
PYTHON_REQUESTS = "*/*"
# SPARQLWrapper 2.0 (Wrapper.py) asking for RDF (TURTLE / XML / JSONLD / N3 / RDFXML return formats).
SPARQLWRAPPER_TURTLE = "application/turtle,text/turtle"
SPARQLWRAPPER_RDFXML = "application/rdf+xml"
SPARQLWRAPPER_XML = "application/rdf+xml"
SPARQLWRAPPER_JSONLD = "application/ld+json,application/x-json+ld"
SPARQLWRAPPER_N3 = "application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3"
# Comunica (rdf-dereference / actor-http), many types with q-values.
COMUNICA = ("application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,"
            "application/n-triples;q=0.8,text/turtle;q=0.6,application/rdf+xml;q=0.5,"
            "text/n3;q=0.35,application/xml;q=0.3,image/svg+xml;q=0.3,text/xml;q=0.3,"
            "text/html;q=0.2,application/xhtml+xml;q=0.18,application/json;q=0.135,"
            "text/shaclc;q=0.1,text/shaclc-ext;q=0.05")
# Apache Jena RIOT (WebContent.defaultRDFAcceptHeader).
JENA = ("text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,"
        "*/*;q=0.5")
JENA_DATASET = ("application/trig,application/n-quads;q=0.9,text/turtle;q=0.8,application/n-triples;q=0.7,"
                "application/ld+json;q=0.6,application/rdf+xml;q=0.5,*/*;q=0.1")
RDFLIB = ("application/rdf+xml, text/rdf+n3, text/turtle, application/n-triples, "
          "application/ld+json, application/n-quads, application/trig;q=0.9, */*;q=0.1")
EXPANDED = 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"'
FLATTENED = 'application/ld+json; profile="http://www.w3.org/ns/json-ld#flattened http://www.w3.org/ns/json-ld#compacted"'
COMPACTED = 'application/ld+json;profile=http://www.w3.org/ns/json-ld#compacted'

TABLE = [
    # (Accept, suffix, expected format, expected JSON-LD profile)
    (FIREFOX, None, "html", None),
    (FIREFOX_OLD, None, "html", None),
    (CHROME, None, "html", None),
    (SAFARI, None, "html", None),
    (EDGE, None, "html", None),
    (CURL, None, "turtle", None),
    (WGET, None, "turtle", None),
    (PYTHON_REQUESTS, None, "turtle", None),
    (None, None, "turtle", None),  # no Accept header: as */*
    ("", None, "turtle", None),
    (SPARQLWRAPPER_TURTLE, None, "turtle", None),
    (SPARQLWRAPPER_RDFXML, None, "rdfxml", None),
    (SPARQLWRAPPER_XML, None, "rdfxml", None),
    (SPARQLWRAPPER_JSONLD, None, "jsonld", None),
    (SPARQLWRAPPER_N3, None, "turtle", None),
    (COMUNICA, None, "nquads", None),
    (JENA, None, "turtle", None),
    (JENA_DATASET, None, "trig", None),
    (RDFLIB, None, "turtle", None),  # rdf+xml, turtle, n-triples... tie at q=1: our order decides
    ("application/n-triples", None, "ntriples", None),
    ("application/n-quads", None, "nquads", None),
    ("application/trig", None, "trig", None),
    ("application/x-turtle", None, "turtle", None),  # an alias named explicitly
    ("application/json", None, "jsonld", None),
    ("text/*", None, "turtle", None),
    ("application/*", None, "jsonld", None),  # first application/* type in our order
    ("text/turtle;q=0.5, application/ld+json;q=0.9", None, "jsonld", None),
    ("text/turtle;q=0, */*", None, "jsonld", None),  # q=0 excludes Turtle
    ("*/*;q=0.1, text/html;q=0", None, "turtle", None),
    ("text/html;q=0.9, text/turtle", None, "turtle", None),
    ("TEXT/TURTLE", None, "turtle", None),  # media types are case-insensitive
    ("text/turtle;charset=utf-8", None, "turtle", None),
    ("image/png, */*;q=0.01", None, "turtle", None),
    ("garbage, text/turtle", None, "turtle", None),  # a malformed range is skipped
    (EXPANDED, None, "jsonld", "expanded"),
    (FLATTENED, None, "jsonld", "flattened"),
    (COMPACTED, None, "jsonld", "compacted"),
    ("application/ld+json", None, "jsonld", None),
    # a suffix wins over Accept
    (FIREFOX, "ttl", "turtle", None),
    ("text/turtle", "html", "html", None),
    (CURL, "jsonld", "jsonld", None),
    (EXPANDED, "jsonld", "jsonld", "expanded"),
    (EXPANDED, "ttl", "turtle", None),
    ("image/png", "nt", "ntriples", None),  # even an unacceptable Accept
    (CURL, "rdf", "rdfxml", None),
    (CURL, "trig", "trig", None),
    (CURL, "nq", "nquads", None),
]


@pytest.mark.parametrize("accept,suffix,expected,profile", TABLE)
def test_negotiation_table(accept, suffix, expected, profile):
    choice = negotiate(accept, suffix, DESCRIPTION_FORMATS)
    assert (choice.format.name, choice.profile) == (expected, profile)


@pytest.mark.parametrize("accept", ["image/png", "text/html;q=0, text/turtle;q=0, */*;q=0",
                                    "application/sparql-results+json", "text/csv"])
def test_nothing_acceptable_lists_what_is_offered(accept):
    with pytest.raises(NotAcceptable) as caught:
        negotiate(accept, None, DESCRIPTION_FORMATS)
    assert caught.value.http_status == 406
    assert "text/turtle" in caught.value.offered and "text/html" in caught.value.offered


def test_unknown_suffix_is_not_found():
    with pytest.raises(NotFound):
        negotiate(CURL, "docx", DESCRIPTION_FORMATS)


def test_browser_on_graph_only_resource_gets_rdf_not_406():
    # A browser asking for a graph (no HTML offered) gets RDF/XML (application/xml;q=0.9).
    assert negotiate(FIREFOX, None, GRAPH_FORMATS).format.name == "rdfxml"


def test_dump_formats_curl_gets_turtle():
    assert negotiate(CURL, None, DATASET_DUMP_FORMATS).format.name == "turtle"


def test_most_specific_range_decides():
    # RFC 9110 12.5.1: text/turtle;q=0.1 is more specific than text/*;q=1
    assert negotiate("text/*, text/turtle;q=0.1, application/ld+json;q=0.5", None,
                     DESCRIPTION_FORMATS).format.name == "html"


def test_quoted_commas_do_not_split_ranges():
    ranges = parse_accept('application/ld+json;profile="a, b";q=0.5, text/turtle')
    assert [(r.type, r.subtype, r.q) for r in ranges] == [("application", "ld+json", 0.5), ("text", "turtle", 1.0)]
