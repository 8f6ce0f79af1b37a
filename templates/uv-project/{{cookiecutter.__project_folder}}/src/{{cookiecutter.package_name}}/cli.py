"""The command line: print the N-th Fibonacci number.

Installing the package makes it the console script
`{{ cookiecutter.project_slug }}`, declared in {% if cookiecutter.get("metadata") == "setup.py" %}setup.py{% else %}pyproject.toml{% endif %};
`python -m {{ cookiecutter.package_name }}` runs it too.
"""

from __future__ import annotations
{% if cookiecutter.cli == "click" %}
import click

from {{ cookiecutter.package_name }} import __version__
from {{ cookiecutter.package_name }}.core import fibonacci


@click.command(help="Print the N-th Fibonacci number.")
@click.version_option(
    __version__,
    prog_name="{{ cookiecutter.project_slug }}",
)
@click.argument("n", type=click.IntRange(min=0))
def main(n: int) -> None:
    click.echo(fibonacci(n))
{%- else %}
import argparse
from collections.abc import Sequence

from {{ cookiecutter.package_name }} import __version__
from {{ cookiecutter.package_name }}.core import fibonacci


def non_negative(text: str) -> int:
    """Parse N, with an error message argparse can show next to the usage."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"{n} is negative")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="{{ cookiecutter.project_slug }}",
        description="Print the N-th Fibonacci number.",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    parser.add_argument("n", type=non_negative, metavar="N", help="0, 1, 2, ...")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit status."""
    args = build_parser().parse_args(argv)
    print(fibonacci(args.n))
    return 0
{%- endif %}
