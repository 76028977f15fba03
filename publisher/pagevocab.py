"""The vocabulary as the HTML pages name it: namespaces, which properties give a thing its
name, and plain English names for the reused terms that our ontology does not label."""

from __future__ import annotations

import re

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"
SD = "http://www.w3.org/ns/sparql-service-description#"
LP = "https://w3id.org/leading-places/def/"
RDF_TYPE = RDF + "type"

# The properties that name a thing, best first (DESIGN.md §4: every thing has an rdfs:label).
LABEL_PREDICATES = (RDFS + "label", SKOS + "prefLabel", FOAF + "name", SCHEMA + "name",
                    DCTERMS + "title")

PREFIXES = {
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "dcterms": DCTERMS,
    "foaf": FOAF, "org": ORG, "prov": PROV, "schema": SCHEMA, "void": VOID, "dcat": DCAT,
    "spdx": SPDX, "sd": SD, "lp": LP, "schema1": "http://schema.org/",
    "vann": "http://purl.org/vocab/vann/", "time": "http://www.w3.org/2006/time#",
}

# Names for reused terms (our own lp: terms carry rdfs:label in the ontology).
TERM_LABELS = {
    RDF_TYPE: "type", RDFS + "label": "label", RDFS + "comment": "comment",
    RDFS + "seeAlso": "see also", RDFS + "subClassOf": "subclass of",
    RDFS + "subPropertyOf": "subproperty of", RDFS + "domain": "domain", RDFS + "range": "range",
    RDFS + "isDefinedBy": "defined by", SKOS + "prefLabel": "preferred name",
    SKOS + "altLabel": "other name", SKOS + "definition": "definition",
    SKOS + "inScheme": "in scheme", SKOS + "topConceptOf": "top concept of",
    SKOS + "hasTopConcept": "top concept", SKOS + "broader": "broader", SKOS + "narrower": "narrower",
    SKOS + "ConceptScheme": "concept scheme", SKOS + "Concept": "concept",
    DCTERMS + "title": "title", DCTERMS + "description": "description", DCTERMS + "date": "date",
    DCTERMS + "publisher": "publisher", DCTERMS + "isPartOf": "part of", DCTERMS + "hasPart": "has part",
    DCTERMS + "isReplacedBy": "replaced by", DCTERMS + "replaces": "replaces",
    DCTERMS + "license": "licence", DCTERMS + "creator": "creator", DCTERMS + "source": "source",
    DCTERMS + "subject": "subject", DCTERMS + "created": "created", DCTERMS + "modified": "modified",
    FOAF + "name": "name", FOAF + "homepage": "home page", FOAF + "Person": "person",
    FOAF + "Document": "document", FOAF + "Agent": "agent",
    ORG + "FormalOrganization": "organisation", ORG + "Organization": "organisation",
    ORG + "OrganizationalCollaboration": "organisational collaboration",
    ORG + "hasMember": "member", ORG + "memberOf": "member of", ORG + "member": "holder",
    ORG + "organization": "organisation", ORG + "role": "role", ORG + "memberDuring": "during",
    ORG + "subOrganizationOf": "part of", ORG + "hasSubOrganization": "has part",
    ORG + "Membership": "post held", ORG + "ChangeEvent": "change of organisation",
    ORG + "originalOrganization": "original organisation",
    ORG + "resultingOrganization": "resulting organisation", ORG + "changedBy": "changed by",
    ORG + "resultedFrom": "resulted from", ORG + "headOf": "head of",
    PROV + "wasDerivedFrom": "derived from", PROV + "atTime": "at", PROV + "Activity": "activity",
    PROV + "wasAssociatedWith": "associated with", PROV + "Entity": "entity",
    SCHEMA + "url": "web address", SCHEMA + "dateModified": "last updated",
    SCHEMA + "datePublished": "published", SCHEMA + "startDate": "start", SCHEMA + "endDate": "end",
    SCHEMA + "foundingDate": "founded", SCHEMA + "dissolutionDate": "dissolved",
    SCHEMA + "funder": "funder", SCHEMA + "location": "location", SCHEMA + "organizer": "organiser",
    SCHEMA + "honorificPrefix": "title", SCHEMA + "author": "author", SCHEMA + "about": "about",
    SCHEMA + "name": "name", SCHEMA + "Event": "event", SCHEMA + "WebPage": "web page",
    SCHEMA + "Report": "report", SCHEMA + "BlogPosting": "blog post", SCHEMA + "Place": "place",
    SCHEMA + "archivedAt": "archived at", SCHEMA + "description": "description",
    SCHEMA + "GovernmentOrganization": "government organisation",
    SCHEMA + "CollegeOrUniversity": "college or university",
    SCHEMA + "EducationalOrganization": "educational organisation",
    OWL + "Class": "class", OWL + "ObjectProperty": "object property",
    OWL + "DatatypeProperty": "data property", OWL + "FunctionalProperty": "functional property",
    OWL + "Ontology": "ontology", OWL + "versionInfo": "version",
    "http://purl.org/vocab/vann/preferredNamespacePrefix": "preferred prefix",
    "http://purl.org/vocab/vann/preferredNamespaceUri": "namespace",
}

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def local_name(iri: str) -> str:
    """The last part of an IRI, after its last '#' or '/'."""
    tail = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    return tail or iri


def humanise(iri: str) -> str:
    """A readable name made from an IRI: 'foundingDate' -> 'founding date', 'hefce' -> 'hefce'."""
    name = local_name(iri)
    words = _CAMEL.sub(" ", name).replace("_", " ")
    return words if words.isupper() else (words[:1] + words[1:].lower() if " " in words else words)


def curie(iri: str) -> str:
    """A prefixed name for a known namespace, else the IRI itself."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri
