"""What a SPARQL request asks for, decided from the parsed query, before anything runs.

``analyse(text, base_iri)`` parses the query with rdflib's SPARQL parser (cached by query text,
so a repeated query is parsed once) and reports its form, its dataset clauses (FROM / FROM
NAMED, resolved against the prologue) and whether it uses SERVICE anywhere, subqueries
included. An update is recognised by parsing, never by matching strings, and is refused.
``plan(...)`` turns an analysis and the protocol's dataset parameters into the graphs the
query may see, refusing any graph the dataset does not hold: no query ever causes a fetch.

Pure Python, no Flask.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from .errors import QueryError, RefusedQuery

FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
         "DescribeQuery": "DESCRIBE"}
UPDATE_REFUSED = "updates are not allowed on this read-only endpoint"


@dataclass(frozen=True)
class Analysis:
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    from_graphs: tuple[str, ...] = ()
    from_named_graphs: tuple[str, ...] = ()
    uses_service: bool = False

    @property
    def has_dataset(self) -> bool:
        return bool(self.from_graphs or self.from_named_graphs)


@dataclass(frozen=True)
class Plan:
    """What to run: the form, and the graphs whose union is the default graph and those that
    GRAPH can reach (every one of them a graph of the dataset). None for both means the
    dataset's own: the union of the data graphs, and every graph named."""

    form: str
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None


@lru_cache(maxsize=1024)
def analyse(text: str, base_iri: str | None = None) -> Analysis:
    """Parse ``text`` as a SPARQL 1.1 query.

    Raises RefusedQuery for an update, QueryError (with line and column) for anything else
    that is not a query. Only successful analyses are cached (lru_cache does not keep
    exceptions)."""
    prologue, query = _parse(text)
    try:
        defaults, named = _dataset_clauses(translatePrologue(prologue, base_iri), query)
    except Exception as exc:  # an undeclared prefix in FROM, say
        raise QueryError(f"the query could not be parsed: {exc}") from None
    return Analysis(FORMS[query.name], defaults, named, _contains(query, "ServiceGraphPattern"))


def _dataset_clauses(prologue, query) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The IRIs of FROM and FROM NAMED, prefixed names and relative IRIs resolved."""
    defaults, named = [], []
    # CompValue.get returns the key itself for a missing key, hence the membership test
    for clause in query["datasetClause"] if "datasetClause" in query else ():
        if "default" in clause:
            defaults.append(str(prologue.absolutize(clause["default"])))
        else:
            named.append(str(prologue.absolutize(clause["named"])))
    return tuple(defaults), tuple(named)


def _parse(text: str) -> ParseResults:
    try:
        return parseQuery(text)
    except ParseException as exc:
        if _is_update(text):
            raise RefusedQuery(UPDATE_REFUSED) from None
        raise syntax_error(exc.msg, exc.lineno, exc.col, exc.line) from None
    except RecursionError:
        raise QueryError("the query is too long or too deeply nested to be analysed") from None
    except Exception as exc:  # rdflib raises bare Exceptions for some bad input
        raise QueryError(f"the query could not be parsed: {exc}") from None


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - any failure means "not an update"
        return False
    return True


def syntax_error(message: str, line: int, column: int, text: str = "") -> QueryError:
    """A 400 naming the position (1-based line and column) and quoting the line."""
    near = f" in: {text.strip()[:120]}" if text.strip() else ""
    return QueryError(f"syntax error at line {line}, column {column}: {message}{near}",
                      detail={"line": line, "column": column})


def _contains(node, name: str) -> bool:
    """Whether the parse tree under ``node`` holds a CompValue called ``name``."""
    if isinstance(node, CompValue):
        return node.name == name or any(_contains(v, name) for v in node.values())
    if isinstance(node, (list, tuple, ParseResults)):
        return any(_contains(v, name) for v in node)
    return False


def check_safe(analysis: Analysis) -> None:
    """Refuse what would reach outside the dataset. pyoxigraph really does make HTTP
    requests for SERVICE, so it must be stopped here, before the query runs."""
    if analysis.uses_service:
        raise RefusedQuery("SERVICE (federated query) is not allowed on this endpoint: "
                           "queries may only read the published dataset")


def plan(analysis: Analysis, default_graph_uris, named_graph_uris, known_graphs) -> Plan:
    """Choose the dataset a query runs on (SPARQL 1.1 Protocol §2.1.4, Query §13.2).

    The protocol's default-graph-uri / named-graph-uri win over the query's FROM / FROM
    NAMED; either one given means only the listed graphs are used. With neither, the query runs
    on the dataset's own default graph (the union of the data graphs) and named graphs.
    Any graph named that is not in ``known_graphs`` is refused, so nothing is ever fetched.
    """
    check_safe(analysis)
    default_graph_uris, named_graph_uris = tuple(default_graph_uris), tuple(named_graph_uris)
    if default_graph_uris or named_graph_uris:
        default, named = default_graph_uris, named_graph_uris
    elif analysis.has_dataset:
        default, named = analysis.from_graphs, analysis.from_named_graphs
    else:
        return Plan(analysis.form, None, None)
    known = set(known_graphs)
    unknown = [g for g in (*default, *named) if g not in known]
    if unknown:
        raise RefusedQuery(f"the dataset has no graph <{unknown[0]}>; this endpoint only queries "
                           "its own graphs and never fetches others", detail={"graph": unknown[0]})
    return Plan(analysis.form, default, named)
