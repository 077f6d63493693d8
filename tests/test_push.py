"""Pushing the graph into a separate Graph Store Protocol server (Oxigraph, empty, writable).

The server runs on a free loopback port over an empty temporary folder. After the push it must
hold the same number of triples per named graph as the store and give the same answers to the
stored queries.
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
from urllib.parse import quote, urlencode

import pytest
from pyoxigraph import NamedNode

import graph.push
from graph.push import PushError, default_graph_store, push, remote_counts
from graph.serve import endpoint_query_text, oxigraph_executable
from queries import bind, rows, run, stored_queries

OTHER = "http://example.org/graph/not-ours"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def target(tmp_path):
    """An empty, writable Oxigraph server whose default graph is the union of its graphs."""
    port = free_port()
    proc = subprocess.Popen(
        [
            oxigraph_executable(),
            "serve",
            "--location",
            str(tmp_path / "remote"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while True:
        assert proc.poll() is None, proc.stderr.read().decode()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "the Oxigraph server did not start within 20 s"
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


def post_triples(base: str, graph: str, ntriples: str) -> None:
    request = urllib.request.Request(
        f"{base}/store?graph={quote(graph, safe='')}",
        data=ntriples.encode("utf-8"),
        headers={"Content-Type": "application/n-triples"},
        method="POST",
    )
    urllib.request.urlopen(request, timeout=10).close()


def select(base: str, query: str) -> dict:
    request = urllib.request.Request(
        base + "/query",
        data=urlencode({"query": query}).encode("utf-8"),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as resp:
        return json.load(resp)


def local_counts(store) -> dict[str, int]:
    return {
        g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g))
        for g in store.named_graphs()
        if isinstance(g, NamedNode)
    }


def test_push_replaces_each_graph_and_the_server_answers_like_the_store(corpus_store, target):
    endpoint = target + "/query"
    doc_graph = "https://w3id.org/coopkg/graph/000_5a865a298e14f526"
    # what the server held before: a stale triple in a document graph, and a graph of its own
    post_triples(target, doc_graph, '<http://example.org/stale> <http://example.org/p> "old" .\n')
    post_triples(target, OTHER, '<http://example.org/s> <http://example.org/p> "kept" .\n')

    counts = push(corpus_store, endpoint, progress=False)

    expected = local_counts(corpus_store)
    assert counts == expected
    assert len(counts) == 6 and "https://w3id.org/coopkg/graph/ontology" in counts
    assert remote_counts(endpoint, sorted(counts)) == expected  # the stale triple is gone
    assert remote_counts(endpoint, [OTHER]) == {OTHER: 1}  # graphs not ours are left alone

    # pushing again replaces, never appends
    assert push(corpus_store, endpoint, target + "/store", progress=False) == expected
    assert remote_counts(endpoint, sorted(counts)) == expected

    cases = [
        ("policies", {}),
        ("taiwan_enterprises", {}),
        ("hongkong_hunan_cooperation", {}),
        ("events", {}),
        ("docking_partners", {"park": "岳阳产业园"}),
    ]
    for name, values in cases:
        q = stored_queries()[name]
        variables, table = rows(run(corpus_store, q, values))
        assert table, name
        substitutions = bind(corpus_store, q, values)
        if values:  # the park is bound to its IRI on the server
            assert str(substitutions[next(iter(substitutions))]).startswith("<https://w3id.org/")
        result = select(target, endpoint_query_text(q, substitutions))
        got = [
            tuple(b[v]["value"] if v in b else "" for v in variables)
            for b in result["results"]["bindings"]
        ]
        assert result["head"]["vars"] == variables, name
        assert got == [tuple(r[v] for v in variables) for r in table], name


def test_push_names_the_graph_store_it_uses():
    assert default_graph_store("http://127.0.0.1:7878/query") == "http://127.0.0.1:7878/store"
    with pytest.raises(PushError, match="--graph-store"):
        default_graph_store("http://127.0.0.1:3030/ds")


def test_push_fails_clearly_on_http_errors(corpus_store, target):
    with pytest.raises(PushError, match="HTTP 404"):
        push(corpus_store, target + "/query", target + "/nowhere", progress=False)
    port = free_port()  # nothing listens there
    with pytest.raises(PushError, match="cannot reach"):
        push(corpus_store, f"http://127.0.0.1:{port}/query", progress=False)


def test_push_fails_when_the_counts_differ(corpus_store, target, monkeypatch):
    real = graph.push.remote_counts

    def one_short(endpoint, graphs, **kwargs):
        counts = real(endpoint, graphs, **kwargs)
        counts[graphs[0]] -= 1
        return counts

    monkeypatch.setattr(graph.push, "remote_counts", one_short)
    with pytest.raises(PushError, match="counts differ"):
        push(corpus_store, target + "/query", progress=False)
