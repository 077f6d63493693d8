"""docs/ontology.md and docs/queries.md are generated: regenerate them in memory and compare.

When a test here fails because a file is stale, run ``python -m graph.docs`` and commit the result.
"""

from __future__ import annotations

import re

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS

from graph.docs import (
    CELL_LIMIT,
    DOCS_DIR,
    EVIDENCE_QUERY,
    cell,
    cookbook,
    ontology_markdown,
    parse_examples,
    parse_question,
    queries_markdown,
)
from ontology import COOP, ONTOLOGY_PATH
from queries import rows, run

STALE = "is stale: run `python -m graph.docs` and commit docs/"


def test_ontology_md_is_current():
    assert (DOCS_DIR / "ontology.md").read_text(encoding="utf-8") == ontology_markdown(), (
        f"docs/ontology.md {STALE}"
    )


def test_queries_md_is_current(corpus_store):
    assert (DOCS_DIR / "queries.md").read_text(encoding="utf-8") == queries_markdown(
        corpus_store
    ), f"docs/queries.md {STALE}"


def test_every_class_and_property_is_documented_with_three_labels():
    g = rdflib.Graph().parse(ONTOLOGY_PATH, format="turtle")
    text = ontology_markdown()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    terms = {
        t
        for kind in kinds
        for t in g.subjects(RDF.type, kind)
        if isinstance(t, rdflib.URIRef) and str(t).startswith(COOP)
    }
    assert len(terms) > 40
    for term in terms:
        name = str(term)[len(COOP) :]
        assert f"`coop:{name}`" in text, name
        langs = {lit.language.lower() for lit in g.objects(term, RDFS.label)}
        assert langs == {"zh-hans", "zh-hant", "en"}, name
        for label in g.objects(term, RDFS.label):
            assert str(label) in text, (name, str(label))
    for prop in g.subjects(RDF.type, OWL.ObjectProperty):
        section = text.split(f"### `coop:{str(prop)[len(COOP) :]}`", 1)[1].split("###", 1)[0]
        assert "| domain |" in section and "| range |" in section
    assert "| subclass of | `schema:Place` |" in text  # an alignment, as written in the ontology
    assert "`coop:GovernmentBody` or `coop:Organization`" in text  # a union range
    assert EVIDENCE_QUERY in text  # the worked evidence query


def test_the_cookbook_has_fifteen_questions_each_answered_on_the_corpus(corpus_store):
    entries = cookbook()
    assert len(entries) >= 15
    assert not [e for e in entries if e.name.startswith("projection_")]
    text = (DOCS_DIR / "queries.md").read_text(encoding="utf-8")
    for e in entries:
        assert e.question.endswith("?"), e.name
        assert {p.name for p in e.query.parameters} == set(e.examples), e.name
        _, table = rows(run(corpus_store, e.query, e.examples))
        assert table, f"{e.name} returns no row with its example values"
        assert f'<a id="q-{e.name}"></a>' in text
    assert "## The evidence behind any fact" in text and EVIDENCE_QUERY in text


def test_example_and_question_lines_are_read_from_the_header_only():
    text = "# title: T\n# question: Why?\n# example: park=岳阳产业园\nSELECT * {}\n# example: x=1\n"
    assert parse_examples(text) == {"park": "岳阳产业园"}
    assert parse_question(text) == "Why?"
    assert parse_question("SELECT * {}") is None


@pytest.mark.parametrize("length", [CELL_LIMIT - 1, CELL_LIMIT, CELL_LIMIT + 1, 500])
def test_long_cells_are_cut_deterministically(length):
    quote = ("岳阳产业园，对接台湾新竹科学园区\n" * 40)[:length]
    out = cell(quote)
    assert "\n" not in out and out == cell(quote)
    flat = " ".join(quote.split())
    if len(flat) > CELL_LIMIT:
        assert out.endswith("…") and len(out) <= CELL_LIMIT + 1
        assert flat.startswith(out[:-1])
    else:
        assert out == flat
    assert re.fullmatch(r"[^|]*", out)
