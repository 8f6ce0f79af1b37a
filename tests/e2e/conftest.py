"""Fixtures of the end-to-end tier: fresh virtual environments and a real package index."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.support import PackageIndex, Venv, make_venv, serve_index


@pytest.fixture
def new_venv(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Venv]:
    """Make fresh virtual environments, as many as a test needs."""
    return lambda: make_venv(tmp_path_factory.mktemp("venv") / ".venv")


@pytest.fixture(scope="session")
def package_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PackageIndex]:
    """One empty index per test session, for the tests that publish and install back."""
    home = tmp_path_factory.mktemp("index")
    packages = home / "packages"
    packages.mkdir()
    with serve_index(home, packages) as index:
        yield index
