"""Deterministic IRIs: the same thing gets the same IRI in every build.

Entity IRIs carry the class and the canonical zh-Hans name, so they are readable in query
results and stable across rebuilds; characters that an IRI may not hold are percent-encoded.
"""

from __future__ import annotations

import hashlib
import re

BASE = "https://w3id.org/coopkg/"
COOP = BASE + "ontology#"
ID = BASE + "id/"
DOC = BASE + "doc/"
GRAPH = BASE + "graph/"
EVIDENCE = BASE + "evidence/"
REFERENCE_GRAPH = GRAPH + "reference"

# Characters an IRI segment may not hold: delimiters, controls (up to U+0020 and U+007F to
# U+009F) and the percent sign itself.
_UNSAFE = re.compile(r'[ <>"{}|\\^`#?%/\[\]\x00-\x20\x7f-\x9f]')


def _percent_encode(match: re.Match[str]) -> str:
    return "".join(f"%{b:02X}" for b in match.group().encode("utf-8"))


def _segment(text: str) -> str:
    return _UNSAFE.sub(_percent_encode, text)


def entity_iri(class_name: str, canonical: str) -> str:
    """IRI of an entity.

    >>> entity_iri("Park", "岳阳产业园")
    'https://w3id.org/coopkg/id/park/岳阳产业园'
    >>> entity_iri("Policy", "湘政办发〔2021〕58号")
    'https://w3id.org/coopkg/id/policy/湘政办发〔2021〕58号'
    """
    return f"{ID}{class_name.lower()}/{_segment(canonical)}"


def post_iri(person: str, org: str, title: str) -> str:
    """IRI of a post: one person's position in one body (副主任 of 国台办 held by 龙明彪)."""
    return f"{ID}post/{_segment(person)}/{_segment(org + title)}"


def quantity_iri(doc_id: str, offset: int) -> str:
    """IRI of an amount stated in a document, by the document and where the amount stands."""
    return f"{ID}quantity/{_segment(doc_id)}/{offset}"


def document_iri(doc_id: str) -> str:
    return DOC + _segment(doc_id)


def graph_iri(doc_id: str) -> str:
    return GRAPH + _segment(doc_id)


def evidence_iri(doc_id: str, *parts: object) -> str:
    """IRI of an evidence record: a hash of what it states and where."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:20]
    return f"{EVIDENCE}{_segment(doc_id)}/{digest}"


def local_name(iri: str) -> str:
    """The part after the last ``#`` or ``/``.

    >>> local_name("https://w3id.org/coopkg/ontology#Park")
    'Park'
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
