"""A small pool of worker processes that run SPARQL queries with a wall-clock timeout.

pyoxigraph cannot interrupt a running query, and a thread cannot be killed, so a query that
runs too long can only be stopped by ending the process that runs it. Each worker is a
process (the 'spawn' start method: no fork of a threaded server) that loads the N-Quads file
the pool writes once into its own in-memory pyoxigraph store, at start-up, then answers one query at a time
over a pipe. The caller waits up to the timeout; on timeout the worker is killed (SIGKILL),
a replacement is started in the background, and ``QueryTimeout`` (503) is raised. Other
requests (and the other workers) go on being served meanwhile.

Pure Python, no Flask.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import re
import tempfile
import threading
import time
import uuid
import weakref
from dataclasses import dataclass

import pyoxigraph as ox

from .errors import PublisherError, QueryError, QueryTimeout, ServiceUnavailable
from .results import QueryResult, from_oxigraph

START_TIMEOUT = 120.0  # seconds a new worker may take to load the data


@dataclass(frozen=True)
class Job:
    """One query for a worker. Graph IRIs are strings; ``default_graphs`` is the list of graphs
    whose union is the default graph, ``named_graphs`` those reachable with GRAPH; None (the
    usual case, and a small message) stands for the dataset's own."""

    sparql: str
    form: str
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    max_rows: int
    base_iri: str | None = None


class UnionStore:
    """A pyoxigraph store in which the default graph of a query is an RDF merge (a set).

    pyoxigraph evaluates ``default_graph=[g1, g2]`` as a bag: a triple stated by two sources
    would come back twice. SPARQL 1.1 Query §13.1 wants the merge, each triple once. So the
    union of the data graphs is written once into the store's own default graph (which holds
    nothing else: the loader refuses triples outside named graphs), and any other union the
    protocol asks for (``default-graph-uri`` twice or more) is materialized on first use into
    a private graph that no query can name (GRAPH only reaches the graphs listed in the job).
    """

    MAX_UNIONS = 8

    def __init__(self, nquads: bytes, data_graphs, named_graphs) -> None:
        self.store = ox.Store()
        self.store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        self._unions: dict[tuple[str, ...], ox.NamedNode] = {}
        self._materialize(tuple(sorted(set(data_graphs))), ox.DefaultGraph())
        self._named = [ox.NamedNode(g) for g in named_graphs]

    def default_graph(self, graphs: tuple[str, ...] | None) -> list:
        if graphs is None:
            return [ox.DefaultGraph()]
        key = tuple(sorted(set(graphs)))
        if len(key) <= 1:
            return [ox.NamedNode(g) for g in key]
        if key not in self._unions:
            if len(self._unions) > self.MAX_UNIONS:
                self._forget_oldest()
            self._materialize(key, ox.NamedNode(f"urn:x-leading-places:union:{uuid.uuid4()}"))
        return [self._unions[key]]

    def _materialize(self, key: tuple[str, ...], target) -> None:
        quads = (ox.Quad(q.subject, q.predicate, q.object, target) for g in key
                 for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
        self.store.bulk_extend(list(quads))
        self._unions[key] = target

    def _forget_oldest(self) -> None:
        key = next(k for k, g in self._unions.items() if isinstance(g, ox.NamedNode))
        self.store.remove_graph(self._unions.pop(key))

    def run(self, job: Job) -> QueryResult:
        """Run ``job`` here, in this process, and read at most ``job.max_rows``."""
        result = self.store.query(job.sparql, base_iri=job.base_iri,
                                  default_graph=self.default_graph(job.default_graphs),
                                  named_graphs=self._named_graphs(job.named_graphs))
        return from_oxigraph(result, job.form, job.max_rows)

    def _named_graphs(self, graphs: tuple[str, ...] | None) -> list:
        return self._named if graphs is None else [ox.NamedNode(g) for g in graphs]


def _worker_main(conn, nquads_path: str, graphs: tuple[tuple[str, ...], tuple[str, ...]]) -> None:
    """The body of a worker process: load, say "ready", then answer jobs until told to stop."""
    with open(nquads_path, "rb") as data:
        store = UnionStore(data.read(), *graphs)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        conn.send(answer(store, job))


def answer(store: UnionStore, job: Job) -> tuple:
    """Run ``job``; the outcome as a picklable tuple (exceptions do not cross processes well)."""
    try:
        return ("ok", store.run(job))
    except SyntaxError as exc:
        return ("syntax", str(exc))
    except Exception as exc:  # noqa: BLE001 - reported to the caller, the worker lives on
        return ("error", f"{type(exc).__name__}: {exc}")


class Worker:
    """One worker process and our end of its pipe."""

    def __init__(self, context, nquads_path: str, graphs: tuple) -> None:
        # The data goes by file, not as an argument: 'spawn' pickles arguments into a pipe to
        # the child, and a child that dies before reading it would block that write for ever.
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, nquads_path, graphs), daemon=True,
                                       name="sparql-worker")
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        """Wait for "ready", noticing at once a worker that died while starting: its pipe may
        not report EOF while the parent's resource sharer still holds a copy of it."""
        deadline = time.monotonic() + timeout
        ready = False
        try:
            while self.process.is_alive() and time.monotonic() < deadline:
                if self.conn.poll(0.05):
                    ready = self.conn.recv() == "ready"
                    break
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.kill()
            raise ServiceUnavailable(f"a SPARQL query worker failed to start (exit code {self.process.exitcode})")

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(2)
        self.kill()


class QueryPool:
    """``size`` worker processes, each with its own copy of the data.

    ``run(job, timeout)`` waits for a free worker (at most ``timeout`` seconds), then for the
    answer (at most what remains of ``timeout``). Workers are started here, at start-up, and
    never in a request: a replacement for a killed worker starts in a background thread.
    """

    def __init__(self, nquads: bytes, data_graphs, named_graphs, size: int = 2, context: str = "spawn") -> None:
        self._nquads_path = _write_data(nquads)
        # Removed by close(), or at the latest when the pool is collected or the interpreter exits.
        self._remove_data = weakref.finalize(self, _remove, self._nquads_path)
        self._graphs = (tuple(data_graphs), tuple(named_graphs))
        self._context = multiprocessing.get_context(context)
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()
        self._all = {Worker(self._context, self._nquads_path, self._graphs) for _ in range(max(1, size))}
        try:
            for worker in self._all:
                worker.wait_ready(START_TIMEOUT)
                self._idle.put(worker)
        except ServiceUnavailable:
            self.close()  # no half-started pool: stop the workers that did start
            raise

    def run(self, job: Job, timeout: float) -> QueryResult:
        deadline = time.monotonic() + timeout
        worker = self._acquire(timeout)
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimeout(f"the query did not finish within {timeout:g} seconds and was stopped")
            outcome = worker.conn.recv()
        except PublisherError:
            self._replace(worker)
            raise
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise ServiceUnavailable("the query worker stopped unexpectedly") from exc
        self._idle.put(worker)
        return unwrap(outcome)

    def _acquire(self, timeout: float) -> Worker:
        if self._closed:
            raise ServiceUnavailable("the query service is shut down")
        try:
            return self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout(f"all query workers stayed busy for {timeout:g} seconds; "
                               "try again later") from None

    def _replace(self, worker: Worker) -> None:
        """Kill ``worker`` now; start its replacement in the background."""
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        if not self._closed:
            threading.Thread(target=self._start_one, daemon=True, name="sparql-worker-start").start()

    def _start_one(self) -> None:
        worker = Worker(self._context, self._nquads_path, self._graphs)
        try:
            worker.wait_ready(START_TIMEOUT)
        except ServiceUnavailable:
            return
        with self._lock:
            if self._closed:
                worker.stop()
                return
            self._all.add(worker)
        self._idle.put(worker)

    @property
    def size(self) -> int:
        return len(self._all)

    def close(self) -> None:
        """Stop every worker. Idempotent."""
        with self._lock:
            self._closed = True
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()
        self._remove_data()

    def __enter__(self) -> "QueryPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _write_data(nquads: bytes) -> str:
    """The N-Quads the workers load, in a private temporary file removed by ``close``."""
    descriptor, path = tempfile.mkstemp(prefix="lp-sparql-", suffix=".nq")
    with os.fdopen(descriptor, "wb") as out:
        out.write(nquads)
    return path


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def unwrap(outcome: tuple) -> QueryResult:
    """The result of ``answer``, or the PublisherError it stands for."""
    status, payload = outcome
    if status == "ok":
        return payload
    if status == "syntax":
        raise oxigraph_syntax_error(payload)
    raise QueryError(f"the query could not be evaluated: {payload}")


def oxigraph_syntax_error(message: str) -> QueryError:
    """pyoxigraph's SyntaxError reads "error at LINE:COLUMN: what was expected"."""
    found = re.match(r"error at (\d+):(\d+)", message)
    line, column = (int(found[1]), int(found[2])) if found else (None, None)
    return QueryError(f"syntax error: {message}", detail={"line": line, "column": column})


def attach_query_engine(store, loaded, settings) -> None:
    """Give an ``EmbeddedStore`` its SPARQL engine: ``settings.query_workers`` worker processes,
    started now (at application start-up, never in a request). Called by ``app.make_store``."""
    from .sparql import QueryEngine, known_graphs  # not at the top: workers import this module

    data_graphs = [str(g) for g in loaded.data_graphs]
    named = known_graphs(data_graphs, settings)
    pool = QueryPool(loaded.nquads, data_graphs, named, settings.query_workers)
    store.attach_engine(QueryEngine(pool, settings, named))
