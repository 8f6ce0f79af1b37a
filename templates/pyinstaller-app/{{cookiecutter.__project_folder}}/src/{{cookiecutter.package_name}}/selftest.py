{%- set gui = cookiecutter.interface != "cli" -%}
"""`--self-test`: prove that a build is complete, on the machine it runs on.

A frozen program fails in ways its source never does: a module PyInstaller
did not see being imported (a "hidden import"), a data file the spec file
forgot, a shared library missing on an older system. The self-test imports
every module{% if gui %}, builds the window without showing it,{% endif %} and opens
every bundled file. Run right after a build, in CI and on a user's machine,
`--self-test` finds those failures at once.
"""

from __future__ import annotations

import importlib
import json
import sys

from {{ cookiecutter.package_name }}.resources import (
    BUNDLED,
    resource,
)

# Every module of the program, imported by name: the spec file bundles them as
# hidden imports, so a module PyInstaller missed fails the self-test.
MODULES = [
    "{{ cookiecutter.package_name }}.app",
    "{{ cookiecutter.package_name }}.resources",
{%- if gui %}
    "{{ cookiecutter.package_name }}.gui",
{%- endif %}
]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def check_file(name: str) -> None:
    """Open one bundled file and check that its content is what its name says."""
    data = resource(name).read_bytes()
    if not data:
        raise ValueError("empty")
    if name.endswith(".json"):
        json.loads(data)
    elif name.endswith(".png") and not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG image")
    elif name.endswith(".txt"):
        data.decode("utf-8")


def self_test() -> int:
    """Run every check; print one line per problem; return the exit status."""
    problems = []
    for module in MODULES:
        try:
            importlib.import_module(module)
        except ImportError as error:
            problems.append(f"cannot import {module}: {error}")
    for name in BUNDLED:
        try:
            check_file(name)
        except (OSError, ValueError) as error:
            problems.append(f"bundled file {name}: {error}")
{%- if gui %}
    if not problems:
        from {{ cookiecutter.package_name }}.gui import check_window

        try:
            check_window()
        except Exception as error:  # any failure of the toolkit is a failed test
            problems.append(f"cannot build the window: {error}")
{%- endif %}
    for problem in problems:
        print(f"self-test: {problem}", file=sys.stderr)
    if problems:
        return 1
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    print(f"self-test passed ({frozen}): {len(MODULES)} modules, {len(BUNDLED)} files")
    return 0
