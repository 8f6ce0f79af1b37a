"""The longest and least ASCII answers the hooks accept, built and tested for real.

tests/test_answers.py proves on drawn answers that every accepted answer gives
a project whose files parse and pass ruff. Here the extremes go further: the
project is installed into a fresh environment and its own test suite runs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from hooks.validation import MAX_AUTHOR_LENGTH, MAX_NAME_LENGTH
from tests.e2e.stack import shared_workspace, start_nginx
from tests.support import Bake, Venv, python_build, wheel_metadata

pytestmark = pytest.mark.e2e

# 50 characters of several scripts, markup in the description, a long author.
EXTREME = {
    "project_name": "Ünïcödé Měřicí Toolkit für Ωmega-Analysen & <Co>!!",
    "description": (
        "Measures <b>everything</b> & more: 100% of it, for \u2018you\u2019 \u2013 \u2713. " * 8
    ).strip(),
    "author_name": "Zoë Ålesund-Łukasiewicz O'Brien, Ph.D. (研究所) Ñandú Þórsdóttir"[
        :MAX_AUTHOR_LENGTH
    ].replace(",", ""),
    "author_email": "zoe.alesund-lukasiewicz+packages@mail.xn--exmple-cua.example.org",
}
TEMPLATES = ["setuptools-package", "uv-project", "pyinstaller-app", "flask-deploy"]


def test_the_extreme_answers_are_at_the_limits() -> None:
    assert len(EXTREME["project_name"]) == MAX_NAME_LENGTH
    assert len(EXTREME["author_email"]) <= MAX_AUTHOR_LENGTH
    assert len(EXTREME["description"]) > 400


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_project_with_extreme_answers_installs_and_passes_its_own_tests(
    bake: Bake, new_venv: Callable[[], Venv], template: str
) -> None:
    project = bake(template, **EXTREME)
    venv = new_venv()
    venv.pip("install", "--quiet", "-e", ".", "--group", "test", cwd=project)
    output = venv.run("python", "-m", "pytest", "-p", "no:cacheprovider", cwd=project)
    assert " passed" in output


def test_the_extreme_answers_reach_the_wheel_metadata_intact(bake: Bake, tmp_path: Path) -> None:
    project = bake("setuptools-package", **EXTREME)
    python_build(project, tmp_path / "dist")
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    metadata, _, _ = wheel_metadata(wheel)
    assert metadata["Summary"] == EXTREME["description"]
    assert EXTREME["author_name"] in metadata["Author-email"]


@pytest.mark.parametrize(
    "answers",
    [EXTREME, {"project_name": "a" * MAX_NAME_LENGTH}],
    ids=["extreme", "longest-ascii"],
)
def test_nginx_loads_the_site_of_the_longest_names(
    bake: Bake, tmp_path: Path, answers: dict[str, str]
) -> None:
    """nginx sizes its hash tables for the names it is given: the upstream and
    the zones named after a 50-character package must still load."""
    if shutil.which("nginx") is None:
        pytest.skip("needs nginx (a Debian package; .ci/run installs it)")
    project = bake("flask-deploy", **answers)
    workspace = shared_workspace("shipyard-nginx-")
    try:
        nginx, *_ = start_nginx(
            project, "example.com", workspace / "nginx", "127.0.0.1:9", tmp_path
        )
        nginx.stop()
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
