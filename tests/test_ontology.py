"""Tests of the coopkg ontology (``ontology/coopkg.ttl``) and shapes (``ontology/shapes.ttl``).

Only rdflib, pyshacl, pyoxigraph and the ``ontology`` package are used.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from ontology import (
    COOP,
    CORE_CLASSES,
    CORE_PROPERTIES,
    EXTRA_CLASSES,
    EXTRA_PROPERTIES,
    JURISDICTIONS,
    ONTOLOGY_PATH,
    SHAPES_PATH,
)

C = Namespace(COOP)
CSH = Namespace("https://w3id.org/coopkg/shapes#")
SH = Namespace("http://www.w3.org/ns/shacl#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ID = Namespace("https://w3id.org/coopkg/id/")
DOC = Namespace("https://w3id.org/coopkg/doc/")
EV = Namespace("https://w3id.org/coopkg/evidence/")

PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def ont() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def coop_terms(g: Graph, *types: URIRef) -> set[URIRef]:
    """Subjects in the ``coop:`` namespace typed with any of ``types``."""
    return {s for t in types for s in g.subjects(RDF.type, t) if str(s).startswith(COOP)}


def class_set(g: Graph, node) -> set:
    """A class expression as a set of named classes (``owl:unionOf`` expanded)."""
    union = g.value(node, OWL.unionOf)
    if union is None:
        return {node}
    return set(Collection(g, union))


# --------------------------------------------------------------------------- parsing


@pytest.mark.parametrize("path", [ONTOLOGY_PATH, SHAPES_PATH], ids=lambda p: p.name)
def test_parses_in_rdflib_and_pyoxigraph(path):
    g = Graph().parse(path, format="turtle")
    triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert len(g) > 50
    # Both parsers read the same number of triples (no construct only one of them understands).
    assert len(triples) == len(g)


def test_ontology_header(ont):
    onto = URIRef("https://w3id.org/coopkg/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ont
    assert ont.value(onto, DCTERMS.title) is not None
    assert ont.value(onto, DCTERMS.description) is not None
    assert str(ont.value(onto, OWL.versionInfo)) == "1"
    assert "MIT" in str(ont.value(onto, DCTERMS.license))


# --------------------------------------------------------------------------- vocabulary


@pytest.mark.parametrize("name", CORE_CLASSES + EXTRA_CLASSES)
def test_class_declared(ont, name):
    assert (C[name], RDF.type, OWL.Class) in ont


@pytest.mark.parametrize("name", CORE_PROPERTIES + EXTRA_PROPERTIES)
def test_property_declared(ont, name):
    types = set(ont.objects(C[name], RDF.type))
    assert types & set(PROPERTY_TYPES), f"coop:{name} is neither an object nor a datatype property"
    assert not {OWL.ObjectProperty, OWL.DatatypeProperty} <= types


def test_no_coop_post(ont):
    assert (C.Post, None, None) not in ont
    assert (C.holdsPost, RDFS.range, ORG.Post) in ont


def test_every_coop_term_is_labelled_and_commented(ont):
    terms = coop_terms(ont, OWL.Class, *PROPERTY_TYPES, C.Jurisdiction, SKOS.ConceptScheme)
    # classes + properties + 5 jurisdictions + the industry scheme
    assert len(terms) >= len(CORE_CLASSES + EXTRA_CLASSES + CORE_PROPERTIES + EXTRA_PROPERTIES) + 6
    missing = []
    for term in sorted(terms):
        langs = {lit.language for lit in ont.objects(term, RDFS.label)}
        if not {"zh-Hans", "zh-Hant", "en"} <= langs:
            missing.append(f"{term}: labels {sorted(map(str, langs))}")
        comments = {lit.language for lit in ont.objects(term, RDFS.comment)}
        if "en" not in comments:
            missing.append(f"{term}: no English comment")
    assert not missing, "\n".join(missing)


def test_every_coop_term_used_is_defined(ont, shapes):
    """A typo in either file (coop:dockingwith, coop:Taiwn) would slip past the other tests."""
    defined = {s for s in ont.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used = set()
    for g in (ont, shapes):
        for triple in g:
            used |= {t for t in triple if isinstance(t, URIRef) and str(t).startswith(COOP)}
    assert used - defined == set()


# domain / range table of DESIGN.md (None: no rdfs:domain declared, i.e. "anything")
DOMAIN_RANGE = {
    "partOf": ({"Park", "Event"}, {"Park", "Event"}),
    "locatedIn": (None, {"Place"}),
    "dockingWith": ({"Park"}, {"Park", "Organization"}),
    "focusIndustry": ({"Park", "Enterprise"}, {"Industry"}),
    "hasEnterprise": ({"Park", "Place"}, {"Enterprise"}),
    "enterpriseFrom": ({"Enterprise"}, {"Place"}),
    "hasProject": ({"Park"}, {"Project"}),
    "attended": ({"Person"}, {"Event"}),
    "spokeAt": ({"Person"}, {"Event"}),
    "met": ({"Person"}, {"Person"}),
    "organizedBy": ({"Event"}, {"GovernmentBody", "Organization"}),
    "heldIn": ({"Event"}, {"Place"}),
    "issuedBy": ({"Policy"}, {"GovernmentBody", "Organization"}),
    "implements": ({"Policy"}, {"Policy"}),
    "mentionsPolicy": ({"Document", "Policy"}, {"Policy"}),
    "cooperatesWith": (
        {"GovernmentBody", "Organization", "Enterprise", "Park"},
        {"GovernmentBody", "Organization", "Enterprise", "Park"},
    ),
    "investedIn": (
        {"Enterprise", "Organization", "GovernmentBody"},
        {"Enterprise", "Project", "Park"},
    ),
    "jurisdiction": (None, {"Jurisdiction"}),
    "inDocument": ({"Evidence"}, {"Document"}),
}


@pytest.mark.parametrize("name", sorted(DOMAIN_RANGE))
def test_domain_and_range(ont, name):
    domain, range_ = DOMAIN_RANGE[name]
    domains = list(ont.objects(C[name], RDFS.domain))
    ranges = list(ont.objects(C[name], RDFS.range))
    assert len(ranges) == 1
    assert class_set(ont, ranges[0]) == {C[n] for n in range_}
    if domain is None:
        assert domains == []
    else:
        assert len(domains) == 1
        assert class_set(ont, domains[0]) == {C[n] for n in domain}


def test_date_and_literal_ranges(ont):
    for name in ("heldOn", "issuedOn"):
        assert (C[name], RDF.type, OWL.DatatypeProperty) in ont
        assert (C[name], RDFS.range, RDFS.Literal) in ont
    assert (C.holdsPost, RDFS.domain, C.Person) in ont
    for name, datatype in {
        "quote": XSD.string,
        "startOffset": XSD.integer,
        "endOffset": XSD.integer,
        "extractedBy": XSD.string,
        "inferred": XSD.boolean,
        "fileName": XSD.string,
        "sha256": XSD.string,
        "documentNumber": XSD.string,
        "postStatus": XSD.string,
    }.items():
        assert (C[name], RDFS.range, datatype) in ont, name


def test_property_characteristics(ont):
    assert (C.partOf, RDF.type, OWL.TransitiveProperty) in ont
    assert (C.cooperatesWith, RDF.type, OWL.SymmetricProperty) in ont
    assert (C.spokeByVideoAt, RDFS.subPropertyOf, C.spokeAt) in ont
    # a video address is not attendance
    assert (C.spokeAt, RDFS.subPropertyOf, C.attended) not in ont


@pytest.mark.parametrize(
    "triple",
    [
        (C.Enterprise, RDFS.subClassOf, SCHEMA.Corporation),
        (C.Enterprise, RDFS.subClassOf, ORG.FormalOrganization),
        (C.Person, RDFS.subClassOf, SCHEMA.Person),
        (C.Person, RDFS.subClassOf, FOAF.Person),
        (C.GovernmentBody, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
        (C.GovernmentBody, RDFS.subClassOf, ORG.FormalOrganization),
        (C.Organization, RDFS.subClassOf, ORG.Organization),
        (C.Organization, RDFS.subClassOf, SCHEMA.Organization),
        (C.Event, RDFS.subClassOf, SCHEMA.Event),
        (C.Policy, SKOS.closeMatch, SCHEMA.Legislation),
        (C.Place, RDFS.subClassOf, SCHEMA.Place),
        (C.Park, RDFS.subClassOf, SCHEMA.Place),
        (C.Industry, RDFS.subClassOf, SKOS.Concept),
        (C.Project, RDFS.subClassOf, SCHEMA.Project),
        (C.Document, RDFS.subClassOf, FOAF.Document),
        (C.Document, RDFS.subClassOf, SCHEMA.CreativeWork),
        (C.Document, RDFS.subClassOf, PROV.Entity),
        (C.Evidence, RDFS.subClassOf, RDF.Statement),
        (C.Evidence, RDFS.subClassOf, PROV.Entity),
        (C.holdsPost, RDFS.subPropertyOf, ORG.holds),
        (C.subunitOf, RDFS.subPropertyOf, ORG.subOrganizationOf),
        (C.partOf, RDFS.subPropertyOf, DCTERMS.isPartOf),
        (C.locatedIn, SKOS.closeMatch, SCHEMA.containedInPlace),
        (C.inDocument, RDFS.subPropertyOf, PROV.wasQuotedFrom),
        (C.quote, RDFS.subPropertyOf, PROV.value),
        (C.issuedOn, RDFS.subPropertyOf, DCTERMS.issued),
        (C.issuedBy, RDFS.subPropertyOf, DCTERMS.publisher),
        (C.attended, OWL.inverseOf, SCHEMA.attendee),
        (C.heldIn, RDFS.subPropertyOf, SCHEMA.location),
        (C.heldOn, SKOS.closeMatch, SCHEMA.startDate),
        (C.organizedBy, RDFS.subPropertyOf, SCHEMA.organizer),
    ],
    ids=lambda t: f"{t[0].split('#')[-1]}-{t[2].split('/')[-1].split('#')[-1]}",
)
def test_alignment(ont, triple):
    assert triple in ont


JURISDICTION_LABELS = {
    "Mainland": ("中国大陆", "中國大陸", "Mainland China"),
    "Taiwan": ("台湾", "臺灣", "Taiwan"),
    "HongKong": ("香港", "香港", "Hong Kong"),
    "Macao": ("澳门", "澳門", "Macao"),
    "Foreign": ("境外", "境外", "Foreign"),
}


def test_jurisdictions(ont, shapes):
    assert set(JURISDICTIONS) == {"mainland", "taiwan", "hongkong", "macao", "foreign"}
    assert set(JURISDICTIONS.values()) == set(JURISDICTION_LABELS)
    assert coop_terms(ont, C.Jurisdiction) == {C[n] for n in JURISDICTIONS.values()}
    for name, (hans, hant, en) in JURISDICTION_LABELS.items():
        labels = set(ont.objects(C[name], RDFS.label))
        assert labels == {
            Literal(hans, lang="zh-Hans"),
            Literal(hant, lang="zh-Hant"),
            Literal(en, lang="en"),
        }, name
    allowed = set(Collection(shapes, shapes.value(CSH.JurisdictionValue, SH["in"])))
    assert allowed == {C[n] for n in JURISDICTIONS.values()}


def test_industry_scheme(ont):
    assert (C.IndustryScheme, RDF.type, SKOS.ConceptScheme) in ont


# --------------------------------------------------------------------------- shapes: structure


def test_every_core_class_has_a_node_shape(shapes):
    targets = set(shapes.objects(None, SH.targetClass))
    assert {C[n] for n in CORE_CLASSES} | {C.Evidence, ORG.Post} <= targets
    for name in CORE_CLASSES:
        if name == "Document":  # documents are titled with dcterms:title, see shapes.ttl
            continue
        shape = shapes.value(None, SH.targetClass, C[name])
        assert (shape, SH.property, CSH.ZhHansLabel) in shapes, name
        assert (shape, SH.property, CSH.JurisdictionValue) in shapes, name


def test_shapes_are_valid_shacl(shapes):
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


# --------------------------------------------------------------------------- shapes: data

SHA = "0" * 64
QUOTE = "岳阳产业园：充分发挥港口优势，对接台湾新竹科学园区"

VALID_TTL = f"""
@prefix coop: <{COOP}> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <{ID}> .
@prefix doc: <{DOC}> .

id:yueyang a coop:Park ;
    rdfs:label "岳阳产业园"@zh-Hans , "岳陽產業園"@zh-Hant , "Yueyang Industrial Park"@en ;
    coop:jurisdiction coop:Mainland ;
    coop:dockingWith id:hsinchu .

id:hsinchu a coop:Park ;
    rdfs:label "新竹科学园区"@zh-Hans , "新竹科學園區"@zh-Hant ;
    coop:jurisdiction coop:Taiwan .

id:long a coop:Person ;
    rdfs:label "龙明彪"@zh-Hans , "龍明彪"@zh-Hant ;
    coop:holdsPost id:post1 ;
    coop:spokeAt id:conf .

id:post1 a org:Post ;
    rdfs:label "副主任"@zh-Hans ;
    org:postIn id:tao ;
    coop:postStatus "current" .

id:tao a coop:GovernmentBody ;
    rdfs:label "国务院台湾事务办公室"@zh-Hans ;
    coop:jurisdiction coop:Mainland .

id:conf a coop:Event ;
    rdfs:label "第十五届湘台经贸交流合作会"@zh-Hans ;
    coop:heldOn "2023-11-21"^^xsd:date .

doc:002_x a coop:Document ;
    coop:fileName "002_x.txt" ;
    coop:sha256 "{SHA}" .

<{EV}002_x/1> a coop:Evidence , rdf:Statement ;
    rdf:subject id:yueyang ;
    rdf:predicate coop:dockingWith ;
    rdf:object id:hsinchu ;
    coop:inDocument doc:002_x ;
    coop:quote "{QUOTE}" ;
    coop:startOffset 100 ;
    coop:endOffset {100 + len(QUOTE)} ;
    coop:extractedBy "docking:对接" ;
    coop:inferred false .
"""

EVIDENCE = EV["002_x/1"]


def valid_graph() -> Graph:
    return Graph().parse(data=VALID_TTL, format="turtle")


def validate(data: Graph, ont: Graph, shapes: Graph, inference: str = "rdfs"):
    conforms, report, text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ont,
        inference=inference,
        allow_warnings=False,
    )
    return conforms, report, text


def violations(report: Graph) -> set[tuple]:
    """(focus node, path, constraint component local name) of every result."""
    out = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        component = str(report.value(result, SH.sourceConstraintComponent)).split("#")[-1]
        focus = report.value(result, SH.focusNode)
        out.add((focus, report.value(result, SH.resultPath), component))
    return out


def test_valid_graph_conforms(ont, shapes):
    conforms, _, text = validate(valid_graph(), ont, shapes)
    assert conforms, text


def test_valid_graph_conforms_without_inference(ont, shapes):
    conforms, _, text = validate(valid_graph(), ont, shapes, inference="none")
    assert conforms, text


def test_quote_offsets_are_consistent_in_fixture():
    g = valid_graph()
    start = g.value(EVIDENCE, C.startOffset).toPython()
    end = g.value(EVIDENCE, C.endOffset).toPython()
    assert end - start == len(str(g.value(EVIDENCE, C.quote)))


def oxigraph_round_trip(g: Graph) -> Graph:
    store = ox.Store()
    store.load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return Graph().parse(data=dumped.decode("utf-8"), format="nt")


def test_valid_graph_conforms_after_pyoxigraph_round_trip(ont, shapes):
    g = oxigraph_round_trip(valid_graph())
    langs = {lit.language for lit in g.objects(ID.yueyang, RDFS.label)}
    assert langs == {"zh-hans", "zh-hant", "en"}, "pyoxigraph no longer lowercases tags?"
    conforms, _, text = validate(g, ont, shapes)
    assert conforms, text


def test_lowercased_zh_hant_alone_is_still_rejected(ont, shapes):
    g = valid_graph()
    g.remove((ID.yueyang, RDFS.label, Literal("岳阳产业园", lang="zh-Hans")))
    g = oxigraph_round_trip(g)
    conforms, report, _ = validate(g, ont, shapes)
    assert not conforms
    assert (ID.yueyang, RDFS.label, "QualifiedMinCountConstraintComponent") in violations(report)


# Each mutation turns the valid graph into an invalid one; the expected violation says why.
Mutation = Callable[[Graph], None]


def _drop_zh_hans_label(g: Graph) -> None:
    g.remove((ID.yueyang, RDFS.label, Literal("岳阳产业园", lang="zh-Hans")))


def _second_zh_hans_label(g: Graph) -> None:
    g.add((ID.yueyang, RDFS.label, Literal("岳阳园", lang="zh-Hans")))


def _dock_with_industry(g: Graph) -> None:
    g.add((ID.ei, RDF.type, C.Industry))
    g.add((ID.ei, RDFS.label, Literal("电子信息", lang="zh-Hans")))
    g.add((ID.ei, SKOS.inScheme, C.IndustryScheme))
    g.add((ID.yueyang, C.dockingWith, ID.ei))


def _drop_quote(g: Graph) -> None:
    g.remove((EVIDENCE, C.quote, None))


def _foreign_jurisdiction(g: Graph) -> None:
    g.set((ID.hsinchu, C.jurisdiction, URIRef("http://www.wikidata.org/entity/Q865")))


def _unknown_coop_jurisdiction(g: Graph) -> None:
    g.set((ID.tao, C.jurisdiction, C.China))


def _quote_length_mismatch(g: Graph) -> None:
    g.set((EVIDENCE, C.endOffset, Literal(100 + len(QUOTE) + 1)))


def _end_before_start(g: Graph) -> None:
    g.set((EVIDENCE, C.startOffset, Literal(200)))
    g.set((EVIDENCE, C.endOffset, Literal(100)))


def _negative_offset(g: Graph) -> None:
    g.set((EVIDENCE, C.startOffset, Literal(-1)))
    g.set((EVIDENCE, C.endOffset, Literal(len(QUOTE) - 1)))


def _string_offset(g: Graph) -> None:
    g.set((EVIDENCE, C.startOffset, Literal("100")))


def _drop_inferred(g: Graph) -> None:
    g.remove((EVIDENCE, C.inferred, None))


def _blank_subject(g: Graph) -> None:
    g.set((EVIDENCE, RDF.subject, BNode("x")))


def _drop_file_name(g: Graph) -> None:
    g.remove((DOC["002_x"], C.fileName, None))


def _bad_sha(g: Graph) -> None:
    g.set((DOC["002_x"], C.sha256, Literal("ABC")))


def _bad_post_status(g: Graph) -> None:
    g.set((ID.post1, C.postStatus, Literal("acting")))


def _post_in_two_bodies(g: Graph) -> None:
    g.add((ID.post1, ORG.postIn, ID.other_body))


def _plain_string_date(g: Graph) -> None:
    g.set((ID.conf, C.heldOn, Literal("2023年11月21日")))


def _policy_issued_by_place(g: Graph) -> None:
    g.add((ID.hunan, RDF.type, C.Place))
    g.add((ID.hunan, RDFS.label, Literal("湖南", lang="zh-Hans")))
    g.add((ID.opinion, RDF.type, C.Policy))
    g.add((ID.opinion, RDFS.label, Literal("实施意见", lang="zh-Hans")))
    g.add((ID.opinion, C.issuedBy, ID.hunan))


INVALID = {
    "park-without-zh-Hans-label": (
        _drop_zh_hans_label,
        (ID.yueyang, RDFS.label, "QualifiedMinCountConstraintComponent"),
    ),
    "two-zh-Hans-labels": (
        _second_zh_hans_label,
        (ID.yueyang, RDFS.label, "QualifiedMaxCountConstraintComponent"),
    ),
    "docking-with-industry": (
        _dock_with_industry,
        (ID.yueyang, C.dockingWith, "OrConstraintComponent"),
    ),
    "evidence-without-quote": (_drop_quote, (EVIDENCE, C.quote, "MinCountConstraintComponent")),
    "jurisdiction-outside-the-five": (
        _foreign_jurisdiction,
        (ID.hsinchu, C.jurisdiction, "InConstraintComponent"),
    ),
    "unknown-coop-jurisdiction": (
        _unknown_coop_jurisdiction,
        (ID.tao, C.jurisdiction, "InConstraintComponent"),
    ),
    "quote-length-mismatch": (
        _quote_length_mismatch,
        (EVIDENCE, C.quote, "SPARQLConstraintComponent"),
    ),
    "end-before-start": (
        _end_before_start,
        (EVIDENCE, C.startOffset, "LessThanConstraintComponent"),
    ),
    "negative-offset": (
        _negative_offset,
        (EVIDENCE, C.startOffset, "MinInclusiveConstraintComponent"),
    ),
    "offset-as-string": (
        _string_offset,
        (EVIDENCE, C.startOffset, "DatatypeConstraintComponent"),
    ),
    "evidence-without-inferred": (
        _drop_inferred,
        (EVIDENCE, C.inferred, "MinCountConstraintComponent"),
    ),
    "evidence-blank-subject": (
        _blank_subject,
        (EVIDENCE, RDF.subject, "NodeKindConstraintComponent"),
    ),
    "document-without-file-name": (
        _drop_file_name,
        (DOC["002_x"], C.fileName, "MinCountConstraintComponent"),
    ),
    "bad-sha256": (_bad_sha, (DOC["002_x"], C.sha256, "PatternConstraintComponent")),
    "post-status-not-current-or-former": (
        _bad_post_status,
        (ID.post1, C.postStatus, "InConstraintComponent"),
    ),
    "post-in-two-bodies": (
        _post_in_two_bodies,
        (ID.post1, ORG.postIn, "MaxCountConstraintComponent"),
    ),
    "held-on-plain-string": (
        _plain_string_date,
        (ID.conf, C.heldOn, "NodeConstraintComponent"),
    ),
    "policy-issued-by-place": (
        _policy_issued_by_place,
        (ID.opinion, C.issuedBy, "OrConstraintComponent"),
    ),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_graph_is_rejected(ont, shapes, case):
    mutate, expected = INVALID[case]
    g = valid_graph()
    mutate(g)
    conforms, report, text = validate(g, ont, shapes)
    assert not conforms
    assert expected in violations(report), text


def test_class_check_on_single_class_range_needs_no_inference(ont, shapes):
    """focusIndustry has the single-class range coop:Industry: under RDFS inference the range
    types the object, so only validation without inference catches a Park used as an industry."""
    g = valid_graph()
    g.add((ID.yueyang, C.focusIndustry, ID.hsinchu))
    conforms, report, _ = validate(g, ont, shapes, inference="none")
    assert not conforms
    assert (ID.yueyang, C.focusIndustry, "ClassConstraintComponent") in violations(report)
