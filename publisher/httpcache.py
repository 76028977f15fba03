"""HTTP caching and the response headers every data response carries.

Pure parts (no Flask): strong ETags from the bytes, RFC 9110 §13 conditional evaluation, a
bounded thread-safe LRU of rendered representations. The Flask part is ``send``, which turns a
``Rendered`` into a response with ETag, Last-Modified, Cache-Control, Vary, Content-Location and
Link headers, answering 304 when the client's copy is current, and ``cors``, the after-request
hook of the blueprints.

The data never changes while the server runs, so a representation rendered once can be served
again from memory; Last-Modified is the newest modification time of the loaded files.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Callable

from flask import Response

CACHE_CONTROL = "public, max-age=300"
CACHE_SIZE = 2048
# CORS (Fetch standard §3.2): data is public, never with credentials.
ALLOW_METHODS = "GET, HEAD, OPTIONS"
ALLOW_HEADERS = "Accept, Accept-Encoding, Content-Type, If-None-Match, If-Modified-Since"
EXPOSE_HEADERS = "ETag, Link, Content-Location, Last-Modified, Content-Encoding, Vary"


@dataclass(frozen=True)
class Rendered:
    """One representation: its bytes, its Content-Type and a strong ETag over the bytes."""

    body: bytes
    content_type: str
    etag: str = field(default="")

    def __post_init__(self) -> None:
        if not self.etag:
            object.__setattr__(self, "etag", strong_etag(self.body))


def strong_etag(body: bytes) -> str:
    """A strong entity tag (RFC 9110 §8.8.3): the same bytes always give the same tag."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def http_date(timestamp: float) -> str:
    from datetime import datetime, timezone

    return format_datetime(datetime.fromtimestamp(int(timestamp), timezone.utc), usegmt=True)


def last_modified_of(paths, default: float | None = None) -> float:
    """The newest modification time of the given files, or ``default`` (the start-up time)."""
    times = [Path(p).stat().st_mtime for p in paths if Path(p).is_file()]
    return max(times) if times else (default if default is not None else time.time())


def not_modified(etag: str, last_modified: float, if_none_match: str | None,
                 if_modified_since: str | None) -> bool:
    """RFC 9110 §13.2.2 steps 3-4 for GET/HEAD: If-None-Match, when present, decides (weak
    comparison, §13.1.2); only without it does If-Modified-Since count (§13.1.3)."""
    if if_none_match is not None:
        return _etag_matches(etag, if_none_match)
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError, IndexError):
            return False  # an invalid date is ignored (§13.1.3)
        return int(last_modified) <= since
    return False


def _etag_matches(etag: str, header: str) -> bool:
    if header.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == opaque for tag in header.split(","))


class LRU:
    """A bounded, thread-safe least-recently-used cache (waitress serves from several threads)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_make(self, key, make: Callable[[], object]):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
            self.misses += 1
        value = make()  # outside the lock: two threads may render the same thing once each
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)


def link_header(alternates: list[tuple[str, str]], canonical: str | None) -> str:
    """RFC 8288 links: each other representation (URL, media type) and the canonical URI."""
    links = [f'<{url}>; rel="alternate"; type="{media_type}"' for url, media_type in alternates]
    if canonical:
        links.append(f'<{canonical}>; rel="canonical"')
    return ", ".join(links)


def send(request, rendered: Rendered, last_modified: float, *, content_location: str | None = None,
         links: str | None = None, vary: str = "Accept", encoding: str | None = None) -> Response:
    """A 200 with the representation, or a 304 without body when the client's copy is current.
    HEAD gets the same headers (Werkzeug drops the body)."""
    current = not_modified(rendered.etag, last_modified, request.headers.get("If-None-Match"),
                           request.headers.get("If-Modified-Since"))
    response = Response(b"" if current else rendered.body, status=304 if current else 200,
                        content_type=rendered.content_type)
    headers = response.headers
    headers["ETag"] = rendered.etag
    headers["Last-Modified"] = http_date(last_modified)
    headers["Cache-Control"] = CACHE_CONTROL
    headers["Vary"] = vary
    if content_location:
        headers["Content-Location"] = content_location
    if links:
        headers["Link"] = links
    if encoding:
        headers["Content-Encoding"] = encoding
    if current:
        headers.pop("Content-Type", None)
    return response


def cors(response: Response) -> Response:
    """After-request hook: open data responses to every origin (never with credentials), and
    answer CORS preflight (OPTIONS) for the methods this blueprint serves."""
    headers = response.headers
    headers["Access-Control-Allow-Origin"] = "*"
    headers["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
    headers.setdefault("Access-Control-Allow-Methods", ALLOW_METHODS)
    headers.setdefault("Access-Control-Allow-Headers", ALLOW_HEADERS)
    headers.setdefault("Access-Control-Max-Age", "86400")
    return response


class Site:
    """Per-application state of the linked-data routes: the representation cache, the
    Last-Modified time, and values computed once on first use (dumps, sitemap)."""

    def __init__(self, last_modified: float, size: int = CACHE_SIZE) -> None:
        self.last_modified = last_modified
        self.representations = LRU(size)
        self._once: dict = {}
        self._lock = threading.RLock()  # re-entrant: the VoID is made from the dumps

    def once(self, key, make: Callable[[], object]):
        """``make()`` computed at most once per key for the life of the app (held in a lock,
        so concurrent first requests wait for one computation instead of repeating it)."""
        with self._lock:
            if key not in self._once:
                self._once[key] = make()
            return self._once[key]


SITE_KEY = "leading-places.site"


def site_of(app) -> Site:
    """The app's Site, created on first use from its settings (files' newest mtime)."""
    site = app.extensions.get(SITE_KEY)
    if site is None:
        settings = app.extensions["publisher"].settings
        files = sorted(Path(settings.data_dir).glob("*.trig"))
        files += [Path(settings.ontology_dir) / "lp.ttl", Path(settings.ontology_dir) / "lp.shapes.ttl"]
        site = app.extensions.setdefault(SITE_KEY, Site(last_modified_of(files)))
    return site
