"""The SPARQL engine behind ``Store.query``, and the endpoint's self-description.

``QueryEngine.query`` analyses the query (form, dataset, SERVICE), chooses the graphs it may see
(``queryanalysis.plan``), and runs it on a runner: the worker pool of ``queryworkers`` for the
server (a wall-clock timeout that really stops work), or ``LocalRunner`` in this process for
the command line. Either way at most ``max_rows`` rows come back, and truncation is flagged.

Pure Python, no Flask.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import pyoxigraph as ox

from .formats import GRAPH_FORMATS, RESULTS_FORMATS
from .queryanalysis import Analysis, analyse, plan
from .queryworkers import Job, UnionStore, answer, unwrap
from .results import QueryResult

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCTERMS = "http://purl.org/dc/terms/"

KINDS = ("programme", "phase", "partnership", "organisation", "person", "membership", "event",
         "document", "place", "theme", "role", "function")
COMMON_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": RDFS,
    "xsd": "http://www.w3.org/2001/XMLSchema#", "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "dcterms": DCTERMS,
    "org": "http://www.w3.org/ns/org#", "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/", "schema": "https://schema.org/",
}


def endpoint_iri(base_uri: str) -> str:
    return base_uri + "sparql"


def prefixes(base_uri: str) -> dict[str, str]:
    """The prefixes of the query editor and of Turtle results: ours (lp:, one per kind of thing,
    graph:) and the vocabularies the data reuses (DESIGN.md §2)."""
    ours = {"lp": base_uri + "def/", "graph": base_uri + "graph/"}
    ours.update({kind: f"{base_uri}id/{kind}/" for kind in KINDS})
    return {**ours, **COMMON_PREFIXES}


def prefix_declarations(base_uri: str) -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes(base_uri).items())


class LocalRunner:
    """Runs jobs in this process, on its own copy of the data. No timeout can be enforced here:
    it is for the command line, where the user can interrupt."""

    def __init__(self, nquads: bytes, data_graphs, named_graphs) -> None:
        self._store = UnionStore(nquads, data_graphs, named_graphs)

    def run(self, job: Job, timeout: float) -> QueryResult:
        return unwrap(answer(self._store, job))

    def close(self) -> None:
        pass


class QueryEngine:
    """Read-only SPARQL over the dataset, with the limits of ``Settings``."""

    def __init__(self, runner, settings, known_graphs) -> None:
        self.runner = runner
        self.timeout = settings.query_timeout
        self.max_rows = settings.max_rows
        self.base_iri = endpoint_iri(settings.base_uri)
        self.known_graphs = frozenset(known_graphs)
        # Worker processes must not outlive the engine, even if nobody calls close().
        self._finalizer = weakref.finalize(self, runner.close)

    def analyse(self, sparql: str) -> Analysis:
        """Form, dataset clauses and SERVICE use (cached); raises QueryError/RefusedQuery."""
        return analyse(sparql, self.base_iri)

    def query(self, sparql: str, *, default_graphs=None, named_graphs=None) -> QueryResult:
        """Run ``sparql``; ``default_graphs`` / ``named_graphs`` are the protocol's
        default-graph-uri / named-graph-uri (None: the query's own, or the whole dataset)."""
        chosen = plan(self.analyse(sparql), default_graphs or (), named_graphs or (), self.known_graphs)
        job = Job(sparql, chosen.form, chosen.default_graphs, chosen.named_graphs, self.max_rows, self.base_iri)
        return self.runner.run(job, self.timeout)

    def close(self) -> None:
        self._finalizer()


def known_graphs(data_graphs, settings) -> tuple[str, ...]:
    """Every graph a query may name: the data graphs, the ontology and the shapes."""
    return (*map(str, data_graphs), settings.ontology_graph, settings.shapes_graph)


def local_engine(loaded, settings) -> QueryEngine:
    """An engine that runs queries in this process (the ``publisher query`` command)."""
    data_graphs = [str(g) for g in loaded.data_graphs]
    named = known_graphs(data_graphs, settings)
    return QueryEngine(LocalRunner(loaded.nquads, data_graphs, named), settings, named)


# --- SPARQL 1.1 Service Description ---------------------------------------------------------

def service_description(base_uri: str, all_graphs) -> list[ox.Triple]:
    """The endpoint described with the SPARQL 1.1 Service Description vocabulary: languages,
    result formats (the W3C format IRIs of the format table), the default dataset with its
    named graphs, and the VoID description of the dataset (``{base}dataset``)."""
    endpoint, dataset = ox.NamedNode(endpoint_iri(base_uri)), ox.NamedNode(base_uri + "dataset")
    default_ds, default_graph = ox.BlankNode("defaultDataset"), ox.BlankNode("defaultGraph")
    triples = [
        _t(endpoint, RDF_TYPE, ox.NamedNode(SD + "Service")),
        _t(endpoint, SD + "endpoint", endpoint),
        _t(endpoint, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Query")),
        _t(endpoint, SD + "defaultEntailmentRegime", ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        _t(endpoint, SD + "defaultDataset", default_ds),
        _t(endpoint, RDFS + "seeAlso", dataset),
        _t(default_ds, RDF_TYPE, ox.NamedNode(SD + "Dataset")),
        _t(default_ds, SD + "defaultGraph", default_graph),
        _t(default_ds, RDFS + "seeAlso", dataset),
        _t(default_graph, RDF_TYPE, ox.NamedNode(SD + "Graph")),
        _t(default_graph, RDFS + "comment", ox.Literal("The union of the data graphs, one per source "
                                                       "(the ontology and shapes graphs are named graphs only).", language="en")),
        _t(dataset, VOID + "sparqlEndpoint", endpoint),
    ]
    for fmt in (*RESULTS_FORMATS, *GRAPH_FORMATS):
        triples.append(_t(endpoint, SD + "resultFormat", ox.NamedNode(fmt.w3c_format)))
    for index, graph in enumerate(all_graphs):
        named = ox.BlankNode(f"namedGraph{index}")
        triples += [_t(default_ds, SD + "namedGraph", named), _t(named, RDF_TYPE, ox.NamedNode(SD + "NamedGraph")),
                    _t(named, SD + "name", ox.NamedNode(graph))]
    return triples


def _t(subject, predicate: str, obj) -> ox.Triple:
    return ox.Triple(subject, ox.NamedNode(predicate), obj)


# --- Example queries (the query page) -------------------------------------------------------

@dataclass(frozen=True)
class Example:
    title: str
    description: str
    body: str  # the query without its PREFIX lines (prefix_declarations supplies them)


EXAMPLES = (
    Example("HEFCE's successors", "Which organisations took over from HEFCE, when, and which functions they took.",
            """SELECT ?successor ?name ?date ?function WHERE {
  organisation:hefce dcterms:isReplacedBy ?successor .
  ?successor rdfs:label ?name .
  OPTIONAL {
    ?change a org:ChangeEvent ;
            org:originalOrganization organisation:hefce ;
            org:resultingOrganization ?successor .
    OPTIONAL { ?change prov:atTime|dcterms:date ?date }
    OPTIONAL {
      ?change lp:transferredFunction ?concept .
      # concept schemes (roles, functions, themes) live in the ontology graph
      GRAPH graph:ontology { ?concept skos:prefLabel ?function }
    }
  }
}
ORDER BY ?name ?function
"""),
    Example("Partnerships per phase, with their members", "Every Action Learning Partnership, its phase and "
            "the organisations that took part.",
            """SELECT ?phaseNumber ?partnership ?name
       (GROUP_CONCAT(DISTINCT ?memberName; separator="; ") AS ?members)
WHERE {
  ?partnership a lp:Partnership ;
               lp:inPhase ?phase ;
               rdfs:label ?name .
  ?phase lp:phaseNumber ?phaseNumber .
  OPTIONAL { ?partnership org:hasMember/rdfs:label ?memberName }
}
GROUP BY ?phaseNumber ?partnership ?name
ORDER BY ?phaseNumber ?name
"""),
    Example("People and the posts they held", "Who held which role in which organisation, and when.",
            """SELECT ?name ?role ?organisation ?during WHERE {
  ?post a org:Membership ;
        org:member/foaf:name ?name ;
        org:organization/rdfs:label ?organisation .
  OPTIONAL {
    ?post org:role ?concept .
    GRAPH graph:ontology { ?concept skos:prefLabel ?role }
  }
  OPTIONAL { ?post org:memberDuring ?during }
}
ORDER BY ?name
"""),
    Example("The sources of a fact", "How many partnerships Phase 1 had, according to each source: every "
            "statement is in the named graph of the source that makes it.",
            """SELECT ?count ?source ?title ?date WHERE {
  ?phase lp:phaseNumber 1 .
  GRAPH ?graph { ?phase lp:statedPartnershipCount ?count }
  ?graph prov:wasDerivedFrom ?source .
  ?source dcterms:title ?title .
  OPTIONAL { ?source schema:dateModified|dcterms:date ?date }
}
ORDER BY ?count ?date
"""),
    Example("Successor chains", "Every organisation and all its later successors, through the property path "
            "dcterms:isReplacedBy+.",
            """SELECT ?name ?laterName WHERE {
  ?organisation dcterms:isReplacedBy+ ?later .
  ?organisation rdfs:label ?name .
  ?later rdfs:label ?laterName .
}
ORDER BY ?name ?laterName
"""),
)
