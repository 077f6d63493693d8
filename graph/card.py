"""The entity card: what the graph knows of one entity, each fact with its sentence."""

from __future__ import annotations

from pyoxigraph import NamedNode, Store

from queries import PREFIXES, with_values

_LABELS = """
SELECT DISTINCT ?e ?kind ?l WHERE {
  { ?e rdfs:label ?l BIND("label" AS ?kind) } UNION { ?e skos:altLabel ?l BIND("alias" AS ?kind) }
} ORDER BY ?kind ?l
"""

_CLASSES = (
    "SELECT DISTINCT ?e ?c WHERE { ?e a ?c . FILTER(STRSTARTS(STR(?c), STR(coop:))) } ORDER BY ?c"
)

_FACTS = """
SELECT ?e ?dir ?p ?other ?other_label ?quote ?file ?start ?end ?rule ?inferred WHERE {
  ?ev a coop:Evidence ; rdf:predicate ?p ; coop:quote ?quote ; coop:inDocument/coop:fileName ?file ;
      coop:startOffset ?start ; coop:endOffset ?end ; coop:extractedBy ?rule ; coop:inferred ?inferred .
  { ?ev rdf:subject ?e ; rdf:object ?other BIND("→" AS ?dir) }
  UNION { ?ev rdf:object ?e ; rdf:subject ?other BIND("←" AS ?dir) }
  OPTIONAL { ?other rdfs:label ?ol . FILTER(langMatches(lang(?ol), "zh-Hans")) }
  BIND(COALESCE(?ol, STR(?other)) AS ?other_label)
} ORDER BY ?p ?dir ?other_label ?file ?start
"""


def entity_card(store: Store, iri: NamedNode) -> str:
    """A plain-text card for ``iri``: classes, labels by language, aliases, facts with quotes."""

    def q(text):
        return store.query(
            with_values(text, {"e": iri}), use_default_graph_as_union=True, prefixes=PREFIXES
        )

    lines = [iri.value]
    classes = [r["c"].value.rsplit("#", 1)[-1] for r in q(_CLASSES)]
    lines.append(f"class: {', '.join(classes)}")
    for r in q(_LABELS):
        lit = r["l"]
        lines.append(f"{r['kind'].value}: {lit.value} @{lit.language or ''}")
    lines.append("facts:")
    for r in q(_FACTS):
        p = r["p"].value.rsplit("#", 1)[-1]
        flag = " (inferred)" if r["inferred"].value == "true" else ""
        quote = " ".join(r["quote"].value.split())
        lines.append(f"  {r['dir'].value} {p} {r['other_label'].value}{flag}")
        lines.append(
            f"      「{quote}」 {r['file'].value}:{r['start'].value}-{r['end'].value} [{r['rule'].value}]"
        )
    return "\n".join(lines)
