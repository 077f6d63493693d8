"""Shared fixtures: one build of the bundled corpus per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store import BuildReport, building, ontology_quads, open_store, write_documents
from loaders.document import iter_document_paths

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def build_into(target: Path, paths: list[Path]) -> BuildReport:
    report = BuildReport()
    with building(target) as store:
        store.extend(ontology_quads())
        write_documents(store, iter_document_paths(paths), report)
    return report


@pytest.fixture(scope="session")
def corpus_store_path(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("kg") / "store"
    report = build_into(target, [CORPUS])
    assert len(report.documents) == 5 and not report.skipped
    return target


@pytest.fixture(scope="session")
def corpus_store(corpus_store_path):
    return open_store(corpus_store_path)
