"""The SPARQL endpoint as researchers' clients see it: SPARQLWrapper and curl against the server.

One server runs for the module, started as ``coopkg serve`` runs it (``python -m graph.serve``)
on a free loopback port with a 2-second query timeout, over the session's corpus store. Every
answer is compared with ``queries.run`` on the same store.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import RdfFormat, serialize
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, POST, TURTLE, SPARQLWrapper

from graph.serve import (
    ServeError,
    endpoint_query_text,
    serve,
    server_command,
    uses_load,
    uses_service,
)
from queries import bind, rows, run, stored_queries
from tests.conftest import ROOT

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

TIMEOUT_S = 2
# 10^4 × 10^4 REGEX evaluations: minutes of work, stopped after TIMEOUT_S.
SLOW = """SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . FILTER(REGEX(STR(?c), STR(?f))) }"""
DOCKING_FACTS = """PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?s coop:dockingWith ?o . ?o rdfs:label ?l }
WHERE { ?s coop:dockingWith ?o . ?o rdfs:label ?l }"""
CURL = shutil.which("curl")
needs_curl = pytest.mark.skipif(CURL is None, reason="curl is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(store: Path, port: int, *extra: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph.serve", "--store", str(store), "--port", str(port), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server stopped at start: {proc.stderr.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/start", timeout=2) as resp:
                if resp.status == 200:
                    return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("the server did not answer within 20 s")


def stop(proc: subprocess.Popen, sig=signal.SIGTERM) -> tuple[int, str]:
    proc.send_signal(sig)
    out, _err = proc.communicate(timeout=20)
    return proc.returncode, out


@pytest.fixture(scope="module")
def server(corpus_store_path):
    port = free_port()
    proc = start(corpus_store_path, port, "--timeout", str(TIMEOUT_S))
    yield f"http://127.0.0.1:{port}"
    code, _ = stop(proc)
    assert code == 0


def wrapper(url: str, query: str, fmt) -> SPARQLWrapper:
    client = SPARQLWrapper(url + "/query")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(POST)
    return client


def curl(*args: str) -> tuple[int, bytes]:
    out = subprocess.run(
        [CURL, "-sS", "--max-time", "30", "-w", "\n%{http_code}", *args],
        capture_output=True,
        check=True,
        timeout=40,
    ).stdout
    body, _, code = out.rpartition(b"\n")
    return int(code), body


def local_rows(store, query, values=None):
    variables, table = rows(run(store, query, values or {}))
    return variables, [tuple(r[v] for v in variables) for r in table]


def json_rows(result: dict, variables: list[str]) -> list[tuple[str, ...]]:
    assert result["head"]["vars"] == variables
    return [
        tuple(b[v]["value"] if v in b else "" for v in variables)
        for b in result["results"]["bindings"]
    ]


# --- without a server ----------------------------------------------------------------------------


def test_server_command_is_read_only_on_loopback_with_timeout_and_union_graph():
    cmd = server_command("kg", "127.0.0.1", 7878, timeout_s=30, executable="oxigraph")
    assert cmd == [
        "oxigraph",
        "serve-read-only",
        "--location",
        "kg",
        "--bind",
        "127.0.0.1:7878",
        "--union-default-graph",
        "--timeout-s",
        "30",
    ]
    writable = server_command("kg", "::1", 80, timeout_s=5, read_only=False, executable="x")
    assert writable[1] == "serve" and writable[5] == "[::1]:80"
    with pytest.raises(ServeError):
        server_command("kg", "127.0.0.1", 7878, timeout_s=0, executable="x")


def test_serve_without_a_store_says_so(tmp_path):
    with pytest.raises(ServeError, match="no store"):
        serve(tmp_path / "missing", port=free_port())


@pytest.mark.parametrize(
    "text, service, load",
    [
        ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True, False),
        ("select * { service silent ?e { ?s ?p ?o } }", True, False),
        ("SELECT * { SERVICE<http://x/>{ ?s ?p ?o } }", True, False),
        ("SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", True, False),
        ("SELECT * { ?s ex:a\\# SERVICE <http://x/> { ?s ?p ?o } }", True, False),
        ("LOAD <http://example.org/data.ttl>", False, True),
        ("load silent <http://x> into graph <http://g>", False, True),
        ('SELECT ?service { ?service rdfs:label "SERVICE LOAD" } # SERVICE LOAD', False, False),
        ("SELECT * { ?s ex:service ?o ; <http://x/SERVICE/LOAD> ?load }", False, False),
        ("SELECT * { ?s ?p '''a\nSERVICE <http://x/> {}'''}", False, False),
    ],
)
def test_federation_and_load_are_recognised(text, service, load):
    assert uses_service(text) is service
    assert uses_load(text) is load


def test_endpoint_query_text_binds_parameters_with_values(corpus_store):
    q = stored_queries()["docking_partners"]
    text = endpoint_query_text(q, bind(corpus_store, q, {"park": "岳陽產業園"}))
    assert text.startswith("PREFIX coop: <https://w3id.org/coopkg/ontology#>\n")
    assert "WHERE { VALUES (?park) { (<https://w3id.org/coopkg/id/park/岳阳产业园>) }" in text


# --- SELECT, ASK, CONSTRUCT as clients ask them --------------------------------------------------


@pytest.mark.parametrize(
    "name, values",
    [
        ("policies", {}),
        ("taiwan_enterprises", {}),
        ("hongkong_hunan_cooperation", {}),
        ("people_and_posts", {}),
        ("docking_partners", {"park": "岳阳产业园"}),
        ("linking_entities", {"a": "岳阳产业园", "b": "新竹科学园区"}),
    ],
)
def test_select_as_json_through_sparqlwrapper_matches_queries_run(
    server, corpus_store, name, values
):
    q = stored_queries()[name]
    variables, expected = local_rows(corpus_store, q, values)
    assert expected, f"{name} returns no row on the corpus"
    text = endpoint_query_text(q, bind(corpus_store, q, values))
    result = wrapper(server, text, JSON).query().convert()
    assert json_rows(result, variables) == expected


@needs_curl
@pytest.mark.parametrize("name", ["policies", "events", "cross_strait_links"])
def test_select_as_csv_through_curl_matches_queries_run(server, corpus_store, tmp_path, name):
    q = stored_queries()[name]
    variables, expected = local_rows(corpus_store, q)
    query_file = tmp_path / f"{name}.rq"
    query_file.write_text(endpoint_query_text(q), encoding="utf-8")
    code, body = curl(
        "-H", "Accept: text/csv", "--data-urlencode", f"query@{query_file}", server + "/query"
    )
    assert code == 200
    table = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert table[0] == variables
    assert [tuple(r) for r in table[1:]] == expected


def test_select_as_csv_through_sparqlwrapper(server, corpus_store):
    q = stored_queries()["taiwan_enterprises"]
    variables, expected = local_rows(corpus_store, q)
    body = wrapper(server, endpoint_query_text(q), CSV).query().convert()
    table = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert table[0] == variables and [tuple(r) for r in table[1:]] == expected


@needs_curl
@pytest.mark.parametrize(
    "accept, marker",
    [
        ("application/sparql-results+xml", b"<sparql"),
        ("text/tab-separated-values", b"?n"),
        ("application/sparql-results+json", b'"vars":["n"]'),
    ],
)
def test_select_in_every_results_format(server, accept, marker):
    code, body = curl(
        "-H",
        f"Accept: {accept}",
        "--data-urlencode",
        "query=SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        server + "/query",
    )
    assert code == 200 and marker in body


@pytest.mark.parametrize(
    "ask",
    [
        "ASK { <https://w3id.org/coopkg/id/park/岳阳产业园> coop:dockingWith <https://w3id.org/coopkg/id/park/新竹科学园区> }",
        "ASK { <https://w3id.org/coopkg/id/park/新竹科学园区> coop:dockingWith <https://w3id.org/coopkg/id/park/岳阳产业园> }",
    ],
)
def test_ask_matches_queries_run(server, corpus_store, ask):
    expected = bool(run(corpus_store, ask))
    result = wrapper(server, endpoint_query_text(ask), JSON).query().convert()
    assert result["boolean"] is expected
    if CURL:
        code, body = curl(
            "-H",
            "Accept: application/sparql-results+json",
            "--data-urlencode",
            "query=" + endpoint_query_text(ask),
            server + "/query",
        )
        assert code == 200 and json.loads(body)["boolean"] is expected


def expected_graph(store, query: str) -> rdflib.Graph:
    data = serialize(run(store, query), format=RdfFormat.N_TRIPLES) or b""
    return rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")


def test_construct_as_turtle_through_sparqlwrapper_matches_queries_run(server, corpus_store):
    expected = expected_graph(corpus_store, DOCKING_FACTS)
    assert len(expected) > 5
    body = wrapper(server, DOCKING_FACTS, TURTLE).query().convert()
    got = rdflib.Graph().parse(data=body.decode("utf-8"), format="turtle")
    assert isomorphic(got, expected)


@needs_curl
@pytest.mark.parametrize(
    "accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld")]
)
def test_construct_by_content_negotiation_through_curl(server, corpus_store, accept, fmt):
    code, body = curl(
        "-H", f"Accept: {accept}", "--data-urlencode", f"query={DOCKING_FACTS}", server + "/query"
    )
    assert code == 200
    got = rdflib.Graph().parse(data=body.decode("utf-8"), format=fmt)
    assert isomorphic(got, expected_graph(corpus_store, DOCKING_FACTS))


# --- what the endpoint refuses -------------------------------------------------------------------


def count(server: str) -> int:
    result = wrapper(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", JSON).query().convert()
    return int(result["results"]["bindings"][0]["n"]["value"])


def test_update_is_refused(server):
    before = count(server)
    client = SPARQLWrapper(server + "/query", updateEndpoint=server + "/update")
    client.setMethod(POST)
    client.setQuery('INSERT DATA { <http://example.org/s> <http://example.org/p> "x" }')
    with pytest.raises(urllib.error.HTTPError) as err:
        client.query()
    assert err.value.code == 403
    if CURL:
        code, _ = curl(
            "-X",
            "POST",
            "-H",
            "Content-Type: application/sparql-update",
            "--data",
            "CLEAR ALL",
            server + "/update",
        )
        assert code == 403
        code, _ = curl(
            "-X",
            "PUT",
            "-H",
            "Content-Type: application/n-triples",
            "--data",
            '<http://example.org/s> <http://example.org/p> "x" .',
            server + "/store?graph=http://example.org/g",
        )
        assert code == 403
    assert count(server) == before


@needs_curl
def test_service_and_load_are_refused(server):
    federated = f"SELECT * WHERE {{ SERVICE <{server}/query> {{ ?s ?p ?o }} }} LIMIT 1"
    code, body = curl("--data-urlencode", f"query={federated}", server + "/query")
    assert code == 403 and b"SERVICE" in body and b"--allow-federation" in body
    code, body = curl(
        "-X",
        "POST",
        "-H",
        "Content-Type: application/sparql-update",
        "--data",
        f"LOAD <{server}/start>",
        server + "/update",
    )
    assert code == 403 and b"LOAD" in body


@needs_curl
def test_a_query_of_minutes_is_stopped_by_the_timeout(server):
    started = time.monotonic()
    code, body = curl("--data-urlencode", f"query={SLOW}", server + "/query")
    elapsed = time.monotonic() - started
    assert code == 503 and b"timeout" in body
    assert elapsed < TIMEOUT_S + 10
    assert count(server) > 0  # the server still answers


def test_start_page_names_prefixes_and_queries(server, corpus_store):
    with urllib.request.urlopen(server + "/start", timeout=10) as resp:
        text = resp.read().decode("utf-8")
    assert "PREFIX coop: <https://w3id.org/coopkg/ontology#>" in text
    assert f"{server}/queries/docking_partners.rq" in text and "read-only" in text
    with urllib.request.urlopen(server + "/queries/policies.rq", timeout=10) as resp:
        query = resp.read().decode("utf-8")
    assert query.startswith("PREFIX coop:")
    variables, expected = local_rows(corpus_store, stored_queries()["policies"])
    assert json_rows(wrapper(server, query, JSON).query().convert(), variables) == expected
    with urllib.request.urlopen(server + "/", timeout=10) as resp:
        assert b"yasgui" in resp.read().lower()  # Oxigraph's own query page


# --- stopping --------------------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see child processes")
def test_the_server_stops_cleanly_with_its_oxigraph(corpus_store_path):
    port = free_port()
    proc = start(corpus_store_path, port, "--timeout", "5")
    kids = children(proc.pid)
    assert kids, "no Oxigraph process under the server"
    code, out = stop(proc, signal.SIGINT)
    assert code == 0
    assert "coopkg SPARQL endpoint" in out and "Stop with Ctrl-C" in out
    for pid in kids:
        assert (
            not Path(f"/proc/{pid}").exists()
            or "Z" in (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0])
        )
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
