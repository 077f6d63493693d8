"""Extraction scores: the graph of some documents against hand annotations (gold).

The gold is a folder with ``entities.tsv`` and ``relations.tsv`` (see ``tests/gold-dev/README.md``);
the prediction is what the store holds in each document's named graph. Entities and facts are
compared per document, since the gold says in which documents each entity and relation occurs.

Matching rules
--------------
They are the text of :data:`MATCHING_RULES`, which ``coopkg eval --help`` prints.

Examples
--------
>>> surface_key("「岳陽 產業園」")
'岳阳产业园'
>>> gold = Gold(
...     entities={"yy": GoldEntity("yy", "Park", "岳阳产业园", ("岳阳产业园",), ("002",))},
...     relations=[],
... )
>>> predicted = Predicted(
...     documents={"002": "002_x"},
...     entities=[PredictedEntity("002", "urn:x:yy", "Park", "岳阳产业园", ("岳陽產業園",))],
...     facts=[],
... )
>>> scores = evaluate(gold, predicted)
>>> scores.entity_total.recall, scores.entity_total.precision
(1.0, 1.0)
"""

from __future__ import annotations

import csv
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from pyoxigraph import Literal, NamedNode, Store

from graph.iri import GRAPH, graph_iri, local_name
from loaders.normalize import compact
from ontology import COOP, CORE_CLASSES, CORE_PROPERTIES

#: The rules :func:`evaluate` applies, as the CLI help prints them; the module docstring says
#: the same (a test keeps the two in step).
MATCHING_RULES = """\
- Documents: a document graph …/graph/{stem} is gold document stem[:3]; only gold
  documents that were also built are scored.
- Surfaces: compared after loaders.normalize.compact (Traditional = Simplified, NFKC,
  whitespace ignored) and with the quotes “”‘’「」『』"' and the title marks 《》 removed.
- Entities: a predicted entity (a node typed with a coop: class in the document graph, its
  surfaces every rdfs:label and skos:altLabel there) matches a gold entity of the same document
  when any surface of one equals any surface of the other (the gold canonical name counts) and
  the classes agree; gold Platform agrees with a predicted Park, Organization, Project or Platform.
- Entity recall = gold entities matched / gold entities; precision = predicted entities matching
  some gold entity / predicted entities; micro over all classes. Per class, recall counts by the
  gold class and precision by the predicted class.
- Optional gold entities ([optional] in the notes) are left out of recall, and a predicted entity
  matching only optional gold entities is left out of precision (neither right nor wrong).
- Relations are strict and scored on the core properties only: partOf, subunitOf, locatedIn,
  dockingWith, focusIndustry, hasEnterprise, enterpriseFrom, hasProject, holdsPost, attended,
  spokeAt, met, organizedBy, heldIn, heldOn, issuedBy, issuedOn, implements, mentionsPolicy,
  cooperatesWith, investedIn. coop:spokeByVideoAt counts as spokeAt.
- A predicted fact (one per distinct subject, property and object among the coop:Evidence records
  of a document graph) matches a gold relation of the same document and property when its subject
  matches the gold subject entity and its object matches the gold object: the gold object entity,
  or for a literal the same surface as above; for holdsPost the post's zh-Hans label against the
  gold literal, both without 前 and without anything in brackets; for heldOn and issuedOn equal
  ISO strings. Direction counts, also for met and cooperatesWith.
- Relation recall = gold relations matched / gold relations; precision = predicted facts
  matching some gold relation / predicted facts; per property and micro overall. Gold relations
  whose subject or object is an optional entity are left out, and a predicted fact matching only
  such relations is left out of precision.
- Matching is not one-to-one: one prediction may match several gold items and the reverse, so
  "found" (gold matched) and "correct" (predictions matching) are counted separately.
"""

#: The properties relations are scored on: the design card's, less coop:jurisdiction (a colour of
#: the network, annotated on no gold relation).
SCORED_PROPERTIES: tuple[str, ...] = tuple(p for p in CORE_PROPERTIES if p != "jurisdiction")

#: Product properties scored as another: a video speech is still a speech at the event.
PROPERTY_ALIASES = {"spokeByVideoAt": "spokeAt"}

#: Gold classes that the product may type otherwise (a platform is a park, a body or a project).
CLASS_AGREEMENT = {"Platform": frozenset({"Platform", "Park", "Organization", "Project"})}

DATE_PROPERTIES = frozenset({"heldOn", "issuedOn"})

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_ORG = "http://www.w3.org/ns/org#"
_NOT_ENTITIES = frozenset(
    {COOP + "Document", COOP + "Evidence", COOP + "Jurisdiction", COOP + "Quantity"}
)
_UNSCORED_PREDICATES = frozenset({_RDF + "type", COOP + "jurisdiction"})

# Quotes and title marks wrap names without being part of them (“31条”, 《…意见》).
_QUOTES = str.maketrans("", "", "“”‘’「」『』\"'《》")
# After compact() full-width brackets are ASCII; 【】 has no NFKC form; 〔〕 is kept (document numbers).
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")


# -- gold ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GoldEntity:
    """One annotated entity.

    Attributes
    ----------
    id : str
        The annotation id (``yy_park``).
    type : str
        Its class local name; ``Platform`` may be typed Park, Organization or Project.
    canonical : str
        The canonical zh-Hans name.
    surfaces : tuple of str
        Every surface form, the canonical name included.
    docs : tuple of str
        The 3-digit numbers of the documents that mention it.
    optional : bool
        Borderline (``[optional]`` in the notes): not required, not wrong when found.
    """

    id: str
    type: str
    canonical: str
    surfaces: tuple[str, ...]
    docs: tuple[str, ...]
    optional: bool = False


@dataclass(frozen=True)
class GoldRelation:
    """One annotated relation; ``object`` is an entity id when ``object_is_entity``."""

    subject: str
    predicate: str
    object: str
    object_is_entity: bool
    doc: str
    evidence: str = ""


@dataclass
class Gold:
    """The annotations: entities by id, and relations."""

    entities: dict[str, GoldEntity]
    relations: list[GoldRelation]

    @property
    def docs(self) -> set[str]:
        """Every document number the annotations name."""
        out = {d for e in self.entities.values() for d in e.docs}
        return out | {r.doc for r in self.relations}


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        # QUOTE_NONE: surfaces hold “” and " as text, never as CSV quoting.
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def load_gold(folder: Path | str) -> Gold:
    """Read ``entities.tsv`` and ``relations.tsv`` of a gold folder.

    Parameters
    ----------
    folder : path
        A folder laid out like ``tests/gold-dev``.

    Returns
    -------
    Gold
        Entities keyed by id; a relation object is an entity id if one has that id, else a
        literal.
    """
    folder = Path(folder)
    entities: dict[str, GoldEntity] = {}
    for row in _read_tsv(folder / "entities.tsv"):
        canonical = row["canonical_zh_hans"]
        forms = [s.strip() for s in row.get("surface_forms", "").split("|")]
        surfaces = tuple(dict.fromkeys(s for s in [*forms, canonical] if s))
        docs = tuple(d.strip() for d in row.get("docs", "").split(",") if d.strip())
        entities[row["id"]] = GoldEntity(
            id=row["id"],
            type=row["type"],
            canonical=canonical,
            surfaces=surfaces,
            docs=docs,
            optional="[optional]" in row.get("notes", ""),
        )
    relations = [
        GoldRelation(
            subject=row["subject_id"],
            predicate=row["predicate"],
            object=row["object_id_or_literal"],
            object_is_entity=row["object_id_or_literal"] in entities,
            doc=row["doc"],
            evidence=row.get("evidence", ""),
        )
        for row in _read_tsv(folder / "relations.tsv")
    ]
    return Gold(entities=entities, relations=relations)


# -- predicted -------------------------------------------------------------------------------
@dataclass(frozen=True)
class PredictedEntity:
    """One entity of one document graph: its IRI, coop: class, zh-Hans label and surfaces."""

    doc: str
    iri: str
    type: str
    label: str
    surfaces: tuple[str, ...]


@dataclass(frozen=True)
class PredictedFact:
    """One fact of one document graph.

    ``object`` is an IRI when ``object_is_iri``, else a literal's lexical form (for a post, its
    zh-Hans label); ``predicate`` is the local name after :data:`PROPERTY_ALIASES`.
    """

    doc: str
    subject: str
    predicate: str
    object: str
    object_is_iri: bool


@dataclass
class Predicted:
    """What the store holds for some documents.

    ``documents`` maps each gold document number (``"000"``) to the file stem it came from.
    """

    documents: dict[str, str]
    entities: list[PredictedEntity] = field(default_factory=list)
    facts: list[PredictedFact] = field(default_factory=list)


def _zh_hans(literals: Iterable[Literal]) -> str | None:
    # pyoxigraph lower-cases language tags; compare them case-insensitively.
    found = sorted(x.value for x in literals if (x.language or "").lower() == "zh-hans")
    return found[0] if found else None


def store_documents(store: Store) -> list[str]:
    """The ids (file stems) of the documents a store holds, sorted."""
    found = {
        unquote(q.graph_name.value[len(GRAPH) :])
        for q in store.quads_for_pattern(
            None, NamedNode(_RDF + "type"), NamedNode(COOP + "Document"), None
        )
        if isinstance(q.graph_name, NamedNode) and q.graph_name.value.startswith(GRAPH)
    }
    return sorted(found)


def predicted_from_store(store: Store, doc_ids: Sequence[str] | None = None) -> Predicted:
    """Read the entities and facts of some document graphs.

    Parameters
    ----------
    store : pyoxigraph.Store
        A built store.
    doc_ids : sequence of str, optional
        Document ids (file stems); each is read from its named graph and keyed by its first
        three characters, the gold document number. By default every document in the store.

    Returns
    -------
    Predicted
    """
    if doc_ids is None:
        doc_ids = store_documents(store)
    rdf_type = NamedNode(_RDF + "type")
    names = [NamedNode(_RDFS + "label"), NamedNode(_SKOS + "altLabel")]
    out = Predicted(documents={})
    for doc_id in sorted(doc_ids):
        key = doc_id[:3]
        out.documents[key] = doc_id
        g = NamedNode(graph_iri(doc_id))

        def objects(s, p, g=g):
            return [q.object for q in store.quads_for_pattern(s, p, None, g)]

        labels: dict[str, str] = {}
        for q in store.quads_for_pattern(None, rdf_type, None, g):
            cls = q.object.value
            if not cls.startswith(COOP) or cls in _NOT_ENTITIES:
                continue
            node = q.subject
            lits = [o for p in names for o in objects(node, p) if isinstance(o, Literal)]
            surfaces = tuple(sorted({x.value for x in lits}))
            label = _zh_hans(o for o in objects(node, names[0]) if isinstance(o, Literal))
            labels[node.value] = label or local_name(node.value)
            out.entities.append(
                PredictedEntity(key, node.value, local_name(cls), labels[node.value], surfaces)
            )

        facts: set[PredictedFact] = set()
        for q in store.quads_for_pattern(None, rdf_type, NamedNode(COOP + "Evidence"), g):
            ev = q.subject
            s = objects(ev, NamedNode(_RDF + "subject"))
            p = objects(ev, NamedNode(_RDF + "predicate"))
            o = objects(ev, NamedNode(_RDF + "object"))
            if not (s and p and o) or p[0].value in _UNSCORED_PREDICATES:
                continue
            prop = local_name(p[0].value)
            prop = PROPERTY_ALIASES.get(prop, prop)
            obj = o[0]
            if isinstance(obj, Literal):
                # Dates keep their lexical form: xsd:date, gYearMonth and gYear are ISO strings.
                facts.add(PredictedFact(key, s[0].value, prop, obj.value, False))
            elif NamedNode(_ORG + "Post") in objects(obj, rdf_type):
                post = objects(obj, names[0])
                label = _zh_hans(x for x in post if isinstance(x, Literal))
                facts.add(
                    PredictedFact(key, s[0].value, prop, label or local_name(obj.value), False)
                )
            else:
                facts.add(PredictedFact(key, s[0].value, prop, obj.value, True))
        out.facts.extend(sorted(facts, key=lambda f: (f.subject, f.predicate, f.object)))
    out.entities.sort(key=lambda e: (e.doc, e.type, e.iri))
    return out


# -- matching --------------------------------------------------------------------------------
def surface_key(text: str) -> str:
    """The form under which two surfaces are equal: compact, quotes and 《》 removed.

    >>> surface_key("“31 條”") == surface_key("31条")
    True
    """
    return compact(text).translate(_QUOTES)


def post_key(text: str) -> str:
    """The form under which a post label equals a gold holdsPost literal.

    Former posts (前) and bracketed remarks (记者（台湾导报）) do not count.

    >>> post_key("国民党前主席") == post_key("國民黨主席")
    True
    >>> post_key("记者（台湾导报）")
    '记者'
    """
    text = compact(text)
    while True:
        stripped = _BRACKETED.sub("", text)
        if stripped == text:
            break
        text = stripped
    return surface_key(text.replace("前", ""))


def classes_agree(gold_type: str, predicted_type: str) -> bool:
    """Whether a predicted class may match a gold class.

    >>> classes_agree("Platform", "Park"), classes_agree("Park", "Place")
    (True, False)
    """
    return predicted_type in CLASS_AGREEMENT.get(gold_type, frozenset({gold_type}))


def _literal_matches(prop: str, gold: str, predicted: str) -> bool:
    if prop == "holdsPost":
        return post_key(gold) == post_key(predicted)
    if prop in DATE_PROPERTIES:
        return gold.strip() == predicted.strip()
    return surface_key(gold) == surface_key(predicted)


# -- scores ----------------------------------------------------------------------------------
@dataclass
class Counts:
    """Counts of one row: gold items, predictions, gold found, predictions correct.

    ``None`` stands for a ratio with nothing to divide by (no prediction, no gold).

    >>> c = Counts(gold=4, predicted=5, found=3, correct=2)
    >>> c.precision, c.recall, round(c.f1, 4)
    (0.4, 0.75, 0.5217)
    """

    gold: int = 0
    predicted: int = 0
    found: int = 0
    correct: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Counts) -> Counts:
        self.gold += other.gold
        self.predicted += other.predicted
        self.found += other.found
        self.correct += other.correct
        return self


@dataclass(frozen=True, order=True)
class EntityMiss:
    """A gold entity no prediction matched."""

    doc: str
    type: str
    id: str
    canonical: str


@dataclass(frozen=True, order=True)
class EntityFalsePositive:
    """A predicted entity that matched no gold entity."""

    doc: str
    type: str
    label: str
    iri: str


@dataclass(frozen=True, order=True)
class RelationMiss:
    """A gold relation no predicted fact matched."""

    doc: str
    predicate: str
    subject: str
    object: str
    evidence: str = ""


@dataclass(frozen=True, order=True)
class RelationFalsePositive:
    """A predicted fact that matched no gold relation; subject and object by label."""

    doc: str
    predicate: str
    subject: str
    object: str


@dataclass
class Scores:
    """The outcome of :func:`evaluate`.

    Attributes
    ----------
    docs : tuple of str
        The gold document numbers scored.
    entities : dict of str to Counts
        Per class: ``gold``/``found`` by gold class, ``predicted``/``correct`` by predicted class.
    relations : dict of str to Counts
        Per scored property.
    entity_misses, entity_false_positives, relation_misses, relation_false_positives : list
        Sorted, for reading what went wrong.
    skipped : list of (str, str)
        Files that could not be read, with the reason (from :func:`evaluate_paths`).
    """

    docs: tuple[str, ...] = ()
    entities: dict[str, Counts] = field(default_factory=dict)
    relations: dict[str, Counts] = field(default_factory=dict)
    entity_misses: list[EntityMiss] = field(default_factory=list)
    entity_false_positives: list[EntityFalsePositive] = field(default_factory=list)
    relation_misses: list[RelationMiss] = field(default_factory=list)
    relation_false_positives: list[RelationFalsePositive] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def entity_total(self) -> Counts:
        """Micro totals over all classes."""
        total = Counts()
        for c in self.entities.values():
            total += c
        return total

    @property
    def relation_total(self) -> Counts:
        """Micro totals over all scored properties."""
        total = Counts()
        for c in self.relations.values():
            total += c
        return total

    def precision(self, kind: str, key: str | None = None) -> float | None:
        """Precision of ``kind`` (``"entities"`` or ``"relations"``), one row or overall."""
        return self._row(kind, key).precision

    def recall(self, kind: str, key: str | None = None) -> float | None:
        """Recall of ``kind`` (``"entities"`` or ``"relations"``), one row or overall."""
        return self._row(kind, key).recall

    def f1(self, kind: str, key: str | None = None) -> float | None:
        """F1 of ``kind`` (``"entities"`` or ``"relations"``), one row or overall."""
        return self._row(kind, key).f1

    def _row(self, kind: str, key: str | None) -> Counts:
        if kind not in ("entities", "relations"):
            raise ValueError(f"kind must be 'entities' or 'relations', not {kind!r}")
        if key is None:
            return self.entity_total if kind == "entities" else self.relation_total
        return getattr(self, kind).get(key, Counts())


def evaluate(gold: Gold, predicted: Predicted, *, docs: Iterable[str] | None = None) -> Scores:
    """Score predicted entities and facts against the gold, by :data:`MATCHING_RULES`.

    Parameters
    ----------
    gold : Gold
    predicted : Predicted
    docs : iterable of str, optional
        Gold document numbers to score; by default every gold document that was predicted.

    Returns
    -------
    Scores
    """
    doc_set = set(docs) if docs is not None else gold.docs & set(predicted.documents)
    scores = Scores(docs=tuple(sorted(doc_set)))
    ent_rows: dict[str, Counts] = defaultdict(Counts)
    rel_rows: dict[str, Counts] = {p: Counts() for p in SCORED_PROPERTIES}

    # Entities ---------------------------------------------------------------------------
    by_surface: dict[tuple[str, str], list[GoldEntity]] = defaultdict(list)
    for g in gold.entities.values():
        for d in g.docs:
            if d in doc_set:
                for s in {surface_key(x) for x in g.surfaces}:
                    by_surface[d, s].append(g)

    # (doc, iri) → ids of the gold entities it matches, for the relations below too.
    matches: dict[tuple[str, str], set[str]] = defaultdict(set)
    labels: dict[tuple[str, str], str] = {}
    found: set[tuple[str, str]] = set()
    for p in predicted.entities:
        if p.doc not in doc_set:
            continue
        labels[p.doc, p.iri] = p.label
        hits = {
            g.id
            for s in {surface_key(x) for x in (*p.surfaces, p.label)}
            for g in by_surface.get((p.doc, s), ())
            if classes_agree(g.type, p.type)
        }
        matches[p.doc, p.iri] |= hits
        required = {h for h in hits if not gold.entities[h].optional}
        found |= {(p.doc, h) for h in required}
        if hits and not required:
            continue  # only optional gold: neither right nor wrong
        row = ent_rows[p.type]
        row.predicted += 1
        if required:
            row.correct += 1
        else:
            scores.entity_false_positives.append(EntityFalsePositive(p.doc, p.type, p.label, p.iri))
    for g in gold.entities.values():
        if g.optional:
            continue
        for d in g.docs:
            if d not in doc_set:
                continue
            row = ent_rows[g.type]
            row.gold += 1
            if (d, g.id) in found:
                row.found += 1
            else:
                scores.entity_misses.append(EntityMiss(d, g.type, g.id, g.canonical))
    scores.entities = {k: ent_rows[k] for k in _class_order(ent_rows)}

    # Relations --------------------------------------------------------------------------
    def optional(entity_id: str) -> bool:
        e = gold.entities.get(entity_id)
        return e is not None and e.optional

    gold_rels: dict[tuple[str, str], list[tuple[GoldRelation, bool]]] = defaultdict(list)
    for r in gold.relations:
        if r.doc in doc_set and r.predicate in rel_rows:
            excluded = optional(r.subject) or (r.object_is_entity and optional(r.object))
            gold_rels[r.doc, r.predicate].append((r, excluded))

    def fact_matches(f: PredictedFact, r: GoldRelation) -> bool:
        if r.subject not in matches.get((f.doc, f.subject), ()):
            return False
        if r.object_is_entity:
            return f.object_is_iri and r.object in matches.get((f.doc, f.object), ())
        return not f.object_is_iri and _literal_matches(r.predicate, r.object, f.object)

    matched_rels: set[GoldRelation] = set()
    seen: set[PredictedFact] = set()
    for f in predicted.facts:
        if f.doc not in doc_set or f.predicate not in rel_rows or f in seen:
            continue
        seen.add(f)
        hits = [(r, ex) for r, ex in gold_rels.get((f.doc, f.predicate), ()) if fact_matches(f, r)]
        required = [r for r, ex in hits if not ex]
        matched_rels.update(required)
        if hits and not required:
            continue
        row = rel_rows[f.predicate]
        row.predicted += 1
        if required:
            row.correct += 1
        else:
            scores.relation_false_positives.append(
                RelationFalsePositive(
                    f.doc,
                    f.predicate,
                    labels.get((f.doc, f.subject), local_name(f.subject)),
                    labels.get((f.doc, f.object), local_name(f.object))
                    if f.object_is_iri
                    else f.object,
                )
            )
    for rels in gold_rels.values():
        for r, excluded in rels:
            if excluded:
                continue
            row = rel_rows[r.predicate]
            row.gold += 1
            if r in matched_rels:
                row.found += 1
            else:
                scores.relation_misses.append(
                    RelationMiss(r.doc, r.predicate, r.subject, r.object, r.evidence)
                )
    scores.relations = rel_rows

    scores.entity_misses.sort()
    scores.entity_false_positives.sort()
    scores.relation_misses.sort()
    scores.relation_false_positives.sort()
    return scores


def _class_order(classes: Iterable[str]) -> list[str]:
    # The design card's classes first, in its order, then any others (Platform) by name.
    known = [c for c in CORE_CLASSES if c in classes]
    return known + sorted(set(classes) - set(known))


# -- report ----------------------------------------------------------------------------------
def _ratio(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _table(title: str, rows: dict[str, Counts], total: Counts) -> list[str]:
    width = max([len(title), len("overall"), *(len(k) for k in rows)])
    head = f"{title:<{width}}  {'gold':>5}  {'pred':>5}  {'found':>5}  {'right':>5}  {'P':>5}  {'R':>5}  {'F1':>5}"
    lines = [head, "-" * len(head)]
    for name, c in [*rows.items(), ("overall", total)]:
        if name == "overall":
            lines.append("-" * len(head))
        lines.append(
            f"{name:<{width}}  {c.gold:>5}  {c.predicted:>5}  {c.found:>5}  {c.correct:>5}"
            f"  {_ratio(c.precision):>5}  {_ratio(c.recall):>5}  {_ratio(c.f1):>5}"
        )
    return lines


def _overall(name: str, c: Counts) -> str:
    return (
        f"{name}: P={_ratio(c.precision)} R={_ratio(c.recall)} F1={_ratio(c.f1)}"
        f"  ({c.found}/{c.gold} gold found, {c.correct}/{c.predicted} predictions right)"
    )


def format_report(scores: Scores, *, show_errors: bool = True) -> str:
    """Fixed-width tables of the scores, then (optionally) every miss and false positive.

    Columns: gold items, predictions, gold found, predictions right (matching some gold),
    precision, recall, F1; ``-`` where there is nothing to divide by.

    >>> print(format_report(Scores(docs=("000",)), show_errors=False).splitlines()[0])
    Documents: 000
    """
    lines = [f"Documents: {', '.join(scores.docs) or '(none)'}"]
    for path, reason in scores.skipped:
        lines.append(f"Skipped: {path}: {reason}")
    lines += ["", *_table("class", scores.entities, scores.entity_total)]
    lines += ["", *_table("property", scores.relations, scores.relation_total)]
    lines += ["", _overall("Entities", scores.entity_total)]
    lines.append(_overall("Relations", scores.relation_total))
    if show_errors:
        lines += ["", f"Entity misses ({len(scores.entity_misses)}): doc class id canonical"]
        lines += [f"  {m.doc} {m.type} {m.id} {m.canonical}" for m in scores.entity_misses]
        lines += [
            "",
            f"Entity false positives ({len(scores.entity_false_positives)}): doc class label",
        ]
        lines += [f"  {m.doc} {m.type} {m.label}" for m in scores.entity_false_positives]
        lines += [
            "",
            f"Relation misses ({len(scores.relation_misses)}): doc property subject object",
        ]
        lines += [
            f"  {m.doc} {m.predicate} {m.subject} → {m.object}" for m in scores.relation_misses
        ]
        lines += [
            "",
            f"Relation false positives ({len(scores.relation_false_positives)}): "
            "doc property subject object",
        ]
        lines += [
            f"  {m.doc} {m.predicate} {m.subject} → {m.object}"
            for m in scores.relation_false_positives
        ]
    return "\n".join(lines) + "\n"


# -- from files ------------------------------------------------------------------------------
def evaluate_paths(gold_dir: Path | str, paths: Sequence[Path | str]) -> Scores:
    """Build the graph of some files in a temporary store and score it against a gold folder.

    Parameters
    ----------
    gold_dir : path
        A folder with ``entities.tsv`` and ``relations.tsv``.
    paths : sequence of path
        Document files or folders; files that cannot be read land in ``Scores.skipped``.

    Returns
    -------
    Scores
    """
    from graph.store import BuildReport, building, ontology_quads, write_documents
    from loaders.document import iter_document_paths

    gold = load_gold(gold_dir)
    report = BuildReport()
    with tempfile.TemporaryDirectory(prefix="coopkg-eval-") as tmp:
        with building(Path(tmp) / "store") as store:
            store.extend(ontology_quads())
            write_documents(store, iter_document_paths([Path(p) for p in paths]), report)
            predicted = predicted_from_store(store, report.documents)
    scores = evaluate(gold, predicted)
    scores.skipped = list(report.skipped)
    return scores
