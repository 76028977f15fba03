"""① ontology/ + data/ -> one dataset, one named graph per source.

Parsing uses pyoxigraph: it is fast and its errors give line and column. The quads then go into
an rdflib ``Dataset`` (pySHACL needs rdflib graphs) and are kept as N-Quads bytes, from which the
embedded store and the query workers load without parsing Turtle again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from .config import Settings
from .errors import LoadError

_POSITION = re.compile(r"line (\d+)(?: column (\d+))?", re.IGNORECASE)


@dataclass
class Loaded:
    """Everything read from disk, parsed once."""

    dataset: Dataset
    data_graphs: list[URIRef]
    ontology: Graph
    shapes: Graph
    nquads: bytes
    base_uri: str = ""

    @property
    def statement_count(self) -> int:
        """Quads in the data graphs: a triple that two sources state counts twice."""
        return sum(len(self.dataset.graph(g)) for g in self.data_graphs)


def load(settings: Settings) -> Loaded:
    """Load every ``*.trig`` file of the data folder with the ontology folder."""
    data_dir = Path(settings.data_dir)
    if not data_dir.is_dir():
        raise LoadError(data_dir, "data folder not found")
    files = sorted(data_dir.glob("*.trig"))
    if not files:
        raise LoadError(data_dir, "no *.trig files in the data folder")
    return load_files(files, settings.ontology_dir, settings.base_uri)


def load_files(data_files: list[Path], ontology_dir: Path, base_uri: str) -> Loaded:
    """Parse data files (TriG: every triple in a named graph) and the ontology and shapes."""
    ontology_dir = Path(ontology_dir)
    ontology_file, shapes_file = _ontology_files(ontology_dir)
    ontology_iri, shapes_iri = ox.NamedNode(base_uri + "graph/ontology"), ox.NamedNode(base_uri + "graph/shapes")
    quads: list[ox.Quad] = []
    quads += _parse(ontology_file, ox.RdfFormat.TURTLE, graph=ontology_iri)
    quads += _parse(shapes_file, ox.RdfFormat.TURTLE, graph=shapes_iri)
    data_graphs: dict[str, None] = {}
    for path in data_files:
        for quad in _parse(Path(path), ox.RdfFormat.TRIG):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                raise LoadError(path, "triple outside a named graph: every statement must be in the "
                                "graph of its source (see docs/architecture.md)")
            if quad.graph_name in (ontology_iri, shapes_iri):
                raise LoadError(path, f"data may not write into the reserved graph {quad.graph_name}")
            data_graphs.setdefault(quad.graph_name.value, None)
            quads.append(quad)
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    return Loaded(
        dataset=dataset,
        data_graphs=[URIRef(g) for g in data_graphs],
        ontology=dataset.graph(URIRef(ontology_iri.value)),
        shapes=dataset.graph(URIRef(shapes_iri.value)),
        nquads=nquads,
        base_uri=base_uri,
    )


def _ontology_files(ontology_dir: Path) -> tuple[Path, Path]:
    ontology, shapes = ontology_dir / "lp.ttl", ontology_dir / "lp.shapes.ttl"
    for path in (ontology, shapes):
        if not path.is_file():
            raise LoadError(path, "file not found")
    return ontology, shapes


def _parse(path: Path, fmt: ox.RdfFormat, graph: ox.NamedNode | None = None) -> list[ox.Quad]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(path, f"cannot read the file ({exc.strerror})") from None
    try:
        # Blank nodes are renamed so that "_:b1" in two files stays two nodes.
        parsed = ox.parse(data, format=fmt, base_iri=path.resolve().as_uri(),
                          rename_blank_nodes=True, without_named_graphs=graph is not None)
        if graph is None:
            return list(parsed)
        return [ox.Quad(q.subject, q.predicate, q.object, graph) for q in parsed]
    except SyntaxError as exc:
        raise _syntax_error(path, exc) from None
    except ValueError as exc:  # e.g. invalid UTF-8
        raise LoadError(path, f"cannot parse: {exc}") from None


def _syntax_error(path: Path, exc: SyntaxError) -> LoadError:
    message = str(exc)
    match = _POSITION.search(message)
    line = exc.lineno or (int(match.group(1)) if match else None)
    column = exc.offset or (int(match.group(2)) if match and match.group(2) else None)
    message = re.sub(r"^Parser error at line \d+ column \d+: ", "", message)
    return LoadError(path, f"syntax error: {message}", line=line, column=column)
