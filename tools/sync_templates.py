"""Write what the templates share into each template's own folder.

    python tools/run.py nox -s sync

A template is rendered from one commit of one folder: cookiecutter, cruft (from
a path or a URL, on any system) and copier see `templates/<name>/` and nothing
beside it. So everything a project gets lives in that folder, and what several
templates share is written once under `hooks/` and copied in by this tool:

* `hooks/validation.py` becomes each template's `hooks/pre_gen_project.py`;
  `hooks/icons.py` the `hooks/post_gen_project.py` of a template that names
  an icon folder in its private `_icons` answer. Each module runs as it is,
  followed by a few lines that hand it cookiecutter's answers.
* the pins of GitHub Actions: each action is pinned once, in the collection's
  own workflows (.github/workflows/pins.yml holds those that only templates
  use), where Dependabot keeps it current; every workflow of every template
  gets the same commit and version comment.
* `hooks/questions.toml`: the default and prompt (and, for a closed
  question, the labelled menu) of each shared question a template's
  cookiecutter.json asks, and the rules every template needs
  (`__project_folder`, `__supported_pythons`).
* `hooks/files/`: the files every project gets (licence, .gitignore,
  pre-commit, Dependabot) and, for a template that lists a set in its private
  `_file_sets` answer, that folder's whole tree (`library`: the example
  package, its tests, its release workflow). They are cookiecutter templates
  like any other file of a template; the `.j2` suffix keeps linters off the
  sources and is dropped on the way.

The copies are committed, and tests/test_templates_are_synced.py fails when
one differs from what this tool would write: edit the source, never a copy.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "hooks"
FILES = SOURCES / "files"
TEMPLATES = ROOT / "templates"
PROJECT = "{{cookiecutter.__project_folder}}"
# The project folder's name, which cookiecutter renders before any hook runs:
# the slug, or a fixed name when the slug cannot name a folder (empty, longer
# than a file name may be, a path), so that the hook still runs and says what
# is wrong. Every template's cookiecutter.json gets it as `__project_folder`.
PROJECT_FOLDER = (
    "{{ cookiecutter.project_slug if 0 < cookiecutter.project_slug | length <= 255 "
    "and cookiecutter.project_slug.strip('.') and '/' not in cookiecutter.project_slug "
    "and '\\\\' not in cookiecutter.project_slug else 'refused-project-name' }}"
)

# Every project gets these: where each lands, and its source under hooks/files/.
EVERY_PROJECT = {
    ".gitignore": "gitignore.j2",
    ".pre-commit-config.yaml": "pre-commit-config.yaml.j2",
    ".github/dependabot.yml": "dependabot.yml.j2",
}
# A hook is a module of hooks/ run as a script; cookiecutter renders the hook
# with Jinja first, so the module goes in verbatim and only the last lines,
# which receive the answers, are Jinja.
HOOK = """\
# Written by `nox -s sync` from hooks/{module}: edit that file, not this one.
{{% raw %}}
{source}{{% endraw %}}

if __name__ == "__main__":
    import json

    CONTEXT = json.loads({{{{ cookiecutter | tojson | tojson }}}})
{call}
"""
PRE_GEN_CALL = "    sys.exit(main(CONTEXT))"
POST_GEN_CALL = '    write_icons(Path("{folder}"), CONTEXT["project_name"])'


# `uses: owner/action@<commit>  # <version>`, as every workflow here pins an action.
USES = re.compile(r"(uses:\s*)([\w.-]+/[\w./-]+)@([0-9a-f]{40})(\s*#\s*)(\S+)")
PINS = ROOT / ".github" / "workflows"


def action_pins() -> dict[str, tuple[str, str]]:
    """Each action's commit and version, as the collection's own workflows pin it."""
    pins = {}
    for workflow in sorted(PINS.glob("*.yml")):
        for _, action, commit, _, version in USES.findall(workflow.read_text(encoding="utf-8")):
            pins[action] = (commit, version)
    return pins


def repinned(text: str, pins: dict[str, tuple[str, str]]) -> str:
    """The text with every action pinned as `pins` says."""

    def pin(match: re.Match[str]) -> str:
        action = match[2]
        if action not in pins:
            raise SystemExit(f"{action} is pinned nowhere in .github/workflows: add it to pins.yml")
        commit, version = pins[action]
        return f"{match[1]}{action}@{commit}{match[4]}{version}"

    return USES.sub(pin, text)


def workflow_sources() -> list[Path]:
    """The files of templates/ and hooks/files/ that pin actions."""
    candidates = [*TEMPLATES.rglob("*.yml"), *FILES.rglob("*.yml.j2")]
    return sorted(path for path in candidates if USES.search(path.read_text(encoding="utf-8")))


def stale_pins() -> dict[Path, str]:
    """Each workflow whose pins differ from the collection's, with its text repinned."""
    pins = action_pins()
    stale = {}
    for path in workflow_sources():
        text = path.read_text(encoding="utf-8")
        if (new := repinned(text, pins)) != text:
            stale[path] = new
    return stale


def template_names() -> list[str]:
    return sorted(path.name for path in TEMPLATES.iterdir() if path.is_dir())


def hook(module: str, call: str) -> str:
    source = (SOURCES / module).read_text(encoding="utf-8")
    return HOOK.format(module=module, source=source, call=call)


def licence_file(licences: list[str]) -> str:
    """One LICENSE that holds every licence the template offers, each in its
    own branch: cookiecutter writes the text of the one chosen."""
    parts = []
    for index, name in enumerate(licences):
        keyword = "if" if index == 0 else "elif"
        text = (FILES / "licenses" / f"{name}.txt").read_text(encoding="utf-8")
        parts.append(f'{{% {keyword} cookiecutter.license == "{name}" %}}{text}')
    return "".join(parts) + "{% endif %}"


def shared_questions() -> dict[str, dict[str, Any]]:
    with (SOURCES / "questions.toml").open("rb") as file:
        return tomllib.load(file)


def supported_pythons(pythons: list[str]) -> str:
    """The rule for `__supported_pythons`: the chosen oldest Python and every
    newer one, as words, for the files that list them (CI matrix, classifiers,
    nox sessions) to split."""
    listed = ", ".join(f"'{python}'" for python in pythons)
    return (
        f"{{% set pythons = [{listed}] %}}"
        "{{ pythons[pythons.index(cookiecutter.min_python):] | join(' ') }}"
    )


def json_text(value: Any, indent: int = 0) -> str:
    """JSON as the templates write it: one key per line, lists on one line."""
    if not isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    inner = " " * (indent + 2)
    items = [f"{inner}{json.dumps(key)}: {json_text(v, indent + 2)}" for key, v in value.items()]
    return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"


def questions(folder: Path) -> str:
    """The template's cookiecutter.json, with the shared questions and rules in it.

    Order: the questions (as the template orders them), the rendered rules
    (`__...`, which refer to the answers above them), the prompts, then the
    private answers.
    """
    context = json.loads((folder / "cookiecutter.json").read_text(encoding="utf-8"))
    shared = shared_questions()
    questions = {key: v for key, v in context.items() if not key.startswith("_")}
    private = {key: v for key, v in context.items() if key.startswith("_") and key[1] != "_"}
    prompts = context["__prompts__"]
    for key in questions.keys() & shared.keys():
        questions[key] = shared[key].get("default", questions[key])
        prompt, labels = shared[key]["prompt"], shared[key].get("labels")
        prompts[key] = {"__prompt__": prompt, **labels} if labels else prompt
    rules = {
        "__project_folder": PROJECT_FOLDER,
        "__supported_pythons": supported_pythons(shared["min_python"]["default"]),
    }
    ordered_prompts = {key: prompts[key] for key in questions}
    return json_text({**questions, **rules, "__prompts__": ordered_prompts, **private}) + "\n"


def question_list(context: dict[str, Any]) -> str:
    """The questions of a template, for its README: each with its prompt, its
    default and what it accepts (a menu's labelled answers, or a rule)."""
    shared = shared_questions()
    lines = []
    for key, default in context.items():
        if key.startswith("_"):
            continue
        prompt = context["__prompts__"][key]
        if isinstance(default, list):
            lines.append(f"- `{key}`: {prompt['__prompt__']}, one of:")
            for answer in default:
                mark = " (the default)" if answer == default[0] else ""
                lines.append(f"  - `{answer}`{mark}: {prompt[answer].split(': ', 1)[1]}")
            continue
        # A default made by Jinja from earlier answers is described by its rule.
        shown = (
            "" if "{{" in default else f" (default `{default}`)" if default else " (default: none)"
        )
        rule = shared.get(key, {}).get("rule", "")
        lines.append(
            f"- `{key}`{shown}: {prompt}." + (f" {rule[0].upper()}{rule[1:]}." if rule else "")
        )
    return "\n".join(lines) + "\n"


def readme(folder: Path, context: dict[str, Any]) -> str:
    """The template's README, its list of questions written from cookiecutter.json."""
    text = (folder / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- questions -->\n", "<!-- /questions -->"
    if text.count(start) != 1 or text.count(end) != 1:
        raise SystemExit(f"{folder.name}/README.md needs one {start.strip()} ... {end} block")
    before, rest = text.split(start)
    return before + start + question_list(context) + end + rest.split(end)[1]


def expected_files(template: str) -> dict[Path, str]:
    """Every file this tool writes into one template, with its content."""
    folder = TEMPLATES / template
    context = json.loads((folder / "cookiecutter.json").read_text(encoding="utf-8"))
    files = {
        folder / "cookiecutter.json": questions(folder),
        folder / "README.md": readme(folder, json.loads(questions(folder))),
        folder / "hooks" / "pre_gen_project.py": hook("validation.py", PRE_GEN_CALL),
    }
    if "_icons" in context:
        call = POST_GEN_CALL.format(folder=context["_icons"])
        files[folder / "hooks" / "post_gen_project.py"] = hook("icons.py", call)
    project = folder / PROJECT
    for target, source in EVERY_PROJECT.items():
        files[project / target] = (FILES / source).read_text(encoding="utf-8")
    files[project / "LICENSE"] = licence_file(shared_questions()["license"]["default"])
    for name in context.get("_file_sets", []):
        for source in sorted((FILES / name).rglob("*.j2")):
            target = source.relative_to(FILES / name).as_posix().removesuffix(".j2")
            files[project / target] = source.read_text(encoding="utf-8")
    return files


def stale_files(template: str) -> list[Path]:
    """A hook this tool wrote before that the template no longer needs."""
    hooks = TEMPLATES / template / "hooks"
    expected = expected_files(template)
    return [path for path in sorted(hooks.glob("*.py")) if path not in expected]


def main() -> int:
    # Pins first: the copies below are made from the repinned sources.
    for path, text in stale_pins().items():
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"repinned {path.relative_to(ROOT)}")
    for template in template_names():
        for path, text in expected_files(template).items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8", newline="\n")
                print(f"wrote {path.relative_to(ROOT)}")
        for path in stale_files(template):
            path.unlink()
            print(f"removed {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
