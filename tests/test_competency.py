"""Competency questions: what the knowledge graph must be able to answer, as SPARQL with exact answers.

The store holds every data/*.trig file, one named graph per source. Queries run over the union of
the data graphs (``use_default_graph_as_union``), or name graphs with GRAPH where the question is
about what one source says. Answers are compared as exact sets.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

REPO = Path(__file__).parents[1]
DATA_FILES = sorted((REPO / "data").glob("*.trig"))
BASE = "https://w3id.org/leading-places/"

PREFIXES = f"""
PREFIX lp: <{BASE}def/>
PREFIX graph: <{BASE}graph/>
PREFIX document: <{BASE}id/document/>
PREFIX programme: <{BASE}id/programme/>
PREFIX phase: <{BASE}id/phase/>
PREFIX partnership: <{BASE}id/partnership/>
PREFIX organisation: <{BASE}id/organisation/>
PREFIX person: <{BASE}id/person/>
PREFIX event: <{BASE}id/event/>
PREFIX role: <{BASE}id/role/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <https://schema.org/>
"""


@pytest.fixture(scope="module")
def store() -> ox.Store:
    assert DATA_FILES, "no data files found"
    store = ox.Store()
    for path in DATA_FILES:
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return store


def short(term) -> str:
    """An IRI under the base as 'kind/slug'; any other term as its lexical value."""
    if term is None:
        return None
    value = term.value
    return value[len(BASE) + 3:] if value.startswith(BASE + "id/") else value


def answers(store: ox.Store, query: str) -> set:
    """The solutions of a SELECT query as a set of values (one variable) or tuples (several)."""
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    variables = [v.value for v in solutions.variables]
    rows = {tuple(short(row[v]) for v in variables) for row in solutions}
    return {row[0] for row in rows} if len(variables) == 1 else rows


def ask(store: ox.Store, query: str) -> bool:
    return bool(store.query(PREFIXES + query, use_default_graph_as_union=True))


# --- successors ------------------------------------------------------------------------------

def test_hefce_successors_by_change_event(store):
    assert answers(store, """
        SELECT DISTINCT ?successor WHERE {
            ?event a org:ChangeEvent ;
                org:originalOrganization organisation:hefce ;
                org:resultingOrganization ?successor .
        }""") == {"organisation/office-for-students", "organisation/research-england"}


def test_hefce_successors_by_direct_links(store):
    assert answers(store, "SELECT ?s WHERE { organisation:hefce dcterms:isReplacedBy ?s }") == {
        "organisation/office-for-students", "organisation/research-england"}
    assert answers(store, "SELECT ?s WHERE { ?s dcterms:replaces organisation:hefce }") == {
        "organisation/office-for-students", "organisation/research-england"}


def test_functions_passed_from_hefce(store):
    assert answers(store, """
        SELECT DISTINCT ?to ?function WHERE {
            ?event org:originalOrganization organisation:hefce ;
                org:resultingOrganization ?to ;
                lp:transferredFunction ?function .
        }""") == {
        ("organisation/office-for-students", "function/higher-education-regulation"),
        ("organisation/research-england", "function/research-funding"),
        ("organisation/research-england", "function/knowledge-exchange-funding"),
        ("organisation/research-england", "function/research-excellence-framework"),
        ("organisation/research-england", "function/research-base-oversight"),
        ("organisation/research-england", "function/research-partnership-investment-fund"),
    }


def test_hefce_closed_at_the_end_of_march_2018(store):
    assert answers(store, """
        SELECT ?date (DATATYPE(?date) AS ?type) WHERE { organisation:hefce schema:dissolutionDate ?date }
        """) == {("2018-03", "http://www.w3.org/2001/XMLSchema#gYearMonth")}


def test_successor_of_the_royal_agricultural_college(store):
    assert answers(store, """
        SELECT ?s WHERE { organisation:royal-agricultural-college dcterms:isReplacedBy ?s }
        """) == {"organisation/royal-agricultural-university"}
    assert answers(store, """
        SELECT ?date WHERE {
            ?event org:originalOrganization organisation:royal-agricultural-college ;
                org:resultingOrganization organisation:royal-agricultural-university ;
                dcterms:date ?date .
        }""") == {"2013"}


def test_three_associations_replaced_by_the_lga(store):
    expected = {"organisation/association-of-county-councils",
                "organisation/association-of-district-councils",
                "organisation/association-of-metropolitan-authorities"}
    assert answers(store, "SELECT ?o WHERE { ?o dcterms:isReplacedBy organisation:lga }") == expected
    assert answers(store, """
        SELECT ?o WHERE {
            ?event a org:ChangeEvent ; org:resultingOrganization organisation:lga ;
                org:originalOrganization ?o ; dcterms:date "1997-04-01"^^xsd:date .
        }""") == expected


@pytest.mark.parametrize("original,successor,date", [
    ("cvcp", "universities-uk", "2000-12-01"),
    ("offa", "office-for-students", None),
    ("leadership-foundation", "advance-he", "2018-03-21"),
])
def test_other_successions(store, original, successor, date):
    rows = answers(store, f"""
        SELECT ?successor ?date WHERE {{
            organisation:{original} dcterms:isReplacedBy ?successor .
            ?event org:originalOrganization organisation:{original} ;
                org:resultingOrganization ?successor .
            OPTIONAL {{ ?event dcterms:date ?date }}
        }}""")
    assert rows == {(f"organisation/{successor}", date)}


def test_every_dissolved_organisation_has_a_successor_or_says_it_has_none(store):
    assert answers(store, """
        SELECT ?o WHERE {
            ?o schema:dissolutionDate ?d .
            FILTER NOT EXISTS { ?o dcterms:isReplacedBy ?s }
            FILTER NOT EXISTS { ?o lp:noSuccessor true }
        }""") == set()


def test_research_england_is_part_of_ukri(store):
    assert answers(store, "SELECT ?p WHERE { organisation:research-england org:subOrganizationOf ?p }") == {
        "organisation/ukri"}


# --- phases ----------------------------------------------------------------------------------

PHASE_1 = {"partnership/phase-1-gloucestershire", "partnership/phase-1-manchester",
           "partnership/phase-1-bristol", "partnership/phase-1-coventry",
           "partnership/phase-1-newcastle-gateshead", "partnership/phase-1-brighton"}
PHASE_2 = {"partnership/phase-2-buckinghamshire", "partnership/phase-2-bedford",
           "partnership/phase-2-nottingham", "partnership/phase-2-blackburn-with-darwen",
           "partnership/phase-2-south-kesteven", "partnership/phase-2-brighton-and-hove",
           "partnership/phase-2-hull"}


def test_partnerships_listed_per_phase(store):
    assert answers(store, "SELECT ?p WHERE { ?p a lp:Partnership ; lp:inPhase phase:phase-1 }") == PHASE_1
    assert answers(store, "SELECT ?p WHERE { ?p a lp:Partnership ; lp:inPhase phase:phase-2 }") == PHASE_2


def test_phase_2_states_more_partnerships_than_are_named(store):
    assert answers(store, "SELECT DISTINCT ?n WHERE { phase:phase-2 lp:statedPartnershipCount ?n }") == {"15"}
    assert answers(store, """
        SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p lp:inPhase phase:phase-2 }""") == {"7"}


def test_phase_dates_at_the_precision_of_the_sources(store):
    gym, gy = "http://www.w3.org/2001/XMLSchema#gYearMonth", "http://www.w3.org/2001/XMLSchema#gYear"
    assert answers(store, """
        SELECT ?phase ?property ?value (DATATYPE(?value) AS ?type) WHERE {
            VALUES ?property { schema:startDate schema:endDate lp:plannedEndDate }
            ?phase a lp:Phase ; ?property ?value .
        }""") == {
        ("phase/phase-1", "https://schema.org/startDate", "2016-05", gym),
        ("phase/phase-1", "https://schema.org/endDate", "2017-03", gym),
        ("phase/phase-1", f"{BASE}def/plannedEndDate", "2016", gy),
        ("phase/phase-1", f"{BASE}def/plannedEndDate", "2017-02", gym),
        ("phase/phase-2", "https://schema.org/startDate", "2017-07", gym),
        ("phase/phase-2", "https://schema.org/endDate", "2018-03", gym),
    }


def test_phase_1_ended_in_march_2017(store):
    assert ask(store, 'ASK { phase:phase-1 schema:endDate "2017-03"^^xsd:gYearMonth }')


def test_peter_obrien_evaluated_both_phases(store):
    assert answers(store, "SELECT ?phase WHERE { ?phase lp:evaluatedBy person:peter-obrien }") == {
        "phase/phase-1", "phase/phase-2"}


def test_who_evaluated_each_phase(store):
    assert answers(store, """
        SELECT ?number ?name WHERE {
            ?phase lp:phaseNumber ?number ; lp:evaluatedBy ?who . ?who foaf:name ?name .
        }""") == {("1", "Peter O'Brien"), ("2", "Peter O'Brien")}


def test_who_facilitated_or_provided_each_phase(store):
    assert answers(store, """
        SELECT ?number ?provider WHERE { ?phase lp:phaseNumber ?number ; lp:provider ?provider }
        """) == {("1", "organisation/leadership-foundation"), ("2", "organisation/shared-intelligence")}


def test_programme_owner_funders_and_phases(store):
    assert answers(store, "SELECT ?o WHERE { programme:leading-places lp:ownedBy ?o }") == {"organisation/lga"}
    assert answers(store, "SELECT ?o WHERE { programme:leading-places schema:funder ?o }") == {
        "organisation/hefce", "organisation/lga"}
    assert answers(store, "SELECT ?o WHERE { programme:leading-places lp:developedBy ?o }") == {
        "organisation/lga", "organisation/hefce", "organisation/universities-uk"}
    assert answers(store, """
        SELECT ?phase WHERE { programme:leading-places lp:phase ?phase . ?phase dcterms:isPartOf programme:leading-places }
        """) == {"phase/phase-1", "phase/phase-2"}


def test_events_and_the_undated_closing_event(store):
    assert answers(store, """
        SELECT ?event ?phase ?start WHERE {
            ?event a schema:Event ; dcterms:isPartOf ?phase . OPTIONAL { ?event schema:startDate ?start }
        }""") == {
        ("event/phase-1-first-national-peer-review-event", "phase/phase-1", "2016-11"),
        ("event/phase-1-outcomes-seminar", "phase/phase-1", "2017-03-28"),
        ("event/phase-2-national-event-2017-11-30", "phase/phase-2", "2017-11-30"),
        ("event/phase-2-closing-event", "phase/phase-2", None),
    }


def test_reports_and_their_authors(store):
    assert answers(store, """
        SELECT ?report ?creator ?phase WHERE {
            ?report a schema:Report ; dcterms:creator ?creator ; dcterms:subject ?phase .
        }""") == {
        ("document/leading-places-phase-1-evaluation", "person/peter-obrien", "phase/phase-1"),
        ("document/leading-places-phase-2-evaluation", "person/peter-obrien", "phase/phase-2"),
        ("document/leading-places-phase-2-learning-report", "organisation/shared-intelligence", "phase/phase-2"),
    }


# --- sources and their disagreements -----------------------------------------------------------

def test_which_sources_disagree_on_the_phase_1_count(store):
    """Two versions of one web page (same URL) that state different counts."""
    assert answers(store, """
        SELECT DISTINCT ?document ?count WHERE {
            GRAPH ?g1 { phase:phase-1 lp:statedPartnershipCount ?count }
            GRAPH ?g2 { phase:phase-1 lp:statedPartnershipCount ?other }
            ?g1 prov:wasDerivedFrom ?document . ?document schema:url ?url .
            ?g2 prov:wasDerivedFrom ?otherDocument . ?otherDocument schema:url ?url .
            FILTER (?count != ?other)
        }""") == {
        ("document/hefce-localgrowth-practice-2017-07-12", "5"),
        ("document/hefce-localgrowth-practice-2017-11-06", "6"),
    }


def test_only_version_a_of_the_practice_page_says_five(store):
    assert answers(store, """
        SELECT ?g WHERE { GRAPH ?g { phase:phase-1 lp:statedPartnershipCount 5 } }""") == {
        f"{BASE}graph/hefce-localgrowth-practice-2017-07-12"}


def test_sources_stating_fifteen_phase_2_partnerships(store):
    assert answers(store, """
        SELECT ?g WHERE { GRAPH ?g { phase:phase-2 lp:statedPartnershipCount 15 } }""") == {
        f"{BASE}graph/lga-leading-places-hub", f"{BASE}graph/hefce-localgrowth-practice-2017-11-06",
        f"{BASE}graph/hefce-blog-2017-11-07"}


def test_every_named_graph_cites_a_document_with_a_url(store):
    graphs = {f"{BASE}graph/{path.stem}" for path in DATA_FILES}
    assert answers(store, """
        SELECT ?g WHERE {
            GRAPH ?g { ?g prov:wasDerivedFrom ?d . ?d a foaf:Document ; schema:url ?url . }
        }""") == graphs
    assert answers(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }") == graphs


# --- partnerships and their members --------------------------------------------------------------

@pytest.mark.parametrize("partnership,universities", [
    ("phase-1-bristol", {"organisation/university-of-the-west-of-england", "organisation/university-of-bristol"}),
    ("phase-1-manchester", {"organisation/university-of-manchester", "organisation/university-of-salford",
                            "organisation/manchester-metropolitan-university", "organisation/university-of-bolton"}),
    ("phase-1-coventry", {"organisation/university-of-warwick", "organisation/coventry-university"}),
])
def test_universities_in_a_phase_1_partnership(store, partnership, universities):
    assert answers(store, f"""
        SELECT ?u WHERE {{ partnership:{partnership} org:hasMember ?u . ?u a lp:HigherEducationProvider }}
        """) == universities


def test_members_of_blackburn_with_darwen(store):
    assert answers(store, "SELECT ?m WHERE { partnership:phase-2-blackburn-with-darwen org:hasMember ?m }") == {
        "organisation/blackburn-with-darwen-council", "organisation/lancaster-university",
        "organisation/blackburn-college"}


def test_gloucestershire_lead_members_are_members(store):
    assert answers(store, "SELECT ?m WHERE { partnership:phase-1-gloucestershire lp:leadMember ?m }") == {
        "organisation/gloucestershire-county-council", "organisation/university-of-gloucestershire",
        "organisation/royal-agricultural-college"}
    assert answers(store, """
        SELECT ?m WHERE { partnership:phase-1-gloucestershire lp:leadMember ?m
            FILTER NOT EXISTS { partnership:phase-1-gloucestershire org:hasMember ?m } }""") == set()


def test_partnerships_with_unknown_members_have_none_invented(store):
    unknown = answers(store, "SELECT ?p WHERE { ?p lp:membersUnknown true }")
    assert unknown == {"partnership/phase-1-brighton", "partnership/phase-2-buckinghamshire",
                       "partnership/phase-2-bedford", "partnership/phase-2-nottingham",
                       "partnership/phase-2-brighton-and-hove", "partnership/phase-2-hull"}
    assert answers(store, "SELECT ?p WHERE { ?p lp:membersUnknown true ; org:hasMember ?m }") == set()
    assert answers(store, """
        SELECT ?p WHERE { ?p a lp:Partnership
            FILTER NOT EXISTS { ?p org:hasMember ?m } FILTER NOT EXISTS { ?p lp:membersUnknown true } }
        """) == set()


def test_challenge_themes(store):
    assert answers(store, "SELECT ?p ?t WHERE { ?p lp:challengeTheme ?t }") == {
        ("partnership/phase-1-gloucestershire", "theme/county-strategic-leadership"),
        ("partnership/phase-1-manchester", "theme/health-innovation"),
        ("partnership/phase-1-bristol", "theme/community-engagement-for-health"),
        ("partnership/phase-1-coventry", "theme/health-inequalities-through-sport"),
        ("partnership/phase-1-newcastle-gateshead", "theme/healthy-eating"),
        ("partnership/phase-2-buckinghamshire", "theme/county-skills-strategy"),
        ("partnership/phase-2-bedford", "theme/physical-activity-for-young-people"),
        ("partnership/phase-2-nottingham", "theme/smart-city-strategy"),
        ("partnership/phase-2-blackburn-with-darwen", "theme/democratising-health"),
        ("partnership/phase-2-south-kesteven", "theme/university-hub"),
        ("partnership/phase-2-brighton-and-hove", "theme/festivals-and-social-impact"),
        ("partnership/phase-2-hull", "theme/inclusive-growth"),
    }


# --- people ----------------------------------------------------------------------------------

def test_who_held_which_post_at_hefce(store):
    assert answers(store, """
        SELECT ?name ?role WHERE {
            ?m a org:Membership ; org:organization organisation:hefce ; org:member ?p ; org:role ?role .
            ?p foaf:name ?name .
        }""") == {
        ("Kevin Richardson", "role/local-growth-consultant"),
        ("Kevin Richardson", "role/named-contact"),
        ("Tracy Allan", "role/regional-consultant"),
        ("Peter O'Brien", "role/deputy-local-growth-consultant"),
        ("Michael Wood", "role/deputy-local-growth-consultant"),
        ("Hannah Ashley", "role/named-contact"),
        ("Madeleine Atkins", "role/chief-executive"),
        ("David Sweeney", "role/director"),
    }


def test_honorific_prefixes(store):
    assert answers(store, "SELECT ?p ?h WHERE { ?p a foaf:Person ; schema:honorificPrefix ?h }") == {
        ("person/peter-obrien", "Dr"), ("person/mark-hawthorne", "Cllr"),
        ("person/madeleine-atkins", "Prof"), ("person/john-goddard", "Prof"),
        ("person/richard-leese", "Sir")}


# --- naming and typing -----------------------------------------------------------------------

def test_every_thing_has_exactly_one_english_label(store):
    assert answers(store, """
        SELECT ?thing WHERE {
            ?thing a ?type .
            OPTIONAL { ?thing rdfs:label ?label }
        }
        GROUP BY ?thing
        HAVING (COUNT(DISTINCT ?label) != 1 || SUM(IF(BOUND(?label) && LANG(?label) = "en", 1, 0)) = 0)
        """) == set()


def test_every_organisation_has_one_lp_class_and_a_matching_preferred_label(store):
    assert answers(store, """
        SELECT ?o WHERE {
            ?o a org:FormalOrganization .
            OPTIONAL { ?o a ?c FILTER (STRSTARTS(STR(?c), STR(lp:))) }
        }
        GROUP BY ?o HAVING (COUNT(DISTINCT ?c) != 1)""") == set()
    assert answers(store, """
        SELECT ?o WHERE { ?o a org:FormalOrganization ; rdfs:label ?l
            FILTER NOT EXISTS { ?o skos:prefLabel ?l } }""") == set()
