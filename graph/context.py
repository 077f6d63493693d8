"""The one place that writes facts: :class:`FactContext`.

Like a zavod context, it is handed an extraction and emits quads for the document's named graph:
the document's own description, each entity with its labels, and each fact together with an
evidence record (document, exact quote, character offsets in the original file, rule, inferred
flag). Nothing else in coopkg mints triples about documents, so every fact has its evidence.
"""

from __future__ import annotations

from functools import cache, lru_cache

import opencc
from pyoxigraph import Literal, NamedNode, Quad

from graph.iri import (
    COOP,
    document_iri,
    entity_iri,
    evidence_iri,
    graph_iri,
    post_iri,
    quantity_iri,
)
from loaders.extract import Entity, Extraction, Fact
from loaders.normalize import matching_form

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
DCT = "http://purl.org/dc/terms/"

JURISDICTION = {
    "mainland": "Mainland",
    "taiwan": "Taiwan",
    "hongkong": "HongKong",
    "macao": "Macao",
    "foreign": "Foreign",
}

_TYPE = NamedNode(RDF + "type")
_LABEL = NamedNode(RDFS + "label")
_ALT = NamedNode(SKOS + "altLabel")


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


@cache  # a few dozen ontology terms, built for every quad otherwise
def coop(name: str) -> NamedNode:
    return NamedNode(COOP + name)


class FactContext:
    """Writes one document's named graph.

    Examples
    --------
    >>> from pathlib import Path
    >>> import tempfile
    >>> from loaders.document import read_document
    >>> from loaders.extract import extract
    >>> p = Path(tempfile.mkdtemp()) / "d.txt"
    >>> _ = p.write_text("沅陵产业园重点发展电子信息等产业。", encoding="utf-8")
    >>> doc = read_document(p)
    >>> quads = FactContext(extract(doc)).quads()
    >>> evidence = [q for q in quads if q.predicate.value.endswith("#quote")]
    >>> doc.text[0:17] in {q.object.value for q in evidence}
    True
    """

    def __init__(self, extraction: Extraction):
        self.ex = extraction
        self.doc = extraction.document
        self.graph = NamedNode(graph_iri(self.doc.doc_id))
        self.doc_node = NamedNode(document_iri(self.doc.doc_id))
        self._quads: dict[Quad, None] = {}

    # -- writing -----------------------------------------------------------------------------
    def _emit(self, s, p, o) -> None:
        self._quads[Quad(s, p, o, self.graph)] = None

    def quads(self) -> list[Quad]:
        """All quads of the document's graph, in a deterministic order."""
        if not self._quads:
            self._write_document()
            for ent in self.ex.entities:
                self._write_entity(ent)
            for fact in self.ex.facts:
                self._write_fact(fact)
        return sorted(self._quads, key=str)

    def _write_document(self) -> None:
        d, meta = self.doc_node, self.doc.metadata
        self._emit(d, _TYPE, coop("Document"))
        self._emit(d, coop("fileName"), Literal(self.doc.path.name))
        self._emit(d, coop("sha256"), Literal(self.doc.sha256))
        if meta.get("title"):
            self._emit(
                d, NamedNode(DCT + "title"), Literal(meta["title"], language=_lang(meta["title"]))
            )
        if meta.get("source"):
            self._emit(d, NamedNode(DCT + "source"), Literal(meta["source"]))
        if self.ex.date:
            self._emit(d, NamedNode(DCT + "issued"), _typed(self.ex.date))

    def node(self, ent: Entity) -> NamedNode:
        return NamedNode(entity_iri(ent.type, ent.canonical))

    def _write_entity(self, ent: Entity) -> None:
        node = self.node(ent)
        self._emit(node, _LABEL, Literal(ent.canonical, language="zh-Hans"))
        for x in ent.mentions:
            original = "".join(self.ex.clean.text[x.start : x.end].split())
            if original and original != x.surface:
                self._emit(node, _ALT, Literal(original, language="zh-Hant"))
        for surface in sorted(ent.surfaces):
            self._emit(node, _ALT, Literal(surface, language="zh-Hans"))
        # The zh-Hant label is converted from the canonical name, never taken from one
        # document's spelling (臺/台), so every document graph gives the entity the same label.
        hant = _s2t().convert(ent.canonical)
        self._emit(node, _LABEL, Literal(hant, language="zh-Hant"))
        if ent.en:
            self._emit(node, _LABEL, Literal(ent.en, language="en"))
        if ent.type == "Industry":
            self._emit(node, NamedNode(SKOS + "inScheme"), coop("IndustryScheme"))
        if ent.mentions:
            first = ent.first
            rule = first.rule
            self._assert(node, _TYPE, coop(ent.type), self._span_of(first), rule, False)
            if ent.jurisdiction in JURISDICTION:
                cue = ent.jurisdiction_cue or (
                    "gazetteer"
                    if ent.entry is not None and ent.entry.jurisdiction
                    else "name-prefix"
                )
                self._assert(
                    node,
                    coop("jurisdiction"),
                    coop(JURISDICTION[ent.jurisdiction]),
                    self._span_of(first),
                    f"jurisdiction:{cue}",
                    cue != "gazetteer",
                )
        else:
            # Named by a cue only (台资 → 台湾): typed by the gazetteer, no mention to quote.
            self._emit(node, _TYPE, coop(ent.type))
            if ent.jurisdiction in JURISDICTION:
                self._emit(node, coop("jurisdiction"), coop(JURISDICTION[ent.jurisdiction]))

    def _span_of(self, x) -> tuple[int, int]:
        return self.ex.sentence_of(x.start, x.end)

    def _write_fact(self, fact: Fact) -> None:
        subject = self.doc_node if fact.subject == "document" else self.node(fact.subject)
        obj = fact.obj
        if isinstance(obj, Entity):
            o = self.node(obj)
        elif isinstance(obj, tuple) and obj[0] == "post":
            o = self._write_post(fact.subject, obj[1])
        elif isinstance(obj, tuple) and obj[0] == "quantity":
            o = self._write_quantity(obj[1])
        else:
            o = _typed(obj)
        self._assert(subject, coop(fact.property), o, fact.span, fact.rule, fact.inferred)

    def _write_post(self, person: Entity, post: dict) -> NamedNode:
        org: Entity | None = post["org"]
        # A post is named as written (中共湖南省委副书记, 湖南省委副书记): one label per post in
        # every document graph, while org:postIn ties the spellings to the one body.
        node = NamedNode(post_iri(person.canonical, post["org_surface"], post["title"]))
        self._emit(node, _TYPE, NamedNode(ORG + "Post"))
        label = post["org_surface"] + post["title"]
        self._emit(node, _LABEL, Literal(label, language="zh-Hans"))
        self._emit(node, _LABEL, Literal(_s2t().convert(label), language="zh-Hant"))
        self._emit(node, coop("postStatus"), Literal(post["status"]))
        self._emit(node, NamedNode(ORG + "heldBy"), self.node(person))
        if org is not None:
            self._emit(node, NamedNode(ORG + "postIn"), self.node(org))
        return node

    def _write_quantity(self, q: dict) -> NamedNode:
        """An amount as a node: value (xsd:decimal, for numeric filters), unit, currency, what
        it measures, the year it targets or the date it holds for, and the words as written."""
        node = NamedNode(quantity_iri(self.doc.doc_id, q["at"]))
        self._emit(node, _TYPE, coop("Quantity"))
        self._emit(node, _LABEL, Literal(q["text"], language="zh-Hans"))
        value = format(q["value"].normalize(), "f")
        self._emit(node, coop("amount"), Literal(value, datatype=NamedNode(XSD + "decimal")))
        self._emit(node, coop("unit"), Literal(q["unit"]))
        if q["currency"]:
            self._emit(node, coop("currency"), Literal(q["currency"]))
        flag = "true" if q["approximate"] else "false"
        self._emit(node, coop("approximate"), Literal(flag, datatype=NamedNode(XSD + "boolean")))
        if q["measure"]:
            self._emit(node, coop("measure"), Literal(q["measure"], language="zh-Hans"))
        if q["target"]:
            self._emit(
                node, coop("targetYear"), Literal(q["target"], datatype=NamedNode(XSD + "gYear"))
            )
        elif q["as_of"]:
            self._emit(node, coop("asOf"), _typed(q["as_of"]))
        return node

    def _assert(self, s, p, o, span, rule: str, inferred: bool) -> None:
        """Write a triple and its evidence: the quote of ``span`` in the original file."""
        start, end = self.ex.clean.original_span(*span)
        quote = self.doc.text[start:end]
        ev = NamedNode(evidence_iri(self.doc.doc_id, s, p, o, start, end, rule))
        self._emit(s, p, o)
        self._emit(ev, _TYPE, coop("Evidence"))
        self._emit(ev, _TYPE, NamedNode(RDF + "Statement"))
        self._emit(ev, NamedNode(RDF + "subject"), s)
        self._emit(ev, NamedNode(RDF + "predicate"), p)
        self._emit(ev, NamedNode(RDF + "object"), o)
        self._emit(ev, coop("inDocument"), self.doc_node)
        self._emit(ev, coop("quote"), Literal(quote))
        self._emit(
            ev, coop("startOffset"), Literal(str(start), datatype=NamedNode(XSD + "integer"))
        )
        self._emit(ev, coop("endOffset"), Literal(str(end), datatype=NamedNode(XSD + "integer")))
        self._emit(ev, coop("extractedBy"), Literal(rule))
        self._emit(
            ev,
            coop("inferred"),
            Literal("true" if inferred else "false", datatype=NamedNode(XSD + "boolean")),
        )


def _typed(value) -> Literal:
    lexical, kind = value
    return Literal(lexical, datatype=NamedNode(XSD + kind))


def _lang(text: str) -> str:
    return "zh-Hans" if matching_form(text) == text else "zh-Hant"
