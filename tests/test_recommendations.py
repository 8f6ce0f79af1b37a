"""Generated projects follow the Scientific Python development guide, as its
own checker (repo-review, with the sp-repo-review checks) reads them.

A recommendation a template does not follow is ignored in the generated
pyproject.toml's [tool.repo-review.ignore] table, with the reason, where the
person who owns the project reads it.
"""

from __future__ import annotations

import json

import pytest

from tests.support import Bake, run, tool

PROJECTS = [
    pytest.param("setuptools-package", {}, id="setuptools-package"),
    pytest.param("setuptools-package", {"metadata": "setup.py"}, id="setuptools-package-setup.py"),
    pytest.param(
        "setuptools-package",
        {"c_extension": "cpython", "versioning": "setuptools-scm"},
        id="setuptools-package-cpython-scm",
    ),
    pytest.param("poetry-project", {}, id="poetry-project"),
    pytest.param("poetry-project", {"metadata": "classic"}, id="poetry-project-classic"),
    pytest.param("uv-project", {}, id="uv-project"),
    pytest.param("pyinstaller-app", {"interface": "qt"}, id="pyinstaller-app"),
    pytest.param("flask-deploy", {}, id="flask-deploy"),
]


@pytest.mark.parametrize(("template", "answers"), PROJECTS)
def test_the_scientific_python_checks_pass_or_are_ignored_with_a_reason(
    bake: Bake, template: str, answers: dict[str, str]
) -> None:
    project = bake(template, **answers)
    result = run([tool("repo-review"), "--format", "json", project], check=False)
    checks = json.loads(result.stdout)["checks"]
    failed = {code: check["err_msg"] for code, check in checks.items() if check["result"] is False}
    assert failed == {}
    assert len(checks) > 40, "repo-review ran its checks"
