"""Project the knowledge graph onto a networkx multigraph of entities.

The projection itself is data: two stored SPARQL queries, ``queries/projection_nodes.rq`` and
``queries/projection_edges.rq``, run over the union of all document graphs. This module only turns
their rows into a :class:`networkx.MultiDiGraph`, applies the class and property filters and, when
asked, folds W3C ORG posts (person → post → body) into one person → body edge.

Node ids are entity IRIs. Edges are keyed by the local name of their property, so there is one
edge per (subject, property, object). Everything is sorted, so the same store always gives the
same graph, attribute for attribute and in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from ontology import COOP, CORE_CLASSES

__all__ = [
    "COOP",
    "ENTITY_CLASSES",
    "POST_CLASS",
    "QUERIES_DIR",
    "load_query",
    "local_name",
    "project",
    "to_iso_date",
]

#: The entity classes that become nodes, in the order used to pick one class for an entity that
#: carries several (a park that is also typed as an organisation is drawn as a park): the core
#: classes of the ontology but Document.
ENTITY_CLASSES = tuple(c for c in CORE_CLASSES if c != "Document")

#: Class given to ``org:Post`` nodes when posts are not folded.
POST_CLASS = "Post"

#: Where the stored queries live: the ``queries/`` folder beside this package.
QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"

_COOP_HOLDS_POST = COOP + "holdsPost"

# xsd:date / xsd:dateTime (possibly with a timezone), xsd:gYearMonth, xsd:gYear lexical forms.
_DATE_RE = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[^\s]*)?(?:Z|[+-]\d{2}:\d{2})?$")


def load_query(name: str) -> str:
    """Return the text of a stored query.

    Parameters
    ----------
    name : str
        File stem of the query in ``queries/`` (``"projection_nodes"``) or a file name with the
        ``.rq`` suffix.

    Returns
    -------
    str
        The query text, comment headers included (SPARQL ignores them).

    Examples
    --------
    >>> load_query("projection_nodes").splitlines()[0]
    '# title: Network nodes'
    """
    file_name = name if name.endswith(".rq") else f"{name}.rq"
    return (QUERIES_DIR / file_name).read_text(encoding="utf-8")


def local_name(iri: str) -> str:
    """Return the local name of an IRI: what follows the last ``#`` or, failing that, ``/``.

    Parameters
    ----------
    iri : str
        An IRI.

    Returns
    -------
    str
        The local name; the IRI itself if it has neither separator.

    Examples
    --------
    >>> local_name("https://w3id.org/coopkg/ontology#dockingWith")
    'dockingWith'
    >>> local_name("http://www.w3.org/ns/org#postIn")
    'postIn'
    """
    for separator in ("#", "/"):
        if separator in iri:
            return iri.rsplit(separator, 1)[1]
    return iri


def to_iso_date(lexical: str | None) -> str | None:
    """Turn an ``xsd:date``, ``xsd:dateTime``, ``xsd:gYearMonth`` or ``xsd:gYear`` into a date.

    GEXF's ``timeformat="date"`` and most tools want a full ``YYYY-MM-DD``: a month is mapped to
    its first day and a year to 1 January, so the date marks the start of the period.

    Parameters
    ----------
    lexical : str or None
        The lexical form of the literal.

    Returns
    -------
    str or None
        ``YYYY-MM-DD``, or None when the value is missing or not a date.

    Examples
    --------
    >>> to_iso_date("2021-10")
    '2021-10-01'
    >>> to_iso_date("2021")
    '2021-01-01'
    >>> to_iso_date("2022-11-22T09:00:00+08:00")
    '2022-11-22'
    >>> to_iso_date("昨日") is None
    True
    """
    if not lexical:
        return None
    match = _DATE_RE.match(lexical.strip())
    if match is None:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    return f"{year}-{month}-{day}"


def _value(solution, name: str) -> str:
    # An unbound variable (or an empty GROUP_CONCAT, which pyoxigraph leaves unbound) reads as "".
    term = solution[name]
    return "" if term is None else term.value


def _split(value: str) -> list[str]:
    return sorted(set(value.split()))


def _short(name: str) -> str:
    # "Park", "coop:Park" and "https://w3id.org/coopkg/ontology#Park" all name the same class.
    if "://" in name:
        return local_name(name)
    return name.split(":", 1)[1] if ":" in name else name


def _class_names(names: Iterable[str] | None, *, known: Iterable[str]) -> set[str] | None:
    # Accept "Park", "coop:Park" or the full IRI; refuse typos instead of silently matching nothing.
    if names is None:
        return None
    if isinstance(names, str):
        names = [names]
    known = set(known)
    result = set()
    for name in names:
        short = _short(name)
        if short not in known:
            raise ValueError(f"unknown class {name!r}; expected one of {', '.join(sorted(known))}")
        result.add(short)
    return result


def _property_names(names: Iterable[str] | None) -> set[str] | None:
    # Properties may be extended freely, so they are matched by local name without a check.
    if names is None:
        return None
    if isinstance(names, str):
        names = [names]
    return {_short(name) for name in names}


def _pick_class(class_iris: str) -> str:
    names = {local_name(iri) for iri in class_iris.split()}
    for name in ENTITY_CLASSES:
        if name in names:
            return name
    return sorted(names)[0] if names else ""


def _span(dates: Iterable[str]) -> tuple[str | None, str | None]:
    iso = sorted(d for d in (to_iso_date(x) for x in dates) if d)
    return (iso[0], iso[-1]) if iso else (None, None)


def _node_rows(store) -> dict[str, dict]:
    nodes = {}
    rows = store.query(load_query("projection_nodes"), use_default_graph_as_union=True)
    for row in rows:
        iri = _value(row, "entity")
        hans, hant = _value(row, "label_hans"), _value(row, "label_hant")
        en = _value(row, "label_en")
        attrs = {
            "class": _pick_class(_value(row, "class")),
            # "label" is the canonical zh-Hans name; fall back so that no node is unnamed
            "label": hans or hant or en or local_name(iri),
            "label_zh_hant": hant,
            "label_en": en,
            "jurisdiction": local_name(_value(row, "jurisdiction")),
            "documents": ";".join(_split(_value(row, "documents"))),
        }
        # An event or a policy lives at its own date; any other entity spans its documents' dates.
        start, end = _span([_value(row, "date_first"), _value(row, "date_last")])
        if start is None:
            start, end = _span([_value(row, "first"), _value(row, "last")])
        if start is not None:
            attrs["start"], attrs["end"] = start, end
        nodes[iri] = attrs
    return nodes


def _edge_rows(store) -> list[dict]:
    edges = []
    rows = store.query(load_query("projection_edges"), use_default_graph_as_union=True)
    for row in rows:
        edge = {
            "source": _value(row, "source"),
            "property_iri": _value(row, "property"),
            "target": _value(row, "target"),
            "post": _value(row, "post"),
            "post_title": _value(row, "post_title"),
            "post_status": _value(row, "post_status"),
            "weight": int(_value(row, "weight") or 0),
            "documents": _split(_value(row, "documents")),
        }
        edge["start"], edge["end"] = _span([_value(row, "first"), _value(row, "last")])
        edges.append(edge)
    edges.sort(key=lambda e: (e["source"], e["property_iri"], e["target"], e["post"]))
    return edges


def _edge_attrs(prop: str, weight: int, documents: Iterable[str], start, end) -> dict:
    attrs = {
        "property": prop,
        "label": prop,
        "weight": weight,
        "documents": ";".join(sorted(set(documents))),
    }
    if start is not None:
        attrs["start"], attrs["end"] = start, end
    return attrs


def _merge(graph: nx.MultiDiGraph, source: str, target: str, key: str, attrs: dict) -> None:
    # Two posts of one person in the same body fold onto the same (person, body, holdsPost) edge:
    # titles, documents and dates are merged and the evidence counts added.
    if not graph.has_edge(source, target, key):
        graph.add_edge(source, target, key=key, **attrs)
        return
    old = graph.edges[source, target, key]
    # post titles and statuses stay aligned: the i-th status belongs to the i-th title
    pairs = set()
    if old.get("post"):
        pairs = set(zip(old["post"].split(";"), old.get("status", "").split(";"), strict=False))
    pairs.add((attrs["post"], attrs["status"]))
    titles, statuses = zip(*sorted(pairs), strict=True)
    old["post"] = old["label"] = ";".join(titles)
    old["status"] = ";".join(statuses)
    old["weight"] += attrs["weight"]
    documents = set(filter(None, old["documents"].split(";") + attrs["documents"].split(";")))
    old["documents"] = ";".join(sorted(documents))
    starts = [d for d in (old.get("start"), attrs.get("start")) if d]
    ends = [d for d in (old.get("end"), attrs.get("end")) if d]
    if starts:
        old["start"], old["end"] = min(starts), max(ends)


def project(
    store,
    *,
    classes: Iterable[str] | None = None,
    exclude_classes: Iterable[str] | None = None,
    properties: Iterable[str] | None = None,
    exclude_properties: Iterable[str] | None = None,
    fold_posts: bool = True,
) -> nx.MultiDiGraph:
    """Project the store onto a directed multigraph of entities.

    Parameters
    ----------
    store : pyoxigraph.Store
        The coopkg store: one named graph per document (queried as their union).
    classes : iterable of str, optional
        Keep only nodes of these classes (``"Park"``, ``"coop:Park"`` or the class IRI). With
        ``fold_posts=False`` the class of post nodes is ``"Post"``. Default: every class.
    exclude_classes : iterable of str, optional
        Drop nodes of these classes. Edges touching a dropped node are dropped with it.
    properties : iterable of str, optional
        Keep only edges whose property local name (or ``coop:`` name, or IRI) is listed.
    exclude_properties : iterable of str, optional
        Drop edges with these properties.
    fold_posts : bool, default True
        Fold ``person coop:holdsPost post . post org:postIn body`` into one edge person → body
        with property ``holdsPost``, the post title as its ``label`` and as ``post``, and its
        ``status``. With False, posts become nodes of class ``"Post"`` with edges ``holdsPost``
        (person → post) and ``postIn`` (post → body); both carry the post's evidence count.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by entity IRI with attributes ``class``, ``label`` (zh-Hans),
        ``label_zh_hant``, ``label_en``, ``jurisdiction`` (local name such as ``"Taiwan"``, or
        ``""``), ``documents`` (``;``-joined sorted document IRIs) and, when known, ``start`` and
        ``end`` (ISO dates: an event's ``heldOn``, a policy's ``issuedOn``, otherwise the span of
        its documents' ``dcterms:issued``). Edges keyed by property local name with attributes
        ``property``, ``label``, ``weight`` (number of distinct evidence records; 0 for a fact
        without one), ``documents`` and, when known, ``start``/``end`` (first and last document
        date). Missing texts are ``""``, never None.

    Raises
    ------
    ValueError
        If a class name in ``classes`` or ``exclude_classes`` is not an entity class.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.load(input='''
    ... @prefix coop: <https://w3id.org/coopkg/ontology#> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... <https://w3id.org/coopkg/graph/d> {
    ...   <https://w3id.org/coopkg/id/park/a> a coop:Park ; rdfs:label "甲园"@zh-Hans ;
    ...       coop:jurisdiction coop:Taiwan ;
    ...       coop:dockingWith <https://w3id.org/coopkg/id/park/b> .
    ...   <https://w3id.org/coopkg/id/park/b> a coop:Park ; rdfs:label "乙园"@zh-Hans .
    ... }''', format=ox.RdfFormat.TRIG)
    >>> g = project(store)
    >>> sorted(g.nodes(data="label"))[0]
    ('https://w3id.org/coopkg/id/park/a', '甲园')
    >>> g.nodes["https://w3id.org/coopkg/id/park/a"]["jurisdiction"]
    'Taiwan'
    >>> [(key, data["weight"]) for _, _, key, data in g.edges(keys=True, data=True)]
    [('dockingWith', 0)]
    """
    keep_classes = _class_names(classes, known=(*ENTITY_CLASSES, POST_CLASS))
    drop_classes = _class_names(exclude_classes, known=(*ENTITY_CLASSES, POST_CLASS)) or set()
    keep_props = _property_names(properties)
    drop_props = _property_names(exclude_properties) or set()

    def class_ok(name: str) -> bool:
        return (keep_classes is None or name in keep_classes) and name not in drop_classes

    def property_ok(name: str) -> bool:
        return (keep_props is None or name in keep_props) and name not in drop_props

    nodes = _node_rows(store)
    graph = nx.MultiDiGraph()
    for iri in sorted(nodes):
        if class_ok(nodes[iri]["class"]):
            graph.add_node(iri, **nodes[iri])

    for edge in _edge_rows(store):
        source, target = edge["source"], edge["target"]
        if source not in graph or target not in graph:
            continue
        attrs = _edge_attrs(
            local_name(edge["property_iri"]),
            edge["weight"],
            edge["documents"],
            edge["start"],
            edge["end"],
        )
        if not (edge["post"] and edge["property_iri"] == _COOP_HOLDS_POST):
            if property_ok(attrs["property"]):
                graph.add_edge(source, target, key=attrs["property"], **attrs)
            continue
        title = edge["post_title"] or local_name(edge["post"])
        if fold_posts:
            if property_ok("holdsPost"):
                # the edge is drawn with the post title ("副主任"), the property stays holdsPost
                attrs.update(label=title, post=title, status=edge["post_status"])
                _merge(graph, source, target, "holdsPost", attrs)
            continue
        if not class_ok(POST_CLASS):
            continue
        post = edge["post"]
        if post not in graph:
            graph.add_node(
                post,
                **{
                    "class": POST_CLASS,
                    "label": title,
                    "label_zh_hant": "",
                    "label_en": "",
                    "jurisdiction": "",
                    "documents": attrs["documents"],
                    "status": edge["post_status"],
                },
            )
        if property_ok("holdsPost"):
            graph.add_edge(source, post, key="holdsPost", **attrs)
        if property_ok("postIn"):
            graph.add_edge(
                post, target, key="postIn", **{**attrs, "property": "postIn", "label": "postIn"}
            )

    # Post nodes were added in edge order; rebuild so that nodes and edges are both sorted.
    ordered = nx.MultiDiGraph()
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: item[0]))
    ordered.add_edges_from(sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]))
    return ordered
