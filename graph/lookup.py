"""Finding an entity by any of its names: Simplified, Traditional, English, or an alias.

Names are compared in their matching form (Simplified, NFKC, no whitespace), so 岳陽產業園,
岳阳产业园 and 岳阳 产业园 are one name; English labels are compared case-insensitively.

A name is first looked up as exact label terms (the store's object index answers in
milliseconds whatever the size of the graph); only a name that matches no label exactly falls
back to comparing every label, which is what an English name in other letter case needs.
"""

from __future__ import annotations

import difflib
from collections import Counter

from pyoxigraph import Literal, NamedNode, Store, Variable

from graph.iri import COOP
from loaders.normalize import compact
from queries import PREFIXES

_NAME_PROPERTIES = (
    NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
    NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"),
)
# The language tags labels are written with (graph.context): Chinese in both scripts, English.
_LANGUAGES = ("zh-Hans", "zh-Hant", "en")
_TYPE = NamedNode(PREFIXES["rdf"] + "type")

_CASE_INSENSITIVE = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?name ?e WHERE {
  ?e rdfs:label|skos:altLabel ?l .
  FILTER(LCASE(STR(?l)) = LCASE(?name))
}
"""

_SUPPORT = """
SELECT ?e (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?ev <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>|<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?e }
} GROUP BY ?e
"""

_ALL_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX coop: <https://w3id.org/coopkg/ontology#>
SELECT DISTINCT ?l WHERE { ?e rdfs:label|skos:altLabel ?l ; a ?c . FILTER(STRSTARTS(STR(?c), STR(coop:))) }
"""


class UnknownName(LookupError):
    """No entity has this name; ``suggestions`` holds the closest labels."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {name!r}{hint}")


def _is_entity(store: Store, node: NamedNode) -> bool:
    """Whether ``node`` is an instance of a coopkg class (a post, an org:Post, is not)."""
    return any(q.object.value.startswith(COOP) for q in store.quads_for_pattern(node, _TYPE, None))


def _exact(store: Store, forms: list[str]) -> list[NamedNode]:
    found: dict[NamedNode, None] = {}
    for form in forms:
        for language in _LANGUAGES:
            term = Literal(form, language=language)
            for prop in _NAME_PROPERTIES:
                for quad in store.quads_for_pattern(None, prop, term):
                    found.setdefault(quad.subject)
    return [e for e in found if isinstance(e, NamedNode) and _is_entity(store, e)]


def _support(store: Store, entity: NamedNode) -> int:
    """Evidence records that have the entity as subject or object."""
    rows = store.query(_SUPPORT, substitutions={Variable("e"): entity})
    row = next(iter(rows), None)
    return int(row["n"].value) if row else 0


def find_entities(store: Store, name: str) -> list[NamedNode]:
    """Every entity carrying ``name`` as a label or alias, best supported first.

    Entities that share a name are ordered by the evidence records about them, then by IRI.
    """
    forms = list(dict.fromkeys([compact(name), name.strip()]))
    found = _exact(store, forms)
    if not found:
        rows = store.query(
            _CASE_INSENSITIVE,
            use_default_graph_as_union=True,
            substitutions={Variable("name"): Literal(name.strip())},
        )
        found = [r["e"] for r in rows if _is_entity(store, r["e"])]
    if len(found) > 1:
        support = Counter({e: _support(store, e) for e in found})
        found.sort(key=lambda e: (-support[e], e.value))
    return found


def resolve_name(store: Store, name: str) -> NamedNode:
    """The one IRI a name stands for.

    Raises
    ------
    UnknownName
        With the closest labels as suggestions when nothing carries the name.
    """
    if name.startswith(("http://", "https://")):
        return NamedNode(name)
    found = find_entities(store, name)
    if found:
        return found[0]
    raise UnknownName(name, suggest(store, name))


def suggest(store: Store, name: str, n: int = 5) -> list[str]:
    labels = sorted(
        {row["l"].value for row in store.query(_ALL_LABELS, use_default_graph_as_union=True)}
    )
    key = compact(name)
    scored = difflib.get_close_matches(key, labels, n=n, cutoff=0.3)
    if not scored:
        scored = [lab for lab in labels if key[:2] and key[:2] in lab][:n]
    return scored
