"""Errors that carry their HTTP status and CLI exit code.

One handler renders them (app.py for HTTP, cli.py for the command line), so no caller ever
shows a traceback or a raw ``str(exception)`` of a library error to a user.
Exit codes: 0 ok, 1 data does not conform or query failed, 2 usage, load or configuration error.
"""

from __future__ import annotations


class PublisherError(Exception):
    """Base class: a message meant for the user, with an HTTP status and an exit code."""

    http_status = 500
    exit_code = 2
    title = "Internal Server Error"

    def __init__(self, message: str, *, detail: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}

    def to_dict(self) -> dict:
        body = {"status": self.http_status, "error": self.title, "message": self.message}
        body.update(self.detail)
        return body


class LoadError(PublisherError):
    """A data or ontology file cannot be read or parsed; names the file, line and column."""

    title = "Load Error"

    def __init__(self, path, message: str, line: int | None = None, column: int | None = None):
        where = str(path) + (f":{line}" if line else "") + (f":{column}" if line and column else "")
        super().__init__(f"{where}: {message}", detail={"file": str(path), "line": line, "column": column})
        self.path, self.line, self.column = path, line, column


class NotConforming(PublisherError):
    exit_code = 1
    title = "Data Does Not Conform"


class BadRequest(PublisherError):
    http_status = 400
    exit_code = 2
    title = "Bad Request"


class QueryError(BadRequest):
    """A malformed or refused query (SPARQL 1.1 Protocol 2.1.4: 400 with a message)."""

    exit_code = 1
    title = "Malformed Query"


class RefusedQuery(BadRequest):
    exit_code = 1
    title = "Query Refused"


class NotFound(PublisherError):
    http_status = 404
    exit_code = 1
    title = "Not Found"


class MethodNotAllowed(PublisherError):
    http_status = 405
    title = "Method Not Allowed"

    def __init__(self, message: str, allowed: list[str]):
        super().__init__(message, detail={"allowed": allowed})
        self.allowed = allowed


class NotAcceptable(PublisherError):
    """RFC 9110 15.5.7: none of the offered media types is acceptable to the client."""

    http_status = 406
    title = "Not Acceptable"

    def __init__(self, message: str, offered: list[str]):
        super().__init__(message, detail={"offered": offered})
        self.offered = offered


class PayloadTooLarge(PublisherError):
    http_status = 413
    title = "Content Too Large"


class UnsupportedMediaType(PublisherError):
    http_status = 415
    title = "Unsupported Media Type"


class QueryTimeout(PublisherError):
    http_status = 503
    exit_code = 1
    title = "Query Timeout"


class ServiceUnavailable(PublisherError):
    http_status = 503
    title = "Service Unavailable"
