"""Pattern discovery on documents written for these tests, naming parks, firms, officials,
events and policies that no data file lists: what the product must do on unseen text."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.document import read_document
from loaders.extract import extract
from loaders.knowledge import DATA
from loaders.normalize import compact

UNSEEN = Path(__file__).parent / "unseen"

NEW_NAMES = [
    "宁德青拓产业园",
    "宜兰利泽科技园",
    "桃园龟山工业园",
    "龙岩智能装备产业园",
    "台南树谷科技园",
    "第七届闽台智慧制造交流会",
    "蔡文杰",
    "叶振邦",
    "黄志明",
    "瑞昶电子集团",
    "福建省关于深化闽台产业融合发展的若干措施",
    "台湾电子设备协会",
]


@pytest.mark.parametrize("names", ["NEW_NAMES", "PLAN_NAMES"])
def test_the_names_of_the_unseen_documents_are_in_no_data_file(names):
    data = "".join(compact(p.read_text(encoding="utf-8")) for p in DATA.rglob("*") if p.is_file())
    for name in globals()[names]:
        assert name not in data, name


@pytest.fixture(scope="module")
def news():
    return extract(read_document(UNSEEN / "minnan_news.md"))


@pytest.fixture(scope="module")
def policy():
    return extract(read_document(UNSEEN / "minxi_policy.txt"))


def names(ex, type_):
    return {e.canonical for e in ex.entities if e.type == type_}


def facts(ex, prop):
    out = set()
    for f in ex.facts:
        if f.property != prop:
            continue
        s = f.subject if isinstance(f.subject, str) else f.subject.canonical
        o = f.obj.canonical if hasattr(f.obj, "canonical") else f.obj
        out.add(
            (
                s,
                o
                if isinstance(o, str)
                else tuple(o)
                if isinstance(o, tuple) and o[0] != "post"
                else "post",
            )
        )
    return out


def test_parks_are_discovered_in_traditional_news(news):
    assert {"宁德青拓产业园", "宜兰利泽科技园", "桃园龟山工业园"} <= names(news, "Park")


def test_docking_and_focus_industries_are_linked(news):
    assert {("宁德青拓产业园", "宜兰利泽科技园"), ("宁德青拓产业园", "桃园龟山工业园")} <= facts(
        news, "dockingWith"
    )
    focus = {o for s, o in facts(news, "focusIndustry") if s == "宁德青拓产业园"}
    assert {"锂电新能源", "精密模具"} <= focus


def test_event_officials_and_roles(news):
    assert "第七届闽台智慧制造交流会" in names(news, "Event")
    people = names(news, "Person")
    assert {"蔡文杰", "叶振邦", "黄志明"} <= people
    assert ("蔡文杰", "第七届闽台智慧制造交流会") in facts(news, "spokeAt")
    assert ("叶振邦", "第七届闽台智慧制造交流会") in facts(news, "spokeByVideoAt")
    # The reporter of the byline is not a participant.
    assert not any(s == "黄志明" for s, _ in facts(news, "attended") | facts(news, "spokeAt"))


def test_posts_carry_title_body_and_former(news):
    posts = {}
    for f in news.facts:
        if f.property == "holdsPost":
            posts[f.subject.canonical] = f.obj[1]
    assert posts["蔡文杰"]["title"] == "副厅长" and posts["蔡文杰"]["status"] == "current"
    assert posts["叶振邦"]["title"] == "理事长" and posts["叶振邦"]["status"] == "former"
    assert posts["叶振邦"]["org"].canonical == "台湾电子设备协会"


def test_event_place_and_inferred_date(news):
    assert ("第七届闽台智慧制造交流会", "福州市") in facts(news, "heldIn") or (
        "第七届闽台智慧制造交流会",
        "福州",
    ) in facts(news, "heldIn")
    dated = [f for f in news.facts if f.property == "heldOn"]
    assert [(f.obj, f.inferred) for f in dated] == [(("2024-06-18", "date"), True)]


def test_policy_number_title_and_implements_across_a_line_wrap(policy):
    assert {"闽工信发〔2024〕12号", "福建省关于深化闽台产业融合发展的若干措施"} <= names(
        policy, "Policy"
    )
    assert ("闽工信发〔2024〕12号", "福建省关于深化闽台产业融合发展的若干措施") in facts(
        policy, "implements"
    )


def test_enterprises_from_an_enumeration_settle_in_a_new_park(policy):
    firms = names(policy, "Enterprise")
    assert {"晟华光电", "瑞昶电子集团", "宏泰精工"} <= firms
    settled = {o for s, o in facts(policy, "hasEnterprise") if s == "龙岩智能装备产业园"}
    assert settled == {"晟华光电", "瑞昶电子集团", "宏泰精工"}
    assert {s for s, _ in facts(policy, "enterpriseFrom")} == {
        "晟华光电",
        "瑞昶电子集团",
        "宏泰精工",
    }


def test_wrapped_park_name_and_cooperation(policy):
    assert "龙岩智能装备产业园" in names(policy, "Park")
    assert ("龙岩智能装备产业园", "台南树谷科技园") in facts(policy, "dockingWith")


PLAN_NAMES = [
    "海南琼台农业合作示范区",
    "海口椰海产业园",
    "儋州木棠产业园",
    "三亚凤凰岭产业园",
    "海口椰海智慧冷链物流中心建设项目",
    "凤梨酥烘焙线",
    "热带花卉育种中心",
    "唐振宁",
    "琼发改外资",
    "热带水果深加工",
]


@pytest.fixture(scope="module")
def plan():
    return extract(read_document(UNSEEN / "qiongtai_plan.txt"))


def test_plan_zone_members_declared_short_name_and_focus(plan):
    members = {s for s, o in facts(plan, "partOf") if o == "海南琼台农业合作示范区"}
    assert members == {"海口椰海产业园", "儋州木棠产业园", "三亚凤凰岭产业园"}
    assert {"热带水果深加工", "休闲农业"} <= {o for s, o in facts(plan, "focusIndustry")}
    zone = next(e for e in plan.entities if e.canonical == "海南琼台农业合作示范区")
    assert "示范区" in zone.surfaces  # (以下简称示范区)


def test_plan_projects_from_the_column_and_a_list(plan):
    assert ("海口椰海产业园", "海口椰海智慧冷链物流中心建设项目") in facts(plan, "hasProject")
    assert {"凤梨酥烘焙线", "热带花卉育种中心", "椰子纤维新材料中试线"} <= names(plan, "Project")


def test_plan_issuers_date_and_an_unknown_organ_code(plan):
    # 琼发改外资 is no code of the data: the number is kept whole, and the national 发改外资
    # (國家發展改革委) is not read into it.
    assert "琼发改外资〔2025〕31号" in names(plan, "Policy")
    issuers = {o for s, o in facts(plan, "issuedBy") if s == "琼发改外资〔2025〕31号"}
    assert issuers == {"海南省发展和改革委员会", "海南省发展和改革委员会办公室"}
    assert ("琼发改外资〔2025〕31号", ("2025-03-08", "date")) in facts(plan, "issuedOn")


def test_plan_bodies_named_for_several_cities(plan):
    assert {"海口市人民政府", "三亚市人民政府", "儋州市人民政府"} <= names(plan, "GovernmentBody")


def test_plan_leader_named_before_the_title(plan):
    assert "唐振宁" in names(plan, "Person")


def test_officials_take_the_side_of_their_body(news):
    person = next(e for e in news.entities if e.canonical == "蔡文杰")
    assert person.jurisdiction == "mainland"  # 福建省工业和資訊化廳: a body seated in Fujian


def test_targets_are_read_with_value_unit_and_year(policy):
    figures = {
        (f.obj[1]["measure"], str(f.obj[1]["value"]), f.obj[1]["unit"], f.obj[1]["target"])
        for f in policy.facts
        if f.property == "hasStatistic"
    }
    # The amount runs across a PDF line wrap (12\n亿元).
    assert ("新增台资企业", "50", "家", "2027") in figures
    assert ("台资投资额", "1200000000", "元", "2027") in figures
