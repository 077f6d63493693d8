"""The self-contained HTML view (graph.html, ``export(..., "html")``).

The page is checked twice: as a file (self-contained, data embedded and escaped, every quote the
exact original text at its offsets), and as a person would use it, in headless Chromium driven by
playwright-core (``tests/js/html_view.mjs``): it lays the network out with no network access,
a search for 新竹 finds Hsinchu Science Park, clicking the match shows its facts with quotes, and
a screenshot is taken. ``COOPKG_UPDATE_SCREENSHOT=1 python -m pytest tests/test_html.py`` copies
that screenshot to docs/html-view.png.

Chromium, Node.js and playwright-core come from ``scripts/test-setup.sh``; without them the browser
test fails when ``CI=true`` and is skipped otherwise.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from graph.export import export
from graph.html import ASSETS_DIR, VIS_NETWORK_SHA256, VIS_NETWORK_VERSION, page_data, write_html
from graph.lookup import resolve_name
from graph.network import project

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
HTML_VIEW = ROOT / "tests" / "js" / "html_view.mjs"
SCREENSHOT = ROOT / "docs" / "html-view.png"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _missing(what: str) -> None:
    message = f"{what}; run scripts/test-setup.sh"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _embedded(page: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="coopkg-data">(.*?)</script>', page, flags=re.S
    )
    assert match, "no embedded data"
    return json.loads(match.group(1))


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


@pytest.fixture(scope="module")
def network(corpus_store) -> nx.MultiDiGraph:
    return project(corpus_store)


@pytest.fixture(scope="module")
def view(corpus_store, network, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    return export(corpus_store, "html", folder / "coopkg.html", network=network)


@pytest.fixture(scope="module")
def hsinchu(corpus_store) -> str:
    return resolve_name(corpus_store, "新竹科学园区").value


def test_vendored_vis_network_is_the_npm_build():
    raw = (ASSETS_DIR / "vis-network.min.js").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == VIS_NETWORK_SHA256
    assert f"@version {VIS_NETWORK_VERSION}" in raw[:2000].decode("utf-8")
    assert "MIT License" in (ASSETS_DIR / "LICENSE-vis-network-MIT").read_text(encoding="utf-8")
    assert VIS_NETWORK_SHA256 in (ASSETS_DIR / "README.md").read_text(encoding="utf-8")


def test_page_is_self_contained(view, network):
    page = view.read_text(encoding="utf-8")
    # nothing is fetched: no external script, style sheet, image or font
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", page)
    assert "@import" not in page and "url(http" not in page
    assert page.count("<script") == 3  # the library, the data, the page's own code
    data = _embedded(page)
    assert len(data["nodes"]) == network.number_of_nodes()
    assert len(data["edges"]) == network.number_of_edges()
    assert {n["class"] for n in data["nodes"]} >= {"Park", "Person", "Event"}
    assert len({n["color"] for n in data["nodes"]}) >= 5  # coloured by class
    assert [name for name, _ in data["legend"]][:2] == ["Park", "Enterprise"]


def test_every_quote_is_the_original_text(view):
    data = _embedded(view.read_text(encoding="utf-8"))
    assert data["evidence"]
    originals = {}
    for quote, file, start, end, _inferred, _rule in data["evidence"]:
        if file not in originals:
            originals[file] = (CORPUS / file).read_bytes().decode("utf-8")
        assert originals[file][start:end] == quote


def test_node_facts_are_embedded_with_quotes(view, hsinchu, corpus_store):
    data = _embedded(view.read_text(encoding="utf-8"))
    yueyang = resolve_name(corpus_store, "岳阳产业园").value
    facts = data["facts"][hsinchu]
    docking = [f for f in facts if f[0] == "dockingWith"]
    assert docking and docking[0][1:4] == ["←", "岳阳产业园", yueyang]
    quotes = [data["evidence"][i][0] for i in docking[0][4]]
    assert quotes and all("新竹" in q for q in quotes)
    # the same evidence shows on the other end of the fact, pointing back
    back = [f for f in data["facts"][yueyang] if f[0] == "dockingWith" and f[3] == hsinchu]
    assert back and back[0][1] == "→" and back[0][4] == docking[0][4]
    node = next(n for n in data["nodes"] if n["id"] == hsinchu)
    assert node["labels"] == {
        "zh-Hans": "新竹科学园区",
        "zh-Hant": "新竹科學園區",
        "en": "Hsinchu Science Park",
    }
    assert node["jurisdiction"] == "Taiwan"


def test_folded_posts_show_on_person_and_body(corpus_store, network):
    data = page_data(network, store=corpus_store)
    person = next(
        s for s, _, k in network.edges(keys=True) if k == "holdsPost"
    )  # any official holding a post
    held = [f for f in data["facts"][person] if f[0] == "holdsPost"]
    assert held and "（" in held[0][2] and held[0][3] in network
    body = held[0][3]
    assert any(f[0] == "holdsPost" and f[1] == "←" for f in data["facts"][body])


def test_labels_cannot_break_out_of_the_page(tmp_path):
    g = nx.MultiDiGraph()
    evil = '</script><script>alert("x")</script><!--'
    g.add_node("https://w3id.org/coopkg/id/park/x", label=evil, **{"class": "Park"})
    page = write_html(g, tmp_path / "x.html", title="<b>园区</b>").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<!--" not in page
    assert "<title>&lt;b&gt;园区&lt;/b&gt;</title>" in page
    assert _embedded(page)["nodes"][0]["label"] == evil


def test_jurisdiction_colours_and_sizes(network):
    data = page_data(network, color_by="jurisdiction", sizes={n: 7.5 for n in network})
    legend = dict(data["legend"])
    assert legend["Taiwan"] == "#2ca02c" and legend["Mainland"] == "#d62728"
    assert {n["size"] for n in data["nodes"]} == {7.5}


def test_html_view_in_headless_chromium(view, hsinchu, tmp_path):
    if not Path(CHROMIUM).exists():
        _missing(f"Chromium not found at {CHROMIUM} (Debian package chromium)")
    if shutil.which("node") is None:
        _missing("Node.js is not installed")
    if not (ROOT / "node_modules" / "playwright-core").is_dir():
        _missing("the npm package playwright-core is not installed (npm ci)")
    if os.environ.get("CI") == "true" and not Path("/usr/share/fonts/opentype/noto").is_dir():
        _missing("fonts-noto-cjk is not installed: Chinese labels would render as boxes")

    screenshot = tmp_path / "html-view.png"
    result = subprocess.run(
        ["node", str(HTML_VIEW), str(view), str(screenshot), "新竹", "新竹科学园区"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "CHROMIUM": CHROMIUM},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])

    assert report["external"] == [], "the page asked for something over the network"
    assert report["errors"] == []
    assert report["title"] == "coopkg network"
    assert "Park" in report["legend"] and len(report["drawnColors"]) >= 5
    # the search finds the park, selects it in the drawing, and the click opens its card
    assert hsinchu in [r["id"] for r in report["results"]]
    assert all("新竹" in r["label"] or r["id"] for r in report["results"])
    assert hsinchu in report["selected"]
    details = report["details"]
    assert details["id"] == hsinchu and details["title"] == "新竹科学园区"
    docking = [f for f in details["facts"] if "dockingWith" in f["head"]]
    assert docking and "岳阳产业园" in docking[0]["head"]
    assert docking[0]["quotes"] and "新竹科学园区" in docking[0]["quotes"][0]
    assert re.match(r"^\S+\.txt:\d+–\d+", docking[0]["cites"][0])

    assert _png_size(screenshot) == (1440, 900)
    assert screenshot.stat().st_size > 50_000  # a drawn network, not a blank page
    if os.environ.get("COOPKG_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(screenshot, SCREENSHOT)


def test_screenshot_is_kept_in_docs():
    assert SCREENSHOT.exists(), "run COOPKG_UPDATE_SCREENSHOT=1 python -m pytest tests/test_html.py"
    assert _png_size(SCREENSHOT) == (1440, 900)
