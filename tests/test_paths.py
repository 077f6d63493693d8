"""Paths read from the two ends' neighbourhoods are the paths of the whole fact graph."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from pyoxigraph import NamedNode

from graph.lookup import resolve_name
from graph.paths import fact_neighbourhood, paths_between
from queries import PREFIXES

# The whole fact graph, read the slow way: every evidence record, posts folded into bodies.
_ALL_FACTS = """
SELECT DISTINCT ?s ?p ?o WHERE {
  ?ev a coop:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o0 .
  FILTER(?p != rdf:type && ?p != coop:jurisdiction && isIRI(?o0))
  OPTIONAL { ?o0 a org:Post ; org:postIn ?body }
  BIND(COALESCE(?body, ?o0) AS ?o)
  FILTER EXISTS { ?s a ?sc . FILTER(STRSTARTS(STR(?sc), STR(coop:)) && ?sc != coop:Document) }
  FILTER EXISTS { ?o a ?oc . FILTER(STRSTARTS(STR(?oc), STR(coop:)) && ?oc != coop:Document) }
}
"""


@pytest.fixture(scope="module")
def whole(corpus_store):
    g = nx.MultiGraph()
    for r in corpus_store.query(_ALL_FACTS, use_default_graph_as_union=True, prefixes=PREFIXES):
        s, p, o = r["s"].value, r["p"].value.rsplit("#", 1)[-1], r["o"].value
        if s != o:
            g.add_edge(s, o, key=(s, p, o))
    return g


def _walk_pairs(g, hops, n, seed):
    """Pairs of distinct entities joined by a walk of at most ``hops`` edges."""
    rng, nodes, pairs = random.Random(seed), sorted(g.nodes), []
    while len(pairs) < n:
        a = b = rng.choice(nodes)
        for _ in range(rng.randint(1, hops)):
            b = rng.choice(sorted(g.neighbors(b)))
        if a != b:
            pairs.append((a, b))
    return pairs


@pytest.mark.parametrize("hops", [1, 2, 3, 4])
def test_neighbourhood_has_every_path_of_the_whole_graph(corpus_store, whole, hops):
    simple = nx.Graph(whole)
    for a, b in _walk_pairs(whole, hops, 25, seed=hops):
        expected = {tuple(p) for p in nx.all_simple_paths(simple, a, b, cutoff=hops)}
        local = fact_neighbourhood(corpus_store, NamedNode(a), NamedNode(b), hops)
        got = {tuple(p) for p in nx.all_simple_paths(nx.Graph(local), a, b, cutoff=hops)}
        assert got == expected, (a, b)
        # every fact between two entities on a path is kept, each with a quote
        for u, v in {frozenset(e) for p in expected for e in zip(p, p[1:], strict=False)}:
            assert set(local.get_edge_data(u, v)) == set(whole.get_edge_data(u, v))
            assert all(data["evidence"] for data in local.get_edge_data(u, v).values())


def test_no_path_from_an_entity_to_itself_or_to_a_non_entity(corpus_store):
    park = resolve_name(corpus_store, "岳阳产业园")
    assert paths_between(corpus_store, park, park) == []
    assert paths_between(corpus_store, park, NamedNode("https://example.org/nothing")) == []
