"""Scaling: the parallel build, incremental add and remove, the corpus generator, the bench."""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import NamedNode, RdfFormat, Store
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

import cli
import graph.store
from graph.iri import graph_iri
from graph.store import (
    BuildReport,
    building,
    extract_outcome,
    load_document_graph,
    ontology_quads,
    write_documents,
)
from loaders.document import iter_document_paths
from tests.conftest import CORPUS, ROOT, build_into

DOCS = sorted(CORPUS.glob("*.txt"))


def graphs(path: Path) -> dict[str, Graph]:
    """Each named graph of the store at ``path`` as an rdflib graph."""
    store = Store.read_only(str(path))
    ds = Dataset()
    ds.parse(data=store.dump(format=RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    return {str(g.identifier): Graph().__iadd__(g) for g in ds.graphs() if len(g)}


def assert_same_graphs(a: Path, b: Path) -> None:
    first, second = graphs(a), graphs(b)
    assert sorted(first) == sorted(second)
    for name, g in first.items():
        assert isomorphic(g, second[name]), name


def invoke(*args):
    return CliRunner().invoke(cli.main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def four_docs_store(tmp_path_factory) -> Path:
    """The bundled corpus less its last document, built serially."""
    target = tmp_path_factory.mktemp("four") / "store"
    build_into(target, DOCS[:-1])
    return target


@pytest.mark.parametrize("jobs, batch", [(2, None), (1, 1)])
def test_parallel_and_bulk_builds_are_isomorphic_to_the_serial_build(
    tmp_path, corpus_store_path, monkeypatch, jobs, batch
):
    if batch is not None:  # every document its own bulk load
        monkeypatch.setattr(graph.store, "BULK_BATCH_BYTES", batch)
    report = BuildReport()
    with building(tmp_path / "kg") as store:
        store.extend(ontology_quads())
        write_documents(store, iter_document_paths([CORPUS]), report, jobs=jobs, bulk=True)
    assert report.documents == [p.stem for p in DOCS] and not report.skipped
    assert_same_graphs(tmp_path / "kg", corpus_store_path)


def test_add_then_remove_give_the_graphs_of_full_builds(
    tmp_path, four_docs_store, corpus_store_path
):
    store = tmp_path / "kg"
    shutil.copytree(four_docs_store, store)
    res = invoke("add", DOCS[-1], "--store", store, "--jobs", "1")
    assert res.exit_code == 0 and DOCS[-1].stem in res.output
    assert_same_graphs(store, corpus_store_path)

    # Re-reading a document already in the store replaces its graph: nothing changes.
    res = invoke("add", DOCS[1], "--store", store)
    assert res.exit_code == 0
    assert_same_graphs(store, corpus_store_path)

    res = invoke("remove", DOCS[-1].name, "--store", store)
    assert res.exit_code == 0 and f"removed 1 document graph(s): {DOCS[-1].stem}" in res.output
    assert_same_graphs(store, four_docs_store)


def test_remove_by_stem_drops_exactly_that_graph(tmp_path, corpus_store_path):
    store = tmp_path / "kg"
    shutil.copytree(corpus_store_path, store)
    res = invoke("remove", DOCS[0].stem, "--store", store)
    assert res.exit_code == 0
    left = graphs(store)
    full = graphs(corpus_store_path)
    assert sorted(left) == sorted(set(full) - {graph_iri(DOCS[0].stem)})
    for name, g in left.items():
        assert isomorphic(g, full[name]), name


def test_remove_of_an_unknown_document_fails_with_one_line_and_removes_nothing(
    tmp_path, corpus_store_path
):
    store = tmp_path / "kg"
    shutil.copytree(corpus_store_path, store)
    res = CliRunner().invoke(
        cli.main, ["remove", DOCS[0].stem, "no_such_doc.txt", "--store", str(store)]
    )
    assert res.exit_code != 0
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and "no_such_doc" in lines[0], res.output
    del res  # its traceback holds the command's open store
    gc.collect()
    assert_same_graphs(store, corpus_store_path)


def test_remove_does_not_touch_the_ontology_graph(tmp_path, corpus_store_path):
    store = tmp_path / "kg"
    shutil.copytree(corpus_store_path, store)
    res = CliRunner().invoke(cli.main, ["remove", "ontology", "--store", str(store)])
    assert res.exit_code != 0 and "no document 'ontology'" in res.output


def test_a_bad_file_in_a_parallel_build_is_a_skipped_line(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for p in DOCS[:2]:
        shutil.copy(p, folder / p.name)
    (folder / "big5.txt").write_bytes("湖南".encode("big5"))
    (folder / "empty.txt").write_bytes(b"")
    res = CliRunner().invoke(
        cli.main, ["build", str(folder), "--store", str(tmp_path / "kg"), "--jobs", "2"]
    )
    assert res.exit_code == 1
    skipped = [line for line in res.output.splitlines() if line.startswith("skipped:")]
    assert len(skipped) == 2 and any("big5.txt" in s and "UTF-8" in s for s in skipped)
    assert "documents: 2" in res.output


def test_an_extraction_error_becomes_a_skip_reason(monkeypatch, tmp_path):
    def explode(path):
        raise RuntimeError("boom\nat line 2")

    monkeypatch.setattr(graph.store, "document_nquads", explode)
    doc_id, data, reason = extract_outcome(DOCS[0])
    assert doc_id is None and data is None
    assert reason == f"{DOCS[0]}: extraction failed (RuntimeError: boom at line 2)"
    report = BuildReport()
    write_documents(Store(), DOCS[:2], report, jobs=1)
    assert report.documents == [] and [r for _p, r in report.skipped][1].endswith("line 2)")


def test_a_failed_replacement_leaves_the_old_graph(tmp_path, corpus_store_path):
    store_path = tmp_path / "kg"
    shutil.copytree(corpus_store_path, store_path)
    store = Store(str(store_path))
    g = NamedNode(graph_iri(DOCS[0].stem))
    before = len(list(store.quads_for_pattern(None, None, None, g)))
    with pytest.raises(SyntaxError):
        load_document_graph(store, DOCS[0].stem, b"<http://x> <http://y> broken .")
    assert len(list(store.quads_for_pattern(None, None, None, g))) == before > 0


# -- the corpus generator and the bench -----------------------------------------------------


def _generator():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return corpus


def test_generated_corpus_is_deterministic_and_keeps_the_seeds(tmp_path):
    gen = _generator()
    a = [p.read_bytes() for p in gen.generate(3, tmp_path / "a")]
    b = [p.read_bytes() for p in gen.generate(3, tmp_path / "b")]
    assert a == b and len(a) == 15
    assert a[:5] == [p.read_bytes() for p in DOCS]
    # New names per copy: the two copies of the plan name different parks.
    one = (tmp_path / "a" / f"x0001_{DOCS[2].name}").read_text(encoding="utf-8")
    two = (tmp_path / "a" / f"x0002_{DOCS[2].name}").read_text(encoding="utf-8")
    assert "岳阳产业园" not in one and one != two
    assert abs(sum(map(len, a)) - 3 * sum(map(len, a[:5]))) < 0.2 * sum(map(len, a))


def test_generator_name_characters_read_alike_in_both_scripts():
    gen = _generator()
    from loaders.mentions import _AFTER_NAME
    from loaders.normalize import matching_form

    assert len(set(gen.STEM_CHARS)) == len(gen.STEM_CHARS)
    for ch in gen.STEM_CHARS:
        assert matching_form(ch) == ch and gen._s2t().convert(ch) == ch, ch
        assert ch not in _AFTER_NAME, ch


def test_bench_smoke_run(tmp_path):
    out = tmp_path / "RESULTS.md"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--sizes",
            "1",
            "--jobs",
            "1",
            "--no-baselines",
            "--repeats",
            "1",
            "--work",
            str(tmp_path / "work"),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    one = results["sizes"]["1"]
    assert one["builds"]["1"]["documents"] == 5 and one["updates"]["quads_unchanged"]
    assert "| target | status | measured |" in out.read_text(encoding="utf-8")
    try:
        import matplotlib  # noqa: F401
    except ImportError:  # the plot needs the bench extra
        return
    assert (tmp_path / "scaling.png").stat().st_size > 1000
