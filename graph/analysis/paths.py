"""Every simple path of up to N hops between two entities, each edge with its evidence.

The facts are those of :func:`graph.paths.fact_neighbourhood` (the entity-to-entity facts on
the paths, read from the two ends' neighbourhoods, posts folded into person → body edges,
:class:`graph.paths.Evidence` records on the edges), and paths are ordered the same way as :func:`graph.paths.paths_between`:
by length, then by the labels along them. Rows are "tidy": one row per (path, hop, fact, quote), so
that a CSV of
them can be filtered and pivoted.
"""

from __future__ import annotations

import networkx as nx
from pyoxigraph import NamedNode

from graph.paths import fact_neighbourhood

__all__ = ["paths"]


def _iri(entity) -> str:
    return getattr(entity, "value", entity)


def paths(store, a, b, *, max_hops: int = 3, limit: int | None = None) -> list[dict]:
    """The simple paths from ``a`` to ``b``, every fact on them with every quote that states it.

    Parameters
    ----------
    store : pyoxigraph.Store
        The coopkg store.
    a, b : pyoxigraph.NamedNode or str
        The two entities (IRIs; resolve names with :func:`graph.lookup.resolve_name`).
    max_hops : int, default 3
        Longest path kept, in hops (edges).
    limit : int, optional
        Keep only the first ``limit`` paths.

    Returns
    -------
    list of dict
        One row per quote, with ``path`` (1, 2, … in order), ``hops`` (its length), ``hop``
        (1 … hops), ``subject``, ``property``, ``object`` (zh-Hans labels; facts are given in
        their stated direction, which may run against the path), ``document`` (file name),
        ``start``, ``end`` (character offsets in the original file), ``inferred``, ``quote``
        (line breaks kept), ``subject_id`` and ``object_id``. Empty when either entity has no
        fact or no path is that short.

    Raises
    ------
    ValueError
        If ``max_hops`` is below 1.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.load(input='''
    ... @prefix coop: <https://w3id.org/coopkg/ontology#> .
    ... @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    ... @prefix id: <https://w3id.org/coopkg/id/park/> .
    ... <https://w3id.org/coopkg/graph/d> {
    ...   id:a a coop:Park . id:b a coop:Park .  id:a coop:dockingWith id:b .
    ...   <https://w3id.org/coopkg/doc/d> coop:fileName "d.txt" .
    ...   <https://w3id.org/coopkg/evidence/d/1> a coop:Evidence ;
    ...       rdf:subject id:a ; rdf:predicate coop:dockingWith ; rdf:object id:b ;
    ...       coop:quote "甲园对接乙园" ; coop:inDocument <https://w3id.org/coopkg/doc/d> ;
    ...       coop:startOffset 0 ; coop:endOffset 6 ; coop:inferred false .
    ... }''', format=ox.RdfFormat.TRIG)
    >>> row = paths(store, "https://w3id.org/coopkg/id/park/a",
    ...             "https://w3id.org/coopkg/id/park/b")[0]
    >>> (row["path"], row["hop"], row["property"], row["quote"], row["document"], row["end"])
    (1, 1, 'dockingWith', '甲园对接乙园', 'd.txt', 6)
    """
    if max_hops < 1:
        raise ValueError(f"max_hops must be at least 1, not {max_hops}")
    source, target = _iri(a), _iri(b)
    facts = fact_neighbourhood(store, NamedNode(source), NamedNode(target), max_hops)
    if source not in facts or target not in facts:
        return []
    simple = nx.Graph(facts)  # one hop per pair of entities; the multigraph keeps the facts
    found = sorted(
        nx.all_simple_paths(simple, source, target, cutoff=max_hops),
        key=lambda p: (len(p), [facts.nodes[n]["label"] for n in p], p),
    )
    if limit is not None:
        found = found[:limit]
    rows = []
    for number, nodes in enumerate(found, 1):
        hops = len(nodes) - 1
        for hop, (u, v) in enumerate(zip(nodes, nodes[1:], strict=False), 1):
            for (s, p, o), data in sorted(facts.get_edge_data(u, v).items()):
                for ev in sorted(data["evidence"], key=lambda e: (e.document, e.start, e.end)):
                    rows.append(
                        {
                            "path": number,
                            "hops": hops,
                            "hop": hop,
                            "subject": facts.nodes[s]["label"],
                            "property": p,
                            "object": facts.nodes[o]["label"],
                            "document": ev.document,
                            "start": ev.start,
                            "end": ev.end,
                            "inferred": ev.inferred,
                            "quote": ev.quote,
                            "subject_id": s,
                            "object_id": o,
                        }
                    )
    return rows
