"""uv-project, driven by the real uv: lock, sync, run, add and remove, build,
publish to a real index and install back, exports for pip, and the generated
CI, release and nox sessions.

uv comes from the test tier's own environment (the `run` dependency group),
never from the machine. It may not download a Python: the project runs on the
Python that runs the tests.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tomllib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support import (
    BASE_PYTHON,
    OUTSIDE_NOX,
    Bake,
    PackageIndex,
    Venv,
    checkout,
    drive_library_release,
    run,
    run_workflow_job,
    runner_path,
    sha256,
    tool,
    wheel_metadata,
)

pytestmark = pytest.mark.e2e

TEMPLATE = "uv-project"
PYTHON = f"3.{sys.version_info.minor}"


@dataclass
class Uv:
    """Runs uv commands in one project."""

    project: Path

    @property
    def env(self) -> dict[str, str | None]:
        # No Python downloads: the Python that runs the tests is the one to use.
        return {**OUTSIDE_NOX, "UV_PYTHON_DOWNLOADS": "never", "UV_PYTHON": BASE_PYTHON}

    def __call__(self, *args: str | Path, check: bool = True) -> str:
        result = run([tool("uv"), *args], cwd=self.project, env=self.env, check=check)
        return result.stdout + result.stderr

    def fails(self, *args: str | Path) -> str:
        result = run([tool("uv"), *args], cwd=self.project, env=self.env, check=False)
        assert result.returncode != 0, f"uv {args} succeeded:\n{result.stdout}{result.stderr}"
        return result.stdout + result.stderr

    def pyproject(self) -> dict[str, Any]:
        return tomllib.loads((self.project / "pyproject.toml").read_text(encoding="utf-8"))

    def locked_names(self) -> set[str]:
        lock = tomllib.loads((self.project / "uv.lock").read_text(encoding="utf-8"))
        return {package["name"] for package in lock["package"]}


# The tests that share the locked project run on one worker.
@pytest.fixture(
    scope="module", params=[pytest.param("click", marks=pytest.mark.xdist_group(TEMPLATE))]
)
def locked(request: pytest.FixtureRequest, bake_once: Bake) -> Uv:
    """A project (with click) locked and synced once, for the tests that only read it."""
    uv = Uv(bake_once(TEMPLATE, cli=request.param))
    uv("lock")
    uv("sync", "--locked")
    return uv


@pytest.fixture
def new_project(bake: Bake) -> Callable[..., Uv]:
    """A project of this test's own, locked, for the tests that change it."""

    def make(**answers: str) -> Uv:
        uv = Uv(bake(TEMPLATE, **answers))
        uv("lock")
        return uv

    return make


def test_the_lock_file_matches_and_a_locked_sync_installs_it(locked: Uv) -> None:
    locked("lock", "--check")
    assert {"example-project", "click", "pytest", "ruff", "mypy", "nox"} <= locked.locked_names()
    assert (locked.project / ".venv").is_dir(), "uv sync makes the project's .venv"
    assert f"Python {PYTHON}" in locked("run", "--locked", "python", "--version")


def test_the_projects_own_tests_pass_under_uv_run(locked: Uv) -> None:
    assert " passed" in locked("run", "--locked", "pytest")


def test_the_command_runs_under_uv_run(locked: Uv) -> None:
    assert locked("run", "--locked", "example-project", "10").splitlines()[-1] == "55"


def test_a_stale_lock_is_refused_with_locked(new_project: Callable[..., Uv]) -> None:
    uv = new_project()
    pyproject = uv.project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace("dependencies = []", 'dependencies = ["six>=1.16"]'))
    assert "needs to be updated" in uv.fails("lock", "--check")
    uv.fails("sync", "--locked")


def test_add_then_remove_round_trips_pyproject_and_lock(new_project: Callable[..., Uv]) -> None:
    uv = new_project()
    pyproject, lock = (uv.project / name for name in ["pyproject.toml", "uv.lock"])
    before = pyproject.read_bytes(), lock.read_bytes()
    uv("add", "six>=1.16")
    assert "six>=1.16" in uv.pyproject()["project"]["dependencies"]
    assert "six" in uv.locked_names()
    uv("remove", "six")
    assert (pyproject.read_bytes(), lock.read_bytes()) == before


def test_uv_version_bumps_the_version_in_pyproject_and_lock(new_project: Callable[..., Uv]) -> None:
    """What README.md and RELEASING.md tell the person to type."""
    uv = new_project()
    uv("version", "--bump", "minor", "--bump", "alpha")
    assert uv("version", "--short").strip() == "0.2.0a1"
    assert uv.pyproject()["project"]["version"] == "0.2.0a1"
    uv("lock", "--check")


def test_uv_build_makes_distributions_pypi_accepts_and_the_sdist_rebuilds_the_wheel(
    locked: Uv, tmp_path: Path
) -> None:
    project = checkout(locked.project, tmp_path / "checkout")
    uv = Uv(project)
    uv("build", "--out-dir", tmp_path / "dist")
    sdist, wheel = (
        tmp_path / "dist" / "example_project-0.1.0.tar.gz",
        tmp_path / "dist" / "example_project-0.1.0-py3-none-any.whl",
    )
    assert sorted((tmp_path / "dist").glob("example_project-*")) == sorted([sdist, wheel])
    run([tool("twine"), "check", "--strict", sdist, wheel])
    run([tool("validate-pyproject"), project / "pyproject.toml"])
    metadata, entry_points, files = wheel_metadata(wheel)
    assert metadata["License-Expression"] == "MIT"
    assert "example-project = example_project.cli:main" in entry_points
    assert "example_project/py.typed" in files
    # The wheel again, from the sdist alone: the same files, byte for byte.
    uv("build", "--wheel", "--out-dir", tmp_path / "again", sdist)
    (again,) = (tmp_path / "again").glob("*.whl")
    assert wheel_contents(again) == wheel_contents(wheel)


def wheel_contents(wheel: Path) -> dict[str, bytes]:
    """Every file of a wheel but the two that name the program that wrote it:
    uv builds the project's own wheel with the uv_build built into uv, and a
    wheel from the sdist with the uv_build release from PyPI, which may be a
    patch release apart ("Generator:" in WHEEL, and so RECORD's hash of WHEEL)."""
    with zipfile.ZipFile(wheel) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    for name in list(contents):
        if name.endswith(".dist-info/RECORD"):
            del contents[name]
        elif name.endswith(".dist-info/WHEEL"):
            lines = contents[name].splitlines(keepends=True)
            contents[name] = b"".join(line for line in lines if not line.startswith(b"Generator:"))
    return contents


def test_publish_to_a_real_index_and_install_back_with_pip_and_uv_tool(
    new_project: Callable[..., Uv],
    tmp_path: Path,
    package_index: PackageIndex,
    new_venv: Callable[[], Venv],
) -> None:
    uv = new_project(project_name="Shipyard Uv Publish")
    uv("build", "--out-dir", tmp_path / "dist")
    files = sorted((tmp_path / "dist").glob("shipyard_uv_publish-*"))
    to_index = ["--publish-url", package_index.url, "--username", package_index.user]

    uv("publish", *to_index, "--password", package_index.password, *files)
    published = package_index.published("shipyard-uv-publish")
    assert published == {path.name: sha256(path) for path in files}

    refused = uv.fails("publish", *to_index, "--password", "not the password", *files)
    assert "403" in refused
    again = uv.fails("publish", *to_index, "--password", package_index.password, *files)
    assert "409" in again
    assert package_index.published("shipyard-uv-publish") == published

    venv = new_venv()
    venv.pip("install", "--quiet", "--no-cache-dir", "--index-url", package_index.simple,
             "shipyard-uv-publish==0.1.0")  # fmt: skip
    assert venv.run("shipyard-uv-publish", "12") == "144\n"

    tools = {"UV_TOOL_DIR": str(tmp_path / "tools"), "UV_TOOL_BIN_DIR": str(tmp_path / "bin")}
    run([tool("uv"), "tool", "install", "--index-url", package_index.simple,
         "--python", BASE_PYTHON, "shipyard-uv-publish==0.1.0"], env=tools)  # fmt: skip
    command = shutil.which("shipyard-uv-publish", path=str(tmp_path / "bin"))
    assert command is not None
    assert run([command, "12"]).stdout == "144\n"


@pytest.mark.parametrize("export", ["requirements.txt", "pylock.toml"])
def test_an_export_installs_with_pip_and_its_hashes_are_checked(
    locked: Uv, tmp_path: Path, new_venv: Callable[[], Venv], export: str
) -> None:
    project = checkout(locked.project, tmp_path / "checkout")
    uv = Uv(project)
    lock_file = project / export
    uv("export", "--format", export, "--no-dev", "--no-emit-project", "-o", lock_file)
    install: list[str | Path] = ["-r", lock_file]
    if export == "requirements.txt":
        install.insert(0, "--require-hashes")
    text = lock_file.read_text(encoding="utf-8")
    assert "click" in text
    assert "sha256" in text
    assert "pytest==" not in text, "the dev group is left out"
    assert 'name = "pytest"' not in text, "the dev group is left out"

    venv = new_venv()
    venv.pip("install", "--quiet", "--no-cache-dir", *install, cwd=project)
    venv.pip("install", "--quiet", "--no-deps", ".", cwd=project)
    assert venv.run("example-project", "10") == "55\n"

    # Wrong hashes, and pip installs nothing.
    lock_file.write_text(re.sub(r"(sha256\W+)[0-9a-f]{64}", r"\g<1>" + "0" * 64, text))
    tampered = new_venv()
    result = run([tampered.python, "-m", "pip", "install", "--no-cache-dir", *install],
                 cwd=project, check=False)  # fmt: skip
    assert result.returncode != 0
    assert "hash" in (result.stdout + result.stderr).lower()


def test_ci_workflow_jobs_pass(locked: Uv, tmp_path: Path, new_venv: Callable[[], Venv]) -> None:
    """The generated ci.yml, job by job, step by step: uv from setup-uv (here,
    the tier's own), the Python the matrix names."""
    project = checkout(locked.project, tmp_path)
    env = {**Uv(project).env, "PATH": runner_path(new_venv())}
    workflow = project / ".github" / "workflows" / "ci.yml"
    for job in ["lock", "lint", "tests", "build", "docs"]:
        run_workflow_job(workflow, job, cwd=project, values={"matrix.python-version": PYTHON},
                         env=env)  # fmt: skip
    assert sorted(path.name for path in (project / "dist").glob("example_project-*")) == [
        "example_project-0.1.0-py3-none-any.whl",
        "example_project-0.1.0.tar.gz",
    ]
    assert (project / "site" / "index.html").is_file()


def test_release_workflow_tests_then_builds_and_checks_the_tag(
    locked: Uv, tmp_path: Path, new_venv: Callable[[], Venv]
) -> None:
    project = checkout(locked.project, tmp_path)
    drive_library_release(project, {**Uv(project).env, "PATH": runner_path(new_venv())}, "0.1.0")


def nox_env(project: Path) -> dict[str, str | None]:
    """How the project's nox runs here: uv's own settings, and uv on PATH."""
    path = os.pathsep.join([str(Path(tool("uv")).parent), os.environ["PATH"]])
    return {**Uv(project).env, "PATH": path}


def test_the_nox_sessions_install_from_the_lock(locked: Uv, tmp_path: Path) -> None:
    project = checkout(locked.project, tmp_path)
    env = nox_env(project)
    result = run([tool("nox"), "-s", "lock", f"tests-{PYTHON}", "lint", "build", "docs"],
                 cwd=project, env=env)  # fmt: skip
    assert "Session docs was successful" in result.stderr
    assert "uv sync --locked" in result.stderr
    assert not (project / ".venv").exists(), "nox sessions must not touch the project's .venv"
    assert len(list((project / "dist").glob("example_project-*"))) == 2


def test_an_untested_line_fails_the_tests_session(locked: Uv, tmp_path: Path) -> None:
    """The tests session measures coverage, subprocesses included, and fails
    below pyproject.toml's fail_under."""
    project = checkout(locked.project, tmp_path)
    env = nox_env(project)
    passed = run([tool("nox"), "-s", f"tests-{PYTHON}"], cwd=project, env=env)
    assert re.search(r"TOTAL .* 100%", passed.stdout), passed.stdout
    core = project / "src" / "example_project" / "core.py"
    core.write_text(core.read_text() + "\n\ndef untested() -> int:\n    return 1\n")
    failed = run([tool("nox"), "-s", f"tests-{PYTHON}"], cwd=project, env=env, check=False)
    assert failed.returncode != 0
    assert "less than fail-under=100" in failed.stdout + failed.stderr
