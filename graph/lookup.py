"""Finding an entity by any of its names: Simplified, Traditional, English, or an alias.

Names are compared in their matching form (Simplified, NFKC, no whitespace), so 岳陽產業園,
岳阳产业园 and 岳阳 产业园 are one name; English labels are compared case-insensitively.
"""

from __future__ import annotations

import difflib

from pyoxigraph import Literal, NamedNode, Store, Variable

from loaders.normalize import compact

_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX coop: <https://w3id.org/coopkg/ontology#>
SELECT DISTINCT ?name ?e ?class (COUNT(DISTINCT ?ev) AS ?facts) WHERE {
  ?e rdfs:label|skos:altLabel ?l .
  FILTER(STR(?l) = ?name || LCASE(STR(?l)) = LCASE(?name))
  ?e a ?class . FILTER(STRSTARTS(STR(?class), STR(coop:)))
  OPTIONAL { ?ev <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>|<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?e }
} GROUP BY ?name ?e ?class ORDER BY DESC(?facts) STR(?e)
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


def find_entities(store: Store, name: str) -> list[NamedNode]:
    """Every entity carrying ``name`` as a label or alias, best supported first."""
    found: list[NamedNode] = []
    for form in dict.fromkeys([compact(name), name.strip()]):
        rows = store.query(
            _LABELS,
            use_default_graph_as_union=True,
            substitutions={Variable("name"): Literal(form)},
        )
        for row in rows:
            if row["e"] not in found:
                found.append(row["e"])
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
