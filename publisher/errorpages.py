"""One error body shape, rendered in the negotiated format: HTML, JSON, Turtle or plain text.

Whatever the client accepts, an error always gets a body (an unacceptable Accept header never
turns a 404 into a 406).
"""

from __future__ import annotations

import json

from flask import Response, render_template

from .errors import MethodNotAllowed, NotAcceptable, PublisherError
from .formats import HTML, TURTLE, Format
from .negotiate import negotiate

ERROR_JSON = Format("problem", "application/json", None, "error", "JSON", ("application/problem+json",))
ERROR_TEXT = Format("text", "text/plain", None, "error", "Text")
# JSON first: curl and scripts ("*/*") get a parseable body; browsers name text/html.
ERROR_FORMATS = (ERROR_JSON, HTML, TURTLE, ERROR_TEXT)
HTTP_VOCAB = "http://www.w3.org/2011/http#"


def error_response(error: PublisherError, request) -> Response:
    try:
        fmt = negotiate(request.headers.get("Accept"), None, ERROR_FORMATS).format
    except PublisherError:
        fmt = ERROR_JSON
    body = error.to_dict()
    body.pop("report", None)
    if fmt is HTML:
        payload = render_template("error.html", error=body)
    elif fmt is TURTLE:
        payload = _turtle(body)
    elif fmt is ERROR_TEXT:
        payload = f"{body['status']} {body['error']}: {body['message']}\n"
    else:
        payload = json.dumps(body, ensure_ascii=False, indent=1) + "\n"
    response = Response("" if request.method == "HEAD" else payload, status=error.http_status,
                        content_type=fmt.content_type)
    response.headers["Vary"] = "Accept"
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "no-store"
    if isinstance(error, MethodNotAllowed):
        response.headers["Allow"] = ", ".join(error.allowed)
    if isinstance(error, NotAcceptable):
        response.headers["Link"] = ", ".join(f'<{request.path}>; rel="alternate"; type="{t}"' for t in error.offered)
    return response


def _turtle(body: dict) -> str:
    message = json.dumps(body["message"], ensure_ascii=False)  # a valid Turtle string literal
    return (f"@prefix http: <{HTTP_VOCAB}> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n"
            f"[] a http:Response ;\n  http:statusCodeValue {body['status']} ;\n"
            f"  http:reasonPhrase {json.dumps(body['error'])} ;\n  rdfs:comment {message}@en .\n")
