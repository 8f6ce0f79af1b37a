"""The bundled files: all listed, all readable, from any working directory."""

from __future__ import annotations

from pathlib import Path

import pytest

import {{ cookiecutter.package_name }}
from {{ cookiecutter.package_name }}.resources import (
    BUNDLED,
    read_text,
    resource,
)
from {{ cookiecutter.package_name }}.selftest import check_file

PACKAGE_DIR = Path({{ cookiecutter.package_name }}.__file__).parent


def test_the_list_of_bundled_files_matches_the_folders() -> None:
    on_disk = {
        path.relative_to(PACKAGE_DIR).as_posix()
        for folder in ("data", "icons")
        for path in (PACKAGE_DIR / folder).iterdir()
        # .ico and .icns are the executable's own icon, used by the build only.
        if path.suffix not in {".ico", ".icns"}
    }
    assert on_disk == set(BUNDLED)


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_file_passes_the_self_test_check(name: str) -> None:
    check_file(name)


def test_files_are_found_from_any_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert "$name" in read_text("data/greeting.txt")
    assert resource("icons/app.png").read_bytes().startswith(b"\x89PNG")
