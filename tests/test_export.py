"""Tests for the network projection (graph.network) and the exports (graph.export).

All tests run on tests/fixtures/mini.trig: three parks (one in Taiwan), an enterprise, a person
holding a post in a government body, an event with a gYearMonth date, two documents.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.sparql import prepareQuery

from graph.export import export
from graph.network import QUERIES_DIR, project, to_iso_date

# rdflib 7 warns about its own internal use of deprecated Dataset/ConjunctiveGraph APIs
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"
# The official GEXF schemas (CC BY 4.0, from gephi/gexf), kept beside the tests.
SCHEMAS = Path(__file__).resolve().parent / "schemas"
GEXF_XSD = SCHEMAS / "gexf-1.3" / "gexf.xsd"

ID = "https://w3id.org/coopkg/id/"
DOC = "https://w3id.org/coopkg/doc/"
GRAPH = "https://w3id.org/coopkg/graph/"
YUEYANG = ID + "park/岳阳产业园"
HSINCHU = ID + "park/新竹科学园区"
CHANGSHA = ID + "park/长沙经开区"
LENS = ID + "enterprise/蓝思科技"
LONG = ID + "person/龙明彪"
TAO = ID + "governmentbody/国务院台湾事务办公室"
EVENT = ID + "event/第十五届湘台经贸交流合作会"
POST = ID + "post/国务院台湾事务办公室/副主任"

EXPECTED_EDGES = {
    (YUEYANG, HSINCHU, "dockingWith"): 2,
    (CHANGSHA, LENS, "hasEnterprise"): 1,
    (LONG, EVENT, "spokeAt"): 1,
    (LONG, TAO, "holdsPost"): 1,
    (EVENT, TAO, "organizedBy"): 0,
}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module")
def network(store) -> nx.MultiDiGraph:
    return project(store)


def _rdflib_quad_count(dataset: rdflib.Dataset) -> int:
    return len(set(dataset.quads((None, None, None, None))))


# ---------------------------------------------------------------------------------------------
# stored queries


@pytest.mark.parametrize("name", ["projection_nodes", "projection_edges"])
def test_projection_queries_have_headers_and_are_plain_sparql_11(name):
    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# title: Network ")
    assert lines[1].startswith("# description: One row per ")
    # the projection must run on any SPARQL 1.1 engine, not only on pyoxigraph
    prepareQuery(text)
    # pyoxigraph lower-cases language tags: they are compared with langMatches() only
    assert "lang(" not in text.replace("langMatches(lang(", "")


# ---------------------------------------------------------------------------------------------
# projection


def test_projection_nodes_and_attributes(network):
    assert sorted(network.nodes) == sorted([YUEYANG, HSINCHU, CHANGSHA, LENS, LONG, TAO, EVENT])
    hsinchu = network.nodes[HSINCHU]
    assert hsinchu == {
        "class": "Park",
        "label": "新竹科学园区",
        "label_zh_hant": "新竹科學園區",
        "label_en": "Hsinchu Science Park",
        "jurisdiction": "Taiwan",
        "documents": f"{DOC}001_test;{DOC}002_test",
        "start": "2021-10-15",
        "end": "2022-11-22",
    }
    assert network.nodes[LENS]["class"] == "Enterprise"
    assert network.nodes[TAO]["class"] == "GovernmentBody"
    assert network.nodes[CHANGSHA]["label"] == "长沙经济技术开发区"
    # an event lives at its own date (gYearMonth → first day of the month), not its document's
    assert network.nodes[EVENT]["start"] == "2022-11-01"
    for _, data in network.nodes(data=True):
        assert None not in data.values()


def test_projection_edges_weights_documents_dates(network):
    found = {(s, t, k): d["weight"] for s, t, k, d in network.edges(keys=True, data=True)}
    assert found == EXPECTED_EDGES
    docking = network.edges[YUEYANG, HSINCHU, "dockingWith"]
    assert docking["property"] == docking["label"] == "dockingWith"
    assert docking["documents"] == f"{DOC}001_test;{DOC}002_test"
    assert (docking["start"], docking["end"]) == ("2021-10-15", "2022-11-22")
    # a fact without evidence has weight 0, no documents and no dates
    organized = network.edges[EVENT, TAO, "organizedBy"]
    assert organized["documents"] == "" and "start" not in organized
    # rdfs:seeAlso is not a coop: property; jurisdictions are not entities
    assert not network.has_edge(YUEYANG, CHANGSHA)


def test_posts_fold_into_person_body_edge(network):
    edge = network.edges[LONG, TAO, "holdsPost"]
    assert edge["property"] == "holdsPost"
    assert edge["post"] == edge["label"] == "副主任"
    assert edge["status"] == "current"
    assert edge["documents"] == f"{DOC}002_test"
    assert POST not in network


def test_two_posts_in_one_body_fold_onto_one_edge():
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.load(
        input=f"""
        @prefix coop: <https://w3id.org/coopkg/ontology#> .
        @prefix org: <http://www.w3.org/ns/org#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <{GRAPH}003_test> {{
          <{LONG}> coop:holdsPost <{ID}post/国务院台湾事务办公室/党组成员> .
          <{ID}post/国务院台湾事务办公室/党组成员> a org:Post ; rdfs:label "党组成员"@zh-Hans ;
              org:postIn <{TAO}> ; coop:postStatus "former" .
        }}""",
        format=ox.RdfFormat.TRIG,
    )
    edge = project(store).edges[LONG, TAO, "holdsPost"]
    assert edge["post"] == edge["label"] == "党组成员;副主任"
    assert edge["status"] == "former;current"
    assert edge["weight"] == 1


def test_posts_unfolded(store):
    graph = project(store, fold_posts=False)
    assert graph.number_of_nodes() == 8
    assert graph.nodes[POST]["class"] == "Post"
    assert graph.nodes[POST]["label"] == "副主任"
    assert graph.has_edge(LONG, POST, "holdsPost")
    assert graph.has_edge(POST, TAO, "postIn")
    assert not graph.has_edge(LONG, TAO)
    assert graph.number_of_edges() == 6


def test_class_include_and_exclude(store):
    parks = project(store, classes=["Park"])
    assert sorted(parks.nodes) == sorted([YUEYANG, HSINCHU, CHANGSHA])
    assert list(parks.edges(keys=True)) == [(YUEYANG, HSINCHU, "dockingWith")]

    no_person = project(store, exclude_classes=["coop:Person"])
    assert LONG not in no_person and no_person.number_of_nodes() == 6
    assert no_person.number_of_edges() == 3

    full_iri = project(store, classes=["https://w3id.org/coopkg/ontology#Enterprise"])
    assert list(full_iri.nodes) == [LENS]

    with pytest.raises(ValueError, match="unknown class"):
        project(store, classes=["Parc"])


def test_property_include_and_exclude(store):
    docking = project(store, properties=["dockingWith"])
    assert list(docking.edges(keys=True)) == [(YUEYANG, HSINCHU, "dockingWith")]
    assert docking.number_of_nodes() == 7  # nodes stay, only edges are filtered

    no_posts = project(store, exclude_properties=["coop:holdsPost"])
    assert not no_posts.has_edge(LONG, TAO)
    assert no_posts.number_of_edges() == 4


def test_projection_is_deterministic(store):
    first, second = project(store), project(store)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))


@pytest.mark.parametrize(
    ("lexical", "expected"),
    [("2021-10-15", "2021-10-15"), ("2021-10", "2021-10-01"), ("2021", "2021-01-01"), ("", None)],
)
def test_to_iso_date(lexical, expected):
    assert to_iso_date(lexical) == expected


# ---------------------------------------------------------------------------------------------
# RDF exports


def test_trig_reparses_with_same_quads(store, tmp_path):
    path = export(store, "trig", tmp_path / "out.trig")
    dataset = rdflib.Dataset()
    dataset.parse(path, format="trig")
    assert _rdflib_quad_count(dataset) == len(store)
    again = ox.Store()
    again.load(path=str(path), format=ox.RdfFormat.TRIG)
    assert len(again) == len(store)
    assert set(again) == set(store)


def test_nquads_reparses_with_same_quads(store, tmp_path):
    path = export(store, "nquads", tmp_path / "out.nq")
    again = ox.Store()
    again.load(path=str(path), format=ox.RdfFormat.N_QUADS)
    assert set(again) == set(store)


def test_turtle_is_the_union_of_all_graphs(store, tmp_path):
    path = export(store, "turtle", tmp_path / "out.ttl")
    graph = rdflib.Graph()
    graph.parse(path, format="turtle")
    union = {(q.subject, q.predicate, q.object) for q in store}
    assert len(graph) == len(union)
    assert len(union) < len(store)  # the two documents share triples, written once


def test_jsonld_keeps_named_graphs(store, tmp_path):
    path = export(store, "jsonld", tmp_path / "out.jsonld")
    dataset = rdflib.Dataset()
    dataset.parse(path, format="json-ld")
    assert _rdflib_quad_count(dataset) == len(store)
    graphs = {str(g.identifier) for g in dataset.graphs()}
    assert {f"{GRAPH}001_test", f"{GRAPH}002_test"} <= graphs


def test_rdf_exports_are_byte_stable(store, tmp_path):
    for fmt in ("turtle", "trig", "nquads", "jsonld"):
        first = export(store, fmt, tmp_path / "a" / fmt).read_bytes()
        second = export(store, fmt, tmp_path / "b" / fmt).read_bytes()
        assert first == second, fmt


def test_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        export(store, "pdf", tmp_path / "out.pdf")
    with pytest.raises(ValueError, match="unknown script"):
        export(store, "gexf", tmp_path / "out.gexf", script="ja")


# ---------------------------------------------------------------------------------------------
# network exports


def _xmllint(path: Path) -> subprocess.CompletedProcess:
    assert GEXF_XSD.exists(), f"GEXF 1.3 schema not found at {GEXF_XSD}"
    if shutil.which("xmllint") is None:
        # CI must not pass without the check: there the missing tool is a failure
        message = "xmllint not installed (Debian package libxml2-utils); run scripts/test-setup.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return subprocess.run(
        ["xmllint", "--noout", "--schema", str(GEXF_XSD), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("dynamic", [False, True])
@pytest.mark.parametrize("color_by", ["class", "jurisdiction"])
def test_gexf_validates_against_schema(store, tmp_path, dynamic, color_by):
    path = export(store, "gexf", tmp_path / "out.gexf", dynamic=dynamic, color_by=color_by)
    result = _xmllint(path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("dynamic", [False, True])
def test_gexf_reads_back(store, network, tmp_path, dynamic):
    path = export(store, "gexf", tmp_path / "out.gexf", dynamic=dynamic, script="en")
    assert _xmllint(path).returncode == 0
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()
    assert back.nodes[HSINCHU]["label"] == "Hsinchu Science Park"
    assert back.nodes[HSINCHU]["label_zh_hans"] == "新竹科学园区"
    assert back.nodes[HSINCHU]["jurisdiction"] == "Taiwan"
    assert back.nodes[HSINCHU]["degree"] == 1
    weights = sorted(d["weight"] for _, _, d in back.edges(data=True))
    assert weights == sorted(float(w) for w in EXPECTED_EDGES.values())
    assert back.nodes[HSINCHU]["community"] >= 1
    # the person, the event and the body form a triangle: no broker, the most central component
    assert back.nodes[LONG]["betweenness"] == 0.0
    assert back.nodes[LONG]["eigenvector"] > back.nodes[HSINCHU]["eigenvector"]
    assert back.nodes[EVENT]["first_date"] == "2022-11-01"
    if dynamic:
        assert back.graph["mode"] == "dynamic"
        # the network grows: an element appears at its first date and stays to the last one
        assert back.nodes[EVENT]["start"] == "2022-11-01"
        assert back.nodes[EVENT]["end"] == back.nodes[HSINCHU]["end"] == "2022-11-22"
        assert back.nodes[HSINCHU]["start"] == "2021-10-15"
    else:
        assert "start" not in back.nodes[EVENT]


def test_gexf_colours_and_sizes(store, tmp_path):
    import xml.etree.ElementTree as ET

    ns = {"g": "http://gexf.net/1.3"}
    path = export(store, "gexf", tmp_path / "out.gexf", color_by="jurisdiction")
    assert _xmllint(path).returncode == 0
    root = ET.parse(path).getroot()
    assert root.findtext("g:meta/g:creator", namespaces=ns) == "coopkg"
    nodes = {n.get("id"): n for n in root.iterfind("g:graph/g:nodes/g:node", ns)}
    taiwan = nodes[HSINCHU].find("g:color", ns)
    mainland = nodes[YUEYANG].find("g:color", ns)
    assert (taiwan.get("r"), taiwan.get("g"), taiwan.get("b")) == ("44", "160", "44")
    assert (mainland.get("r"), mainland.get("g"), mainland.get("b")) == ("214", "39", "40")
    sizes = [float(n.find("g:size", ns).get("value")) for n in nodes.values()]
    assert min(sizes) >= 5 and max(sizes) == 30

    def sizes_by(measure):
        path = export(store, "gexf", tmp_path / "s.gexf", size_by=measure)
        assert _xmllint(path).returncode == 0
        root = ET.parse(path).getroot()
        return {
            n.get("id"): float(n.find("g:size", ns).get("value"))
            for n in root.iterfind("g:graph/g:nodes/g:node", ns)
        }

    # no node lies between two others: every betweenness is 0, every node the smallest size
    assert set(sizes_by("betweenness").values()) == {5.0}
    # the person-event-body triangle is the leading eigenvector's component
    eigen = sizes_by("eigenvector")
    assert eigen[LONG] == eigen[EVENT] == eigen[TAO] == 30 and eigen[HSINCHU] == 5
    labels = {e.get("label") for e in root.iterfind("g:graph/g:edges/g:edge", ns)}
    assert "副主任" in labels and "dockingWith" in labels


def test_gexf_says_when_betweenness_is_estimated(store, network, tmp_path, monkeypatch):
    import importlib
    import xml.etree.ElementTree as ET

    def description():
        path = export(store, "gexf", tmp_path / "out.gexf")
        assert _xmllint(path).returncode == 0
        return ET.parse(path).getroot().findtext("g:meta/g:description", namespaces=ns)

    ns = {"g": "http://gexf.net/1.3"}
    assert "estimated" not in description()
    module = importlib.import_module("graph.analysis.centrality")
    monkeypatch.setattr(module, "EXACT_BETWEENNESS_MAX", network.number_of_nodes() - 1)
    monkeypatch.setattr(module, "BETWEENNESS_SOURCES", 3)
    assert description().endswith(
        f"; betweenness is estimated from the shortest paths of 3 of the "
        f"{network.number_of_nodes():,} entities (chosen with a fixed seed; exact up to "
        f"{network.number_of_nodes() - 1:,} entities)"
    )


def test_graphml_reads_back(store, network, tmp_path):
    path = export(store, "graphml", tmp_path / "out.graphml", script="zh-Hant")
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()
    node = back.nodes[HSINCHU]
    assert node["label"] == "新竹科學園區"
    assert node["label_zh_hans"] == "新竹科学园区"
    assert node["class"] == "Park" and node["jurisdiction"] == "Taiwan"
    assert node["community"] >= 1 and node["degree"] == 1
    assert isinstance(node["betweenness"], float) and isinstance(node["eigenvector"], float)
    assert (node["first_date"], node["last_date"]) == ("2021-10-15", "2022-11-22")
    edge = next(d for s, t, d in back.edges(data=True) if (s, t) == (YUEYANG, HSINCHU))
    assert edge["weight"] == 2 and edge["property"] == "dockingWith"
    assert edge["documents"] == f"{DOC}001_test;{DOC}002_test"
    assert (edge["first_date"], edge["last_date"]) == ("2021-10-15", "2022-11-22")


def test_csv_tables(store, network, tmp_path):
    folder = export(store, "csv", tmp_path / "tables")
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        nodes = list(csv.reader(handle))
    with (folder / "edges.csv").open(encoding="utf-8", newline="") as handle:
        edges = list(csv.reader(handle))
    assert nodes[0] == [
        "Id",
        "Label",
        "class",
        "label_zh_hans",
        "label_zh_hant",
        "label_en",
        "jurisdiction",
        "community",
        "degree",
        "betweenness",
        "eigenvector",
        "documents",
        "first_date",
        "last_date",
    ]
    assert edges[0] == [
        "Source",
        "Target",
        "Type",
        "Id",
        "Label",
        "Weight",
        "property",
        "post",
        "documents",
        "first_date",
        "last_date",
    ]
    assert len(nodes) - 1 == network.number_of_nodes()
    assert len(edges) - 1 == network.number_of_edges()
    assert not (folder / "nodes.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert {row[2] for row in edges[1:]} == {"Directed"}
    assert [row[3] for row in edges[1:]] == [str(i) for i in range(len(edges) - 1)]
    docking = next(row for row in edges[1:] if row[6] == "dockingWith")
    assert docking[:2] == [YUEYANG, HSINCHU] and docking[5] == "2"
    assert docking[9:] == ["2021-10-15", "2022-11-22"]
    hsinchu = next(row for row in nodes[1:] if row[0] == HSINCHU)
    assert hsinchu[1] == "新竹科学园区" and hsinchu[6] == "Taiwan"
    assert int(hsinchu[7]) >= 1 and hsinchu[8] == "1"
