"""Ego networks: an entity and everything within a few hops of it, facts in either direction."""

from __future__ import annotations

import networkx as nx

from graph.analysis._common import label_of, node_row, require_nodes, top_rows

__all__ = ["ego", "ego_graph"]


def ego_graph(network: nx.MultiDiGraph, center: str, *, radius: int = 1) -> nx.MultiDiGraph:
    """The sub-network of the entities within ``radius`` hops of ``center``.

    Every fact between two of those entities is kept (not only those on a path from the
    centre), with its direction and attributes, so the result exports like any projection.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A projection from :func:`graph.network.project`.
    center : str
        The node id (IRI).
    radius : int, default 1
        Hops, counted in either direction.

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> sorted(ego_graph(g, "b").nodes)
    ['a', 'b', 'c']
    """
    require_nodes(network, [center], "centre")
    if radius < 0:
        raise ValueError(f"radius must be 0 or more, not {radius}")
    ego = nx.ego_graph(network, center, radius=radius, undirected=True)
    ordered = nx.MultiDiGraph()
    ordered.add_nodes_from(sorted(ego.nodes(data=True), key=lambda item: item[0]))
    ordered.add_edges_from(sorted(ego.edges(keys=True, data=True), key=lambda e: e[:3]))
    return ordered


def ego(
    network: nx.MultiDiGraph,
    center: str,
    *,
    radius: int = 1,
    top: int | None = None,
    script: str = "zh-Hans",
) -> list[dict]:
    """The entities of an ego network, nearest first, each with the facts that reach it.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A projection from :func:`graph.network.project`.
    center : str
        The node id (IRI); resolve a name with :func:`graph.lookup.resolve_name`.
    radius : int, default 1
        Hops, counted in either direction.
    top : int, optional
        Keep only the first ``top`` rows.
    script : {"zh-Hans", "zh-Hant", "en"}, default "zh-Hans"
        Script of the labels.

    Returns
    -------
    list of dict
        Rows with ``distance`` (0 for the centre), ``label``, ``class``, ``jurisdiction``,
        ``degree`` (facts within the ego network), ``via`` (the facts linking the entity to
        entities one hop nearer the centre, as ``property→label`` or ``property←label`` for a
        fact stated from the nearer entity, sorted, joined by ``"; "``) and ``id``; sorted by
        distance, then label and IRI.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n in ["岳阳", "新竹", "台湾"]:
    ...     g.add_node(n, label=n)
    >>> g.add_edge("岳阳", "新竹", key="dockingWith")
    'dockingWith'
    >>> g.add_edge("新竹", "台湾", key="locatedIn")
    'locatedIn'
    >>> [(r["distance"], r["label"], r["via"]) for r in ego(g, "岳阳", radius=2)]
    [(0, '岳阳', ''), (1, '新竹', 'dockingWith←岳阳'), (2, '台湾', 'locatedIn←新竹')]
    """
    sub = ego_graph(network, center, radius=radius)
    distance = nx.single_source_shortest_path_length(sub.to_undirected(as_view=True), center)
    rows = []
    for node in sub:
        links = []
        for source, target, key in sub.edges(keys=True):
            if target == node and distance.get(source) == distance[node] - 1:
                links.append(f"{key}←{label_of(sub.nodes[source], script)}")
            elif source == node and distance.get(target) == distance[node] - 1:
                links.append(f"{key}→{label_of(sub.nodes[target], script)}")
        row = {"distance": distance[node]}
        row.update(node_row(sub, node, script))
        row.update(degree=sub.degree(node), via="; ".join(sorted(links)), id=node)
        rows.append(row)
    rows.sort(key=lambda r: (r["distance"], r["label"], r["id"]))
    return top_rows(rows, top)
