"""Degree, betweenness and eigenvector centrality of the entities.

* ``degree``: the number of facts an entity takes part in, either direction (its degree in the
  multigraph, so two facts between the same pair count twice);
* ``betweenness``: the share of shortest paths between other entities that pass through it, on
  the undirected graph with one edge per linked pair, every edge one hop (normalised to 0–1);
  on graphs of more than :data:`EXACT_BETWEENNESS_MAX` entities it is estimated from a fixed
  sample of source entities, and :func:`betweenness_note` says so;
* ``eigenvector``: eigenvector centrality of that undirected graph, unweighted: an entity is
  central when it is linked to central entities.

Facts are treated as undirected (a park docking with another links both ways), so that a
``locatedIn`` or ``partOf`` edge does not cut paths. Evidence counts do not change betweenness
or eigenvector centrality: they measure position, not how often a fact is stated.
"""

from __future__ import annotations

import networkx as nx

from graph.analysis._common import node_row, rounded, top_rows, undirected

__all__ = [
    "BETWEENNESS_SOURCES",
    "EXACT_BETWEENNESS_MAX",
    "MEASURES",
    "betweenness_note",
    "betweenness_sources",
    "centrality",
    "centrality_values",
]

#: The centralities, in the order they appear in rows.
MEASURES = ("degree", "betweenness", "eigenvector")

#: Up to this many entities betweenness is exact. Brandes' algorithm runs one search from every
#: entity, so its time grows with entities × links: 4 s for the 1,100 entities of the benchmark's
#: 10× corpus, about 150 s for the 9,700 of 100×, hours for 1000×.
EXACT_BETWEENNESS_MAX = 2_000

#: Above :data:`EXACT_BETWEENNESS_MAX`, betweenness is estimated from the searches of this many
#: source entities (Brandes and Pich's pivot sampling), which keeps the time linear in the size
#: of the graph. On the benchmark's 100× corpus (9,716 entities) 200 sources take 3 s against
#: 159 s for the exact values, give the same ten highest entities and 43 of the top 50.
BETWEENNESS_SOURCES = 200


def betweenness_sources(entities: int) -> int | None:
    """How many source entities betweenness is estimated from, or None when it is exact.

    Examples
    --------
    >>> betweenness_sources(300) is None
    True
    >>> betweenness_sources(50_000)
    200
    """
    if entities <= max(EXACT_BETWEENNESS_MAX, BETWEENNESS_SOURCES):
        return None
    return BETWEENNESS_SOURCES


def betweenness_note(network: nx.MultiDiGraph) -> str | None:
    """The sentence that says betweenness is estimated, or None when it is exact.

    Exports and ``coopkg analyze`` print it, so that an estimate is never taken for the exact
    value.

    Examples
    --------
    >>> betweenness_note(nx.MultiDiGraph([("a", "b")])) is None
    True
    """
    sources = betweenness_sources(network.number_of_nodes())
    if sources is None:
        return None
    return (
        f"betweenness is estimated from the shortest paths of {sources:,} of the "
        f"{network.number_of_nodes():,} entities (chosen with a fixed seed; exact up to "
        f"{EXACT_BETWEENNESS_MAX:,} entities)"
    )


def centrality_values(network: nx.MultiDiGraph, measure: str) -> dict[str, float]:
    """One centrality of every node.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A projection from :func:`graph.network.project`.
    measure : {"degree", "betweenness", "eigenvector"}

    Returns
    -------
    dict
        Node id → value: an int for ``degree``, a float rounded to 6 places otherwise.

    Raises
    ------
    ValueError
        If ``measure`` is not one of :data:`MEASURES`.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> centrality_values(g, "degree")
    {'a': 1, 'b': 2, 'c': 1}
    >>> centrality_values(g, "betweenness")
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    if measure == "degree":
        return {node: int(value) for node, value in network.degree()}
    if measure not in MEASURES:
        raise ValueError(f"unknown centrality {measure!r}; expected one of {', '.join(MEASURES)}")
    graph = undirected(network)
    if graph.number_of_nodes() == 0:
        return {}
    if measure == "betweenness":
        sources = betweenness_sources(graph.number_of_nodes())
        if sources is not None:
            # networkx draws the sources from the order of the nodes: sorted, with a fixed seed,
            # the same graph gives the same estimate however it was built.
            ordered = nx.Graph()
            ordered.add_nodes_from(sorted(graph))
            ordered.add_edges_from(sorted(tuple(sorted(edge)) for edge in graph.edges))
            graph = ordered
        values = nx.betweenness_centrality(graph, k=sources, seed=0, normalized=True)
    elif graph.number_of_edges() == 0:
        values = dict.fromkeys(graph, 0.0)
    else:
        # Power iteration on A + I (networkx's method) converges on any graph, bipartite and
        # disconnected ones included; the tolerance is far below the 6 places kept.
        values = nx.eigenvector_centrality(graph, max_iter=10_000, tol=1e-12, weight=None)
    return {node: rounded(values[node]) for node in graph}


def centrality(
    network: nx.MultiDiGraph,
    *,
    sort_by: str = "degree",
    top: int | None = None,
    script: str = "zh-Hans",
) -> list[dict]:
    """Every entity with its degree, betweenness and eigenvector centrality, best first.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A projection from :func:`graph.network.project` (filter it there by class or property).
    sort_by : {"degree", "betweenness", "eigenvector"}, default "degree"
        Rows are sorted by this centrality, highest first; ties by the other two centralities in
        the order of :data:`MEASURES`, then by label, then by IRI.
    top : int, optional
        Keep only the first ``top`` rows.
    script : {"zh-Hans", "zh-Hant", "en"}, default "zh-Hans"
        Script of the ``label`` column.

    Returns
    -------
    list of dict
        Rows with ``rank``, ``label``, ``class``, ``jurisdiction``, ``degree``, ``betweenness``,
        ``eigenvector`` and ``id`` (the IRI).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for node, name in [("p/a", "甲"), ("p/b", "乙"), ("p/c", "丙")]:
    ...     g.add_node(node, label=name, **{"class": "Park"}, jurisdiction="")
    >>> g.add_edges_from([("p/a", "p/b"), ("p/c", "p/b")])
    [0, 0]
    >>> [(r["rank"], r["label"], r["degree"], r["betweenness"]) for r in centrality(g)]
    [(1, '乙', 2, 1.0), (2, '丙', 1, 0.0), (3, '甲', 1, 0.0)]
    """
    if sort_by not in MEASURES:
        raise ValueError(f"unknown centrality {sort_by!r}; expected one of {', '.join(MEASURES)}")
    values = {measure: centrality_values(network, measure) for measure in MEASURES}
    order = (sort_by, *(m for m in MEASURES if m != sort_by))
    rows = []
    for node in network:
        row = node_row(network, node, script)
        row.update({measure: values[measure].get(node, 0) for measure in MEASURES})
        row["id"] = node
        rows.append(row)
    rows.sort(key=lambda r: (*(-r[m] for m in order), r["label"], r["id"]))
    rows = top_rows(rows, top)
    return [{"rank": rank, **row} for rank, row in enumerate(rows, 1)]
