"""Finishing a generated project, run after cookiecutter has written its files.

What it does, the same for every template:

* write the files templates share from the one copy kept in ``hooks/files``:
  every template gets the licence, .gitignore, pre-commit and Dependabot
  configuration; a template that lists a file set in its private
  ``_file_sets`` answer also gets that folder's tree (``library``: the example
  package, its tests and the PyPI release workflow). Paths and contents are
  Jinja; a ``.j2`` suffix keeps the sources away from linters and is dropped.
  An option only some templates have is read with ``cookiecutter.get(...)``;
* draw the application icon set (PNG, ICO, ICNS) into the folder that the
  template's private ``_icons`` answer names, if it has one;
* remove the files a template rendered empty: a template leaves out an optional
  file by wrapping its whole content in ``{% if %}``, so there is one rule for
  optional files instead of a list per template.

It does the same with or without a terminal, and never touches git.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import jinja2

from hooks.icons import write_icons

FILES = Path(__file__).parent / "files"

# Where each shared file lands in the project, and the source it is rendered from.
SHARED_FILES = {
    ".gitignore": "gitignore.j2",
    ".pre-commit-config.yaml": "pre-commit-config.yaml.j2",
    ".github/dependabot.yml": "dependabot.yml.j2",
}


ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(FILES),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,
)


def render(source: str, context: dict[str, Any]) -> str:
    template = ENVIRONMENT.get_template(source)
    return template.render(cookiecutter=context, year=datetime.date.today().year)


def file_set(name: str, context: dict[str, Any]) -> dict[str, str]:
    """Map each file of ``hooks/files/<name>/`` to where it lands in the project."""
    files = {}
    for source in sorted((FILES / name).rglob("*.j2")):
        relative = source.relative_to(FILES).as_posix()
        target = ENVIRONMENT.from_string(relative.removeprefix(f"{name}/").removesuffix(".j2"))
        files[target.render(cookiecutter=context)] = relative
    return files


def write_shared_files(project: Path, context: dict[str, Any]) -> None:
    files = dict(SHARED_FILES)
    if "license" in context:
        files["LICENSE"] = f"licenses/{context['license']}.txt"
    for name in context.get("_file_sets", []):
        files.update(file_set(name, context))
    for target, source in files.items():
        path = project / target
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as file:
            file.write(render(source, context))


def remove_empty_files(project: Path) -> None:
    """Delete files rendered to nothing, then the folders left empty."""
    for root, _dirs, files in os.walk(project, topdown=False):
        folder = Path(root)
        for name in files:
            path = folder / name
            if not path.read_bytes().strip():
                path.unlink()
        if folder != project and not any(folder.iterdir()):
            folder.rmdir()


def finish_project(context: dict[str, Any]) -> None:
    # cookiecutter runs the post-generation hook inside the new project.
    project = Path.cwd()
    write_shared_files(project, context)
    if "_icons" in context:
        folder = ENVIRONMENT.from_string(context["_icons"]).render(cookiecutter=context)
        write_icons(project / folder, context["project_name"])
    remove_empty_files(project)
