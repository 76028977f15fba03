"""Things and their documents: /id/ (303), /doc/ (negotiated descriptions), /def/ (terms).

Request paths map onto the canonical URIs (DESIGN.md §1): ``/id/x`` names ``{base}id/x``,
``/doc/x`` describes it, ``/def/T`` defines ``{base}def/T``. Each handler parses the request,
asks the store, negotiates and renders; ``serve`` is the negotiate-render-send part that the
dataset routes share.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from flask import Blueprint, Response, current_app, redirect, request

from .. import pages
from ..errors import NotFound
from ..formats import DESCRIPTION_FORMATS, HTML, Format
from ..httpcache import CACHE_CONTROL, Rendered, cors, link_header, send, site_of
from ..negotiate import JSONLD_PROFILES, Choice, negotiate
from ..render import render

bp = Blueprint("resources", __name__)
bp.after_request(cors)


@dataclass(frozen=True)
class Document:
    """A negotiable document: its path without suffix, what it offers, how to make it."""

    key: str  # identifies the document in the representation cache
    stem: str  # request path without suffix: /doc/organisation/hefce
    offered: tuple[Format, ...]
    quads: Callable[[], list]  # the statements (raises NotFound)
    html: Callable[[], str] | None = None  # the page for people, when there is one
    canonical: str | None = None  # rel="canonical": the URI of the thing described


def publisher():
    return current_app.extensions["publisher"]


def split_suffix(path: str) -> tuple[str, str | None]:
    """``organisation/hefce.ttl`` -> (``organisation/hefce``, ``ttl``). Slugs hold no dots."""
    head, _, last = path.rpartition("/")
    stem, dot, suffix = last.partition(".")
    if not dot:
        return path, None
    return (f"{head}/{stem}" if head else stem), suffix


def serve(document: Document, suffix: str | None) -> Response:
    """Negotiate (suffix over Accept), render once per (document, format, profile), send."""
    choice = negotiate(request.headers.get("Accept"), suffix, document.offered)
    site = site_of(current_app)
    key = (document.key, choice.format.name, choice.profile)
    rendered = site.representations.get_or_make(key, lambda: _render(document, choice))
    fmt = choice.format
    alternates = [(f"{document.stem}.{f.suffix}", f.media_type) for f in document.offered if f is not fmt]
    return send(request, rendered, site.last_modified, content_location=f"{document.stem}.{fmt.suffix}",
                links=link_header(alternates, document.canonical))


def _render(document: Document, choice: Choice) -> Rendered:
    fmt = choice.format
    if fmt is HTML:
        return Rendered(document.html().encode("utf-8"), fmt.content_type)
    body = render(document.quads(), fmt, publisher().settings.base_uri, choice.profile, focus=document.canonical)
    return Rendered(body, _content_type(choice))


def _content_type(choice: Choice) -> str:
    """JSON-LD names the profile it was rendered in (JSON-LD 1.1 §9.1)."""
    if choice.format.name == "jsonld" and choice.profile:
        iri = next(k for k, v in JSONLD_PROFILES.items() if v == choice.profile)
        return f'{choice.format.media_type}; profile="{iri}"'
    return choice.format.content_type


def describe(iri: str):
    """The store's description of ``iri``; NotFound when the data neither states anything
    about it nor points to it."""
    description = publisher().store.describe(iri)
    if not description.exists:
        raise NotFound(f"nothing is published about <{iri}>")
    return description


def description_document(iri: str, stem: str) -> Document:
    return Document(iri, stem, DESCRIPTION_FORMATS, lambda: describe(iri).quads,
                    lambda: pages.description_page(publisher(), describe(iri)), canonical=iri)


@bp.route("/id/<path:path>")
def thing(path: str) -> Response:
    """A thing is not a document: 303 See Other to its description (httpRange-14)."""
    iri = publisher().settings.base_uri + "id/" + path
    site = site_of(current_app)
    site.representations.get_or_make(("exists", iri), lambda: describe(iri) and True)
    response = redirect(f"/doc/{path}", code=303)
    response.headers["Vary"] = "Accept"
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


@bp.route("/doc/<path:path>")
def document(path: str) -> Response:
    stem, suffix = split_suffix(path)
    iri = publisher().settings.base_uri + "id/" + stem
    return serve(description_document(iri, f"/doc/{stem}"), suffix)


@bp.route("/def/<term>")
def term(term: str) -> Response:
    """An ontology term (hash-free) is described where it is defined: no 303."""
    name, suffix = split_suffix(term)
    iri = publisher().settings.base_uri + "def/" + name
    return serve(description_document(iri, f"/def/{name}"), suffix)


@bp.route("/def/")
@bp.route("/def.<suffix>")
def ontology(suffix: str | None = None) -> Response:
    """The ontology: its documentation page, or the whole ontology graph."""
    settings = publisher().settings
    document = Document("ontology", "/def", DESCRIPTION_FORMATS,
                        lambda: publisher().store.quads(settings.ontology_graph),
                        lambda: pages.ontology_page(publisher()), canonical=settings.base_uri + "def/")
    return serve(document, suffix)
