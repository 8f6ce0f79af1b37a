"""The sources the templates share, written once: `nox -s sync` copies them in.

validation.py becomes every template's pre-generation hook, icons.py the
post-generation hook of a template that draws an icon set, and files/ holds
the project files several templates share. Hooks run with the interpreter that
runs cookiecutter, so these modules import the standard library alone. See
tools/sync_templates.py.
"""

# The private answers of a template's cookiecutter.json: the contract between
# the templates and the shared sources. cookiecutter never asks a key that
# starts with "_"; each one here says who reads it and what it means. A test
# fails on a key that a template uses and this table does not explain.
PRIVATE_KEYS = {
    "_reserved": "hooks/validation.py: distribution names the project may not take, "
    "because the template itself depends on them",
    "_file_sets": "tools/sync_templates.py: folders of hooks/files/ copied whole into "
    "the template (`library`: the example package, its tests, its release workflow)",
    "_icons": "tools/sync_templates.py: where the post-generation hook draws the icon "
    "set, a path inside the project (Jinja)",
    "_build_tool": "hooks/files/: the tool that builds and locks the project "
    "(setuptools or poetry), where it changes what a shared file says",
    "_poetry_version": "hooks/files/pre-commit-config.yaml.j2: the Poetry release that "
    "a project's poetry-check hook pins, and its CI and noxfile install",
    "_ignored": "hooks/files/gitignore.j2: what else the project's tools write that "
    "git must not track, each pattern with the reason",
    "_container": "hooks/files/dependabot.yml.j2: true when the project ships a "
    "container image, whose base Dependabot then keeps current",
}
