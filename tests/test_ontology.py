"""The ontology (ontology/lp.ttl), its Python mirror (publisher/vocab.py) and the terms the data uses.

* vocab.py and lp.ttl declare the same lp: terms (STYLE.md habit 12);
* every class and property has exactly one English label, a comment and rdfs:isDefinedBy;
* every concept has its labels, scheme and definition;
* the data (data/*.trig) uses only declared lp: terms, declared concepts, and, from the reused
  vocabularies, only the terms on the allow-lists below: a typo such as ``schema:startdate`` fails.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from publisher.vocab import LP, NAMESPACE

REPO = Path(__file__).parents[1]
DATA_FILES = sorted((REPO / "data").glob("*.trig"))
ONTOLOGY_FILE = REPO / "ontology" / "lp.ttl"
BASE = "https://w3id.org/leading-places/"
ONTOLOGY_IRI = URIRef(NAMESPACE)
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
SCHEMES = {"theme": BASE + "id/theme", "role": BASE + "id/role", "function": BASE + "id/function"}

# Reused vocabularies: the terms the data may use from each. Each was checked against the
# vocabulary's own definition; add a term here only after checking it there.
ALLOWED = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": {"type"},
    "http://www.w3.org/2000/01/rdf-schema#": {"label", "comment", "seeAlso"},
    "http://www.w3.org/2002/07/owl#": set(),
    "http://www.w3.org/2001/XMLSchema#": set(),
    "http://www.w3.org/2004/02/skos/core#": {"prefLabel", "altLabel"},
    "http://purl.org/dc/terms/": {
        "title", "description", "date", "creator", "publisher", "subject", "isPartOf",
        "isReplacedBy", "replaces",
    },
    "http://www.w3.org/ns/org#": {
        "FormalOrganization", "Membership", "ChangeEvent", "hasMember", "member", "memberOf",
        "headOf", "organization", "role", "memberDuring", "originalOrganization",
        "resultingOrganization", "subOrganizationOf",
    },
    "http://www.w3.org/ns/prov#": {"wasDerivedFrom", "atTime"},
    "http://xmlns.com/foaf/0.1/": {"Person", "Document", "name", "homepage"},
    "https://schema.org/": {
        "WebPage", "Report", "BlogPosting", "NewsArticle", "FAQPage", "ProfilePage",
        "PresentationDigitalDocument", "Event", "Place", "url", "dateModified", "name",
        "startDate", "endDate", "foundingDate", "dissolutionDate", "funder",
        "honorificPrefix", "location", "organizer",
    },
    "http://www.w3.org/ns/dcat#": set(),
    "http://rdfs.org/ns/void#": set(),
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def data_quads() -> list[ox.Quad]:
    assert DATA_FILES, "no data files found"
    quads: list[ox.Quad] = []
    for path in DATA_FILES:
        quads += ox.parse(path=str(path), format=ox.RdfFormat.TRIG)
    return quads


def declared_terms(ontology: Graph) -> set[URIRef]:
    return {
        s for t in TERM_TYPES for s in ontology.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(NAMESPACE)
    }


def vocab_terms() -> set[URIRef]:
    return {URIRef(NAMESPACE + name) for name in LP.__annotations__}


def used_terms(quads: list[ox.Quad]) -> set[str]:
    """Predicates and rdf:type objects of the data."""
    rdf_type = str(RDF.type)
    used = {q.predicate.value for q in quads}
    used |= {q.object.value for q in quads if q.predicate.value == rdf_type}
    return used


def english(values) -> list[Literal]:
    return [v for v in values if isinstance(v, Literal) and v.language == "en"]


# --- vocab.py <-> lp.ttl -----------------------------------------------------------------------

def test_every_vocab_term_is_declared_in_the_ontology(ontology):
    assert vocab_terms() - declared_terms(ontology) == set()


def test_every_ontology_term_is_in_vocab(ontology):
    assert declared_terms(ontology) - vocab_terms() == set()


def test_vocab_namespace_is_closed():
    assert LP.Partnership == URIRef(NAMESPACE + "Partnership")
    with pytest.raises(AttributeError):
        LP.Partnershp  # noqa: B018 (a typo must raise, not mint an IRI)


# --- the ontology itself -----------------------------------------------------------------------

def test_ontology_metadata(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert len(english(ontology.objects(ONTOLOGY_IRI, DCTERMS.title))) == 1
    assert len(english(ontology.objects(ONTOLOGY_IRI, DCTERMS.description))) == 1
    assert set(ontology.objects(ONTOLOGY_IRI, DCTERMS.license)) == {
        URIRef("https://creativecommons.org/licenses/by/4.0/")}
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.created) is not None


@pytest.mark.parametrize("term", sorted(vocab_terms()), ids=lambda t: t.rsplit("/", 1)[1])
def test_term_has_one_english_label_a_comment_and_is_defined_by(ontology, term):
    labels = list(ontology.objects(term, RDFS.label))
    assert len(labels) == 1 and english(labels) == labels, labels
    assert len(english(ontology.objects(term, RDFS.comment))) == 1
    assert set(ontology.objects(term, RDFS.isDefinedBy)) == {ONTOLOGY_IRI}


@pytest.mark.parametrize("term", sorted(vocab_terms()), ids=lambda t: t.rsplit("/", 1)[1])
def test_term_is_aligned_or_typed(ontology, term):
    """Classes extend a reused class; properties have a range, a domain or a super-property."""
    if (term, RDF.type, OWL.Class) in ontology:
        assert any(not str(sup).startswith(NAMESPACE) for sup in ontology.objects(term, RDFS.subClassOf))
    else:
        links = [RDFS.domain, RDFS.range, RDFS.subPropertyOf]
        assert any(ontology.value(term, p) is not None for p in links)


def test_organisation_classes_are_formal_organisations(ontology):
    org = Namespace("http://www.w3.org/ns/org#")
    classes = {LP.GovernmentBody, LP.LocalAuthority, LP.CombinedAuthority,
               LP.HigherEducationProvider, LP.FurtherEducationProvider, LP.MembershipBody,
               LP.ProgrammeProvider, LP.LocalEnterprisePartnership, LP.OtherOrganisation}
    for cls in classes:
        assert (cls, RDFS.subClassOf, org.FormalOrganization) in ontology, cls


@pytest.mark.parametrize("kind", sorted(SCHEMES))
def test_concept_schemes(ontology, kind):
    scheme = URIRef(SCHEMES[kind])
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    concepts = set(ontology.subjects(SKOS.inScheme, scheme))
    assert concepts, f"the {kind} scheme is empty"
    for concept in concepts:
        assert str(concept).startswith(f"{BASE}id/{kind}/"), concept
        assert (concept, RDF.type, SKOS.Concept) in ontology
        pref, label = list(ontology.objects(concept, SKOS.prefLabel)), list(ontology.objects(concept, RDFS.label))
        assert len(pref) == 1 and english(pref) == pref, concept
        assert label == pref, concept
        assert len(english(ontology.objects(concept, SKOS.definition))) == 1, concept


# --- the data uses only declared or allow-listed terms -----------------------------------------

def test_lp_terms_used_in_data_are_declared(ontology, data_quads):
    used = {URIRef(t) for t in used_terms(data_quads) if t.startswith(NAMESPACE)}
    assert used - declared_terms(ontology) == set()


def outside_allow_lists(terms: set[str]) -> set[str]:
    """Terms that are neither lp: terms nor on the allow-list of a reused vocabulary."""
    unknown = set()
    for term in terms:
        if term.startswith(NAMESPACE):
            continue
        namespace = next((ns for ns in ALLOWED if term.startswith(ns)), None)
        if namespace is None or term[len(namespace):] not in ALLOWED[namespace]:
            unknown.add(term)
    return unknown


def test_reused_terms_used_in_data_are_allow_listed(data_quads):
    assert outside_allow_lists(used_terms(data_quads)) == set()


@pytest.mark.parametrize("typo", [
    "https://schema.org/startdate",               # wrong case
    "http://www.w3.org/ns/org#hasMembers",        # not an ORG term
    "http://xmlns.com/foaf/0.1/Organisation",     # British spelling, not FOAF's
    "http://example.org/vocab#label",             # a vocabulary we do not reuse
])
def test_allow_lists_catch_typos(typo):
    quad = ox.Quad(ox.NamedNode(BASE + "id/phase/phase-1"), ox.NamedNode(typo),
                   ox.Literal("x"), ox.NamedNode(BASE + "graph/x"))
    assert outside_allow_lists(used_terms([quad])) == {typo}


@pytest.mark.parametrize("predicate,kind", [
    ("https://w3id.org/leading-places/def/challengeTheme", "theme"),
    ("http://www.w3.org/ns/org#role", "role"),
    ("https://w3id.org/leading-places/def/transferredFunction", "function"),
])
def test_concepts_used_in_data_are_in_their_scheme(ontology, data_quads, predicate, kind):
    used = {URIRef(q.object.value) for q in data_quads if q.predicate.value == predicate}
    assert used, f"no {kind} used"
    in_scheme = set(ontology.subjects(SKOS.inScheme, URIRef(SCHEMES[kind])))
    assert used - in_scheme == set()
