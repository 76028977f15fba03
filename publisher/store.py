"""③ The store interface: the only way the server reads data.

``Store`` is what routes and renderers see. ``EmbeddedStore`` keeps everything in an in-memory
pyoxigraph store, loaded once at start-up; describing a resource reads quad patterns directly, so
serving a description costs no SPARQL parse. A remote store (Oxigraph server, Fuseki, ...) will
implement the same interface.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

import pyoxigraph as ox

RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
MAX_BNODE_DEPTH = 8


@dataclass(frozen=True)
class Description:
    """The quads that describe one resource, each in the graph that states it.

    ``about`` are the resource's own statements and the closure of its blank nodes;
    ``incoming`` the statements that point to it; ``labels`` an rdfs:label for every linked thing.
    """

    iri: str
    about: tuple[ox.Quad, ...]
    incoming: tuple[ox.Quad, ...]
    labels: tuple[ox.Quad, ...]

    @property
    def quads(self) -> tuple[ox.Quad, ...]:
        return self.about + self.incoming + self.labels

    @property
    def exists(self) -> bool:
        return bool(self.about) or bool(self.incoming)

    def triples(self) -> list[ox.Triple]:
        """The description as one graph: each triple once, whichever graphs state it."""
        seen: dict[ox.Triple, None] = {}
        for quad in self.quads:
            seen.setdefault(quad.triple, None)
        return list(seen)


@dataclass(frozen=True)
class DatasetStats:
    triples: int
    graphs: dict[str, int] = field(default_factory=dict)  # data graph IRI -> triple count
    distinct_subjects: int = 0
    classes: dict[str, int] = field(default_factory=dict)  # class IRI -> instance count
    properties: dict[str, int] = field(default_factory=dict)  # property IRI -> triple count


class Store(ABC):
    """Read-only access to the published dataset."""

    @abstractmethod
    def describe(self, iri: str) -> Description:
        """The description of ``iri`` (empty when the dataset does not mention it)."""

    @abstractmethod
    def data_graphs(self) -> list[str]:
        """The IRIs of the named graphs that hold data (one per source)."""

    @abstractmethod
    def quads(self, graph: str | None = None) -> list[ox.Quad]:
        """Every quad of the data graphs, or of one graph (data, ontology or shapes)."""

    @abstractmethod
    def stats(self) -> DatasetStats:
        """Counts over the data graphs, for VoID and the home page."""

    def query(self, sparql: str, *, default_graphs=None, named_graphs=None):
        """Run a read-only SPARQL query (implemented by the SPARQL engine)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release resources (worker processes, connections)."""


class EmbeddedStore(Store):
    """An in-memory pyoxigraph store, filled once from N-Quads."""

    def __init__(self, nquads: bytes, data_graphs: list[str], hidden_graphs: tuple[str, ...] = ()):
        self._store = ox.Store()
        self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        self._data_graphs = list(data_graphs)
        # Graphs never used to describe things (the SHACL shapes mention every class).
        self._hidden = {ox.NamedNode(g) for g in hidden_graphs}
        self._stats: DatasetStats | None = None
        self._engine = None  # the SPARQL engine (publisher.sparql.QueryEngine), attached by the app

    def attach_engine(self, engine) -> None:
        """Give the store its SPARQL engine (see ``queryworkers.attach_query_engine``)."""
        self._engine = engine

    def query(self, sparql: str, *, default_graphs=None, named_graphs=None):
        """Run a read-only SPARQL query: a ``publisher.results.QueryResult`` (row cap and
        timeout from Settings; updates, SERVICE and unknown graphs refused)."""
        if self._engine is None:
            raise NotImplementedError("no SPARQL engine is attached to this store")
        return self._engine.query(sparql, default_graphs=default_graphs, named_graphs=named_graphs)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()

    @classmethod
    def from_loaded(cls, loaded, settings) -> "EmbeddedStore":
        return cls(loaded.nquads, [str(g) for g in loaded.data_graphs], (settings.shapes_graph,))

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def describe(self, iri: str) -> Description:
        node = ox.NamedNode(iri)
        about = self._visible(self._store.quads_for_pattern(node, None, None, None))
        about += self._bnode_closure(about)
        incoming = self._visible(self._store.quads_for_pattern(None, None, node, None))
        linked = {q.object for q in about if isinstance(q.object, ox.NamedNode)}
        linked |= {q.subject for q in incoming} | {q.predicate for q in about + incoming}
        linked.discard(node)
        labels = []
        for other in sorted(linked, key=lambda n: n.value):
            labels += self._visible(self._store.quads_for_pattern(other, RDFS_LABEL, None, None))
        return Description(iri, tuple(about), tuple(incoming), tuple(labels))

    def _visible(self, quads) -> list[ox.Quad]:
        return [q for q in quads if q.graph_name not in self._hidden]

    def _bnode_closure(self, quads: list[ox.Quad]) -> list[ox.Quad]:
        closure, frontier, seen = [], [q.object for q in quads if isinstance(q.object, ox.BlankNode)], set()
        depth = 0
        while frontier and depth < MAX_BNODE_DEPTH:
            next_frontier = []
            for bnode in frontier:
                if bnode in seen:
                    continue
                seen.add(bnode)
                found = self._visible(self._store.quads_for_pattern(bnode, None, None, None))
                closure += found
                next_frontier += [q.object for q in found if isinstance(q.object, ox.BlankNode)]
            frontier, depth = next_frontier, depth + 1
        return closure

    def data_graphs(self) -> list[str]:
        return list(self._data_graphs)

    def quads(self, graph: str | None = None) -> list[ox.Quad]:
        if graph is not None:
            return list(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        return [q for g in self._data_graphs
                for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(g))]

    def stats(self) -> DatasetStats:
        if self._stats is None:
            self._stats = self._compute_stats()
        return self._stats

    def _compute_stats(self) -> DatasetStats:
        graphs, triples, subjects, classes, properties = {}, set(), set(), {}, {}
        for g in self._data_graphs:
            quads = list(self._store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
            graphs[g] = len(quads)
            for q in quads:
                if q.triple in triples:
                    continue
                triples.add(q.triple)
                subjects.add(q.subject)
                properties[q.predicate.value] = properties.get(q.predicate.value, 0) + 1
                if q.predicate == RDF_TYPE and isinstance(q.object, ox.NamedNode):
                    classes[q.object.value] = classes.get(q.object.value, 0) + 1
        return DatasetStats(len(triples), graphs, len(subjects), classes, properties)
