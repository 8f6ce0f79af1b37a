"""Tests of the command line, in-process and as the installed console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from importlib.metadata import version

import pytest
{% if cookiecutter.cli == "click" %}from click.testing import CliRunner
{% endif %}
from {{ cookiecutter.package_name }}.cli import main

COMMAND = "{{ cookiecutter.project_slug }}"
PACKAGE = "{{ cookiecutter.package_name }}"
{% if cookiecutter.cli == "click" %}

def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_prints_the_nth_fibonacci_number() -> None:
    assert run("10") == (0, "55\n")


def test_version() -> None:
    exit_code, output = run("--version")
    assert exit_code == 0
    assert output == f"{COMMAND}, version {version(COMMAND)}\n"


def test_help() -> None:
    exit_code, output = run("--help")
    assert exit_code == 0
    assert "Print the N-th Fibonacci number." in output


@pytest.mark.parametrize("bad", ["-1", "ten"])
def test_bad_input_is_a_usage_error(bad: str) -> None:
    exit_code, output = run("--", bad)
    assert exit_code == 2
    assert "Invalid value for 'N'" in output
{%- else %}

def test_prints_the_nth_fibonacci_number(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["10"]) == 0
    assert capsys.readouterr().out == "55\n"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"{COMMAND} {version(COMMAND)}\n"


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "Print the N-th Fibonacci number." in capsys.readouterr().out


@pytest.mark.parametrize(("bad", "reason"), [("-1", "is negative"), ("ten", "whole")])
def test_bad_input_is_a_usage_error(
    bad: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--", bad])
    assert exit_info.value.code == 2
    assert reason in capsys.readouterr().err
{%- endif %}


def test_python_dash_m_runs_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", PACKAGE, "10"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "55"


def test_the_console_script_is_installed() -> None:
    # The installer writes the script into the environment's scripts folder:
    # on Windows pip makes COMMAND.exe and Poetry COMMAND.cmd, which which() finds.
    script = shutil.which(COMMAND, path=sysconfig.get_path("scripts"))
    assert script is not None, "the console script is not installed"
    result = subprocess.run([script, "20"], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "6765"
