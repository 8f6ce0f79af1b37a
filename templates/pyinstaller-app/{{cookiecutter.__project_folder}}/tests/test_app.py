{%- set gui = cookiecutter.interface != "cli" -%}
"""The program's command line, in-process and as `python -m`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from {{ cookiecutter.package_name }} import __version__
from {{ cookiecutter.package_name }}.app import greeting, main

COMMAND = "{{ cookiecutter.project_slug }}"
PACKAGE = "{{ cookiecutter.package_name }}"


def test_greeting_comes_from_the_bundled_files() -> None:
    assert greeting().startswith("Hello, world! This is ")
    assert greeting("Ada").startswith("Hello, Ada!")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"{COMMAND} {__version__}\n"
{%- if not gui %}


def test_the_command_prints_the_greeting(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["Ada"]) == 0
    assert capsys.readouterr().out.startswith("Hello, Ada!")
{%- endif %}


{% if cookiecutter.interface == "tk" %}@pytest.mark.usefixtures("display")
{% endif %}def test_self_test_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test"]) == 0
    assert "self-test passed (from source)" in capsys.readouterr().out


{% if cookiecutter.interface == "tk" %}@pytest.mark.usefixtures("display")
{% endif %}def test_python_dash_m_runs_the_self_test() -> None:
    result = subprocess.run(
        [sys.executable, "-m", PACKAGE, "--self-test"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "self-test passed" in result.stdout


def test_a_windowed_build_survives_without_stdout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What a frozen program without a console starts with.
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    try:
        with pytest.raises(SystemExit) as exit_info:
            main(["--version"])
        assert exit_info.value.code == 0
    finally:
        # main() gave the program streams to write to: close them.
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.close()
