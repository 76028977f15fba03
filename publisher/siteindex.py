"""What the HTML pages need to know about the whole site, computed once at start-up.

``build_site_index(store, settings)`` reads every data quad and the ontology once and keeps:
each graph's source document (title, date, URL, archive copy, publisher), a label and the types
of every thing, the succession links between organisations (``dcterms:isReplacedBy`` /
``dcterms:replaces`` and ``org:ChangeEvent``s with their dates and transferred functions),
phases, events, partnerships per phase, posts held, and the counts for the home page.
Rendering a page then costs a describe and dictionary look-ups, never a scan of the dataset.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from . import dates
from .pagevocab import DCTERMS, FOAF, LABEL_PREDICATES, LP, ORG, PROV, RDF_TYPE, RDFS, SCHEMA, SKOS


@dataclass(frozen=True)
class Label:
    text: str
    lang: str | None = None


@dataclass(frozen=True)
class DateValue:
    """A literal date as written in the data (its lexical form and datatype IRI)."""

    value: str
    datatype: str

    @property
    def words(self) -> str:
        return dates.date_in_words(self.value, self.datatype)

    @property
    def span(self):
        return dates.date_span(self.value, self.datatype)


@dataclass(frozen=True)
class Source:
    """A data graph and the document it was derived from."""

    graph: str
    document: str | None = None
    title: Label | None = None
    date: DateValue | None = None
    url: str | None = None
    archive: str | None = None
    publisher: str | None = None


@dataclass
class Succession:
    """One organisation followed by another, merged over every source and change event."""

    original: str
    resulting: str
    dates: list[DateValue] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    graphs: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class PhaseInfo:
    iri: str
    programme: str | None
    number: int | None
    starts: tuple[DateValue, ...]
    ends: tuple[DateValue, ...]
    planned_ends: tuple[DateValue, ...]


@dataclass(frozen=True)
class EventInfo:
    iri: str
    dates: tuple[DateValue, ...]
    links: frozenset[str]  # every IRI the event points to (its phase, programme, organiser...)


@dataclass(frozen=True)
class PartnershipInfo:
    iri: str
    phases: tuple[str, ...]
    themes: tuple[str, ...]
    members: tuple[str, ...]
    leads: tuple[str, ...]
    members_unknown: bool


@dataclass(frozen=True)
class Post:
    membership: str
    person: str | None
    organisation: str | None
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Counts:
    triples: int
    graphs: int
    organisations: int
    people: int
    partnerships: int
    phases: int
    documents: int


@dataclass
class SiteIndex:
    base_uri: str
    sources: dict[str, Source]
    labels: dict[str, Label]
    short_labels: dict[str, Label]
    types: dict[str, frozenset[str]]
    successions: list[Succession]
    parents: dict[str, tuple[str, ...]]
    phases: dict[str, PhaseInfo]
    events: dict[str, EventInfo]
    partnerships: dict[str, PartnershipInfo]
    posts: list[Post]
    org_classes: frozenset[str]
    counts: Counts
    cache: dict = field(default_factory=dict)  # rendered whole-site pages (home, ontology)

    def label(self, iri: str) -> Label | None:
        return self.labels.get(iri)

    def instances(self, *classes: str) -> list[str]:
        """Things of any of the classes, sorted by label."""
        wanted = set(classes)
        found = [iri for iri, types in self.types.items() if types & wanted]
        return sorted(found, key=self.sort_key)

    def sort_key(self, iri: str) -> str:
        label = self.labels.get(iri)
        return (label.text if label else iri).casefold()

    def organisations(self) -> list[str]:
        return self.instances(*self.org_classes)

    def successors(self, iri: str) -> list[Succession]:
        return [s for s in self.successions if s.original == iri]

    def predecessors(self, iri: str) -> list[Succession]:
        return [s for s in self.successions if s.resulting == iri]

    def partnerships_in(self, phase: str) -> list[PartnershipInfo]:
        found = [p for p in self.partnerships.values() if phase in p.phases]
        return sorted(found, key=lambda p: self.sort_key(p.iri))

    def posts_of(self, iri: str) -> list[Post]:
        return [p for p in self.posts if iri in (p.person, p.organisation)]

    def phases_of(self, programme: str) -> list[PhaseInfo]:
        found = [p for p in self.phases.values() if p.programme == programme]
        return sorted(found, key=lambda p: (p.number is None, p.number or 0, p.iri))

    def events_of(self, iris: set[str]) -> list[EventInfo]:
        found = [e for e in self.events.values() if e.links & iris]
        return sorted(found, key=lambda e: min((dates.sort_key(d.value, d.datatype) for d in e.dates),
                                               default="9999"))


class _Facts:
    """Subject -> predicate -> objects over the whole dataset, with the graphs of each triple."""

    def __init__(self, quads):
        self.objects: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self.graphs: dict[tuple, set[str]] = defaultdict(set)
        for quad in quads:
            if not isinstance(quad.subject, ox.NamedNode):
                continue
            key = (quad.subject.value, quad.predicate.value, quad.object)
            if key not in self.graphs:
                self.objects[quad.subject.value][quad.predicate.value].append(quad.object)
            if isinstance(quad.graph_name, ox.NamedNode):
                self.graphs[key].add(quad.graph_name.value)

    def get(self, subject: str, predicate: str) -> list:
        return self.objects.get(subject, {}).get(predicate, [])

    def iris(self, subject: str, predicate: str) -> list[str]:
        return [o.value for o in self.get(subject, predicate) if isinstance(o, ox.NamedNode)]

    def first_iri(self, subject: str, predicate: str) -> str | None:
        return next(iter(self.iris(subject, predicate)), None)

    def date_values(self, subject: str, *predicates: str) -> tuple[DateValue, ...]:
        found = [DateValue(o.value, o.datatype.value) for p in predicates for o in self.get(subject, p)
                 if isinstance(o, ox.Literal) and dates.is_date_type(o.datatype.value)]
        return tuple(dict.fromkeys(found))

    def subjects_of_type(self, cls: str) -> list[str]:
        return [s for s, po in self.objects.items() if any(o.value == cls for o in po.get(RDF_TYPE, []))]


def build_site_index(store, settings) -> SiteIndex:
    """Read the data graphs and the ontology once and index what the pages show."""
    data_quads = store.quads()
    ontology_quads = store.quads(settings.ontology_graph)
    facts = _Facts(list(data_quads) + list(ontology_quads))
    types = {s: frozenset(facts.iris(s, RDF_TYPE)) for s in facts.objects if facts.iris(s, RDF_TYPE)}
    org_classes = _subclasses(_Facts(ontology_quads), ORG + "FormalOrganization")
    labels, short_labels = _labels(facts)
    sources = {g: _source(facts, g, labels) for g in store.data_graphs()}
    sources[settings.ontology_graph] = _ontology_source(settings, labels)
    index = SiteIndex(
        base_uri=settings.base_uri, sources=sources, labels=labels, short_labels=short_labels,
        types=types, successions=_successions(facts), parents=_parents(facts),
        phases=_phases(facts), events=_events(facts),
        partnerships=_partnerships(facts), posts=_posts(facts),
        org_classes=org_classes, counts=Counts(0, 0, 0, 0, 0, 0, 0))
    index.counts = _counts(store, index)
    return index


def _counts(store, index: SiteIndex) -> Counts:
    return Counts(
        triples=store.stats().triples, graphs=len(store.data_graphs()),
        organisations=len(index.organisations()), people=len(index.instances(FOAF + "Person")),
        partnerships=len(index.instances(LP + "Partnership")), phases=len(index.instances(LP + "Phase")),
        documents=len(index.instances(FOAF + "Document")))


def _subclasses(ontology: _Facts, root: str) -> frozenset[str]:
    found, changed = {root}, True
    while changed:
        changed = False
        for cls in list(ontology.objects):
            if cls not in found and set(ontology.iris(cls, RDFS + "subClassOf")) & found:
                found.add(cls)
                changed = True
    return frozenset(found)


def _label_rank(predicate_rank: int, literal: ox.Literal) -> tuple[int, int]:
    lang = (literal.language or "").lower()
    lang_rank = 0 if lang in ("en", "en-gb") or lang.startswith("en-") else 1 if not lang else 2
    return predicate_rank, lang_rank


def _labels(facts: _Facts) -> tuple[dict[str, Label], dict[str, Label]]:
    labels, short = {}, {}
    for subject in facts.objects:
        candidates = [(_label_rank(rank, o), o) for rank, p in enumerate(LABEL_PREDICATES)
                      for o in facts.get(subject, p) if isinstance(o, ox.Literal)]
        if candidates:
            best = min(candidates, key=lambda c: (c[0], c[1].value))[1]
            labels[subject] = Label(best.value, best.language)
        alt = [o for o in facts.get(subject, SKOS + "altLabel") if isinstance(o, ox.Literal)]
        if alt:
            best = min(alt, key=lambda o: (len(o.value), o.value))
            short[subject] = Label(best.value, best.language)
    return labels, short


def _source(facts: _Facts, graph: str, labels: dict[str, Label]) -> Source:
    document = facts.first_iri(graph, PROV + "wasDerivedFrom")
    if document is None:
        return Source(graph)
    titles = [o for o in facts.get(document, DCTERMS + "title") if isinstance(o, ox.Literal)]
    when = facts.date_values(document, SCHEMA + "dateModified", DCTERMS + "date",
                             SCHEMA + "datePublished", DCTERMS + "modified", DCTERMS + "issued")
    urls = [o.value for o in facts.get(document, SCHEMA + "url")]
    return Source(
        graph=graph, document=document,
        title=Label(titles[0].value, titles[0].language) if titles else labels.get(document),
        date=when[0] if when else None, url=urls[0] if urls else None,
        archive=facts.first_iri(document, LP + "archivedAt") or facts.first_iri(document, SCHEMA + "archivedAt"),
        publisher=facts.first_iri(document, DCTERMS + "publisher"))


def _ontology_source(settings, labels: dict[str, Label]) -> Source:
    ontology = settings.base_uri + "def/"
    return Source(graph=settings.ontology_graph, document=ontology,
                  title=labels.get(ontology, Label("Leading Places ontology", "en")), url=ontology)


def _successions(facts: _Facts) -> list[Succession]:
    links: dict[tuple[str, str], Succession] = {}

    def add(original, resulting, key, event=None):
        link = links.setdefault((original, resulting), Succession(original, resulting))
        link.graphs |= facts.graphs.get(key, set())
        if event and event not in link.events:
            link.events.append(event)
            link.dates += [d for d in facts.date_values(event, PROV + "atTime", DCTERMS + "date")
                           if d not in link.dates]
            link.functions += [f for f in facts.iris(event, LP + "transferredFunction")
                               if f not in link.functions]

    for subject, predicates in facts.objects.items():
        for o in predicates.get(DCTERMS + "isReplacedBy", []):
            add(subject, o.value, (subject, DCTERMS + "isReplacedBy", o))
        for o in predicates.get(DCTERMS + "replaces", []):
            add(o.value, subject, (subject, DCTERMS + "replaces", o))
    for event in facts.subjects_of_type(ORG + "ChangeEvent"):
        for original in facts.iris(event, ORG + "originalOrganization"):
            for resulting in facts.iris(event, ORG + "resultingOrganization"):
                add(original, resulting, (event, ORG + "resultingOrganization", ox.NamedNode(resulting)), event)
    return sorted(links.values(), key=lambda s: (s.original, s.resulting))


def _parents(facts: _Facts) -> dict[str, tuple[str, ...]]:
    return {s: tuple(facts.iris(s, ORG + "subOrganizationOf")) for s in facts.objects
            if facts.iris(s, ORG + "subOrganizationOf")}


def _phases(facts: _Facts) -> dict[str, PhaseInfo]:
    programmes = {phase: s for s in facts.objects for phase in facts.iris(s, LP + "phase")}
    phases = {}
    for phase in facts.subjects_of_type(LP + "Phase"):
        numbers = [o.value for o in facts.get(phase, LP + "phaseNumber") if o.value.lstrip("-").isdigit()]
        phases[phase] = PhaseInfo(
            iri=phase, programme=facts.first_iri(phase, DCTERMS + "isPartOf") or programmes.get(phase),
            number=int(numbers[0]) if numbers else None,
            starts=facts.date_values(phase, SCHEMA + "startDate", PROV + "startedAtTime"),
            ends=facts.date_values(phase, SCHEMA + "endDate", PROV + "endedAtTime"),
            planned_ends=facts.date_values(phase, LP + "plannedEndDate"))
    return phases


def _events(facts: _Facts) -> dict[str, EventInfo]:
    events = {}
    for event in facts.subjects_of_type(SCHEMA + "Event"):
        links = {o.value for objects in facts.objects[event].values() for o in objects
                 if isinstance(o, ox.NamedNode)}
        when = facts.date_values(event, SCHEMA + "startDate", DCTERMS + "date", PROV + "atTime")
        events[event] = EventInfo(event, when, frozenset(links))
    return events


def _partnerships(facts: _Facts) -> dict[str, PartnershipInfo]:
    found = {}
    for iri in facts.subjects_of_type(LP + "Partnership"):
        leads = facts.iris(iri, LP + "leadMember")
        members = list(dict.fromkeys(leads + facts.iris(iri, ORG + "hasMember")))
        unknown = any(o.value in ("true", "1") for o in facts.get(iri, LP + "membersUnknown"))
        found[iri] = PartnershipInfo(iri, tuple(facts.iris(iri, LP + "inPhase")),
                                     tuple(facts.iris(iri, LP + "challengeTheme")), tuple(members),
                                     tuple(leads), unknown)
    return found


def _posts(facts: _Facts) -> list[Post]:
    return [Post(m, facts.first_iri(m, ORG + "member"), facts.first_iri(m, ORG + "organization"),
                 tuple(facts.iris(m, ORG + "role")))
            for m in facts.subjects_of_type(ORG + "Membership")]

