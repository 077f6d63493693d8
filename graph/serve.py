"""A SPARQL 1.1 Protocol endpoint over the built store: the Oxigraph server, kept safe by default.

The server is Oxigraph's own (the ``oxigraph`` package on PyPI, the same engine as pyoxigraph),
started as a subprocess on the store folder. In front of it sits a small guard that only reads
requests: it refuses federated queries and ``LOAD`` unless asked, answers ``/start`` with the
prefixes and queries to begin with (the same text is printed on start) and ``/queries/NAME.rq``
with a stored query ready to paste, and turns a query stopped by the timeout into a clear
HTTP 503. Everything else (SPARQL evaluation, the protocol, content negotiation, the YASGUI
query page at ``/``) is Oxigraph's. Oxigraph itself listens on a free port of 127.0.0.1 that
only the guard is told about (a local user who finds it reaches Oxigraph without the guard).

What the endpoint does
----------------------
* ``/query`` (GET or POST, SPARQL 1.1 Protocol): SELECT and ASK results as SPARQL JSON, XML, CSV
  or TSV; CONSTRUCT and DESCRIBE as Turtle, N-Triples, RDF/XML or JSON-LD, by ``Accept``
  header. ``/`` is Oxigraph's YASGUI query page, ``/store`` the Graph Store Protocol (read).
* The default graph is the union of all named graphs (one per document, plus the ontology),
  as with ``coopkg query``; ``GRAPH ?g { … }`` still names a document's graph.
* Read-only by default: ``/update`` and writes to ``/store`` get HTTP 403. With
  ``read_only=False`` the store is opened for writing and ``/update`` works.
* Bound to 127.0.0.1 by default. There is no authentication: bind another address only on a
  network you trust.
* A query timeout (Oxigraph's ``--timeout-s``). Oxigraph checks it while it evaluates, so most
  queries stop at about the timeout; a few operators (a large sort or hash join being built) only
  notice it when they finish. The guard also closes a response still streaming ten seconds after
  the timeout.
* ``SERVICE`` (federated query) and ``LOAD`` make the server fetch URLs of the caller's choosing.
  The Oxigraph build on PyPI supports both and has no switch to turn them off, so the guard
  refuses any query or update that uses them (HTTP 403) unless ``allow_federation=True``.
  (``LOAD`` is an update, so a read-only server refuses it anyway.)

Running alongside a writer
--------------------------
The store is a RocksDB folder. The read-only server opens it without taking the write lock, so
``coopkg query`` and other readers work beside it. It answers from the store as it was when it
started: ``coopkg build`` writes a new folder and swaps it in, and the running server keeps the
files it has open; restart it to serve the new build. Oxigraph calls reading while another
process writes the same folder undefined behaviour, so stop the server before ``coopkg add``.
A writable server (``read_only=False``) holds the write lock: ``coopkg add`` then fails until it
stops, and a ``coopkg build`` swapped in under it would leave it writing to the old folder; stop
it first.

Examples
--------
>>> cmd = server_command("store", "127.0.0.1", 7878, timeout_s=30)
>>> cmd[1:]
['serve-read-only', '--location', 'store', '--bind', '127.0.0.1:7878', '--union-default-graph', '--timeout-s', '30']
>>> uses_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
True
>>> uses_service('SELECT ?service WHERE { ?service rdfs:label "SERVICE" }  # SERVICE')
False
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from queries import OPAQUE_TOKENS, PREFIXES, StoredQuery, stored_queries, with_values

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT_S",
    "ServeError",
    "endpoint_query_text",
    "landing_text",
    "oxigraph_executable",
    "serve",
    "server_command",
    "uses_load",
    "uses_service",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30
READY_WAIT_S = 20.0
STREAM_GRACE_S = 10.0
_CANCELLED = b"The SPARQL operation has been cancelled"
_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
    "expect",
}


class ServeError(RuntimeError):
    """The endpoint cannot start: no Oxigraph, no store, port taken, or the server died."""


def oxigraph_executable() -> str:
    """The ``oxigraph`` command installed beside this Python, else the one on ``PATH``."""
    here = Path(sys.executable).parent
    found = shutil.which("oxigraph", path=str(here)) or shutil.which("oxigraph")
    if not found:
        raise ServeError(
            "the Oxigraph server is not installed; install it with: "
            "python3 -m pip install 'oxigraph>=0.5,<0.6'"
        )
    return found


def server_command(
    store: Path | str,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    timeout_s: int = DEFAULT_TIMEOUT_S,
    read_only: bool = True,
    cors: bool = False,
    executable: str | None = None,
) -> list[str]:
    """The Oxigraph command line that serves ``store`` on ``host:port``.

    Parameters
    ----------
    store : path
        The store folder (a pyoxigraph/RocksDB store).
    host, port : str, int
        Where Oxigraph listens.
    timeout_s : int
        Query timeout in whole seconds (Oxigraph takes integers only).
    read_only : bool
        ``serve-read-only`` (the default) or ``serve`` (updates and Graph Store writes allowed).
    cors : bool
        Let browsers on other origins call the endpoint.
    executable : str, optional
        The ``oxigraph`` program (default: :func:`oxigraph_executable`).

    Examples
    --------
    >>> server_command("kg", "127.0.0.1", 8000, timeout_s=5, read_only=False, executable="oxigraph")
    ['oxigraph', 'serve', '--location', 'kg', '--bind', '127.0.0.1:8000', '--union-default-graph', '--timeout-s', '5']
    """
    if isinstance(timeout_s, bool) or not isinstance(timeout_s, int) or timeout_s < 1:
        raise ServeError(f"timeout must be a whole number of seconds ≥ 1, not {timeout_s!r}")
    if not 0 < int(port) < 65536:
        raise ServeError(f"port {port} is out of range")
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    cmd = [
        executable or oxigraph_executable(),
        "serve-read-only" if read_only else "serve",
        "--location",
        str(store),
        "--bind",
        bind,
        "--union-default-graph",
        "--timeout-s",
        str(timeout_s),
    ]
    if cors:
        cmd.append("--cors")
    return cmd


# --- what the guard looks for ------------------------------------------------------------------

_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _keyword(text: str, word: str) -> bool:
    pattern = re.compile(rf"(?<![\w?$:.\\-]){word}(?![\w:.-])", re.I)
    decoded = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    return any(pattern.search(OPAQUE_TOKENS.sub(" ", form)) for form in {text, decoded})


def uses_service(text: str) -> bool:
    """Whether a query or update uses ``SERVICE`` (a federated call to another endpoint).

    >>> uses_service("select * { ?s ?p ?o . service silent ?endpoint { ?s ?q ?r } }")
    True
    >>> uses_service("SELECT * { ?s ex:service ?o ; <http://x/SERVICE> ?x } # SERVICE")
    False
    """
    return _keyword(text, "SERVICE")


def uses_load(text: str) -> bool:
    """Whether an update uses ``LOAD`` (fetch a URL into the store).

    >>> uses_load("LOAD <http://example.org/data.ttl> INTO GRAPH <http://g>")
    True
    >>> uses_load('INSERT DATA { <http://s> <http://p> "LOAD" }')
    False
    """
    return _keyword(text, "LOAD")


# --- the text a client sends -------------------------------------------------------------------


def _prefix_block(text: str) -> str:
    declared = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", text)}
    return "".join(
        f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p.lower() not in declared
    )


def endpoint_query_text(
    query: StoredQuery | str, values: Mapping[object, object] | None = None
) -> str:
    """A stored query as a client sends it: PREFIX lines added, parameters bound by ``VALUES``.

    The binding is the one ``coopkg query`` uses (:func:`queries.with_values`). ``values`` maps
    parameter names (or pyoxigraph ``Variable``s, as :func:`queries.bind` returns them) to
    pyoxigraph terms.

    >>> from pyoxigraph import NamedNode
    >>> q = "# title: T\\nSELECT ?park ?x WHERE { ?park coop:dockingWith ?x }"
    >>> print(endpoint_query_text(q, {"park": NamedNode("http://example.org/p")}).splitlines()[-1])
    SELECT ?park ?x WHERE { VALUES (?park) { (<http://example.org/p>) } ?park coop:dockingWith ?x }
    """
    text = with_values(query.text if isinstance(query, StoredQuery) else query, values or {})
    return _prefix_block(text) + text


def landing_text(
    base_url: str,
    store: Path | str,
    *,
    read_only: bool = True,
    allow_federation: bool = False,
    timeout_s: int = DEFAULT_TIMEOUT_S,
) -> str:
    """What ``coopkg serve`` prints on start and serves at ``/start``."""
    base = base_url.rstrip("/")
    prefixes = "".join(f"  PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    cookbook = [
        (name, q) for name, q in stored_queries().items() if not name.startswith("projection_")
    ]
    width = max(len(name) for name, _ in cookbook)
    listing = "".join(
        f"  {base}/queries/{name}.rq{' ' * (width - len(name))}  {q.title}\n"
        for name, q in cookbook
    )
    writes = (
        "refused (read-only): /update and writes to /store answer HTTP 403"
        if read_only
        else f"{base}/update and {base}/store (the store is writable)"
    )
    federation = (
        "allowed (the server fetches the URLs queries name)"
        if allow_federation
        else "refused: queries using SERVICE and updates using LOAD answer HTTP 403"
    )
    return f"""coopkg SPARQL endpoint (Oxigraph) over {store}
  query:      {base}/query     SPARQL 1.1 Protocol, GET or POST
  query page: {base}/          Oxigraph's YASGUI editor
  this text:  {base}/start
  updates:    {writes}
  SERVICE, LOAD: {federation}
  timeout:    {timeout_s} s per query
  results:    SELECT/ASK as SPARQL JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE as Turtle,
              N-Triples, RDF/XML, JSON-LD (by Accept header)
  default graph: the union of every document's named graph and the ontology graph;
              GRAPH ?g {{ … }} names one document's graph (https://w3id.org/coopkg/graph/…)

Prefixes the stored queries use (send them with every query):
{prefixes}
Start with (each file is ready to paste, prefixes included; parameters are ?variables
to bind with VALUES or to replace by an IRI):
{listing}
  curl -H 'Accept: text/csv' --data-urlencode query@FILE.rq {base}/query

The evidence behind any fact (quote, file, offsets, rule):
  {base}/queries/fact_evidence.rq

Cookbook with answers on the bundled corpus: docs/queries.md; vocabulary: docs/ontology.md.
"""


# --- the guard ---------------------------------------------------------------------------------


class _Guard(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, upstream, *, allow_federation, timeout_s, landing, family):
        self.address_family = family
        super().__init__(address, _GuardHandler)
        self.upstream = upstream
        self.allow_federation = allow_federation
        self.timeout_s = timeout_s
        self.landing = landing


class _GuardHandler(BaseHTTPRequestHandler):
    server: _Guard
    server_version = "coopkg-guard"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):
        self._handle()

    def do_POST(self):
        self._handle()

    def do_PUT(self):
        self._handle()

    def do_DELETE(self):
        self._handle()

    def do_HEAD(self):
        self._handle()

    def do_OPTIONS(self):
        self._handle()

    def _reply(self, status: int, text: str, content_type: str = "text/plain; charset=utf-8"):
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _operations(self, query: str, body: bytes) -> tuple[list[str], list[str]] | None:
        """The query and update texts of a request, from the URL, a form or the body."""
        pairs = parse_qsl(query, keep_blank_values=True)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            if ctype == "application/x-www-form-urlencoded":
                pairs += parse_qsl(body.decode("utf-8"), keep_blank_values=True)
            queries = [v for k, v in pairs if k == "query"]
            updates = [v for k, v in pairs if k == "update"]
            if ctype == "application/sparql-query":
                queries.append(body.decode("utf-8"))
            elif ctype == "application/sparql-update":
                updates.append(body.decode("utf-8"))
        except UnicodeDecodeError:
            return None
        return queries, updates

    def _handle(self):
        split = urlsplit(self.path)
        if self.command in ("GET", "HEAD") and split.path in ("/start", "/start/"):
            self._reply(200, self.server.landing)
            return
        if self.command in ("GET", "HEAD") and split.path.startswith("/queries/"):
            self._stored_query(split.path[len("/queries/") :])
            return
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self._reply(411, "send the request body with a Content-Length\n")
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        ops = self._operations(split.query, body)
        if ops is None:
            self._reply(400, "the request is not UTF-8\n")
            return
        if not self.server.allow_federation:
            texts = ops[0] + ops[1]
            if any(uses_service(t) for t in texts):
                self._reply(
                    403,
                    "SERVICE (federated query) is refused by this endpoint: it would make the "
                    "server fetch URLs. Start it with --allow-federation to allow it.\n",
                )
                return
            if any(uses_load(t) for t in ops[1]):
                self._reply(
                    403,
                    "LOAD is refused by this endpoint: it would make the server fetch URLs. "
                    "Start it with --allow-federation (and --writable) to allow it.\n",
                )
                return
        self._forward(body)

    def _stored_query(self, name: str):
        name = name.removesuffix(".rq")
        known = stored_queries()
        if name not in known:
            self._reply(404, f"no stored query {name!r}; see /start\n")
            return
        self._reply(
            200, endpoint_query_text(known[name]), "application/sparql-query; charset=utf-8"
        )

    def _forward(self, body: bytes):
        started = time.monotonic()
        limit = self.server.timeout_s + STREAM_GRACE_S
        host, port = self.server.upstream
        conn = http.client.HTTPConnection(host, port, timeout=limit)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            if body or self.command in ("POST", "PUT"):
                headers["Content-Length"] = str(len(body))
            try:
                conn.request(self.command, self.path, body=body or None, headers=headers)
                resp = conn.getresponse()
            except TimeoutError:
                self._reply(504, f"no answer within {limit:.0f} s; the query was abandoned\n")
                return
            except OSError as exc:
                self._reply(502, f"the Oxigraph server is not answering ({exc})\n")
                return
            head = b""
            done = self.command == "HEAD"
            while not done and len(head) < 65536 and time.monotonic() - started < limit:
                try:
                    chunk = resp.read1(65536)
                except (TimeoutError, http.client.HTTPException, OSError):
                    chunk = b""
                if not chunk:
                    done = True
                head += chunk
            if done and (resp.status >= 500 or resp.status == 200) and head.endswith(_CANCELLED):
                self._reply(
                    503,
                    f"the query was stopped by the timeout ({self.server.timeout_s} s); "
                    "narrow it (LIMIT, more specific patterns) or ask for a longer --timeout\n",
                )
                return
            self.send_response_only(resp.status, resp.reason)
            for key, value in resp.getheaders():
                if key.lower() not in _HOP_BY_HOP:
                    self.send_header(key, value)
            if done:
                self.send_header("Content-Length", str(len(head)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command == "HEAD":
                return
            self.wfile.write(head)
            while not done:
                if time.monotonic() - started > limit:
                    break  # close the stream: Oxigraph stops when its write fails
                try:
                    chunk = resp.read1(65536)
                except (TimeoutError, http.client.HTTPException, OSError):
                    break
                if not chunk:
                    break
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            conn.close()


# --- running it --------------------------------------------------------------------------------


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(host: str, port: int, proc: subprocess.Popen, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
            raise ServeError(
                f"the Oxigraph server stopped at start (exit {proc.returncode}): {err}"
            )
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise ServeError(f"the Oxigraph server did not answer on {host}:{port} within {wait_s:.0f} s")


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the server gets SIGTERM if this process dies without stopping it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop(proc: subprocess.Popen, wait_s: float = 10.0) -> int:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(wait_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    store: Path | str,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    timeout_s: int = DEFAULT_TIMEOUT_S,
    read_only: bool = True,
    allow_federation: bool = False,
    cors: bool = False,
    echo: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Serve ``store`` on ``host:port`` until SIGINT or SIGTERM (or ``stop`` is set).

    Starts Oxigraph (:func:`server_command`) on a free loopback port and the guard on
    ``host:port``, prints :func:`landing_text`, then waits. On SIGINT/SIGTERM it stops taking
    requests, sends SIGTERM to Oxigraph (SIGKILL after ten seconds) and returns 0. If Oxigraph
    dies on its own, the guard stops and its exit code is returned.

    Raises
    ------
    ServeError
        No store at ``store``, Oxigraph not installed, the port taken, or Oxigraph failing to
        start within 20 seconds.
    """
    echo = echo or (lambda text: print(text, flush=True))
    store = Path(store)
    if not store.is_dir() or not any(store.iterdir()):
        raise ServeError(f"{store}: no store here; run `coopkg build` first")
    upstream = ("127.0.0.1", _free_loopback_port())
    cmd = server_command(
        store.resolve(),
        upstream[0],
        upstream[1],
        timeout_s=timeout_s,
        read_only=read_only,
        cors=cors,
    )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    base = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    landing = landing_text(
        base, store, read_only=read_only, allow_federation=allow_federation, timeout_s=timeout_s
    )
    try:
        guard = _Guard(
            (host, port),
            upstream,
            allow_federation=allow_federation,
            timeout_s=timeout_s,
            landing=landing,
            family=family,
        )
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )
    stop = stop or threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, lambda *_: stop.set())
    thread = None
    try:
        _wait_for_port(*upstream, proc, READY_WAIT_S)
        # Oxigraph's stderr is read from now on so that it never fills up and blocks.
        drain = threading.Thread(target=_drain, args=(proc,), daemon=True)
        drain.start()
        thread = threading.Thread(target=guard.serve_forever, kwargs={"poll_interval": 0.2})
        thread.daemon = True
        thread.start()
        if not _is_loopback(host):
            echo(
                f"warning: listening on {host}, not loopback: anyone who can reach this address "
                "can query the store; there is no authentication"
            )
        echo(landing + "\nStop with Ctrl-C.")
        while not stop.wait(0.2):
            if proc.poll() is not None:
                echo(f"the Oxigraph server stopped (exit {proc.returncode})")
                return proc.returncode or 1
        return 0
    finally:
        if thread is not None:
            guard.shutdown()
        guard.server_close()
        _stop(proc)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _drain(proc: subprocess.Popen) -> None:
    if proc.stderr is None:
        return
    for line in proc.stderr:
        text = line.decode("utf-8", "replace").rstrip()
        if text and not text.startswith("Listening for requests"):
            print(f"oxigraph: {text}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m graph.serve``: the same as ``coopkg serve``."""
    from graph.store import default_store_path

    parser = argparse.ArgumentParser(
        prog="python -m graph.serve",
        description="Serve the store as a SPARQL 1.1 endpoint (the Oxigraph server), read-only, "
        "on 127.0.0.1, with a query timeout; SERVICE and LOAD are refused unless "
        "--allow-federation. Stop with Ctrl-C.",
    )
    parser.add_argument("--store", type=Path, default=None, help="store folder")
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on (no auth!)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT_S, help="seconds per query")
    parser.add_argument("--writable", action="store_true", help="allow /update and /store writes")
    parser.add_argument(
        "--allow-federation",
        action="store_true",
        help="allow SERVICE and LOAD, which make the server fetch URLs",
    )
    parser.add_argument("--cors", action="store_true", help="allow cross-origin browser requests")
    args = parser.parse_args(argv)
    try:
        return serve(
            args.store or default_store_path(),
            args.host,
            args.port,
            timeout_s=args.timeout,
            read_only=not args.writable,
            allow_federation=args.allow_federation,
            cors=args.cors,
        )
    except ServeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
