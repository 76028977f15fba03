"""JSON-LD output: expanded, compacted or flattened (JSON-LD 1.1 §9.1 profiles), with our context.

The context is a data file the package ships (``static/context.jsonld``), published at
``{base}context.jsonld``. Compacted and flattened documents reference it by that URL. JSON-LD
processing here never touches the network: the document loader serves our context and refuses
every other URL (JSON-LD 1.1 API §9.4.1 lets a processor restrict loading).

No Flask here: the CLI and the tests use it directly.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import pyoxigraph as ox
from pyld import jsonld

CONTEXT_NAME = "context.jsonld"
PROFILES = ("expanded", "compacted", "flattened")
DEFAULT_PROFILE = "compacted"


def context_url(base_uri: str) -> str:
    """Where the context is published: ``{base}context.jsonld`` (DESIGN.md §4)."""
    return base_uri + CONTEXT_NAME


@lru_cache(maxsize=1)
def context_bytes() -> bytes:
    """The context document exactly as shipped (served byte for byte at /context.jsonld)."""
    return resources.files("publisher").joinpath("static", CONTEXT_NAME).read_bytes()


@lru_cache(maxsize=1)
def context_document() -> dict:
    return json.loads(context_bytes())


def document_loader(base_uri: str):
    """A PyLD document loader that knows one document, our context, and refuses the rest."""
    allowed = {context_url(base_uri), context_url("https://w3id.org/leading-places/")}

    def load(url: str, options=None) -> dict:
        if url in allowed:
            return {"contextUrl": None, "documentUrl": url, "document": context_document()}
        raise jsonld.JsonLdError(f"remote documents are not loaded: {url}", "jsonld.LoadDocumentError",
                                 {"url": url}, code="loading document failed")

    return load


def _options(base_uri: str) -> dict:
    return {"documentLoader": document_loader(base_uri), "processingMode": "json-ld-1.1"}


def expand_from_rdf(statements) -> list:
    """Expanded JSON-LD (a list of node objects) of triples or quads, without native types,
    so that every literal keeps its lexical form and datatype."""
    if not statements:
        return []
    nquads = ox.serialize(statements, format=_nquads_format(statements)).decode("utf-8")
    return jsonld.from_rdf(nquads, {"format": "application/n-quads", "useNativeTypes": False,
                                    "useRdfType": False})


def _nquads_format(statements) -> ox.RdfFormat:
    first = next(iter(statements))
    return ox.RdfFormat.N_QUADS if isinstance(first, ox.Quad) else ox.RdfFormat.N_TRIPLES


def to_jsonld(statements, base_uri: str, profile: str | None = None, focus: str | None = None) -> dict | list:
    """Triples (or quads) as a JSON-LD document in the given profile (compacted by default).
    The node of ``focus`` (the thing a document describes) comes first, so a consumer finds it
    at ``graph[0]`` (compaction keeps the order of the node objects it is given)."""
    expanded = expand_from_rdf(list(statements))
    profile = profile or DEFAULT_PROFILE
    if profile == "flattened":
        expanded = jsonld.flatten(expanded, None, _options(base_uri))
    if focus:
        expanded.sort(key=lambda node: node.get("@id") != focus)
    if profile == "expanded":
        return expanded
    return jsonld.compact(expanded, context_url(base_uri), _options(base_uri))


def dumps(document) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def expand(document, base_uri: str) -> list:
    """Expand a document that references our context, without the network (used by tests)."""
    return jsonld.expand(document, _options(base_uri))


def to_nquads(document, base_uri: str) -> str:
    """The RDF of a JSON-LD document as N-Quads, our context resolved locally."""
    return jsonld.to_rdf(document, {**_options(base_uri), "format": "application/n-quads"})
