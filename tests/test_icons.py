"""The icon set the hooks draw for application templates: valid files, every size."""

from __future__ import annotations

import struct
from pathlib import Path

from hooks.icons import ICNS_TYPES, ICO_SIZES, write_icons
from tests.support import Bake

PNG = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG)
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_png_ico_and_icns_hold_every_size(tmp_path: Path) -> None:
    write_icons(tmp_path, "Example App")
    assert png_size((tmp_path / "app.png").read_bytes()) == (256, 256)

    ico = (tmp_path / "app.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(ICO_SIZES))
    for index, size in enumerate(ICO_SIZES):
        entry = ico[6 + 16 * index : 6 + 16 * (index + 1)]
        width, height, *_, length, offset = struct.unpack("<BBBBHHII", entry)
        assert (width or 256, height or 256) == (size, size)
        assert png_size(ico[offset : offset + length]) == (size, size)

    icns = (tmp_path / "app.icns").read_bytes()
    assert icns[:4] == b"icns"
    assert struct.unpack(">I", icns[4:8])[0] == len(icns)
    position, found = 8, {}
    while position < len(icns):
        kind_bytes, length = (
            icns[position : position + 4],
            struct.unpack(">I", icns[position + 4 : position + 8])[0],
        )
        found[kind_bytes] = png_size(icns[position + 8 : position + length])
        position += length
    assert found == {kind: (size, size) for size, kind in ICNS_TYPES.items()}


def test_each_name_gets_its_own_colour_and_always_the_same(tmp_path: Path) -> None:
    for folder, name in [("a", "Example App"), ("b", "Example App"), ("c", "Other App")]:
        write_icons(tmp_path / folder, name)
    icon = {folder: (tmp_path / folder / "app.png").read_bytes() for folder in "abc"}
    assert icon["a"] == icon["b"]
    assert icon["a"] != icon["c"]


def test_the_application_template_gets_its_icons(bake: Bake) -> None:
    project = bake("pyinstaller-app", project_name="Icon Check")
    icons = project / "src" / "icon_check" / "icons"
    assert sorted(path.name for path in icons.iterdir()) == ["app.icns", "app.ico", "app.png"]
