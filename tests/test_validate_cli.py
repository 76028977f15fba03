"""`publisher validate` on the bundled data and on copies with one defect each (issue acceptance)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from publisher.cli import main

from .datacopy import ONTOLOGY, copy_as_is, defective_copy, node, term

SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF_TYPE = term("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def run(*args):
    return CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)


def test_bundled_data_conforms_with_summary():
    result = run()
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("Conforms:")
    for word in ("triples", "graphs", "shapes", "violation", "warning"):
        assert word in first


def test_json_report_is_structured():
    result = run("--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["conforms"] is True and report["violations"] == 0
    assert report["triples"] > 500 and report["graphs"] >= 10
    # Phase 2 names 7 of its 15 partnerships: a warning, not a violation.
    warnings = [r for r in report["results"] if r["severity"] == "Warning"]
    assert any(r["focus"] == node("id/phase/phase-2").value for r in warnings)


def test_turtle_report_parses():
    result = run("--format", "turtle")
    assert result.exit_code == 0
    graph = ox.parse(result.output.encode(), format=ox.RdfFormat.TURTLE)
    assert any(q.object == term("http://www.w3.org/ns/shacl#ValidationReport") for q in graph)


def _violations(tmp_path, edit) -> tuple[int, str]:
    data = defective_copy(tmp_path, edit)
    result = run("--data", str(data), "--ontology", str(ONTOLOGY))
    return result.exit_code, result.output


def _replace_objects(quads, subject, predicate, new_object):
    kept = [q for q in quads if not (q.subject == subject and q.predicate == predicate)]
    graphs = {q.graph_name for q in quads if q.subject == subject and q.predicate == predicate}
    return kept + [ox.Quad(subject, predicate, new_object, g) for g in graphs]


def test_phase_ending_before_it_starts(tmp_path):
    phase = node("id/phase/phase-1")
    early = ox.Literal("2015-02", datatype=term("http://www.w3.org/2001/XMLSchema#gYearMonth"))
    code, output = _violations(tmp_path, lambda q: _replace_objects(q, phase, term(SCHEMA + "endDate"), early))
    assert code == 1, output
    assert phase.value in output and "Violation" in output


def test_change_event_without_resulting_organisation(tmp_path):
    events = []

    def edit(quads):
        event = next(q.subject for q in quads
                     if q.predicate == RDF_TYPE and q.object == term(ORG + "ChangeEvent"))
        events.append(event)
        return [q for q in quads if not (q.subject == event and q.predicate == term(ORG + "resultingOrganization"))]

    code, output = _violations(tmp_path, edit)
    assert code == 1, output
    assert events[0].value in output


def test_person_without_a_name(tmp_path):
    person = node("id/person/kevin-richardson")
    code, output = _violations(
        tmp_path, lambda quads: [q for q in quads if not (q.subject == person and q.predicate == term(FOAF + "name"))])
    assert code == 1, output
    assert person.value in output


def test_syntax_error_names_file_and_line(tmp_path):
    data = copy_as_is(tmp_path)
    broken = data / "broken.trig"
    broken.write_text("@prefix ex: <http://example.org/> .\n<https://w3id.org/leading-places/graph/x> {\n"
                      "  ex:a ex:b ex:c .\n  ex:d ex:e \n}\n")
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 2
    assert "broken.trig:5" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("content, message", [
    ("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n", "outside a named graph"),
    ("<https://w3id.org/leading-places/graph/ontology> { <http://e/a> <http://e/b> <http://e/c> }\n", "reserved graph"),
])
def test_data_outside_its_graph_is_a_load_error(tmp_path, content, message):
    data = copy_as_is(tmp_path)
    (data / "stray.trig").write_text(content)
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 2 and message in result.output and "stray.trig" in result.output


def test_missing_data_folder_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["validate", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "nowhere" in result.output
