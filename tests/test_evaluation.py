"""The extraction evaluation: reading gold and store, the matching rules, the arithmetic, the report.

Most tests build a tiny gold and a tiny prediction by hand, so that each checks one rule apart
from what extraction currently finds; the last ones run the real gold-dev on the corpus and only
check the shape of the report.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store

import graph.evaluation as ev
from graph.evaluation import (
    MATCHING_RULES,
    SCORED_PROPERTIES,
    Gold,
    GoldEntity,
    GoldRelation,
    Predicted,
    PredictedEntity,
    PredictedFact,
    evaluate,
    evaluate_paths,
    format_report,
    load_gold,
    predicted_from_store,
)
from tests.conftest import CORPUS, ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "eval"
GOLD_DEV = ROOT / "tests" / "gold-dev"


# -- helpers ---------------------------------------------------------------------------------
def gent(id_, type_, *surfaces, docs=("000",), optional=False) -> GoldEntity:
    return GoldEntity(id_, type_, surfaces[0], tuple(surfaces), tuple(docs), optional)


def grel(s, p, o, doc="000", *, entity=True) -> GoldRelation:
    return GoldRelation(s, p, o, entity, doc, "")


def gold_of(*entities, relations=()) -> Gold:
    return Gold(entities={e.id: e for e in entities}, relations=list(relations))


def pent(iri, type_, *surfaces, doc="000") -> PredictedEntity:
    return PredictedEntity(doc, iri, type_, surfaces[0], tuple(surfaces))


def fact(s, p, o, doc="000", *, iri=True) -> PredictedFact:
    return PredictedFact(doc, s, p, o, iri)


def predicted_of(*entities, facts=(), docs=("000",)) -> Predicted:
    return Predicted(
        documents={d: f"{d}_x" for d in docs}, entities=list(entities), facts=list(facts)
    )


def entity_counts(gold, predicted):
    t = evaluate(gold, predicted).entity_total
    return t.found, t.gold, t.correct, t.predicted


# -- reading the gold ------------------------------------------------------------------------
def test_load_gold_reads_surfaces_docs_optional_and_literal_objects():
    gold = load_gold(FIXTURES / "gold")
    assert set(gold.entities) == {"yy_park", "p31", "smart_robot"}
    park = gold.entities["yy_park"]
    # QUOTE_NONE: a surface opening with " is text, not CSV quoting; the canonical is a surface.
    assert park.surfaces == ('"岳阳"产业园', "岳陽產業園", "湖南城陵矶新港区", "岳阳产业园")
    assert park.docs == ("000", "002") and park.type == "Park" and not park.optional
    assert gold.entities["smart_robot"].optional
    assert gold.entities["p31"].surfaces == ("“31 条”", "“31条”惠台政策")
    assert [(r.object, r.object_is_entity) for r in gold.relations] == [
        ("p31", True),
        ("“前”主席（某党）", False),
    ]
    assert gold.relations[0].evidence.startswith("岳阳产业园")
    assert gold.docs == {"000", "002"}


def test_load_gold_reads_gold_dev():
    gold = load_gold(GOLD_DEV)
    assert len(gold.entities) == 204 and len(gold.relations) == 419
    assert gold.entities["hn_pc_office"].optional
    assert gold.entities["coop_zone"].docs == ("000", "001", "002")


# -- entity matching -------------------------------------------------------------------------
def test_traditional_and_simplified_surfaces_match():
    gold = gold_of(gent("yy", "Park", "岳阳产业园"))
    assert entity_counts(gold, predicted_of(pent("p:1", "Park", "岳陽產業園"))) == (1, 1, 1, 1)
    assert entity_counts(gold, predicted_of(pent("p:1", "Park", "岳阳工业园"))) == (0, 1, 0, 1)


def test_whitespace_is_ignored():
    gold = gold_of(gent("p", "Policy", "湘台 59 条"))
    assert entity_counts(gold, predicted_of(pent("p:1", "Policy", "湘台59條"))) == (1, 1, 1, 1)


def test_quotes_and_title_marks_are_ignored():
    gold = gold_of(gent("p", "Policy", "“31 条”"), gent("q", "Policy", "《关于设立合作区的函》"))
    predicted = predicted_of(
        pent("p:1", "Policy", "「31條」"), pent("p:2", "Policy", "关于设立合作区的函")
    )
    assert entity_counts(gold, predicted) == (2, 2, 2, 2)
    assert ev.surface_key("《一带一路》") == ev.surface_key("“一带一路”") == "一带一路"


def test_any_surface_of_either_side_counts():
    gold = gold_of(gent("xt", "Park", "湘潭产业园", "湘潭经开区", "湘潭经济技术开发区"))
    # Only the prediction's third surface equals only the gold's second one.
    predicted = predicted_of(pent("p:1", "Park", "湘潭园区", "Xiangtan Park", "湘潭經開區"))
    assert entity_counts(gold, predicted) == (1, 1, 1, 1)


def test_classes_must_agree():
    gold = gold_of(gent("yy", "Place", "岳阳"))
    assert entity_counts(gold, predicted_of(pent("p:1", "Park", "岳阳"))) == (0, 1, 0, 1)
    assert entity_counts(gold, predicted_of(pent("p:1", "Place", "岳阳"))) == (1, 1, 1, 1)


@pytest.mark.parametrize(
    "cls, matches",
    [("Park", True), ("Organization", True), ("Project", True), ("Place", False), ("Event", False)],
)
def test_gold_platform_matches_park_organization_or_project(cls, matches):
    gold = gold_of(gent("base", "Platform", "国家级海峡两岸青年就业创业基地"))
    predicted = predicted_of(pent("p:1", cls, "国家级海峡两岸青年就业创业基地"))
    scores = evaluate(gold, predicted)
    assert scores.entities["Platform"].found == int(matches)
    # Precision is counted under the predicted class.
    assert scores.entities[cls].correct == int(matches)
    assert scores.entities[cls].predicted == 1


def test_entities_match_only_within_their_document():
    gold = gold_of(
        gent("yy", "Park", "岳阳产业园", docs=("001",)), gent("cz", "Park", "郴州产业园")
    )
    predicted = predicted_of(pent("p:1", "Park", "岳阳产业园", doc="000"), docs=("000", "001"))
    assert entity_counts(gold, predicted) == (0, 2, 0, 1)
    assert [(m.doc, m.id) for m in evaluate(gold, predicted).entity_misses] == [
        ("000", "cz"),
        ("001", "yy"),
    ]


def test_a_gold_entity_counts_once_per_document():
    gold = gold_of(gent("yy", "Park", "岳阳产业园", docs=("000", "001")))
    predicted = predicted_of(pent("p:1", "Park", "岳阳产业园", doc="001"), docs=("000", "001"))
    assert entity_counts(gold, predicted) == (1, 2, 1, 1)


def test_optional_gold_entities_are_neither_required_nor_wrong():
    gold = gold_of(
        gent("zone", "Park", "海峡两岸产业合作区"),
        gent("robot", "Project", "智能机器人", optional=True),
        gent("logistics", "Industry", "智慧物流", optional=True),
    )
    predicted = predicted_of(
        pent("p:1", "Park", "海峡两岸产业合作区"), pent("p:2", "Project", "智能机器人")
    )
    scores = evaluate(gold, predicted)
    # Missing 智慧物流 costs nothing; finding 智能机器人 is not counted either way.
    assert (scores.entity_total.gold, scores.entity_total.found) == (1, 1)
    assert (scores.entity_total.predicted, scores.entity_total.correct) == (1, 1)
    assert not scores.entity_misses and not scores.entity_false_positives


def test_a_prediction_matching_optional_and_required_gold_is_correct():
    gold = gold_of(
        gent("a", "Organization", "台企联"), gent("b", "Organization", "台企联", optional=True)
    )
    scores = evaluate(gold, predicted_of(pent("p:1", "Organization", "台企联")))
    assert (scores.entity_total.predicted, scores.entity_total.correct) == (1, 1)


def test_false_positives_and_misses_are_listed():
    gold = gold_of(gent("yy", "Park", "岳阳产业园"), gent("cz", "Park", "郴州产业园"))
    predicted = predicted_of(
        pent("p:1", "Park", "岳阳产业园"), pent("p:2", "Park", "探索建立合作区")
    )
    scores = evaluate(gold, predicted)
    assert [(m.id, m.canonical, m.doc) for m in scores.entity_misses] == [
        ("cz", "郴州产业园", "000")
    ]
    assert [(f.label, f.doc, f.type) for f in scores.entity_false_positives] == [
        ("探索建立合作区", "000", "Park")
    ]


# -- relation matching -----------------------------------------------------------------------
def _docking_case(*facts):
    gold = gold_of(
        gent("yy", "Park", "岳阳产业园"),
        gent("hsinchu", "Park", "新竹科学园区"),
        relations=[grel("yy", "dockingWith", "hsinchu")],
    )
    predicted = predicted_of(
        pent("p:yy", "Park", "岳陽產業園"), pent("p:hc", "Park", "新竹科學園區"), facts=facts
    )
    return evaluate(gold, predicted)


def test_relation_matches_through_matched_entities():
    scores = _docking_case(fact("p:yy", "dockingWith", "p:hc"))
    row = scores.relations["dockingWith"]
    assert (row.gold, row.found, row.predicted, row.correct) == (1, 1, 1, 1)


def test_relation_with_the_wrong_property_does_not_match():
    scores = _docking_case(fact("p:yy", "cooperatesWith", "p:hc"))
    assert scores.relations["dockingWith"].found == 0
    assert scores.relations["cooperatesWith"].predicted == 1
    assert scores.relations["cooperatesWith"].correct == 0
    assert [m.predicate for m in scores.relation_misses] == ["dockingWith"]


def test_relation_with_subject_and_object_swapped_does_not_match():
    scores = _docking_case(fact("p:hc", "dockingWith", "p:yy"))
    row = scores.relations["dockingWith"]
    assert (row.found, row.correct, row.predicted) == (0, 0, 1)
    assert [(f.subject, f.object) for f in scores.relation_false_positives] == [
        ("新竹科學園區", "岳陽產業園")
    ]


def test_relation_in_another_document_does_not_match():
    gold = gold_of(
        gent("yy", "Park", "岳阳产业园", docs=("000", "001")),
        gent("hc", "Park", "新竹科学园区", docs=("000", "001")),
        relations=[grel("yy", "dockingWith", "hc", doc="000")],
    )
    predicted = predicted_of(
        pent("p:yy", "Park", "岳阳产业园", doc="001"),
        pent("p:hc", "Park", "新竹科学园区", doc="001"),
        facts=[fact("p:yy", "dockingWith", "p:hc", doc="001")],
        docs=("000", "001"),
    )
    assert evaluate(gold, predicted).relations["dockingWith"].found == 0


def test_only_core_properties_are_scored():
    gold = gold_of(
        gent("yy", "Park", "岳阳产业园"),
        gent("hunan", "Place", "湖南"),
        relations=[grel("yy", "reliesOn", "hunan"), grel("yy", "locatedIn", "hunan")],
    )
    predicted = predicted_of(
        pent("p:yy", "Park", "岳阳产业园"),
        pent("p:hn", "Place", "湖南"),
        facts=[fact("p:yy", "reliesOn", "p:hn"), fact("p:yy", "locatedIn", "p:hn")],
    )
    scores = evaluate(gold, predicted)
    assert set(scores.relations) == set(SCORED_PROPERTIES)
    assert "jurisdiction" not in scores.relations and "reliesOn" not in scores.relations
    assert (scores.relation_total.gold, scores.relation_total.predicted) == (1, 1)


@pytest.mark.parametrize(
    "gold_post, label, matches",
    [
        ("国民党前主席", "国民党主席", True),  # 前 (former) is not part of the post
        ("前行政院长", "行政院長", True),
        ("记者（台湾导报）", "记者", True),  # a bracketed remark is not part of it
        ("国台办副主任", "國臺辦副主任", True),
        ("中共湖南省委副书记", "省委副书记", False),  # a shorter label is another label
        ("湖南省省长", "湖南省副省长", False),
    ],
)
def test_holds_post_literal_rule(gold_post, label, matches):
    gold = gold_of(
        gent("p", "Person", "洪秀柱"), relations=[grel("p", "holdsPost", gold_post, entity=False)]
    )
    predicted = predicted_of(
        pent("p:p", "Person", "洪秀柱"), facts=[fact("p:p", "holdsPost", label, iri=False)]
    )
    assert evaluate(gold, predicted).relations["holdsPost"].found == int(matches)


@pytest.mark.parametrize(
    "gold_date, predicted_date, matches",
    [
        ("2021-10-21", "2021-10-21", True),
        ("2021-05", "2021-05", True),
        ("2021-10", "2021-10-21", False),
        ("2021-10-21", "2021-10-20", False),
    ],
)
def test_dates_match_as_equal_iso_strings(gold_date, predicted_date, matches):
    gold = gold_of(
        gent("e", "Event", "湘台会"), relations=[grel("e", "heldOn", gold_date, entity=False)]
    )
    predicted = predicted_of(
        pent("p:e", "Event", "湘台會"), facts=[fact("p:e", "heldOn", predicted_date, iri=False)]
    )
    assert evaluate(gold, predicted).relations["heldOn"].found == int(matches)


def test_a_literal_never_matches_an_entity_object():
    gold = gold_of(
        gent("m", "Person", "毛伟明"),
        gent("y", "Person", "郁慕明"),
        relations=[grel("m", "met", "y"), grel("m", "met", "台商代表（未具名）", entity=False)],
    )
    predicted = predicted_of(
        pent("p:m", "Person", "毛伟明"),
        pent("p:y", "Person", "郁慕明"),
        facts=[fact("p:m", "met", "郁慕明", iri=False), fact("p:m", "met", "p:y")],
    )
    row = evaluate(gold, predicted).relations["met"]
    assert (row.gold, row.found, row.predicted, row.correct) == (2, 1, 2, 1)


def test_relations_with_an_optional_entity_are_left_out():
    gold = gold_of(
        gent("yy", "Project", "岳阳高端智能制造基地"),
        gent("robot", "Project", "智能机器人", optional=True),
        relations=[grel("robot", "partOf", "yy")],
    )
    predicted = predicted_of(
        pent("p:yy", "Project", "岳阳高端智能制造基地"),
        pent("p:r", "Project", "智能机器人"),
        facts=[fact("p:r", "partOf", "p:yy")],
    )
    row = evaluate(gold, predicted).relations["partOf"]
    assert (row.gold, row.predicted) == (0, 0)


def test_duplicate_predicted_facts_count_once():
    scores = _docking_case(fact("p:yy", "dockingWith", "p:hc"), fact("p:yy", "dockingWith", "p:hc"))
    assert scores.relations["dockingWith"].predicted == 1


# -- arithmetic ------------------------------------------------------------------------------
def test_precision_recall_f1_on_a_hand_computed_case():
    gold = gold_of(
        gent("a", "Park", "甲园"),
        gent("b", "Park", "乙园"),
        gent("c", "Park", "丙园"),
        gent("d", "Place", "丁市"),
        relations=[grel("a", "locatedIn", "d"), grel("b", "locatedIn", "d")],
    )
    predicted = predicted_of(
        pent("p:a", "Park", "甲园"),
        pent("p:b", "Park", "乙园"),
        pent("p:x", "Park", "戊园"),
        pent("p:d", "Place", "丁市"),
        pent("p:y", "Place", "己市"),
        facts=[
            fact("p:a", "locatedIn", "p:d"),
            fact("p:x", "locatedIn", "p:d"),
            fact("p:b", "locatedIn", "p:y"),
        ],
    )
    s = evaluate(gold, predicted)
    # Park: 2 of 3 gold found, 2 of 3 predictions right; Place: 1 of 1 found, 1 of 2 right.
    assert (s.entities["Park"].gold, s.entities["Park"].found) == (3, 2)
    assert s.precision("entities", "Park") == pytest.approx(2 / 3)
    assert s.recall("entities", "Place") == 1.0 and s.precision("entities", "Place") == 0.5
    assert s.f1("entities", "Place") == pytest.approx(2 * 0.5 * 1 / 1.5)
    # Overall (micro): P = 3/5, R = 3/4, F1 = 2PR/(P+R) = 0.9/1.35.
    assert s.precision("entities") == pytest.approx(0.6)
    assert s.recall("entities") == pytest.approx(0.75)
    assert s.f1("entities") == pytest.approx(2 / 3)
    # Relations: 1 of 3 facts right, 1 of 2 gold found: F1 = 2·(1/3)(1/2)/(5/6) = 0.4.
    assert s.precision("relations") == pytest.approx(1 / 3)
    assert s.recall("relations", "locatedIn") == 0.5
    assert s.f1("relations") == pytest.approx(0.4)


def test_ratios_without_a_denominator_are_none():
    s = evaluate(gold_of(gent("a", "Platform", "某基地")), predicted_of())
    assert s.recall("entities", "Platform") == 0.0
    assert s.precision("entities", "Platform") is None and s.f1("entities", "Platform") is None
    assert s.recall("relations", "heldOn") is None


# -- documents -------------------------------------------------------------------------------
def test_scored_documents_are_gold_documents_that_were_predicted():
    gold = gold_of(
        gent("a", "Park", "甲园", docs=("000", "001")), gent("b", "Park", "乙园", docs=("003",))
    )
    predicted = predicted_of(pent("p:a", "Park", "甲园"), docs=("000", "004"))
    s = evaluate(gold, predicted)
    assert s.docs == ("000",)
    assert (s.entity_total.gold, s.entity_total.found) == (1, 1)
    assert evaluate(gold, predicted, docs=["000", "001"]).entity_total.gold == 2


# -- reading a store -------------------------------------------------------------------------
@pytest.fixture()
def fixture_store() -> Store:
    store = Store()
    with open(FIXTURES / "graph.trig", "rb") as fh:
        store.load(fh, format=RdfFormat.TRIG)
    return store


def test_predicted_from_store_reads_entities_and_their_surfaces(fixture_store):
    p = predicted_from_store(fixture_store, ["000_test"])
    assert p.documents == {"000": "000_test"}
    assert [(e.doc, e.type, e.label) for e in p.entities] == [
        ("000", "Event", "湘台会"),
        ("000", "Person", "洪秀柱"),
    ]
    assert set(p.entities[0].surfaces) == {"湘台会", "湘台會", "Hunan-Taiwan Conference"}


def test_predicted_from_store_reads_facts_with_posts_dates_and_video(fixture_store):
    p = predicted_from_store(fixture_store, ["000_test"])
    got = {(f.predicate, f.object, f.object_is_iri) for f in p.facts}
    assert got == {
        ("spokeAt", "https://w3id.org/coopkg/id/event/湘台会", True),  # spokeByVideoAt
        ("holdsPost", "国民党主席", False),  # the post's zh-Hans label
        ("heldOn", "2021-10-21", False),  # the date's lexical form
    }  # rdf:type and coop:jurisdiction evidence left out; two records of one fact, one fact
    assert all(f.doc == "000" for f in p.facts)


def test_predicted_from_store_reads_every_document_by_default(fixture_store):
    assert ev.store_documents(fixture_store) == ["000_test", "001_other"]
    p = predicted_from_store(fixture_store)
    assert p.documents == {"000": "000_test", "001": "001_other"}
    assert [e.label for e in p.entities if e.doc == "001"] == ["长沙"]


def test_predicted_from_store_scores_against_gold(fixture_store):
    gold = gold_of(
        gent("hung", "Person", "洪秀柱"),
        gent("xth", "Event", "湘台會"),
        relations=[
            grel("hung", "spokeAt", "xth"),
            grel("hung", "holdsPost", "国民党前主席", entity=False),
            grel("xth", "heldOn", "2021-10-21", entity=False),
        ],
    )
    s = evaluate(gold, predicted_from_store(fixture_store, ["000_test", "001_other"]))
    assert s.docs == ("000",)
    assert (s.relation_total.found, s.relation_total.correct) == (3, 3)


# -- report ----------------------------------------------------------------------------------
def test_report_lists_rows_misses_and_false_positives():
    s = _docking_case(fact("p:hc", "dockingWith", "p:yy"))
    report = format_report(s)
    assert re.search(r"^Park\s+2\s+2\s+2\s+2\s+1\.000\s+1\.000\s+1\.000$", report, re.M)
    assert re.search(r"^dockingWith\s+1\s+1\s+0\s+0\s+0\.000\s+0\.000\s+0\.000$", report, re.M)
    assert re.search(r"^heldOn\s+0\s+0\s+0\s+0\s+-\s+-\s+-$", report, re.M)
    assert "000 dockingWith yy → hsinchu" in report
    assert "000 dockingWith 新竹科學園區 → 岳陽產業園" in report
    short = format_report(s, show_errors=False)
    assert "Relation misses" not in short and "新竹科學園區" not in short
    assert format_report(s) == report  # deterministic


def test_the_cli_help_states_the_matching_rules():
    from click.testing import CliRunner

    import cli

    out = CliRunner().invoke(cli.main, ["eval", "--help"]).output
    assert "Platform" in MATCHING_RULES and "spokeByVideoAt" in MATCHING_RULES
    assert " ".join(MATCHING_RULES.split()) in " ".join(out.split())


# -- the real gold-dev -----------------------------------------------------------------------
CORPUS_DEV = sorted(p for p in CORPUS.glob("*.txt") if p.name[:3] in {"000", "001", "002"})


@pytest.fixture(scope="module")
def gold_dev_report() -> str:
    assert len(CORPUS_DEV) == 3
    scores = evaluate_paths(GOLD_DEV, CORPUS_DEV)
    assert scores.docs == ("000", "001", "002") and not scores.skipped
    return format_report(scores)


def test_gold_dev_report_has_a_row_per_gold_class_and_core_property(gold_dev_report):
    gold = load_gold(GOLD_DEV)
    docs = {"000", "001", "002"}
    classes = {e.type for e in gold.entities.values() if set(e.docs) & docs}
    properties = {r.predicate for r in gold.relations if r.doc in docs} & set(SCORED_PROPERTIES)
    assert len(classes) == 11 and len(properties) >= 15
    rows = {line.split()[0] for line in gold_dev_report.splitlines() if line.strip()}
    assert classes <= rows
    assert properties <= rows


def test_bench_script_prints_the_report(capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_eval", ROOT / "bench" / "eval.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--gold", str(GOLD_DEV), "--no-errors", str(CORPUS_DEV[0])]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Documents: 000\n") and "Entities: P=" in out
