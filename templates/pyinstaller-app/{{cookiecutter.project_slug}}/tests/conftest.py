{%- if cookiecutter.interface == "qt" -%}
"""Qt draws into memory during the tests: no screen needed, no window flashes by."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
{%- elif cookiecutter.interface == "tk" -%}
"""Tk needs a display. On Linux without one, run the tests under `xvfb-run`."""

import os
import sys

import pytest


@pytest.fixture
def display() -> None:
    """Skip a test that opens a Tk window where there is no display."""
    if sys.platform == "linux" and not os.environ.get("DISPLAY"):
        pytest.skip("Tk needs a display: run the tests under xvfb-run")
{%- endif %}
