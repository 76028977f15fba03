"""The HTML pages: escaping, labels, dates, sources per statement, succession, timeline, phases,
partnerships and the home page, on a small fixture (tests/fixtures/html) and on the real data.

Pages are rendered straight from ``publisher.pages`` (no HTTP): the routes only hand them over.
HTML is checked by parsing it (``html.parser``), never by matching markup as text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from publisher import pages
from publisher.app import Publisher
from publisher.config import Settings
from publisher.load import load_files
from publisher.pages import runs
from publisher.pagesections import count_summary
from publisher.store import EmbeddedStore

HTML_FIXTURES = Path(__file__).parent / "fixtures" / "html"
BASE = "https://w3id.org/leading-places/"
SVG = "{http://www.w3.org/2000/svg}"


class Page(HTMLParser):
    """A parsed page: every element with its attributes and text, and the text of the whole page."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "col", "source", "wbr", "area", "base"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.stack: list[dict] = []
        self.texts: list[str] = []
        self.html = html
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        self.texts.append(data)
        for element in self.stack:
            element["text"] += data

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())

    def find(self, tag: str, **attrs) -> list[dict]:
        return [e for e in self.elements if e["tag"] == tag
                and all(e["attrs"].get(k.rstrip("_")) == v for k, v in attrs.items())]

    def links(self) -> dict[str, str]:
        return {e["attrs"].get("href"): " ".join(e["text"].split()) for e in self.find("a")}

    def svgs(self) -> list[ET.Element]:
        found, start = [], 0
        while (start := self.html.find("<svg", start)) >= 0:
            end = self.html.index("</svg>", start) + len("</svg>")
            found.append(ET.fromstring(self.html[start:end]))
            start = end
        return found


def make_publisher(loaded) -> Publisher:
    settings = Settings()
    return Publisher(settings, EmbeddedStore.from_loaded(loaded, settings))


@pytest.fixture(scope="module")
def fixture_publisher():
    settings = Settings()
    return make_publisher(load_files(sorted(HTML_FIXTURES.glob("*.trig")), settings.ontology_dir, BASE))


def thing_page(publisher, path: str) -> Page:
    return Page(pages.description_page(publisher, publisher.store.describe(BASE + path)))


# -- escaping --------------------------------------------------------------------------------------

HOSTILE_PAGES = ["id/organisation/hostile", "id/organisation/hostile-successor", "id/document/fixture-hostile"]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_text_is_shown_as_text(fixture_publisher, path):
    page = thing_page(fixture_publisher, path)
    assert not page.find("script") and not page.find("img") and not page.find("b")
    assert not [href for href in page.links() if href and href.lower().startswith("javascript:")]
    for svg in page.svgs():  # parses as XML: text inside is escaped
        assert svg.find(f"{SVG}title") is not None


def test_hostile_label_description_and_url_are_escaped(fixture_publisher):
    page = thing_page(fixture_publisher, "id/organisation/hostile")
    assert page.find("h1")[0]["text"] == 'Evil <script>alert(1)</script> "Quoted" & Co'
    assert "Says <script>alert(2)</script> and \"quotes\" & <img src=x onerror=alert(3)>" in page.text
    assert 'http://example.org/?a=1&b="><script>alert(4)</script>' in page.text
    assert "javascript:alert(5)" in page.text  # an unsafe IRI is shown, not linked
    title = page.find("title")[0]["text"]
    assert title.startswith('Evil <script>alert(1)</script> "Quoted" & Co')
    assert "&lt;script&gt;" in page.html and "<script>" not in page.html


def test_hostile_source_is_escaped_on_every_page_that_lists_it(fixture_publisher):
    graph = Page(pages.graph_page(fixture_publisher, BASE + "graph/fixture-hostile"))
    home = Page(pages.home_page(fixture_publisher))
    for page in (graph, home):
        assert not page.find("script")
        assert "Source \"with\" <script>alert('title')</script> & more" in page.text
    assert 'javascript:alert("url")' in graph.text
    assert not [h for h in graph.links() if h and h.startswith("javascript:")]


# -- a thing's page --------------------------------------------------------------------------------

def test_title_types_uri_and_formats(fixture_publisher):
    page = thing_page(fixture_publisher, "id/organisation/hefce")
    h1 = page.find("h1")[0]
    assert h1["text"] == "Higher Education Funding Council for England" and h1["attrs"]["lang"] == "en"
    assert "Government body" in " ".join(e["text"] for e in page.find("span", class_="type"))
    assert BASE + "id/organisation/hefce" in page.text
    links = page.links()
    for suffix in ("ttl", "jsonld", "nt", "rdf", "trig"):
        assert f"/doc/organisation/hefce.{suffix}" in links


def test_every_language_tagged_literal_has_a_lang_attribute(fixture_publisher):
    for path in ("id/organisation/hefce", "id/organisation/hostile", "id/programme/leading-places"):
        description = fixture_publisher.store.describe(BASE + path)
        page = Page(pages.description_page(fixture_publisher, description))
        tagged = {(e["attrs"]["lang"], " ".join(e["text"].split())) for e in page.elements if "lang" in e["attrs"]}
        for quad in description.about:
            literal = quad.object
            if getattr(literal, "language", None):
                assert (literal.language, " ".join(literal.value.split())) in tagged, literal


def test_links_show_labels_and_point_to_local_paths(fixture_publisher):
    page = thing_page(fixture_publisher, "id/organisation/hefce")
    links = page.links()
    assert links["/id/organisation/office-for-students"] == "Office for Students"
    assert links["/id/organisation/research-england"] == "Research England"
    visible = {text for text in links.values()}
    assert BASE + "id/organisation/office-for-students" not in visible
    assert links["http://www.example.org/"] == "http://www.example.org/"  # external IRIs link out


@pytest.mark.parametrize(("path", "datetime", "words"), [
    ("id/organisation/hefce", "2018-03-31", "31 March 2018"),
    ("id/organisation/hefce", "1992", "1992"),
    ("id/phase/phase-1", "2017-03", "March 2017"),
    ("id/phase/phase-1", "2016-05", "May 2016"),
])
def test_dates_in_words_at_their_precision(fixture_publisher, path, datetime, words):
    page = thing_page(fixture_publisher, path)
    assert words in [e["text"] for e in page.find("time", datetime=datetime)]


def test_booleans_and_numbers_are_readable(fixture_publisher):
    bedford = thing_page(fixture_publisher, "id/partnership/phase-2-bedford")
    row = [e for e in bedford.find("tr") if "members unknown" in e["text"]][0]
    assert "yes" in row["text"] and "true" not in row["text"]


def test_each_statement_names_its_sources_with_url_and_archive(fixture_publisher):
    page = thing_page(fixture_publisher, "id/phase/phase-1")
    sources = {e["attrs"]["id"]: e for e in page.find("li") if e["attrs"].get("id", "").startswith("source-")}
    assert len(sources) == 2
    hefce = [s for s in sources.values() if "Building best practice (fixture)" in s["text"]][0]
    assert "6 November 2017" in hefce["text"] and "http://www.example.org/localgrowth/practice/" in hefce["text"]
    assert "https://webarchive.example.org/20180601000000/http://www.example.org/localgrowth/practice/" in page.links()
    count_row = [e for e in page.find("tr") if "stated partnership count" in e["text"]][0]
    notes = [a for a in page.find("a") if a["attrs"].get("href", "").startswith("#source-") and a["text"] in count_row["text"]]
    assert len({a["attrs"]["href"] for a in notes}) == 2  # 6 from one source, 5 from the other


def test_a_statement_from_two_sources_shows_both(fixture_publisher):
    page = thing_page(fixture_publisher, "id/programme/leading-places")
    label_row = [e for e in page.find("tr") if e["text"].strip().startswith("label")][0]
    assert "[1–2]" in " ".join(label_row["text"].split()) or "[1, 2]" in label_row["text"]


def test_incoming_links_are_listed(fixture_publisher):
    page = thing_page(fixture_publisher, "id/organisation/lga")
    assert page.find("h2", id="incoming-h")
    assert "/id/programme/leading-places" in page.links()


# -- succession, timeline, phases, partnerships ----------------------------------------------------

def svg_text(svg: ET.Element) -> str:
    return " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))


def test_succession_section_and_diagram(fixture_publisher):
    page = thing_page(fixture_publisher, "id/organisation/hefce")
    assert page.find("h2", id="succession-h")
    successors = [e["text"] for e in page.find("ul", class_="succession-list")][0]
    assert "Office for Students" in successors and "1 April 2018" in successors
    assert "Regulation of higher education in England" in successors
    (svg,) = page.svgs()
    assert svg.get("role") == "img" and "Succession" in svg.find(f"{SVG}title").text
    text = svg_text(svg)
    assert "Office for Students" in text and "Research England" in text and "within UKRI" in text
    assert {a.get("href") for a in svg.iter(f"{SVG}a")} == {"/id/organisation/office-for-students",
                                                            "/id/organisation/research-england"}


def test_succession_follows_the_chain_both_ways(fixture_publisher):
    page = thing_page(fixture_publisher, "id/organisation/acc")
    (svg,) = page.svgs()
    text = svg_text(svg)
    assert "Association of County Councils" in text and "Local Government Association" in text
    lga = thing_page(fixture_publisher, "id/organisation/lga")
    predecessors = lga.find("ul", class_="succession-list")[0]["text"]
    assert all(name in predecessors for name in ("County", "District", "Metropolitan"))


def test_programme_timeline(fixture_publisher):
    page = thing_page(fixture_publisher, "id/programme/leading-places")
    (svg,) = page.svgs()
    text = svg_text(svg)
    for expected in ("2016", "2017", "2018", "Phase 1", "Phase 2"):
        assert expected in text
    titles = [t.text for t in svg.iter(f"{SVG}title")]
    assert any("May 2016 to March 2017" in t for t in titles)
    assert any("Phase 1 closing seminar" in t for t in titles)
    rects = [r for r in svg.iter(f"{SVG}rect")]
    assert len(rects) == 2
    table = [e["text"] for e in page.find("table", class_="phases")][0]
    assert "July 2017" in table and "March 2018" in table


def test_phase_lists_partnerships_and_counts_honestly(fixture_publisher):
    page = thing_page(fixture_publisher, "id/phase/phase-2")
    summary = page.find("p", class_="summary")[0]["text"]
    assert "2 of 15 named" in summary
    table = page.find("table", class_="partnerships")[0]["text"]
    assert "Bedford (Phase 2)" in table and "Democratising health" in table
    assert "not named in the sources" in table


def test_partnership_lists_members_and_theme(fixture_publisher):
    page = thing_page(fixture_publisher, "id/partnership/phase-2-blackburn-with-darwen")
    members = page.find("table", class_="members")[0]["text"]
    assert "Lancaster University" in members and "Blackburn with Darwen Borough Council" in members
    assert "Higher education provider" in members
    assert "Democratising health" in page.find("section", class_="partnership")[0]["text"]
    unknown = thing_page(fixture_publisher, "id/partnership/phase-2-bedford")
    assert "No source used for this dataset names its members." in unknown.text


def test_posts_held_on_person_and_organisation(fixture_publisher):
    person = thing_page(fixture_publisher, "id/person/kevin-richardson")
    assert "Local Growth Consultant" in person.find("table", class_="posts")[0]["text"]
    hefce = thing_page(fixture_publisher, "id/organisation/hefce")
    assert "Kevin Richardson" in hefce.find("table", class_="posts")[0]["text"]


@pytest.mark.parametrize(("listed", "stated", "expected"), [
    (7, [("15", [1])], "7 of 15 named"),
    (6, [("6", [1]), ("5", [2])], "Sources disagree: they state 6 or 5 partnerships. 6 partnerships named."),
    (2, [], "2 partnerships named; no source states how many there were."),
])
def test_count_summary(listed, stated, expected):
    assert expected in count_summary(listed, stated)


def test_footnote_runs():
    assert runs([3, 1, 2, 5, 7, 8]) == [(1, 3), (5, 5), (7, 8)]
    assert runs([]) == []


# -- home, graph, dataset, ontology ----------------------------------------------------------------

def test_home_page_counts_equal_the_store(fixture_publisher):
    page = Page(pages.home_page(fixture_publisher))
    store = fixture_publisher.store
    count = lambda name: int(page.find("dd", id=f"count-{name}")[0]["text"].replace(",", ""))  # noqa: E731
    assert count("triples") == store.stats().triples
    assert count("graphs") == len(store.data_graphs())
    people = {q.subject.value for q in store.quads() if q.predicate.value.endswith("#type")
              and q.object.value == "http://xmlns.com/foaf/0.1/Person"}
    assert count("people") == len(people)
    assert count("partnerships") == 2
    assert count("organisations") == 14
    links = page.links()
    for href in ("/sparql", "/dataset", "/dataset.ttl", "/dataset.nt", "/dataset.nq", "/dataset.trig",
                 "/dataset.jsonld", "/id/programme/leading-places", "/id/phase/phase-1",
                 "/id/organisation/hefce", "/id/person/kevin-richardson"):
        assert href in links, href


def test_graph_page_shows_source_and_things(fixture_publisher):
    page = Page(pages.graph_page(fixture_publisher, BASE + "graph/fixture-hefce"))
    assert page.find("h1")[0]["text"] == "Building best practice (fixture)"
    links = page.links()
    assert "http://www.example.org/localgrowth/practice/" in links
    assert "https://webarchive.example.org/20180601000000/http://www.example.org/localgrowth/practice/" in links
    assert links["/id/organisation/office-for-students"] == "Office for Students"


def void_graph() -> Graph:
    void, dcat, spdx = (Namespace("http://rdfs.org/ns/void#"), Namespace("http://www.w3.org/ns/dcat#"),
                        Namespace("http://spdx.org/rdf/terms#"))
    g, d = Graph(), URIRef(BASE + "dataset")
    g.add((d, RDF.type, void.Dataset))
    g.add((d, void.triples, Literal(1234)))
    g.add((d, void.sparqlEndpoint, URIRef(BASE + "sparql")))
    g.add((d, URIRef("http://purl.org/dc/terms/license"), URIRef("https://creativecommons.org/licenses/by/4.0/")))
    g.add((d, void.subset, URIRef(BASE + "graph/fixture-hefce")))
    g.add((URIRef(BASE + "graph/fixture-hefce"), void.triples, Literal(40)))
    partition = BNode()
    g.add((d, void.classPartition, partition))
    g.add((partition, void["class"], URIRef("https://w3id.org/leading-places/def/Phase")))
    g.add((partition, void.entities, Literal(2)))
    dump, checksum = URIRef(BASE + "dataset.nq"), BNode()
    g.add((d, dcat.distribution, dump))
    g.add((dump, dcat.downloadURL, dump))
    g.add((dump, dcat.mediaType, Literal("application/n-quads")))
    g.add((dump, dcat.byteSize, Literal(2048)))
    g.add((dump, spdx.checksum, checksum))
    g.add((checksum, spdx.checksumValue, Literal("0f" * 32)))
    return g


def test_dataset_page(fixture_publisher):
    page = Page(pages.dataset_page(fixture_publisher, void_graph()))
    assert "1,234" in page.text and "0f" * 32 in page.text and "2,048 bytes" in page.text
    links = page.links()
    assert "/sparql" in links and "/dataset.nq" in links
    assert "https://creativecommons.org/licenses/by/4.0/" in links
    subsets = page.find("table", class_="subsets")[0]["text"]
    assert "Building best practice (fixture)" in subsets and "40" in subsets
    assert "Phase" in page.find("table", class_="classes")[0]["text"]


def test_ontology_page(fixture_publisher):
    page = Page(pages.ontology_page(fixture_publisher))
    assert page.find("h1")[0]["text"] == "Leading Places ontology"
    partnership = page.find("section", id="Partnership")[0]["text"]
    assert "Action Learning Partnership" in partnership and "organisational collaboration" in partnership
    in_phase = page.find("section", id="inPhase")[0]["text"]
    assert "Range" in in_phase and "Phase" in in_phase
    assert "Democratising health" in page.find("section", id="scheme-theme")[0]["text"]
    assert "/def/Partnership" in page.links()


def test_headings_are_in_order(fixture_publisher):
    for html in (pages.home_page(fixture_publisher), pages.ontology_page(fixture_publisher),
                 pages.description_page(fixture_publisher, fixture_publisher.store.describe(BASE + "id/organisation/hefce"))):
        levels = [int(e["tag"][1]) for e in Page(html).elements if e["tag"] in ("h1", "h2", "h3", "h4")]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))


def test_the_site_index_is_built_once_and_kept(fixture_publisher):
    first = pages.site_index(fixture_publisher)
    pages.home_page(fixture_publisher)
    assert pages.site_index(fixture_publisher) is first is fixture_publisher.index
