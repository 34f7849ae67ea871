"""Regression tests for bugs found while writing the stage tests.

Each test states the behaviour a sitrep user expects, in its docstring.
"""
from __future__ import annotations

import pytest

from sitrep_extract.canonical import split_headings
from sitrep_extract.fields.document import sitrep_number
from sitrep_extract.fields.figures import headline_figures
from sitrep_extract.fields.numbers import parse_count
from sitrep_extract.fields.places import guess_country
from sitrep_extract.fields.tables import find_case_tables, parse_row
from sitrep_extract.items import split_see_also
from sitrep_extract.model import Line


def test_figures_do_not_read_the_19_of_covid_19_as_a_count():
    """'an increase in COVID-19 cases' states no count: the '19' belongs to the disease name.

    Currently yields HeadlineFigure(metric='confirmed', value=19); the full pipeline reports
    "19 confirmed cases" for samples/un-kazakhstan-sitrep-2020-11-09.txt from its lead sentence.
    """
    text = "Over the past three weeks, there has been an increase in COVID-19 cases throughout the country."
    assert headline_figures([text], 2020, None) == []


def test_figures_survive_a_decimal_number_in_the_same_sentence():
    """A decimal such as '1.59%' must not break the sentence: the count before it is still a figure.

    The sentence splitter only ends a sentence at a '.' not followed by a digit, but when a '.'
    IS followed by a digit the whole start of the sentence fails to match and is skipped, so
    '116,772 confirmed cases' (and the 'As of' date) are lost.
    """
    text = "As of 9 November, 116,772 confirmed cases were recorded and the case fatality rate is 1.59%."
    figures = headline_figures([text], 2020, None)
    assert [(f.metric, f.value, f.as_of) for f in figures] == [("confirmed", 116772, "2020-11-09")]


def test_tab_separated_row_with_space_grouped_thousands_is_one_number():
    """'CONFIRMED<TAB>116 772' has one cell: the count 116772, not the cells '116' and '772'.

    Space-grouped thousands are the French/Russian print style (the module reads '46 997 confirmed'
    correctly); after a tab the single cell is split on spaces and the table gets confirmed=772.
    """
    row = parse_row("CONFIRMED\t116 772")
    assert row is not None and parse_count(row.values[-1]) == 116772
    tables, _, _ = find_case_tables([Line("CASES AS OF 10 JULY 2020"), Line("CONFIRMED\t116 772"),
                                     Line("DEATHS\t1 857")], "covid19", 2020)
    assert [(t.confirmed, t.deaths) for t in tables] == [(116772, 1857)]


def test_nd_cells_do_not_break_a_case_table():
    """French sitreps print 'ND' (non disponible) for missing cells; such a row must not end the table.

    Currently a row whose first cell is ND is not a row, so the table stops after one row and is
    dropped entirely: confirmed and deaths are lost.
    """
    lines = [Line("Situation au 06/09/2025"), Line("Cas confirmés\t5\t0\t5"), Line("Cas probables\tND\t0\t2"),
             Line("Décès\t2\t1\t3")]
    tables, _, _ = find_case_tables(lines, "ebola", 2025)
    assert [(t.confirmed, t.deaths) for t in tables] == [(5, 3)]


@pytest.mark.parametrize("head", [
    "Situation Report – 10 July 2020",
    "COVID-19 SITUATION REPORT\n10 July 2020",
    "Sitrep 14 March 2020",
])
def test_sitrep_number_is_not_the_day_of_the_report_date(head):
    """A masthead date after the title is not a report number: '10 July 2020' is no 'Situation Report 10'.

    The look-ahead only guards numeric dates ('09.11.2020'); dates with a month name give the day.
    """
    assert sitrep_number(head) is None


def test_drc_is_not_guessed_as_the_republic_of_the_congo():
    """'Democratic Republic of the Congo' in a masthead names the DRC, not the (other) Republic of the Congo.

    'Congo' inside the long name is counted as a separate country, ties with the DRC, and wins by
    table order: an Ebola sitrep from Kinshasa is filed under the wrong country.
    """
    assert guess_country("Ebola virus disease – Democratic Republic of the Congo – Situation report", "") == \
        "Democratic Republic of the Congo"
    assert guess_country("Maladie à virus Ebola - République Démocratique du Congo", "") == \
        "Democratic Republic of the Congo"


def test_papua_new_guinea_is_not_guinea():
    """'Papua New Guinea' is its own country; the 'Guinea' inside it must not win the guess."""
    assert guess_country("Papua New Guinea COVID-19 situation report", "") == "Papua New Guinea"


def test_see_also_without_topic_does_not_take_the_preposition_as_section():
    """'More on page 3.' links to page 3 without naming a section; 'on' is not a section id.

    The optional 'on' before the topic is skipped and the lazy topic group captures the 'on'
    before 'page' instead, giving SeeAlso(section='on', page=3).
    """
    text, ref = split_see_also("More on page 3.")
    assert text == ""
    assert ref is not None and ref.page == 3
    assert ref.section != "on"


def test_story_title_containing_a_special_variant_stays_whole():
    """'OPEN DATA SOURCES PORTAL LAUNCHED' is one story title, not 'OPEN' + a KEY SOURCES heading
    + 'PORTAL LAUNCHED'.

    A variant cut out of the middle of a title, leaving a one-word scrap, should not split it
    (like 'COVID-19 RESPONSE APP HEALTH BUDDY' stays whole). Through the pipeline the split gives an
    empty feature story 'OPEN' and a story titled 'PORTAL LAUNCHED'.
    """
    assert [(part, canon) for part, canon in split_headings("OPEN DATA SOURCES PORTAL LAUNCHED")] == [
        ("OPEN DATA SOURCES PORTAL LAUNCHED", None)]


def test_see_also_line_stays_with_the_story_above_a_table_and_a_chart_title():
    """A 'More on … page N.' line on its own closes the story above it. A chart's title printed after
    the case table ('REPORTED CASES BY DATE') took it as if it were a story printed before its
    heading: a story made of nothing but its link."""
    from sitrep_extract import extract

    text = ("COLD CHAIN READY FOR COVID-19 VACCINES\n\nTo prepare the country for the introduction of COVID-19 "
            "vaccines, UNICEF has completed an assessment of the national cold chain together with the Ministry "
            "of Healthcare and WHO. With funding from the Government of Japan, UNICEF is procuring refrigerators "
            "and cold rooms for regional and district vaccine stores.\n\n"
            "**More on COVID-19 response supplies on page 3.**\n\n"
            "DEATHS\t2 154\nCASE FATALITY RATE\t1,48%\n\nREPORTED CASES BY DATE **KEY SOURCES**\n")
    linked = [(i.title, i.see_also.section) for s in extract(text).sections for i in s.items if i.see_also]
    assert linked == [("COLD CHAIN READY FOR COVID-19 VACCINES", "response_supplies")]
