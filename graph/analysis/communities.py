"""Communities of entities, by Louvain modularity optimisation (networkx's implementation).

Louvain runs on the undirected graph with one edge per linked pair, weighted by evidence (see
:func:`graph.analysis.undirected`), with a fixed random seed: the same network always gives the
same communities. Communities are numbered from 1 by decreasing size, ties by their smallest
member label, so that community 1 is always the largest. An entity without any fact is a
community of its own.
"""

from __future__ import annotations

import networkx as nx

from graph.analysis._common import label_of, node_row, top_rows, undirected

__all__ = ["communities", "community_partition"]


def community_partition(
    network: nx.MultiDiGraph, *, resolution: float = 1.0, seed: int = 0
) -> dict[str, int]:
    """The community number of every node.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A projection from :func:`graph.network.project`.
    resolution : float, default 1.0
        Louvain resolution: below 1 favours larger communities, above 1 smaller ones.
    seed : int, default 0
        Seed of Louvain's random node order.

    Returns
    -------
    dict
        Node id → community number (1 = the largest community).

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("c", "x")])
    >>> g.add_node("lone")
    >>> community_partition(g)
    {'a': 1, 'b': 1, 'c': 1, 'x': 2, 'y': 2, 'lone': 3}
    """
    graph = undirected(network)
    if graph.number_of_nodes() == 0:
        return {}
    found = nx.community.louvain_communities(
        graph, weight="weight", resolution=resolution, seed=seed
    )
    labels = {node: label_of(data) or node for node, data in graph.nodes(data=True)}
    ordered = sorted(found, key=lambda c: (-len(c), min((labels[n], n) for n in c)))
    number = {node: i for i, members in enumerate(ordered, 1) for node in members}
    return {node: number[node] for node in graph}


def communities(
    network: nx.MultiDiGraph,
    *,
    resolution: float = 1.0,
    seed: int = 0,
    top: int | None = None,
    script: str = "zh-Hans",
) -> list[dict]:
    """Every entity with its community, community by community.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A projection from :func:`graph.network.project`.
    resolution : float, default 1.0
        Louvain resolution.
    seed : int, default 0
        Louvain seed.
    top : int, optional
        Keep only the first ``top`` rows.
    script : {"zh-Hans", "zh-Hant", "en"}, default "zh-Hans"
        Script of the ``label`` column.

    Returns
    -------
    list of dict
        Rows with ``community``, ``size`` (of the community), ``label``, ``class``,
        ``jurisdiction``, ``degree`` (facts) and ``id``; sorted by community number, then by
        degree (highest first), then by label and IRI.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y")])
    [0, 0, 0, 0]
    >>> for node in g:
    ...     g.nodes[node]["label"] = node.upper()
    >>> [(r["community"], r["size"], r["label"]) for r in communities(g)]
    [(1, 3, 'A'), (1, 3, 'B'), (1, 3, 'C'), (2, 2, 'X'), (2, 2, 'Y')]
    """
    partition = community_partition(network, resolution=resolution, seed=seed)
    sizes: dict[int, int] = {}
    for number in partition.values():
        sizes[number] = sizes.get(number, 0) + 1
    rows = []
    for node, number in partition.items():
        row = {"community": number, "size": sizes[number]}
        row.update(node_row(network, node, script))
        row["degree"] = network.degree(node)
        row["id"] = node
        rows.append(row)
    rows.sort(key=lambda r: (r["community"], -r["degree"], r["label"], r["id"]))
    return top_rows(rows, top)
