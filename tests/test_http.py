"""HTTP: ETag and Last-Modified, 304 (RFC 9110 §13), HEAD, CORS and preflight, errors."""

from __future__ import annotations

import time

import pytest

from publisher.httpcache import LRU, http_date, not_modified, strong_etag

PATHS = ["/doc/organisation/hefce", "/doc/organisation/hefce.jsonld", "/def/Partnership", "/def/",
         "/dataset", "/dataset.ttl", "/graph/fixture-lga-hub", "/context.jsonld", "/sitemap.xml",
         f"/graph-store?graph=https://w3id.org/leading-places/graph/fixture-lga-hub"]
ETAG = '"0123abcd"'
LAST_MODIFIED = 1_700_000_000.0


# -- pure functions ---------------------------------------------------------------------------

@pytest.mark.parametrize("if_none_match,if_modified_since,expected", [
    (None, None, False),
    (ETAG, None, True),
    (f'"other", {ETAG}', None, True),
    (f"W/{ETAG}", None, True),  # weak comparison for GET (RFC 9110 13.1.2)
    ("*", None, True),
    ('"other"', None, False),
    (None, http_date(LAST_MODIFIED), True),
    (None, http_date(LAST_MODIFIED + 60), True),
    (None, http_date(LAST_MODIFIED - 60), False),
    (None, "not a date", False),
    # If-None-Match takes precedence: a stale tag means 200 even with a fresh date (13.1.3)
    ('"other"', http_date(LAST_MODIFIED + 60), False),
    (ETAG, http_date(LAST_MODIFIED - 60), True),
])
def test_conditional_evaluation(if_none_match, if_modified_since, expected):
    assert not_modified(ETAG, LAST_MODIFIED, if_none_match, if_modified_since) is expected


def test_strong_etag_is_a_hash_of_the_bytes():
    assert strong_etag(b"a") == strong_etag(b"a") != strong_etag(b"b")
    assert strong_etag(b"a").startswith('"') and not strong_etag(b"a").startswith("W/")


def test_lru_is_bounded():
    cache = LRU(size=2)
    for key in "abc":
        cache.get_or_make(key, lambda k=key: k.upper())
    assert len(cache) == 2
    assert cache.get_or_make("c", lambda: "new") == "C"
    assert cache.get_or_make("a", lambda: "again") == "again"  # evicted, made again


# -- through the app --------------------------------------------------------------------------

@pytest.mark.parametrize("path", PATHS)
def test_etag_and_304(fixture_client, path):
    first = fixture_client.get(path)
    assert first.status_code == 200
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag.startswith('"')
    assert "max-age" in first.headers["Cache-Control"]
    again = fixture_client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    assert fixture_client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    stale = fixture_client.get(path, headers={"If-None-Match": '"stale"', "If-Modified-Since": modified})
    assert stale.status_code == 200


def test_etag_differs_per_representation(fixture_client):
    tags = {fixture_client.get(f"/doc/organisation/hefce.{s}").headers["ETag"] for s in ("ttl", "nt", "jsonld")}
    assert len(tags) == 3
    negotiated = fixture_client.get("/doc/organisation/hefce", headers={"Accept": "application/n-triples"})
    assert negotiated.headers["ETag"] == fixture_client.get("/doc/organisation/hefce.nt").headers["ETag"]


@pytest.mark.parametrize("path", PATHS + ["/id/organisation/hefce", "/"])
def test_head_has_the_headers_and_no_body(fixture_client, path):
    get, head = fixture_client.get(path), fixture_client.head(path)
    assert head.status_code == get.status_code
    assert head.data == b""
    for name in ("Content-Type", "ETag", "Link", "Content-Location", "Vary", "Location"):
        assert head.headers.get(name) == get.headers.get(name), name


def test_head_of_unknown_is_404_without_body(fixture_client):
    response = fixture_client.head("/doc/organisation/nobody")
    assert response.status_code == 404 and response.data == b""


@pytest.mark.parametrize("path", PATHS + ["/id/organisation/hefce"])
def test_cors_on_data(fixture_client, path):
    response = fixture_client.get(path, headers={"Origin": "https://example.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    exposed = response.headers.get("Access-Control-Expose-Headers", "")
    for name in ("ETag", "Link", "Content-Location"):
        assert name in exposed


@pytest.mark.parametrize("path", ["/doc/organisation/hefce", "/dataset.ttl", "/graph-store", "/context.jsonld"])
def test_preflight(fixture_client, path):
    response = fixture_client.options(path, headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "accept, if-none-match"})
    assert response.status_code in (200, 204)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    methods = response.headers["Access-Control-Allow-Methods"]
    assert "GET" in methods and "HEAD" in methods and "OPTIONS" in methods and "PUT" not in methods
    allowed_headers = response.headers["Access-Control-Allow-Headers"].lower()
    assert "accept" in allowed_headers and "if-none-match" in allowed_headers


def test_errors_are_negotiated_and_open(fixture_client):
    for accept, mimetype in (("application/json", "application/json"), ("text/html", "text/html"),
                             ("text/turtle", "text/turtle")):
        response = fixture_client.get("/doc/organisation/nobody", headers={"Accept": accept})
        assert response.status_code == 404 and response.mimetype == mimetype
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert b"Traceback" not in response.data


def test_405_on_data_routes(fixture_client):
    response = fixture_client.post("/doc/organisation/hefce", data="x")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]


def test_500_is_negotiated_never_a_traceback(fixture_app, fixture_client, monkeypatch):
    store = fixture_app.extensions["publisher"].store
    monkeypatch.setattr(store, "describe", lambda iri: 1 / 0)
    response = fixture_client.get("/doc/organisation/never-rendered-before", headers={"Accept": "application/json"})
    assert response.status_code == 500 and response.json["status"] == 500
    assert b"ZeroDivisionError" not in response.data and b"Traceback" not in response.data


def test_cached_representation_is_fast(fixture_client):
    fixture_client.get("/doc/organisation/lga.jsonld")
    start = time.perf_counter()
    for _ in range(50):
        assert fixture_client.get("/doc/organisation/lga.jsonld").status_code == 200
    assert (time.perf_counter() - start) / 50 < 0.02
