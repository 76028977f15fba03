"""`publisher serve`: refuses non-conforming data, serves with --allow-invalid, and really serves
over HTTP as the README's first command does."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import requests
from click.testing import CliRunner
from rdflib import Graph

from publisher.cli import main

from .datacopy import defective_copy, node, term

FOAF_NAME = term("http://xmlns.com/foaf/0.1/name")
PERSON = node("id/person/kevin-richardson")


@pytest.fixture(scope="module")
def nameless_person(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nameless")
    return defective_copy(tmp, lambda quads: [q for q in quads
                                              if not (q.subject == PERSON and q.predicate == FOAF_NAME)])


def test_serve_refuses_data_that_does_not_conform(nameless_person):
    result = CliRunner().invoke(main, ["serve", "--data", str(nameless_person), "--get", "/"])
    assert result.exit_code == 1
    assert PERSON.value in result.output and "--allow-invalid" in result.output
    assert "Traceback" not in result.output


def test_allow_invalid_serves_anyway(nameless_person):
    result = CliRunner().invoke(main, ["serve", "--data", str(nameless_person), "--allow-invalid",
                                       "--get", "/id/organisation/hefce"])
    assert result.exit_code == 0, result.output
    assert "303" in result.output and "/doc/organisation/hefce" in result.output


def test_get_prints_a_parseable_description():
    result = CliRunner().invoke(main, ["serve", "--get", "/doc/organisation/hefce.ttl"])
    assert result.exit_code == 0
    graph = Graph().parse(data=result.stdout_bytes, format="turtle")
    assert len(graph) > 5


def test_serve_starts_a_real_server_and_answers():
    process = subprocess.Popen([sys.executable, "-m", "publisher", "serve", "--port", "0"],
                               stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        match = re.search(r"http://[\d.]+:(\d+)/", line)
        assert match, line
        base = f"http://127.0.0.1:{match.group(1)}"
        response = requests.head(base + "/id/organisation/hefce", allow_redirects=False, timeout=10)
        assert response.status_code == 303
        assert response.headers["Location"].endswith("/doc/organisation/hefce")
        page = requests.get(base + "/doc/organisation/hefce", headers={"Accept": "text/html"}, timeout=10)
        assert page.status_code == 200 and "Higher Education Funding Council for England" in page.text
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_a_port_in_use_is_a_clear_error():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "publisher", "serve", "--port", str(port)],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr
