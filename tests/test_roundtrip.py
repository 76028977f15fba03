"""The whole dataset round-trips through Turtle, N-Quads, TriG and JSON-LD, compared as graphs."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from publisher.config import Settings
from publisher.load import load


@pytest.fixture(scope="module")
def loaded():
    return load(Settings())


def _union(dataset: Dataset, graphs) -> Graph:
    union = Graph()
    for name in graphs:
        for triple in dataset.graph(name):
            union.add(triple)
    return union


@pytest.mark.parametrize("fmt", ["turtle", "nt", "xml", "json-ld"])
def test_union_graph_round_trips(loaded, fmt):
    union = _union(loaded.dataset, loaded.data_graphs)
    again = Graph().parse(data=union.serialize(format=fmt), format=fmt)
    assert len(again) == len(union)
    assert isomorphic(union, again)


@pytest.mark.parametrize("fmt", ["nquads", "trig", "json-ld"])
def test_dataset_round_trips_graph_by_graph(loaded, fmt):
    again = Dataset()
    again.parse(data=loaded.dataset.serialize(format=fmt), format=fmt)
    for name in loaded.data_graphs + [loaded.ontology.identifier, loaded.shapes.identifier]:
        original, copy = loaded.dataset.graph(name), again.graph(name)
        assert len(copy) == len(original), name
        assert isomorphic(original, copy), name


def test_every_data_graph_is_non_empty(loaded):
    assert loaded.data_graphs
    for name in loaded.data_graphs:
        assert len(loaded.dataset.graph(name)) > 0, name
