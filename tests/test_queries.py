"""Every stored query, run on the bundled corpus, against rows read off the documents."""

from __future__ import annotations

import pytest

from queries import rows, run, stored_queries


def table(store, name, **params):
    q = stored_queries()[name]
    _, out = rows(run(store, q, params), hide=tuple(p.name for p in q.parameters))
    return out


def test_every_stored_query_has_title_description_and_runs(corpus_store):
    for name, q in stored_queries().items():
        assert q.title != name and q.description, name
        if not q.parameters:
            table(corpus_store, name)


def test_docking_partners(corpus_store):
    out = table(corpus_store, "docking_partners", park="岳阳产业园")
    assert {r["as_written"] for r in out} == {"新竹科学园区", "内湖科技园", "南港软体园"}
    assert {r["partner_label"] for r in out} == {"新竹科学园区", "内湖科技园区", "南港软件园区"}
    assert all(r["quote"] and r["document"].startswith("002_") for r in out)


def test_docking_partners_of_the_other_two_parks(corpus_store):
    xiangtan = {
        r["as_written"] or r["partner_label"]
        for r in table(corpus_store, "docking_partners", park="湘潭产业园")
    }
    assert "台中科学园区" in xiangtan
    chenzhou = {
        r["as_written"] or r["partner_label"]
        for r in table(corpus_store, "docking_partners", park="郴州产业园")
    }
    assert "台湾电机电子出口加工区" in chenzhou


def test_linking_entities_names_the_sub_park_and_the_direct_fact(corpus_store):
    out = table(corpus_store, "linking_entities", a="岳阳产业园", b="新竹科学园区")
    links = {r["link_label"] for r in out}
    assert "" in links  # the direct docking fact
    assert "岳阳城陵矶新港区海峡两岸电子信息产业合作园" in links
    direct = [r for r in out if r["link_label"] == ""]
    assert all("新竹科学园区" in r["quote1"] for r in direct)


def test_event_participants_with_roles_and_posts(corpus_store):
    out = table(corpus_store, "event_participants", event="第十五屆湘台經貿文化交流合作會")
    roles = {(r["person_label"], r["role"]) for r in out}
    assert {
        ("毛伟明", "attended"),
        ("龙明彪", "attended"),
        ("郁慕明", "attended"),
        ("李政宏", "attended"),
    } <= roles
    assert ("龙明彪", "spoke") in roles
    assert {("洪秀柱", "spoke by video"), ("刘兆玄", "spoke by video")} <= roles
    posts = {r["person_label"]: r["posts"] for r in out}
    assert "国台办副主任" in posts["龙明彪"] and "全国台企联会长" in posts["李政宏"]


def test_parks_by_industry(corpus_store):
    parks = {r["park_label"] for r in table(corpus_store, "parks_by_industry", industry="电子信息")}
    assert {"岳阳产业园", "郴州高新技术产业开发区"} <= parks or {
        "岳阳产业园",
        "郴州产业园",
    } <= parks


def test_policies_with_issuer_date_and_implements(corpus_store):
    out = {r["policy_label"]: r for r in table(corpus_store, "policies")}
    plan = out["湘发改经贸〔2022〕887号"]
    assert plan["issued"] == "2022-11-01"
    assert set(plan["issuers"].split("、")) == {
        "湖南省发展和改革委员会",
        "中共湖南省委台湾工作办公室",
        "湖南省工业和信息化厅",
        "湖南省商务厅",
        "湖南省发展和改革委员会办公室",  # the office that printed it (…办公室 2022年11月1日印发)
    }
    opinion = out["湘政办发〔2021〕58号"]
    assert opinion["issuers"] == "湖南省人民政府办公厅" and opinion["issuer_inferred"] == "true"
    # A cited policy is known by its document number (国台函〔2021〕68号), its title an alias.
    assert "国台函〔2021〕68号" in opinion["implements"]


def test_taiwan_enterprises_settled_in_hunan(corpus_store):
    out = {r["enterprise_label"]: r for r in table(corpus_store, "taiwan_enterprises")}
    for firm in ("旺旺集团", "统一集团", "东元电机", "鸿海精密工业"):
        assert firm in out and out[firm]["settled_in"] == "湖南省", firm


@pytest.mark.parametrize("hk, other", [("香港科技大学", "中南大学")])
def test_hong_kong_hunan_cooperation(corpus_store, hk, other):
    out = table(corpus_store, "hongkong_hunan_cooperation")
    assert any(
        r["hk_label"] == hk and r["other_label"] == other and r["property"] == "cooperatesWith"
        for r in out
    )


def test_2025_targets_of_the_two_policies_agree_on_new_taiwan_investment(corpus_store):
    out = table(corpus_store, "targets", year="2025")
    invest = {
        (r["document"][:3], r["amount"], r["currency"])
        for r in out
        if r["measure"] == "新增台商投资"
    }
    # Both the 2021 opinion (001) and the 2022 plan (002) set 3 billion US dollars.
    assert invest == {("001", "3000000000", "USD"), ("002", "3000000000", "USD")}
    assert any(r["measure"] == "台资企业数量" and r["amount"] == "300" for r in out)


def test_figures_that_disagree_are_all_kept_with_their_dates(corpus_store):
    out = table(corpus_store, "statistics", measure="台资企业")
    counts = {(r["document"][:3], r["amount"], r["as_of"] or r["target"]) for r in out}
    assert ("000", "600", "2021-10") in counts  # 在湘台资企业近600家, an article of Oct 2021
    assert ("001", "300", "2025") in counts  # the 2025 target of the opinion
    assert any(doc == "002" and amount != "600" for doc, amount, _ in counts)


def test_the_2022_plan_implements_the_2021_opinion(corpus_store):
    out = table(corpus_store, "policy_chain", policy="湘发改经贸〔2022〕887号")
    assert (
        "湘发改经贸〔2022〕887号",
        "湖南省人民政府办公厅关于加快海峡两岸产业合作区(湖南)建设的实施意见",
    ) in {(r["from_label"], r["to_label"]) for r in out}


def test_projects_listed_for_the_xiangtan_park(corpus_store):
    projects = {r["project_label"] for r in table(corpus_store, "park_projects", park="湘潭产业园")}
    assert {"湘潭网驿电子信息产业园", "湘潭经开区5G+智慧园区建设项目"} <= projects


def test_side_events_of_the_15th_conference_and_where_they_were_held(corpus_store):
    parts = {
        r["part_label"]
        for r in table(corpus_store, "park_and_event_parts")
        if r["whole_label"] == "第十五届湘台经贸文化交流合作会"
    }
    assert {
        "长株潭三市产业对接会",
        "电子资讯和现代农业产业对接会",
        "承接台资企业产业转移合作对接会",
    } <= parts
    places = {r["event_label"]: r["held_in"] for r in table(corpus_store, "events")}
    assert places["长株潭三市产业对接会"] == "湘潭市"
    assert places["电子资讯和现代农业产业对接会"] == "岳阳市"
    assert places["承接台资企业产业转移合作对接会"] == "郴州市"


def test_focus_industries_of_the_yueyang_park_change_between_2021_and_2022(corpus_store):
    rows = table(corpus_store, "focus_industries_by_document", park="岳阳产业园")
    by_doc = {}
    for r in rows:
        by_doc.setdefault(r["document"][:3], set()).add(r["industry_label"])
    assert "电子信息" in by_doc["001"] and "电子信息" in by_doc["002"]
    assert "现代农业" in by_doc["001"] - by_doc["002"]  # the 2021 opinion only
    assert {"新能源", "新材料"} <= by_doc["002"] - by_doc["001"]  # named apart in 2022


def test_a_range_of_days_gives_start_and_end(corpus_store):
    result = run(
        corpus_store,
        """SELECT ?on ?until WHERE { ?e coop:heldOn ?on ; coop:heldUntil ?until ; rdfs:label ?l .
           FILTER(STR(?l) = "2025湖南—粤港澳大湾区经贸合作交流会") }""",
    )
    _, out = rows(result)
    assert {(r["on"], r["until"]) for r in out} == {("2025-05-13", "2025-05-16")}


def test_amounts_answer_numeric_filters(corpus_store):
    result = run(
        corpus_store,
        """SELECT DISTINCT ?text WHERE { ?q a coop:Quantity ; coop:amount ?a ; coop:currency "USD" ;
           rdfs:label ?text . FILTER(?a >= 10000000000) }""",
    )
    _, out = rows(result)
    texts = {"".join(r["text"].split()) for r in out}
    assert "111.4亿美元" in texts and "30亿美元" not in texts


def test_a_parameter_value_is_bound_as_one_term_whatever_it_holds(corpus_store):
    # Quotes, braces, a comment sign and a line break: the VALUES block escapes them all, so the
    # value comes back whole and the rest of the query is untouched.
    hostile = '台资" } UNION { ?s ?p ?o } #\n企业'
    query = "# param: measure string  Words.\nSELECT ?measure ?n WHERE { BIND(1 AS ?n) }"
    _, out = rows(run(corpus_store, query, {"measure": hostile}))
    assert out == [{"measure": hostile, "n": "1"}]
