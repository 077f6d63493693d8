"""Export the store as RDF or as a network for Gephi and other graph tools.

RDF formats carry everything (facts, evidence, provenance):

* ``turtle``: the union of all graphs as one Turtle file (named graphs are flattened);
* ``trig`` and ``nquads``: the whole dataset, one named graph per document;
* ``jsonld``: the whole dataset as JSON-LD, named graphs kept.

Network formats carry the projection of :func:`graph.network.project`:

* ``gexf``: GEXF 1.3, valid against the official schema, with colours, sizes and, optionally,
  time intervals for Gephi's timeline;
* ``graphml``: GraphML as written by networkx;
* ``csv``: ``nodes.csv`` and ``edges.csv`` in a folder, the tables Gephi's spreadsheet import reads;
* ``html``: one self-contained interactive page (:mod:`graph.html`): nodes coloured by class, a
  search box, every node's facts with their quotes; it needs no network access to open.

Every network format carries the same node attributes (class, labels in three scripts,
jurisdiction, Louvain community, degree, betweenness and eigenvector centrality, documents,
first and last date) and edge attributes (property, weight = evidence count, post, documents,
first and last date).

All outputs are deterministic: quads, nodes and edges are written in sorted order.

Colour palettes (GEXF ``color`` elements and the HTML view, fixed so that maps stay comparable across exports):

=============== ========= ============== =========
class           colour    jurisdiction   colour
=============== ========= ============== =========
Park            blue      Mainland       red
Enterprise      orange    Taiwan         green
Person          green     HongKong       purple
GovernmentBody  red       Macao          orange
Organization    purple    Foreign        grey
Event           brown     (unknown)      light grey
Policy          pink
Place           grey
Industry        olive
Project         cyan
Post            light grey
=============== ========= ============== =========
"""

from __future__ import annotations

import csv
import json
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph.network import project

__all__ = [
    "CLASS_COLORS",
    "COLOR_BY",
    "FORMATS",
    "JURISDICTION_COLORS",
    "PREFIXES",
    "SIZE_BY",
    "export",
]

#: Formats accepted by :func:`export`, with a few common aliases.
FORMATS = ("turtle", "trig", "nquads", "jsonld", "gexf", "graphml", "csv", "html")
_ALIASES = {"ttl": "turtle", "nq": "nquads", "n-quads": "nquads", "json-ld": "jsonld"}

#: Prefixes written in Turtle, TriG and JSON-LD. Entity and evidence IRIs have a "/" inside their
#: local part, which Turtle could only write escaped ("id:park\\/…"), so they get no prefix.
PREFIXES = {
    "coop": "https://w3id.org/coopkg/ontology#",
    "doc": "https://w3id.org/coopkg/doc/",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: Node colour by class (the Tableau 10 palette, which stays distinguishable on a white canvas).
CLASS_COLORS = {
    "Park": (31, 119, 180),  # blue
    "Enterprise": (255, 127, 14),  # orange
    "Person": (44, 160, 44),  # green
    "GovernmentBody": (214, 39, 40),  # red
    "Organization": (148, 103, 189),  # purple
    "Event": (140, 86, 75),  # brown
    "Policy": (227, 119, 194),  # pink
    "Place": (127, 127, 127),  # grey
    "Industry": (188, 189, 34),  # olive
    "Project": (23, 190, 207),  # cyan
    "Post": (199, 199, 199),  # light grey
}

#: Node colour by jurisdiction (the coop: individuals of docs/architecture.md).
JURISDICTION_COLORS = {
    "Mainland": (214, 39, 40),  # red
    "Taiwan": (44, 160, 44),  # green
    "HongKong": (148, 103, 189),  # purple
    "Macao": (255, 127, 14),  # orange
    "Foreign": (127, 127, 127),  # grey
}

#: Accepted values of ``color_by`` and ``size_by``.
COLOR_BY = ("class", "jurisdiction", None)
SIZE_BY = ("degree", "weight", "betweenness", "eigenvector", None)

_UNKNOWN_COLOR = (199, 199, 199)
_SCRIPTS = {"zh-hans": "label", "zh-hant": "label_zh_hant", "en": "label_en"}
_MIN_SIZE, _MAX_SIZE = 5.0, 30.0

GEXF_NS = "http://gexf.net/1.3"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


# --------------------------------------------------------------------------------------------
# RDF


def _sorted_quads(store: ox.Store) -> list[ox.Quad]:
    # The store's own iteration order follows its internal encoding; sorting by the N-Quads form of
    # each term makes the files independent of it. The default graph, if used, comes first.
    def key(quad: ox.Quad):
        default = isinstance(quad.graph_name, ox.DefaultGraph)
        graph = "" if default else str(quad.graph_name)
        return (not default, graph, str(quad.subject), str(quad.predicate), str(quad.object))

    return sorted(store.quads_for_pattern(None, None, None, None), key=key)


def _write_turtle(store: ox.Store, path: Path) -> None:
    # Turtle has no named graphs: write the union, each triple once even if several documents
    # state it.
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in _sorted_quads(store)}
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    ox.serialize(ordered, str(path), ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def _canonical_json(value, *, in_list: bool = False):
    # JSON-LD arrays are unordered except under "@list"; sorting them (and dict keys) gives the same
    # bytes on every run whatever order rdflib's in-memory store iterates in.
    if isinstance(value, dict):
        return {k: _canonical_json(v, in_list=(k == "@list")) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        if in_list:
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _write_jsonld(store: ox.Store, path: Path) -> None:
    import rdflib

    nquads = ox.serialize(_sorted_quads(store), format=ox.RdfFormat.N_QUADS)
    with warnings.catch_warnings():
        # rdflib 7's N-Quads parser and JSON-LD serializer call its own deprecated Dataset API;
        # the warnings are about rdflib internals, not about this call
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = rdflib.Dataset()
        dataset.parse(data=nquads.decode("utf-8"), format="nquads")
        text = dataset.serialize(format="json-ld", context=dict(PREFIXES))
    document = _canonical_json(json.loads(text))
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Network helpers


def _node_label(data: dict, script: str) -> str:
    # The label in the chosen script, falling back to the canonical zh-Hans one.
    return data.get(_SCRIPTS[script]) or data.get("label", "")


def _sizes(network: nx.MultiDiGraph, size_by: str | None, metrics: dict) -> dict[str, float]:
    # Linear from 5 (a value of 0) to 30 (the highest value), so sizes compare within one export.
    if size_by is None:
        return {node: 10.0 for node in network}
    if size_by == "weight":
        values = dict(network.degree(weight="weight"))
    else:
        values = {node: metrics[node][size_by] for node in network}
    top = max(values.values(), default=0)
    return {
        node: _MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * (value / top if top else 0.0)
        for node, value in values.items()
    }


def _color(data: dict, color_by: str | None) -> tuple[int, int, int] | None:
    if color_by is None:
        return None
    if color_by == "class":
        return CLASS_COLORS.get(data.get("class", ""), _UNKNOWN_COLOR)
    return JURISDICTION_COLORS.get(data.get("jurisdiction", ""), _UNKNOWN_COLOR)


def _token(text: str) -> str:
    # GEXF labels are xs:token: no line breaks, tabs or runs of spaces.
    return " ".join(str(text).split())


def _metrics(network: nx.MultiDiGraph) -> dict[str, dict]:
    from graph.analysis import node_metrics

    return node_metrics(network)


def _node_values(network, node_id: str, data: dict, metrics: dict) -> dict:
    # The attributes every network format writes for a node, in this order.
    return {
        "class": data.get("class", ""),
        "label_zh_hans": data.get("label", ""),
        "label_zh_hant": data.get("label_zh_hant", ""),
        "label_en": data.get("label_en", ""),
        "jurisdiction": data.get("jurisdiction", ""),
        "community": metrics[node_id]["community"],
        "degree": metrics[node_id]["degree"],
        "betweenness": metrics[node_id]["betweenness"],
        "eigenvector": metrics[node_id]["eigenvector"],
        "documents": data.get("documents", ""),
        "first_date": data.get("start", ""),
        "last_date": data.get("end", ""),
    }


def _edge_values(key: str, data: dict) -> dict:
    return {
        "property": data.get("property", key),
        "documents": data.get("documents", ""),
        "weight": data.get("weight", 0),
        "post": data.get("post", ""),
        "first_date": data.get("start", ""),
        "last_date": data.get("end", ""),
    }


def _growth_intervals(network) -> tuple[dict, dict, str | None]:
    # Dynamic GEXF plays the network growing: a node appears at its first date (an event's or a
    # policy's own date, otherwise its first document's) and an edge at its first document's date,
    # never before either of its nodes; both then stay until the last date of the network.
    # Elements without any date are present throughout.
    nodes = {n: d["start"] for n, d in network.nodes(data=True) if d.get("start")}
    edges = {}
    for source, target, key, data in network.edges(keys=True, data=True):
        dates = [d for d in (data.get("start"), nodes.get(source), nodes.get(target)) if d]
        if dates:
            edges[source, target, key] = max(dates)
    ends = [d.get("end") or d.get("start") for _, d in network.nodes(data=True)]
    ends += [d.get("end") or d.get("start") for *_, d in network.edges(keys=True, data=True)]
    ends = [d for d in ends if d] + list(nodes.values()) + list(edges.values())
    return nodes, edges, max(ends, default=None)


# --------------------------------------------------------------------------------------------
# GEXF


_GEXF_NODE_ATTRIBUTES = (
    ("class", "string"),
    ("label_zh_hans", "string"),
    ("label_zh_hant", "string"),
    ("label_en", "string"),
    ("jurisdiction", "string"),
    ("community", "integer"),
    ("degree", "integer"),
    ("betweenness", "double"),
    ("eigenvector", "double"),
    ("documents", "string"),
    ("first_date", "string"),
    ("last_date", "string"),
)
_GEXF_EDGE_ATTRIBUTES = (
    ("property", "string"),
    ("documents", "string"),
    ("weight", "integer"),
    ("post", "string"),
    ("first_date", "string"),
    ("last_date", "string"),
)


def _gexf_attributes(parent: ET.Element, cls: str, spec) -> None:
    attributes = ET.SubElement(parent, f"{{{GEXF_NS}}}attributes", {"class": cls, "mode": "static"})
    for name, kind in spec:
        ET.SubElement(attributes, f"{{{GEXF_NS}}}attribute", id=name, title=name, type=kind)


def _gexf_attvalues(parent: ET.Element, values: dict) -> None:
    attvalues = ET.SubElement(parent, f"{{{GEXF_NS}}}attvalues")
    for name, value in values.items():
        if value is None or value == "":
            continue
        ET.SubElement(attvalues, f"{{{GEXF_NS}}}attvalue", {"for": name, "value": str(value)})


def _write_gexf(network, path: Path, *, script, color_by, size_by, dynamic, metrics) -> None:
    from graph.analysis.centrality import betweenness_note

    # networkx's write_gexf targets 1.2draft and its output does not validate, so the XML is built
    # here. In the GEXF 1.3 schema (viz.rnc: "default namespace = inherit") the viz elements
    # color/size belong to the GEXF namespace itself, not to a separate viz namespace: that is
    # what validates, and Gephi and graphology-gexf (Gephi Lite) read them by local name.
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("xsi", _XSI_NS)
    root = ET.Element(
        f"{{{GEXF_NS}}}gexf",
        {
            "version": "1.3",
            f"{{{_XSI_NS}}}schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd",
        },
    )
    # no lastmodifieddate: the same store must give the same file
    meta = ET.SubElement(root, f"{{{GEXF_NS}}}meta")
    ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "coopkg"
    estimate = betweenness_note(network)
    ET.SubElement(meta, f"{{{GEXF_NS}}}description").text = (
        "coopkg: entities of cross-strait and regional economic cooperation and the facts "
        "linking them, from Chinese documents; edge weight = number of evidence sentences"
        + (f"; {estimate}" if estimate else "")
    )
    graph_attrs = {"defaultedgetype": "directed", "idtype": "string"}
    node_start, edge_start, last = _growth_intervals(network) if dynamic else ({}, {}, None)
    if dynamic:
        graph_attrs.update(mode="dynamic", timeformat="date", timerepresentation="interval")
        dates = sorted(set(node_start.values()) | set(edge_start.values()))
        if dates:
            graph_attrs.update(start=dates[0], end=last)
    else:
        graph_attrs["mode"] = "static"
    graph = ET.SubElement(root, f"{{{GEXF_NS}}}graph", graph_attrs)
    _gexf_attributes(graph, "node", _GEXF_NODE_ATTRIBUTES)
    _gexf_attributes(graph, "edge", _GEXF_EDGE_ATTRIBUTES)

    sizes = _sizes(network, size_by, metrics)
    nodes = ET.SubElement(graph, f"{{{GEXF_NS}}}nodes", count=str(network.number_of_nodes()))
    for node_id, data in sorted(network.nodes(data=True), key=lambda item: item[0]):
        attrs = {"id": node_id, "label": _token(_node_label(data, script))}
        if node_id in node_start:
            attrs["start"], attrs["end"] = node_start[node_id], last
        node = ET.SubElement(nodes, f"{{{GEXF_NS}}}node", attrs)
        _gexf_attvalues(node, _node_values(network, node_id, data, metrics))
        color = _color(data, color_by)
        if color is not None:
            r, g, b = color
            ET.SubElement(node, f"{{{GEXF_NS}}}color", r=str(r), g=str(g), b=str(b))
        ET.SubElement(node, f"{{{GEXF_NS}}}size", value=f"{sizes[node_id]:.2f}")

    edges = ET.SubElement(graph, f"{{{GEXF_NS}}}edges", count=str(network.number_of_edges()))
    ordered = sorted(network.edges(keys=True, data=True), key=lambda e: e[:3])
    for number, (source, target, key, data) in enumerate(ordered):
        attrs = {
            "id": str(number),
            "source": source,
            "target": target,
            "label": _token(data.get("label") or key),
            # Gephi keeps parallel edges apart only when their kind differs: one kind per property
            "kind": str(data.get("property") or key),
            "weight": str(data.get("weight", 0)),
        }
        if (source, target, key) in edge_start:
            attrs["start"], attrs["end"] = edge_start[source, target, key], last
        edge = ET.SubElement(edges, f"{{{GEXF_NS}}}edge", attrs)
        _gexf_attvalues(edge, _edge_values(key, data))

    tree = ET.ElementTree(root)
    ET.indent(tree, space="  ")
    tree.write(path, encoding="utf-8", xml_declaration=True)


# --------------------------------------------------------------------------------------------
# GraphML and CSV


def _plain(value):
    # GraphML keys are typed from the Python values: keep ints and floats, write anything else as
    # text, and leave missing values out (write_graphml cannot write None).
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float | str):
        return value
    return str(value)


def _write_graphml(network, path: Path, *, script, metrics) -> None:
    out = nx.MultiDiGraph()
    for node_id, data in sorted(network.nodes(data=True), key=lambda item: item[0]):
        # "label" is what Gephi and yEd show: the chosen script; the canonical name stays apart
        attrs = {"label": _node_label(data, script)}
        attrs.update(_node_values(network, node_id, data, metrics))
        extra = {k: v for k, v in data.items() if k not in _PROJECTED_NODE_KEYS}
        attrs.update({k: _plain(v) for k, v in extra.items() if v is not None})  # e.g. status
        out.add_node(node_id, **attrs)
    edges = sorted(network.edges(keys=True, data=True), key=lambda e: e[:3])
    for source, target, key, data in edges:
        attrs = {"label": data.get("label") or key}
        attrs.update(_edge_values(key, data))
        extra = {k: v for k, v in data.items() if k not in _PROJECTED_EDGE_KEYS}
        attrs.update({k: _plain(v) for k, v in extra.items() if v is not None})
        out.add_edge(source, target, key=key, **attrs)
    nx.write_graphml(out, path, encoding="utf-8", prettyprint=True)


# projection attributes that _node_values/_edge_values already write (start/end as first/last_date)
_PROJECTED_NODE_KEYS = {
    "label",
    "label_zh_hant",
    "label_en",
    "class",
    "jurisdiction",
    "documents",
    "start",
    "end",
}
_PROJECTED_EDGE_KEYS = {"label", "property", "documents", "weight", "post", "start", "end"}


_NODE_COLUMNS = (
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
)
_EDGE_COLUMNS = (
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
)


def _write_csv(network, folder: Path, *, script, metrics) -> None:
    # Gephi's spreadsheet import: Id/Label node columns, Source/Target/Type/Id/Label/Weight edge
    # columns, other columns as attributes. Plain UTF-8 without a BOM; Gephi's import wizard lets
    # the user pick the charset.
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "nodes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_NODE_COLUMNS)
        for node_id, data in sorted(network.nodes(data=True), key=lambda item: item[0]):
            values = _node_values(network, node_id, data, metrics)
            writer.writerow([node_id, _node_label(data, script), *values.values()])
    with (folder / "edges.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_EDGE_COLUMNS)
        ordered = sorted(network.edges(keys=True, data=True), key=lambda e: e[:3])
        for number, (source, target, key, data) in enumerate(ordered):
            values = _edge_values(key, data)
            writer.writerow(
                [
                    source,
                    target,
                    "Directed",
                    number,
                    data.get("label") or key,
                    values["weight"],
                    values["property"],
                    values["post"],
                    values["documents"],
                    values["first_date"],
                    values["last_date"],
                ]
            )


# --------------------------------------------------------------------------------------------
# Entry point


def export(
    store: ox.Store,
    fmt: str,
    output,
    *,
    script: str = "zh-Hans",
    color_by: str | None = "class",
    size_by: str | None = "degree",
    dynamic: bool = False,
    network: nx.MultiDiGraph | None = None,
    title: str | None = None,
) -> Path:
    """Write the store, or its network projection, in one format.

    Parameters
    ----------
    store : pyoxigraph.Store
        The coopkg store (one named graph per document).
    fmt : str
        One of ``turtle``, ``trig``, ``nquads``, ``jsonld`` (RDF) or ``gexf``, ``graphml``,
        ``csv``, ``html`` (network). Aliases ``ttl``, ``nq``, ``json-ld`` are accepted.
    output : str or os.PathLike
        The file to write; for ``csv`` a folder that receives ``nodes.csv`` and ``edges.csv``.
        Missing parent folders are created.
    script : {"zh-Hans", "zh-Hant", "en"}, default "zh-Hans"
        Script of the node labels in network formats; a node without a label in that script
        falls back to its zh-Hans label. The other labels stay available as attributes.
    color_by : {"class", "jurisdiction", None}, default "class"
        GEXF and HTML node colour, from the fixed palettes :data:`CLASS_COLORS` and
        :data:`JURISDICTION_COLORS`; None writes no colour (HTML: colour by class).
    size_by : {"degree", "weight", "betweenness", "eigenvector", None}, default "degree"
        GEXF and HTML node size, scaled linearly from 5 (a value of 0) to 30 (the highest value)
        on the degree (fact count), the weighted degree (evidence count), or the betweenness or
        eigenvector centrality of :mod:`graph.analysis.centrality`; None gives every node size 10.
    dynamic : bool, default False
        GEXF only: write a dynamic graph (``timeformat="date"``, intervals) that Gephi's timeline
        plays as a growing network. A node appears at its first date (an event's ``heldOn``, a
        policy's ``issuedOn``, otherwise its first document's date) and an edge at its first
        document's date (never before its two nodes); both stay until the last date of the
        export. Elements without any date are present throughout. The dates themselves are in
        the ``first_date`` and ``last_date`` attributes of every format.
    network : networkx.MultiDiGraph, optional
        A projection to export instead of ``project(store)``, e.g. one filtered by class or an
        ego network. Ignored by the RDF formats.
    title : str, optional
        HTML only: the page title (default "coopkg network").

    Returns
    -------
    pathlib.Path
        The file (or, for ``csv``, the folder) written.

    Raises
    ------
    ValueError
        If ``fmt``, ``script``, ``color_by`` or ``size_by`` is not one of the values above.

    Notes
    -----
    Network formats carry, for every node, ``class``, the labels in three scripts,
    ``jurisdiction``, ``community`` (Louvain, numbered by size), ``degree``, ``betweenness``,
    ``eigenvector``, ``documents``, ``first_date`` and ``last_date``; for every edge its
    ``property`` (also the edge label, or the post title of a folded post), ``weight`` (evidence
    count), ``post``, ``documents``, ``first_date`` and ``last_date``.

    Examples
    --------
    >>> import tempfile, pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.load(input=\'\'\'
    ... @prefix coop: <https://w3id.org/coopkg/ontology#> .
    ... <https://w3id.org/coopkg/graph/d> {
    ...   <https://w3id.org/coopkg/id/park/a> a coop:Park ;
    ...       coop:dockingWith <https://w3id.org/coopkg/id/park/b> .
    ...   <https://w3id.org/coopkg/id/park/b> a coop:Park .
    ... }\'\'\', format=ox.RdfFormat.TRIG)
    >>> folder = Path(tempfile.mkdtemp())
    >>> export(store, "gexf", folder / "net.gexf", size_by="betweenness").name
    'net.gexf'
    >>> export(store, "csv", folder / "tables").joinpath("edges.csv").read_text().splitlines()[0]
    'Source,Target,Type,Id,Label,Weight,property,post,documents,first_date,last_date'
    >>> export(store, "pdf", folder / "x.pdf")
    Traceback (most recent call last):
    ...
    ValueError: unknown export format 'pdf'; expected one of turtle, trig, nquads, jsonld, gexf, graphml, csv, html
    """  # noqa: E501
    name = _ALIASES.get(str(fmt).lower(), str(fmt).lower())
    if name not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    script_key = str(script).lower()
    if script_key not in _SCRIPTS:
        raise ValueError(f"unknown script {script!r}; expected zh-Hans, zh-Hant or en")
    if color_by not in COLOR_BY:
        raise ValueError(f"unknown color_by {color_by!r}; expected 'class', 'jurisdiction' or None")
    if size_by not in SIZE_BY:
        raise ValueError(
            f"unknown size_by {size_by!r}; expected one of "
            f"{', '.join(repr(s) for s in SIZE_BY if s)} or None"
        )

    path = Path(output)
    if name == "csv":
        path.mkdir(parents=True, exist_ok=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)

    if name == "turtle":
        _write_turtle(store, path)
        return path
    if name in ("trig", "nquads"):
        rdf_format = ox.RdfFormat.TRIG if name == "trig" else ox.RdfFormat.N_QUADS
        ox.serialize(_sorted_quads(store), str(path), rdf_format, prefixes=PREFIXES)
        return path
    if name == "jsonld":
        _write_jsonld(store, path)
        return path

    if network is None:
        network = project(store)
    metrics = _metrics(network)
    if name == "gexf":
        _write_gexf(
            network,
            path,
            script=script_key,
            color_by=color_by,
            size_by=size_by,
            dynamic=dynamic,
            metrics=metrics,
        )
    elif name == "graphml":
        _write_graphml(network, path, script=script_key, metrics=metrics)
    elif name == "csv":
        _write_csv(network, path, script=script_key, metrics=metrics)
    else:
        from graph.html import write_html

        write_html(
            network,
            path,
            store=store,
            script=script_key,
            color_by=color_by or "class",
            sizes=_sizes(network, size_by, metrics),
            metrics=metrics,
            title=title,
        )
    return path
