"""Content negotiation: (Accept, suffix, offered) -> Choice, or NotAcceptable. A pure function.

RFC 9110 12.5.1: each media range has a quality; the most specific range that matches a type
decides its quality ("text/turtle" beats "text/*" beats "*/*"); q=0 means "not acceptable".
Among equally acceptable types, the order of ``offered`` (the server's preference) decides.
The JSON-LD 1.1 ``profile`` parameter (JSON-LD 1.1 §9.1) is passed through to the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import NotAcceptable, NotFound
from .formats import Format

JSONLD_PROFILES = {
    "http://www.w3.org/ns/json-ld#expanded": "expanded",
    "http://www.w3.org/ns/json-ld#compacted": "compacted",
    "http://www.w3.org/ns/json-ld#flattened": "flattened",
}


@dataclass(frozen=True)
class Choice:
    format: Format
    profile: str | None = None  # "expanded" | "compacted" | "flattened" for JSON-LD


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    params: dict
    q: float

    @property
    def specificity(self) -> int:
        if self.type == "*":
            return 0
        if self.subtype == "*":
            return 1
        return 2 + len(self.params)

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return self.type in ("*", main) and self.subtype in ("*", sub)


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header leniently: a malformed range is skipped, not fatal."""
    ranges = []
    for part in _split_ranges(header or "*/*"):
        value, params = _parse_range(part)
        if "/" not in value:
            if value == "*":  # some old clients send a bare "*"
                value = "*/*"
            else:
                continue
        q = _quality(params.pop("q", "1"))
        main, _, sub = value.lower().partition("/")
        ranges.append(MediaRange(main, sub or "*", {k.lower(): v for k, v in params.items()}, q))
    return ranges


def _split_ranges(header: str, separator: str = ",") -> list[str]:
    """Split on separators that are not inside a quoted parameter (profile="a b")."""
    parts, current, quoted = [], [], False
    for char in header:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _parse_range(part: str) -> tuple[str, dict]:
    """``type/subtype;k=v;k="v"`` -> (type/subtype, params). Lenient: clients send unquoted
    IRIs as parameter values (profile=http://www.w3.org/ns/json-ld#compacted), which a strict
    token parser (Werkzeug's) cuts at the colon."""
    value, *params = _split_ranges(part, ";")
    parsed = {}
    for param in params:
        key, _, val = param.partition("=")
        parsed[key.strip().lower()] = val.strip().strip('"')
    return value.strip(), parsed


def _quality(value: str) -> float:
    try:
        q = float(value)
    except ValueError:
        return 0.0
    return min(max(q, 0.0), 1.0)


def negotiate(accept: str | None, suffix: str | None, offered: tuple[Format, ...]) -> Choice:
    """Pick the representation to send.

    A suffix wins over Accept (DESIGN.md §1); an unknown suffix is a 404, since no such document
    exists. Without a suffix, the Accept header decides, and NotAcceptable lists what is offered.
    """
    ranges = parse_accept(accept)
    if suffix:
        fmt = next((f for f in offered if f.suffix == suffix), None)
        if fmt is None:
            raise NotFound(f"no representation with the suffix '.{suffix}'")
        return Choice(fmt, _profile(ranges, fmt))
    best: tuple[float, int, Format] | None = None
    for index, fmt in enumerate(offered):
        q = quality_of(ranges, fmt)
        if q > 0 and (best is None or q > best[0]):
            best = (q, index, fmt)
    if best is None:
        types = [f.media_type for f in offered]
        raise NotAcceptable("none of the requested media types can be served; offered: "
                            + ", ".join(types), offered=types)
    return Choice(best[2], _profile(ranges, best[2]))


def quality_of(ranges: list[MediaRange], fmt: Format) -> float:
    """The quality the client gives ``fmt``: the best over its media type and aliases, each
    taking the quality of the most specific matching range."""
    best = 0.0
    for position, media_type in enumerate(fmt.media_types):
        matching = [r for r in ranges if r.matches(media_type)]
        if not matching:
            continue
        top = max(r.specificity for r in matching)
        q = max(r.q for r in matching if r.specificity == top)
        if position > 0 and top < 2:
            continue  # aliases only count when named explicitly, never through a wildcard
        best = max(best, q)
    return best


def _profile(ranges: list[MediaRange], fmt: Format) -> str | None:
    if fmt.name != "jsonld":
        return None
    for r in sorted(ranges, key=lambda r: -r.q):
        if r.q > 0 and r.matches(fmt.media_type) and "profile" in r.params:
            for iri in r.params["profile"].split():
                if iri in JSONLD_PROFILES:
                    return JSONLD_PROFILES[iri]
    return None
