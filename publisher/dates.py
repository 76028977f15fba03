"""Dates in words, at the precision the data gives them (DESIGN.md §2: never invent a day).

``"2017-03"^^xsd:gYearMonth`` is "March 2017", ``"2016"^^xsd:gYear`` is "2016" and
``"2016-05-17"^^xsd:date`` is "17 May 2016". ``date_span`` turns a value into the period it
covers (a month covers the whole month), which the timeline draws.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

XSD = "http://www.w3.org/2001/XMLSchema#"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

_TZ = r"(?P<tz>Z|[+-]\d\d:\d\d)?"
_PATTERNS = {
    "date": re.compile(r"(?P<y>-?\d{4,})-(?P<m>\d\d)-(?P<d>\d\d)" + _TZ + "$"),
    "dateTime": re.compile(r"(?P<y>-?\d{4,})-(?P<m>\d\d)-(?P<d>\d\d)T(?P<H>\d\d):(?P<M>\d\d)"
                           r":(?P<S>\d\d)(?:\.\d+)?" + _TZ + "$"),
    "gYearMonth": re.compile(r"(?P<y>-?\d{4,})-(?P<m>\d\d)" + _TZ + "$"),
    "gYear": re.compile(r"(?P<y>-?\d{4,})" + _TZ + "$"),
    "gMonthDay": re.compile(r"--(?P<m>\d\d)-(?P<d>\d\d)" + _TZ + "$"),
    "gMonth": re.compile(r"--(?P<m>\d\d)" + _TZ + "$"),
}
DATE_TYPES = frozenset(XSD + name for name in _PATTERNS)


def is_date_type(datatype: str | None) -> bool:
    return datatype in DATE_TYPES


def _match(value: str, datatype: str):
    if not is_date_type(datatype):
        return None
    match = _PATTERNS[datatype[len(XSD):]].match(value.strip())
    if match and "m" in match.groupdict() and not 1 <= int(match["m"]) <= 12:
        return None
    if match and "d" in match.groupdict() and not 1 <= int(match["d"]) <= 31:
        return None
    return match


def _year(text: str) -> str:
    year = int(text)
    return f"{-year} BC" if year < 0 else str(year)


def _zone(tz: str | None) -> str:
    if not tz:
        return ""
    return " UTC" if tz in ("Z", "+00:00", "-00:00") else f" (UTC{tz})"


def date_in_words(value: str, datatype: str | None) -> str:
    """The date in English words at its own precision; any other value is returned unchanged."""
    match = _match(value, datatype or "")
    if match is None:
        return value
    parts = match.groupdict()
    month = MONTHS[int(parts["m"]) - 1] if parts.get("m") else ""
    day = str(int(parts["d"])) if parts.get("d") else ""
    kind = datatype[len(XSD):]
    if kind == "gYear":
        return _year(parts["y"])
    if kind == "gYearMonth":
        return f"{month} {_year(parts['y'])}"
    if kind == "gMonth":
        return month
    if kind == "gMonthDay":
        return f"{day} {month}"
    words = f"{day} {month} {_year(parts['y'])}"
    if kind == "dateTime":
        return f"{words}, {parts['H']}:{parts['M']}{_zone(parts['tz'])}"
    return words


def date_span(value: str, datatype: str | None) -> tuple[date, date] | None:
    """The period a date value covers, as (first day, day after the last), or None.

    A year covers the whole year and a year-month the whole month; a date or date-time one day.
    """
    match = _match(value, datatype or "")
    kind = (datatype or "")[len(XSD):]
    if match is None or kind not in ("date", "dateTime", "gYearMonth", "gYear"):
        return None
    year = int(match["y"])
    if not 1 <= year <= 9998:
        return None
    if kind == "gYear":
        return date(year, 1, 1), date(year + 1, 1, 1)
    month = int(match["m"])
    if kind == "gYearMonth":
        return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1)
    try:
        day = date(year, month, int(match["d"]))
    except ValueError:
        return None
    return day, day + timedelta(days=1)


def sort_key(value: str, datatype: str | None) -> str:
    """A key that orders dates of mixed precision by their first day (undated last)."""
    span = date_span(value, datatype)
    return span[0].isoformat() if span else "9999"
