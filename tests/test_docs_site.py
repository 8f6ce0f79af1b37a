"""The built docs site, opened in a real browser: every page has its navigation
and every Mermaid diagram is drawn. `nox -s docs` builds site/ first.

The home page's screenshot is kept in .docs/home.png.
"""

from __future__ import annotations

import functools
import html
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.support import ROOT, chromium, run

pytestmark = pytest.mark.docs

SITE = ROOT / "site"
ARTEFACTS = ROOT / ".docs"
# Pages of the site; 404.html is mkdocs' own error page.
PAGES = sorted(
    path.relative_to(SITE).as_posix()
    for path in SITE.rglob("index.html")
    if "assets" not in path.relative_to(SITE).parts
)
# Material's indigo, the colour of the header bar.
HEADER = (0x40, 0x51, 0xB5)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The site on loopback, served over HTTP as a host would serve it."""
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `python tools/run.py nox -s docs`")

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def browser(profile: Path) -> list[str]:
    """Chromium that can reach this machine only: were the site to load anything
    from a CDN (Mermaid, fonts), the page would show it."""
    return [*chromium(profile), "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--virtual-time-budget=15000"]  # fmt: skip


def visible_text(markup: str) -> str:
    """What a reader sees of the HTML: tags (and code highlighting) removed."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def url_of(site: str, page: str) -> str:
    return site + page.removesuffix("index.html")


def rendered(site: str, page: str, profile: Path) -> str:
    """The page's DOM after its scripts ran: Material draws diagrams in the browser."""
    return run([*browser(profile), "--dump-dom", url_of(site, page)], timeout=120).stdout


def test_the_site_has_every_page() -> None:
    expected = ["index.html", "testing/index.html"]
    expected += [f"stages/{name}/index.html" for name in
                 ("package-managers", "environments", "build-tools", "pypi", "executables",
                  "web-servers", "poetry", "uv")]  # fmt: skip
    expected += [f"compare/{name}/index.html" for name in ("metadata", "layouts", "workflows")]
    assert sorted(expected) == PAGES


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_navigation_and_diagrams(site: str, page: str, tmp_path: Path) -> None:
    built = (SITE / page).read_text(encoding="utf-8")
    diagrams = len(re.findall(r'<pre class="mermaid">', built))
    dom = rendered(site, page, tmp_path / "profile")

    assert 'class="md-nav md-nav--primary"' in dom, "no navigation"
    url = url_of(site, page)
    linked = {
        urljoin(url, href) for href in re.findall(r'<a href="([^"#]*)" class="md-nav__link', dom)
    }
    missing = {url_of(site, other) for other in PAGES} - linked - {url}
    assert not missing, f"the navigation lacks {sorted(missing)}"
    assert '<article class="md-content__inner md-typeset">' in dom
    # Every included file was included: the snippet syntax is not left as text.
    assert not re.search(r"--8\s*<\s*--", visible_text(dom)), "a snippet was not included"
    # Material replaces each <pre class="mermaid"> by a drawn <div class="mermaid">
    # only once Mermaid has rendered it; a syntax error leaves the <pre>.
    assert '<pre class="mermaid">' not in dom, "a diagram was not drawn"
    assert dom.count('<div class="mermaid">') == diagrams


def test_home_page_screenshot(site: str, tmp_path: Path) -> None:
    from PIL import Image

    assert '<pre class="mermaid">' in (SITE / "index.html").read_text(encoding="utf-8"), (
        "the home page has its decision diagram"
    )
    screenshot = tmp_path / "home.png"
    run([*browser(tmp_path / "profile"), "--window-size=1280,1600",
         f"--screenshot={screenshot}", site], timeout=120)  # fmt: skip
    ARTEFACTS.mkdir(exist_ok=True)
    shutil.copy(screenshot, ARTEFACTS / "home.png")
    with Image.open(screenshot) as image:
        picture = image.convert("RGB")
    assert picture.size == (1280, 1600)
    assert picture.getpixel((640, 10)) == HEADER, "the header is not styled"
    colours = picture.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 50, "the page looks blank"


def test_the_comparison_pages_show_every_line_of_the_generated_files() -> None:
    """The included files arrive whole: their text, with the highlighting removed."""
    for page in ("metadata", "layouts", "workflows"):
        text = visible_text((SITE / "compare" / page / "index.html").read_text(encoding="utf-8"))
        for generated in sorted((ROOT / "docs" / "generated" / page).rglob("*")):
            if generated.is_file() and generated.suffix != ".md":
                for line in generated.read_text(encoding="utf-8").splitlines():
                    assert line.strip() in text, f"compare/{page}: {generated.name}: {line}"
