"""② SHACL validation -> a structured ValidationReport.

The data graph SHACL sees is the union of the data graphs plus the ontology (so subclass
relations are visible), plus ``<g> a lp:DataGraph`` for each data graph ``g``: SHACL cannot see
graph names, and this is how the shapes require every graph to cite its source.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, SH, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from .load import Loaded

SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class ValidationResult:
    severity: str
    focus: Node
    focus_label: str | None
    path: Node | None
    component: URIRef | None
    source_shape: Node | None
    message: str
    value: Node | None


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    results: tuple[ValidationResult, ...]
    graph: Graph
    triples: int     # distinct triples in the union of the data graphs
    statements: int  # quads: a triple stated by two sources counts twice
    graphs: int
    shapes: int

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    @property
    def violations(self) -> int:
        return self.count("Violation")

    @property
    def warnings(self) -> int:
        return self.count("Warning")


def validate(loaded: Loaded) -> ValidationReport:
    """Validate the loaded data against its shapes. Warnings and infos do not break conformance."""
    data = union_for_validation(loaded)
    # Every pySHACL option is set on purpose (STYLE.md habit 5).
    _conforms, report_graph, _text = shacl_validate(
        data,
        shacl_graph=loaded.shapes,
        ont_graph=loaded.ontology,
        inference="rdfs",           # subclass reasoning: lp:LocalAuthority is an org:FormalOrganization
        abort_on_first=False,       # report every problem, not the first
        allow_infos=True,           # infos and warnings do not make the data non-conforming
        allow_warnings=True,
        meta_shacl=False,           # the shapes are tested by tests/test_shapes.py
        advanced=True,              # SHACL-AF: SPARQL-based targets
        js=False,
        debug=False,
        iterate_rules=False,
        inplace=False,              # never modify the caller's graph
    )
    results = tuple(sorted(_results(report_graph, data), key=_sort_key))
    return ValidationReport(
        conforms=not any(r.severity == "Violation" for r in results),
        results=results,
        graph=report_graph,
        triples=len(data) - len(loaded.data_graphs),  # less the lp:DataGraph typing triples
        statements=loaded.statement_count,
        graphs=len(loaded.data_graphs),
        shapes=count_shapes(loaded.shapes),
    )


def union_for_validation(loaded: Loaded) -> Graph:
    lp = Namespace(loaded.base_uri + "def/")
    union = Graph()
    for name in loaded.data_graphs:
        for triple in loaded.dataset.graph(name):
            union.add(triple)
        union.add((name, RDF.type, lp.DataGraph))
    return union


def count_shapes(shapes: Graph) -> int:
    return len(set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)))


def _results(report: Graph, data: Graph):
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        messages = [str(m) for m in report.objects(node, SH.resultMessage)]
        yield ValidationResult(
            severity=SEVERITIES.get(report.value(node, SH.resultSeverity), "Violation"),
            focus=focus,
            focus_label=label_of(data, focus),
            path=report.value(node, SH.resultPath),
            component=report.value(node, SH.sourceConstraintComponent),
            source_shape=report.value(node, SH.sourceShape),
            message=_best_message(messages),
            value=report.value(node, SH.value),
        )


def _best_message(messages: list[str]) -> str:
    """Prefer the shape's own sh:message (plain words) over pySHACL's generated text."""
    own = [m for m in messages if not m.startswith(("Less than", "More than", "Value ", "Node "))]
    return (own or messages or [""])[0]


def label_of(graph: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    labels = list(graph.objects(node, RDFS.label))
    english = [l for l in labels if isinstance(l, Literal) and l.language == "en"]
    return str((english or labels)[0]) if (english or labels) else None


def _sort_key(result: ValidationResult):
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return order.get(result.severity, 3), str(result.focus), str(result.path or ""), result.message

