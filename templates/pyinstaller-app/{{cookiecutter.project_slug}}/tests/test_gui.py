{%- if cookiecutter.interface == "tk" -%}
"""The window: built for real with Tk, checked, and closed."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Iterator

import pytest

from {{ cookiecutter.package_name }}.gui import build_window, check_window

pytestmark = pytest.mark.usefixtures("display")


@pytest.fixture
def root() -> Iterator[tk.Tk]:
    window = tk.Tk()
    window.withdraw()
    yield window
    window.destroy()


def test_the_window_shows_the_message(root: tk.Tk) -> None:
    label = build_window(root, "Hello, test!")
    root.update_idletasks()
    assert label.cget("text") == "Hello, test!"
    assert root.title() == "{{ cookiecutter.project_name }}"


def test_the_self_test_window_check_passes() -> None:
    check_window()
{%- elif cookiecutter.interface == "qt" -%}
"""The window: built for real with Qt (offscreen), checked, and closed."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from {{ cookiecutter.package_name }}.gui import application, build_window, check_window


def test_the_window_shows_the_message() -> None:
    application()
    window = build_window("Hello, test!")
    label = window.findChild(QLabel, "message")
    assert label is not None
    assert label.text() == "Hello, test!"
    assert window.windowTitle() == "{{ cookiecutter.project_name }}"
    assert not window.windowIcon().isNull()
    window.close()


def test_the_self_test_window_check_passes() -> None:
    check_window()
{%- endif %}
