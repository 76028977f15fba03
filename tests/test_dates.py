"""Dates in words, at the precision the data gives them (DESIGN.md §2: never invent a day)."""

from __future__ import annotations

from datetime import date

import pytest

from publisher.dates import date_in_words, date_span, sort_key

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(("value", "datatype", "words"), [
    ("2017-03", "gYearMonth", "March 2017"),
    ("2016", "gYear", "2016"),
    ("2016-05-17", "date", "17 May 2016"),
    ("2018-04-01", "date", "1 April 2018"),
    ("2000-12-01Z", "date", "1 December 2000"),
    ("2017-11-30T09:40:00", "dateTime", "30 November 2017, 09:40"),
    ("2017-11-30T09:40:00Z", "dateTime", "30 November 2017, 09:40 UTC"),
    ("2017-11-30T09:40:00.5+01:00", "dateTime", "30 November 2017, 09:40 (UTC+01:00)"),
    ("--03-28", "gMonthDay", "28 March"),
    ("--07", "gMonth", "July"),
    ("-0044", "gYear", "44 BC"),
    ("2017-13", "gYearMonth", "2017-13"),  # not a date: shown as written
    ("2017-13-45", "date", "2017-13-45"),
    ("March 2017", "date", "March 2017"),
    ("2017-03", "string", "2017-03"),  # not a date type
])
def test_date_in_words(value, datatype, words):
    assert date_in_words(value, XSD + datatype) == words


@pytest.mark.parametrize(("value", "datatype", "span"), [
    ("2016", "gYear", (date(2016, 1, 1), date(2017, 1, 1))),
    ("2017-03", "gYearMonth", (date(2017, 3, 1), date(2017, 4, 1))),  # the whole month
    ("2017-12", "gYearMonth", (date(2017, 12, 1), date(2018, 1, 1))),
    ("2016-05-17", "date", (date(2016, 5, 17), date(2016, 5, 18))),
    ("2018-03-31T23:00:00Z", "dateTime", (date(2018, 3, 31), date(2018, 4, 1))),
    ("2017-02-30", "date", None),
    ("--03-28", "gMonthDay", None),
    ("2016", "integer", None),
])
def test_date_span(value, datatype, span):
    assert date_span(value, XSD + datatype) == span


def test_sort_key_orders_mixed_precision_and_puts_undated_last():
    values = [("2017-03-28", "date"), ("2016", "gYear"), ("2017-03", "gYearMonth"), ("soon", "string")]
    ordered = sorted(values, key=lambda v: sort_key(v[0], XSD + v[1]))
    assert ordered == [("2016", "gYear"), ("2017-03", "gYearMonth"), ("2017-03-28", "date"), ("soon", "string")]
