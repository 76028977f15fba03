"""The SHACL shapes (ontology/lp.shapes.ttl), tested as data (STYLE.md habit 10).

Fixtures
    tests/shapes/invalid/NN_<class>_<defect>.trig: a small complete dataset with one defect. Its
    header declares every result the defect must give, one line each:

        # expect: <focus> <path or -> <source constraint component> <severity>

    written with the file's own prefixes (``-`` means the result has no path). Validation must
    give exactly that set of (focus, path, component, severity): no result missing, none extra.
    tests/shapes/valid/*.trig: edge cases that must give no result at all, not even a warning.

Coverage (what "every shape has a fixture" means here)
    A *constraint* is a pair (shape, constraint component) for each constraint parameter of each
    shape in the shapes graph, e.g. (lps:Phase-isPartOf, sh:MaxCountConstraintComponent). Every
    constraint must be the (sh:sourceShape, sh:sourceConstraintComponent) of at least one result
    of the invalid fixtures, so a new shape, or a new parameter on an old one, fails the
    meta-test until a fixture exercises it. Shapes nested as members of sh:or / sh:xone lists are
    parameters of their parent's constraint, not shapes of their own.
    One exception, listed in ENTAILED_BY_RANGE and checked against the ontology: an sh:class
    constraint on a property whose rdfs:range (in lp.ttl) is that class cannot fail under the
    validator's RDFS inference, which types the value by the range. Such a defect is caught
    instead by the shapes of the inferred class and by lps:DistinctKinds, and each of these
    constraints still has a fixture showing that.

Fixtures are validated through publisher.load / publisher.validate, with the repository's
ontology and shapes: the same code path and pySHACL options as ``publisher validate``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SH, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from publisher.config import CANONICAL_BASE, REPO_ROOT
from publisher.load import load_files
from publisher.validate import validate

ONTOLOGY_DIR = REPO_ROOT / "ontology"
SHAPES_FILE = ONTOLOGY_DIR / "lp.shapes.ttl"
ONTOLOGY_FILE = ONTOLOGY_DIR / "lp.ttl"
FIXTURES = Path(__file__).parent / "shapes"
INVALID = sorted((FIXTURES / "invalid").glob("*.trig"))
VALID = sorted((FIXTURES / "valid").glob("*.trig"))
LPS = Namespace(CANONICAL_BASE + "def/shapes/")
SEVERITY = {"Violation": SH.Violation, "Warning": SH.Warning, "Info": SH.Info}

FIXTURE_NAME = re.compile(r"^(\d{2})_[a-z]+_[a-z0-9-]+\.trig$")
EXPECT_LINE = re.compile(r"^#\s*expect:\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$")
PREFIX_LINE = re.compile(r"^@prefix\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>\s*\.", re.MULTILINE)

# Constraint parameter -> the constraint component that reports it (SHACL 1.0 §4, §5).
# A parameter missing here fails test_every_constraint_parameter_is_known: add it, with its component.
COMPONENT_OF = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH["class"]: SH.ClassConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.maxLength: SH.MaxLengthConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH.xone: SH.XoneConstraintComponent,
    SH["and"]: SH.AndConstraintComponent,
    SH["not"]: SH.NotConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    SH.equals: SH.EqualsConstraintComponent,
    SH.disjoint: SH.DisjointConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
    SH.closed: SH.ClosedConstraintComponent,
    SH.sparql: SH.SPARQLConstraintComponent,
}
# sh: predicates of a shape that are not constraint parameters.
NOT_PARAMETERS = {
    SH.path, SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group,
    SH.deactivated, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
    SH.target, SH.property, SH.ignoredProperties, SH.flags, SH.defaultValue,
}
LIST_PARAMETERS = (SH["or"], SH.xone, SH["and"])

# (shape, fixture) for each sh:class constraint that RDFS inference over lp.ttl makes unfailable
# (the property's rdfs:range is the class); the fixture shows how the defect is caught instead.
ENTAILED_BY_RANGE = {
    LPS["Programme-phase"]: "programme_phase-not-phase",
    LPS["Partnership-inPhase"]: "partnership_phase-not-phase",
    LPS["Partnership-challengeTheme"]: "partnership_theme-not-concept",
    LPS["ChangeEvent-transferredFunction"]: "changeevent_function-not-concept",
}


# ----------------------------------------------------------------------------- helpers

@lru_cache(maxsize=None)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@lru_cache(maxsize=None)
def results_of(path: Path) -> frozenset:
    """(focus, path, component, severity, source shape) of every result of one fixture."""
    report = validate(load_files([path], ONTOLOGY_DIR, CANONICAL_BASE))
    return frozenset(
        (r.focus, r.path, r.component, SEVERITY[r.severity], r.source_shape) for r in report.results
    )


def expected_results(path: Path) -> set:
    text = path.read_text(encoding="utf-8")
    prefixes = dict(PREFIX_LINE.findall(text))
    expected = set()
    for line in text.splitlines():
        match = EXPECT_LINE.match(line)
        if match:
            focus, result_path, component, severity = (_expand(t, prefixes) for t in match.groups())
            expected.add((focus, result_path, component, severity))
    return expected


def _expand(token: str, prefixes: dict[str, str]) -> URIRef | None:
    if token == "-":
        return None
    if token.startswith("<") and token.endswith(">"):
        return URIRef(token[1:-1])
    prefix, _, local = token.partition(":")
    if prefix not in prefixes:
        raise ValueError(f"unknown prefix in expectation: {token}")
    return URIRef(prefixes[prefix] + local)


@lru_cache(maxsize=None)
def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def list_members(graph: Graph) -> set:
    """Nodes that are members of an sh:or / sh:xone / sh:and list (parameters, not shapes)."""
    members = set()
    for parameter in LIST_PARAMETERS:
        for head in graph.objects(None, parameter):
            members.update(Collection(graph, head))
    return members


def shape_nodes(graph: Graph) -> set:
    """Every shape of the shapes graph: typed as a shape, the value of sh:property, or carrying
    a target or a constraint parameter, except the members of sh:or / sh:xone / sh:and lists."""
    nodes = set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape))
    nodes |= set(graph.objects(None, SH.property))
    for predicate in set(COMPONENT_OF) | {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode}:
        nodes |= set(graph.subjects(predicate, None))
    return nodes - list_members(graph)


def constraints(graph: Graph) -> set:
    """Every (shape, constraint component) pair the shapes declare."""
    pairs = set()
    for shape in shape_nodes(graph):
        for predicate in set(graph.predicates(shape, None)):
            if predicate in COMPONENT_OF:
                pairs.add((shape, COMPONENT_OF[predicate]))
    return pairs


def class_constraints_entailed_by_ranges(shapes: Graph, ontology: Graph) -> set:
    """Shapes whose sh:class holds for every value once RDFS inference applies the ontology's
    rdfs:range of the shape's (single-property) path."""
    entailed = set()
    for shape, cls in shapes.subject_objects(SH["class"]):
        path = shapes.value(shape, SH.path)
        if isinstance(path, URIRef) and any(
            cls in ontology.transitive_objects(r, RDFS.subClassOf) for r in ontology.objects(path, RDFS.range)
        ):
            entailed.add(shape)
    return entailed


def _short(node) -> str:
    return shapes_graph().namespace_manager.normalizeUri(node) if isinstance(node, URIRef) else str(node)


# ----------------------------------------------------------------------------- fixtures

def test_there_are_fixtures():
    assert INVALID, "no invalid fixtures found"
    assert VALID, "no valid fixtures found"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_gives_exactly_the_expected_results(path):
    expected = expected_results(path)
    assert expected, f"{path.name} declares no '# expect:' line"
    actual = {r[:4] for r in results_of(path)}
    missing, extra = expected - actual, actual - expected
    assert not missing and not extra, (
        f"{path.name}\n  missing: {sorted(map(_fmt, missing))}\n  unexpected: {sorted(map(_fmt, extra))}"
    )


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_gives_no_result(path):
    results = results_of(path)
    assert not results, f"{path.name}: {sorted(map(_fmt, results))}"


def _fmt(result) -> str:
    return " ".join(_short(t) if t is not None else "-" for t in result)


def test_fixture_names_follow_the_pattern_and_numbers_are_unique():
    numbers = []
    for path in INVALID:
        match = FIXTURE_NAME.match(path.name)
        assert match, f"{path.name}: name it NN_<class>_<defect>.trig"
        numbers.append(match.group(1))
    assert len(numbers) == len(set(numbers)), "two invalid fixtures share a number"


# ----------------------------------------------------------------------------- meta-tests

def test_every_constraint_parameter_is_known():
    """A shape parameter this test cannot map to a component would escape the coverage test."""
    graph = shapes_graph()
    unknown = {
        (_short(shape), _short(p))
        for shape in shape_nodes(graph)
        for p in graph.predicates(shape, None)
        if str(p).startswith(str(SH)) and p not in COMPONENT_OF and p not in NOT_PARAMETERS
        and not str(p).startswith(str(SH.qualified))
    }
    assert not unknown, f"add these parameters to COMPONENT_OF or NOT_PARAMETERS: {sorted(unknown)}"


def test_every_shape_is_a_named_reachable_shape():
    """Shapes are IRIs in lps: (so a result's sh:sourceShape names them), and each is a targeted
    node shape or an sh:property of one (so none is dead)."""
    graph = shapes_graph()
    targeted = {s for s in shape_nodes(graph) if any(
        (s, t, None) in graph for t in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode))}
    reachable = targeted | {p for s in targeted for p in graph.objects(s, SH.property)}
    for shape in shape_nodes(graph):
        assert isinstance(shape, URIRef) and shape.startswith(LPS), f"shape {shape} must be an lps: IRI"
        assert shape in reachable, f"{_short(shape)} has no target and is no sh:property of a targeted shape"


def test_class_constraints_entailed_by_ranges_are_the_listed_ones():
    """If lp.ttl gains or loses a range, decide again (and list) which sh:class can still fail."""
    entailed = class_constraints_entailed_by_ranges(shapes_graph(), ontology_graph())
    assert entailed == set(ENTAILED_BY_RANGE), (
        f"entailed now: {sorted(map(_short, entailed))}; listed: {sorted(map(_short, ENTAILED_BY_RANGE))}")
    stems = {p.stem.split("_", 1)[1] for p in INVALID}
    for shape, fixture in ENTAILED_BY_RANGE.items():
        assert fixture in stems, f"{_short(shape)}: no fixture {fixture}"


def test_every_constraint_is_exercised_by_an_invalid_fixture():
    exercised = {(r[4], r[2]) for path in INVALID for r in results_of(path)}
    exempt = {(shape, SH.ClassConstraintComponent) for shape in ENTAILED_BY_RANGE}
    missing = constraints(shapes_graph()) - exempt - exercised
    assert not missing, "no invalid fixture exercises: " + ", ".join(
        sorted(f"{_short(s)} {_short(c)}" for s, c in missing))


def test_every_shape_and_sparql_constraint_has_a_plain_message():
    graph = shapes_graph()
    nodes = shape_nodes(graph) | set(graph.objects(None, SH.sparql))
    for node in nodes:
        messages = [m for m in graph.objects(node, SH.message) if isinstance(m, Literal)]
        english = [m for m in messages if m.language == "en"]
        assert english, f"{_short(node)} has no English sh:message"
        for message in english:
            words = re.findall(r"[A-Za-z]{2,}", str(message))
            assert len(words) >= 5, f"{_short(node)}: say what is wrong in a sentence: {message!r}"


def test_ontology_concepts_are_visible_to_the_shapes(tmp_path):
    """The concept schemes live in lp.ttl and data links to them (org:role, lp:challengeTheme,
    lp:transferredFunction). docs/architecture.md: SHACL sees the union of the data graphs *plus
    the ontology*, so a post held whose org:role is a role of lp.ttl must validate. (pySHACL's
    ont_graph copies only class, property and owl:NamedIndividual descriptions into the data
    graph, which is why lp.ttl types its concepts owl:NamedIndividual too.)"""
    skos = Namespace("http://www.w3.org/2004/02/skos/core#")
    role = next(c for c in ontology_graph().subjects(skos.inScheme, URIRef(CANONICAL_BASE + "id/role")))
    valid = (FIXTURES / "valid" / "membership_fixture-role.trig").read_text(encoding="utf-8")
    fixture = tmp_path / "membership_ontology-role.trig"
    fixture.write_text(valid.replace("org:role role:fixture-consultant", f"org:role <{role}>"), encoding="utf-8")
    results = results_of(fixture)
    assert not results, (
        f"a role defined in lp.ttl ({role}) looks incomplete to SHACL; does publisher.validate put the "
        f"whole ontology graph into the data graph? {sorted(map(_fmt, results))}")
