"""The README's two commands work with the Python an operating system ships.

Debian's /usr/bin/python3 refuses `pip install` into itself (PEP 668), as do
Ubuntu's and Homebrew's. Both commands run here with that Python as `python`
and `python3`, from a copy of the collection, so that the copy's `.venv` is
made from nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.support import ROOT, copy_collection, run

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("readme-commands")]
SYSTEM_PYTHON = Path("/usr/bin/python3")


def readme_commands() -> list[str]:
    """The README's one-line commands: the console blocks with a `$ ` prompt."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```console\n\$ (.+)\n", readme)


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the collection's files as git sees them, without a `.venv`."""
    return copy_collection(tmp_path_factory.mktemp("clone") / "shipyard")


@pytest.fixture(scope="module")
def system_python(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A PATH on which `python` and `python3` are the externally managed Python."""
    marker = list(SYSTEM_PYTHON.parent.parent.glob("lib/python3*/EXTERNALLY-MANAGED"))
    if not SYSTEM_PYTHON.exists() or not marker:
        pytest.skip("needs an externally managed /usr/bin/python3, as Debian's is")
    refused = run([SYSTEM_PYTHON, "-m", "pip", "install", "cookiecutter"], check=False)
    assert refused.returncode != 0, "this Python is meant to refuse installs into itself"
    folder = tmp_path_factory.mktemp("system-python")
    for name in ["python", "python3"]:
        (folder / name).symlink_to(SYSTEM_PYTHON)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


def run_readme_command(command: str, cwd: Path, env: dict[str, str], answers: str = "") -> str:
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env={**os.environ, "VIRTUAL_ENV": "", **env},
        input=answers,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_the_readme_has_a_generate_command_and_a_test_command() -> None:
    generate, test = readme_commands()
    assert generate.endswith("cookiecutter .")
    assert test.endswith("nox")


def test_the_generate_command_answered_with_enter_makes_a_project(
    collection: Path, system_python: dict[str, str], tmp_path: Path
) -> None:
    generate = readme_commands()[0]
    run_readme_command(f"{generate} -o {tmp_path}", collection, system_python, "\n" * 40)
    assert (tmp_path / "example-package" / "pyproject.toml").is_file()
    assert (tmp_path / "example-package" / "LICENSE").is_file()


def test_the_test_command_reaches_the_list_of_sessions(
    collection: Path, system_python: dict[str, str]
) -> None:
    test = readme_commands()[1]
    listed = run_readme_command(f"{test} --list", collection, system_python)
    for session in ["lint", "tests", "docs", "e2e", "bench"]:
        assert f"* {session}" in listed, listed
