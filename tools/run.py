"""Run one of the collection's tools from its own virtual environment.

    python tools/run.py cookiecutter .     generate a project
    python tools/run.py nox                run the whole test suite

The Python that an operating system ships (Debian's, Ubuntu's, Homebrew's...)
refuses `pip install` into itself (PEP 668). So the tools live in `.venv` at
the top of the collection: made on first use with the standard library's venv,
filled with the `run` dependency group of pyproject.toml, and filled again
whenever that group changes. The script needs nothing but Python 3.11 or newer,
on Linux, macOS and Windows alike.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if sys.platform == "win32" else "bin")
# What was last installed into .venv; a different group means install again.
INSTALLED = VENV / "installed-requirements.txt"


def fail(message: str) -> NoReturn:
    print(f"tools/run.py: {message}", file=sys.stderr)
    raise SystemExit(1)


def requirements() -> list[str]:
    import tomllib  # here, so that an older Python reaches the version check

    with (ROOT / "pyproject.toml").open("rb") as file:
        group: list[str] = tomllib.load(file)["dependency-groups"]["run"]
    return group


def python_in_venv() -> Path:
    """The venv's interpreter, making the venv first if there is none."""
    python = BIN / ("python.exe" if sys.platform == "win32" else "python")
    if not python.exists():
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except (OSError, subprocess.CalledProcessError):
            shutil.rmtree(VENV, ignore_errors=True)
            fail(
                "could not make a virtual environment in .venv; on Debian and Ubuntu "
                "install python3-venv first (sudo apt install python3-venv)"
            )
    return python


def install(python: Path, wanted: list[str]) -> None:
    listed = "\n".join(wanted) + "\n"
    if INSTALLED.exists() and INSTALLED.read_text(encoding="utf-8") == listed:
        return
    print(f"tools/run.py: installing {', '.join(wanted)} into .venv", file=sys.stderr)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if subprocess.run([*pip, *wanted], check=False).returncode != 0:
        fail("pip could not install the tools into .venv (see its message above)")
    INSTALLED.write_text(listed, encoding="utf-8")


def main(arguments: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 (this script may meet any Python)
        fail("the collection's tools need Python 3.11 or newer")
    if not arguments:
        fail("name a command to run, e.g. `python tools/run.py nox`")
    install(python_in_venv(), requirements())
    command = shutil.which(arguments[0], path=str(BIN))
    if command is None:
        fail(f"{arguments[0]} is not one of the tools in .venv (see the `run` group)")
    # As if the venv were activated: the tool finds its siblings on PATH.
    env = {**os.environ, "VIRTUAL_ENV": str(VENV)}
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    try:
        return subprocess.run([command, *arguments[1:]], env=env, check=False).returncode
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
