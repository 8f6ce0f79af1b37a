"""Finding the files shipped with the application, wherever it runs from.

Every bundled file is read through :func:`resource`, which works the same:

* from the source tree or an installed package: the files sit beside this module;
* from a PyInstaller onedir build: the spec file copies them into the bundle
  under ``_internal/``, in a folder named after the package,
  ``{{ cookiecutter.package_name }}/``, and PyInstaller's importer
  answers ``importlib.resources`` from there;
* from a onefile build: the same, inside the temporary folder the executable
  unpacks itself into at start (``sys._MEIPASS``).

It never depends on the current working directory, so the program finds its
files from wherever it is started.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable

PACKAGE = "{{ cookiecutter.package_name }}"
# Every file the application ships. The self-test opens each one, and the
# tests check that this list and the folders on disk agree.
BUNDLED = ("data/greeting.txt", "data/settings.json", "icons/app.png")


def resource(name: str) -> Traversable:
    """The bundled file `name` (e.g. "data/greeting.txt"), ready to open or read."""
    return files(PACKAGE).joinpath(*name.split("/"))


def read_text(name: str) -> str:
    return resource(name).read_text(encoding="utf-8")


__all__ = ["BUNDLED", "as_file", "read_text", "resource"]
