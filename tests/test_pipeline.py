"""End-to-end checks on the bundled corpus: evidence, identity, determinism, provenance."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graph.iri import graph_iri
from queries import PREFIXES, rows, run, stored_queries
from tests.conftest import CORPUS, build_into

EVIDENCE = """
SELECT ?ev ?file ?quote ?start ?end WHERE {
  GRAPH ?g { ?ev a coop:Evidence ; coop:inDocument/coop:fileName ?file ; coop:quote ?quote ;
             coop:startOffset ?start ; coop:endOffset ?end }
}
"""


def test_every_quote_occurs_in_the_original_at_its_offsets(corpus_store):
    originals = {p.name: p.read_bytes().decode("utf-8") for p in CORPUS.iterdir()}
    records = list(corpus_store.query(EVIDENCE, prefixes=PREFIXES))
    assert len(records) > 100
    for r in records:
        text = originals[r["file"].value]
        start, end = int(r["start"].value), int(r["end"].value)
        assert 0 <= start < end <= len(text), r["ev"]
        assert text[start:end] == r["quote"].value, r["ev"]


def test_every_asserted_fact_has_evidence_in_its_graph(corpus_store):
    missing = list(
        corpus_store.query(
            """SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o .
                 FILTER(STRSTARTS(STR(?p), STR(coop:)) && ?p != coop:postStatus && ?p != coop:fileName
                        && ?p != coop:sha256 && !STRSTARTS(STR(?s), "https://w3id.org/coopkg/evidence/")
                        && !STRSTARTS(STR(?s), "https://w3id.org/coopkg/id/quantity/"))
                 FILTER NOT EXISTS { ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } } }""",
            prefixes=PREFIXES,
        )
    )
    # Entities named only by a cue (台资 → 台湾) carry their gazetteer jurisdiction unquoted;
    # an amount's own description (value, unit) hangs on the quoted hasStatistic fact.
    missing = [m for m in missing if m["p"].value != PREFIXES["coop"] + "jurisdiction"]
    assert missing == []


@pytest.mark.parametrize("name", ["岳阳产业园", "岳陽產業園", "Yueyang Industrial Park"])
def test_docking_partners_of_the_yueyang_park(corpus_store, name):
    result = run(corpus_store, stored_queries()["docking_partners"], {"park": name})
    _, table = rows(result, hide=("park",))
    assert {r["as_written"] for r in table} == {"新竹科学园区", "内湖科技园", "南港软体园"}


def test_building_twice_gives_isomorphic_graphs(tmp_path, corpus_store_path):
    other = tmp_path / "again"
    build_into(other, [CORPUS])
    first = _graphs(Store.read_only(str(corpus_store_path)))
    second = _graphs(Store.read_only(str(other)))
    assert sorted(first) == sorted(second)
    for name, graph in first.items():
        assert isomorphic(graph, second[name]), name


def test_rebuilding_one_document_replaces_exactly_its_graph(tmp_path):
    from graph.store import BuildReport, write_documents

    target = tmp_path / "kg"
    build_into(target, [CORPUS])
    store = Store(str(target))
    doc = sorted(CORPUS.iterdir())[1]
    before = {g: _graph_quads(store, g) for g in store.named_graphs()}
    # Damage the document's graph, then re-read the document: its graph comes back whole.
    victim = NamedNode(graph_iri(doc.stem))
    store.remove_graph(victim)
    write_documents(store, [doc], BuildReport())
    after = {g: _graph_quads(store, g) for g in store.named_graphs()}
    assert after == before


def _graph_quads(store, g):
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, g))


def _graphs(store: Store) -> dict[str, Graph]:
    """Each named graph of a store as an rdflib graph (isomorphism is defined per graph)."""
    ds = Dataset()
    ds.parse(data=store.dump(format=RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    return {str(g.identifier): Graph().__iadd__(g) for g in ds.graphs() if len(g)}


def test_one_named_graph_per_document_plus_ontology(corpus_store):
    graphs = sorted(g.value for g in corpus_store.named_graphs())
    expected = sorted(
        [graph_iri(p.stem) for p in CORPUS.iterdir()] + ["https://w3id.org/coopkg/graph/ontology"]
    )
    assert graphs == expected


def test_traditional_and_simplified_forms_are_one_entity(corpus_store):
    from graph.lookup import find_entities

    assert find_entities(corpus_store, "毛偉明") == find_entities(corpus_store, "毛伟明") != []
    assert find_entities(corpus_store, "龍明彪") == find_entities(corpus_store, "龙明彪") != []
