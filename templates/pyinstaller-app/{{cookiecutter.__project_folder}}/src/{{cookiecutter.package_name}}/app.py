{%- set gui = cookiecutter.interface != "cli" -%}
"""What runs when the program starts: its command line{% if gui %}, then the window{% endif %}."""

from __future__ import annotations

import argparse
import json
import os
import string
import sys
from collections.abc import Sequence

from {{ cookiecutter.package_name }} import __version__
from {{ cookiecutter.package_name }}.resources import read_text
from {{ cookiecutter.package_name }}.selftest import self_test


def greeting(name: str | None = None) -> str:
    """The message the program shows, made from its bundled data files."""
    settings = json.loads(read_text("data/settings.json"))
    template = string.Template(read_text("data/greeting.txt").strip())
    return template.safe_substitute(name=name or settings["default_name"])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="{{ cookiecutter.project_slug }}",
        description="Greet, with words from the files bundled with the program.",
    )
    version = f"%(prog)s {__version__}"
    parser.add_argument("--version", action="version", version=version)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that every module and every bundled file is in place, then exit",
    )
    parser.add_argument("name", nargs="?", help="who to greet (default: settings.json)")
    return parser


def ensure_streams() -> None:
    """Give print() somewhere to write, even in a windowed executable.

    A program frozen without a console (a Windows build with console=False, a
    macOS .app started from the Finder) starts with sys.stdout and sys.stderr
    set to None, and the first print() or logging call would crash it.
    """
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; return its exit status."""
    ensure_streams()
    args = build_parser().parse_args(argv)
    if args.self_test:
        return self_test()
{%- if gui %}
    # Imported here, so that --version and --help never load the GUI toolkit.
    from {{ cookiecutter.package_name }}.gui import run

    return run(greeting(args.name))
{%- else %}
    print(greeting(args.name))
    return 0
{%- endif %}
