"""Helpers shared by the tests: paths, running commands, reading baked projects."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
IN_CI = os.environ.get("CI") == "true"
# The Poetry release the tests drive, and the one generated projects pin.
POETRY_VERSION = "2.5.1"


def template_names() -> list[str]:
    return sorted(path.name for path in TEMPLATES.iterdir() if path.is_dir())


def template_context(name: str) -> dict[str, Any]:
    with (TEMPLATES / name / "cookiecutter.json").open(encoding="utf-8") as file:
        context: dict[str, Any] = json.load(file)
    return context


def run(
    command: Sequence[str | Path],
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    check: bool = True,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run a command; on an unexpected exit status, fail with its whole output.

    `env` adds to this process's environment; a variable set to None is removed.
    """
    merged = {**os.environ, **(env or {})}
    full_env = {key: value for key, value in merged.items() if value is not None}
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, command))} exited {result.returncode} in {cwd}\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
        )
    return result


def cookiecutter(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the cookiecutter command line as a person would."""
    return run([sys.executable, "-m", "cookiecutter", *args], cwd=cwd, check=False)


def tool(name: str) -> str:
    """The path of a command-line tool installed beside the test interpreter."""
    path = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if path is None:
        raise AssertionError(f"{name} is not installed: run the tests through nox")
    return path


def chromium(profile: Path) -> list[str]:
    """Debian's Chromium, headless, with nothing of its own running in the
    background; skips the test where it is not installed."""
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("needs Debian's chromium (.ci/run installs it)")
    return [path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}"]  # fmt: skip


EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def run_workflow_job(
    workflow: Path,
    job: str,
    cwd: Path,
    values: dict[str, str],
    env: Mapping[str, str | None] | None = None,
    check: bool = True,
    conditions: Mapping[str, bool] | None = None,
    replace_env: Mapping[str, str] | None = None,
) -> tuple[subprocess.CompletedProcess[str] | None, dict[str, str]]:
    """Run every `run:` step of one job of a GitHub Actions workflow, as a runner would.

    `uses:` steps are GitHub's own actions and are skipped: the caller provides
    what they would (a Python on PATH, a checkout in `cwd`). Expressions in
    `env:` (the workflow's, the job's, the step's) are looked up in `values`
    (e.g. {"matrix.python-version": "3.11"}); any other expression is an error,
    which keeps `run:` scripts free of them. A step with an `if:` runs when
    `conditions` maps that exact condition to True (the caller says what
    GitHub would decide); a condition it does not answer is an error.
    `replace_env` overrides the workflow's own `env:` values, for what stands
    on another address here than on GitHub's runner (a database's port).
    Returns the last step's result and the outputs the steps wrote.
    """
    document = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    steps = document["jobs"][job]["steps"]
    # The workflow's and the job's `env:` apply to every step; a step's own wins.
    shared_env = {**document.get("env", {}), **document["jobs"][job].get("env", {})}
    outputs_file = cwd / ".github-output"
    outputs_file.write_text("")
    result = None
    for step in steps:
        if "run" not in step:
            continue
        if "if" in step:
            answers = conditions or {}
            assert step["if"] in answers, f"no answer for `if: {step['if']}` in {workflow}"
            if not answers[step["if"]]:
                continue
        assert "${{" not in step["run"], f"expression inside a run: script in {workflow}"
        step_env = {
            key: EXPRESSION.sub(lambda match: values[match.group(1)], str(value))
            for key, value in {**shared_env, **step.get("env", {})}.items()
        }
        for key, value in (replace_env or {}).items():
            assert key in step_env, f"{key} is not in the environment of {workflow}'s job {job}"
            step_env[key] = value
        result = run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=cwd / step.get("working-directory", "."),
            env={**(env or {}), **step_env, "GITHUB_OUTPUT": str(outputs_file)},
            check=check,
        )
        if result.returncode != 0:
            break
    lines = outputs_file.read_text().splitlines()
    outputs_file.unlink()
    return result, dict(line.split("=", 1) for line in lines if "=" in line)
