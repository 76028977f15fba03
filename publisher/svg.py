"""Small server-rendered SVG diagrams: an organisation's succession chain and a programme timeline.

The functions take plain values (labels, links, dates) and return an inline ``<svg>`` element as
a string. Every piece of text is escaped here, so the result is well-formed XML and safe to insert
in a page as it is. Each diagram has a ``<title>``, a ``<desc>`` and ``role="img"`` with an
``aria-labelledby``; the same facts are also written out as text on the page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'


def esc(text: object) -> str:
    """Escape text for XML content and attribute values."""
    return html.escape(str(text), quote=True)


def wrap(text: str, width: int, max_lines: int = 3) -> list[str]:
    """Break text into lines of at most ``width`` characters on spaces (the last may end in '…')."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return [line if len(line) <= width else line[: width - 1] + "…" for line in lines]


def _open(width: float, height: float, ident: str, title: str, desc: str, css: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="{esc(css)}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" role="img" '
            f'aria-labelledby="{esc(ident)}-title {esc(ident)}-desc" {FONT}>',
            f'<title id="{esc(ident)}-title">{esc(title)}</title>',
            f'<desc id="{esc(ident)}-desc">{esc(desc)}</desc>']


def _link(href: str | None, inner: list[str], label: str) -> list[str]:
    if not href:
        return inner
    return [f'<a href="{esc(href)}" aria-label="{esc(label)}">', *inner, "</a>"]


# -- succession chain --------------------------------------------------------------------------

@dataclass(frozen=True)
class ChainNode:
    key: str
    level: int  # negative: predecessors, 0: the organisation itself, positive: successors
    label: str
    href: str | None = None
    note: str = ""  # e.g. "within UKRI"
    current: bool = False


@dataclass(frozen=True)
class ChainEdge:
    source: str
    target: str
    label: str = ""  # e.g. "April 2018"


BOX_W, BOX_H, COL_GAP, ROW_GAP, PAD = 190, 64, 104, 18, 12


def _positions(nodes: list[ChainNode]) -> tuple[dict[str, tuple[float, float]], float, float]:
    levels = sorted({n.level for n in nodes})
    columns = {level: [n for n in nodes if n.level == level] for level in levels}
    tallest = max(len(c) for c in columns.values())
    height = tallest * BOX_H + (tallest - 1) * ROW_GAP + 2 * PAD
    positions = {}
    for i, level in enumerate(levels):
        column = columns[level]
        used = len(column) * BOX_H + (len(column) - 1) * ROW_GAP
        top = (height - used) / 2
        for j, node in enumerate(column):
            positions[node.key] = (PAD + i * (BOX_W + COL_GAP), top + j * (BOX_H + ROW_GAP))
    width = 2 * PAD + len(levels) * BOX_W + (len(levels) - 1) * COL_GAP
    return positions, width, height


def _chain_box(node: ChainNode, x: float, y: float) -> list[str]:
    lines = wrap(node.label, 22 if node.current else 24, 3 if not node.note else 2)
    css = "node current" if node.current else "node"
    fill, stroke = ("#00567a", "#00567a") if node.current else ("#ffffff", "#7a8b94")
    colour = "#ffffff" if node.current else "#00567a"
    count = len(lines) + (1 if node.note else 0)
    first = y + BOX_H / 2 - (count - 1) * 8 + 5
    out = [f'<g class="{css}">',
           f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6" '
           f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>']
    for k, line in enumerate(lines):
        weight = ' font-weight="600"' if node.current else ""
        out.append(f'<text x="{x + BOX_W / 2:.0f}" y="{first + 16 * k:.0f}" text-anchor="middle" '
                   f'font-size="13" fill="{colour}"{weight}>{esc(line)}</text>')
    if node.note:
        out.append(f'<text x="{x + BOX_W / 2:.0f}" y="{first + 16 * len(lines):.0f}" text-anchor="middle" '
                   f'font-size="12" font-style="italic" fill="{colour}">{esc(node.note)}</text>')
    out.append("</g>")
    return _link(None if node.current else node.href, out, node.label)


def _chain_edge(edge: ChainEdge, positions, ident: str) -> list[str]:
    (x1, y1), (x2, y2) = positions[edge.source], positions[edge.target]
    sx, sy, tx, ty = x1 + BOX_W, y1 + BOX_H / 2, x2 - 4, y2 + BOX_H / 2
    mid = (sx + tx) / 2
    out = [f'<path d="M{sx:.0f},{sy:.0f} C{mid:.0f},{sy:.0f} {mid:.0f},{ty:.0f} {tx:.0f},{ty:.0f}" '
           f'fill="none" stroke="#555" stroke-width="1.5" marker-end="url(#{esc(ident)}-arrow)"/>']
    if edge.label:
        out.append(f'<text x="{mid:.0f}" y="{(sy + ty) / 2 - 6:.0f}" text-anchor="middle" font-size="11" '
                   f'fill="#333">{esc(edge.label)}</text>')
    return out


def succession_svg(nodes: list[ChainNode], edges: list[ChainEdge], title: str, desc: str,
                   ident: str = "succession") -> str:
    """Boxes for the organisations, left to right in order of succession, joined by arrows."""
    positions, width, height = _positions(nodes)
    out = _open(width, height, ident, title, desc, "diagram succession-diagram")
    out.append(f'<defs><marker id="{esc(ident)}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
               'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
               '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>')
    for edge in edges:
        if edge.source in positions and edge.target in positions:
            out += _chain_edge(edge, positions, ident)
    for node in nodes:
        out += _chain_box(node, *positions[node.key])
    out.append("</svg>")
    return "\n".join(out)


# -- timeline ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bar:
    label: str
    start: date
    end: date  # the day after the last day covered
    href: str | None = None
    words: str = ""  # e.g. "May 2016 to March 2017"


@dataclass(frozen=True)
class Marker:
    label: str
    start: date
    end: date
    href: str | None = None
    words: str = ""


GUTTER, TL_WIDTH, BAR_ROW, EVENT_ROW, AXIS = 150, 820, 36, 24, 28


class _Scale:
    def __init__(self, first: date, last: date):
        self.first_year = first.year
        self.last_year = last.year if (last.month, last.day) == (1, 1) else last.year + 1
        self.start = date(self.first_year, 1, 1)
        self.days = (date(self.last_year, 1, 1) - self.start).days or 1

    def x(self, day: date) -> float:
        return GUTTER + (TL_WIDTH - GUTTER - 16) * (day - self.start).days / self.days


def _axis(scale: _Scale, top: float, bottom: float) -> list[str]:
    out = []
    for year in range(scale.first_year, scale.last_year + 1):
        x = scale.x(date(year, 1, 1))
        out.append(f'<line x1="{x:.1f}" y1="{top:.0f}" x2="{x:.1f}" y2="{bottom:.0f}" stroke="#d0d7db"/>')
        if year < scale.last_year:
            centre = (x + scale.x(date(year + 1, 1, 1))) / 2
            out.append(f'<text x="{centre:.1f}" y="{top - 10:.0f}" text-anchor="middle" font-size="13" '
                       f'font-weight="600" fill="#333">{year}</text>')
    return out


def _bar(bar: Bar, scale: _Scale, y: float) -> list[str]:
    x1, x2 = scale.x(bar.start), scale.x(bar.end)
    label = f"{bar.label}: {bar.words}" if bar.words else bar.label
    inner = [f'<text x="{GUTTER - 10}" y="{y + 18:.0f}" text-anchor="end" font-size="13" fill="#00567a">'
             f'{esc(wrap(bar.label, 20, 1)[0])}</text>',
             f'<rect x="{x1:.1f}" y="{y + 4:.0f}" width="{max(x2 - x1, 2):.1f}" height="{BAR_ROW - 10}" rx="4" '
             f'fill="#2b7a9b"><title>{esc(label)}</title></rect>']
    if bar.words and x2 - x1 > 7 * len(bar.words):
        inner.append(f'<text x="{(x1 + x2) / 2:.1f}" y="{y + 18:.0f}" text-anchor="middle" font-size="11" '
                     f'fill="#fff">{esc(bar.words)}</text>')
    return _link(bar.href, inner, label)


def _marker(marker: Marker, scale: _Scale, y: float) -> list[str]:
    x = (scale.x(marker.start) + scale.x(marker.end)) / 2
    cy = y + EVENT_ROW / 2
    right_side = x > (GUTTER + TL_WIDTH) / 2
    anchor, tx = ("end", x - 10) if right_side else ("start", x + 10)
    room = (x - 16 if right_side else TL_WIDTH - x - 16) / 6.4  # characters that fit at 12px
    text = f"{marker.label} ({marker.words})" if marker.words and marker.words not in marker.label else marker.label
    shown = text if len(text) <= room else marker.label
    inner = [f'<path d="M{x:.1f},{cy - 6:.1f} l6,6 l-6,6 l-6,-6 z" fill="#b3541e">'
             f'<title>{esc(text)}</title></path>',
             f'<text x="{tx:.1f}" y="{cy + 4:.1f}" text-anchor="{anchor}" font-size="12" fill="#333">'
             f'{esc(wrap(shown, max(int(room), 12), 1)[0])}</text>']
    return _link(marker.href, inner, text)


def timeline_svg(bars: list[Bar], markers: list[Marker], title: str, desc: str,
                 ident: str = "timeline") -> str:
    """Phases as bars over a year axis, and dated events as diamonds below them."""
    days = [b.start for b in bars] + [b.end for b in bars] + [m.start for m in markers] + [m.end for m in markers]
    scale = _Scale(min(days), max(days))
    top = AXIS
    height = top + len(bars) * BAR_ROW + (len(markers) * EVENT_ROW + 8 if markers else 0) + 12
    out = _open(TL_WIDTH, height, ident, title, desc, "diagram timeline")
    out += _axis(scale, top, height - 6)
    for i, bar in enumerate(bars):
        out += _bar(bar, scale, top + i * BAR_ROW)
    events_top = top + len(bars) * BAR_ROW + 8
    if markers:
        out.append(f'<text x="{GUTTER - 10}" y="{events_top + 16:.0f}" text-anchor="end" font-size="13" '
                   'fill="#333">Events</text>')
    for i, marker in enumerate(markers):
        out += _marker(marker, scale, events_top + i * EVENT_ROW)
    out.append("</svg>")
    return "\n".join(out)
