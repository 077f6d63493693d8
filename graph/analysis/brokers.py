"""Brokers between two groups of entities, such as mainland parks and the Taiwan parks they
dock with.

A broker is an entity that lies *between* the groups: on the shortest paths from a member of
one group to a member of the other. Each entity ``v`` is scored by its **group-to-group
betweenness** (Brandes 2008, "subset betweenness")::

    score(v) = Σ over pairs (a ∈ A, b ∈ B, a ≠ b) of σ_ab(v) / σ_ab

where σ_ab is the number of shortest paths between ``a`` and ``b`` and σ_ab(v) the number of
them that pass through ``v`` (``v`` neither ``a`` nor ``b``). A score of 1 means ``v`` carries
every shortest path of one pair. Each unordered pair counts once, even when the groups overlap.
Rows also give ``paths``, the number of shortest paths through ``v`` (σ_ab(v) added up), and
``pairs``, the number of pairs with at least one shortest path through ``v``. Members of either
group are brokers too when they lie between two others (a park that links a neighbour park to
Taiwan).

Paths run on the undirected graph with one edge per linked pair, every edge one hop (see
:func:`graph.analysis.undirected`). A pair linked directly has no broker; a pair with no path at
all adds nothing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import networkx as nx

from graph.analysis._common import node_row, require_nodes, rounded, top_rows, undirected

__all__ = ["brokers", "partners"]


def _counts(graph: nx.Graph, source: str) -> tuple[dict[str, int], dict[str, int]]:
    # Breadth-first search: distance and number of shortest paths from source to every node.
    distance, sigma = {source: 0}, {source: 1}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for neighbour in graph[node]:
            if neighbour not in distance:
                distance[neighbour] = distance[node] + 1
                sigma[neighbour] = 0
                queue.append(neighbour)
            if distance[neighbour] == distance[node] + 1:
                sigma[neighbour] += sigma[node]
    return distance, sigma


def brokers(
    network: nx.MultiDiGraph,
    group_a: Iterable[str],
    group_b: Iterable[str],
    *,
    top: int | None = None,
    script: str = "zh-Hans",
) -> list[dict]:
    """Entities ranked by how much of the shortest-path traffic between two groups they carry.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A projection from :func:`graph.network.project`; drop classes there (e.g. ``Place``,
        ``Industry``) to look for brokers among the remaining ones only.
    group_a, group_b : iterable of str
        Node ids (IRIs) of the two groups.
    top : int, optional
        Keep only the first ``top`` rows.
    script : {"zh-Hans", "zh-Hant", "en"}, default "zh-Hans"
        Script of the ``label`` column.

    Returns
    -------
    list of dict
        Rows with ``rank``, ``label``, ``class``, ``jurisdiction``, ``score`` (group-to-group
        betweenness, rounded to 6 places), ``paths``, ``pairs``, ``group`` (``"A"``, ``"B"``,
        ``"A,B"`` or ``""``) and ``id``, for every entity with a score above 0; sorted by score,
        then paths, then pairs (highest first), then by label and IRI.

    Raises
    ------
    ValueError
        If a group member is not in the network.

    Examples
    --------
    Two mainland parks ``m1``, ``m2`` and two Taiwan parks ``t1``, ``t2``; ``m1`` docks with
    both Taiwan parks, ``m2`` shares an industry with ``m1``:

    >>> g = nx.MultiDiGraph()
    >>> g.add_edges_from([("m1", "t1"), ("m1", "t2"), ("m1", "ind"), ("m2", "ind")])
    [0, 0, 0, 0]
    >>> [(r["id"], r["score"], r["paths"], r["pairs"], r["group"])
    ...  for r in brokers(g, ["m1", "m2"], ["t1", "t2"])]
    [('ind', 2.0, 2, 2, ''), ('m1', 2.0, 2, 2, 'A')]
    """
    graph = undirected(network)
    a_nodes = require_nodes(graph, group_a, "group A member")
    b_nodes = require_nodes(graph, group_b, "group B member")
    pairs = sorted({tuple(sorted((a, b))) for a in a_nodes for b in b_nodes if a != b})
    search = {node: _counts(graph, node) for node in sorted({n for pair in pairs for n in pair})}

    score: dict[str, float] = {}
    through: dict[str, int] = {}
    carried: dict[str, int] = {}
    for a, b in pairs:
        dist_a, sigma_a = search[a]
        dist_b, sigma_b = search[b]
        if b not in dist_a:
            continue
        length, total = dist_a[b], sigma_a[b]
        for node, d in dist_a.items():
            if node in (a, b) or node not in dist_b or d + dist_b[node] != length:
                continue
            count = sigma_a[node] * sigma_b[node]
            score[node] = score.get(node, 0.0) + count / total
            through[node] = through.get(node, 0) + count
            carried[node] = carried.get(node, 0) + 1

    in_a, in_b = set(a_nodes), set(b_nodes)
    rows = []
    for node in score:
        row = node_row(network, node, script)
        row.update(
            score=rounded(score[node]),
            paths=through[node],
            pairs=carried[node],
            group=",".join(g for g, members in (("A", in_a), ("B", in_b)) if node in members),
            id=node,
        )
        rows.append(row)
    rows.sort(key=lambda r: (-r["score"], -r["paths"], -r["pairs"], r["label"], r["id"]))
    rows = top_rows(rows, top)
    return [{"rank": rank, **row} for rank, row in enumerate(rows, 1)]


def partners(
    network: nx.MultiDiGraph,
    members: Iterable[str],
    *,
    properties: Iterable[str] = ("dockingWith",),
    classes: Iterable[str] | None = ("Park",),
    jurisdiction: str | None = None,
) -> list[str]:
    """The entities that ``members`` are linked to by ``properties``, in either direction.

    Used to form the second group of :func:`brokers`: "the Taiwan parks the Hunan parks dock
    with" is ``partners(network, hunan_parks, jurisdiction="Taiwan")``.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A projection from :func:`graph.network.project`.
    members : iterable of str
        Node ids.
    properties : iterable of str, default ("dockingWith",)
        Property local names of the linking facts.
    classes : iterable of str or None, default ("Park",)
        Keep only partners of these classes; None keeps every class.
    jurisdiction : str, optional
        Keep only partners with this jurisdiction (``"Taiwan"``, ``"HongKong"``, …).

    Returns
    -------
    list of str
        Sorted node ids, members excluded.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("t", **{"class": "Park"}, jurisdiction="Taiwan")
    >>> g.add_node("o", **{"class": "Organization"}, jurisdiction="Taiwan")
    >>> g.add_edge("m", "t", key="dockingWith")
    'dockingWith'
    >>> g.add_edge("m", "o", key="dockingWith")
    'dockingWith'
    >>> partners(g, ["m"], jurisdiction="Taiwan")
    ['t']
    """
    member_set = set(require_nodes(network, members, "member"))
    wanted = {properties} if isinstance(properties, str) else set(properties)
    keep = None if classes is None else ({classes} if isinstance(classes, str) else set(classes))
    found = set()
    for source, target, key in network.edges(keys=True):
        if key not in wanted:
            continue
        for here, there in ((source, target), (target, source)):
            if here in member_set and there not in member_set:
                data = network.nodes[there]
                if keep is not None and data.get("class") not in keep:
                    continue
                if jurisdiction is not None and data.get("jurisdiction") != jurisdiction:
                    continue
                found.add(there)
    return sorted(found)
