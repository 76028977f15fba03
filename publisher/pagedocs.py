"""Views for the pages about the data rather than the world: a named graph, the dataset
description (VoID and DCAT) and the ontology's documentation."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from .pagevocab import DCAT, DCTERMS, OWL, RDF, RDF_TYPE, RDFS, SD, SKOS, SPDX, VOID, local_name
from .pageviews import Linker, Ref, Row, rows_for, source_view
from .siteindex import Label, SiteIndex


@dataclass
class ThingView:
    ref: Ref
    anchor: str
    types: list[Ref]
    rows: list[Row]


def _group(quads) -> tuple[dict[str, list], dict]:
    own: dict[str, list] = {}
    nested: dict = {}
    for quad in quads:
        if isinstance(quad.subject, ox.NamedNode):
            own.setdefault(quad.subject.value, []).append(quad)
        else:
            nested.setdefault(quad.subject, []).append(quad)
    return own, nested


def _types(quads, linker: Linker) -> list[Ref]:
    return [linker.ref(q.object.value) for q in quads
            if q.predicate.value == RDF_TYPE and isinstance(q.object, ox.NamedNode)]


def things_in_graph(quads, graph_iri: str, index: SiteIndex, linker: Linker) -> list[ThingView]:
    """Each named subject of a graph with its statements; the graph and its document first."""
    own, nested = _group(quads)
    source = index.sources.get(graph_iri)
    first = [graph_iri, source.document if source else None]

    def order(iri: str):
        return (0, first.index(iri)) if iri in first else (1, linker.label(iri).text.casefold())

    return [ThingView(linker.ref(iri), "thing-" + local_name(iri), _types(own[iri], linker),
                      [r for r in rows_for(own[iri], linker, None, nested) if r.predicate.iri != RDF_TYPE])
            for iri in sorted(own, key=order)]


# -- the dataset description (an rdflib Graph) ----------------------------------------------------

def to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise TypeError(f"not an RDF term: {term!r}")


@dataclass
class DumpView:
    title: str
    href: str | None
    media_type: str
    size: str
    sha256: str


@dataclass
class SubsetView:
    ref: Ref
    triples: str
    source: object  # SourceView or None


@dataclass
class DatasetView:
    iri: str
    title: Label
    description: Label | None
    triples: str
    licence: Ref | None
    endpoint: str | None
    subsets: list[SubsetView] = field(default_factory=list)
    classes: list[tuple[Ref, str]] = field(default_factory=list)
    dumps: list[DumpView] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def _one(graph, subject, *predicates):
    for predicate in predicates:
        for value in graph.objects(subject, URIRef(predicate)):
            return value
    return None


def _number(value) -> str:
    text = str(value) if value is not None else ""
    return f"{int(text):,}" if text.isdigit() else text


def _text(value) -> Label | None:
    return Label(str(value), getattr(value, "language", None)) if value is not None else None


def _dataset_node(graph, base: str):
    node = URIRef(base + "dataset")
    if (node, None, None) in graph:
        return node
    for cls in (VOID + "Dataset", DCAT + "Dataset"):
        for subject in graph.subjects(URIRef(RDF_TYPE), URIRef(cls)):
            return subject
    return node


def dataset_view(graph, index: SiteIndex, linker: Linker) -> DatasetView:
    node = _dataset_node(graph, index.base_uri)
    quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()) for s, p, o in graph]
    own, nested = _group(quads)
    licence = _one(graph, node, DCTERMS + "license", DCTERMS + "rights")
    endpoint = _one(graph, node, VOID + "sparqlEndpoint", DCAT + "endpointURL")
    return DatasetView(
        iri=str(node), title=_text(_one(graph, node, DCTERMS + "title", RDFS + "label")) or Label("The dataset", "en"),
        description=_text(_one(graph, node, DCTERMS + "description", RDFS + "comment")),
        triples=_number(_one(graph, node, VOID + "triples")),
        licence=linker.ref(str(licence)) if isinstance(licence, URIRef) else None,
        endpoint=linker.href(str(endpoint)) if endpoint is not None else None,
        subsets=_subsets(graph, node, index, linker), classes=_classes(graph, node, linker),
        dumps=_dumps(graph, node, linker),
        rows=rows_for(own.get(str(node), []), linker, None, nested) if isinstance(node, URIRef) else [])


def _subsets(graph, node, index: SiteIndex, linker: Linker) -> list[SubsetView]:
    found = []
    for subset in graph.objects(node, URIRef(VOID + "subset")):
        name = _one(graph, subset, SD + "name")
        iri = str(name if name is not None else subset)
        source = index.sources.get(iri)
        found.append(SubsetView(linker.ref(iri), _number(_one(graph, subset, VOID + "triples")),
                                source_view(0, source, linker) if source else None))
    return sorted(found, key=lambda s: s.ref.text.casefold())


def _classes(graph, node, linker: Linker) -> list[tuple[Ref, str]]:
    found = []
    for partition in graph.objects(node, URIRef(VOID + "classPartition")):
        cls = _one(graph, partition, VOID + "class")
        if cls is not None:
            found.append((linker.ref(str(cls)), _number(_one(graph, partition, VOID + "entities"))))
    return sorted(found, key=lambda c: c[0].text.casefold())


def _size(value) -> str:
    if value is None or not str(value).isdigit():
        return str(value or "")
    size = int(str(value))
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if size >= scale:
            return f"{size / scale:.1f} {unit} ({size:,} bytes)"
    return f"{size:,} bytes"


def _sha256(graph, distribution) -> str:
    for checksum in graph.objects(distribution, URIRef(SPDX + "checksum")):
        value = _one(graph, checksum, SPDX + "checksumValue")
        if value is not None:
            return str(value)
    return ""


def _dumps(graph, node, linker: Linker) -> list[DumpView]:
    found = []
    for distribution in graph.objects(node, URIRef(DCAT + "distribution")):
        url = _one(graph, distribution, DCAT + "downloadURL", DCAT + "accessURL")
        title = _one(graph, distribution, DCTERMS + "title", DCTERMS + "format")
        media = _one(graph, distribution, DCAT + "mediaType", DCTERMS + "format")
        name = str(url).rsplit("/", 1)[-1] if url is not None else None
        found.append(DumpView(str(title or name or media or "download"),
                              linker.href(str(url)) if url is not None else None, _media_type(media),
                              _size(_one(graph, distribution, DCAT + "byteSize")), _sha256(graph, distribution)))
    if not found:
        for url in graph.objects(node, URIRef(VOID + "dataDump")):
            found.append(DumpView(str(url).rsplit("/", 1)[-1], linker.href(str(url)), "", "", ""))
    return sorted(found, key=lambda d: d.title.casefold())


IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


def _media_type(media) -> str:
    """DCAT 3 gives dcat:mediaType as an IANA IRI; people read the media type itself."""
    text = str(media or "")
    return text[len(IANA_MEDIA_TYPES):] if text.startswith(IANA_MEDIA_TYPES) else text


# -- the ontology ---------------------------------------------------------------------------------

@dataclass
class TermView:
    ref: Ref
    anchor: str
    kinds: list[Ref]
    comment: Label | None
    rows: list[tuple[str, list[Ref]]]  # e.g. ("Subclass of", [...])


@dataclass
class SchemeView:
    ref: Ref
    anchor: str
    definition: Label | None
    concepts: list[TermView]


@dataclass
class OntologyView:
    ref: Ref
    description: Label | None
    rows: list[Row]
    classes: list[TermView]
    properties: list[TermView]
    schemes: list[SchemeView]


class _Terms:
    def __init__(self, quads):
        self.facts: dict[str, dict[str, list]] = {}
        for quad in quads:
            if isinstance(quad.subject, ox.NamedNode):
                self.facts.setdefault(quad.subject.value, {}).setdefault(quad.predicate.value, []).append(quad.object)

    def iris(self, subject: str, predicate: str) -> list[str]:
        return [o.value for o in self.facts.get(subject, {}).get(predicate, []) if isinstance(o, ox.NamedNode)]

    def text(self, subject: str, *predicates: str) -> Label | None:
        for predicate in predicates:
            for o in self.facts.get(subject, {}).get(predicate, []):
                if isinstance(o, ox.Literal):
                    return Label(o.value, o.language)
        return None

    def of_type(self, *classes: str) -> list[str]:
        return [s for s in self.facts if set(self.iris(s, RDF_TYPE)) & set(classes)]


def _term(iri: str, terms: _Terms, linker: Linker, relations: list[tuple[str, str]]) -> TermView:
    rows = [(name, [linker.ref(o) for o in terms.iris(iri, predicate)]) for name, predicate in relations]
    kinds = [linker.ref(k) for k in terms.iris(iri, RDF_TYPE)]
    return TermView(linker.ref(iri), local_name(iri), kinds,
                    terms.text(iri, RDFS + "comment", SKOS + "definition"), [r for r in rows if r[1]])


def _subclasses(terms: _Terms, iri: str, predicate: str) -> list[str]:
    return [s for s in terms.facts if iri in terms.iris(s, predicate)]


def ontology_view(quads, index: SiteIndex, linker: Linker) -> OntologyView:
    terms = _Terms(quads)
    base = linker.base + "def/"
    order = lambda t: t.ref.text.casefold()  # noqa: E731
    classes = [_term(c, terms, linker, [("Subclass of", RDFS + "subClassOf")]) for c in terms.of_type(OWL + "Class")]
    for view in classes:
        subs = [linker.ref(s) for s in _subclasses(terms, view.ref.iri, RDFS + "subClassOf")]
        view.rows += [("Subclasses", subs)] if subs else []
    properties = [_term(p, terms, linker, [("Domain", RDFS + "domain"), ("Range", RDFS + "range"),
                                           ("Subproperty of", RDFS + "subPropertyOf")])
                  for p in terms.of_type(OWL + "ObjectProperty", OWL + "DatatypeProperty", RDF + "Property")]
    schemes = []
    for scheme in terms.of_type(SKOS + "ConceptScheme"):
        concepts = [_term(c, terms, linker, [("Broader", SKOS + "broader")])
                    for c in terms.of_type(SKOS + "Concept") if scheme in terms.iris(c, SKOS + "inScheme")]
        schemes.append(SchemeView(linker.ref(scheme), "scheme-" + local_name(scheme),
                                  terms.text(scheme, SKOS + "definition", RDFS + "comment"), sorted(concepts, key=order)))
    own = [q for q in quads if isinstance(q.subject, ox.NamedNode) and q.subject.value == base]
    return OntologyView(linker.ref(base), terms.text(base, DCTERMS + "description", RDFS + "comment"),
                        [r for r in rows_for(own, linker, None) if r.predicate.iri != DCTERMS + "description"],
                        sorted(classes, key=order), sorted(properties, key=order), sorted(schemes, key=lambda s: s.ref.text))
