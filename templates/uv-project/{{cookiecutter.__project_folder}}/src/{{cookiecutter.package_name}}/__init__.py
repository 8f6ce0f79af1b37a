"""The library's public API: `fibonacci`, and the installed `__version__`."""

from importlib.metadata import PackageNotFoundError, version

from {{ cookiecutter.package_name }}.core import fibonacci

try:
    # One source for the version: the installed package's metadata.
    __version__ = version("{{ cookiecutter.project_slug }}")
except PackageNotFoundError:  # pragma: no cover - a source tree never installed
    __version__ = "0+unknown"

__all__ = ["__version__", "fibonacci"]
