"""The peer the benchmarks measure against: ``oxigraph serve-read-only`` on the same data.

Shared by bench_describe.py and bench_sparql.py, so both compare against the same server set up
the same way: the data's quads, plus the union of the data graphs written once into the default
graph (a set union, as our endpoint's default graph is; oxigraph's --union-default-graph would
count a triple stated by two sources twice).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
import requests

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 120) -> None:
    """Wait until a SPARQL endpoint answers ``ASK {}``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not start")


def with_union_default_graph(nquads: bytes, data_graphs: list[str]) -> bytes:
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    data = {ox.NamedNode(g) for g in data_graphs}
    union = {ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads if q.graph_name in data}
    return ox.serialize(quads + sorted(union, key=str), format=ox.RdfFormat.N_QUADS)


def binary() -> str:
    found = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
    if not found:
        raise SystemExit("the oxigraph CLI is missing: pip install 'oxigraph>=0.5.13,<0.6'")
    return found


@contextlib.contextmanager
def oxigraph_server(nquads: bytes, data_graphs: list[str]) -> Iterator[str]:
    """Run ``oxigraph serve-read-only`` on the data; yield its query endpoint URL."""
    oxigraph = binary()
    with tempfile.TemporaryDirectory(prefix="bench-oxigraph-") as folder:
        data = Path(folder) / "data.nq"
        data.write_bytes(with_union_default_graph(nquads, data_graphs))
        subprocess.run([oxigraph, "load", "--location", f"{folder}/db", "--file", str(data)],
                       check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen([oxigraph, "serve-read-only", "--location", f"{folder}/db",
                                   "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/query"
        try:
            wait_for(url)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)
