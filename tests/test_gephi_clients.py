"""The network exports of the bundled corpus, read by the clients researchers use.

* every GEXF written here validates against the official GEXF 1.3 schema with ``xmllint``;
* it parses with ``graphology-gexf`` (the parser of Gephi Lite, run by ``tests/js/gexf_read.mjs``
  under Node.js) into the expected nodes, edges, colours, sizes and attributes;
* the dynamic GEXF carries the time intervals Gephi's timeline plays;
* GraphML reads back with networkx with the same attributes, and the CSV tables have Gephi's
  spreadsheet columns.

xmllint, Node.js and the npm packages come from ``scripts/test-setup.sh``. Without them these tests
fail when ``CI=true`` and are skipped otherwise.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from graph.analysis import node_metrics
from graph.export import CLASS_COLORS, JURISDICTION_COLORS, export
from graph.lookup import resolve_name
from graph.network import project

ROOT = Path(__file__).resolve().parent.parent
GEXF_XSD = ROOT / "tests" / "schemas" / "gexf-1.3" / "gexf.xsd"
GEXF_READ = ROOT / "tests" / "js" / "gexf_read.mjs"
NS = {"g": "http://gexf.net/1.3"}

# (file name, export options)
VARIANTS = {
    "class-degree": {"color_by": "class", "size_by": "degree"},
    "jurisdiction-betweenness-hant": {
        "color_by": "jurisdiction",
        "size_by": "betweenness",
        "script": "zh-Hant",
    },
    "dynamic-eigenvector-en": {"dynamic": True, "size_by": "eigenvector", "script": "en"},
}


def _missing(what: str) -> None:
    message = f"{what}; run scripts/test-setup.sh"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _xmllint(path: Path) -> None:
    if shutil.which("xmllint") is None:
        _missing("xmllint is not installed (Debian package libxml2-utils)")
    result = subprocess.run(
        ["xmllint", "--noout", "--schema", str(GEXF_XSD), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _graphology(path: Path) -> dict:
    if shutil.which("node") is None:
        _missing("Node.js is not installed")
    if not (ROOT / "node_modules" / "graphology-gexf").is_dir():
        _missing("the npm package graphology-gexf is not installed (npm ci)")
    result = subprocess.run(
        ["node", str(GEXF_READ), str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _rgb(color) -> str:
    return "rgb({},{},{})".format(*color)


@pytest.fixture(scope="module")
def network(corpus_store) -> nx.MultiDiGraph:
    return project(corpus_store)


@pytest.fixture(scope="module")
def metrics(network) -> dict:
    return node_metrics(network)


@pytest.fixture(scope="module")
def gexf(corpus_store, network, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("gexf")
    return {
        name: export(corpus_store, "gexf", folder / f"{name}.gexf", network=network, **options)
        for name, options in VARIANTS.items()
    }


@pytest.fixture(scope="module")
def hsinchu(corpus_store) -> str:
    return resolve_name(corpus_store, "新竹科学园区").value


@pytest.mark.parametrize("variant", VARIANTS)
def test_gexf_validates_against_the_official_schema(gexf, variant):
    _xmllint(gexf[variant])


@pytest.mark.parametrize("variant", VARIANTS)
def test_gexf_parses_in_graphology(gexf, network, metrics, hsinchu, variant):
    options = VARIANTS[variant]
    read = _graphology(gexf[variant])
    assert read["type"] == "directed"
    assert read["order"] == network.number_of_nodes()
    assert read["size"] == network.number_of_edges()
    assert read["attributes"]["creator"] == "coopkg"

    script_key = {"zh-Hant": "label_zh_hant", "en": "label_en"}.get(options.get("script"), "label")
    palette = CLASS_COLORS if options.get("color_by", "class") == "class" else JURISDICTION_COLORS
    key = "class" if palette is CLASS_COLORS else "jurisdiction"
    for node, data in network.nodes(data=True):
        attrs = read["nodes"][node]
        assert attrs["label"] == " ".join((data[script_key] or data["label"]).split())
        assert attrs["label_zh_hans"] == data["label"]
        assert attrs["class"] == data["class"]
        assert attrs.get("jurisdiction", "") == data["jurisdiction"]
        for measure in ("community", "degree", "betweenness", "eigenvector"):
            assert attrs[measure] == pytest.approx(metrics[node][measure])
        assert attrs["color"] == _rgb(palette.get(data[key], (199, 199, 199)))
        assert 5 <= attrs["size"] <= 30
    # sized by the chosen centrality: the node with the highest value is the largest
    measure = options["size_by"]
    top = max(metrics, key=lambda n: metrics[n][measure])
    assert read["nodes"][top]["size"] == 30

    taiwan = read["nodes"][hsinchu]
    assert taiwan["class"] == "Park" and taiwan["jurisdiction"] == "Taiwan"
    assert taiwan["label_en"] == "Hsinchu Science Park"

    properties = sorted(e["attributes"]["property"] for e in read["edges"])
    assert properties == sorted(k for _, _, k in network.edges(keys=True))
    for edge in read["edges"]:
        attrs = edge["attributes"]
        assert attrs["kind"] == attrs["property"]
        assert attrs["label"]
        data = network.edges[edge["source"], edge["target"], attrs["property"]]
        assert attrs["weight"] == data["weight"]


def test_dynamic_gexf_carries_time_intervals(gexf, network):
    root = ET.parse(gexf["dynamic-eigenvector-en"]).getroot()
    graph = root.find("g:graph", NS)
    assert graph.get("mode") == "dynamic"
    assert graph.get("timeformat") == "date" and graph.get("timerepresentation") == "interval"
    first, last = graph.get("start"), graph.get("end")
    assert first and last and first <= last

    starts = {}
    for node in graph.iterfind("g:nodes/g:node", NS):
        data = network.nodes[node.get("id")]
        if data.get("start"):
            # an event or policy appears at its own date, other entities at their first document
            assert node.get("start") == data["start"] and node.get("end") == last
            starts[node.get("id")] = data["start"]
        else:
            assert node.get("start") is None
    events = [n for n, d in network.nodes(data=True) if d["class"] in ("Event", "Policy")]
    assert any(n in starts for n in events), "no event or policy carries its date"

    timed = 0
    for edge in graph.iterfind("g:edges/g:edge", NS):
        if edge.get("start") is None:
            continue
        timed += 1
        # an edge appears once both its ends exist, and stays to the end
        for end in (edge.get("source"), edge.get("target")):
            assert edge.get("start") >= starts.get(end, "")
        assert edge.get("end") == last
    assert timed > 0
    assert first == min(starts.values())


def test_static_gexf_has_no_intervals(gexf):
    root = ET.parse(gexf["class-degree"]).getroot()
    assert root.find("g:graph", NS).get("mode") == "static"
    assert not any(e.get("start") for e in root.iter() if e.tag.endswith(("node", "edge")))


def test_graphml_reads_back_with_the_same_attributes(corpus_store, network, metrics, tmp_path):
    path = export(corpus_store, "graphml", tmp_path / "kg.graphml", network=network, script="en")
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()
    for node, data in network.nodes(data=True):
        attrs = back.nodes[node]
        assert attrs["label"] == (data["label_en"] or data["label"])
        assert attrs["label_zh_hans"] == data["label"]
        assert attrs["class"] == data["class"]
        assert attrs["jurisdiction"] == data["jurisdiction"]
        assert attrs["documents"] == data["documents"]
        assert attrs["first_date"] == data.get("start", "")
        for measure in ("community", "degree", "betweenness", "eigenvector"):
            assert attrs[measure] == pytest.approx(metrics[node][measure])
    for source, target, key, data in network.edges(keys=True, data=True):
        attrs = back.edges[source, target, key]
        assert attrs["property"] == key and attrs["weight"] == data["weight"]


def test_csv_tables_in_gephi_spreadsheet_form(corpus_store, network, metrics, tmp_path):
    folder = export(corpus_store, "csv", tmp_path / "tables", network=network)
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with (folder / "edges.csv").open(encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert len(nodes) == network.number_of_nodes() and len(edges) == network.number_of_edges()
    assert list(nodes[0])[:2] == ["Id", "Label"]
    assert list(edges[0])[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"]
    for row in nodes:
        assert int(row["community"]) == metrics[row["Id"]]["community"]
        assert float(row["betweenness"]) == pytest.approx(metrics[row["Id"]]["betweenness"])
    assert len({row["Id"] for row in edges}) == len(edges)
