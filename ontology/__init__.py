"""The coopkg ontology (OWL/RDFS) and its SHACL shapes.

The two Turtle files live beside this module; this module only names them and the
fixed vocabulary, so that code never spells an ontology IRI by hand.

Attributes
----------
ONTOLOGY_PATH : pathlib.Path
    ``coopkg.ttl``: classes, properties, jurisdictions, alignments.
SHAPES_PATH : pathlib.Path
    ``shapes.ttl``: SHACL shapes for document graphs.
COOP : str
    The ``coop:`` namespace IRI.
CORE_CLASSES : tuple of str
    The fixed class local names of the design card.
CORE_PROPERTIES : tuple of str
    The fixed property local names of the design card.
EXTRA_CLASSES, EXTRA_PROPERTIES : tuple of str
    Further local names (evidence, documents, posts, jurisdictions).
JURISDICTIONS : dict of str to str
    Jurisdiction token (``mainland``, ``taiwan``, ...) to the local name of its individual.

Examples
--------
>>> COOP + CORE_CLASSES[0]
'https://w3id.org/coopkg/ontology#Park'
>>> COOP + JURISDICTIONS["hongkong"]
'https://w3id.org/coopkg/ontology#HongKong'
>>> ONTOLOGY_PATH.name, SHAPES_PATH.name
('coopkg.ttl', 'shapes.ttl')
"""

from pathlib import Path

__all__ = [
    "COOP",
    "CORE_CLASSES",
    "CORE_PROPERTIES",
    "EXTRA_CLASSES",
    "EXTRA_PROPERTIES",
    "JURISDICTIONS",
    "ONTOLOGY_PATH",
    "SHAPES_PATH",
]

ONTOLOGY_PATH = Path(__file__).parent / "coopkg.ttl"
SHAPES_PATH = Path(__file__).parent / "shapes.ttl"

COOP = "https://w3id.org/coopkg/ontology#"

CORE_CLASSES = (
    "Park",
    "Enterprise",
    "Person",
    "GovernmentBody",
    "Organization",
    "Event",
    "Policy",
    "Place",
    "Industry",
    "Project",
    "Document",
)

CORE_PROPERTIES = (
    "partOf",
    "subunitOf",
    "locatedIn",
    "dockingWith",
    "focusIndustry",
    "hasEnterprise",
    "enterpriseFrom",
    "hasProject",
    "holdsPost",
    "attended",
    "spokeAt",
    "met",
    "organizedBy",
    "heldIn",
    "heldOn",
    "issuedBy",
    "issuedOn",
    "implements",
    "mentionsPolicy",
    "cooperatesWith",
    "investedIn",
    "jurisdiction",
)

EXTRA_CLASSES = ("Evidence", "Jurisdiction", "Quantity")

EXTRA_PROPERTIES = (
    "spokeByVideoAt",
    "postStatus",
    "inDocument",
    "quote",
    "startOffset",
    "endOffset",
    "extractedBy",
    "inferred",
    "fileName",
    "sha256",
    "documentNumber",
    "heldUntil",
    "hasStatistic",
    "amount",
    "unit",
    "currency",
    "approximate",
    "measure",
    "targetYear",
    "asOf",
)

JURISDICTIONS = {
    "mainland": "Mainland",
    "taiwan": "Taiwan",
    "hongkong": "HongKong",
    "macao": "Macao",
    "foreign": "Foreign",
}
