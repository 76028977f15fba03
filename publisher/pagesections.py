"""The parts of a thing's page that depend on what it is: an organisation's succession (with its
SVG chain), a programme's timeline, a phase's partnerships, a partnership's members and theme, and
the posts people held. Each reads the site index, never the whole dataset."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import svg
from .pagevocab import FOAF, LP, ORG
from .pageviews import Linker, Notes, Ref, date_words
from .siteindex import EventInfo, PhaseInfo, SiteIndex, Succession

MAX_CHAIN = 4


@dataclass
class SuccessionItem:
    ref: Ref
    dates: str
    functions: list[Ref]
    events: list[Ref]
    sources: list[int]
    within: list[Ref] = field(default_factory=list)


@dataclass
class SuccessionView:
    predecessors: list[SuccessionItem]
    successors: list[SuccessionItem]
    svg: str


@dataclass
class PartnershipRow:
    ref: Ref
    themes: list[Ref]
    members: int
    members_unknown: bool


@dataclass
class PhaseView:
    partnerships: list[PartnershipRow]
    stated: list[tuple[str, list[int]]]  # (count, footnotes)
    summary: str


@dataclass
class MemberRow:
    ref: Ref
    kind: Ref | None
    lead: bool


@dataclass
class PartnershipView:
    phases: list[Ref]
    themes: list[Ref]
    members: list[MemberRow]
    members_unknown: bool


@dataclass
class PhaseRow:
    ref: Ref
    start: str
    end: str
    planned_end: str


@dataclass
class EventRow:
    ref: Ref
    when: str


@dataclass
class TimelineView:
    phases: list[PhaseRow]
    events: list[EventRow]
    svg: str | None


@dataclass
class PostRow:
    membership: Ref
    person: Ref | None
    organisation: Ref | None
    roles: list[Ref]


@dataclass
class PostsView:
    rows: list[PostRow]
    of: str  # "person" or "organisation": the column the page leaves out


def sections_for(iri: str, types: set[str], own_quads, index: SiteIndex, linker: Linker, notes: Notes) -> dict:
    """Every special section that applies to this thing (a template shows those present)."""
    sections: dict = {}
    if types & index.org_classes or index.successors(iri) or index.predecessors(iri):
        sections["succession"] = succession_section(iri, index, linker, notes)
    if LP + "Programme" in types:
        sections["timeline"] = timeline_section(iri, index, linker)
    if LP + "Phase" in types:
        sections["phase"] = phase_section(iri, own_quads, index, linker, notes)
    if iri in index.partnerships:
        sections["partnership"] = partnership_section(iri, index, linker)
    if FOAF + "Person" in types or types & index.org_classes:
        rows = [post_row(p, linker) for p in index.posts_of(iri)]
        sections["posts"] = PostsView(rows, "person" if FOAF + "Person" in types else "organisation") if rows else None
    return {name: view for name, view in sections.items() if view}


# -- succession ----------------------------------------------------------------------------------

def _item(link: Succession, other: str, index: SiteIndex, linker: Linker, notes: Notes) -> SuccessionItem:
    return SuccessionItem(linker.ref(other), date_words(link.dates),
                          [linker.ref(f) for f in link.functions], [linker.ref(e) for e in link.events],
                          notes.numbers_for(link.graphs), [linker.ref(p) for p in index.parents.get(other, ())])


def succession_section(iri: str, index: SiteIndex, linker: Linker, notes: Notes) -> SuccessionView | None:
    before, after = index.predecessors(iri), index.successors(iri)
    if not before and not after:
        return None
    order = lambda item: item.ref.text.casefold()  # noqa: E731
    return SuccessionView(
        predecessors=sorted((_item(s, s.original, index, linker, notes) for s in before), key=order),
        successors=sorted((_item(s, s.resulting, index, linker, notes) for s in after), key=order),
        svg=succession_diagram(iri, index, linker))


def chain_levels(iri: str, index: SiteIndex) -> dict[str, int]:
    """Every organisation before (negative) and after (positive) this one, by steps of succession."""
    levels = {iri: 0}
    for step, follow in ((1, index.successors), (-1, index.predecessors)):
        frontier = [iri]
        for depth in range(1, MAX_CHAIN + 1):
            found = [s.resulting if step > 0 else s.original for node in frontier for s in follow(node)]
            frontier = [n for n in dict.fromkeys(found) if n not in levels]
            levels.update({n: step * depth for n in frontier})
    return levels


def _short(iri: str, index: SiteIndex, linker: Linker) -> str:
    short = index.short_labels.get(iri)
    return short.text if short else linker.label(iri).text


def succession_diagram(iri: str, index: SiteIndex, linker: Linker) -> str:
    levels = chain_levels(iri, index)
    nodes = [svg.ChainNode(n, level, linker.label(n).text, linker.href(n), _within(n, index, linker),
                           n == iri)
             for n, level in sorted(levels.items(), key=lambda item: (item[1], linker.label(item[0]).text))]
    links = [s for s in index.successions
             if s.original in levels and s.resulting in levels and levels[s.original] < levels[s.resulting]]
    edges = _label_once([svg.ChainEdge(s.original, s.resulting, date_words(s.dates[:1])) for s in links])
    steps = [f"{_short(s.original, index, linker)} to {_short(s.resulting, index, linker)}"
             + (f" ({date_words(s.dates)})" if s.dates else "") for s in links]
    title = f"Succession of {linker.label(iri).text}"
    return svg.succession_svg(nodes, edges, title, "Organisations in order of succession: " + "; ".join(steps) + ".")


def _label_once(edges: list[svg.ChainEdge]) -> list[svg.ChainEdge]:
    """Several arrows into (or out of) one box with the same date: write the date on one only."""
    keep = []
    for i, edge in enumerate(edges):
        same = [e for e in edges if e.label == edge.label and (e.target == edge.target or e.source == edge.source)]
        middle = same[len(same) // 2]
        keep.append(edge if edge is middle or not edge.label else svg.ChainEdge(edge.source, edge.target))
    return keep


def _within(iri: str, index: SiteIndex, linker: Linker) -> str:
    parents = index.parents.get(iri, ())
    return "within " + ", ".join(_short(p, index, linker) for p in parents) if parents else ""


# -- programme timeline ---------------------------------------------------------------------------

def _extent(phase: PhaseInfo):
    starts = [d.span[0] for d in phase.starts if d.span]
    ends = [d.span[1] for d in phase.ends if d.span]
    return (min(starts), max(ends)) if starts and ends else None


def timeline_section(iri: str, index: SiteIndex, linker: Linker) -> TimelineView | None:
    phases = index.phases_of(iri)
    events = index.events_of({iri} | {p.iri for p in phases})
    if not phases and not events:
        return None
    rows = [PhaseRow(linker.ref(p.iri), date_words(p.starts), date_words(p.ends), date_words(p.planned_ends))
            for p in phases]
    event_rows = [EventRow(linker.ref(e.iri), date_words(e.dates)) for e in events]
    return TimelineView(rows, event_rows, timeline_diagram(iri, phases, events, linker))


def timeline_diagram(iri: str, phases: list[PhaseInfo], events: list[EventInfo], linker: Linker) -> str | None:
    bars = []
    for phase in phases:
        extent = _extent(phase)
        if extent:
            words = f"{date_words(phase.starts)} to {date_words(phase.ends)}"
            name = f"Phase {phase.number}" if phase.number is not None else linker.label(phase.iri).text
            bars.append(svg.Bar(name, *extent, linker.href(phase.iri), words))
    markers = []
    for event in events:
        spans = [d.span for d in event.dates if d.span]
        if spans:
            markers.append(svg.Marker(linker.label(event.iri).text, spans[0][0], spans[0][1],
                                      linker.href(event.iri), date_words(event.dates[:1])))
    if not bars and not markers:
        return None
    desc = "; ".join([f"{b.label}: {b.words}" for b in bars] + [f"{m.label}: {m.words}" for m in markers])
    return svg.timeline_svg(bars, markers, f"Timeline of {linker.label(iri).text}", desc + ".")


# -- phases and partnerships ----------------------------------------------------------------------

def stated_counts(own_quads, notes: Notes) -> list[tuple[str, list[int]]]:
    graphs: dict[str, set[str]] = {}
    for quad in own_quads:
        if quad.predicate.value == LP + "statedPartnershipCount":
            graphs.setdefault(quad.object.value, set()).add(quad.graph_name.value)
    ordered = sorted(graphs, key=lambda v: int(v) if v.isdigit() else 0, reverse=True)
    return [(value, notes.numbers_for(graphs[value])) for value in ordered]


def count_summary(listed: int, stated: list[tuple[str, list[int]]]) -> str:
    """An honest sentence comparing the partnerships named in the data with the stated counts."""
    counts = sorted({int(v) for v, _ in stated if v.isdigit()}, reverse=True)
    noun = "partnership" if listed == 1 else "partnerships"
    if not counts:
        return f"{listed} {noun} named; no source states how many there were."
    if len(counts) > 1:
        said = " or ".join(str(c) for c in counts)
        lead = f"Sources disagree: they state {said} partnerships. "
    else:
        lead = f"Sources state {counts[0]} partnerships. "
    if listed < counts[0]:
        return lead + f"{listed} of {counts[0]} named; the others are not named in the sources used here."
    return lead + f"{listed} {noun} named."


def phase_section(iri: str, own_quads, index: SiteIndex, linker: Linker, notes: Notes) -> PhaseView:
    stated = stated_counts(own_quads, notes)
    infos = index.partnerships_in(iri)
    rows = [PartnershipRow(linker.ref(p.iri), [linker.ref(t) for t in p.themes], len(p.members),
                           p.members_unknown) for p in infos]
    return PhaseView(rows, stated, count_summary(len(rows), stated))


def _kind(iri: str, index: SiteIndex, linker: Linker) -> Ref | None:
    classes = sorted(index.types.get(iri, frozenset()) & index.org_classes - {ORG + "FormalOrganization"})
    return linker.ref(classes[0]) if classes else None


def partnership_section(iri: str, index: SiteIndex, linker: Linker) -> PartnershipView:
    info = index.partnerships[iri]
    members = [MemberRow(linker.ref(m), _kind(m, index, linker), m in info.leads) for m in info.members]
    members.sort(key=lambda m: (not m.lead, m.kind.text if m.kind else "~", m.ref.text.casefold()))
    return PartnershipView([linker.ref(p) for p in info.phases], [linker.ref(t) for t in info.themes],
                           members, info.members_unknown)


def post_row(post, linker: Linker) -> PostRow:
    return PostRow(linker.ref(post.membership), linker.ref(post.person) if post.person else None,
                   linker.ref(post.organisation) if post.organisation else None,
                   [linker.ref(r) for r in post.roles])
