"""The application factory: start-up does ① load, ② validate and ③ store once; requests only read.

``create_app(settings, store=...)`` lets tests hand in a store; there is no module-level app.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from . import errors
from .config import Settings
from .errors import NotConforming, PublisherError
from .load import load
from .queryworkers import attach_query_engine
from .routes import dataset, resources, sparql
from .siteindex import SiteIndex, build_site_index
from .store import EmbeddedStore, Store
from .validate import ValidationReport, validate

log = logging.getLogger(__name__)


@dataclass
class Publisher:
    """What every request handler may use: settings, the store, the start-up validation report."""

    settings: Settings
    store: Store
    report: ValidationReport | None = None
    index: "SiteIndex | None" = None  # labels, types, sources, succession: built once at start-up


def build_store(settings: Settings) -> tuple[Store, ValidationReport]:
    """Load and validate the data, refusing non-conforming data unless allowed."""
    loaded = load(settings)
    report = validate(loaded)
    if not report.conforms and not settings.allow_invalid:
        raise NotConforming(f"the data does not conform to its shapes: {report.violations} violation(s); "
                            "run 'publisher validate' for the report", detail={"report": report})
    return make_store(loaded, settings), report


def make_store(loaded, settings: Settings) -> Store:
    store = EmbeddedStore.from_loaded(loaded, settings)
    attach_query_engine(store, loaded, settings)  # starts the SPARQL worker processes
    return store


def create_app(settings: Settings | None = None, *, store: Store | None = None,
               report: ValidationReport | None = None) -> Flask:
    settings = settings or Settings()
    if store is None:
        store, report = build_store(settings)
    app = Flask(__name__)
    app.config["JSON_SORT_KEYS"] = False
    app.extensions["publisher"] = Publisher(settings, store, report, build_site_index(store, settings))
    _register_blueprints(app)
    dataset.warm(app)
    app.register_error_handler(PublisherError, _publisher_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    return app


def publisher_of(app: Flask) -> Publisher:
    return app.extensions["publisher"]


def _register_blueprints(app: Flask) -> None:
    for module in (resources, dataset, sparql):
        app.register_blueprint(module.bp)


def _publisher_error(error: PublisherError) -> Response:
    from .errorpages import error_response

    return error_response(error, request)


def _http_error(error: HTTPException) -> Response:
    """Werkzeug's own errors (404 for unknown paths, 405) in the negotiated format."""
    mapped = {404: errors.NotFound, 405: None, 413: errors.PayloadTooLarge, 415: errors.UnsupportedMediaType}
    status = error.code or 500
    if status == 405:
        allowed = sorted(getattr(error, "valid_methods", None) or [])
        converted: PublisherError = errors.MethodNotAllowed(
            f"{request.method} is not allowed here; allowed: {', '.join(allowed)}", allowed=allowed)
    elif status in mapped:
        converted = mapped[status](_describe_http(error))
    else:
        converted = PublisherError(_describe_http(error))
        converted.http_status, converted.title = status, error.name
    return _publisher_error(converted)


def _describe_http(error: HTTPException) -> str:
    if error.code == 404:
        return f"nothing is published at {request.path}"
    return error.description or error.name


def _unexpected_error(error: Exception) -> Response:
    log.exception("unexpected error while serving %s", request.path)
    return _publisher_error(PublisherError("an unexpected error occurred; it has been logged"))
