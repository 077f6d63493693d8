"""Network analyses of the coopkg projection, one module per analysis (networkx style).

Every analysis takes a projection from :func:`graph.network.project` (or, for paths, the store)
and returns rows: a list of dicts with the same keys in the same order, sorted stably (ties
broken by label, then by IRI), ready for :func:`format_rows` (text table, CSV or JSON).

=================== ===================================================================
function            rows
=================== ===================================================================
:func:`centrality`  degree, betweenness and eigenvector centrality of every entity
:func:`communities` Louvain communities (networkx), numbered by size
:func:`brokers`     entities between two groups, by group-to-group betweenness
:func:`partners`    (helper) the docking partners of a group, to form the second group
:func:`paths`       every simple path up to N hops between two entities, with evidence
:func:`shared_neighbours` bipartite projections: parks through shared firms, persons
                    through shared events, …
:func:`ego`         an entity's ego network
=================== ===================================================================

:func:`node_metrics` gives the per-node degree, betweenness, eigenvector and community used by
the GEXF, GraphML, CSV and HTML exports.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
>>> print(format_rows(centrality(g, top=1), "csv"), end="")
rank,label,class,jurisdiction,degree,betweenness,eigenvector,id
1,,,,2,1.0,0.707107,b
"""

from __future__ import annotations

import networkx as nx

from graph.analysis._common import label_of, undirected
from graph.analysis.bipartite import PROJECTIONS, projected_graph, shared_neighbours
from graph.analysis.brokers import brokers, partners
from graph.analysis.centrality import MEASURES, centrality, centrality_values
from graph.analysis.communities import communities, community_partition
from graph.analysis.ego import ego, ego_graph
from graph.analysis.output import FORMATS, format_rows
from graph.analysis.paths import paths

__all__ = [
    "FORMATS",
    "MEASURES",
    "PROJECTIONS",
    "brokers",
    "centrality",
    "centrality_values",
    "communities",
    "community_partition",
    "ego",
    "ego_graph",
    "format_rows",
    "label_of",
    "node_metrics",
    "partners",
    "paths",
    "projected_graph",
    "shared_neighbours",
    "undirected",
]


def node_metrics(network: nx.MultiDiGraph, *, seed: int = 0) -> dict[str, dict]:
    """Degree, betweenness, eigenvector centrality and community of every node.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A projection from :func:`graph.network.project`.
    seed : int, default 0
        Louvain seed.

    Returns
    -------
    dict
        Node id → ``{"degree": int, "betweenness": float, "eigenvector": float,
        "community": int}``.

    Examples
    --------
    >>> node_metrics(nx.MultiDiGraph([("a", "b")]))["a"]
    {'degree': 1, 'betweenness': 0.0, 'eigenvector': 0.707107, 'community': 1}
    """
    values = {measure: centrality_values(network, measure) for measure in MEASURES}
    partition = community_partition(network, seed=seed)
    return {
        node: {
            **{measure: values[measure].get(node, 0) for measure in MEASURES},
            "community": partition.get(node, 0),
        }
        for node in network
    }
