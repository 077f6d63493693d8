"""Paths between two entities, every edge with the sentences that state it.

Only the neighbourhood of the two entities is read, through the store's indexes, so a path
query costs what the two ends' surroundings cost, not what the whole graph costs. For paths of
at most ``k`` hops the two ends are expanded alternately (the side with fewer nodes at its
frontier first) until the two radii add up to ``k - 1``; the facts between the two frontiers
are then looked up pair by pair. Every simple path of at most ``k`` hops has each of its edges
either at an expanded node or between the two frontiers, so none is missed, and a hub such as a
province is never expanded unless it is one of the two ends.

Facts are the entity-to-entity triples that an evidence record states; a post is folded into an
edge person —holdsPost→ body so that officials link to their institutions.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx
from pyoxigraph import Literal, NamedNode, Store

from graph.iri import COOP
from graph.iri import ID as _ENTITY
from queries import PREFIXES

RDF, ORG = PREFIXES["rdf"], PREFIXES["org"]
_TYPE = NamedNode(RDF + "type")
_SUBJECT = NamedNode(RDF + "subject")
_PREDICATE = NamedNode(RDF + "predicate")
_OBJECT = NamedNode(RDF + "object")
_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_POST = NamedNode(ORG + "Post")
_POST_IN = NamedNode(ORG + "postIn")
_HOLDS_POST = NamedNode(COOP + "holdsPost")
_JURISDICTION = NamedNode(COOP + "jurisdiction")
_DOCUMENT = NamedNode(COOP + "Document")


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


@dataclass(frozen=True)
class _Fact:
    subject: NamedNode
    property: NamedNode
    object: NamedNode  # the body when the stated object is a post
    stated_object: NamedNode


class _Neighbourhood:
    """Reads facts around entities with pattern lookups; every answer is cached."""

    def __init__(self, store: Store):
        self.store = store
        self._entity: dict[NamedNode, bool] = {}
        self._body: dict[NamedNode, NamedNode | None] = {}
        self._label: dict[NamedNode, str] = {}

    def is_entity(self, node) -> bool:
        """An entity of a coopkg class (documents and posts are not nodes of the fact graph)."""
        if not isinstance(node, NamedNode) or not node.value.startswith(_ENTITY):
            return False
        if node not in self._entity:
            self._entity[node] = any(
                q.object.value.startswith(COOP) and q.object != _DOCUMENT
                for q in self.store.quads_for_pattern(node, _TYPE, None)
            )
        return self._entity[node]

    def body_of(self, node: NamedNode) -> NamedNode | None:
        """The body a post is in; ``None`` for a node that is not a post."""
        if node not in self._body:
            is_post = next(self.store.quads_for_pattern(node, _TYPE, _POST), None) is not None
            body = next(self.store.quads_for_pattern(node, _POST_IN, None), None)
            self._body[node] = body.object if is_post and body else None
        return self._body[node]

    def label(self, node: NamedNode) -> str:
        if node not in self._label:
            self._label[node] = next(
                (
                    q.object.value
                    for q in self.store.quads_for_pattern(node, _LABEL, None)
                    if q.object.language == "zh-hans"
                ),
                node.value,
            )
        return self._label[node]

    def _fact(self, s, p, o) -> _Fact | None:
        if not p.value.startswith(COOP) or p == _JURISDICTION:
            return None
        target = self.body_of(o) if p == _HOLDS_POST else o
        if target is None or target == s or not self.is_entity(s) or not self.is_entity(target):
            return None
        return _Fact(s, p, target, o)

    def facts_of(self, node: NamedNode) -> set[_Fact]:
        """Every fact with ``node`` at either end."""
        found = set()
        for q in self.store.quads_for_pattern(node, None, None):
            if isinstance(q.object, NamedNode) and (f := self._fact(node, q.predicate, q.object)):
                found.add(f)
        for q in self.store.quads_for_pattern(None, None, node):
            if isinstance(q.subject, NamedNode):
                if q.predicate == _POST_IN:  # officials holding a post in this body
                    for held in self.store.quads_for_pattern(None, _HOLDS_POST, q.subject):
                        if f := self._fact(held.subject, _HOLDS_POST, q.subject):
                            found.add(f)
                elif f := self._fact(q.subject, q.predicate, node):
                    found.add(f)
        return found

    def facts_between(self, a: NamedNode, b: NamedNode) -> set[_Fact]:
        """Facts from ``a`` to ``b`` or back (posts of the one in the other included)."""
        found = set()
        for s, o in ((a, b), (b, a)):
            for q in self.store.quads_for_pattern(s, None, o):
                if f := self._fact(s, q.predicate, o):
                    found.add(f)
            if self.is_entity(o):
                for q in self.store.quads_for_pattern(s, _HOLDS_POST, None):
                    if self.body_of(q.object) == o and (f := self._fact(s, _HOLDS_POST, q.object)):
                        found.add(f)
        return found

    def evidence(self, fact: _Fact) -> set[Evidence]:
        """The evidence records of a fact, read from whichever end has fewer records."""
        by_subject = self.store.quads_for_pattern(None, _SUBJECT, fact.subject)
        by_object = self.store.quads_for_pattern(None, _OBJECT, fact.stated_object)
        # Read both lists in step and keep the one that ends first: a fact between a firm and a
        # province is found from the firm's few records, not the province's thousands.
        a, b = [], []
        for qa, qb in itertools.zip_longest(by_subject, by_object):
            if qa is None:
                candidates, other, other_node = a, _OBJECT, fact.stated_object
                break
            if qb is None:
                candidates, other, other_node = b, _SUBJECT, fact.subject
                break
            a.append(qa.subject)
            b.append(qb.subject)
        else:
            candidates, other, other_node = a, _OBJECT, fact.stated_object
        out = set()
        for ev in dict.fromkeys(candidates):
            if not _has(self.store, ev, _PREDICATE, fact.property) or not _has(
                self.store, ev, other, other_node
            ):
                continue
            out.add(
                Evidence(
                    _value(self.store, ev, "quote"),
                    _value(self.store, _document(self.store, ev), "fileName"),
                    int(_value(self.store, ev, "startOffset")),
                    int(_value(self.store, ev, "endOffset")),
                    _value(self.store, ev, "inferred") == "true",
                )
            )
        return out


def _has(store: Store, s, p, o) -> bool:
    return next(store.quads_for_pattern(s, p, o), None) is not None


def _value(store: Store, node, local: str) -> str:
    quad = next(store.quads_for_pattern(node, NamedNode(COOP + local), None), None)
    return quad.object.value if quad and isinstance(quad.object, Literal) else ""


def _document(store: Store, ev) -> NamedNode:
    return next(store.quads_for_pattern(ev, NamedNode(COOP + "inDocument"), None)).object


def fact_neighbourhood(store: Store, a: NamedNode, b: NamedNode, max_hops: int) -> nx.MultiGraph:
    """The facts on the simple paths of at most ``max_hops`` edges between ``a`` and ``b``.

    An undirected multigraph keyed by (subject, property, object) IRIs (property as its local
    name), each edge with the set of :class:`Evidence` that states it and each node with its
    zh-Hans ``label``; empty when no such path exists.
    """
    around = _Neighbourhood(store)
    g = nx.MultiGraph()
    if a == b or not around.is_entity(a) or not around.is_entity(b):
        return g
    facts: set[_Fact] = set()
    seen = [{a: 0}, {b: 0}]  # node → distance from a, from b
    frontier = [[a], [b]]
    for _ in range(max_hops - 1):
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        nxt = []
        for node in frontier[side]:
            for f in around.facts_of(node):
                facts.add(f)
                other = f.object if f.subject == node else f.subject
                if other not in seen[side]:
                    seen[side][other] = seen[side][node] + 1
                    nxt.append(other)
        frontier[side] = sorted(nxt, key=lambda n: n.value)
    for x, y in itertools.product(frontier[0], frontier[1]):
        if x != y:
            facts.update(around.facts_between(x, y))
    while True:
        simple = nx.Graph()
        simple.add_edges_from((f.subject, f.object) for f in facts)
        if a not in simple or b not in simple:
            return g
        on_paths = {
            frozenset(edge)
            for path in nx.all_simple_paths(simple, a, b, cutoff=max_hops)
            for edge in zip(path, path[1:], strict=False)
        }
        kept = {f for f in facts if frozenset((f.subject, f.object)) in on_paths}
        evidence = {f: around.evidence(f) for f in kept}
        unstated = {f for f, ev in evidence.items() if not ev}
        if not unstated:
            break
        facts -= unstated  # a triple no sentence states is not a fact
    for f, ev in evidence.items():
        s, o = f.subject.value, f.object.value
        key = (s, f.property.value.rsplit("#", 1)[-1], o)
        if g.has_edge(s, o, key):
            g.edges[s, o, key]["evidence"] |= ev
        else:
            g.add_edge(s, o, key=key, evidence=set(ev))
    for node in g.nodes:
        g.nodes[node]["label"] = around.label(NamedNode(node))
    return g


def paths_between(
    store: Store, a: NamedNode, b: NamedNode, *, max_hops: int = 3, limit: int = 20
) -> list[list[Step]]:
    """The shortest simple paths from ``a`` to ``b`` of at most ``max_hops`` edges.

    Each path is a list of steps; a step carries every sentence that states its fact. Paths are
    ordered by length, then by the labels along them, so output is stable.
    """
    g = fact_neighbourhood(store, a, b, max_hops)
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
