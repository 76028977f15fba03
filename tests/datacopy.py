"""Test helper: a copy of the bundled data with a defect made by editing its quads, not its text,
so the tests keep working as the data grows."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
ONTOLOGY = REPO / "ontology"
BASE = "https://w3id.org/leading-places/"

Quads = list[ox.Quad]


def data_quads(data_dir: Path = DATA) -> Quads:
    quads: Quads = []
    for path in sorted(data_dir.glob("*.trig")):
        quads += ox.parse(path=str(path), format=ox.RdfFormat.TRIG)
    return quads


def write_copy(target: Path, quads: Quads) -> Path:
    """Write quads as one TriG file per graph, named after the graph slug."""
    target.mkdir(parents=True, exist_ok=True)
    by_graph: dict[str, Quads] = defaultdict(list)
    for quad in quads:
        by_graph[quad.graph_name.value].append(quad)
    for graph, graph_quads in by_graph.items():
        slug = graph.rsplit("/", 1)[-1]
        (target / f"{slug}.trig").write_bytes(ox.serialize(graph_quads, format=ox.RdfFormat.TRIG))
    return target


def defective_copy(tmp_path: Path, edit: Callable[[Quads], Quads]) -> Path:
    return write_copy(tmp_path / "data", edit(data_quads()))


def copy_as_is(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def node(path: str) -> ox.NamedNode:
    return ox.NamedNode(BASE + path)


def term(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)
