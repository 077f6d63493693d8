"""Relation rules: which facts a sentence states about the entities it mentions.

Each rule reads one sentence (or the document head, for a policy's issuer and date) and adds
:class:`~loaders.extract.Fact` objects whose span is that sentence; the rule's id travels with the
fact into its evidence. Trigger words and their type constraints are data
(``data/rules/triggers.tsv``); what is code here is how a sentence is read around a trigger.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from loaders.dates import find_dates
from loaders.extract import Entity, Extraction, Fact, home_province
from loaders.knowledge import Knowledge
from loaders.mentions import Mention, gazetteer_mentions
from loaders.quantities import find_amounts

_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_CLAUSE_END = re.compile(r"[，,：:。！？；!?;\n]")
_LIST_GAP = re.compile(r"^(?:、|和|及|与|以及|,|，)?$")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (end exclusive, final punctuation included, blanks trimmed).

    >>> sentences("甲。乙；\\n丙")
    [(0, 2), (2, 4), (5, 6)]
    """
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end() if match.group() != "\n" else match.start()
        _add_trimmed(text, start, end, out)
        start = match.end()
    _add_trimmed(text, start, len(text), out)
    return out


def _add_trimmed(text: str, start: int, end: int, out: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


class SentenceReader:
    """The mentions of one sentence, with the helpers rules share."""

    def __init__(
        self, ex: Extraction, m: str, span: tuple[int, int], mentions: list[Mention], by_mention
    ):
        self.ex, self.m, self.span = ex, m, span
        self.mentions = mentions
        self.by_mention = by_mention

    def entity(self, x: Mention) -> Entity | None:
        """The entity of a mention; a raw mention that lost an overlap maps through the chosen
        mention of the same span, or through its gazetteer row."""
        if id(x) in self.by_mention:
            return self.by_mention[id(x)]
        for y in self.ex.mentions:
            if y.span == x.span and id(y) in self.by_mention:
                return self.by_mention[id(y)]
        return _entity_for_raw(self.ex, x, self.by_mention)

    def of_types(self, types, start=None, end=None) -> list[Mention]:
        s = self.span[0] if start is None else start
        e = self.span[1] if end is None else end
        return [x for x in self.mentions if x.type in types and x.start >= s and x.end <= e]

    def text(self) -> str:
        return self.m[self.span[0] : self.span[1]]

    def topic(self, types) -> Mention | None:
        """The mention a sentence is about: the one that opens it, before a colon or comma
        (岳阳产业园：…, 岳阳产业园，以…为主要载体，重点发展…)."""
        text = self.text()
        # A leading connective (其中，同时，此外，) is not the topic; the clause after it is.
        opener = re.match(r"(?:其中|同时|此外|另外|首先|其次|最后|目前)[，,]", text)
        skip = opener.end() if opener else 0
        head = re.search(r"[:：，,]", text[skip:])
        if head and head.start() <= 30:
            start = self.span[0] + skip
            found = self.of_types(types, start, start + head.start())
            if found and found[0].start - start <= 2:
                return found[0]
        return None

    def relied_on(self, pos: int, types) -> Mention | None:
        """The park a clause builds on: 依托X(…)，打造… makes X the subject of what follows."""
        for match in re.finditer(r"依托|依靠|以", self.m[self.span[0] : pos]):
            after = self.enumeration_after(self.span[0] + match.end(), types, max_gap=0)
            if after:
                return after[0]
        return None

    def enumeration_after(self, pos: int, types, max_gap: int = 4) -> list[Mention]:
        """Mentions of ``types`` listed right after ``pos`` (、/和/及 between them)."""
        out: list[Mention] = []
        cursor = pos
        for x in self.mentions:
            if x.start < pos:
                continue
            gap = self.m[cursor : x.start]
            if _CLAUSE_END.search(gap):
                break
            if out and not _LIST_GAP.match(gap):
                break
            if not out and len(gap) > max_gap:
                break
            if x.type in types:
                out.append(x)
                cursor = x.end
            else:
                break
        return out

    def enumeration_before(self, pos: int, types) -> list[Mention]:
        """Mentions of ``types`` listed right before ``pos``, in text order."""
        out: list[Mention] = []
        cursor = pos
        for x in reversed(self.mentions):
            if x.end > pos:
                continue
            gap = self.m[x.end : cursor]
            if _CLAUSE_END.search(gap) or (out and not _LIST_GAP.match(gap)):
                break
            if x.type in types:
                out.append(x)
                cursor = x.start
            else:
                break
        return list(reversed(out))

    def nearest_before(self, pos: int, types) -> Mention | None:
        found = [x for x in self.mentions if x.type in types and x.end <= pos]
        return found[-1] if found else None


def read_relations(
    ex: Extraction, m: str, by_mention: dict, raw: list[Mention], knowledge: Knowledge
) -> None:
    """Apply every rule to every sentence of the document, adding to ``ex.facts``."""
    context_event = _main_event(ex, by_mention)
    # A plan's sentences without a subject (与中南大学、湖南大学等本地高校合作) are about
    # the zone it plans: the park it names most.
    main_park = _most_mentioned(ex, by_mention, "Park")
    province = home_province(ex.mentions)
    # 台资 cues sit on enumeration items, which may have lost their span to a gazetteer row.
    cues = {x.span: x.attrs["cue"] for x in raw if x.attrs.get("cue")}
    for span in ex.sentences:
        local = ex.mentions_in(*span)
        reader = SentenceReader(ex, m, span, local, by_mention)
        text = reader.text()
        for trig in knowledge.triggers:
            if trig.word not in text:
                continue  # most triggers are absent; a substring test is far cheaper than re
            for match in re.finditer(re.escape(trig.word), text):
                pos = span[0] + match.start()
                _trigger_rule(reader, trig, pos, pos + len(trig.word))
        _posts(reader, province)
        _event_rules(reader, context_event)
        _enterprise_origin(reader, knowledge, cues)
        _policy_rules(reader, knowledge)
        _cooperation(reader, main_park)
        _located(reader)
        _zone_members(reader)
        _issuers_before_verb(reader)
        _statistics(reader, main_park, province)
    _column_projects(ex, m, by_mention)
    _name_composition(ex, m, raw, by_mention)
    _head_policy(ex, m, by_mention, knowledge)
    _document_mentions(ex, m, by_mention)
    _dedupe(ex)


def _main_event(ex: Extraction, by_mention: dict) -> Mention | None:
    """The event a document is about: the one mentioned most often (then first). Sentences
    that name no event (龙明彪致词时表示…) speak of it."""
    return _most_mentioned(ex, by_mention, "Event")


def _most_mentioned(ex: Extraction, by_mention: dict, type_: str) -> Mention | None:
    counts: dict[int, list[Mention]] = {}
    for x in ex.mentions:
        if x.type == type_ and id(x) in by_mention:
            counts.setdefault(id(by_mention[id(x)]), []).append(x)
    if not counts:
        return None
    best = max(counts.values(), key=lambda xs: (len(xs), -xs[0].start))
    return best[0]


def _add(
    reader: SentenceReader, subject, prop: str, obj, rule: str, inferred: bool = False
) -> None:
    if isinstance(subject, Mention):
        subject = reader.entity(subject)
    if subject == "document":
        reader.ex.facts.append(Fact("document", prop, obj, reader.span, rule, inferred))
        return
    if isinstance(obj, Mention):
        obj = reader.entity(obj)
    if subject is obj or subject is None or obj is None:
        return
    reader.ex.facts.append(Fact(subject, prop, obj, reader.span, rule, inferred))


def _trigger_rule(reader: SentenceReader, trig, start: int, end: int) -> None:
    if trig.property == "hasEnterprise" and trig.word in ("落户", "入驻"):
        firms = reader.enumeration_before(start, {"Enterprise"}) or [
            x for x in reader.of_types({"Enterprise"}) if x.end <= start
        ]
        where = reader.enumeration_after(end, trig.subject_types, max_gap=3)
        for place in where[:1]:
            for firm in firms:
                _add(reader, place, "hasEnterprise", firm, f"trigger:{trig.word}")
        return
    # A sentence with a topic (岳阳产业园：…) is about the topic; otherwise the subject is the
    # nearest mention before the trigger.
    subject = (
        reader.topic(trig.subject_types)
        or reader.relied_on(start, trig.subject_types)
        or reader.nearest_before(start, trig.subject_types)
    )
    if subject is None:
        return
    objects = reader.enumeration_after(end, trig.object_types)
    _distributed_jurisdiction(reader, objects)
    if trig.word.endswith("与"):
        # 深化与X合作: only a cooperation stated by 合作 after the objects counts.
        if not objects or not reader.m.startswith("合作", objects[-1].end):
            return
    for obj in objects:
        _add(reader, subject, trig.property, obj, f"trigger:{trig.word}")


def _distributed_jurisdiction(reader: SentenceReader, objects: list[Mention]) -> None:
    """对接台湾新竹科学园区、内湖科技园、南港软体园: the 台湾 before a list places every item
    (inferred: the text says it once, for the first)."""
    if len(objects) < 2:
        return
    first = reader.entity(objects[0])
    where = next(
        (x for x in reader.mentions if x.type == "Place" and x.end == objects[0].start), None
    )
    place = reader.entity(where) if where is not None else None
    if (
        place is None
        and first is not None
        and first.jurisdiction
        and first.canonical != objects[0].surface
    ):
        place = next(
            (
                f.obj
                for f in reader.ex.facts
                if f.subject is first and f.property == "locatedIn" and isinstance(f.obj, Entity)
            ),
            None,
        )
        if place is None:
            prefix = objects[0].surface[: len(objects[0].surface) - len(first.canonical)]
            entry = _knowledge_entry(prefix)
            place = _reference_entity(reader.ex, entry) if entry is not None else None
    if place is None or place.type != "Place":
        return
    for x in objects:
        _add(reader, x, "locatedIn", place, "pattern:list-place", inferred=x is not objects[0])


def _knowledge_entry(name: str):
    from loaders.knowledge import load_knowledge

    return load_knowledge().names.get(name)


def _posts(reader: SentenceReader, province: str = "") -> None:
    for x in reader.of_types({"Person"}):
        if x.attrs.get("repeat"):
            continue
        for org, title, former in x.attrs.get("posts", []):
            body = reader.entity(org) if org is not None else None
            if body is not None and body.type == "Place":
                body = None  # 湖南省省长: the place qualifies the title; no body is named
            qualifier = org.surface if org is not None else ""
            if org is None and title.startswith("省") and province:
                qualifier = province  # 省长 in a Hunan story is 湖南省省长
            person = reader.entity(x)
            if person is not None and not person.jurisdiction:
                person.jurisdiction, person.jurisdiction_cue = _person_side(reader, x, org, body)
            post = {
                "title": title,
                "org": body,
                "org_surface": qualifier,
                "status": "former" if former else "current",
                "byline": x.attrs.get("kind") == "byline",
            }
            _add(reader, x, "holdsPost", ("post", post), f"pattern:{x.attrs.get('kind', 'title')}")


_SIDE_WORDS = {"大陆": "mainland", "台湾": "taiwan", "香港": "hongkong", "澳门": "macao"}


def _person_side(reader: SentenceReader, x: Mention, org: Mention | None, body) -> tuple[str, str]:
    """Which side an official is on: a jurisdiction word right before the post (大陆国台办
    副主任龙明彪, 台湾新党前主席郁慕明), else the jurisdiction of the body of the post."""
    first = org.start if org is not None else x.start
    before = reader.m[max(reader.span[0], first - 4) : first]
    for word, side in _SIDE_WORDS.items():
        if before.endswith(word) or before.endswith(word + "方面有"):
            return side, "post-qualifier"
    if body is not None and body.jurisdiction:
        return body.jurisdiction, "post-body"
    return "", ""


_SPOKE = re.compile(r"致词|致辞|讲话|发表演讲|发言|致欢迎辞")
_ATTEND = re.compile(r"出席|参加|与会")
_MET = re.compile(r"会见|会晤|见了")
_HELD = re.compile(r"举行|举办|召开|开幕")


def _event_rules(reader: SentenceReader, context_event: Mention | None) -> None:
    text = reader.text()
    s0 = reader.span[0]
    events = reader.of_types({"Event"})
    event = events[0] if events else context_event
    persons = reader.of_types({"Person"})
    if event is not None and persons:
        rule_suffix = "" if events else ":context-event"
        spoke_ids = set()
        for clause in _clauses(reader):
            ctext = reader.m[clause[0] : clause[1]]
            said = _SPOKE.search(ctext)
            if said and not ctext[max(0, said.start() - 2) : said.start()].endswith(
                ("重要", "指示")
            ):
                speakers = [
                    p
                    for p in persons
                    if clause[0] <= p.start < clause[0] + said.start()
                    and clause[0] + said.start() - p.end <= 20
                ]
                video = "视频" in ctext
                for p in speakers:
                    spoke_ids.add(id(p))
                    prop = "spokeByVideoAt" if video else "spokeAt"
                    _add(reader, p, prop, event, f"trigger:{said.group()}{rule_suffix}")
        attend = _ATTEND.search(text)
        if attend:
            for p in persons:
                if (
                    p.start >= s0 + attend.end()
                    and id(p) not in spoke_ids
                    and p.attrs.get("kind") != "byline"
                ):
                    _add(reader, p, "attended", event, f"trigger:{attend.group()}{rule_suffix}")
    met = _MET.search(text)
    if met:
        hosts = [p for p in persons if p.end <= s0 + met.start()]
        guests = [p for p in persons if p.start >= s0 + met.end()]
        if hosts:
            for g in guests:
                _add(reader, hosts[-1], "met", g, f"trigger:{met.group()}")
    held = _HELD.search(text)
    if held and events:
        _held_in(reader, events)
        _held_on(reader, events, held)
    # 甲暨乙: two events held as one; the second is part of the first.
    for a, b in zip(events, events[1:], strict=False):
        if reader.m[a.end : b.start] == "暨":
            _add(reader, b, "partOf", a, "pattern:暨")
    # 期间/同时 … 举办/举行 A、B: side events of the event in context.
    if context_event is not None and re.search(r"期间|同时", text) and held:
        for ev in events:
            if ev.start > s0 + held.start() and reader.entity(ev) is not reader.entity(
                context_event
            ):
                _add(
                    reader,
                    ev,
                    "partOf",
                    context_event,
                    "pattern:期间举办",
                    inferred=not (events and events[0] is context_event),
                )


def _held_in(reader: SentenceReader, events: list[Mention]) -> None:
    """在P举行/举办: the events named before 在 (E在P举行) or right after the verb (在P举办E)."""
    text, s0 = reader.text(), reader.span[0]
    matches = list(_HELD.finditer(text))
    for k, held in enumerate(matches):
        zai = text.rfind("在", 0, held.start())
        if zai < 0:
            continue
        places = reader.of_types({"Place"}, s0 + zai, s0 + held.start())
        if not places:
            continue
        place = places[-1]
        nxt = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        next_zai = text.find("在", held.end())
        limit = min(nxt, next_zai if next_zai >= 0 else len(text))
        after = [e for e in events if s0 + held.end() <= e.start < s0 + limit]
        before = [
            e
            for e in events
            if e.end <= s0 + zai and not _CLAUSE_END.search(text[e.end - s0 : zai])
        ]
        for ev in after or before:
            _add(reader, ev, "heldIn", place, f"trigger:在…{held.group()}")


def _held_on(reader: SentenceReader, events: list[Mention], held) -> None:
    """The date of the events a sentence says were held: the date written before the verb;
    the events it dates are those named before it (…论坛昨(21)在长沙举行) or, failing those,
    after it (5月13日至16日，2025湖南…交流会在香港举行). Ranges give heldOn and heldUntil."""
    text, s0 = reader.text(), reader.span[0]
    year = next((int(e.surface[:4]) for e in events if re.match(r"\d{4}", e.surface)), None)
    dates = [o for o in find_dates(text, reader.ex.date, year) if o.start < held.start()]
    if not dates:
        return
    when = dates[-1]
    before = [e for e in events if e.end <= s0 + when.start]
    after = [e for e in events if s0 + when.end <= e.start]
    for ev in before or after:
        _add(reader, ev, "heldOn", when.value, when.rule, inferred=when.inferred)
        if when.until:
            _add(reader, ev, "heldUntil", when.until, when.rule, inferred=when.inferred)


def _clauses(reader: SentenceReader) -> list[tuple[int, int]]:
    out, start = [], reader.span[0]
    for match in re.finditer(r"[，,]", reader.text()):
        out.append((start, reader.span[0] + match.start()))
        start = reader.span[0] + match.end()
    out.append((start, reader.span[1]))
    return out


def _enterprise_origin(reader: SentenceReader, knowledge: Knowledge, cues: dict) -> None:
    origin = {"台资": "台湾", "港资": "香港特别行政区"}
    for x in reader.of_types({"Enterprise"}):
        cue = x.attrs.get("cue") or cues.get(x.span)
        if cue in origin:
            entry = knowledge.names.get(origin[cue])
            if entry is None:
                continue
            place = _reference_entity(reader.ex, entry)
            _add(reader, x, "enterpriseFrom", place, f"cue:{cue}")


def _reference_entity(ex: Extraction, entry) -> Entity:
    """The entity of a gazetteer row that a cue names without a mention in the text."""
    for ent in ex.entities:
        if ent.entry is entry:
            return ent
    ent = Entity(
        type=entry.type, canonical=entry.name, entry=entry, jurisdiction=entry.jurisdiction
    )
    ent.surfaces.add(entry.name)
    ex.entities.append(ent)
    return ent


_IMPLEMENTS = re.compile(r"(根据|贯彻落实|贯彻|落实|按照|依据)")


def _policy_rules(reader: SentenceReader, knowledge: Knowledge) -> None:
    for x in reader.of_types({"Policy"}):
        if x.rule != "pattern:文号":
            continue
        issuer = knowledge.document_numbers.get(x.attrs.get("code", ""))
        entry = knowledge.by_name.get(issuer) if issuer else None
        if entry is not None:
            _add(
                reader,
                x,
                "issuedBy",
                _reference_entity(reader.ex, entry),
                "docnumber:prefix",
                inferred=True,
            )
    for x in reader.of_types({"Policy"}):
        if x.rule != "pattern:《》":
            continue
        title = x.surface
        head = title.split("关于", 1)[0] if "关于" in title else ""
        for body in gazetteer_mentions(head, knowledge):
            if body.type == "GovernmentBody":
                _add(
                    reader, x, "issuedBy", _reference_entity(reader.ex, body.entry), "title:issuer"
                )


def _cooperation(reader: SentenceReader, main_park: Mention | None) -> None:
    text = reader.text()
    for match in re.finditer(r"与", text):
        after = reader.span[0] + match.end()
        partners = reader.enumeration_after(
            after, {"Organization", "GovernmentBody", "Enterprise"}, max_gap=0
        )
        if not partners:
            continue
        tail = reader.m[partners[-1].end : partners[-1].end + 12]
        if not re.match(r"^(等[\u4e00-\u9fff]{0,4})?(合作|共建|签约|签署|联合)", tail):
            continue
        subject = (
            reader.nearest_before(
                reader.span[0] + match.start(),
                {"Park", "Organization", "GovernmentBody", "Enterprise"},
            )
            or main_park
        )
        if subject is not None:
            for p in partners:
                _add(reader, subject, "cooperatesWith", p, "trigger:与…合作")


def _located(reader: SentenceReader) -> None:
    # 台湾新党, 长沙比亚迪: a place written right before an organisation's name places it
    # (inferred: the phrase qualifies, it does not state an address).
    places = {x.end: x for x in reader.of_types({"Place"})}
    for x in reader.of_types({"Organization", "Enterprise"}):
        where = places.get(x.start)
        if where is not None:
            _add(reader, x, "locatedIn", where, "pattern:place-before-name", inferred=True)
    text = reader.text()
    for match in re.finditer(r"位于", text):
        pos = reader.span[0] + match.start()
        subject = reader.nearest_before(
            pos, {"Park", "Enterprise", "Organization", "Project", "GovernmentBody"}
        )
        places = reader.enumeration_after(pos + 2, {"Place", "Park"}, max_gap=0)
        if subject is not None and places:
            _add(reader, subject, "locatedIn", places[-1], "trigger:位于")


_TARGET_YEAR = re.compile(r"到\s*(\d{4})\s*年")
_MEASURE_TRIM = re.compile(
    r"^(?:在|其中|截至目前|目前|全省|累计|共|内|的|中)+"
    r"|(?:达到|达|为|超过|突破|至|约|近|超|共计|合计|总计|共|已|逾|不低于|不少于|以上)+$"
)
_SUBJECT_TYPES = {"Park", "Place", "Enterprise", "Organization", "GovernmentBody", "Event"}


def _statistics(reader: SentenceReader, main_park: Mention | None, province: str) -> None:
    """Amounts a sentence states (投资总额91.5亿元, 到2025年新增台商投资30亿美元): each is a
    quantity of the nearest entity before it (else the sentence's topic, the document's zone,
    the home province, the document), with what it measures and the year it targets."""
    text, s0 = reader.text(), reader.span[0]
    target = _TARGET_YEAR.search(text)
    for amount in find_amounts(text):
        at = s0 + amount.start
        clause_start = max(text.rfind(c, 0, amount.start) for c in "，,；;、：:") + 1
        before = text[clause_start : amount.start]
        # An actor before the figure; a place only where no actor stands before it (台湾 in
        # 入驻合作区的台湾地区前百大企业 qualifies the firms; the zone is the subject).
        subject = reader.nearest_before(at, _SUBJECT_TYPES - {"Place"}) or reader.nearest_before(
            at, {"Place"}
        )
        if subject is not None and subject.end > s0 + clause_start:
            before = reader.m[subject.end : at]
        measure = _MEASURE_TRIM.sub("", before.strip()).strip()
        if not measure:
            tail = text[amount.end :]
            after = re.match(r"[^，,；;、。：:\s]{1,12}", tail)
            measure = after.group(0) if after else ""
        owner = subject or reader.topic(_SUBJECT_TYPES)
        entity = reader.entity(owner) if owner is not None else None
        if entity is None and province:
            # 在湘台资企业近600家: a figure with no subject in its sentence is the province's.
            entity = next((e for e in reader.ex.entities if e.canonical == province), None)
        if entity is None and main_park is not None:
            entity = reader.entity(main_park)
        as_of = reader.ex.date
        until = re.search(r"截至\s*(\d{4})\s*年\s*(\d{1,2})?\s*月?\s*底?", text[: amount.start])
        if until:
            # 截至2021年底 dates the figure; the document's own date would be later.
            month = until.group(2)
            as_of = (
                (f"{until.group(1)}-{int(month):02d}", "gYearMonth")
                if month
                else (until.group(1), "gYear")
            )
        quantity = {
            "value": amount.value,
            "unit": amount.unit,
            "currency": amount.currency,
            "approximate": amount.approximate,
            "measure": measure,
            "text": amount.text,
            "target": target.group(1) if target and target.start() < amount.start else "",
            "as_of": as_of,
            "at": at,
        }
        _add(
            reader,
            entity if entity is not None else "document",
            "hasStatistic",
            ("quantity", quantity),
            "pattern:amount",
        )


def _zone_members(reader: SentenceReader) -> None:
    """合作区岳阳产业园(…)、湘潭产业园(…)和郴州产业园(…): parks listed right after a zone are
    its parts (the zone's short name runs straight into the first park's)."""
    parks = reader.of_types({"Park"})
    for k, zone in enumerate(parks[:-1]):
        first = parks[k + 1]
        if first.start != zone.end or reader.entity(first) is reader.entity(zone):
            continue
        members = [first]
        cursor = first.end
        for x in parks[k + 2 :]:
            gap = reader.m[cursor : x.start]
            if not re.fullmatch(r"[、和及与()]*", gap):
                break
            if reader.entity(x) is not reader.entity(members[-1]):
                members.append(x)
            cursor = x.end
        for p in members:
            _add(reader, p, "partOf", zone, "pattern:zone-list")


_ISSUE_VERB = re.compile(r"出台|印发|发布|制定|颁布")


def _issuers_before_verb(reader: SentenceReader) -> None:
    """湖南省委、省政府…出台「湘台59条措施」: the bodies listed before the verb issue the
    policies named after it."""
    text, s0 = reader.text(), reader.span[0]
    for verb in _ISSUE_VERB.finditer(text):
        at = s0 + verb.start()
        policies = [x for x in reader.of_types({"Policy"}) if at < x.start <= at + 12]
        if not policies:
            continue
        bodies = reader.of_types({"GovernmentBody"}, s0, at)
        if not bodies:
            continue
        listed = reader.enumeration_before(bodies[-1].end, {"GovernmentBody"})
        for body in listed or bodies[-1:]:
            for policy in policies[:1]:
                _add(reader, policy, "issuedBy", body, f"trigger:{verb.group()}")


_COLUMN = re.compile(r"专栏[一二三四五六七八九十\d]*")
_HEADING = re.compile(r"\n(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|专栏)")


def _column_projects(ex: Extraction, m: str, by_mention: dict) -> None:
    """A plan's project column (专栏…重大项目) lists projects, one a line: a line that is only
    a name, then what it does. Every such name is typed Project, whatever its suffix
    (湘潭网驿电子信息产业园, 郴州可持续发展产业创新研究院); where the next sentence opens
    with 依托X, X hosts it."""
    columns = []
    for match in _COLUMN.finditer(m):
        end = _HEADING.search(m, match.end())
        columns.append((match.start(), end.start() if end else len(m)))
    spans = ex.sentences
    for (s, e), nxt in zip(spans, spans[1:], strict=False):
        if not any(a <= s < b for a, b in columns):
            continue
        # The name fills its line, or ends it after the column title the cleaner joined to it.
        only = [
            x
            for x in ex.mentions_in(s, e)
            if e - 1 <= x.end <= e
            and id(x) in by_mention
            and (x.start == s or "专栏" in m[s : x.start])
            and x.type in ("Park", "Organization", "Project")
        ]
        if not only:
            continue
        project = by_mention[id(only[0])]
        project.type = "Project"
        if not m.startswith("依托", nxt[0]):
            continue
        hosts = [
            x
            for x in ex.mentions
            if x.start == nxt[0] + 2 and x.type in ("Park", "Place") and id(x) in by_mention
        ]
        if hosts:
            ex.facts.append(
                Fact(by_mention[id(hosts[0])], "hasProject", project, (s, nxt[1]), "pattern:专栏")
            )


def _name_composition(ex: Extraction, m: str, raw: list[Mention], by_mention: dict) -> None:
    """Facts a name states by its make-up, all marked inferred: 国台办经济局 is a unit of 国台办;
    湘潭经开区海峡两岸智能装备产业合作园 is part of 湘潭经开区 and focuses on 智能装备;
    台湾新竹科学园区 lies in 台湾. (A name's city is not asserted: 岳阳产业园 is named after
    岳阳 but a name does not say where a zone's land is.)"""
    knowledge = _knowledge()
    # Raw positions sorted by start: the mentions inside a name are found by bisection instead
    # of a scan of all of raw per name, then put back in raw order.
    by_start = sorted(range(len(raw)), key=lambda k: raw[k].start)
    starts = [raw[k].start for k in by_start]
    for x in ex.mentions:
        if x.type == "GovernmentBody" and x.entry is not None and id(x) in by_mention:
            _known_body_parent(ex, x, by_mention[id(x)], knowledge)
        if not x.rule.startswith("suffix:") or id(x) not in by_mention:
            continue
        outer = by_mention[id(x)]
        span = ex.sentence_of(x.start, x.end)
        within = by_start[bisect_left(starts, x.start) : bisect_left(starts, x.end)]
        inner = [raw[k] for k in sorted(within) if raw[k] is not x and raw[k].end < x.end]
        prefixes = [
            y for y in inner if y.start == x.start and y.type in ("Place", "Park", "GovernmentBody")
        ]
        if prefixes:
            base = max(prefixes, key=lambda y: y.end)
            prop = {"Place": "locatedIn", "Park": "partOf", "GovernmentBody": "subunitOf"}[
                base.type
            ]
            wanted = {
                # Only a jurisdiction word before another place (台湾新竹科学园区). A city that
                # opens a name (岳阳产业园) says whom the zone belongs to, not where its land is,
                # and 台湾农民创业园 is in Hunan, named for the farmers it serves.
                "locatedIn": base.surface in ("台湾", "香港", "澳门")
                and outer.canonical != x.surface,
                "partOf": outer.type == "Park",
                "subunitOf": outer.type == "GovernmentBody",
            }[prop]
            # Only a wanted fact may bring a reference entity into the graph.
            base_entity = _entity_for_raw(ex, base, by_mention) if wanted else None
            if wanted and base_entity is not None and base_entity is not outer:
                ex.facts.append(
                    Fact(outer, prop, base_entity, span, f"name:built-on-{base.type}", True)
                )
        hosted = any(f.property == "hasProject" and f.obj is outer for f in ex.facts)
        if outer.type == "Project" and prefixes and x.surface.endswith("项目") and not hosted:
            host = _entity_for_raw(ex, max(prefixes, key=lambda y: y.end), by_mention)
            if host is not None and host.type in ("Place", "Park"):
                # 长沙数字化智能平台建设项目: a project named after a place or park is its project.
                ex.facts.append(Fact(host, "hasProject", outer, span, "name:project-host", True))
        if outer.type == "Event":
            for y in inner:
                if (
                    y.type == "Place"
                    and y.start > 0
                    and m[y.start - 1] == "("
                    and m[y.end : y.end + 1] == ")"
                ):
                    place = _entity_for_raw(ex, y, by_mention)
                    if place is not None:
                        # 湖南(长沙)跨境电商交易会: the bracketed city is where it is held.
                        ex.facts.append(
                            Fact(outer, "heldIn", place, span, "name:bracketed-place", True)
                        )
        if outer.type in ("Park", "Event"):
            for y in inner:
                # 电子信息产业合作园, 现代农业产业对接会: an industry the name marks with 产业.
                if y.type == "Industry" and m.startswith("产业", y.end) and y.end + 2 < x.end:
                    industry = _entity_for_raw(ex, y, by_mention)
                    if industry is not None:
                        ex.facts.append(
                            Fact(outer, "focusIndustry", industry, span, "name:industry", True)
                        )


def _known_body_parent(ex: Extraction, x: Mention, body: Entity, knowledge) -> None:
    """中共湖南省委台湾工作办公室: a listed body whose name opens with another listed body's
    name is its unit (inferred from the name, as for discovered names)."""
    for length in range(len(x.surface) - 2, 1, -1):
        entry = knowledge.names.get(x.surface[:length])
        if entry is not None and entry.type == "GovernmentBody" and entry is not x.entry:
            parent = _reference_entity(ex, entry)
            span = ex.sentence_of(x.start, x.end)
            ex.facts.append(
                Fact(body, "subunitOf", parent, span, "name:built-on-GovernmentBody", True)
            )
            return


def _knowledge():
    from loaders.knowledge import load_knowledge

    return load_knowledge()


def _entity_for_raw(ex: Extraction, y: Mention, by_mention: dict) -> Entity | None:
    if id(y) in by_mention:
        return by_mention[id(y)]
    if y.entry is not None:
        ent = _reference_entity(ex, y.entry)
        ent.surfaces.add(y.surface)  # 望城 inside 望城湘台文化创意产业园 names 望城区
        return ent
    for ent in ex.entities:
        if ent.type == y.type and y.surface in ent.surfaces:
            return ent
    return None


def _head_policy(ex: Extraction, m: str, by_mention: dict, knowledge: Knowledge) -> None:
    """The policy a government document is: its number at the head, its issuers, its date."""
    head_end = min(len(m), 600)
    numbers = [
        x
        for x in ex.mentions
        if x.type == "Policy" and x.rule == "pattern:文号" and x.start < head_end
    ]
    if not numbers:
        return
    number = numbers[0]
    policy = by_mention[id(number)]
    spans = ex.sentences
    # Issuers listed above the number, on lines ending in 文件 (the red header).
    before = m[: number.start]
    header = before.rfind("文件")
    if header >= 0:
        for x in ex.mentions:
            if x.type == "GovernmentBody" and x.end <= header:
                ex.facts.append(
                    Fact(
                        policy,
                        "issuedBy",
                        by_mention[id(x)],
                        (x.start, header + 2),
                        "header:issuer",
                    )
                )
    issued = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日印发", m)
    if issued:
        printer = [
            x
            for x in ex.mentions
            if x.type == "GovernmentBody" and 0 <= issued.start() - x.end <= 2
        ]
        for x in printer:
            # 湖南省发展和改革委员会办公室 2022年11月1日印发: the office that printed it.
            ex.facts.append(
                Fact(policy, "issuedBy", by_mention[id(x)], (x.start, issued.end()), "pattern:印发")
            )
        y, mth, d = (int(v) for v in issued.groups())
        ex.facts.append(
            Fact(
                policy,
                "issuedOn",
                (f"{y:04d}-{mth:02d}-{d:02d}", "date"),
                (issued.start(), issued.end()),
                "pattern:印发日期",
            )
        )
    for match in _IMPLEMENTS.finditer(m):
        # The policy named in the same clause after the verb: 根据《…》, or 按照国务院台办、
        # 国家发展改革委等多部委关于设立合作区的批复.
        target = next(
            (
                x
                for x in ex.mentions_in(match.end(), len(m))[:8]
                if x.type == "Policy"
                and x.start <= match.end() + 40
                and x.rule in ("pattern:《》", "pattern:关于", "pattern:文号")
                and not _CLAUSE_END.search(m[match.end() : x.start])
            ),
            None,
        )
        if target is None or by_mention[id(target)] is policy:
            continue
        span = next((s for s in spans if s[0] <= match.start() < s[1]), (match.start(), target.end))
        ex.facts.append(
            Fact(policy, "implements", by_mention[id(target)], span, f"trigger:{match.group(1)}")
        )


_SAYS = re.compile(r"说|表示|指出|强调|介绍|提出|认为")


def _document_mentions(ex: Extraction, m: str, by_mention: dict) -> None:
    """Who names a policy: the policy the document is (its head number) names the policies in
    it; in a news story, the person whose words the sentence reports; failing both, the
    document itself. Each fact quotes the sentence of the first such mention."""
    head = _head_policy_entity(ex, by_mention)
    # A policy the document implements is named by that stronger fact already.
    seen = {(id(f.subject), id(f.obj)) for f in ex.facts if f.property == "implements"}
    for x in ex.mentions:
        if x.type != "Policy" or id(x) not in by_mention:
            continue
        policy = by_mention[id(x)]
        span = ex.sentence_of(x.start, x.end)
        subject = head
        if subject is None:
            said = _SAYS.search(m[span[0] : x.start])
            speakers = [
                y
                for y in ex.mentions
                if y.type == "Person" and said and span[0] <= y.start < span[0] + said.start()
            ]
            subject = by_mention[id(speakers[-1])] if speakers else "document"
        key = (id(subject) if not isinstance(subject, str) else subject, id(policy))
        if subject is policy or key in seen:
            continue
        seen.add(key)
        ex.facts.append(Fact(subject, "mentionsPolicy", policy, span, "mention:policy"))


def _head_policy_entity(ex: Extraction, by_mention: dict) -> Entity | None:
    numbers = [
        x
        for x in ex.mentions
        if x.type == "Policy" and x.rule == "pattern:文号" and x.start < 600 and id(x) in by_mention
    ]
    return by_mention[id(numbers[0])] if numbers else None


def _dedupe(ex: Extraction) -> None:
    seen, out = set(), []
    for f in ex.facts:
        obj = f.obj if not isinstance(f.obj, Entity) else id(f.obj)
        subj = f.subject if not isinstance(f.subject, Entity) else id(f.subject)
        key = (subj, f.property, repr(obj), f.span)
        if key not in seen:
            seen.add(key)
            out.append(f)
    ex.facts[:] = out
