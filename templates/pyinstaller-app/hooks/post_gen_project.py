# Written by `nox -s sync` from hooks/icons.py: edit that file, not this one.
{% raw %}
"""An application icon set drawn for each generated project, with the standard
library alone (hooks may not import anything else).

The icon is a rounded square in a colour taken from the project's name, with a
white ring and dot: the same name always gives the same colour, different
projects get different ones. Three files carry it:

* ``app.png``: 256 x 256, for Linux desktops and for the window itself;
* ``app.ico``: Windows, 16 to 256 pixels, each size stored as PNG (Vista+);
* ``app.icns``: macOS, 16 to 256 pixels, each size stored as PNG.

Every size is drawn at its own resolution, not scaled from another.
"""

from __future__ import annotations

import colorsys
import hashlib
import struct
import zlib
from pathlib import Path

ICO_SIZES = [16, 32, 48, 64, 128, 256]
# The PNG-holding icns entry types, by pixel size.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08"}


def colour_of(name: str) -> tuple[int, int, int]:
    """A saturated, mid-dark colour that white shows up on, chosen by the name."""
    hue = hashlib.sha256(name.encode("utf-8")).digest()[0] / 256
    red, green, blue = colorsys.hls_to_rgb(hue, 0.42, 0.65)
    return round(red * 255), round(green * 255), round(blue * 255)


def clamp(value: float) -> float:
    return min(max(value, 0.0), 1.0)


def pixels(size: int, colour: tuple[int, int, int]) -> bytes:
    """RGBA rows, each led by PNG's filter byte 0.

    Each shape is a signed distance (negative inside); a pixel is covered by
    how far its centre lies inside the edge, which smooths the edges.
    """
    half = size / 2
    corner = size * 0.2
    ring_middle, ring_half_width, dot_radius = size * 0.31, size * 0.05, size * 0.12
    rows = bytearray()
    for row in range(size):
        rows.append(0)
        y = row + 0.5 - half
        for column in range(size):
            x = column + 0.5 - half
            qx, qy = abs(x) - (half - corner), abs(y) - (half - corner)
            outside = (max(qx, 0.0) ** 2 + max(qy, 0.0) ** 2) ** 0.5
            square = outside + min(max(qx, qy), 0.0) - corner
            distance = (x * x + y * y) ** 0.5
            mark = min(abs(distance - ring_middle) - ring_half_width, distance - dot_radius)
            alpha, white = clamp(0.5 - square), clamp(0.5 - mark)
            rows.extend([*(round(c + (255 - c) * white) for c in colour), round(alpha * 255)])
    return bytes(rows)


def png(size: int, colour: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels(size, colour), 9))
        + chunk(b"IEND", b"")
    )


def ico(images: dict[int, bytes]) -> bytes:
    directory = struct.pack("<HHH", 0, 1, len(images))
    offset = len(directory) + 16 * len(images)
    entries, data = b"", b""
    for size, image in images.items():
        side = 0 if size >= 256 else size  # 0 means 256 in the ICO format
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
        data += image
    return directory + entries + data


def icns(images: dict[int, bytes]) -> bytes:
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(image)) + image
        for size, image in images.items()
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_icons(folder: Path, name: str) -> None:
    """Write app.png, app.ico and app.icns for the project called `name`."""
    colour = colour_of(name)
    images = {size: png(size, colour) for size in sorted({*ICO_SIZES, *ICNS_TYPES})}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "app.png").write_bytes(images[256])
    (folder / "app.ico").write_bytes(ico({size: images[size] for size in ICO_SIZES}))
    (folder / "app.icns").write_bytes(icns({size: images[size] for size in ICNS_TYPES}))
{% endraw %}

if __name__ == "__main__":
    import json

    CONTEXT = json.loads({{ cookiecutter | tojson | tojson }})
    write_icons(Path("src/{{ cookiecutter.package_name }}/icons"), CONTEXT["project_name"])
