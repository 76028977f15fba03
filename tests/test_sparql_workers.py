"""The worker pool: results, a timeout that really stops the work, and a pool that recovers."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from publisher.errors import QueryError, QueryTimeout
from publisher.queryworkers import Job, QueryPool, UnionStore

G1, G2, G3 = "http://example.org/g1", "http://example.org/g2", "http://example.org/g3"
NQUADS = "".join(
    f'<http://example.org/s{i}> <http://example.org/p> "{i}" <{g}> .\n'
    for g in (G1, G2) for i in range(300)  # the same 300 triples in two graphs
).encode() + b'<http://example.org/only3> <http://example.org/p> "x" <' + G3.encode() + b"> .\n"
CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def job(sparql, form="SELECT", default=(G1, G2), named=(G1, G2, G3), max_rows=1000):
    as_tuple = (lambda graphs: None if graphs is None else tuple(graphs))
    return Job(sparql, form, as_tuple(default), as_tuple(named), max_rows, "http://example.org/sparql")


@pytest.fixture(scope="module")
def pool():
    with QueryPool(NQUADS, (G1, G2), (G1, G2, G3), size=2) as started:
        yield started


def test_default_graph_is_a_merge_not_a_bag(pool):
    """SPARQL 1.1 Query §13.1: a triple in two data graphs is one triple of the default graph."""
    for default in (None, (G1, G2)):  # the dataset's own, or the same graphs named explicitly
        result = pool.run(job("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", default=default), 10)
        assert result.rows[0][0].value == "300"


def test_private_union_graphs_are_never_named(pool):
    pool.run(job("ASK { ?s ?p ?o }", form="ASK", default=(G2, G3)), 10)  # materializes a union
    result = pool.run(job("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }", named=None), 10)
    assert sorted(row[0].value for row in result.rows) == [G1, G2, G3]


def test_other_unions_are_merges_too():
    store = UnionStore(NQUADS, (G1,), (G1, G2, G3))
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    assert store.run(job(count, default=(G1, G2, G3))).rows[0][0].value == "301"
    assert store.run(job(count, default=(G3,))).rows[0][0].value == "1"
    assert store.run(job(count, default=())).rows[0][0].value == "0"


def test_graph_reaches_only_the_named_graphs(pool):
    result = pool.run(job("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }", named=(G3,)), 10)
    assert [row[0].value for row in result.rows] == [G3]


def test_rows_are_capped(pool):
    result = pool.run(job("SELECT * { ?s ?p ?o }", max_rows=10), 10)
    assert len(result.rows) == 10 and result.truncated


def test_oxigraph_syntax_errors_carry_the_position(pool):
    with pytest.raises(QueryError) as caught:
        pool.run(job("SELECT * { ?s ?p }"), 10)
    assert caught.value.detail["line"] == 1 and caught.value.detail["column"] > 1


def test_timeout_kills_the_query_and_the_pool_recovers(pool):
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        pool.run(job(CARTESIAN), 1.0)
    assert time.monotonic() - started < 2.0
    # the other worker still answers at once, and the killed one is replaced
    assert pool.run(job("ASK { ?s ?p ?o }", form="ASK"), 5).boolean is True
    deadline = time.monotonic() + 30
    while pool.size < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert pool.size == 2


def test_a_worker_that_dies_while_starting_is_an_error_not_a_hang():
    """A program read from standard input cannot be re-imported by a 'spawn' child, so its
    workers die at once: the pool must say so, not wait. The data is larger than a pipe's
    buffer, which is what once made the parent block for ever writing it to a dead child."""
    program = ("from publisher.queryworkers import QueryPool\n"
               "data = b'<http://e/s> <http://e/p> \"x\" <http://e/g> .\\n' * 20000\n"
               "try:\n    QueryPool(data, (), (), size=2)\n"
               "except Exception as error:\n    print(type(error).__name__, error)\n")
    result = subprocess.run([sys.executable, "-"], input=program, capture_output=True, text=True,
                            timeout=100)  # a guard against the hang, not a speed assertion
    assert "ServiceUnavailable" in result.stdout and "failed to start" in result.stdout
