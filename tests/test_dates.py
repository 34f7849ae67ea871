import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep_extract.fields.dates import MONTHS, find_dates, parse_as_of, parse_date

D = datetime.date


@pytest.mark.parametrize("text, expected", [
    ("2020-11-09", D(2020, 11, 9)),
    ("09.11.2020", D(2020, 11, 9)),
    ("9.11.20", D(2020, 11, 9)),
    ("23/01/2020", D(2020, 1, 23)),
    ("05/01/2020", D(2020, 1, 5)),
    ("01/23/2020", D(2020, 1, 23)),
    ("9 November 2020", D(2020, 11, 9)),
    ("9 Nov. 2020", D(2020, 11, 9)),
    ("06 Sept 2025", D(2025, 9, 6)),
    ("1er septembre 2025", D(2025, 9, 1)),
    ("10 de julio de 2020", D(2020, 7, 10)),
    ("November 9, 2020", D(2020, 11, 9)),
    ("Monday, September 23, 2024", D(2024, 9, 23)),
    ("13 February 2020", D(2020, 2, 13)),
    ("10 июля 2020 г.", D(2020, 7, 10)),
    ("9-Nov-2020", D(2020, 11, 9)),
])
def test_parse_date_formats(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("As of 10 July", D(2020, 7, 10)),
    ("on 3 July", D(2020, 7, 3)),
    ("20 aout", D(2020, 8, 20)),
])
def test_day_month_uses_default_year(text, expected):
    assert parse_date(text, default_year=2020) == expected


def test_day_month_without_default_year_is_ignored():
    assert find_dates("As of 10 July") == []


def test_lowercase_may_without_year_is_a_verb():
    assert find_dates("cases 3 may rise", default_year=2020) == []


def test_impossible_date_is_skipped():
    assert find_dates("31 February 2020 and 1 March 2020") == [(D(2020, 3, 1), 21, 33)]


def test_range_end_without_year_is_not_a_date():
    assert find_dates("1-Jan to 5-Jan", default_year=2020) == []


@pytest.mark.parametrize("text", ["8.800.080.00.06", "12.5%", "version 1.2.3", "v2.10.11", "1.2.3.4"])
def test_not_dates(text):
    assert find_dates(text, default_year=2020) == []


def test_find_dates_spans():
    text = "Report 09.11.2020, data as of 8 Nov 2020"
    assert [(d, text[s:e]) for d, s, e in find_dates(text)] == [
        (D(2020, 11, 9), "09.11.2020"), (D(2020, 11, 8), "8 Nov 2020")]


def test_months_table_covers_languages():
    assert MONTHS["sept"] == MONTHS["septembre"] == MONTHS["setiembre"] == MONTHS["сентября"] == 9
    assert MONTHS["février"] == MONTHS["fevrier"] == 2
    assert MONTHS["août"] == MONTHS["aout"] == 8


@pytest.mark.parametrize("text, default_year, expected", [
    ("AS OF 12:00 09.11.2020", None, "2020-11-09T12:00"),
    ("as of 14 March 2020, 12:00 noon", None, "2020-03-14T12:00"),
    ("as of 10 AM CET 13 February 2020", None, "2020-02-13T10:00"),
    ("As of 10 July", 2020, "2020-07-10"),
    ("Data as reported by 13 February 2020", None, "2020-02-13"),
    ("Situation au 06 septembre 2025", None, "2025-09-06"),
    ("à la date du 5 sept 2025", None, "2025-09-05"),
    ("as of 9:30 p.m. 1 March 2021", None, "2021-03-01T21:30"),
    ("Situation au Sénégal au 06 septembre 2025 à 18h", None, "2025-09-06T18:00"),
    ("al 10 de julio de 2020", None, "2020-07-10"),
    ("по состоянию на 10.07.2020", None, "2020-07-10"),
])
def test_parse_as_of(text, default_year, expected):
    assert parse_as_of(text, default_year) == expected


def test_parse_as_of_needs_a_cue():
    assert parse_as_of("Situation report 09.11.2020") is None


def test_parse_as_of_without_year_or_default():
    assert parse_as_of("As of 10 July") is None


_dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31))
_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
       "September", "October", "November", "December"]
_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
       "septembre", "octobre", "novembre", "décembre"]
_FORMATS = [
    lambda d: d.isoformat(),
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{d.day} {_EN[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {_FR[d.month - 1]} {d.year}",
    lambda d: f"{_EN[d.month - 1]} {d.day}, {d.year}",
]


@given(_dates, st.sampled_from(_FORMATS))
def test_dates_round_trip(d, fmt):
    assert parse_date(f"Report of {fmt(d)}.") == d


@given(st.text(), st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
def test_date_functions_never_raise(text, default_year):
    find_dates(text, default_year)
    parse_date(text, default_year)
    parse_as_of(text, default_year)


_WORDS = st.sampled_from(sorted(MONTHS) + ["as of", "au", "al", "up to", "le", "the", "noon", "h", "-", "/", ".",
                                           ",", "(", "de", "du", "on", "Monday", "at", "9", "2020", "12:00",
                                           "\u0663", "\u0967\u0968"])


@given(st.lists(_WORDS, max_size=10), st.sampled_from([" ", "", "."]))
def test_every_date_has_a_digit(words, glue):
    """The date functions skip text without a digit: no date pattern may match without one."""
    from sitrep_extract.fields import dates

    text = glue.join(words)
    for pattern in (dates.DATE_RE, dates.AS_OF_RE):
        m = pattern.search(text)
        assert m is None or dates._DIGIT.search(m.group())
