"""Shared fixtures: the app built once per session, in-process clients and a live server.

* ``app`` / ``client``: the bundled data (data/*.trig). Strict when the data conforms to its
  shapes; while it does not yet, built with ``allow_invalid`` (so tests of the server do not wait
  for the data). When data/ holds no TriG file yet, the fixture dataset stands in.
* ``fixture_app`` / ``fixture_client``: always the small dataset in tests/fixtures/data (known
  contents: HEFCE and its successors, a hostile ``<script>`` title, two graphs).
* ``live_server`` / ``fixture_live_server``: the same apps on waitress, on an ephemeral port of
  127.0.0.1, in a thread; each returns its base URL without a trailing slash.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from publisher.app import create_app
from publisher.config import Settings
from publisher.load import load
from publisher.store import EmbeddedStore
from publisher.validate import validate

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_DATA = FIXTURES / "data"


def bundled_settings() -> Settings:
    settings = Settings()
    if not any(Path(settings.data_dir).glob("*.trig")):
        return Settings(data_dir=FIXTURE_DATA)
    return settings


def build_app(settings: Settings, *, sparql: bool = True):
    """Load and validate once; allow non-conforming data (reported, not refused) in tests."""
    loaded = load(settings)
    report = validate(loaded)
    settings = settings.with_(allow_invalid=not report.conforms)
    if sparql:
        from publisher.app import make_store

        store = make_store(loaded, settings)
    else:
        store = EmbeddedStore.from_loaded(loaded, settings)
    return create_app(settings, store=store, report=report)


@pytest.fixture(scope="session")
def app():
    application = build_app(bundled_settings())
    yield application
    application.extensions["publisher"].store.close()


@pytest.fixture(scope="session")
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def fixture_app():
    application = build_app(Settings(data_dir=FIXTURE_DATA), sparql=False)
    yield application
    application.extensions["publisher"].store.close()


@pytest.fixture(scope="session")
def fixture_client(fixture_app):
    return fixture_app.test_client()


class LiveServer:
    """waitress serving ``app`` on 127.0.0.1 and a free port, in a daemon thread."""

    def __init__(self, app, threads: int = 4) -> None:
        from waitress.server import create_server

        self.server = create_server(app, host="127.0.0.1", port=0, threads=threads, ident="leading-places-test")
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return self.url

    def __exit__(self, *exc) -> None:
        self.server.close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(app):
    with LiveServer(app) as url:
        yield url


@pytest.fixture(scope="session")
def fixture_live_server(fixture_app):
    with LiveServer(fixture_app) as url:
        yield url
