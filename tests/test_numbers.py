import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep_extract.fields.numbers import MULTIPLIERS, find_counts, parse_count, parse_decimal


@pytest.mark.parametrize("text, expected", [
    ("116772", 116772),
    ("54,747", 54747),
    ("46 997", 46997),
    ("46\u00a0997", 46997),
    ("46\u202f997", 46997),
    ("46\u2009997", 46997),
    ("14’840", 14840),
    ("14'840", 14840),
    ("7.525", 7525),
    ("1.234.567", 1234567),
    ("1,234", 1234),
    ("05", 5),
    ("09", 9),
])
def test_parse_count_separators(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("13 MLN", 13_000_000),
    ("17 mln", 17_000_000),
    ("2.7 mln", 2_700_000),
    ("1,5 million", 1_500_000),
    ("563K", 563_000),
    ("1.2M", 1_200_000),
    ("43 thousand", 43_000),
    ("150 billion", 150_000_000_000),
    ("2 bn", 2_000_000_000),
    ("10 тыс.", 10_000),
    ("3,4 млн", 3_400_000),
    ("1 млрд", 1_000_000_000),
    ("15 mil casos", 15_000),
    ("2 milliards", 2_000_000_000),
])
def test_parse_count_multipliers(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("38(90,5%)", 38),
    ("+12", 12),
    ("12 644", 12644),
    ("1 368 deaths", 1368),
    ("COVID-19 cases: 1 368", 1368),
])
def test_parse_count_tolerates_noise(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["", "ND", "N/A", "-", "none reported"])
def test_parse_count_none_without_number(text):
    assert parse_count(text) is None


def test_parse_count_rounds_decimal_without_multiplier():
    assert parse_count("12.5") == 13


def test_single_letter_multiplier_must_be_glued_on():
    assert parse_count("500 m") == 500


def test_phone_number_is_not_a_count():
    assert parse_count("8.800.080.00.06") is None


def test_multipliers_are_lowercase_table():
    assert all(key == key.lower() for key in MULTIPLIERS)
    assert MULTIPLIERS["mln"] == MULTIPLIERS["млн"] == 10**6


def test_find_counts_spans_in_prose():
    text = "Total 54 747 cases, 1 368 deaths and 2.7 mln tests"
    assert [(v, text[s:e]) for v, s, e in find_counts(text)] == [
        (54747, "54 747"), (1368, "1 368"), (2_700_000, "2.7 mln")]


def test_find_counts_keeps_year_apart_from_next_number():
    assert [v for v, _, _ in find_counts("in 2020 123 cases")] == [2020, 123]


def test_find_counts_skips_words_with_digits():
    assert find_counts("H1N1 and COVID-19") == []


@pytest.mark.parametrize("text, expected", [
    ("1,59%", 1.59),
    ("1,1 %", 1.1),
    ("0.4%", 0.4),
    ("38%", 38.0),
    ("1 234,5", 1234.5),
    ("1,234.5", 1234.5),
    ("1.234,5", 1234.5),
    ("19,1", 19.1),
    ("90,5", 90.5),
    ("38(90,5%)", 38.0),
])
def test_parse_decimal_examples(text, expected):
    assert parse_decimal(text) == pytest.approx(expected)


def test_parse_decimal_three_digits_before_percent_are_decimals():
    assert parse_decimal("1,590%") == pytest.approx(1.59)


def test_parse_decimal_three_digits_without_percent_are_thousands():
    assert parse_decimal("1,234") == 1234.0


def test_parse_decimal_three_digits_after_zero_are_decimals():
    assert parse_decimal("0,125") == pytest.approx(0.125)


def test_parse_decimal_applies_multiplier():
    assert parse_decimal("2.7 mln") == pytest.approx(2_700_000)


@pytest.mark.parametrize("text", ["", "ND", "N/A", "-"])
def test_parse_decimal_none_without_number(text):
    assert parse_decimal(text) is None


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from([",", ".", " ", "\u00a0", "’"]))
def test_count_round_trips_through_thousands_separator(n, sep):
    assert parse_count(f"{n:,}".replace(",", sep)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99),
       st.sampled_from([",", "."]), st.booleans())
def test_decimal_round_trips_with_either_mark(whole, hundredths, mark, percent):
    text = f"{whole}{mark}{hundredths:02d}" + ("%" if percent else "")
    assert parse_decimal(text) == pytest.approx(whole + hundredths / 100)


@given(st.integers(min_value=1000, max_value=10**9), st.integers(min_value=0, max_value=9))
def test_decimal_round_trips_with_grouping(whole, tenth):
    assert parse_decimal(f"{whole:,}.{tenth}") == pytest.approx(whole + tenth / 10)
    assert parse_decimal(f"{whole:,}".replace(",", " ") + f",{tenth}") == pytest.approx(whole + tenth / 10)


@given(st.text())
def test_number_functions_never_raise(text):
    parse_count(text)
    parse_decimal(text)
    find_counts(text)
