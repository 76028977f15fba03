"""rdflib's SPARQL engine against pyoxigraph, on the real data and on a synthetic graph 100 times
larger of the same shape. On demand only (not collected by pytest; no timed assertions):

    .venv/bin/python tests/benchmarks/bench_engines.py [--scale 100] [--repeat 5] [--budget 20]

Both engines answer the same queries over the same default graph: the union (RDF merge) of the
data graphs, with the ontology as a named graph. The synthetic graph copies every data graph
``scale`` times, renaming each IRI under ``{base}id/`` and ``{base}graph/`` per copy, so the
shape (classes, degrees, paths) stays that of the real data. For each query the script prints the
median time of each engine over ``--repeat`` runs and the ratio rdflib / pyoxigraph; a run of
rdflib longer than ``--budget`` seconds stops further repeats of that query.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from publisher.config import Settings  # noqa: E402
from publisher.load import load  # noqa: E402
from publisher.queryworkers import Job, UnionStore  # noqa: E402
from publisher.sparql import EXAMPLES, prefix_declarations  # noqa: E402

BASE = Settings().base_uri
HEFCE = BASE + "id/organisation/hefce"
PREFIXES = prefix_declarations(BASE)
QUERIES = {
    "lookup (one subject)": f"SELECT ?p ?o WHERE {{ <{HEFCE}> ?p ?o }}",
    "ask": f"ASK {{ ?x <http://purl.org/dc/terms/isReplacedBy> <{BASE}id/organisation/office-for-students> }}",
    "count by class": "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)",
    "describe-like construct": f"CONSTRUCT {{ <{HEFCE}> ?p ?o . ?s ?q <{HEFCE}> }} WHERE {{ {{ <{HEFCE}> ?p ?o }} UNION {{ ?s ?q <{HEFCE}> }} }}",
    "text filter": 'SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(CONTAINS(LCASE(STR(?l)), "university")) }',
    **{e.title: PREFIXES + e.body for e in EXAMPLES},
}


def form_of(query: str) -> str:
    from publisher.queryanalysis import analyse

    return analyse(query, BASE + "sparql").form


def scaled_nquads(nquads: bytes, data_graphs: list[str], scale: int) -> bytes:
    """The data ``scale`` times, each copy with its own IRIs; the ontology and shapes once."""
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    data = {ox.NamedNode(g) for g in data_graphs}
    kept = [q for q in quads if q.graph_name not in data]
    copies = []
    for k in range(scale):
        def rename(term, k=k):
            if isinstance(term, ox.NamedNode) and term.value.startswith((BASE + "id/", BASE + "graph/")) and k:
                return ox.NamedNode(f"{term.value}-copy{k}")
            return term
        copies += [ox.Quad(rename(q.subject), q.predicate, rename(q.object), rename(q.graph_name))
                   for q in quads if q.graph_name in data]
    return ox.serialize(kept + copies, format=ox.RdfFormat.N_QUADS)


def graphs_of(nquads: bytes) -> list[str]:
    return sorted({q.graph_name.value for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
                   if q.graph_name.value.startswith(BASE + "graph/") and not q.graph_name.value.endswith(("/ontology", "/shapes"))})


class Oxigraph:
    name = "pyoxigraph"

    def __init__(self, nquads: bytes, data_graphs: list[str]) -> None:
        self.store = UnionStore(nquads, data_graphs, (*data_graphs, BASE + "graph/ontology", BASE + "graph/shapes"))

    def run(self, query: str) -> int:
        result = self.store.run(Job(query, form_of(query), None, None, 10**9, BASE + "sparql"))
        return len(result.rows) if result.form == "SELECT" else result.ntriples.count(b"\n") if result.is_graph else 1


class Rdflib:
    name = "rdflib"

    def __init__(self, nquads: bytes, data_graphs: list[str]) -> None:
        self.dataset = Dataset(default_union=False)
        self.dataset.parse(data=nquads, format="nquads")
        # the same default graph: the merge of the data graphs, the other graphs stay named
        default = self.dataset.default_graph
        for g in data_graphs:
            for triple in self.dataset.graph(URIRef(g)):
                default.add(triple)

    def run(self, query: str) -> int:
        return len(list(self.dataset.query(query)))


def measure(engine, query: str, repeat: int, budget: float) -> tuple[float, int | str]:
    times, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            size = engine.run(query)
        except Exception as exc:  # noqa: BLE001 - an engine bug is a result worth printing
            return float("nan"), f"error: {type(exc).__name__}"
        times.append(time.perf_counter() - started)
        if sum(times) > budget:
            break
    return statistics.median(times), size


def compare(label: str, nquads: bytes, data_graphs: list[str], repeat: int, budget: float) -> None:
    triples = sum(1 for _ in ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    print(f"\n== {label}: {triples} quads, {len(data_graphs)} data graphs")
    engines = []
    for cls in (Oxigraph, Rdflib):
        started = time.perf_counter()
        engines.append(cls(nquads, data_graphs))
        print(f"   load {cls.name}: {time.perf_counter() - started:.2f} s")
    print(f"   {'query':<45} {'pyoxigraph ms':>14} {'rdflib ms':>12} {'ratio':>8}  rows")
    for name, query in QUERIES.items():
        (ox_time, ox_rows), (rdf_time, rdf_rows) = (measure(e, query, repeat, budget) for e in engines)
        differs = ox_rows != rdf_rows and (form_of(query) == "SELECT" or isinstance(rdf_rows, str))
        print(f"   {name[:45]:<45} {ox_time * 1000:>14.2f} {rdf_time * 1000:>12.1f} {rdf_time / ox_time:>7.0f}x  "
              f"{ox_rows}{f' (rdflib: {rdf_rows})' if differs else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds of rdflib per query, at most")
    args = parser.parse_args()
    loaded = load(Settings())
    data_graphs = [str(g) for g in loaded.data_graphs]
    compare("real data", loaded.nquads, data_graphs, args.repeat, args.budget)
    big = scaled_nquads(loaded.nquads, data_graphs, args.scale)
    compare(f"synthetic, {args.scale}x", big, graphs_of(big), args.repeat, args.budget)


if __name__ == "__main__":
    main()
