"""Push the graph into any SPARQL 1.1 Graph Store Protocol server, one named graph at a time.

Every named graph of the store (one per document, the ontology graph, and any reference graph)
is sent with an HTTP ``PUT`` to the server's Graph Store endpoint (``?graph=IRI``, an N-Triples
body), which replaces what the server held for that graph and leaves its other graphs alone.
Afterwards one ``SELECT … COUNT`` per graph through the query endpoint checks that the server
holds exactly as many triples as the store. Only the standard library talks HTTP (urllib).

Where the Graph Store endpoint is
---------------------------------
Give it with ``graph_store``. Without it, a query endpoint ending in ``/query`` or ``/sparql``
is taken to be Oxigraph's, whose Graph Store endpoint is ``/store`` beside it. Other servers:

* Apache Jena Fuseki: query ``http://HOST:3030/DATASET/sparql``, graph store
  ``http://HOST:3030/DATASET/data``;
* GraphDB: query ``http://HOST:7200/repositories/ID``, graph store
  ``http://HOST:7200/repositories/ID/rdf-graphs/service``;
* Virtuoso: query ``http://HOST:8890/sparql``, graph store ``http://HOST:8890/sparql-graph-crud``
  (``/sparql-graph-crud-auth`` with credentials).

The stored queries expect the default graph to be the union of the named graphs (Oxigraph:
``--union-default-graph``; Fuseki/TDB2: ``tdb2:unionDefaultGraph true``); otherwise wrap their
patterns in ``GRAPH ?g { … }``.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from pyoxigraph import NamedNode, RdfFormat, Store, serialize

__all__ = ["PushError", "default_graph_store", "push", "remote_counts"]


class PushError(RuntimeError):
    """The server refused a graph, could not be reached, or holds other counts than the store."""


def default_graph_store(endpoint: str) -> str:
    """Oxigraph's Graph Store endpoint beside its query endpoint.

    >>> default_graph_store("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/store'
    >>> default_graph_store("http://localhost:7878/sparql")
    'http://localhost:7878/store'
    """
    parts = urlsplit(endpoint)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    if last not in ("query", "sparql"):
        raise PushError(
            f"{endpoint}: cannot tell where its Graph Store endpoint is; give it with --graph-store "
            "(Fuseki: …/DATASET/data, GraphDB: …/repositories/ID/rdf-graphs/service)"
        )
    return urlunsplit((parts.scheme, parts.netloc, head + "/store", "", ""))


def _graph_url(graph_store: str, graph: str) -> str:
    sep = "&" if urlsplit(graph_store).query else "?"
    return f"{graph_store}{sep}graph={quote(graph, safe='')}"


def _http(request: urllib.request.Request, timeout: float, what: str) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            return resp.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()[:300]
        raise PushError(f"{what}: HTTP {exc.code} {exc.reason}: {detail}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"{what}: cannot reach {request.full_url} ({reason})") from None


def remote_counts(endpoint: str, graphs: list[str], *, timeout: float = 60.0) -> dict[str, int]:
    """Triples per named graph on the server, by a SPARQL query to ``endpoint``.

    Graphs the server does not have count 0.
    """
    counts = dict.fromkeys(graphs, 0)
    for graph in graphs:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        request = urllib.request.Request(
            endpoint,
            data=urlencode({"query": query}).encode("ascii"),
            headers={
                "Accept": "application/sparql-results+json",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            method="POST",
        )
        body = _http(request, timeout, f"counting {graph}")
        try:
            bindings = json.loads(body)["results"]["bindings"]
            counts[graph] = int(bindings[0]["n"]["value"]) if bindings else 0
        except (ValueError, KeyError, IndexError) as exc:
            raise PushError(
                f"counting {graph}: unreadable answer from {endpoint} ({exc})"
            ) from None
    return counts


def push(
    store: Store | Path | str,
    endpoint: str,
    graph_store: str | None = None,
    *,
    progress: bool = True,
    timeout: float = 300.0,
) -> dict[str, int]:
    """Replace the server's copy of every named graph of ``store`` and check the counts.

    Parameters
    ----------
    store : pyoxigraph.Store or path
        The store, or its folder (opened read-only).
    endpoint : str
        The server's SPARQL query endpoint, used for the count check.
    graph_store : str, optional
        The server's Graph Store Protocol endpoint (default: :func:`default_graph_store`).
    progress : bool
        Show a progress bar (tqdm, on stderr).
    timeout : float
        Seconds to wait for each HTTP request.

    Returns
    -------
    dict of str to int
        Graph IRI to its number of triples, equal on both sides.

    Raises
    ------
    PushError
        An HTTP failure (with the graph, status and the server's message), a server that cannot
        be reached, or a server holding other counts than the store after the push.
    """
    from tqdm import tqdm

    if not isinstance(store, Store):
        from graph.store import open_store

        store = open_store(store)
    graph_store = graph_store or default_graph_store(endpoint)
    graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, NamedNode))
    if not graphs:
        raise PushError("the store has no named graph to push")
    local: dict[str, int] = {}
    with tqdm(
        total=len(graphs), desc="push", unit="graph", file=sys.stderr, disable=not progress
    ) as bar:
        for graph in graphs:
            triples = [
                q.triple for q in store.quads_for_pattern(None, None, None, NamedNode(graph))
            ]
            body = serialize(triples, format=RdfFormat.N_TRIPLES) or b""
            request = urllib.request.Request(
                _graph_url(graph_store, graph),
                data=body,
                headers={"Content-Type": "application/n-triples; charset=utf-8"},
                method="PUT",
            )
            _http(request, timeout, f"PUT {graph}")
            local[graph] = len(triples)
            bar.set_postfix_str(f"{len(triples)} triples")
            bar.update()
    remote = remote_counts(endpoint, graphs, timeout=timeout)
    wrong = [g for g in graphs if remote[g] != local[g]]
    if wrong:
        lines = "; ".join(f"{g}: store {local[g]}, server {remote[g]}" for g in wrong)
        raise PushError(f"the server's counts differ from the store's after the push: {lines}")
    return local
