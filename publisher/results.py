"""Query results: a compact, picklable ``QueryResult`` and its serializers.

SELECT and ASK results are written here, following "SPARQL 1.1 Query Results JSON Format",
"SPARQL Query Results XML Format (Second Edition)" and "SPARQL 1.1 Query Results CSV and TSV
Formats". They are written by hand (a few lines each) rather than by pyoxigraph, because the row
cap means we serialize a prefix of the solutions, which pyoxigraph's serializers cannot take.
CONSTRUCT and DESCRIBE results travel as N-Triples bytes and are re-serialized by pyoxigraph.

Nothing here imports Flask: the query workers, the CLI and the routes all use this module.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Iterable, NamedTuple
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")  # the forms whose result is an RDF graph


class Term(NamedTuple):
    """An RDF term as plain data. ``kind`` is "uri", "bnode", "literal" or "triple" (the
    SPARQL JSON results type names). ``datatype`` is None for simple and language-tagged
    literals; ``lang`` is None unless the literal has a language tag."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    def n3(self) -> str:
        """The N-Triples/Turtle form (SPARQL 1.1 TSV §3.2 uses it for every value)."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        if self.kind == "triple":
            return self.value
        text = '"' + _escape_string(self.value) + '"'
        if self.lang:
            return f"{text}@{self.lang}"
        return f"{text}^^<{self.datatype}>" if self.datatype else text


def _escape_string(value: str) -> str:
    return (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


def term_of(node) -> Term | None:
    """Convert a pyoxigraph term (or None, an unbound variable) to a ``Term``."""
    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return Term("uri", node.value)
    if isinstance(node, ox.BlankNode):
        return Term("bnode", node.value)
    if isinstance(node, ox.Literal):
        datatype = node.datatype.value
        if node.language or datatype in (XSD_STRING, RDF_LANGSTRING):
            datatype = None
        return Term("literal", node.value, datatype, node.language)
    return Term("triple", str(node))


@dataclass(frozen=True)
class QueryResult:
    """What a query returns, in a form cheap to pickle between processes.

    ``form`` is the query form (SELECT, ASK, CONSTRUCT, DESCRIBE). SELECT fills ``variables``
    and ``rows`` (a row holds a ``Term`` or None per variable); ASK fills ``boolean``;
    CONSTRUCT and DESCRIBE fill ``ntriples``. ``truncated`` is True when the row cap cut the
    result short (rows for SELECT, triples for CONSTRUCT/DESCRIBE).
    """

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    ntriples: bytes = b""
    truncated: bool = False

    @property
    def is_graph(self) -> bool:
        return self.form in GRAPH_FORMS

    def triples(self) -> list[ox.Triple]:
        return [q.triple for q in ox.parse(self.ntriples, format=ox.RdfFormat.N_TRIPLES)]

    def table(self) -> tuple[tuple[str, ...], list[tuple[Term | None, ...]]]:
        """Headings and rows for a table (the HTML page, the CLI): solutions as they are,
        a boolean as one cell, triples as subject/predicate/object."""
        if self.form == "SELECT":
            return self.variables, list(self.rows)
        if self.form == "ASK":
            return ("boolean",), [(Term("literal", str(self.boolean).lower()),)]
        rows = [(term_of(t.subject), term_of(t.predicate), term_of(t.object)) for t in self.triples()]
        return ("subject", "predicate", "object"), rows


def from_oxigraph(result, form: str, max_rows: int) -> QueryResult:
    """Read a pyoxigraph query result, keeping at most ``max_rows`` rows or triples.

    One more than the cap is read, so that truncation is known, not guessed."""
    if form == "ASK":
        return QueryResult(form, boolean=bool(result))
    if form in GRAPH_FORMS:
        triples = _take(result, max_rows + 1)
        kept = triples[:max_rows]
        return QueryResult(form, ntriples=ox.serialize(kept, format=ox.RdfFormat.N_TRIPLES) or b"",
                           truncated=len(triples) > max_rows)
    variables = tuple(v.value for v in result.variables)
    width = range(len(variables))
    solutions = _take(result, max_rows + 1)
    rows = tuple(tuple(term_of(s[i]) for i in width) for s in solutions[:max_rows])
    return QueryResult(form, variables, rows, truncated=len(solutions) > max_rows)


def _take(iterator: Iterable, count: int) -> list:
    taken = []
    for item in iterator:
        taken.append(item)
        if len(taken) >= count:
            break
    return taken


# --- SELECT / ASK serializers -------------------------------------------------------------

def to_json(result: QueryResult, link: str | None = None) -> bytes:
    """SPARQL 1.1 Query Results JSON Format. ``link`` (a URL) goes into ``head.link`` (§3.1),
    which is where we point at the note on the row cap when the result is truncated."""
    head: dict = {} if result.form == "ASK" else {"vars": list(result.variables)}
    if link:
        head["link"] = [link]
    if result.form == "ASK":
        body = {"head": head, "boolean": result.boolean}
    else:
        bindings = [_json_binding(result.variables, row) for row in result.rows]
        body = {"head": head, "results": {"bindings": bindings}}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json_binding(variables: tuple[str, ...], row: tuple[Term | None, ...]) -> dict:
    return {var: _json_term(term) for var, term in zip(variables, row) if term is not None}


def _json_term(term: Term) -> dict:
    out = {"type": term.kind, "value": term.value}
    if term.lang:
        out["xml:lang"] = term.lang
    elif term.datatype:
        out["datatype"] = term.datatype
    return out


def to_xml(result: QueryResult, link: str | None = None) -> bytes:
    """SPARQL Query Results XML Format (Second Edition)."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<sparql xmlns="{RESULTS_NS}"><head>']
    parts += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    if link:
        parts.append(f"<link href={quoteattr(link)}/>")
    parts.append("</head>")
    if result.form == "ASK":
        parts.append(f"<boolean>{str(result.boolean).lower()}</boolean>")
    else:
        parts.append("<results>")
        for row in result.rows:
            parts.append("<result>")
            parts += [_xml_binding(v, t) for v, t in zip(result.variables, row) if t is not None]
            parts.append("</result>")
        parts.append("</results>")
    parts.append("</sparql>\n")
    return "".join(parts).encode("utf-8")


def _xml_binding(variable: str, term: Term) -> str:
    value = escape(term.value, {"\r": "&#13;"})
    if term.kind == "uri":
        inner = f"<uri>{value}</uri>"
    elif term.kind == "bnode":
        inner = f"<bnode>{value}</bnode>"
    elif term.lang:
        inner = f"<literal xml:lang={quoteattr(term.lang)}>{value}</literal>"
    elif term.datatype:
        inner = f"<literal datatype={quoteattr(term.datatype)}>{value}</literal>"
    else:
        inner = f"<literal>{value}</literal>"
    return f"<binding name={quoteattr(variable)}>{inner}</binding>"


def to_csv(result: QueryResult, link: str | None = None) -> bytes:
    """SPARQL 1.1 CSV (§2): plain values, RFC 4180 quoting, CRLF line ends. CSV loses the
    kind of each term by design. ASK is not defined by the spec; like Oxigraph we send the
    bare boolean."""
    if result.form == "ASK":
        return str(result.boolean).lower().encode()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_value(t) for t in row])
    return out.getvalue().encode("utf-8")


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    return f"_:{term.value}" if term.kind == "bnode" else term.value


def to_tsv(result: QueryResult, link: str | None = None) -> bytes:
    """SPARQL 1.1 TSV (§3): ?-prefixed header, every value in Turtle syntax, LF line ends."""
    if result.form == "ASK":
        return str(result.boolean).lower().encode()
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join("" if t is None else t.n3() for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


RESULTS_WRITERS = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}


def serialize_results(result: QueryResult, format_name: str, link: str | None = None) -> bytes:
    """Serialize SELECT/ASK results in a results format of ``publisher.formats``, by name."""
    return RESULTS_WRITERS[format_name](result, link)


def serialize_graph(result: QueryResult, rdf_format: ox.RdfFormat, prefixes: dict | None = None) -> bytes:
    """Serialize CONSTRUCT/DESCRIBE results with pyoxigraph."""
    if rdf_format == ox.RdfFormat.N_TRIPLES:
        return result.ntriples
    return ox.serialize(result.triples(), format=rdf_format, prefixes=prefixes) or b""


def from_sparql_json(body: dict) -> QueryResult:
    """Read SPARQL 1.1 JSON results (from a remote endpoint) into a ``QueryResult``."""
    if "boolean" in body:
        return QueryResult("ASK", boolean=bool(body["boolean"]))
    variables = tuple(body["head"].get("vars", ()))
    rows = tuple(tuple(_term_from_json(b.get(v)) for v in variables) for b in body["results"]["bindings"])
    return QueryResult("SELECT", variables, rows)


def _term_from_json(value: dict | None) -> Term | None:
    if value is None:
        return None
    kind = "literal" if value["type"] == "typed-literal" else value["type"]  # SPARQL 1.0 JSON said typed-literal
    datatype = value.get("datatype")
    return Term(kind, value["value"], None if datatype == XSD_STRING else datatype, value.get("xml:lang"))
