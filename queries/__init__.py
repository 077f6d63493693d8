"""Stored SPARQL queries: ``*.rq`` files with a title, a description and named parameters.

A query file starts with comment lines::

    # title: Docking partners of a park
    # description: The parks and institutions a park docks with, with the sentence that says so.
    # param: park entity  The park, named in Simplified, Traditional or English.

A parameter of kind ``entity`` is given as a name and bound to the entity's IRI; ``string`` and
``integer`` parameters are bound as literals. The bound terms go into the query as a one-row
``VALUES`` block at the top of its WHERE clause, each written by pyoxigraph in its own
N-Triples form (so a value cannot change the query around it). That is the binding a client
of ``coopkg serve`` uses too, so a query runs the same way in both places; and unlike
pyoxigraph's ``substitutions``, which bind variables only after Oxigraph has planned the
query, the planner sees a ``VALUES`` block and starts from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Store, Variable

QUERY_DIR = Path(__file__).parent

PREFIXES = {
    "coop": "https://w3id.org/coopkg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
}


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    description: str


@dataclass(frozen=True)
class StoredQuery:
    name: str
    title: str
    description: str
    text: str
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)


class QueryError(ValueError):
    """A query or parameter that cannot be used; the message says which."""


# Strings, IRIs and comments, scanned left to right, so that a keyword or brace inside any of them
# is not taken for one. A superset of the SPARQL grammar's tokens: where they disagree the query is
# not valid SPARQL and the store refuses it anyway.
OPAQUE_TOKENS = re.compile(
    r"""'''(?:[^'\\]|\\.|'(?!''))*'''"""
    r'''|"""(?:[^"\\]|\\.|"(?!""))*"""'''
    r"""|'(?:[^'\\\n\r]|\\.)*'"""
    r'''|"(?:[^"\\\n\r]|\\.)*"'''
    r"""|<[^<>"{}|^`\\\x00-\x20]*>"""
    r"""|(?<!\\)\#[^\n\r]*""",
    re.S,
)

_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")


def parse_stored_query(name: str, text: str) -> StoredQuery:
    """Read the header of a query file.

    >>> q = parse_stored_query("x", "# title: T\\n# param: park entity  The park.\\nSELECT * {}")
    >>> q.title, q.parameters[0].name, q.parameters[0].kind
    ('T', 'park', 'entity')
    """
    title, description, params = name, "", []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            if line.strip() and not line.strip().startswith("#"):
                break
            continue
        key, value = match.groups()
        if key == "title":
            title = value.strip()
        elif key == "description":
            description = (description + " " + value.strip()).strip()
        else:
            parts = value.split(None, 2)
            if len(parts) < 2 or parts[1] not in ("entity", "string", "integer"):
                raise QueryError(
                    f"{name}.rq: bad param line {line!r} (want: NAME entity|string|integer TEXT)"
                )
            params.append(Parameter(parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    return StoredQuery(name, title, description, text, tuple(params))


def stored_queries() -> dict[str, StoredQuery]:
    """Every stored query, by file stem (the projection queries of the exports included)."""
    return {
        p.stem: parse_stored_query(p.stem, p.read_text(encoding="utf-8"))
        for p in sorted(QUERY_DIR.glob("*.rq"))
    }


def bind(store: Store, query: StoredQuery, values: dict[str, str]) -> dict[Variable, object]:
    """Turn NAME=VALUE strings into terms; entity names are resolved to IRIs."""
    from graph.lookup import resolve_name

    declared = {p.name: p for p in query.parameters}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise QueryError(
            f"unknown parameter {unknown[0]!r} for {query.name}; it takes: {', '.join(declared) or 'none'}"
        )
    missing = [p for p in declared if p not in values]
    if missing:
        raise QueryError(
            f"{query.name} needs --param {missing[0]}=VALUE ({declared[missing[0]].description})"
        )
    out: dict[Variable, object] = {}
    for key, value in values.items():
        kind = declared[key].kind
        if kind == "entity":
            out[Variable(key)] = resolve_name(store, value)
        elif kind == "integer":
            if not re.fullmatch(r"-?\d+", value):
                raise QueryError(f"--param {key}: {value!r} is not an integer")
            out[Variable(key)] = Literal(value, datatype=NamedNode(PREFIXES["xsd"] + "integer"))
        else:
            out[Variable(key)] = Literal(value)
    return out


def with_values(text: str, values: Mapping[object, object]) -> str:
    """``text`` with ``values`` bound by a one-row ``VALUES`` block at the top of its WHERE clause.

    ``values`` maps parameter names (or pyoxigraph ``Variable``s, as :func:`bind` returns them)
    to pyoxigraph terms, which are written in their N-Triples form (quotes and line breaks
    escaped), so a value can only ever be one term.

    >>> print(with_values("SELECT ?x WHERE { ?park coop:dockingWith ?x }",
    ...                   {"park": NamedNode("http://example.org/p")}))
    SELECT ?x WHERE { VALUES (?park) { (<http://example.org/p>) } ?park coop:dockingWith ?x }
    >>> print(with_values("ASK { ?s rdfs:label ?name }", {"name": Literal('say "}"')}))
    ASK { VALUES (?name) { ("say \\"}\\"") } ?s rdfs:label ?name }
    >>> print(with_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": NamedNode("http://e/s")}))
    CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<http://e/s>) } ?s ?p ?o }
    """
    if not values:
        return text
    for value in values.values():
        if not isinstance(value, NamedNode | Literal):
            raise TypeError(f"a parameter value must be an IRI or a literal, not {value!r}")
    names = " ".join(f"?{getattr(k, 'value', k).lstrip('?$')}" for k in values)
    row = " ".join(str(v) for v in values.values())
    body = OPAQUE_TOKENS.sub(lambda m: "\0" * len(m.group(0)), text)
    # The first brace opens the WHERE clause (its keyword is optional), except in a CONSTRUCT with
    # a template, whose WHERE clause comes after it.
    match = re.search(r"\{", body)
    if match and re.search(r"\bCONSTRUCT\s*$", body[: match.start()], re.I):
        match = re.compile(r"\bWHERE\s*\{", re.I).search(body, match.end())
    if match is None:
        raise QueryError("the query has no WHERE clause to bind parameters in")
    return f"{text[: match.end()]} VALUES ({names}) {{ ({row}) }}{text[match.end() :]}"


def run(store: Store, query: StoredQuery | str, values: dict[str, str] | None = None):
    """Run a stored query (or query text) over the union of all document graphs.

    Returns pyoxigraph's result: solutions for SELECT, a boolean for ASK, triples otherwise.
    """
    if isinstance(query, str):
        query = parse_stored_query("query", query)
    text = with_values(query.text, bind(store, query, values or {}))
    try:
        return store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(f"{query.name}: SPARQL syntax error: {exc}") from None


def rows(result, hide: tuple[str, ...] = ()) -> tuple[list[str], list[dict[str, str]]]:
    """Variables and rows of a SELECT result as plain strings (labels, IRIs, lexical forms).

    ``hide`` names columns to leave out: the bound parameters, which every row repeats.
    """
    variables = [v.value for v in result.variables if v.value not in hide]
    out = []
    for solution in result:
        out.append({v: (solution[v].value if solution[v] is not None else "") for v in variables})
    return variables, out
