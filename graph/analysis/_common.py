"""Helpers shared by the analyses: the undirected view, labels, node rows and stable ranking."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

#: Node attribute holding the label in each script (``graph.network.project`` names them so).
SCRIPTS = {"zh-hans": "label", "zh-hant": "label_zh_hant", "en": "label_en"}

#: Decimal places kept for centralities and scores, so that rows (and their ties) are stable
#: across platforms whatever the last bits of floating-point arithmetic.
DIGITS = 6


def label_of(data: dict, script: str = "zh-Hans") -> str:
    """The node's label in ``script``, falling back to its canonical zh-Hans label.

    Parameters
    ----------
    data : dict
        Node attributes, as set by :func:`graph.network.project`.
    script : {"zh-Hans", "zh-Hant", "en"}, default "zh-Hans"
        Any case.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``script`` is not one of the three.

    Examples
    --------
    >>> label_of({"label": "新竹科学园区", "label_en": "Hsinchu Science Park"}, "en")
    'Hsinchu Science Park'
    >>> label_of({"label": "新竹科学园区", "label_zh_hant": ""}, "zh-Hant")
    '新竹科学园区'
    """
    key = SCRIPTS.get(str(script).lower())
    if key is None:
        raise ValueError(f"unknown script {script!r}; expected zh-Hans, zh-Hant or en")
    return data.get(key) or data.get("label", "")


def undirected(network: nx.MultiDiGraph) -> nx.Graph:
    """The simple undirected graph the analyses run on.

    One edge per pair of linked entities, whatever the direction and number of facts between
    them. ``facts`` counts those facts; ``weight`` adds up their evidence counts, a fact without
    evidence counting 1, so that every edge weighs at least 1. Nodes keep their attributes and
    their (sorted) order.

    Parameters
    ----------
    network : networkx.MultiDiGraph
        A projection from :func:`graph.network.project`.

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="dockingWith", weight=2)
    'dockingWith'
    >>> g.add_edge("b", "a", key="partOf", weight=0)
    'partOf'
    >>> dict(undirected(g).edges["a", "b"])
    {'facts': 2, 'weight': 3}
    """
    graph = nx.Graph()
    graph.add_nodes_from(network.nodes(data=True))
    for source, target, data in network.edges(data=True):
        if source == target:
            continue
        weight = max(1, int(data.get("weight", 0) or 0))
        if graph.has_edge(source, target):
            edge = graph.edges[source, target]
            edge["facts"] += 1
            edge["weight"] += weight
        else:
            graph.add_edge(source, target, facts=1, weight=weight)
    return graph


def node_row(network: nx.Graph, node: str, script: str = "zh-Hans") -> dict:
    """The columns every row about one entity starts with: label, class, jurisdiction.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("x", label="甲", **{"class": "Park"}, jurisdiction="Taiwan")
    >>> node_row(g, "x")
    {'label': '甲', 'class': 'Park', 'jurisdiction': 'Taiwan'}
    """
    data = network.nodes[node]
    return {
        "label": label_of(data, script),
        "class": data.get("class", ""),
        "jurisdiction": data.get("jurisdiction", ""),
    }


def require_nodes(network: nx.Graph, nodes: Iterable[str], what: str = "entity") -> list[str]:
    """Return ``nodes`` as a sorted list of distinct ids, refusing any that is not in the network.

    Examples
    --------
    >>> g = nx.Graph([("a", "b")])
    >>> require_nodes(g, ["b", "a", "b"])
    ['a', 'b']
    >>> require_nodes(g, ["c"])
    Traceback (most recent call last):
    ...
    ValueError: entity 'c' is not in the network (filtered out, or has no facts)
    """
    if isinstance(nodes, str):
        nodes = [nodes]
    result = sorted(set(nodes))
    for node in result:
        if node not in network:
            raise ValueError(
                f"{what} {node!r} is not in the network (filtered out, or has no facts)"
            )
    return result


def top_rows(rows: list[dict], top: int | None) -> list[dict]:
    """The first ``top`` rows (all of them for None), refusing a negative count.

    Examples
    --------
    >>> top_rows([{"n": 1}, {"n": 2}], 1)
    [{'n': 1}]
    """
    if top is None:
        return rows
    if top < 0:
        raise ValueError(f"top must be positive or None, not {top}")
    return rows[:top]


def rounded(value: float) -> float:
    """A score rounded to :data:`DIGITS` places, with -0.0 turned into 0.0.

    Examples
    --------
    >>> rounded(1 / 3)
    0.333333
    """
    return round(float(value), DIGITS) + 0.0
