"""From a document to entities and facts, each fact tied to the sentence that states it.

:func:`extract` runs the pipeline of the design card on one :class:`~loaders.document.Document`:
clean text, matching form, mentions, resolution into entities, relation rules. It returns an
:class:`Extraction`; writing RDF is the job of :class:`graph.context.FactContext`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from loaders.clean import CleanText, clean_text
from loaders.document import Document
from loaders.knowledge import GazetteerEntry, Knowledge, load_knowledge
from loaders.mentions import (
    Mention,
    contextual_mentions,
    distributed_bodies,
    distributed_names,
    enumeration_mentions,
    gazetteer_mentions,
    industries_in_context,
    name_repeats,
    person_mentions,
    policy_mentions,
    resolve_overlaps,
    suffix_mentions,
)
from loaders.normalize import matching_form

#: Leading words that say where a thing is, not what it is called (台湾新竹科学园区).
_JURISDICTION_PREFIXES = {"台湾": "taiwan", "大陆": "mainland", "香港": "hongkong", "澳门": "macao"}


@dataclass
class Entity:
    """One real-world thing as seen in one document."""

    type: str
    canonical: str
    entry: GazetteerEntry | None = None
    mentions: list[Mention] = field(default_factory=list)
    surfaces: set[str] = field(default_factory=set)
    jurisdiction: str = ""
    jurisdiction_cue: str = ""  # how a jurisdiction not from the gazetteer was read
    en: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.type, self.canonical)

    @property
    def first(self) -> Mention:
        return min(self.mentions, key=lambda x: x.start)


@dataclass
class Fact:
    """A statement read from a sentence: subject, property, object, and where it is said.

    ``obj`` is an :class:`Entity` or a literal given as ``(lexical, datatype local name)``;
    ``span`` is a span of the clean text (mapped to the original when written).
    """

    subject: Entity | str
    property: str
    obj: Entity | tuple[str, str] | str
    span: tuple[int, int]
    rule: str
    inferred: bool = False


@dataclass
class Extraction:
    document: Document
    clean: CleanText
    entities: list[Entity]
    facts: list[Fact]
    mentions: list[Mention]
    date: tuple[str, str] | None = None  # (lexical, datatype) of the publication date
    notes: list[str] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions inside ``[start, end)`` (mentions are sorted and do not overlap)."""
        if len(self._starts) != len(self.mentions):
            self._starts[:] = [x.start for x in self.mentions]
        starts = self._starts
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return [x for x in self.mentions[lo:hi] if x.end <= end]

    def sentence_of(self, start: int, end: int) -> tuple[int, int]:
        """The sentence span that holds ``[start, end)``, else the span itself."""
        k = bisect.bisect_right(self.sentences, (start, float("inf"))) - 1
        if k >= 0 and self.sentences[k][0] <= start and end <= self.sentences[k][1]:
            return self.sentences[k]
        return (start, end)


def extract(document: Document, knowledge: Knowledge | None = None) -> Extraction:
    """Run extraction on one document.

    Examples
    --------
    >>> from pathlib import Path
    >>> import tempfile
    >>> from loaders.document import read_document
    >>> p = Path(tempfile.mkdtemp()) / "news.txt"
    >>> _ = p.write_text("沅陵产业园重点发展电子信息、智能制造等产业。", encoding="utf-8")
    >>> ex = extract(read_document(p))
    >>> sorted(e.canonical for e in ex.entities if e.type == "Industry")
    ['智能制造', '电子信息']
    >>> [(f.subject.canonical, f.property, f.obj.canonical) for f in ex.facts
    ...  if f.property == "focusIndustry"]
    [('沅陵产业园', 'focusIndustry', '电子信息'), ('沅陵产业园', 'focusIndustry', '智能制造')]
    """
    knowledge = knowledge or load_knowledge()
    clean = clean_text(document.text, markdown=document.markdown)
    m = matching_form(clean.text)
    mentions, raw = find_mentions(m, knowledge)
    entities, by_mention = resolve_entities(m, mentions, raw, knowledge)
    from loaders.relations import read_relations, sentences

    ex = Extraction(document, clean, entities, [], mentions, date=publication_date(document, m))
    ex.sentences = sentences(clean.text)

    read_relations(ex, m, by_mention, raw, knowledge)
    _drop_unlinked_industries(ex)
    return ex


def _drop_unlinked_industries(ex: Extraction) -> None:
    """An industry is a node of the graph only where a fact links it (a park's focus, an
    event's theme): a term named in passing (发展大数据、云计算) is a word, not an actor."""
    linked = {id(f.obj) for f in ex.facts} | {id(f.subject) for f in ex.facts}
    ex.entities[:] = [e for e in ex.entities if e.type != "Industry" or id(e) in linked]


def find_mentions(m: str, knowledge: Knowledge) -> tuple[list[Mention], list[Mention]]:
    """All mentions of the matching form, overlaps resolved; also the raw, unresolved list."""
    gaz = gazetteer_mentions(m, knowledge)
    raw = list(gaz)
    raw += policy_mentions(m, knowledge)
    raw += suffix_mentions(m, knowledge, gaz)
    raw += enumeration_mentions(m, knowledge, raw)
    raw += contextual_mentions(m, raw)
    raw += person_mentions(m, knowledge, raw)
    chosen = resolve_overlaps(raw)
    # Names a pattern found once are names wherever they recur in the document.
    introduced = {
        x.surface: x
        for x in chosen
        if not x.entry and x.type in ("Person", "Park", "Enterprise", "Event", "Organization")
    }
    declared = _declared_aliases(m, chosen)
    introduced.update(declared)
    for x in chosen:
        # A declared alias found by a pattern too (一会一论坛 ends in 论坛) is still the alias.
        if x.surface in declared:
            x.attrs["alias_of"] = declared[x.surface].attrs["alias_of"]
    repeats = name_repeats(m, introduced, [x.span for x in chosen])
    chosen = industries_in_context(m, resolve_overlaps(chosen + repeats), raw)
    chosen = [
        x
        for x in chosen
        if not (
            x.type == "Place" and (x.entry.name if x.entry else x.surface) in knowledge.scope_words
        )
    ]
    # A body named for several places at once stands for each of them, not for the fragment
    # a suffix scan made of it (郴州三市人民政府).
    spread = distributed_bodies(m, raw)
    spans = {x.span for x in spread}
    # Likewise the shared words of a counted list (…等3个国家级海峡两岸交流基地) name no one
    # thing of their own.
    shared = distributed_names(m, raw)
    spans |= {x.attrs["shared"] for x in shared}
    chosen = [
        x
        for x in chosen
        if not (
            x.type in ("GovernmentBody", "Park", "Project")
            and any(s <= x.start < e for s, e in spans)
        )
    ]
    return chosen, raw + spread + shared


_ALIAS_DECL = re.compile(r"\((?:以下)?简称[“「\"]?([^()“”「」\"]{1,14})[”」\"]?\)")


def _declared_aliases(m: str, mentions: list[Mention]) -> dict[str, Mention]:
    """简称 declarations: (以下简称合作区) makes 合作区 a name of the mention before it."""
    out: dict[str, Mention] = {}
    for match in _ALIAS_DECL.finditer(m):
        target = _mention_before(m, match.start(), mentions)
        # 甲暨乙(简称…): the short name stands for the joint event, i.e. for the first.
        while target is not None and target.start > 0 and m[target.start - 1] == "暨":
            first = next(
                (x for x in mentions if x.end == target.start - 1 and x.type == target.type), None
            )
            if first is None:
                break
            target = first
        if target is not None:
            alias = Mention(
                0,
                0,
                match.group(1),
                target.type,
                "document:简称",
                target.entry,
                {"alias_of": target.surface},
            )
            out[match.group(1)] = alias
    return out


def _mention_before(m: str, pos: int, mentions: list[Mention]) -> Mention | None:
    """The mention that ends at ``pos``, skipping closing brackets and earlier parentheticals."""
    ends = {x.end: x for x in mentions}
    while pos > 0:
        if pos in ends:
            x = ends[pos]
            # A parenthetical mention: the named thing stands before its "(".
            if x.start > 0 and m[x.start - 1] == "(" and pos < len(m) and m[pos] == ")":
                pos = x.start - 1
                continue
            return x
        if m[pos - 1] in "》)":
            if m[pos - 1] == ")":
                depth, k = 0, pos - 1
                while k >= 0:
                    depth += {")": 1, "(": -1}.get(m[k], 0)
                    if depth == 0:
                        break
                    k -= 1
                if pos in ends:
                    return ends[pos]
                if k > 0 and k in ends:
                    pos = k
                    continue
                pos -= 1
                continue
            pos -= 1
            continue
        return None
    return None


def home_province(mentions: list[Mention]) -> str:
    """The province a document speaks from: the provincial-level place it names most."""
    counts: dict[str, int] = {}
    for x in mentions:
        e = x.entry
        if e is not None and e.type == "Place" and not e.parent and e.name.endswith("省"):
            counts[e.name] = counts.get(e.name, 0) + 1
    return max(sorted(counts), key=lambda k: counts[k]) if counts else ""


def canonical_name(
    mention: Mention, knowledge: Knowledge, province: str = ""
) -> tuple[str, GazetteerEntry | None, str]:
    """The canonical zh-Hans name of a mention, its gazetteer row, and a jurisdiction cue."""
    if mention.entry is not None:
        return mention.entry.name, mention.entry, ""
    name = mention.surface
    cue = ""
    if mention.type == "Event":
        name = re.sub(r"^(\d{4})年", r"\1", name)  # 2025年湖南…交流会 = 2025湖南…交流会
    if mention.attrs.get("relative") == "省" and province:
        # 省政府 in a Hunan document is 湖南省人民政府: resolved through the home province.
        name = province + name[1:]
        for long, short in knowledge.abbreviations:
            if name.endswith(short) and not name.endswith(long):
                name = name[: -len(short)] + long
        entry = knowledge.names.get(name)
        if entry is not None and entry.type == mention.type:
            return entry.name, entry, ""
        return name, None, ""
    for prefix, jurisdiction in _JURISDICTION_PREFIXES.items():
        rest = name[len(prefix) :]
        if (
            name.startswith(prefix)
            and len(rest) >= 4
            and mention.type in ("Park", "Enterprise", "Organization")
            # 大陆 never opens an official name; 台湾 may (台湾电机电子出口加工区), so it is a
            # prefix only before another place or a known name.
            and (prefix == "大陆" or rest in knowledge.names or _starts_with_place(rest, knowledge))
        ):
            name, cue = rest, jurisdiction
            break
    for long, short in knowledge.abbreviations:
        # Only the name's own ending is expanded: 国台办经济局 keeps the 台办 of the body it is
        # built on, while 湘潭经开区 becomes 湘潭经济技术开发区.
        if (
            name.endswith(short)
            and not name.endswith(long)
            and mention.type in ("Park", "GovernmentBody")
        ):
            name = name[: -len(short)] + long
    entry = knowledge.names.get(name)
    if entry is not None and entry.type == mention.type:
        return entry.name, entry, cue
    return name, None, cue


def _starts_with_place(name: str, knowledge: Knowledge) -> bool:
    for length in range(min(6, len(name) - 2), 1, -1):
        entry = knowledge.names.get(name[:length])
        if entry is not None and entry.type == "Place":
            return True
    return False


def resolve_entities(
    m: str, mentions: list[Mention], raw: list[Mention], knowledge: Knowledge
) -> tuple[list[Entity], dict[int, Entity]]:
    """Group mentions into entities: same canonical name and class, 简称 aliases, and
    parenthetical equivalents such as 岳阳产业园(湖南城陵矶新港区).

    Returns the entities and a map from ``id(mention)`` to its entity.
    """
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    province = home_province(mentions)
    canon = [canonical_name(x, knowledge, province) for x in mentions]
    by_key: dict[tuple[str, str], int] = {}
    surface_index: dict[str, int] = {}
    for i, x in enumerate(mentions):
        key = (x.type, canon[i][0])
        if key in by_key:
            union(by_key[key], i)
        else:
            by_key[key] = i
        surface_index.setdefault(x.surface, i)
    for i, x in enumerate(mentions):
        alias_of = x.attrs.get("alias_of")
        if alias_of and alias_of in surface_index:
            union(surface_index[alias_of], i)
        # Parenthetical equivalent: A(B) with B of a compatible class.
        if x.start > 0 and m[x.start - 1] == "(" and x.end < len(m) and m[x.end] == ")":
            j = _index_before(mentions, m, x.start - 1)
            if j is not None and _compatible(mentions[j], x):
                union(j, i)
    _merge_head_policy(m, mentions, union)

    groups: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(find(i), []).append(i)
    entities: list[Entity] = []
    by_mention: dict[int, Entity] = {}
    # The places of the raw list by start, in raw order: names are composed from the place they
    # open with, and scanning all of raw for each entity made this step quadratic.
    places_at: dict[int, list[Mention]] = {}
    for y in raw:
        if y.type == "Place":
            places_at.setdefault(y.start, []).append(y)
    for members in groups.values():
        # The canonical name: a gazetteer row if any member has one, else the first mention.
        # Else the first mention that is a name in its own right, not a declared short form.
        own = [i for i in members if not mentions[i].attrs.get("alias_of")]
        pick = next((i for i in members if canon[i][1] is not None), (own or members)[0])
        # A policy is known by its document number wherever it has one: titles are quoted in
        # many ways, the number is the same in every document that cites it.
        numbered = [i for i in members if mentions[i].rule == "pattern:文号"]
        if numbered:
            pick = numbered[0]
        name, entry, _ = canon[pick]
        ent = Entity(type=mentions[pick].type, canonical=name, entry=entry)
        for i in members:
            ent.mentions.append(mentions[i])
            ent.surfaces.add(mentions[i].surface)
            if canon[i][2] and not ent.jurisdiction:
                ent.jurisdiction = canon[i][2]
            by_mention[id(mentions[i])] = ent
        if entry is not None and entry.jurisdiction:
            ent.jurisdiction = entry.jurisdiction
        ent.en = (
            entry.en
            if entry is not None and entry.en
            else _composed_english(ent, places_at, knowledge)
        )
        if not ent.jurisdiction:
            ent.jurisdiction = _jurisdiction_from_name(ent, places_at)
        entities.append(ent)
    # Two groups can still share a key when only one of them met a gazetteer row: merge them.
    merged: dict[tuple[str, str], Entity] = {}
    for ent in entities:
        if ent.key in merged:
            keep = merged[ent.key]
            keep.mentions += ent.mentions
            keep.surfaces |= ent.surfaces
            keep.jurisdiction = keep.jurisdiction or ent.jurisdiction
            for x in ent.mentions:
                by_mention[id(x)] = keep
        else:
            merged[ent.key] = ent
    _nested_places(mentions, raw, merged, knowledge)
    for x in raw:
        if x.rule == "pattern:distributive":
            name, entry, _ = canonical_name(x, knowledge)
            ent = merged.setdefault((x.type, name), Entity(x.type, name, entry))
            ent.mentions.append(x)
            ent.surfaces |= {x.surface, x.attrs["phrase"]}
    return sorted(merged.values(), key=lambda e: e.first.start), by_mention


def _nested_places(
    mentions: list[Mention], raw: list[Mention], merged: dict, knowledge: Knowledge
) -> None:
    """Places named inside a longer name (望城 in 望城湘台文化创意产业园, 长株潭 in the listed
    长株潭国家自主创新示范区) are mentioned too: they become entities of their own, with that
    mention, though the name keeps the span."""
    nested: dict[tuple[int, int], Mention] = {}
    places = sorted((y for y in raw if y.type == "Place"), key=lambda y: y.start)
    starts = [y.start for y in places]
    for x in mentions:
        if x.type == "Place" or len(x.surface) <= 2:
            continue
        lo, hi = bisect.bisect_left(starts, x.start), bisect.bisect_left(starts, x.end)
        inner = [y for y in places[lo:hi] if y.end <= x.end and y.span != x.span]
        if x.entry is not None:
            # A listed name was matched whole: read the places inside it again.
            inner += _places_within(x, knowledge)
        for y in inner:
            if (
                y.type == "Place"
                and y.entry is not None
                and y.entry.name not in knowledge.scope_words
            ):
                nested.setdefault(y.span, y)
    for y in sorted(nested.values(), key=lambda y: y.start):
        key = ("Place", y.entry.name)
        ent = merged.get(key)
        if ent is None:
            ent = merged[key] = Entity(
                "Place", y.entry.name, y.entry, jurisdiction=y.entry.jurisdiction
            )
            ent.en = y.entry.en
        ent.mentions.append(y)
        ent.surfaces.add(y.surface)


def _places_within(x: Mention, knowledge: Knowledge) -> list[Mention]:
    """Gazetteer places inside a listed name, longest first, never the whole name itself."""
    found, p, text = [], 0, x.surface
    while p < len(text):
        step = 1
        for length in knowledge.name_lengths(text[p]):
            entry = knowledge.names.get(text[p : p + length])
            if length < len(text) and entry is not None and entry.type == "Place":
                found.append(
                    Mention(
                        x.start + p,
                        x.start + p + length,
                        text[p : p + length],
                        "Place",
                        "gazetteer:nested",
                        entry,
                    )
                )
                step = length
                break
        p += step
    return found


_EN_PLACE_WORDS = re.compile(
    r"\s+(City|County|Province|District|Prefecture|Special Administrative Region|Autonomous Region)$"
)


def _composed_english(
    ent: Entity, places_at: dict[int, list[Mention]], knowledge: Knowledge
) -> str:
    """An English name composed from a place and a name suffix: 岳阳产业园 → Yueyang Industrial
    Park, when the name is exactly a known place followed by a suffix with an English form.
    ``places_at`` holds the raw place mentions by start."""
    for x in ent.mentions:
        if not x.rule.startswith("suffix:"):
            continue
        suffix = x.rule.split(":", 1)[1]
        rule = next((s for s in knowledge.suffixes if s.suffix == suffix), None)
        if rule is None or not rule.en:
            continue
        stem_end = x.start + len(x.surface) - len(suffix)
        place = next((y for y in places_at.get(x.start, ()) if y.end == stem_end and y.entry), None)
        if place is not None and place.entry.en:
            return f"{_EN_PLACE_WORDS.sub('', place.entry.en)} {rule.en}"
    return ""


def _jurisdiction_from_name(ent: Entity, places_at: dict[int, list[Mention]]) -> str:
    """The jurisdiction of a discovered name that opens with a city or county (岳阳产业园 →
    mainland). A province-level word alone (台湾农民创业园, a park in Hunan named for Taiwan
    farmers) does not say where the thing is. ``places_at`` holds the raw place mentions by
    start."""
    for x in ent.mentions:
        if not x.rule.startswith("suffix:"):
            continue
        for y in places_at.get(x.start, ()):
            e = y.entry
            # A body's province is its seat (福建省工业和信息化厅); for other things only a
            # city or county in the name is.
            seated = e and (e.parent or ent.type == "GovernmentBody")
            if y.end < x.end and seated:
                return e.jurisdiction
    return ""


def _index_before(mentions: list[Mention], m: str, pos: int) -> int | None:
    for j, y in enumerate(mentions):
        if y.end == pos or (y.end == pos - 1 and m[pos - 1] in "》)"):
            return j
    return None


def _compatible(a: Mention, b: Mention) -> bool:
    if a.type == b.type:
        return True
    return {a.type, b.type} <= {"Park", "Organization", "Project"}


def _merge_head_policy(m: str, mentions: list[Mention], union) -> None:
    """A document number at the head followed by 关于印发《X》 names the same policy as X."""
    head = [i for i, x in enumerate(mentions) if x.type == "Policy" and x.start < 600]
    numbers = [i for i in head if mentions[i].rule == "pattern:文号"]
    titles = [i for i in head if mentions[i].rule == "pattern:《》"]
    if numbers and titles:
        n, t = numbers[0], titles[0]
        if (
            0 <= mentions[t].start - mentions[n].end <= 12
            and "关于印发" in m[mentions[n].end : mentions[t].start]
        ):
            union(t, n)


_DATE_URL = re.compile(r"/(20\d{2})/(\d{2})/")


def publication_date(document: Document, m: str) -> tuple[str, str] | None:
    """The publication date as (lexical, xsd local name), precision kept; None if unknown.

    Front matter or the 印发 line give a day; failing that, an upload path in the front matter
    (/2021/10/) gives the month, which is inferred rather than stated.
    """
    date = document.metadata.get("date")
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return (date, "date")
    head = document.text[:3000]
    url = _DATE_URL.search(head)
    if url:
        return (f"{url.group(1)}-{url.group(2)}", "gYearMonth")
    return None
