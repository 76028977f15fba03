"""Views of RDF terms and statements for the HTML templates: labels instead of IRIs, local links,
dates in words, and footnote numbers for the sources that state each statement.

Nothing here writes HTML: the templates do, with autoescape on. A view holds plain strings;
an ``href`` is only ever a local path or an http(s)/mailto address, never ``javascript:``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from . import dates
from .formats import JSONLD, NTRIPLES, RDFXML, TRIG, TURTLE
from .pagevocab import (DCTERMS, FOAF, LABEL_PREDICATES, RDF_TYPE, RDFS, SKOS, TERM_LABELS, XSD,
                        curie, humanise)
from .siteindex import DateValue, Label, SiteIndex, Source

SAFE_SCHEMES = ("http://", "https://", "mailto:")
DOC_FORMATS = (TURTLE, JSONLD, NTRIPLES, RDFXML, TRIG)
FIRST_PREDICATES = (*LABEL_PREDICATES, SKOS + "altLabel", RDF_TYPE, DCTERMS + "description",
                    SKOS + "definition", RDFS + "comment")
NUMBER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                  "positiveInteger", "unsignedInt", "unsignedLong", "negativeInteger",
                                  "nonPositiveInteger", "unsignedShort", "unsignedByte")}
DECIMAL_TYPES = {XSD + "decimal", XSD + "double", XSD + "float"}
MAX_NESTING = 4


@dataclass(frozen=True)
class Ref:
    """A link to a thing, shown by its label."""

    iri: str
    text: str
    lang: str | None = None
    href: str | None = None
    external: bool = False


@dataclass
class Value:
    """One object of a statement as the page shows it."""

    kind: str  # "ref" | "text" | "date" | "link" | "nested"
    text: str = ""
    lang: str | None = None
    href: str | None = None
    ref: Ref | None = None
    datetime: str | None = None  # for <time datetime=...>
    note: str | None = None  # e.g. the datatype of an unusual literal
    order: str = ""  # sorts dates by time, other values by text
    rows: list["Row"] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)


@dataclass
class Row:
    predicate: Ref
    values: list[Value]


@dataclass(frozen=True)
class SourceView:
    number: int
    graph: Ref
    title: Label | None
    document: Ref | None
    date: str | None
    url: str | None
    url_href: str | None
    archive: str | None
    publisher: Ref | None


class Linker:
    """Maps IRIs onto local paths and labels, from the site index (and a description's labels)."""

    def __init__(self, index: SiteIndex, extra_labels: dict[str, Label] | None = None):
        self.index = index
        self.base = index.base_uri
        self.extra = extra_labels or {}

    def href(self, iri: str) -> str | None:
        """A local path for our own IRIs, the IRI for safe external ones, else None."""
        if iri.startswith(self.base):
            return "/" + iri[len(self.base):]
        return iri if iri.lower().startswith(SAFE_SCHEMES) else None

    def label(self, iri: str) -> Label:
        found = self.index.labels.get(iri) or self.extra.get(iri)
        if found:
            return found
        if iri in TERM_LABELS:
            return Label(TERM_LABELS[iri], "en")
        return Label(humanise(iri) if iri.startswith(self.base) else curie(iri), None)

    def ref(self, iri: str) -> Ref:
        label = self.label(iri)
        return Ref(iri, label.text, label.lang, self.href(iri), not iri.startswith(self.base))

    def predicate(self, iri: str) -> Ref:
        """A property named in plain words: our ontology's label, or a known name."""
        if iri in TERM_LABELS:
            return Ref(iri, TERM_LABELS[iri], "en", self.href(iri), not iri.startswith(self.base))
        return self.ref(iri)


def format_links(iri: str, base: str) -> list[tuple[str, str]]:
    """(label, path) for each RDF format of a thing's description: /id/x -> /doc/x.ttl etc."""
    if not iri.startswith(base):
        return []
    path = iri[len(base):]
    if path.startswith("id/"):
        path = "doc/" + path[3:]
    if not path or path.endswith("/"):
        return []
    return [(f.label, f"/{path}.{f.suffix}") for f in DOC_FORMATS]


class Notes:
    """Footnote numbers for source graphs, in order of first use on a page."""

    def __init__(self, index: SiteIndex, linker: Linker):
        self.index, self.linker = index, linker
        self.numbers: dict[str, int] = {}

    def number(self, graph: str) -> int:
        return self.numbers.setdefault(graph, len(self.numbers) + 1)

    def numbers_for(self, graphs) -> list[int]:
        return sorted(self.number(g) for g in sorted(graphs))

    def sources(self) -> list[SourceView]:
        return [source_view(n, self.index.sources.get(g) or Source(g), self.linker)
                for g, n in sorted(self.numbers.items(), key=lambda item: item[1])]


def source_view(number: int, source: Source, linker: Linker) -> SourceView:
    url = source.url
    return SourceView(
        number=number, graph=linker.ref(source.graph), title=source.title,
        document=linker.ref(source.document) if source.document else None,
        date=source.date.words if source.date else None,
        url=url, url_href=linker.href(url) if url else None,
        archive=linker.href(source.archive) if source.archive else None,
        publisher=linker.ref(source.publisher) if source.publisher else None)


def literal_value(literal: ox.Literal) -> Value:
    """A literal in words: language tags kept, dates at their precision, numbers and booleans readable."""
    text, datatype, lang = literal.value, literal.datatype.value, literal.language
    if lang:
        return Value("text", text, lang=lang)
    if dates.is_date_type(datatype):
        words = dates.date_in_words(text, datatype)
        valid = words != text or datatype == XSD + "gYear"
        return Value("date", words, datetime=text if valid else None, note=None if valid else "invalid date",
                     order=dates.sort_key(text, datatype))
    if datatype == XSD + "boolean":
        return Value("text", {"true": "yes", "1": "yes", "false": "no", "0": "no"}.get(text, text))
    if datatype in NUMBER_TYPES and text.lstrip("+-").isdigit():
        return Value("text", f"{int(text):,}")
    if datatype == XSD + "anyURI":
        safe = text.lower().startswith(SAFE_SCHEMES)
        return Value("link" if safe else "text", text, href=text if safe else None)
    if datatype in (XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString") \
            or datatype in DECIMAL_TYPES:
        return Value("text", text)
    return Value("text", text, note=curie(datatype))


def term_value(term, linker: Linker, nested: dict | None = None, depth: int = 0) -> Value:
    if isinstance(term, ox.Literal):
        return literal_value(term)
    if isinstance(term, ox.NamedNode):
        ref = linker.ref(term.value)
        return Value("ref", ref.text, lang=ref.lang, href=ref.href, ref=ref)
    if nested is not None and term in nested and depth < MAX_NESTING:
        return Value("nested", rows=rows_for(nested[term], linker, None, nested, depth + 1))
    return Value("text", "(an unnamed node)")


def _predicate_order(linker: Linker):
    def key(iri: str):
        if iri in FIRST_PREDICATES:
            return (0, FIRST_PREDICATES.index(iri), "")
        return (1, 0, linker.predicate(iri).text.casefold())
    return key


def rows_for(quads, linker: Linker, notes: Notes | None, nested: dict | None = None,
             depth: int = 0, side: str = "object") -> list[Row]:
    """Group statements by property; one value per distinct object (or subject, for incoming
    links), with the footnote numbers of every graph that states it."""
    grouped: dict[str, dict] = {}
    for quad in quads:
        term = quad.object if side == "object" else quad.subject
        graphs = grouped.setdefault(quad.predicate.value, {}).setdefault(term, set())
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs.add(quad.graph_name.value)
    rows = []
    for predicate in sorted(grouped, key=_predicate_order(linker)):
        values = []
        for term, graphs in grouped[predicate].items():
            value = term_value(term, linker, nested, depth)
            value.sources = notes.numbers_for(graphs) if notes else []
            values.append(value)
        values.sort(key=lambda v: (v.kind != "date", v.order, v.text.casefold()))
        rows.append(Row(linker.predicate(predicate), values))
    return rows


def split_description(description) -> tuple[list, dict]:
    """The statements about the thing itself, and its blank nodes' statements by node."""
    own, nested = [], {}
    for quad in description.about:
        if isinstance(quad.subject, ox.NamedNode) and quad.subject.value == description.iri:
            own.append(quad)
        else:
            nested.setdefault(quad.subject, []).append(quad)
    return own, nested


def description_labels(description) -> dict[str, Label]:
    """rdfs:labels that came with the description, for things the site index does not know."""
    return {q.subject.value: Label(q.object.value, q.object.language)
            for q in description.labels if isinstance(q.object, ox.Literal)}


def title_of(iri: str, linker: Linker, own_quads) -> Label:
    known = linker.index.labels.get(iri)
    if known:
        return known
    for predicate in LABEL_PREDICATES:
        for quad in own_quads:
            if quad.predicate.value == predicate and isinstance(quad.object, ox.Literal):
                return Label(quad.object.value, quad.object.language)
    return linker.label(iri)


def types_of(own_quads, linker: Linker) -> list[Ref]:
    found = {q.object.value for q in own_quads if q.predicate.value == RDF_TYPE and isinstance(q.object, ox.NamedNode)}
    ours = sorted(t for t in found if t.startswith(linker.base))
    reused = sorted(t for t in found if not t.startswith(linker.base) and t != FOAF + "Agent")
    return [linker.ref(t) for t in ours + reused]


def date_words(values: list[DateValue] | tuple[DateValue, ...]) -> str:
    """Several dates in words, earliest first, without repeats: 'March 2017 or April 2017'."""
    ordered = sorted(values, key=lambda d: dates.sort_key(d.value, d.datatype))
    return " or ".join(dict.fromkeys(d.words for d in ordered))
