"""The shared hook library of the Shipyard template collection.

Every template's own ``hooks/pre_gen_project.py`` and ``hooks/post_gen_project.py``
is a thin shim: it finds this package and calls :func:`run_hook` with the
cookiecutter context. Keep the logic here, once, for all templates.

Hooks run with the interpreter that runs cookiecutter, so this package may only
import the standard library and cookiecutter's own dependencies (Jinja2, ...).
"""

from __future__ import annotations

import sys
from typing import Any

from hooks.generation import finish_project
from hooks.validation import InvalidInput, validate

HOOKS = {
    "pre_gen_project": validate,
    "post_gen_project": finish_project,
}


def run_hook(name: str, context: dict[str, Any]) -> int:
    """Run one hook and return the process exit status.

    Bad input is reported as one line on stderr with a non-zero status, never
    a traceback: cookiecutter then removes the half-made project directory.
    """
    try:
        HOOKS[name](context)
    except InvalidInput as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
