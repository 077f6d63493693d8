"""The embedded store: pyoxigraph on disk, built aside and swapped in whole.

A build writes a fresh store next to the target folder and only renames it into place once every
document is in, so a build that fails part-way leaves the previous store as it was. Adding
documents to an existing store replaces exactly their named graphs.
"""

from __future__ import annotations

import gc
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse

from graph.iri import COOP, GRAPH, graph_iri
from ontology import ONTOLOGY_PATH

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_GRAPH = GRAPH + "ontology"


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
        shutil.rmtree(work, ignore_errors=True)
        raise
    del store
    gc.collect()
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    work.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def replace_document_graph(store: Store, doc_id: str, quads: Iterable[Quad]) -> None:
    """Replace exactly the named graph of one document."""
    graph = NamedNode(graph_iri(doc_id))
    store.remove_graph(graph) if store.contains_named_graph(graph) else None
    store.extend(list(quads))


def count_summary(store: Store, report: BuildReport) -> None:
    """Fill the entity, fact and quad counts of ``report`` from the store itself."""
    q = f"""
    SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {{
      GRAPH ?g {{ ?e a ?class }}
      FILTER(STRSTARTS(STR(?class), "{COOP}") && ?class != <{COOP}Evidence> && ?class != <{COOP}Document>)
      FILTER(?g != <{ONTOLOGY_GRAPH}>)
    }} GROUP BY ?class"""
    report.entities = Counter(
        {r["class"].value.rsplit("#", 1)[1]: int(r["n"].value) for r in store.query(q)}
    )
    facts = store.query(
        f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{
          GRAPH ?g {{ ?ev a <{COOP}Evidence> ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;
             <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ;
             <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o }}
          FILTER(?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) }} }}"""
    )
    report.facts = int(next(iter(facts))["n"].value)
    report.quads = len(store)


def write_documents(
    store: Store,
    paths: list[Path],
    report: BuildReport,
    *,
    on_progress: Callable[[Path], None] | None = None,
) -> None:
    """Read, extract and write each file into ``store``, replacing its graph.

    A file that cannot be read is recorded in ``report.skipped`` with a one-line reason; the
    other files go on.
    """
    from graph.context import FactContext
    from loaders.document import DocumentError, read_document
    from loaders.extract import extract

    seen: dict[str, Path] = {}
    for path in paths:
        try:
            doc = read_document(path)
            if doc.doc_id in seen:
                raise DocumentError(f"{path}: same document name as {seen[doc.doc_id]}")
            seen[doc.doc_id] = path
            quads = FactContext(extract(doc)).quads()
            replace_document_graph(store, doc.doc_id, quads)
            report.documents.append(doc.doc_id)
        except DocumentError as exc:
            report.skipped.append((str(path), str(exc)))
        if on_progress is not None:
            on_progress(path)
