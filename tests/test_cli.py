"""The command line as a researcher uses it: build, query, entity, path, export, bad input."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner
from pyoxigraph import RdfFormat, Store, parse
from rdflib import Dataset

import cli
from tests.conftest import CORPUS, ROOT


@pytest.fixture()
def runner():
    return CliRunner()


def invoke(runner, *args):
    return runner.invoke(cli.main, [str(a) for a in args], catch_exceptions=False)


def test_query_by_three_names_gives_the_same_partners(runner, corpus_store_path):
    outputs = set()
    for name in ("岳阳产业园", "岳陽產業園", "Yueyang Industrial Park"):
        res = invoke(
            runner,
            "query",
            "docking_partners",
            "--param",
            f"park={name}",
            "--format",
            "csv",
            "--store",
            corpus_store_path,
        )
        assert res.exit_code == 0, res.output
        outputs.add(res.output)
        assert (
            "新竹科学园区" in res.output
            and "内湖科技园" in res.output
            and "南港软体园" in res.output
        )
    assert len(outputs) == 1


def test_unknown_name_suggests_close_labels(runner, corpus_store_path):
    res = runner.invoke(cli.main, ["entity", "岳阳产业", "--store", str(corpus_store_path)])
    assert res.exit_code != 0
    assert "did you mean" in res.output and "岳阳产业园" in res.output


def test_entity_card_shows_facts_with_quotes(runner, corpus_store_path):
    res = invoke(runner, "entity", "新竹科學園區", "--store", corpus_store_path)
    assert res.exit_code == 0
    assert (
        "dockingWith" in res.output
        and "「" in res.output
        and "002_d4fdd9c977959413.txt" in res.output
    )


def test_path_lists_evidence_for_each_edge(runner, corpus_store_path):
    res = invoke(
        runner, "path", "岳阳产业园", "新竹科学园区", "--max-hops", 2, "--store", corpus_store_path
    )
    assert res.exit_code == 0
    assert "dockingWith" in res.output and "对接台湾新竹科学园区" in res.output


def test_trig_export_reparses_in_rdflib_and_pyoxigraph(runner, corpus_store_path, tmp_path):
    out = tmp_path / "kg.trig"
    assert (
        invoke(
            runner, "export", "--format", "trig", "--output", out, "--store", corpus_store_path
        ).exit_code
        == 0
    )
    ds = Dataset()
    ds.parse(out, format="trig")
    with open(out, "rb") as fh:
        quads = list(parse(fh, format=RdfFormat.TRIG))
    assert len(quads) == len(Store.read_only(str(corpus_store_path)))
    assert sum(len(g) for g in ds.graphs()) == len(quads)


def test_gexf_export_reads_back_with_the_same_counts(runner, corpus_store_path, tmp_path):
    from graph.network import project

    out = tmp_path / "kg.gexf"
    assert (
        invoke(
            runner, "export", "--format", "gexf", "--output", out, "--store", corpus_store_path
        ).exit_code
        == 0
    )
    expected = project(Store.read_only(str(corpus_store_path)))
    back = nx.read_gexf(out)
    assert back.number_of_nodes() == expected.number_of_nodes() > 0
    assert back.number_of_edges() == expected.number_of_edges() > 0


def test_bad_files_are_skipped_with_one_line_each(runner, tmp_path):
    good = CORPUS / "001_1e63d343227b79f1.txt"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    latin = tmp_path / "big5.txt"
    latin.write_bytes("湖南".encode("big5"))
    missing = tmp_path / "missing.txt"
    store = tmp_path / "kg"
    res = runner.invoke(
        cli.main,
        [
            "build",
            str(good),
            str(empty),
            str(binary),
            str(latin),
            str(missing),
            "--store",
            str(store),
        ],
    )
    assert res.exit_code == 1
    skipped = [line for line in res.output.splitlines() if line.startswith("skipped:")]
    assert len(skipped) == 4
    for path, reason in (
        (empty, "empty"),
        (binary, "binary"),
        (latin, "UTF-8"),
        (missing, "no such file"),
    ):
        assert any(str(path) in line and reason in line for line in skipped), (path, skipped)
    assert "documents: 1" in res.output


def test_failed_build_leaves_the_previous_store(runner, tmp_path, monkeypatch):
    store = tmp_path / "kg"
    assert (
        invoke(runner, "build", CORPUS / "001_1e63d343227b79f1.txt", "--store", store).exit_code
        == 0
    )
    before = len(Store.read_only(str(store)))

    import graph.store

    real = graph.store.write_documents

    def write_then_fail(s, paths, report, **kw):
        real(s, paths, report, **kw)
        raise RuntimeError("disk full")

    monkeypatch.setattr(graph.store, "write_documents", write_then_fail)
    with pytest.raises(RuntimeError):
        runner.invoke(
            cli.main, ["build", str(CORPUS), "--store", str(store)], catch_exceptions=False
        )
    assert len(Store.read_only(str(store))) == before
    assert [p.name for p in tmp_path.iterdir()] == ["kg"]


def test_build_of_nothing_readable_fails_and_keeps_the_store(runner, tmp_path):
    store = tmp_path / "kg"
    assert (
        invoke(runner, "build", CORPUS / "001_1e63d343227b79f1.txt", "--store", store).exit_code
        == 0
    )
    before = len(Store.read_only(str(store)))
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    res = runner.invoke(cli.main, ["build", str(empty), "--store", str(store)])
    assert res.exit_code != 0 and "no document could be read" in res.output
    assert len(Store.read_only(str(store))) == before


def test_python_cli_py_runs_the_same_commands():
    out = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "queries"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "docking_partners" in out.stdout and "--param park=" in out.stdout


@pytest.mark.parametrize(
    "command",
    [
        "build",
        "query",
        "queries",
        "entity",
        "path",
        "export",
        "stats",
        "validate",
        "add",
        "eval",
        "serve",
        "push",
        "docs",
        "analyze",
    ],
)
def test_every_command_help_shows_an_example(runner, command):
    res = invoke(runner, command, "--help")
    assert res.exit_code == 0 and "Example" in res.output and "coopkg " + command in res.output


def test_the_built_graph_conforms_to_the_shapes(runner, corpus_store_path):
    res = invoke(runner, "validate", "--store", corpus_store_path)
    assert res.exit_code == 0 and "Conforms: True" in res.output
