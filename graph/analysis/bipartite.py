"""Bipartite projections: entities of one class linked through the entities of another they
share, such as parks through shared firms or persons through shared events.

The two-mode graph keeps every fact between an entity of ``nodes_class`` and one of
``via_class`` (either direction, optionally only some properties); networkx's
:func:`~networkx.algorithms.bipartite.weighted_projected_graph` then links two entities of
``nodes_class`` with a weight equal to the number of ``via_class`` entities they share.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from networkx.algorithms import bipartite

from graph.analysis._common import label_of, top_rows

__all__ = ["PROJECTIONS", "projected_graph", "shared_neighbours"]

#: Named projections: name → (class of the linked entities, class of what they share,
#: properties of the two-mode facts or None for any).
PROJECTIONS = {
    "parks-by-firms": ("Park", "Enterprise", ("hasEnterprise",)),
    "parks-by-industries": ("Park", "Industry", ("focusIndustry",)),
    "persons-by-events": ("Person", "Event", None),
    "bodies-by-policies": ("GovernmentBody", "Policy", None),
}


def _two_mode(network, nodes_class, via_class, properties) -> tuple[nx.Graph, list[str]]:
    wanted = None if properties is None else set(properties)
    two_mode = nx.Graph()
    top = sorted(n for n, d in network.nodes(data=True) if d.get("class") == nodes_class)
    two_mode.add_nodes_from(top, bipartite=0)
    for source, target, key in network.edges(keys=True):
        if wanted is not None and key not in wanted:
            continue
        for one, other in ((source, target), (target, source)):
            if (
                network.nodes[one].get("class") == nodes_class
                and network.nodes[other].get("class") == via_class
            ):
                two_mode.add_node(other, bipartite=1)
                two_mode.add_edge(one, other)
    return two_mode, top


def projected_graph(
    network: nx.MultiDiGraph,
    nodes_class: str,
    via_class: str,
    *,
    properties: Iterable[str] | None = None,
) -> nx.Graph:
    """The one-mode graph of ``nodes_class`` entities linked through shared ``via_class`` ones.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A projection from :func:`graph.network.project`.
    nodes_class, via_class : str
        Class local names (``"Park"``, ``"Enterprise"``).
    properties : iterable of str, optional
        Only facts with these properties form the two-mode graph; default any.

    Returns
    -------
    networkx.Graph
        Every ``nodes_class`` entity with its attributes; edges carry ``weight`` (shared count)
        and ``shared`` (sorted ids of what they share). Entities sharing nothing stay isolated.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n, c in [("p1", "Park"), ("p2", "Park"), ("f", "Enterprise")]:
    ...     g.add_node(n, **{"class": c})
    >>> g.add_edges_from([("p1", "f", "hasEnterprise"), ("p2", "f", "hasEnterprise")])
    ['hasEnterprise', 'hasEnterprise']
    >>> list(projected_graph(g, "Park", "Enterprise").edges(data=True))
    [('p1', 'p2', {'weight': 1, 'shared': ['f']})]
    """
    two_mode, top = _two_mode(network, nodes_class, via_class, properties)
    one_mode = bipartite.weighted_projected_graph(two_mode, top)
    result = nx.Graph()
    result.add_nodes_from((n, network.nodes[n]) for n in top)
    for u, v, data in sorted(one_mode.edges(data=True), key=lambda e: tuple(sorted(e[:2]))):
        u, v = sorted((u, v))
        shared = sorted(set(two_mode[u]) & set(two_mode[v]))
        result.add_edge(u, v, weight=data["weight"], shared=shared)
    return result


def shared_neighbours(
    network: nx.MultiDiGraph,
    projection: str | None = None,
    *,
    nodes_class: str | None = None,
    via_class: str | None = None,
    properties: Iterable[str] | None = None,
    top: int | None = None,
    script: str = "zh-Hans",
) -> list[dict]:
    """Pairs of entities and what they share, most shared first.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A projection from :func:`graph.network.project`.
    projection : str, optional
        A name from :data:`PROJECTIONS` (``"parks-by-firms"``, ``"persons-by-events"``, …).
    nodes_class, via_class, properties :
        Instead of ``projection``: the classes and properties of :func:`projected_graph`.
    top : int, optional
        Keep only the first ``top`` rows.
    script : {"zh-Hans", "zh-Hant", "en"}, default "zh-Hans"
        Script of the labels.

    Returns
    -------
    list of dict
        Rows with ``a``, ``b`` (labels), ``shared`` (count), ``via`` (the shared entities'
        labels, sorted, joined by ``"; "``), ``a_id``, ``b_id``; sorted by count (highest
        first), then by the two labels.

    Raises
    ------
    ValueError
        For an unknown projection name, or when neither a name nor both classes are given.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n, c in [("张", "Person"), ("李", "Person"), ("会", "Event")]:
    ...     g.add_node(n, label=n, **{"class": c})
    >>> g.add_edges_from([("张", "会", "attended"), ("李", "会", "spokeAt")])
    ['attended', 'spokeAt']
    >>> shared_neighbours(g, "persons-by-events")
    [{'a': '张', 'b': '李', 'shared': 1, 'via': '会', 'a_id': '张', 'b_id': '李'}]
    """
    if projection is not None:
        if projection not in PROJECTIONS:
            raise ValueError(
                f"unknown projection {projection!r}; expected one of {', '.join(PROJECTIONS)}"
            )
        nodes_class, via_class, properties = PROJECTIONS[projection]
    if not nodes_class or not via_class:
        raise ValueError("give a projection name, or both nodes_class and via_class")
    one_mode = projected_graph(network, nodes_class, via_class, properties=properties)
    rows = []
    for u, v, data in one_mode.edges(data=True):
        (a, a_id), (b, b_id) = sorted((label_of(network.nodes[n], script), n) for n in (u, v))
        via = sorted(label_of(network.nodes[n], script) for n in data["shared"])
        rows.append(
            {
                "a": a,
                "b": b,
                "shared": data["weight"],
                "via": "; ".join(via),
                "a_id": a_id,
                "b_id": b_id,
            }
        )
    rows.sort(key=lambda r: (-r["shared"], r["a"], r["b"], r["a_id"], r["b_id"]))
    return top_rows(rows, top)
