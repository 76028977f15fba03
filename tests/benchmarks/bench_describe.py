"""Benchmark: requests per second for /doc/ in each format, in-process and live, against
``oxigraph serve-read-only`` answering the equivalent DESCRIBE-like CONSTRUCT.

Run on demand (not collected by pytest):

    .venv/bin/python tests/benchmarks/bench_describe.py [--seconds 3] [--clients 8] [--things 40]

What is measured:
* in-process, cold: each request renders (the representation cache is cleared first);
* in-process, warm: the same requests served from the representation cache;
* live: ``publisher serve`` (waitress, 8 threads) in its own process on 127.0.0.1, ``--clients``
  concurrent keep-alive clients (requests);
* oxigraph: the same N-Quads loaded into ``oxigraph serve-read-only`` (tests/benchmarks/peers.py),
  the same clients sending a CONSTRUCT that returns the same triples as /doc/ (own statements,
  blank-node closure to depth 2, statements pointing to the thing, labels of linked things),
  as Turtle. The ratio is ours (live, Turtle) / oxigraph's.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import requests

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from peers import free_port, oxigraph_server  # noqa: E402

from publisher.formats import DESCRIPTION_FORMATS  # noqa: E402
from publisher.httpcache import site_of  # noqa: E402
from tests.conftest import LiveServer, build_app, bundled_settings  # noqa: E402
from tests.rdfcompare import doc_path, things  # noqa: E402

FORMATS = [f for f in DESCRIPTION_FORMATS]
CONSTRUCT = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT {{ <{iri}> ?p ?o . ?b ?bp ?bo . ?s ?q <{iri}> . ?x rdfs:label ?label . }}
WHERE {{
  {{ <{iri}> ?p ?o }}
  UNION {{ <{iri}> ?p0 ?b . FILTER(isBlank(?b)) ?b ?bp ?bo }}
  UNION {{ <{iri}> ?p0 ?b0 . FILTER(isBlank(?b0)) ?b0 ?p1 ?b . FILTER(isBlank(?b)) ?b ?bp ?bo }}
  UNION {{ ?s ?q <{iri}> }}
  UNION {{ <{iri}> ?p2 ?x . ?x rdfs:label ?label }}
  UNION {{ ?x ?p3 <{iri}> . ?x rdfs:label ?label }}
  UNION {{ <{iri}> ?x ?o4 . ?x rdfs:label ?label }}
  UNION {{ ?s5 ?x <{iri}> . ?x rdfs:label ?label }}
}}"""


def rate(fn, requests_list: list, seconds: float, clients: int = 1) -> float:
    """Requests per second calling ``fn(item)`` over the list, round robin, for ``seconds``."""
    deadline = time.perf_counter() + seconds
    counts = [0] * clients

    def worker(index: int) -> None:
        i = index
        while time.perf_counter() < deadline:
            fn(requests_list[i % len(requests_list)])
            counts[index] += 1
            i += clients

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, range(clients)))
    return sum(counts) / (time.perf_counter() - start)


def in_process(app, paths: list[str], seconds: float) -> None:
    client = app.test_client()
    cache = site_of(app).representations
    print(f"\nin-process (Flask test client), {len(paths)} things")
    print(f"  {'format':10} {'cold req/s':>12} {'warm req/s':>12}")
    for fmt in FORMATS:
        urls = [f"{p}.{fmt.suffix}" for p in paths]

        def get(url):
            assert client.get(url).status_code == 200

        cache._items.clear()
        start = time.perf_counter()
        for url in urls:
            get(url)
        cold = len(urls) / (time.perf_counter() - start)
        warm = rate(get, urls, seconds)
        print(f"  {fmt.suffix:10} {cold:12.0f} {warm:12.0f}")


def live(app, paths: list[str], seconds: float, clients: int, same_process: bool) -> dict[str, float]:
    results = {}
    local = threading.local()
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth" under load
    server = LiveServer(app, threads=8) if same_process else ServeProcess(app)
    with server as url:
        where = "in this process" if same_process else "'publisher serve' in its own process"
        print(f"\nlive (waitress, 8 threads, {where}; {clients} concurrent clients)")
        for fmt in FORMATS:
            urls = [f"{url}{p}.{fmt.suffix}" for p in paths]
            for u in urls:  # warm the cache: every request after this is a cache hit
                requests.get(u)
            results[fmt.suffix] = rate(lambda u: _get(local, u), urls, seconds, clients)
            print(f"  {fmt.suffix:10} {results[fmt.suffix]:12.0f} req/s")
    return results


def _get(local, url: str, **kwargs) -> None:
    session = getattr(local, "session", None)
    if session is None:
        session = local.session = requests.Session()
    response = session.get(url, **kwargs) if "data" not in kwargs else session.post(url, **kwargs)
    assert response.status_code == 200, response.text[:200]


class ServeProcess:
    """``python -m publisher serve`` on a free port, in its own process (as oxigraph is), so
    the benchmark's client threads do not share the server's interpreter lock."""

    def __init__(self, app) -> None:
        settings = app.extensions["publisher"].settings
        self.port = free_port()
        self.command = [sys.executable, "-m", "publisher", "serve", "--data", str(settings.data_dir),
                        "--port", str(self.port), "--threads", "8"]
        if settings.allow_invalid:
            self.command.append("--allow-invalid")

    def __enter__(self) -> str:
        self.process = subprocess.Popen(self.command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{self.port}"
        for _ in range(600):
            try:
                requests.get(url + "/robots.txt", timeout=1)
                return url
            except requests.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("publisher serve did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def oxigraph(app, iris: list[str], seconds: float, clients: int) -> float:
    store = app.extensions["publisher"].store
    nquads = ox.serialize(store.quads(), format=ox.RdfFormat.N_QUADS)
    with oxigraph_server(nquads, store.data_graphs()) as endpoint:
        return _bench_oxigraph(endpoint, iris, seconds, clients)


def _bench_oxigraph(endpoint: str, iris: list[str], seconds: float, clients: int) -> float:
    local = threading.local()
    queries = [CONSTRUCT.format(iri=iri) for iri in iris]
    headers = {"Accept": "text/turtle", "Content-Type": "application/sparql-query"}
    for q in queries[:3]:
        _get(local, endpoint, data=q.encode(), headers=headers)
    result = rate(lambda q: _get(local, endpoint, data=q.encode(), headers=headers), queries, seconds, clients)
    print(f"\noxigraph serve-read-only, CONSTRUCT as Turtle ({clients} concurrent clients)")
    print(f"  {'ttl':10} {result:12.0f} req/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds per measurement")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    parser.add_argument("--things", type=int, default=40, help="how many things to cycle over")
    parser.add_argument("--same-process", action="store_true",
                        help="run the live server in a thread of this process (shares the GIL with the clients)")
    args = parser.parse_args()
    app = build_app(bundled_settings(), sparql=False)
    iris = things(app, limit=None)
    step = max(1, len(iris) // args.things)
    iris = iris[::step][:args.things]
    paths = [doc_path(app, iri) for iri in iris]
    print(f"data: {len(app.extensions['publisher'].store.quads())} quads; cpu count {os.cpu_count()}")
    in_process(app, paths, args.seconds)
    ours = live(app, paths, args.seconds, args.clients, args.same_process)
    theirs = oxigraph(app, iris, args.seconds, args.clients)
    print(f"\nratio (ours, live Turtle / oxigraph CONSTRUCT Turtle): {ours['ttl'] / theirs:.2f}")


if __name__ == "__main__":
    main()
