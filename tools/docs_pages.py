"""Generate the files the docs' comparison pages show, from the real templates.

    python -m tools.docs_pages            write them to docs/generated/
    python -m tools.docs_pages OUTDIR     write them elsewhere (the staleness test)

Every template is baked with the same answers, so the pages compare like with
like. `nox -s docs_pages` runs this; a test fails when the committed files
differ from what the templates generate now.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from cookiecutter.main import cookiecutter

from tests.support import ROOT, TEMPLATES, template_names

OUTPUT = ROOT / "docs" / "generated"
# The answers every comparison uses; everything else is each template's default.
ANSWERS = {
    "project_name": "Tide Tables",
    "description": "Tide predictions for harbours, from the command line.",
}
# The variants the metadata page sets side by side: folder -> (template, answers, files).
PYPROJECT, SETUP_PY = ["pyproject.toml"], ["pyproject.toml", "setup.py"]
METADATA = {
    "setuptools-pyproject": ("setuptools-package", {"metadata": "pyproject.toml"}, PYPROJECT),
    "setuptools-setup-py": ("setuptools-package", {"metadata": "setup.py"}, SETUP_PY),
    "poetry-pep621": ("poetry-project", {"metadata": "pep621"}, PYPROJECT),
    "poetry-classic": ("poetry-project", {"metadata": "classic"}, PYPROJECT),
    "uv": ("uv-project", {}, PYPROJECT),
}


def bake(template: str, options: dict[str, str], into: Path) -> Path:
    """Generate one project, as `cookiecutter --no-input` with these answers would."""
    project = cookiecutter(
        str(TEMPLATES / template),
        no_input=True,
        extra_context={**ANSWERS, **options},
        output_dir=str(into),
    )
    return Path(project)


def tree(folder: Path, prefix: str = "") -> Iterator[str]:
    """The folder drawn as `tree` draws it: folders first, then files, by name."""
    entries = sorted(folder.iterdir(), key=lambda path: (not path.is_dir(), path.name))
    for number, entry in enumerate(entries):
        last = number == len(entries) - 1
        yield f"{prefix}{'└── ' if last else '├── '}{entry.name}{'/' if entry.is_dir() else ''}"
        if entry.is_dir():
            yield from tree(entry, prefix + ("    " if last else "│   "))


def triggers(workflow: dict[Any, Any]) -> str:
    # YAML 1.1 reads the key `on` as True.
    events = workflow.get("on", workflow.get(True))
    if isinstance(events, str):
        events = [events]
    if isinstance(events, list):
        events = dict.fromkeys(events)
    assert isinstance(events, dict), f"a workflow without triggers: {events!r}"
    described = []
    for event, settings in events.items():
        if event == "push" and settings:
            filters = [f"{key} {', '.join(map(str, value))}" for key, value in settings.items()]
            described.append(f"`push` ({'; '.join(filters)})")
        else:
            described.append(f"`{event}`")
    return ", ".join(described)


def permissions(value: object) -> str:
    if value is None:
        return "inherited"
    if isinstance(value, dict):
        return "<br>".join(f"`{scope}: {level}`" for scope, level in value.items()) or "none"
    return f"`{value}`"


def summary(path: Path) -> str:
    """A workflow's triggers, jobs, environments and secrets, as Markdown."""
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    lines = [
        f"**Runs on:** {triggers(workflow)}. "
        f"**Workflow permissions:** {permissions(workflow.get('permissions'))}.",
        "",
        "| Job | What it does | Environment | Permissions |",
        "| --- | --- | --- | --- |",
    ]
    for job_id, job in workflow["jobs"].items():
        environment = job.get("environment")
        if isinstance(environment, dict):
            environment = environment.get("name")
        # "Freeze on ${{ matrix.os }}" reads as "Freeze on *os*".
        name = re.sub(r"\$\{\{\s*matrix\.([\w-]+)\s*\}\}", r"*\1*", job.get("name", job_id))
        cells = [
            f"`{job_id}`",
            name,
            f"`{environment}`" if environment else "-",
            permissions(job.get("permissions")),
        ]
        lines.append(f"| {' | '.join(cells)} |")
    secrets = sorted(set(re.findall(r"secrets\.(\w+)", text)) - {"GITHUB_TOKEN"})
    lines += [
        "",
        "**Secrets it reads:** "
        + (", ".join(f"`{name}`" for name in secrets) if secrets else "none (only `GITHUB_TOKEN`)")
        + ".",
    ]
    return "\n".join(lines) + "\n"


def generate(output: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for folder, (template, options, files) in METADATA.items():
            project = bake(template, options, work / folder)
            for name in files:
                target = output / "metadata" / folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(project / name, target)

        for template in template_names():
            project = bake(template, {}, work / "layouts" / template)
            layout = output / "layouts" / f"{template}.txt"
            layout.parent.mkdir(parents=True, exist_ok=True)
            layout.write_text(
                "\n".join([f"{project.name}/", *tree(project)]) + "\n", encoding="utf-8"
            )
            for workflow in sorted((project / ".github" / "workflows").glob("*.yml")):
                target = output / "workflows" / template / workflow.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(workflow, target)
                target.with_suffix(".md").write_text(summary(workflow), encoding="utf-8")


def main() -> None:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    generate(output)
    print(f"wrote {sum(1 for path in output.rglob('*') if path.is_file())} files to {output}")


if __name__ == "__main__":
    main()
