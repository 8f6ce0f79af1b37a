{%- if cookiecutter.interface == "tk" -%}
"""The window, with Tkinter: the toolkit that comes with Python.

PyInstaller sees `import tkinter` and bundles Tcl, Tk and their script
libraries with the program; nothing else is needed.
"""

from __future__ import annotations

import base64
import tkinter as tk
from tkinter import ttk

from {{ cookiecutter.package_name }}.resources import resource

TITLE = "{{ cookiecutter.project_name }}"


def build_window(root: tk.Tk, message: str) -> ttk.Label:
    """Fill `root` with the message and a Quit button; return the message label."""
    root.title(TITLE)
    # Tk reads PNG data itself; keep a reference, or Tk drops the image.
    icon = tk.PhotoImage(data=base64.b64encode(resource("icons/app.png").read_bytes()))
    root.iconphoto(True, icon)
    root.icon = icon  # type: ignore[attr-defined]
    frame = ttk.Frame(root, padding=24)
    frame.pack(fill="both", expand=True)
    label = ttk.Label(frame, text=message)
    label.pack(pady=(0, 16))
    ttk.Button(frame, text="Quit", command=root.destroy).pack()
    return label


def run(message: str) -> int:
    """Show the window until it is closed."""
    root = tk.Tk()
    build_window(root, message)
    root.mainloop()
    return 0


def check_window() -> None:
    """Build the window without showing it, then close it (used by --self-test)."""
    root = tk.Tk()
    try:
        root.withdraw()
        build_window(root, "self-test")
        root.update_idletasks()
    finally:
        root.destroy()
{%- elif cookiecutter.interface == "qt" -%}
"""The window, with Qt through PySide6 (the Qt project's own binding).

PyInstaller's hooks for PySide6 bundle the Qt libraries and the plugins the
program needs, among them the "platforms" plugins that draw windows. Without a
screen (CI, a server), set QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from {{ cookiecutter.package_name }}.resources import resource

TITLE = "{{ cookiecutter.project_name }}"


def application() -> QApplication:
    """The one QApplication of the process, made on first use."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication(sys.argv[:1])


def build_window(message: str) -> QWidget:
    """A window with the message and a Quit button."""
    window = QWidget()
    window.setWindowTitle(TITLE)
    pixmap = QPixmap()
    if not pixmap.loadFromData(resource("icons/app.png").read_bytes()):
        raise ValueError("the icon is not an image Qt can read")
    window.setWindowIcon(QIcon(pixmap))
    layout = QVBoxLayout(window)
    label = QLabel(message)
    label.setObjectName("message")
    layout.addWidget(label)
    quit_button = QPushButton("Quit")
    quit_button.clicked.connect(window.close)
    layout.addWidget(quit_button)
    return window


def run(message: str) -> int:
    """Show the window until it is closed."""
    app = application()
    window = build_window(message)
    window.show()
    return app.exec()


def check_window() -> None:
    """Build the window without showing it, then close it (used by --self-test)."""
    application()
    window = build_window("self-test")
    window.close()
{%- endif %}
