"""House rules that keep the data flow visible (STYLE.md): the pipeline never imports Flask."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "publisher"
# Modules that are the web layer by design (httpcache.send turns bytes into a Flask Response).
WEB_MODULES = {"app.py", "errorpages.py", "cli.py", "__main__.py", "httpcache.py"}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


PIPELINE = sorted(p for p in PACKAGE.glob("*.py") if p.name not in WEB_MODULES and not p.name.startswith("cli"))


@pytest.mark.parametrize("path", PIPELINE, ids=lambda p: p.name)
def test_pipeline_module_does_not_import_flask(path):
    assert not _imports(path) & {"flask", "werkzeug"} - ({"werkzeug"} if path.name == "negotiate.py" else set())


def test_no_grab_bag_module():
    assert not (PACKAGE / "utils.py").exists() and not (PACKAGE / "util.py").exists()
