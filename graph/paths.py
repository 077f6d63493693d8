"""Paths between two entities, every edge with the sentences that state it.

The fact graph is read once from the store (one SPARQL query over the evidence records), turned
into an undirected networkx graph, and searched with :func:`networkx.all_simple_paths`. A post
is folded into an edge person —holdsPost→ body so that officials link to their institutions.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from pyoxigraph import NamedNode, Store

# Entity classes are tested with FILTER EXISTS rather than joined, so that an entity with several
# classes does not multiply its rows (0.05 s instead of 6 s on the bundled corpus).
_EDGES = """
SELECT ?s ?p ?o ?quote ?file ?start ?end ?inferred WHERE {
  ?ev a coop:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o0 ; coop:quote ?quote ;
      coop:inDocument ?doc ; coop:startOffset ?start ; coop:endOffset ?end ;
      coop:inferred ?inferred .
  ?doc coop:fileName ?file .
  FILTER(?p != rdf:type && ?p != coop:jurisdiction && isIRI(?o0))
  OPTIONAL { ?o0 a org:Post ; org:postIn ?body }
  BIND(COALESCE(?body, ?o0) AS ?o)
  FILTER EXISTS { ?s a ?sc . FILTER(STRSTARTS(STR(?sc), STR(coop:)) && ?sc != coop:Document) }
  FILTER EXISTS { ?o a ?oc . FILTER(STRSTARTS(STR(?oc), STR(coop:)) && ?oc != coop:Document) }
}
"""

_LABELS = """
SELECT ?e ?l WHERE { ?e rdfs:label ?l . FILTER(langMatches(lang(?l), "zh-Hans")) }
"""


@dataclass(frozen=True)
class Evidence:
    quote: str
    document: str
    start: int
    end: int
    inferred: bool


@dataclass(frozen=True)
class Step:
    """One edge of a path: the fact ``subject property object`` and its evidence."""

    subject: str
    property: str
    object: str
    evidence: tuple[Evidence, ...]


def fact_graph(store: Store) -> nx.MultiGraph:
    """All entity-to-entity facts as an undirected multigraph keyed by (subject, property, object)."""
    from queries import PREFIXES

    g = nx.MultiGraph()
    rows = store.query(_EDGES, use_default_graph_as_union=True, prefixes=PREFIXES)
    for r in rows:
        s, p, o = r["s"].value, r["p"].value.rsplit("#", 1)[-1], r["o"].value
        if s == o:
            continue
        key = (s, p, o)
        ev = Evidence(
            r["quote"].value,
            r["file"].value,
            int(r["start"].value),
            int(r["end"].value),
            r["inferred"].value == "true",
        )
        if g.has_edge(s, o, key):
            g.edges[s, o, key]["evidence"].add(ev)
        else:
            g.add_edge(s, o, key=key, evidence={ev})
    labels = {
        r["e"].value: r["l"].value
        for r in store.query(_LABELS, use_default_graph_as_union=True, prefixes=PREFIXES)
    }
    for node in g.nodes:
        g.nodes[node]["label"] = labels.get(node, node)
    return g


def paths_between(
    store: Store, a: NamedNode, b: NamedNode, *, max_hops: int = 3, limit: int = 20
) -> list[list[Step]]:
    """The shortest simple paths from ``a`` to ``b`` of at most ``max_hops`` edges.

    Each path is a list of steps; a step carries every sentence that states its fact. Paths are
    ordered by length, then by the labels along them, so output is stable.
    """
    g = fact_graph(store)
    if a.value not in g or b.value not in g:
        return []
    simple = nx.Graph(g)  # one hop per pair of entities; the multigraph keeps the facts
    found = sorted(
        nx.all_simple_paths(simple, a.value, b.value, cutoff=max_hops),
        key=lambda p: (len(p), [g.nodes[n]["label"] for n in p]),
    )[:limit]
    out = []
    for nodes in found:
        steps = []
        for u, v in zip(nodes, nodes[1:], strict=False):
            for (s, p, o), data in sorted(g.get_edge_data(u, v).items()):
                steps.append(
                    Step(
                        g.nodes[s]["label"],
                        p,
                        g.nodes[o]["label"],
                        tuple(sorted(data["evidence"], key=lambda e: (e.document, e.start))),
                    )
                )
        out.append(steps)
    return out
