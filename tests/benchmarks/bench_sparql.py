"""Our /sparql endpoint against ``oxigraph serve-read-only`` on the same data, over HTTP.
On demand only (not collected by pytest; no timed assertions):

    .venv/bin/python tests/benchmarks/bench_sparql.py [--requests 200] [--seconds 5] [--clients 4]

Both servers hold the same quads, with the union of the data graphs written into the default
graph (as our query workers do), so they return the same answers to the same queries (the
queries of bench_engines.py). For each query: the median and 99th-percentile latency of
``--requests`` sequential requests on a keep-alive connection. Then throughput: ``--clients``
client processes send the queries round-robin for ``--seconds``. Every figure is printed for
both servers with the ratio ours / oxigraph. Clients and servers share this machine's cores.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from bench_engines import QUERIES, form_of  # noqa: E402
from peers import free_port, oxigraph_server, wait_for  # noqa: E402


def serve_ours(port: int) -> None:
    """Run in a child process: our app on waitress, with the settings' defaults (no validation:
    the benchmark measures queries, not start-up)."""
    from waitress import serve

    from publisher.app import create_app, make_store
    from publisher.config import Settings
    from publisher.load import load

    settings = Settings(allow_invalid=True)
    serve(create_app(settings, store=make_store(load(settings), settings)), host="127.0.0.1", port=port,
          threads=8, _quiet=True)


@contextlib.contextmanager
def servers() -> Iterator[dict[str, str]]:
    """Our endpoint (in its own process) and oxigraph, on the same data."""
    from publisher.config import Settings
    from publisher.load import load

    loaded = load(Settings())
    port = free_port()
    ours = subprocess.Popen([sys.executable, __file__, "--serve-ours", str(port)], cwd=ROOT)
    try:
        with oxigraph_server(loaded.nquads, [str(g) for g in loaded.data_graphs]) as oxigraph:
            url = f"http://127.0.0.1:{port}/sparql"
            wait_for(url)
            yield {"ours": url, "oxigraph": oxigraph}
    finally:
        ours.terminate()
        ours.wait(10)


def accept(query: str) -> str:
    return "application/n-triples" if form_of(query) in ("CONSTRUCT", "DESCRIBE") else "application/sparql-results+json"


def latencies(session: requests.Session, url: str, query: str, count: int) -> list[float]:
    headers = {"Accept": accept(query)}
    for _ in range(5):  # warm up (and let our analysis cache see the query once)
        session.get(url, params={"query": query}, headers=headers).raise_for_status()
    times = []
    for _ in range(count):
        started = time.perf_counter()
        session.get(url, params={"query": query}, headers=headers).raise_for_status()
        times.append(time.perf_counter() - started)
    return times


def client(url: str, seconds: float, counter) -> None:
    session, queries = requests.Session(), list(QUERIES.values())
    done, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        query = queries[done % len(queries)]
        session.get(url, params={"query": query}, headers={"Accept": accept(query)}).raise_for_status()
        done += 1
    with counter.get_lock():
        counter.value += done


def throughput(url: str, clients: int, seconds: float) -> float:
    counter = multiprocessing.Value("i", 0)
    procs = [multiprocessing.Process(target=client, args=(url, seconds, counter)) for _ in range(clients)]
    started = time.perf_counter()
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return counter.value / (time.perf_counter() - started)


def p99(times: list[float]) -> float:
    return statistics.quantiles(times, n=100)[98] if len(times) >= 2 else times[0]


def report(urls: dict[str, str], count: int, clients: int, seconds: float) -> None:
    session = requests.Session()
    print(f"{'query':<42} {'ours med':>9} {'oxi med':>9} {'ratio':>6} {'ours p99':>9} {'oxi p99':>9} {'ratio':>6}  (ms)")
    for name, query in QUERIES.items():
        ours, oxi = (latencies(session, urls[k], query, count) for k in ("ours", "oxigraph"))
        m1, m2, q1, q2 = (statistics.median(ours) * 1000, statistics.median(oxi) * 1000,
                          p99(ours) * 1000, p99(oxi) * 1000)
        print(f"{name[:42]:<42} {m1:>9.2f} {m2:>9.2f} {m1 / m2:>5.1f}x {q1:>9.2f} {q2:>9.2f} {q1 / q2:>5.1f}x")
    ours_rps, oxi_rps = (throughput(urls[k], clients, seconds) for k in ("ours", "oxigraph"))
    print(f"\nthroughput, {clients} clients, {seconds:g} s, all queries round-robin: "
          f"ours {ours_rps:.0f} req/s, oxigraph {oxi_rps:.0f} req/s, ratio {ours_rps / oxi_rps:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--serve-ours", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_ours:
        serve_ours(args.serve_ours)
        return
    with servers() as urls:
        report(urls, args.requests, args.clients, args.seconds)


if __name__ == "__main__":
    main()
