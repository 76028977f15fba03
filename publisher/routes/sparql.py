"""/sparql: the query operation of the SPARQL 1.1 Protocol, its service description, and the
HTML query page.

Protocol (SPARQL 1.1 Protocol §2.1): ``GET ?query=``, ``POST`` of an HTML form
(application/x-www-form-urlencoded) and ``POST`` of the query itself (application/sparql-query),
with ``default-graph-uri`` and ``named-graph-uri``. The endpoint is read-only: an update is
refused with 400 and never executed.

Result limits: at most ``Settings.max_rows`` rows (or triples) are returned. When a result is cut
short the response carries ``X-Result-Truncated: true``, ``X-Result-Limit: N`` and a
``Link: <…/sparql#limits>; rel="help"`` header; the SPARQL JSON and XML results also carry that
link in their head (``head.link`` / ``<link href>``), the place the results formats define for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.http import parse_options_header

from ..errors import PayloadTooLarge, PublisherError, QueryError, RefusedQuery, UnsupportedMediaType
from ..formats import (GRAPH_ALIASES, GRAPH_FORMATS, HTML, RESULTS_ALIASES, RESULTS_FORMATS, TURTLE, JSONLD,
                       NTRIPLES, RDFXML, Format, by_media_type)
from ..negotiate import negotiate
from ..queryanalysis import UPDATE_REFUSED, analyse
from ..results import GRAPH_FORMS, QueryResult, serialize_graph, serialize_results
from ..sparql import EXAMPLES, endpoint_iri, known_graphs, prefix_declarations, prefixes, service_description

bp = Blueprint("sparql", __name__)

FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORMAT_PARAMS = ("format", "output", "results")  # what SPARQLWrapper, Virtuoso and others send
# Without a query: "*/*" gets the service description in Turtle; browsers name text/html.
DESCRIPTION_OFFER = (TURTLE, JSONLD, NTRIPLES, RDFXML, HTML)


@dataclass(frozen=True)
class SparqlRequest:
    """A protocol request, read from the URL and the body: nothing run yet."""

    query: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    formats: tuple[str, ...] = field(default=())  # format= / output= values, in order


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    publisher = current_app.extensions["publisher"]
    req = read_request(publisher.settings.max_query_length)
    if req.query is None:
        return describe_endpoint(publisher)
    wants_html = _wants_html(req)
    try:
        fmt = choose_format(analyse(req.query, _endpoint(publisher)).form, req.formats)
        result = publisher.store.query(req.query, default_graphs=req.default_graphs,
                                       named_graphs=req.named_graphs)
    except PublisherError as error:
        if not wants_html:
            raise
        return _page(publisher, req.query, error=error, status=error.http_status)
    if fmt is HTML:
        return _page(publisher, req.query, result=result)
    return render_result(publisher, result, fmt)


# --- parse the request ------------------------------------------------------------------------

def read_request(max_length: int) -> SparqlRequest:
    """Read the operation from the request (SPARQL 1.1 Protocol §2.1.1-2.1.3), or raise 400, 413
    or 415. A request without a query (GET /sparql) has ``query`` None."""
    if request.content_length and request.content_length > 4 * max_length + 4096:
        raise PayloadTooLarge(f"the request body is larger than this endpoint accepts "
                              f"(queries of up to {max_length} characters)")
    params = request.args
    body_query = None
    if request.method == "POST":
        params, body_query = _post_params()
    if params.getlist("update") or body_query is False:
        raise RefusedQuery(UPDATE_REFUSED)
    queries = params.getlist("query") + ([body_query] if body_query is not None else [])
    if len(queries) > 1:
        raise QueryError("exactly one query is allowed per request")
    if not queries and request.method == "POST":
        raise QueryError("the request has no query (send query=... or an application/sparql-query body)")
    query = queries[0] if queries else None
    if query is not None and len(query) > max_length:
        raise PayloadTooLarge(f"the query is {len(query)} characters long; this endpoint accepts "
                              f"at most {max_length}")
    return SparqlRequest(query, tuple(params.getlist("default-graph-uri")),
                         tuple(params.getlist("named-graph-uri")),
                         tuple(v for name in FORMAT_PARAMS for v in params.getlist(name)))


def _post_params():
    """(parameters, query from the body): the body is a form or the query itself; ``False``
    stands for an update body (refused)."""
    media_type, options = parse_options_header(request.headers.get("Content-Type", ""))
    media_type = media_type.lower()
    if media_type == FORM_TYPE:
        merged = request.args.copy()
        for name, values in request.form.lists():
            merged.setlist(name, merged.getlist(name) + values)
        return merged, None
    if media_type == UPDATE_TYPE:
        return request.args, False
    if media_type != QUERY_TYPE:
        raise UnsupportedMediaType(f"POST a query as {FORM_TYPE} or {QUERY_TYPE}, "
                                   f"not {media_type or 'a body without a Content-Type'}")
    return request.args, _decode(request.get_data(cache=False), options.get("charset", "utf-8"))


def _decode(body: bytes, charset: str) -> str:
    if charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"queries must be sent in UTF-8, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(f"the query is not valid UTF-8 (byte {exc.start})") from None


# --- negotiate --------------------------------------------------------------------------------

def choose_format(form: str, requested: tuple[str, ...]) -> Format:
    """The format for a query of ``form``: a ``format=``/``output=`` value if one names a format
    of the right kind (a short name or a media type), else the Accept header. The form, from
    the parsed query, decides between results formats and RDF formats."""
    graph = form in GRAPH_FORMS
    offered = (*(GRAPH_FORMATS if graph else RESULTS_FORMATS), HTML)
    aliases = GRAPH_ALIASES if graph else RESULTS_ALIASES
    for value in requested:
        name = value.strip().lower()
        fmt = (HTML if name == "html" else aliases.get(name)) or (by_media_type(name, offered) if name else None)
        if fmt is not None:
            return fmt
    return negotiate(request.headers.get("Accept"), None, offered).format


def _wants_html(req: SparqlRequest) -> bool:
    """Whether errors should come back as the query page (a browser), decided before the
    query form is known."""
    if any(v.strip().lower() in ("html", "text/html") for v in req.formats):
        return True
    if req.formats:
        return False
    try:
        return negotiate(request.headers.get("Accept"), None, (*RESULTS_FORMATS, *GRAPH_FORMATS, HTML)).format is HTML
    except PublisherError:
        return False


# --- render -----------------------------------------------------------------------------------

def render_result(publisher, result: QueryResult, fmt: Format) -> Response:
    settings = publisher.settings
    help_link = _limits_link(publisher)
    if fmt.kind == "results":
        body = serialize_results(result, fmt.name, help_link if result.truncated else None)
    else:
        body = serialize_graph(result, fmt.oxigraph, prefixes(settings.base_uri))
    response = Response(b"" if request.method == "HEAD" else body, content_type=fmt.content_type)
    _common_headers(response)
    if result.truncated:
        response.headers["X-Result-Truncated"] = "true"
        response.headers["X-Result-Limit"] = str(settings.max_rows)
        response.headers["Link"] = f'<{help_link}>; rel="help"'
    return response


def describe_endpoint(publisher) -> Response:
    """GET /sparql without a query: the query page for browsers, else the SPARQL 1.1 Service
    Description in the RDF format asked for."""
    fmt = negotiate(request.headers.get("Accept"), None, DESCRIPTION_OFFER).format
    if fmt is HTML:
        return _page(publisher, None)
    settings = publisher.settings
    graphs = known_graphs(publisher.store.data_graphs(), settings)
    body = ox.serialize(service_description(settings.base_uri, graphs), format=fmt.oxigraph,
                        prefixes={"sd": "http://www.w3.org/ns/sparql-service-description#",
                                  "void": "http://rdfs.org/ns/void#", **prefixes(settings.base_uri)})
    response = Response(body, content_type=fmt.content_type)
    _common_headers(response)
    return response


def _page(publisher, query: str | None, *, result: QueryResult | None = None,
          error: PublisherError | None = None, status: int = 200) -> Response:
    settings = publisher.settings
    editor_text = query if query is not None else prefix_declarations(settings.base_uri) + "\n" + EXAMPLES[0].body
    context = {
        "query": editor_text, "result": result, "error": error, "examples": _examples(settings.base_uri),
        "max_rows": settings.max_rows, "timeout": settings.query_timeout,
        "max_query_length": settings.max_query_length, "base_uri": settings.base_uri,
        "permalink": _url(query) if query else None, "downloads": _downloads(query, result),
    }
    if result is not None:
        context["headings"], context["rows"] = result.table()
    response = Response(render_template("sparql.html", **context), status=status,
                        content_type=HTML.content_type)
    _common_headers(response)
    return response


def _examples(base_uri: str) -> list[dict]:
    head = prefix_declarations(base_uri)
    return [{"title": e.title, "description": e.description, "href": _url(head + "\n" + e.body)}
            for e in EXAMPLES]


def _downloads(query: str | None, result: QueryResult | None) -> list[dict]:
    if not query or result is None:
        return []
    formats = GRAPH_FORMATS if result.is_graph else RESULTS_FORMATS
    return [{"label": f.label, "media_type": f.media_type, "href": _url(query, format=f.name)} for f in formats]


def _url(query: str, **more) -> str:
    return "/sparql?" + urlencode({"query": query, **more})


def _limits_link(publisher) -> str:
    return _endpoint(publisher) + "#limits"


def _endpoint(publisher) -> str:
    return endpoint_iri(publisher.settings.base_uri)


def _common_headers(response: Response) -> None:
    response.headers["Vary"] = "Accept"
    response.headers["Access-Control-Allow-Origin"] = "*"
