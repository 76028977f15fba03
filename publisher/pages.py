"""HTML pages for people: the functions the routes call. Each returns a complete HTML document.

Templates are rendered by one Jinja environment with autoescape on for every template (this
module does not need Flask, so the CLI and the tests render pages directly). Whole-site facts
come from the ``SiteIndex`` built once at start-up (``publisher.index``); a page costs a describe
and look-ups. The home and ontology pages never change while the server runs and are kept.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from . import pagedocs
from .pagesections import sections_for, timeline_section
from .pagevocab import FOAF, LP, ORG, RDF_TYPE
from .pageviews import (Linker, Notes, description_labels, format_links, rows_for, source_view,
                        split_description, title_of, types_of)
from .siteindex import SiteIndex, build_site_index

_FORMAL = ORG + "FormalOrganization"
LINKS = (("SPARQL endpoint", "/sparql"), ("Dataset description (VoID and DCAT)", "/dataset"),
         ("Ontology", "/def/"))
DUMPS = (("Turtle", "/dataset.ttl"), ("N-Triples", "/dataset.nt"), ("N-Quads", "/dataset.nq"),
         ("TriG", "/dataset.trig"), ("JSON-LD", "/dataset.jsonld"))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("publisher", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.filters["svg"] = Markup  # svg.py escapes every text it writes
    env.filters["runs"] = runs
    return env


def runs(numbers) -> list[tuple[int, int]]:
    """Footnote numbers as runs: [1, 2, 3, 5] -> [(1, 3), (5, 5)]."""
    found: list[list[int]] = []
    for n in sorted(set(numbers)):
        if found and n == found[-1][1] + 1:
            found[-1][1] = n
        else:
            found.append([n, n])
    return [(a, b) for a, b in found]


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def site_index(publisher) -> SiteIndex:
    """The index built at start-up, or built now and kept on the publisher."""
    index = getattr(publisher, "index", None)
    if index is None:
        index = build_site_index(publisher.store, publisher.settings)
        setattr(publisher, "index", index)
    return index


def description_page(publisher, description) -> str:
    """A page for one thing: name, types, special sections, statements, links in, and sources."""
    index = site_index(publisher)
    linker = Linker(index, description_labels(description))
    notes = Notes(index, linker)
    own, nested = split_description(description)
    iri = description.iri
    types = set(index.types.get(iri, ())) | {q.object.value for q in own
                                              if q.predicate.value == RDF_TYPE and isinstance(q.object, ox.NamedNode)}
    sections = sections_for(iri, types, own, index, linker, notes)
    rows = rows_for(own, linker, notes, nested)
    incoming = rows_for(description.incoming, linker, notes, side="subject")
    return render("resource.html", iri=iri, title=title_of(iri, linker, own), types=types_of(own, linker),
                  formats=format_links(iri, index.base_uri), sections=sections, rows=rows,
                  incoming=incoming, sources=notes.sources())


def home_page(publisher) -> str:
    index = site_index(publisher)
    if "home" not in index.cache:
        index.cache["home"] = render("home.html", **home_context(index))
    return index.cache["home"]


def home_context(index: SiteIndex) -> dict:
    linker = Linker(index)
    groups = []
    for cls in sorted(index.org_classes, key=lambda c: linker.label(c).text):
        members = [m for m in index.instances(cls)
                   if not (set(index.types[m]) & index.org_classes - {cls} - {_FORMAL})]
        if members and cls != _FORMAL:
            groups.append((linker.ref(cls), [linker.ref(m) for m in members]))
    untyped = [m for m in index.instances(_FORMAL) if set(index.types[m]) & index.org_classes == {_FORMAL}]
    if untyped:
        groups.append((linker.ref(_FORMAL), [linker.ref(m) for m in untyped]))
    phases = [(linker.ref(p), [linker.ref(x.iri) for x in index.partnerships_in(p)])
              for p in index.instances(LP + "Phase")]
    phases.sort(key=lambda item: (index.phases[item[0].iri].number or 0))
    programmes = index.instances(LP + "Programme")
    return dict(counts=index.counts, links=LINKS, dumps=DUMPS, known=_known(index),
                timelines=[timeline_section(p, index, linker) for p in programmes],
                programmes=[linker.ref(p) for p in programmes], phases=phases,
                organisation_groups=groups, people=[linker.ref(p) for p in index.instances(FOAF + "Person")],
                events=[linker.ref(e.iri) for e in index.events_of(set(index.events) | set(_all_links(index)))],
                sources=_source_list(index, linker))


def _known(index: SiteIndex) -> set[str]:
    """Local paths of the organisations that exist, so the introduction links only to those."""
    return {"/" + iri[len(index.base_uri):] for iri in index.organisations()}


def _all_links(index: SiteIndex) -> set[str]:
    return {link for event in index.events.values() for link in event.links}


def _source_list(index: SiteIndex, linker: Linker) -> list:
    graphs = [g for g in index.sources if g != linker.base + "graph/ontology"]
    views = [source_view(0, index.sources[g], linker) for g in graphs]
    return sorted(views, key=lambda v: (v.title.text if v.title else v.graph.text).casefold())


def graph_page(publisher, graph_iri: str) -> str:
    """A named graph: the source document it was taken from and the things it talks about."""
    index = site_index(publisher)
    linker = Linker(index)
    quads = publisher.store.quads(graph_iri)
    things = pagedocs.things_in_graph(quads, graph_iri, index, linker)
    source = index.sources.get(graph_iri)
    return render("graph.html", iri=graph_iri, title=linker.label(graph_iri), things=things,
                  triples=len(quads), source=source_view(0, source, linker) if source else None,
                  formats=format_links(graph_iri, index.base_uri))


def dataset_page(publisher, void_graph) -> str:
    """The dataset description (VoID and DCAT, an rdflib Graph built by the dataset route)."""
    index = site_index(publisher)
    view = pagedocs.dataset_view(void_graph, index, Linker(index))
    return render("dataset.html", dataset=view, counts=index.counts, dumps=DUMPS)


def ontology_page(publisher) -> str:
    """The lp: ontology and its concept schemes, as one HTML document."""
    index = site_index(publisher)
    if "ontology" not in index.cache:
        quads = publisher.store.quads(publisher.settings.ontology_graph)
        view = pagedocs.ontology_view(quads, index, Linker(index))
        index.cache["ontology"] = render("ontology.html", ontology=view)
    return index.cache["ontology"]

