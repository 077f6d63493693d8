"""SHACL validation of the built graph with pySHACL."""

from __future__ import annotations

import pyshacl
import rdflib
from pyoxigraph import RdfFormat, Store

from ontology import ONTOLOGY_PATH, SHAPES_PATH


def validate_store(store: Store) -> tuple[bool, str]:
    """Validate the union of all document graphs against ``ontology/shapes.ttl``.

    No RDFS inference is run: the build writes every entity's class, and inference would make
    single-class range checks pass vacuously.
    """
    data = rdflib.Graph()
    union = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    nt = union.serialize(format=RdfFormat.N_TRIPLES)
    data.parse(data=nt.decode("utf-8") if isinstance(nt, bytes) else nt, format="nt")
    shapes = rdflib.Graph().parse(SHAPES_PATH, format="turtle")
    ontology = rdflib.Graph().parse(ONTOLOGY_PATH, format="turtle")
    conforms, _graph, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none"
    )
    return bool(conforms), text
