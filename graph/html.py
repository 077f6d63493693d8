"""A self-contained interactive HTML view of the network.

One HTML file holds everything: the vis-network library (inlined from ``graph/assets/``, see its
README), the nodes and edges of the projection, and for every node the facts that concern it with
the quotes that state them, embedded as JSON. The page needs no network access and no server:
open it from disk in any current browser.

What the page offers:

* the network drawn with a force-directed layout (vis-network's physics, fixed seed, stopped once
  stable), nodes coloured by class (or jurisdiction) and sized by a chosen centrality, a legend;
* a search box matching every label (zh-Hans, zh-Hant, English) and alias, case-insensitively:
  the matches are listed and selected in the drawing, Enter or a click on a match opens it;
* clicking a node (or a match, or a linked entity in the panel) shows its card: class,
  jurisdiction, labels, community, centralities, documents, and every fact with its quotes
  (document file and character offsets).

Text from the graph is inserted with ``textContent`` only, never as HTML.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

import networkx as nx

__all__ = ["ASSETS_DIR", "VIS_NETWORK_SHA256", "VIS_NETWORK_VERSION", "page_data", "write_html"]

#: Folder of the vendored browser assets.
ASSETS_DIR = Path(__file__).resolve().parent / "assets"
#: The vendored vis-network: npm ``vis-network`` at this version, ``standalone/umd`` build.
VIS_NETWORK_VERSION = "10.1.2"
VIS_NETWORK_SHA256 = "fc674cfa6cceb27a3b40ff4ea75c204a2d8570fb39b9a627127cf7039e141ad4"

_SCRIPTS = {"zh-hans": "label", "zh-hant": "label_zh_hant", "en": "label_en"}

_FACTS = """
SELECT ?s ?p ?o ?quote ?file ?start ?end ?inferred ?rule WHERE {
  ?ev a coop:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; coop:quote ?quote ;
      coop:inDocument ?doc ; coop:startOffset ?start ; coop:endOffset ?end ;
      coop:inferred ?inferred .
  ?doc coop:fileName ?file .
  OPTIONAL { ?ev coop:extractedBy ?rule }
}
"""

_LABELS = """
SELECT ?e ?l WHERE { ?e rdfs:label ?l . FILTER(langMatches(lang(?l), "zh-Hans")) }
"""

_ALIASES = """
SELECT DISTINCT ?e ?l WHERE { ?e skos:altLabel ?l }
"""

_POSTS = """
SELECT ?post ?body WHERE { ?post a org:Post ; org:postIn ?body }
"""

_DOCUMENTS = """
SELECT ?doc ?file ?title WHERE {
  ?doc a coop:Document ; coop:fileName ?file . OPTIONAL { ?doc dcterms:title ?title }
}
"""


def _local(iri: str) -> str:
    for separator in ("#", "/"):
        if separator in iri:
            return iri.rsplit(separator, 1)[1]
    return iri


def _hex(rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _facts(store, network) -> tuple[dict, list, dict, dict]:
    # Facts per node, evidence records shared between the two ends of a fact, aliases, documents.
    from queries import PREFIXES

    def rows(text):
        return store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)

    labels = {r["e"].value: r["l"].value for r in rows(_LABELS)}
    aliases = defaultdict(set)
    for r in rows(_ALIASES):
        if r["e"].value in network:
            aliases[r["e"].value].add(r["l"].value)
    bodies = {r["post"].value: r["body"].value for r in rows(_POSTS)}
    documents = {}
    for r in rows(_DOCUMENTS):
        title = r["title"].value if r["title"] is not None else ""
        documents[r["file"].value] = " ".join(title.split())

    def describe(term) -> tuple[str, str | None]:
        # (text shown, node id to link to or None)
        value = term.value
        if type(term).__name__ != "NamedNode":
            return value, None
        if value in bodies:
            body = bodies[value]
            return f"{labels.get(value, _local(value))}（{labels.get(body, _local(body))}）", (
                body if body in network else None
            )
        return labels.get(value, _local(value)), (value if value in network else None)

    evidence: list[list] = []
    index: dict[tuple, int] = {}
    grouped: dict[str, dict[tuple, set]] = defaultdict(lambda: defaultdict(set))
    for r in rows(_FACTS):
        record = (
            r["quote"].value,
            r["file"].value,
            int(r["start"].value),
            int(r["end"].value),
            r["inferred"].value == "true",
            r["rule"].value if r["rule"] is not None else "",
        )
        subject, obj = r["s"].value, r["o"]
        prop = _local(r["p"].value)
        ends = []
        if subject in network:
            ends.append((subject, "→", *describe(obj)))
        obj_value = obj.value
        if obj_value in bodies and bodies[obj_value] in network:
            post = labels.get(obj_value, _local(obj_value))
            ends.append(
                (bodies[obj_value], "←", f"{labels.get(subject, _local(subject))}（{post}）", None)
            )
        elif obj_value in network:
            link = subject if subject in network else None
            ends.append((obj_value, "←", labels.get(subject, _local(subject)), link))
        if not ends:
            continue
        if record not in index:
            index[record] = len(evidence)
            evidence.append(list(record))
        for node, direction, other, other_id in ends:
            grouped[node][(prop, direction, other, other_id or "")].add(index[record])

    facts = {}
    for node in sorted(grouped):
        items = []
        for (prop, direction, other, other_id), refs in sorted(grouped[node].items()):
            ordered = sorted(refs, key=lambda i: (evidence[i][1], evidence[i][2], evidence[i][3]))
            items.append([prop, direction, other, other_id or None, ordered])
        facts[node] = items
    return facts, evidence, {k: sorted(v) for k, v in aliases.items()}, documents


def page_data(
    network: nx.MultiDiGraph,
    *,
    store=None,
    script: str = "zh-hans",
    color_by: str = "class",
    sizes: dict | None = None,
    metrics: dict | None = None,
) -> dict:
    """The JSON object the page embeds: nodes, edges, facts with evidence, legend.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A projection from :func:`graph.network.project`.
    store : pyoxigraph.Store, optional
        The store, to read every node's facts, quotes and aliases; without it the page shows the
        network and the node attributes only.
    script : {"zh-hans", "zh-hant", "en"}, default "zh-hans"
        Script of the labels drawn (any case).
    color_by : {"class", "jurisdiction"}, default "class"
        Node colour palette (:data:`graph.export.CLASS_COLORS` or
        :data:`graph.export.JURISDICTION_COLORS`).
    sizes : dict, optional
        Node id → drawn radius; default 10 for every node.
    metrics : dict, optional
        Node id → ``{"degree", "betweenness", "eigenvector", "community"}``, as from
        :func:`graph.analysis.node_metrics`; computed when not given.

    Returns
    -------
    dict
        ``nodes`` (``id``, ``label``, ``labels``, ``aliases``, ``class``, ``jurisdiction``,
        ``color``, ``size``, the metrics, ``documents``, ``first_date``, ``last_date``),
        ``edges`` (``from``, ``to``, ``label``, ``property``, ``weight``), ``facts`` (node id →
        ``[property, "→" or "←", other label, other node id or null, [evidence indices]]``),
        ``evidence`` (``[quote, file, start, end, inferred, rule]``), ``documents`` (file →
        title), ``legend`` (``[name, colour]``), ``colorBy``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", label="新竹科学园区", label_en="Hsinchu Science Park", **{"class": "Park"})
    >>> data = page_data(g)
    >>> data["nodes"][0]["color"], data["nodes"][0]["labels"]["en"], data["legend"]
    ('#1f77b4', 'Hsinchu Science Park', [['Park', '#1f77b4']])
    """
    from graph.export import CLASS_COLORS, JURISDICTION_COLORS

    if metrics is None:
        from graph.analysis import node_metrics

        metrics = node_metrics(network)
    palette = CLASS_COLORS if color_by == "class" else JURISDICTION_COLORS
    key = "class" if color_by == "class" else "jurisdiction"
    unknown = (199, 199, 199)
    label_key = _SCRIPTS[script.lower()]
    facts, evidence, aliases, documents = (
        _facts(store, network) if store is not None else ({}, [], {}, {})
    )

    nodes = []
    used = set()
    for node_id, data in sorted(network.nodes(data=True), key=lambda item: item[0]):
        group = data.get(key, "")
        used.add(group)
        node_metrics = metrics.get(node_id, {})
        nodes.append(
            {
                "id": node_id,
                "label": data.get(label_key) or data.get("label", "") or _local(node_id),
                "labels": {
                    "zh-Hans": data.get("label", ""),
                    "zh-Hant": data.get("label_zh_hant", ""),
                    "en": data.get("label_en", ""),
                },
                "aliases": aliases.get(node_id, []),
                "class": data.get("class", ""),
                "jurisdiction": data.get("jurisdiction", ""),
                "color": _hex(palette.get(group, unknown)),
                "size": round((sizes or {}).get(node_id, 10.0), 2),
                "community": node_metrics.get("community", 0),
                "degree": node_metrics.get("degree", network.degree(node_id)),
                "betweenness": node_metrics.get("betweenness", 0.0),
                "eigenvector": node_metrics.get("eigenvector", 0.0),
                "documents": [d for d in data.get("documents", "").split(";") if d],
                "first_date": data.get("start", ""),
                "last_date": data.get("end", ""),
            }
        )
    edges = [
        {
            "from": source,
            "to": target,
            "label": data.get("label") or k,
            "property": data.get("property", k),
            "weight": data.get("weight", 0),
        }
        for source, target, k, data in sorted(
            network.edges(keys=True, data=True), key=lambda e: e[:3]
        )
    ]
    legend = [[name, _hex(rgb)] for name, rgb in palette.items() if name in used]
    if used - set(palette):
        legend.append(["(unknown)" if key == "jurisdiction" else "(other)", _hex(unknown)])
    return {
        "nodes": nodes,
        "edges": edges,
        "facts": facts,
        "evidence": evidence,
        "documents": documents,
        "legend": legend,
        "colorBy": color_by,
    }


def _vis_network_js() -> str:
    raw = (ASSETS_DIR / "vis-network.min.js").read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != VIS_NETWORK_SHA256:
        raise RuntimeError(
            f"{ASSETS_DIR / 'vis-network.min.js'} is not vis-network {VIS_NETWORK_VERSION} "
            f"(sha256 {digest}); see {ASSETS_DIR / 'README.md'}"
        )
    text = raw.decode("utf-8")
    # an inline script ends at the first "</script": the vendored build has none, keep it so
    return text.replace("</script", "<\\/script")


def _json_for_script(data) -> str:
    # Inside <script type="application/json"> only "</script" could end the element early;
    # escaping every "<" (JSON.parse reads \u003c back) rules it out, as well as "<!--".
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def write_html(
    network: nx.MultiDiGraph,
    path,
    *,
    store=None,
    script: str = "zh-hans",
    color_by: str = "class",
    sizes: dict | None = None,
    metrics: dict | None = None,
    title: str | None = None,
) -> Path:
    """Write the interactive HTML view of ``network`` to ``path``.

    Usually called through :func:`graph.export.export` with ``fmt="html"``, which computes the
    sizes from the chosen centrality. Parameters are those of :func:`page_data`, and ``title``
    (default "coopkg network") for the page title and heading.

    Returns
    -------
    pathlib.Path
        The file written (UTF-8).

    Examples
    --------
    >>> import tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", label="新竹科学园区", **{"class": "Park"})
    >>> page = write_html(g, Path(tempfile.mkdtemp()) / "view.html").read_text(encoding="utf-8")
    >>> "新竹科学园区" in page and "vis-network" in page and "https://" not in page.split("<script")[0]
    True
    """
    data = page_data(
        network, store=store, script=script, color_by=color_by, sizes=sizes, metrics=metrics
    )
    title = title or "coopkg network"
    page = (
        _TEMPLATE.replace("@@TITLE@@", _escape(title))
        .replace(
            "@@LANG@@", {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}[script.lower()]
        )
        .replace("@@STYLE@@", _STYLE)
        .replace("@@APP@@", _APP)
    )
    # the library and the data go in last, so that no placeholder text inside them is replaced
    head, rest = page.split("@@VIS@@")
    middle, tail = rest.split("@@DATA@@")
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        head + _vis_network_js() + middle + _json_for_script(data) + tail, encoding="utf-8"
    )
    return out


_STYLE = """
:root { --ink: #222; --muted: #666; --line: #ddd; --accent: #1f77b4; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; color: var(--ink); background: #fff;
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
    "Microsoft YaHei", "Noto Sans CJK TC", sans-serif; font-size: 14px; }
#app { display: grid; grid-template-columns: 1fr 380px; grid-template-rows: auto 1fr; height: 100%; }
header { grid-column: 1 / 3; display: flex; align-items: center; gap: 16px; padding: 8px 14px;
  border-bottom: 1px solid var(--line); }
header h1 { font-size: 16px; margin: 0; font-weight: 600; white-space: nowrap; }
header .counts { color: var(--muted); white-space: nowrap; }
#searchbox { position: relative; flex: 1; max-width: 420px; }
#search { width: 100%; padding: 6px 10px; font: inherit; border: 1px solid #bbb; border-radius: 4px; }
#results { position: absolute; z-index: 10; left: 0; right: 0; top: 100%; margin: 2px 0 0;
  padding: 0; list-style: none; background: #fff; border: 1px solid #bbb; border-radius: 4px;
  max-height: 320px; overflow-y: auto; box-shadow: 0 4px 12px rgba(0,0,0,.12); }
#results:empty { display: none; }
#results li { padding: 5px 10px; cursor: pointer; display: flex; gap: 8px; align-items: center; }
#results li:hover, #results li.active { background: #eef4fb; }
#results .cls { color: var(--muted); font-size: 12px; margin-left: auto; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; flex: none; }
#legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; color: var(--muted); }
#legend span { display: inline-flex; align-items: center; gap: 4px; }
#graph { position: relative; min-height: 0; }
#canvas { position: absolute; inset: 0; }
aside { border-left: 1px solid var(--line); overflow-y: auto; padding: 12px 14px; min-height: 0; }
aside h2 { font-size: 18px; margin: 0 0 6px; }
aside .hint { color: var(--muted); }
aside dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 8px 0 12px; }
aside dt { color: var(--muted); }
aside dd { margin: 0; word-break: break-all; }
aside h3 { font-size: 14px; margin: 14px 0 6px; border-bottom: 1px solid var(--line); }
.fact { margin: 0 0 10px; }
.fact .head { font-weight: 600; }
.fact .prop { color: var(--accent); }
.fact a { color: inherit; text-decoration: underline dotted; cursor: pointer; }
.fact blockquote { margin: 4px 0 2px 10px; padding-left: 8px; border-left: 3px solid var(--line);
  white-space: pre-wrap; }
.fact cite { display: block; margin-left: 21px; font-style: normal; font-size: 12px;
  color: var(--muted); }
"""

_APP = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("coopkg-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // legend and counts
  var legend = document.getElementById("legend");
  data.legend.forEach(function (item) {
    var s = el("span");
    var dot = el("i", null, "swatch");
    dot.style.background = item[1];
    s.appendChild(dot);
    s.appendChild(document.createTextNode(item[0]));
    legend.appendChild(s);
  });
  document.getElementById("counts").textContent =
    data.nodes.length + " entities · " + data.edges.length + " facts";

  // the drawing: linked entities are laid out by the physics; entities without any link are
  // kept aside and, when shown, set out in a grid under the network
  var linked = {};
  data.edges.forEach(function (e) { linked[e.from] = true; linked[e.to] = true; });
  var unlinked = data.nodes.filter(function (n) { return !linked[n.id]; });
  function visNode(n) {
    return {
      id: n.id, label: n.label, size: n.size,
      color: { background: n.color, border: n.color,
               highlight: { background: n.color, border: "#000" },
               hover: { background: n.color, border: "#000" } },
      title: [n.label, n["class"], n.jurisdiction].filter(Boolean).join(" · ")
    };
  }
  var nodes = new vis.DataSet(data.nodes.filter(function (n) { return linked[n.id]; }).map(visNode));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.from, to: e.to, label: e.label,
             width: Math.min(1 + Math.log2(1 + e.weight), 5) };
  }));
  var network = new vis.Network(document.getElementById("canvas"), { nodes: nodes, edges: edges }, {
    layout: { randomSeed: 7, improvedLayout: true },
    nodes: { shape: "dot", borderWidth: 1,
             font: { face: FONT, size: 16, color: "#222", strokeWidth: 4, strokeColor: "#ffffff" } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.45 } }, smooth: false,
             color: { color: "#b8b8b8", highlight: "#333", hover: "#666" },
             font: { face: FONT, size: 11, color: "#888", strokeWidth: 3, strokeColor: "#ffffff",
                     align: "middle" } },
    physics: { solver: "forceAtlas2Based",
               forceAtlas2Based: { gravitationalConstant: -90, centralGravity: 0.015,
                                   springLength: 80, springConstant: 0.08, avoidOverlap: 0.7 },
               stabilization: { enabled: true, iterations: 800, updateInterval: 50, fit: true } },
    interaction: { hover: true, tooltipDelay: 150, multiselect: false }
  });
  var ready = false;
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    network.fit({ animation: false });
    ready = true;
    document.body.setAttribute("data-ready", "true");
  });

  var toggle = document.getElementById("unlinked");
  document.getElementById("unlinked-count").textContent = unlinked.length;
  toggle.parentNode.style.display = unlinked.length ? "" : "none";
  function showUnlinked(on) {
    toggle.checked = on;
    if (!on) { nodes.remove(unlinked.map(function (n) { return n.id; })); return; }
    if (nodes.get(unlinked.length ? unlinked[0].id : null)) return;
    var pos = network.getPositions();
    var xs = [], ys = [];
    Object.keys(pos).forEach(function (k) { xs.push(pos[k].x); ys.push(pos[k].y); });
    var left = xs.length ? Math.min.apply(null, xs) : 0, right = xs.length ? Math.max.apply(null, xs) : 800;
    var bottom = ys.length ? Math.max.apply(null, ys) : 0;
    var step = 130, columns = Math.max(4, Math.floor((right - left) / step) + 1);
    var ordered = unlinked.slice().sort(function (a, b) {
      return a["class"] < b["class"] ? -1 : a["class"] > b["class"] ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
    });
    nodes.add(ordered.map(function (n, i) {
      var v = visNode(n);
      v.x = left + (i % columns) * step;
      v.y = bottom + 120 + Math.floor(i / columns) * 60;
      return v;
    }));
  }
  toggle.addEventListener("change", function () { showUnlinked(toggle.checked); network.fit({ animation: false }); });

  // the card of one node
  var details = document.getElementById("details");
  function show(id) {
    var n = byId[id];
    if (!n) return;
    details.textContent = "";
    var h = el("h2", n.label);
    h.setAttribute("data-id", n.id);
    details.appendChild(h);
    var dl = el("dl");
    function row(k, v) {
      if (v === "" || v === null || v === undefined || (Array.isArray(v) && !v.length)) return;
      dl.appendChild(el("dt", k));
      dl.appendChild(el("dd", Array.isArray(v) ? v.join("、") : v));
    }
    row("class", n["class"]);
    row("jurisdiction", n.jurisdiction);
    row("简体", n.labels["zh-Hans"]);
    row("繁體", n.labels["zh-Hant"]);
    row("English", n.labels.en);
    row("aliases", n.aliases);
    row("community", n.community);
    row("degree", n.degree);
    row("betweenness", n.betweenness);
    row("eigenvector", n.eigenvector);
    row("dates", n.first_date ? (n.first_date === n.last_date ? n.first_date
                                  : n.first_date + " – " + n.last_date) : "");
    row("IRI", n.id);
    details.appendChild(dl);
    var facts = data.facts[id] || [];
    details.appendChild(el("h3", "facts (" + facts.length + ")"));
    if (!facts.length) details.appendChild(el("p", "No fact with evidence.", "hint"));
    facts.forEach(function (f) {
      var box = el("div", null, "fact");
      var head = el("div", null, "head");
      head.appendChild(el("span", f[1] + " "));
      head.appendChild(el("span", f[0], "prop"));
      head.appendChild(document.createTextNode(" "));
      if (f[3] && byId[f[3]]) {
        var a = el("a", f[2]);
        a.setAttribute("data-id", f[3]);
        a.addEventListener("click", function () { select(f[3]); });
        head.appendChild(a);
      } else {
        head.appendChild(el("span", f[2]));
      }
      box.appendChild(head);
      f[4].forEach(function (i) {
        var ev = data.evidence[i];
        box.appendChild(el("blockquote", ev[0], "quote"));
        var where = ev[1] + ":" + ev[2] + "–" + ev[3] + (ev[4] ? " (inferred)" : "") +
          (ev[5] ? " [" + ev[5] + "]" : "");
        var title = data.documents[ev[1]];
        box.appendChild(el("cite", title ? where + " · " + title : where));
      });
      details.appendChild(box);
    });
    details.scrollTop = 0;
  }

  function select(id) {
    if (!byId[id]) return;
    if (!linked[id]) showUnlinked(true);
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    show(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) show(params.nodes[0]);
  });

  // search
  var input = document.getElementById("search");
  var results = document.getElementById("results");
  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var found = data.nodes.filter(function (n) {
      var names = [n.labels["zh-Hans"], n.labels["zh-Hant"], n.labels.en, n.label].concat(n.aliases);
      return names.some(function (s) { return s && s.toLowerCase().indexOf(q) !== -1; });
    });
    found.sort(function (a, b) {
      var ea = a.label.toLowerCase() === q ? 0 : 1, eb = b.label.toLowerCase() === q ? 0 : 1;
      return ea - eb || b.degree - a.degree || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
    });
    return found;
  }
  function search() {
    var found = matches(input.value);
    results.textContent = "";
    found.slice(0, 50).forEach(function (n, i) {
      var li = el("li");
      li.setAttribute("data-id", n.id);
      if (i === 0) li.className = "active";
      var dot = el("i", null, "swatch");
      dot.style.background = n.color;
      li.appendChild(dot);
      li.appendChild(el("span", n.label, "name"));
      li.appendChild(el("span", n["class"], "cls"));
      li.addEventListener("mousedown", function (event) {
        event.preventDefault();
        results.textContent = "";
        select(n.id);
      });
      results.appendChild(li);
    });
    network.selectNodes(found.filter(function (n) { return nodes.get(n.id); })
                              .map(function (n) { return n.id; }));
    return found;
  }
  input.addEventListener("input", search);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = results.querySelector("li");
      if (first) { results.textContent = ""; select(first.getAttribute("data-id")); }
    } else if (event.key === "Escape") {
      results.textContent = "";
    }
  });
  input.addEventListener("blur", function () { setTimeout(function () { results.textContent = ""; }, 150); });

  window.coopkg = { data: data, network: network, show: show, select: select,
                    matches: matches, showUnlinked: showUnlinked,
                    isReady: function () { return ready; } };
})();
"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="@@LANG@@">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="coopkg">
<title>@@TITLE@@</title>
<style>@@STYLE@@</style>
</head>
<body>
<div id="app">
  <header>
    <h1>@@TITLE@@</h1>
    <div id="searchbox">
      <input id="search" type="search" autocomplete="off" spellcheck="false"
             placeholder="搜索 / 搜尋 / Search" aria-label="Search entities">
      <ul id="results" role="listbox"></ul>
    </div>
    <span id="counts" class="counts"></span>
    <label class="counts"><input id="unlinked" type="checkbox"> unlinked (<span
      id="unlinked-count"></span>)</label>
    <div id="legend"></div>
  </header>
  <main id="graph"><div id="canvas"></div></main>
  <aside id="details"><p class="hint">Click a node, or search for a name, to see its facts and the
    sentences that state them.</p></aside>
</div>
<script>@@VIS@@</script>
<script type="application/json" id="coopkg-data">@@DATA@@</script>
<script>@@APP@@</script>
</body>
</html>
"""
