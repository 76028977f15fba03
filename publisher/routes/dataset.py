"""The dataset as a whole: /dataset (VoID + DCAT), the dumps, /graph/ and the read side of the
Graph Store Protocol, /context.jsonld, the home page, robots.txt and sitemap.xml.

URL choices (the dumps own ``/dataset.{ttl,nt,nq,trig,jsonld}``, DESIGN.md's download URLs):
* ``/dataset`` negotiates the VoID description; its suffixed forms are ``/dataset/void.{ext}``.
* ``/`` is the home page for people; a client that prefers RDF to HTML there gets a 303 to
  ``/dataset``, the machine-readable entry point (as ``/.well-known/void`` does, VoID §7.2).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, request

from .. import pages, void
from ..errors import BadRequest, MethodNotAllowed, NotFound
from ..formats import DESCRIPTION_FORMATS, HTML, JSONLD
from ..httpcache import Rendered, cors, send, site_of
from ..jsonld import context_bytes
from ..negotiate import negotiate
from .resources import Document, publisher, serve, split_suffix

bp = Blueprint("dataset", __name__)
bp.after_request(cors)

RDF_FORMATS = tuple(f for f in DESCRIPTION_FORMATS if f.is_rdf)
# The home page: HTML first, so browsers and "*/*" get the page; RDF clients are sent on.
HOME_FORMATS = (HTML, *RDF_FORMATS)
READ_ONLY = ["GET", "HEAD", "OPTIONS"]


def dumps() -> dict[str, void.Dump]:
    """The dumps, serialised once per app, on first use."""
    return site_of(current_app).once("dumps", lambda: void.build_dumps(publisher().store,
                                                                     publisher().settings.base_uri))


def warm(app) -> None:
    """Build the dumps and the VoID at start-up, so no request pays for them (~0.2 s)."""
    with app.app_context():
        void_description()


def void_description() -> list:
    return site_of(current_app).once("void", lambda: void.void_triples(
        publisher().store, publisher().settings.base_uri, dumps()))


@bp.route("/dataset")
@bp.route("/dataset/void")
@bp.route("/dataset/void.<suffix>")
def dataset(suffix: str | None = None) -> Response:
    html = lambda: pages.dataset_page(publisher(), void.as_rdflib(void_description()))  # noqa: E731
    document = Document("void", "/dataset/void", DESCRIPTION_FORMATS, void_description, html,
                        canonical=publisher().settings.base_uri + "dataset")
    return serve(document, suffix)


@bp.route("/.well-known/void")
def well_known_void() -> Response:
    """RFC 8615 well-known URI for the VoID description (VoID §7.2)."""
    return redirect("/dataset", code=303)


@bp.route("/dataset.<suffix>")
def dump(suffix: str) -> Response:
    """A whole-dataset dump, gzip-compressed when the client accepts it."""
    found = dumps().get(suffix)
    if found is None:
        raise NotFound(f"no dump with the suffix '.{suffix}'; try /dataset.ttl or /dataset.nq")
    gzipped = request.accept_encodings["gzip"] > 0
    body = found.gzipped if gzipped else found.body
    key = ("dump", suffix, gzipped)
    rendered = site_of(current_app).representations.get_or_make(
        key, lambda: Rendered(body, found.format.content_type))
    return send(request, rendered, site_of(current_app).last_modified, vary="Accept-Encoding",
                encoding="gzip" if gzipped else None)


def graph_document(graph_iri: str, stem: str | None) -> Document:
    store = publisher().store

    def quads():
        found = store.quads(graph_iri)
        if not found:
            raise NotFound(f"no graph <{graph_iri}> is published")
        return found

    if stem is None:  # the Graph Store Protocol: RDF only
        formats, html = tuple(f for f in DESCRIPTION_FORMATS if f is not HTML), None
    else:
        formats, html = DESCRIPTION_FORMATS, (lambda: quads() and pages.graph_page(publisher(), graph_iri))
    return Document(graph_iri, stem or "/graph-store", formats, quads, html, canonical=graph_iri)


@bp.route("/graph/<name>")
def graph(name: str) -> Response:
    slug, suffix = split_suffix(name)
    iri = publisher().settings.base_uri + "graph/" + slug
    return serve(graph_document(iri, f"/graph/{slug}"), suffix)


@bp.route("/graph-store", methods=["GET", "PUT", "POST", "DELETE", "PATCH"])
def graph_store() -> Response:
    """SPARQL 1.1 Graph Store HTTP Protocol, read side (§5.2 GET); the store is read-only."""
    if request.method not in READ_ONLY:
        raise MethodNotAllowed(f"the graph store is read-only: {request.method} is not allowed", READ_ONLY)
    base = publisher().settings.base_uri
    if ("default" in request.args) == ("graph" in request.args):
        raise BadRequest("give exactly one of ?default or ?graph=IRI (Graph Store Protocol §4)")
    if "default" in request.args:
        document = Document("union", "/dataset", RDF_FORMATS, publisher().store.quads, canonical=base + "dataset")
        return serve(document, None)
    iri = request.args["graph"]
    if iri.startswith(request.host_url):  # the graph named by its URL on this server
        iri = base + iri[len(request.host_url):]
    stem = "/" + iri[len(base):] if iri.startswith(base + "graph/") else None
    document = graph_document(iri, stem)
    return serve(Document(document.key, document.stem, RDF_FORMATS, document.quads,
                          canonical=iri), None)


@bp.route("/context.jsonld")
def context() -> Response:
    """The JSON-LD context (DESIGN.md §4: published and stable), byte for byte as shipped."""
    rendered = site_of(current_app).once("context", lambda: Rendered(context_bytes(), JSONLD.media_type))
    return send(request, rendered, site_of(current_app).last_modified, vary="Accept-Encoding")


@bp.route("/")
def home() -> Response:
    choice = negotiate(request.headers.get("Accept"), None, HOME_FORMATS)
    if choice.format is not HTML:
        response = redirect("/dataset", code=303)
        response.headers["Vary"] = "Accept"
        return response
    site = site_of(current_app)
    rendered = site.representations.get_or_make(
        ("home",), lambda: Rendered(pages.home_page(publisher()).encode("utf-8"), HTML.content_type))
    return send(request, rendered, site.last_modified)


@bp.route("/robots.txt")
def robots() -> Response:
    body = f"User-agent: *\nAllow: /\n\nSitemap: {request.host_url}sitemap.xml\n"
    return Response(body, content_type="text/plain; charset=utf-8")


@bp.route("/sitemap.xml")
def sitemap() -> Response:
    """Sitemaps 0.9: every /doc/ page, absolute URLs on the host that was asked."""
    site = site_of(current_app)
    paths = site.once("sitemap", lambda: sitemap_paths(publisher()))
    root = request.host_url.rstrip("/")
    rendered = site.representations.get_or_make(("sitemap", root), lambda: Rendered(
        sitemap_xml(root, paths).encode("utf-8"), "application/xml; charset=utf-8"))
    return send(request, rendered, site.last_modified, vary="Accept-Encoding")


def sitemap_paths(pub) -> list[str]:
    base = pub.settings.base_uri
    things = {q.subject.value for q in pub.store.quads() if q.subject.value.startswith(base + "id/")}
    things |= {q.subject.value for q in pub.store.quads(pub.settings.ontology_graph)
               if q.subject.value.startswith(base + "id/")}
    graphs = ["/graph/" + g[len(base + "graph/"):] for g in pub.store.data_graphs() if g.startswith(base + "graph/")]
    return ["/", "/dataset", "/def/", *sorted("/doc/" + t[len(base + "id/"):] for t in things), *sorted(graphs)]


def sitemap_xml(root: str, paths: list[str]) -> str:
    from xml.sax.saxutils import escape

    urls = "".join(f"  <url><loc>{escape(root + path)}</loc></url>\n" for path in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")
