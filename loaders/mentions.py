"""Finding mentions: spans of the matching form that name an entity of a core class.

Two sources, as in the design card: gazetteer rows (longest match) and pattern discovery, which
finds names no gazetteer lists from their shape: a name suffix (…科学园区, …经开区, …集团) with
a stem scanned leftwards to the nearest boundary; a title followed by a personal name
(国台办副主任龙明彪); a title in 《…》 or a document number (湘政办发〔2021〕58号) for policies;
the items of an enumeration closed by 等…企业 or 等产业.

All spans are offsets into the matching form, which is aligned one to one with the clean text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.knowledge import GazetteerEntry, Knowledge

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_NAME_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff0-9A-Za-z+/.]")

#: Characters that commonly follow a personal name and so cannot be its last character.
_AFTER_NAME = set(
    "在等和与、表说指致出会也为的是向率一及则称介以对认强先今还代将于同发主提要希呼答讲参访"
    "来到赴接陪右左摄报湖北南京台香澳中大全省市县区(（,，。；：:;!！?？“”「」 \n"
)

MAX_STEM = 24


@dataclass
class Mention:
    """A span naming an entity.

    ``surface`` is the matching form (Simplified, compact) of the span; ``rule`` says what found
    it; ``entry`` is the gazetteer row when one matched.
    """

    start: int
    end: int
    surface: str
    type: str
    rule: str
    entry: GazetteerEntry | None = None
    # Extra facts the pattern itself reads (title, former, jurisdiction cue).
    attrs: dict = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def gazetteer_mentions(m: str, knowledge: Knowledge) -> list[Mention]:
    """Longest-match every gazetteer name and alias in the matching form ``m``.

    >>> from loaders.knowledge import load_knowledge
    >>> [x.surface for x in gazetteer_mentions("对接新竹科学园区", load_knowledge())]
    ['新竹科学园区']
    """
    names = knowledge.names
    out: list[Mention] = []
    # Only a character that opens some name can start a match: visit just those positions.
    lengths_of = {c: knowledge.name_lengths(c) for c in set(m)}
    i, n = 0, len(m)
    for start in [p for p, c in enumerate(m) if lengths_of[c]]:
        if start < i:
            continue  # inside the previous match
        i = start
        found = None
        for length in lengths_of[m[i]]:
            if length > n - i or length < 2:
                continue
            entry = names.get(m[i : i + length])
            if entry is not None:
                found = Mention(
                    i, i + length, m[i : i + length], entry.type, f"gazetteer:{entry.file}", entry
                )
                break
        if found:
            qualifier = m[max(0, found.start - 2) : found.start]
            if (
                found.type in ("Organization", "GovernmentBody")
                and qualifier in ("国家", "全国")
                and found.surface != found.entry.name
                and not (out and out[-1].end > found.start - 2)
            ):
                # 国家台企联, 全国台企联: a national qualifier before a short name is part of
                # how the document names the body.
                found = Mention(
                    found.start - 2,
                    found.end,
                    qualifier + found.surface,
                    found.type,
                    found.rule,
                    found.entry,
                )
            out.append(found)
            i = found.end
    return out


def _boundary_ending_at(m: str, i: int, knowledge: Knowledge, type_: str = "") -> bool:
    words, lengths = knowledge.boundary_words["Event" if type_ == "Event" else ""]
    return any(m[i - k : i] in words for k in lengths if k <= i)


def _suffix_ending_at(m: str, i: int, knowledge: Knowledge) -> bool:
    words, lengths = knowledge.suffix_words
    return any(m[i - k : i] in words for k in lengths if k <= i)


def suffix_mentions(m: str, knowledge: Knowledge, known: list[Mention]) -> list[Mention]:
    """Discover names by their suffix, scanning the stem leftwards.

    The scan stops at punctuation, at a boundary word (与, 对接, 依托, …) and at the end of an
    earlier generic suffix; it steps over a whole known mention of a place, and over a whole
    known park or body where the new name is built on it (湘潭经开区海峡两岸智能装备产业合作园,
    国台办经济局).

    >>> from loaders.knowledge import load_knowledge
    >>> k = load_knowledge()
    >>> [x.surface for x in suffix_mentions("依托湘江源头科技园，对接台北南港创意园区", k, [])]
    ['湘江源头科技园']
    """
    ends: dict[int, Mention] = {}
    starts: dict[int, set[str]] = {}  # classes of the mentions starting at each position
    for k_m in known:
        ends.setdefault(k_m.end, k_m)
        starts.setdefault(k_m.start, set()).add(k_m.type)
    out: list[Mention] = []
    # Only a character that opens some suffix can start one: visit just those positions.
    firsts = knowledge.suffixes_by_first
    i = 0
    for at in [p for p, c in enumerate(m) if c in firsts]:
        if at < i:
            continue  # skipped by the previous step
        i = at
        rule = None
        for s in firsts[m[i]]:
            if m.startswith(s.suffix, i):
                rule = s
                break
        if rule is None:
            continue
        end = i + len(rule.suffix)
        start = _scan_stem(m, i, rule.type, knowledge, ends)
        # 10个省级工业园, 1个省级湘台文化创意产业园: a count and a rank open no name.
        # 湖南有1个国家级新区: the name, if any, starts after the count.
        counted = list(_COUNT_PREFIX.finditer(m, start, i))
        if counted:
            start = counted[-1].end()
        if len(rule.suffix) == 1 and (
            m[end : end + 1] in ("长", "门", "分")
            or m[end : end + 2] == "企业"
            or m[i - 1 : end] in ("部署", "全部", "局部", "内部", "外部", "总部")
        ):
            # 湖南省商务厅厅长: the second 厅 opens the title 厅长; 头部企业, 部门, 部分, 决策
            # 部署, 中国区总部: the character belongs to another word. Either way it ends no name.
            i += 1
            continue
        if rule.anchor and not (starts.get(start, set()) & _ANCHORS):
            # 厅, 局, 司 … alone end too many words; a body name built on a place or a
            # known body (湖南省商务厅, 国台办经济局) is the reliable case: such a name starts
            # at its anchor (台资企业利用湖南企业…平台 → 湖南企业…平台).
            start = next((p for p in range(start + 1, i) if starts.get(p, set()) & _ANCHORS), -1)
            if start < 0:
                i += 1
                continue
        stem = m[start:i]
        whole = ends.get(i)
        if (
            whole is not None
            and whole.start == start
            and whole.type == "Industry"
            and rule.type == "Park"
        ):
            # 智能制造产业园: an industry and a suffix name a kind of park, not one park.
            i = end
            continue
        suffix_end = end
        if any(
            m.startswith(s.suffix, k)
            for k in ((end, end + 1) if m[end : end + 1] == " " else (end,))
            for s in knowledge.suffixes_by_first.get(m[k : k + 1], ())
            if len(s.suffix) >= 2
        ):
            # …智能平台建设项目: the name goes on to a further suffix; read it there.
            i += 1
            continue
        end = _extend_right(m, end, ends)
        # A place in brackets makes a generic stem a name: 海峡两岸产业合作区(湖南).
        qualified = end > suffix_end
        if (
            len(stem) >= rule.min_stem
            and (qualified or stem not in knowledge.generic_stems)
            and not stem.isdigit()
            and not _only_generic(stem, knowledge)
        ):
            surface = "".join(m[start:end].split())
            mention = Mention(start, end, surface, rule.type, f"suffix:{rule.suffix}")
            out.append(mention)
            ends[end] = mention
            starts.setdefault(start, set()).add(rule.type)
            i = end
        else:
            # A generic phrase (郴州市主要经济技术开发区) must not leave its shorter suffix
            # (开发区) to be read again with a longer stem.
            i = suffix_end
    return out


_COUNT_PREFIX = re.compile(
    r"(?:第)?[\d一二三四五六七八九十两]+\s*(?:[个家所处批大强]\s*(?:省级|国家级|市级|县级)?|省级|国家级|市级|县级)"
)
_DETERMINERS = (
    "三大",
    "两大",
    "四大",
    "五大",
    "主要",
    "相关",
    "其他",
    "其它",
    "有关",
    "若干",
    "一批",
    "多个",
    "各类",
    "各大",
    "重点",
)
_COUNTED = re.compile(r"[一二三四五六七八九十两几多每各]+[个次场届大家批类]?$")


def _only_generic(stem: str, knowledge: Knowledge) -> bool:
    # 三大产业园, 郴州三个产业园, 一次论坛: a count of things, not a name.
    if _COUNTED.search(stem) or stem.endswith(_DETERMINERS):
        return True
    # 国家级/省级 + generic word: a category, not a name.
    for g in sorted(knowledge.generic_stems, key=len, reverse=True):
        if stem.startswith(g) and stem[len(g) :] in knowledge.generic_stems:
            return True
    return False


def _scan_stem(m: str, i: int, type_: str, knowledge: Knowledge, ends: dict[int, Mention]) -> int:
    start = i
    while start > 0 and i - start < MAX_STEM:
        prev = ends.get(start)
        if prev is not None:
            if _may_build_on(prev.type, type_):
                start = prev.start
                continue
            break
        ch = m[start - 1]
        if ch == ")":
            close = start - 1
            open_ = m.rfind("(", max(0, close - 8), close)
            inner = m[open_ + 1 : close] if open_ >= 0 else ""
            if (
                inner
                and all(is_cjk(c) for c in inner)
                and open_ + 1
                in {k.start for k in ends.values() if k.type == "Place" and k.end == close}
            ):
                start = open_
                continue
            break
        if ch == " " and start - 1 > 0 and _NAME_CHAR.match(m[start - 2]):
            # 湘潭经开区 5G+智慧园区: cleaning keeps the space between Chinese and Latin.
            start -= 1
            continue
        if ch in "—-" and start - 1 > 0 and is_cjk(m[start - 2]) and type_ == "Event":
            start -= 1
            continue
        if not _NAME_CHAR.match(ch):
            break
        joins = m[start - 1] == "和" and (
            type_ == "GovernmentBody"
            or (ends.get(start - 1) is not None and ends[start - 1].type == "Industry")
        )
        if _boundary_ending_at(m, start, knowledge, type_) and not joins:
            # 和 joins the halves of body names (工业和信息化厅) and the industries of a park's
            # name (电子信息和先进制造产业合作园); elsewhere it ends the name.
            break
        # An earlier suffix ends the stem (合作区岳阳产业园), except inside an organisation's
        # name, which often names the zone it serves (两岸产业合作区发展联盟).
        if start != i and type_ != "Organization" and _suffix_ending_at(m, start, knowledge):
            break
        start -= 1
    return start


_ANCHORS = frozenset({"Place", "GovernmentBody", "Organization", "Park", "Enterprise"})


def _may_build_on(prev_type: str, type_: str) -> bool:
    """Whether a name of ``type_`` may start with a whole earlier mention of ``prev_type``."""
    if prev_type == "Place":
        return True
    if prev_type == "Industry" and type_ in (
        "Park",
        "Enterprise",
        "Organization",
        "Event",
        "Project",
    ):
        return True  # 智能装备 in 龙岩智能装备产业园
    if type_ == "Enterprise" and prev_type == "Enterprise":
        return True  # 比亚迪汽车有限公司, a firm of 比亚迪
    if type_ == "Project" and prev_type in ("Park", "Enterprise"):
        return True  # 湘潭经开区5G+智慧园区建设项目
    if type_ == "GovernmentBody" and prev_type == "Park":
        return True  # 湖南湘江新区管委会
    if type_ in ("Park", "GovernmentBody") and prev_type == type_:
        return True
    return type_ == "GovernmentBody" and prev_type == "Organization"


def _extend_right(m: str, end: int, ends: dict[int, Mention]) -> int:
    """Take in a parenthesised place that qualifies the name: 海峡两岸产业合作区(湖南)."""
    if end < len(m) and m[end] == "(":
        close = m.find(")", end, end + 8)
        if close > 0 and re.fullmatch(r"[A-Z]{2,6}", m[end + 1 : close]):
            return close + 1  # an acronym in brackets is part of the name: …平台(EHN)
        if close > 0:
            inner_end = ends.get(close)
            if inner_end is not None and inner_end.type == "Place" and inner_end.start == end + 1:
                return close + 1
    return end


_TITLE_QUOTE = re.compile(r"《([^《》\n]{2,80})》")
_DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{2,10})\s*[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(\d{1,4})\s*号"
)
# A title without brackets: 关于加快海峡两岸产业合作区湖南建设的实施意见.
_ABOUT_TITLE = re.compile(
    r"关于[^，。；、《》\n“”「」]{4,40}?的?(?:实施意见|指导意见|若干意见|意见|通知|办法|方案|规划|函|批复|决定)"
)
# Five-year plans (十四五规划纲要) and agreements known by an acronym (区域全面经济伙伴关系协定
# (RCEP)): policies whose names need no brackets.
_PLAN_OR_AGREEMENT = re.compile(
    r"十[一二三四五六七八九]五规划(?:纲要)?|[\u4e00-\u9fff]{4,20}(?:协定|协议)\([A-Z]{2,8}\)"
)
_AGREEMENT_VERBS = re.compile(
    r"对接|加入|签署|实施|落实|利用|用好|参与|推动|依托|根据|按照|深化|用足"
)
_QUOTED_POLICY = re.compile(r"[“「\"]([^“”「」\"\n]{2,20})[”」\"]\s*(战略|政策|措施|条)?")


def policy_mentions(m: str, knowledge: Knowledge) -> list[Mention]:
    """Policies: titles in 《…》 ending in a policy word, document numbers, quoted programmes.

    >>> from loaders.knowledge import load_knowledge
    >>> [x.surface for x in policy_mentions("根据《沅江流域协同发展实施方案》(湘政发〔2023〕7号)", load_knowledge())]
    ['沅江流域协同发展实施方案', '湘政发〔2023〕7号']
    """
    out: list[Mention] = []
    for match in _TITLE_QUOTE.finditer(m):
        title = re.sub(r"\s+", "", match.group(1))
        if any(title.endswith(s) for s in knowledge.policy_suffixes):
            out.append(Mention(match.start(1), match.end(1), title, "Policy", "pattern:《》"))
    for match in _DOC_NUMBER.finditer(m):
        prefix = match.group(1)
        # The prefix may run into the words before it (根据湘政办发〔…〕): it starts after the
        # last boundary word. A known organ code counts only as the whole prefix, so that
        # 琼发改外资 is not read as the national 发改外资.
        cut = max(
            (prefix.rfind(w) + len(w) for w in knowledge.boundaries if w in prefix[:-2]),
            default=0,
        )
        code = prefix[cut:]
        if code not in knowledge.document_numbers and len(code) > 6:
            code = code[-6:]
        start = match.end(1) - len(code)
        number = f"{code}〔{match.group(2)}〕{int(match.group(3))}号"
        out.append(
            Mention(
                start,
                match.end(),
                number,
                "Policy",
                "pattern:文号",
                attrs={"code": code, "year": match.group(2)},
            )
        )
    for match in _QUOTED_POLICY.finditer(m):
        inner = re.sub(r"\s+", "", match.group(1))
        tail = match.group(2) or ""
        # “31条”, “湘台59条措施”, “三高四新”战略: the quoted words are the name; a policy word
        # after the quote says what they name.
        if tail in ("战略", "政策", "措施") or re.search(r"(\d+条|措施|政策|战略)$", inner):
            out.append(Mention(match.start(1), match.end(1), inner, "Policy", "pattern:quoted"))
    for match in _ABOUT_TITLE.finditer(m):
        title = re.sub(r"\s+", "", match.group(0))
        out.append(Mention(match.start(), match.end(), title, "Policy", "pattern:关于"))
    for match in _PLAN_OR_AGREEMENT.finditer(m):
        start = match.start()
        # The verb before an agreement's name may run into it (加快对接区域全面…协定); adverbs
        # such as 全面 belong to names here, so only verbs cut.
        verbs = list(_AGREEMENT_VERBS.finditer(m, start, match.end() - 6))
        if verbs:
            start = verbs[-1].end()
        out.append(
            Mention(
                start, match.end(), m[start : match.end()], "Policy", "pattern:plan-or-agreement"
            )
        )
    return out


def person_mentions(m: str, knowledge: Knowledge, known: list[Mention]) -> list[Mention]:
    """Persons introduced by a title: [organisation][前]title name (国台办副主任龙明彪).

    Chains of titles joined by 、 (中共湖南省委副书记、省长毛伟明) give one person with every post.
    ``attrs['posts']`` lists (organisation mention or None, title, former) for each post.
    """
    titles = knowledge.titles
    if not titles:
        return []
    max_t = max(len(t) for t in titles)
    # Title lengths by first character, longest first: a position whose character opens no
    # title is passed at once.
    title_lengths: dict[str, list[int]] = {}
    for t in sorted(titles, key=len, reverse=True):
        title_lengths.setdefault(t[0], []).append(len(t))
    ends = {
        k.end: k
        for k in known
        if k.type in ("GovernmentBody", "Organization", "Enterprise", "Park", "Place")
    }
    out: list[Mention] = []
    i, n = 0, len(m)
    inside = {p: k.end for k in ends.values() for p in range(k.start + 1, k.end)}
    while i < n:
        if i in inside:
            # 中共湖南省委副书记: 省委书记 would start inside the body's name; read on after it.
            i = inside[i]
            continue
        title = None
        for length in title_lengths.get(m[i], ()):
            if m[i : i + length] in titles:
                title = m[i : i + length]
                break
        if title is None:
            i += 1
            continue
        te = i + len(title)
        name_len = _personal_name(m, te, knowledge)
        if not name_len:
            before = _name_before_title(m, i, knowledge, inside)
            if before:
                # 习近平总书记: the name stands before the title.
                out.append(
                    Mention(
                        i - before,
                        i,
                        m[i - before : i],
                        "Person",
                        "pattern:name-title",
                        attrs={"posts": [(None, title, False)], "kind": "title"},
                    )
                )
            i = te
            continue
        posts = []
        # Walk back over the chain: [org][前]title、[org][前]title … name
        t_start, t_title = i, title
        while True:
            former = t_start > 0 and m[t_start - 1] == "前"
            org_end = t_start - (1 if former else 0)
            org = ends.get(org_end)
            posts.append((org, t_title, former))
            chain_end = (org.start if org else org_end) - 1
            if chain_end > 0 and m[chain_end] in "、兼":  # 副书记、省长; 主席兼总裁
                prev_title = None
                for length in range(min(max_t, chain_end), 0, -1):
                    if chain_end - length in inside:
                        continue  # 省委副书记 inside 中共湖南省委副书记: the title is 副书记
                    if m[chain_end - length : chain_end] in titles:
                        prev_title = m[chain_end - length : chain_end]
                        break
                if prev_title:
                    t_start, t_title = chain_end - len(prev_title), prev_title
                    continue
            break
        name = m[te : te + name_len]
        kind = "byline" if title in ("记者", "通讯员", "特约记者") else "title"
        out.append(
            Mention(
                te,
                te + name_len,
                name,
                "Person",
                f"pattern:{kind}",
                attrs={"posts": list(reversed(posts)), "kind": kind},
            )
        )
        i = te + name_len
    return out


def _name_before_title(m: str, i: int, knowledge: Knowledge, inside: dict) -> int:
    """Length of a personal name ending at ``i`` (right before a title), or 0.

    Only a name that stands alone, after punctuation or a boundary word, counts: in
    国台办副主任 the characters before 副主任 belong to the body."""
    for length in (3, 2):
        s = i - length
        if s < 0 or s in inside or (s + 1) in inside:
            continue
        if _personal_name(m, s, knowledge) != length:
            continue
        if s == 0 or not is_cjk(m[s - 1]) or _boundary_ending_at(m, s, knowledge):
            return length
    return 0


def _personal_name(m: str, i: int, knowledge: Knowledge) -> int:
    """Length of a personal name starting at ``i`` (2 or 3 characters), or 0."""
    surnames = knowledge.surnames
    if m[i : i + 2] in surnames:
        sur = 2
    elif i < len(m) and m[i] in surnames:
        sur = 1
    else:
        return 0
    given = m[i + sur : i + sur + 2]
    if not given or not is_cjk(given[0]) or given[0] in _AFTER_NAME:
        return 0
    if len(given) == 2 and is_cjk(given[1]) and given[1] not in _AFTER_NAME:
        return sur + 2
    return sur + 1


def enumeration_mentions(m: str, knowledge: Knowledge, known: list[Mention]) -> list[Mention]:
    """Items of enumerations whose closing words say what they are.

    新金宝、富士康、旺旺集团等知名台资企业 → each item an Enterprise;
    重点发展电子信息、新能源新材料等产业 → each item an Industry.
    """
    out: list[Mention] = []
    kinds = {(k.start, k.end): k.type for k in known}
    firm_list = r"等(?:知名|重点|龙头|大型|一批)*(台资|港资|外资|民营)?(企业|公司|厂商)"
    # 等台资企业聚集地 names a kind of place, not the firms.
    for match in re.finditer(firm_list + r"(?![\u4e00-\u9fff]{0,2}(?:聚集|集聚|转移))", m):
        items = _enumeration_before(m, match.start(), knowledge)
        # A list of places or industries (精密制造、工程机械等台资企业) names kinds of firm.
        if any(kinds.get(span) in ("Place", "Industry") for span in items):
            continue
        for s, e in items:
            out.append(
                Mention(
                    s,
                    e,
                    m[s:e],
                    "Enterprise",
                    "pattern:enumeration-企业",
                    attrs={"cue": match.group(1) or ""},
                )
            )
    # 布局智能机器人、通宝半导体、三纬国际打印等项目: the items of a list of projects.
    for match in re.finditer(r"等(?:重点|重大|一批)*项目", m):
        items = _enumeration_before(m, match.start(), knowledge)
        # 动力电池、锂离子电池材料等项目: a list with an industry in it names kinds of project.
        if any(kinds.get(span) == "Industry" for span in items):
            continue
        for s, e in items:
            if kinds.get((s, e)) not in ("Place", "Enterprise", "Park"):
                surface = "".join(m[s:e].split())
                out.append(Mention(s, e, surface, "Project", "pattern:enumeration-项目"))
    # The focus-industry trigger words (data) open lists of industries; so does a bare 发展
    # and 打造, but only when the list closes with 等产业 or 产业集群.
    words = sorted(
        {t.word for t in knowledge.triggers if t.property == "focusIndustry"} | {"发展"},
        key=len,
        reverse=True,
    )
    loose = {"发展", "打造"}
    for match in re.finditer("(" + "|".join(map(re.escape, words)) + ")", m):
        stop = re.search(
            r"等(?:产业|领域|行业)|为主|产业集群|[，。；,;:：\n]", m[match.end() : match.end() + 80]
        )
        if not stop:
            continue
        seg_end = match.end() + stop.start()
        closing = stop.group(0)
        # A bare 发展 opens a list of industries only when the list closes with 等产业.
        if match.group(1) in loose and not (closing.startswith("等") or closing == "产业集群"):
            continue
        if (
            not (closing.startswith("等") or closing in ("为主", "产业集群"))
            and seg_end - match.end() > 12
        ):
            continue
        for s, e in _split_items(m, match.end(), seg_end):
            while m[s:e].endswith(("产业", "等")):
                e -= 1 if m[s:e].endswith("等") else 2
            text = m[s:e]
            if text.startswith(("一批", "一些", "若干", "多个", "一系列")):
                continue
            if 2 <= len(text) <= 8 and all(is_cjk(c) or c.isalnum() for c in text):
                out.append(Mention(s, e, text, "Industry", "pattern:enumeration-产业"))
    return out


_INDUSTRY_CONTEXT = re.compile(
    r"^(?:等)?(?:重点|优势|新兴|特色|主导)?(?:产业|行业|集群|领域|企业|项目|经济)"
)


def industries_in_context(m: str, mentions: list[Mention], raw: list[Mention]) -> list[Mention]:
    """Drop gazetteer industries named in passing: an industry is kept where the text treats
    it as one, i.e. where it (or the list it stands in) is followed by 产业/行业/集群/领域, or
    where it is an item of a list of focus industries (重点发展…, 建设以…为主)."""
    by_start = {x.start: x for x in mentions}
    listed = {x.span for x in raw if x.rule == "pattern:enumeration-产业"}
    keep = []
    for x in mentions:
        if x.type != "Industry" or not x.rule.startswith("gazetteer:") or x.span in listed:
            keep.append(x)
            continue
        end = x.end
        # Walk to the end of the 、-list the industry stands in.
        while end < len(m) and m[end] in "、和及与" and (end + 1) in by_start:
            nxt = by_start[end + 1]
            if nxt.type != "Industry":
                break
            end = nxt.end
        if _INDUSTRY_CONTEXT.match(m[end : end + 6]):
            keep.append(x)
    return keep


def _enumeration_before(m: str, end: int, knowledge: Knowledge) -> list[tuple[int, int]]:
    """The 、-separated items that run up to ``end`` (at most 20 items of ≤ 12 characters)."""
    items: list[tuple[int, int]] = []
    j = end
    while len(items) < 20:
        k = j
        while (
            k > 0
            and j - k < 24
            and (
                _NAME_CHAR.match(m[k - 1])
                or (m[k - 1] == " " and k > 1 and _NAME_CHAR.match(m[k - 2]))
            )
        ):
            k -= 1
        if k == j:
            break
        items.append((k, j))
        if k > 0 and m[k - 1] == "、":
            j = k - 1
            continue
        break
    # A leading section number (二、晟华光电、…) is not an item.
    items = [(s, e) for s, e in items if not re.fullmatch(r"[一二三四五六七八九十\d]+", m[s:e])]
    if len(items) < 2:
        return []
    # The first item may carry the words that introduce the list (如新金宝): cut at a boundary.
    s, e = items[-1]
    for w in ("如", "有", "包括", "其中", "以及", "发挥", "发展", "布局", *knowledge.boundaries):
        pos = m.rfind(w, s, e)
        if pos >= 0 and pos + len(w) < e:
            s = max(s, pos + len(w))
    items[-1] = (s, e)
    return list(reversed(items))


def _split_items(m: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for piece in re.split(r"([、和及与])", m[start:end]):
        if piece and piece not in "、和及与":
            out.append((pos, pos + len(piece)))
        pos += len(piece)
    return out


_PROVINCIAL_BODY = re.compile(
    r"省(?:人民政府办公厅|人民政府|政府办公厅|政府|委台办|委|发展改革委|[\u4e00-\u9fff]{2,5}厅)"
)


def contextual_mentions(m: str, known: list[Mention]) -> list[Mention]:
    """Bodies named relative to the document's province: 省政府, 省委, 省商务厅.

    ``attrs['relative']`` marks them; resolution prefixes the document's home province.
    """
    place_ends = {k.end for k in known if k.type == "Place"}
    out = []
    for match in _PROVINCIAL_BODY.finditer(m):
        s = match.start()
        # 湖南省商务厅 is a name already; only a bare 省… is relative.
        if s in place_ends or (s > 0 and is_cjk(m[s - 1]) and m[s - 1] not in "、和及与的经由"):
            continue
        out.append(
            Mention(
                s,
                match.end(),
                match.group(),
                "GovernmentBody",
                "pattern:relative-body",
                attrs={"relative": "省"},
            )
        )
    return out


_DISTRIBUTED_SUFFIX = re.compile(
    r"(?:[一二三四五六七八九十两]+(?:市|县|区|个))?(人民政府|政府|园区管委会|园区管理委员会|管委会)"
)


def distributed_bodies(m: str, raw: list[Mention]) -> list[Mention]:
    """Bodies named once for several places: 湘潭、岳阳、郴州三市人民政府 names three city
    governments; 海峡两岸产业合作区湘潭、岳阳、郴州园区管委会 three park committees.

    Each returned mention spans the whole phrase; ``surface`` is the one body's name and
    ``attrs['phrase']`` the phrase as written.
    """
    places = sorted(
        (x for x in raw if x.type == "Place" and x.entry is not None), key=lambda x: x.start
    )
    by_start = {x.start: x for x in places}
    out: list[Mention] = []
    used: set[int] = set()
    for first in places:
        if first.start in used:
            continue
        items = [first]
        while (
            items[-1].end < len(m) and m[items[-1].end] == "、" and (items[-1].end + 1) in by_start
        ):
            items.append(by_start[items[-1].end + 1])
        if len(items) < 2:
            continue
        tail = _DISTRIBUTED_SUFFIX.match(m, items[-1].end)
        if not tail:
            continue
        used.update(x.start for x in items)
        suffix = tail.group(1)
        # The zone the committees belong to stands right before the list (海峡两岸产业合作区).
        zone = re.search(
            r"[\u4e00-\u9fff()]{2,16}(?:合作区|开发区|新区|园区|试验区)(?:\([\u4e00-\u9fff]{2,4}\))?$",
            m[max(0, first.start - 24) : first.start],
        )
        owner_text = zone.group(0) if zone and not suffix.endswith("政府") else ""
        start = first.start - len(owner_text)
        phrase = "".join(m[start : tail.end()].split())
        for x in items:
            if suffix.endswith("政府"):
                name = x.entry.name + "人民政府"  # 湘潭 → 湘潭市人民政府
            else:
                name = owner_text + x.surface + suffix
            out.append(
                Mention(
                    start,
                    tail.end(),
                    name,
                    "GovernmentBody",
                    "pattern:distributive",
                    attrs={"phrase": phrase},
                )
            )
    return out


_SHARED_NAME = re.compile(
    r"((?:[\u4e00-\u9fff]{2,6}、)*[\u4e00-\u9fff]{2,6})等[\d一二三四五六七八九十两]+个"
    r"((?:国家级|省级|市级)?[\u4e00-\u9fff]{2,12}?(基地|产业园|工业园|园区|示范区))"
)
_SHARED_TYPES = {
    "基地": "Project",
    "产业园": "Park",
    "工业园": "Park",
    "园区": "Park",
    "示范区": "Park",
}


def distributed_names(m: str, raw: list[Mention]) -> list[Mention]:
    """Places of one kind listed with their count: 怀化芷江、株洲炎帝陵、永州阳明山等3个国家级
    海峡两岸交流基地 names three bases, each item completed by the shared words. Every item
    must open with a known place. ``attrs['item']`` keeps the item as written."""
    place_starts = {x.start for x in raw if x.type == "Place" and x.entry is not None}
    out: list[Mention] = []
    for match in _SHARED_NAME.finditer(m):
        items, pos = [], match.start(1)
        for item in match.group(1).split("、"):
            items.append((pos, item))
            pos += len(item) + 1
        # The run before the first 、 may carry words before the first item: keep its tail
        # from the place it opens with.
        first_pos, first = items[0]
        opener = next(
            (p for p in range(first_pos, first_pos + len(first)) if p in place_starts), None
        )
        if opener is None:
            continue
        items[0] = (opener, first[opener - first_pos :])
        if not all(p in place_starts for p, _ in items):
            continue
        shared = match.group(2)
        type_ = _SHARED_TYPES[match.group(3)]
        for p, item in items:
            # 台湾工业园等11个省级园区: an item that is a name already keeps it.
            named = item.endswith(("园", "区", "基地", "中心"))
            out.append(
                Mention(
                    p,
                    p + len(item),
                    item if named else item + shared,
                    type_,
                    "pattern:distributive",
                    attrs={"phrase": item, "shared": (match.start(2), match.end(2))},
                )
            )
    return out


def name_repeats(m: str, names: dict[str, Mention], taken: list[tuple[int, int]]) -> list[Mention]:
    """Later mentions of names a pattern introduced once in the document (龙明彪指出…)."""
    out: list[Mention] = []
    occupied = set()
    for s, e in taken:
        occupied.update(range(s, e))
    for surface, first in sorted(names.items(), key=lambda kv: -len(kv[0])):
        if len(surface) < 2:
            continue
        for match in re.finditer(re.escape(surface), m):
            if any(p in occupied for p in range(match.start(), match.end())):
                continue
            out.append(
                Mention(
                    match.start(),
                    match.end(),
                    surface,
                    first.type,
                    "document:repeat",
                    first.entry,
                    dict(first.attrs, repeat=True),
                )
            )
            occupied.update(range(match.start(), match.end()))
    return out


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep a set of non-overlapping mentions: longer spans first, then earlier, then by rule.

    Persons found by title are kept over anything they overlap, because the title pattern
    reads the name exactly.
    """

    def rank(x: Mention) -> tuple:
        return (
            0 if x.type == "Person" and x.rule.startswith("pattern:") else 1,
            -(x.end - x.start),
            x.start,
            x.rule,
        )

    chosen: list[Mention] = []
    occupied: set[int] = set()
    for x in sorted(mentions, key=rank):
        span = set(range(x.start, x.end))
        if span & occupied:
            continue
        chosen.append(x)
        occupied |= span
    return sorted(chosen, key=lambda x: (x.start, x.end))
