"""The embedded store: pyoxigraph on disk, built aside and swapped in whole.

A build writes a fresh store next to the target folder and only renames it into place once every
document is in, so a build that fails part-way leaves the previous store as it was. Adding
documents to an existing store replaces exactly their named graphs, each in one transaction;
removing a document drops exactly its graph.

Memory stays bounded at any corpus size: files are read one at a time (or a few at a time by
worker processes, ``jobs`` > 1), each document's triples are written and dropped before the
next, and the summary counts are SPARQL aggregates evaluated by the store.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import shutil
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse, serialize

from graph.iri import COOP, GRAPH, graph_iri
from ontology import ONTOLOGY_PATH

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_GRAPH = GRAPH + "ontology"
OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"


class StoreError(RuntimeError):
    """A store that cannot be opened or built; the message names the folder."""


def default_store_path() -> Path:
    """``$COOPKG_STORE`` if set, else ``store/`` in the project folder."""
    env = os.environ.get("COOPKG_STORE")
    return Path(env) if env else PROJECT_ROOT / "store"


def open_store(path: Path | str, *, read_only: bool = True) -> Store:
    """Open an existing store folder.

    Raises
    ------
    StoreError
        If there is no store at ``path``.
    """
    path = Path(path)
    if not path.is_dir() or not any(path.iterdir()):
        raise StoreError(f"{path}: no store here; run `coopkg build` first")
    try:
        return Store.read_only(str(path)) if read_only else Store(str(path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store ({exc})") from None


@dataclass
class BuildReport:
    """What a build did: documents read, what was skipped and why, and the counts."""

    documents: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    facts: int = 0
    quads: int = 0


def ontology_quads() -> list[Quad]:
    graph = NamedNode(ONTOLOGY_GRAPH)
    with open(ONTOLOGY_PATH, "rb") as fh:
        return [
            Quad(t.subject, t.predicate, t.object, graph)
            for t in parse(fh, format=RdfFormat.TURTLE)
        ]


@contextmanager
def building(target: Path):
    """Yield a fresh store in a sibling folder; swap it into ``target`` on success only."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = target.with_name(f".{target.name}.building-{os.getpid()}")
    if work.exists():
        shutil.rmtree(work)
    store = Store(str(work))
    try:
        yield store
        store.flush()
    except BaseException:
        del store
        gc.collect()
        _remove_tree(work)
        raise
    del store
    gc.collect()
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    work.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _remove_tree(path: Path, attempts: int = 50) -> None:
    """Remove a store folder, again if files appear in it meanwhile.

    After a failure the traceback still holds the open store, whose background threads (RocksDB
    flushes and compactions) may write new files while the folder is being removed.
    """
    for _ in range(attempts):
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            return
        time.sleep(0.1)


def load_document_graph(store: Store, doc_id: str, nquads: bytes) -> None:
    """Make the N-Quads ``nquads`` (all in the document's graph) its whole graph, atomically.

    A graph the store does not hold yet is loaded with :meth:`pyoxigraph.Store.load`: one
    transaction. A graph that exists is replaced by one SPARQL update, ``DROP SILENT GRAPH <g> ;
    INSERT DATA { GRAPH <g> { … } }``, which oxigraph applies as a single transaction: a reader
    sees the old graph or the new one, never a missing or half-written graph, and a failure
    leaves the old graph. (``remove_graph`` then ``extend`` would be two transactions.) The
    triples go into the update as N-Triples, which is valid SPARQL triple syntax, escapes
    included.
    """
    graph = NamedNode(graph_iri(doc_id))
    if not store.contains_named_graph(graph):
        store.load(nquads, format=RdfFormat.N_QUADS)
        return
    triples = serialize(
        (q.triple for q in parse(nquads, format=RdfFormat.N_QUADS)), format=RdfFormat.N_TRIPLES
    )
    store.update(
        f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n"
        + (triples or b"").decode("utf-8")
        + "\n} }"
    )


def remove_document_graphs(store: Store, docs: Iterable[str]) -> list[str]:
    """Remove the named graphs of documents given by file stem or file name.

    Every name is checked before anything is removed; the graphs are then dropped by one SPARQL
    update (``DROP GRAPH <a> ; DROP GRAPH <b> …``), so in one transaction. Returns the document
    ids (file stems) whose graphs were removed.

    Raises
    ------
    StoreError
        If the store holds no graph for one of ``docs``; nothing is removed then.
    """
    found: list[str] = []
    for doc in docs:
        doc_id = next(
            (
                i
                for i in _doc_ids_of(doc)
                if i != "ontology" and store.contains_named_graph(NamedNode(graph_iri(i)))
            ),
            None,
        )
        if doc_id is None:
            raise StoreError(
                f"no document {doc.strip()!r} in the store (give its file stem or file name)"
            )
        found.append(doc_id)
    found = list(dict.fromkeys(found))
    if found:
        store.update(" ;\n".join(f"DROP GRAPH {NamedNode(graph_iri(i))}" for i in found))
    return found


def _doc_ids_of(doc: str) -> list[str]:
    """The document ids ``doc`` may stand for: the name less a document suffix, its stem, itself."""
    from loaders.document import DOCUMENT_SUFFIXES

    name = Path(doc.strip()).name
    ids = [name[: -len(s)] for s in DOCUMENT_SUFFIXES if name.endswith(s)]
    ids += [Path(name).stem, name]
    return [i for i in dict.fromkeys(ids) if i]


def count_summary(store: Store, report: BuildReport) -> None:
    """Fill the entity, fact and quad counts of ``report`` from the store itself."""
    # The classes come from the ontology graph and are listed in the query: counting one known
    # class at a time reads the type index directly (0.1 s at 100×), where filtering every
    # rdf:type triple by its class took 5 s.
    classes = " ".join(
        f"<{r['c'].value}>"
        for r in store.query(
            f"""SELECT ?c WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?c a <{OWL_CLASS}> }}
              FILTER(STRSTARTS(STR(?c), "{COOP}") && ?c != <{COOP}Evidence> && ?c != <{COOP}Document>) }}"""
        )
    )
    q = f"""
    SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {{
      VALUES ?class {{ {classes} }}
      GRAPH ?g {{ ?e a ?class }}
      FILTER(?g != <{ONTOLOGY_GRAPH}>)
    }} GROUP BY ?class"""
    report.entities = Counter(
        {r["class"].value.rsplit("#", 1)[1]: int(r["n"].value) for r in store.query(q)}
    )
    # Evidence records are the only reified statements, so rdf:subject alone finds them.
    facts = store.query(
        """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE {
          GRAPH ?g { ?ev <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;
             <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ;
             <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o }
          FILTER(?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) } }"""
    )
    report.facts = int(next(iter(facts))["n"].value)
    report.quads = len(store)


#: Bytes of N-Quads a bulk build gathers before writing them (see :func:`write_documents`).
BULK_BATCH_BYTES = 32_000_000


def write_documents(
    store: Store,
    paths: list[Path],
    report: BuildReport,
    *,
    on_progress: Callable[[Path], None] | None = None,
    jobs: int = 1,
    bulk: bool = False,
) -> None:
    """Read, extract and write each file into ``store``, replacing its graph.

    With ``jobs`` > 1 the documents are read and extracted by that many worker processes
    (started with ``spawn``: the parent holds an open store, which must not be forked); each
    worker sends back one document's graph as N-Quads and this process writes them into the
    store in the order of ``paths``. The graph is the same as with ``jobs=1``, which does the
    same work in this process.

    By default each document is written in its own transaction (:func:`load_document_graph`).
    ``bulk=True`` is for a store that nothing else reads and that is thrown away if the build
    fails (the one :func:`building` yields): new document graphs are then gathered into batches
    of about :data:`BULK_BATCH_BYTES` and written with pyoxigraph's bulk loader, which skips
    transactions and is about four times faster.

    A file that cannot be read, or whose extraction fails, is recorded in ``report.skipped``
    with a one-line reason; the other files go on. At most a few documents' quads (or one
    batch) are held in memory at any time.
    """
    paths = list(paths)
    workers = max(1, min(jobs, len(paths)))
    results = _pool_results(paths, workers) if workers > 1 else _serial_results(paths)
    seen: dict[str, Path] = {}
    batch: list[bytes] = []
    batch_bytes = 0
    with _BatchWriter(store) as writer:
        for path, (doc_id, payload, error) in results:
            if error is None and doc_id in seen:
                error = f"{path}: same document name as {seen[doc_id]}"
            if error is None:
                seen[doc_id] = path
                if bulk and not store.contains_named_graph(NamedNode(graph_iri(doc_id))):
                    batch.append(payload)
                    batch_bytes += len(payload)
                    if batch_bytes >= BULK_BATCH_BYTES:
                        writer.write(batch)
                        batch, batch_bytes = [], 0
                else:
                    load_document_graph(store, doc_id, payload)
                report.documents.append(doc_id)
            else:
                report.skipped.append((str(path), error))
            if on_progress is not None:
                on_progress(path)
        if batch:
            writer.write(batch)


class _BatchWriter:
    """Bulk loads on a thread of their own, so that extraction goes on while a batch is written.

    pyoxigraph releases the GIL while it bulk loads, and without this thread the worker
    processes sat idle (their window of files in flight full) for every second of a batch
    load. At most one batch waits while another is written, so memory stays at about two
    batches. An error in the thread is raised again in the caller at its next write or at exit.
    The thread starts with the first batch: ``coopkg add`` never writes one.
    """

    def __init__(self, store: Store):
        self.store = store
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        # Made with the first batch: an unstarted thread would keep this writer (and the store)
        # alive in a reference cycle after the build, until the garbage collector runs.
        self.thread: threading.Thread | None = None

    def _run(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is None:
                try:
                    bulk_load_batch(self.store, batch)
                except BaseException as exc:  # noqa: BLE001 - handed to the caller
                    self.error = exc

    def _check(self) -> None:
        if self.error is not None:
            raise self.error

    def write(self, batch: list[bytes]) -> None:
        self._check()
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="coopkg-bulk-load", daemon=True)
            self.thread.start()
        self.queue.put(batch)

    def __enter__(self) -> _BatchWriter:
        return self

    def __exit__(self, *exc_info) -> None:
        if self.thread is None:
            return
        self.queue.put(None)
        self.thread.join()
        if exc_info[0] is None:
            self._check()


def bulk_load_batch(store: Store, batch: list[bytes]) -> None:
    """Write the N-Quads of several new documents with the bulk loader (no transaction)."""
    store.bulk_load(b"".join(batch), format=RdfFormat.N_QUADS)


#: One document's outcome: (doc id, N-Quads of its graph, None) or (None, None, reason).
Outcome = tuple[str | None, bytes | None, str | None]


def document_nquads(path: str | Path) -> tuple[str, bytes]:
    """Read, extract and serialise one file: its document id and its graph as N-Quads.

    Raises
    ------
    loaders.document.DocumentError
        If the file cannot be read as a document.
    """
    from graph.context import FactContext
    from loaders.document import read_document
    from loaders.extract import extract

    doc = read_document(path)
    quads = FactContext(extract(doc)).quads()
    return doc.doc_id, serialize(quads, format=RdfFormat.N_QUADS) or b""


def extract_outcome(path: str | Path) -> Outcome:
    """:func:`document_nquads` with every error turned into a one-line reason (a worker task)."""
    from loaders.document import DocumentError

    try:
        doc_id, data = document_nquads(path)
    except DocumentError as exc:
        return None, None, " ".join(str(exc).split())
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the build
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())
        return None, None, f"{path}: extraction failed ({reason})"
    return doc_id, data, None


def _serial_results(paths: list[Path]) -> Iterator[tuple[Path, Outcome]]:
    for path in paths:
        yield path, extract_outcome(path)


def _pool_results(paths: list[Path], jobs: int) -> Iterator[tuple[Path, Outcome]]:
    """Outcomes from ``jobs`` worker processes, in the order of ``paths``.

    At most ``4 * jobs`` files are in flight. If a worker process dies (killed, out of memory,
    a crash in native code), the pool is lost with the files in flight: each of those is then
    retried alone in a fresh process, and the one that kills its process again is skipped.
    """
    ctx = multiprocessing.get_context("spawn")
    todo = deque(paths)
    window = 4 * jobs
    while todo:
        in_flight: deque = deque()
        suspects: list[Path] = []
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
        try:
            while todo or in_flight:
                while todo and len(in_flight) < window:
                    path = todo.popleft()
                    in_flight.append((path, pool.submit(extract_outcome, str(path))))
                path, future = in_flight.popleft()
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    suspects = [path] + [p for p, _ in in_flight]
                    break
                yield path, outcome
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        for path in suspects:
            yield path, _isolated_outcome(path, ctx)


def _isolated_outcome(path: Path, ctx) -> Outcome:
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        try:
            return pool.submit(extract_outcome, str(path)).result()
        except BrokenProcessPool:
            return None, None, f"{path}: the worker process died while extracting it"
