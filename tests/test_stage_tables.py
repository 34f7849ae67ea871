"""Stage: case-count tables and the media coverage box (sitrep_extract/fields/tables.py)."""
from __future__ import annotations

import pytest

from sitrep_extract.fields.tables import Row, _header_row, find_case_tables, find_media_coverage, metric_of, parse_row, subject_of
from sitrep_extract.model import Line
from sitrep_extract.readers.text import read_text
from sitrep_extract.report import CaseTable, MediaCoverage


def L(*texts):
    return [Line(text=t) for t in texts]


# --- parse_row ---------------------------------------------------------------------------------

def test_tab_separated_row():
    assert parse_row("CONFIRMED\t116772") == Row("confirmed", "CONFIRMED", ["116772"])


def test_tab_separated_row_with_trailing_tab():
    assert parse_row("RECOVERED\t107843\t") == Row("recovered", "RECOVERED", ["107843"])


def test_mortality_label_means_deaths():
    assert parse_row("MORTALITY\t1857") == Row("deaths", "MORTALITY", ["1857"])


def test_rate_row_keeps_the_percent_cell():
    assert parse_row("CASE FATALITY RATE\t1,59%") == Row("case_fatality_rate_percent", "CASE FATALITY RATE", ["1,59%"])


def test_value_first_row_with_note():
    assert parse_row("46 997 confirmed (1826 new)") == Row("confirmed", "confirmed", ["46 997"])


def test_value_first_deaths_row():
    assert parse_row("264 deaths (3 new)") == Row("deaths", "deaths", ["264"])


def test_multi_column_french_row():
    assert parse_row("Cas confirmés\t5\t0\t5") == Row("confirmed", "Cas confirmés", ["5", "0", "5"])


def test_space_separated_cells_after_label():
    assert parse_row("Décès 4 15") == Row("deaths", "Décès", ["4", "15"])


def test_label_with_colon():
    assert parse_row("Deaths: 264") == Row("deaths", "Deaths", ["264"])


def test_label_first_with_new_in_brackets():
    assert parse_row("Confirmed 1,234 (56 new)") == Row("confirmed", "Confirmed", ["1,234", "56"])


@pytest.mark.parametrize("text", [
    "The team met 5 times",
    "TOTAL REACH 13 MLN",  # a media figure, not a case count
    "NUMBER OF COVID-19 CASES\tAS OF 12:00 09.11.2020",
    "",
])
def test_non_rows(text):
    assert parse_row(text) is None


@pytest.mark.parametrize("label, metric", [
    ("CONFIRMED", "confirmed"), ("Cas confirmés", "confirmed"), ("Casos confirmados", "confirmed"),
    ("Guéris", "recovered"), ("Fallecidos", "deaths"), ("CFR", "case_fatality_rate_percent"),
    ("Suspected cases", "suspected"), ("Contacts suivis", "contacts"), ("Weather", None),
])
def test_metric_of(label, metric):
    assert metric_of(label) == metric


def test_subject_of_title_prefers_pneumonia():
    assert (subject_of("NUMBER OF COVID-19 PNEUMONIA CASES", "cases"), subject_of("NUMBER OF COVID-19 CASES", "x"),
            subject_of("Ebola situation", "x"), subject_of("Cases", "dengue")) == (
        "covid19_pneumonia", "covid19", "ebola", "dengue")


# --- find_case_tables on the sample ------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_tables(sitrep_text):
    lines = read_text(sitrep_text.read_text()).lines
    return lines, find_case_tables(lines, "covid19", 2020)


def test_sample_has_two_tables_and_no_warnings(sample_tables):
    _, (tables, _, warnings) = sample_tables
    assert len(tables) == 2
    assert warnings == []


def test_sample_covid_table(sample_tables):
    _, (tables, _, _) = sample_tables
    assert tables[0] == CaseTable(title="NUMBER OF COVID-19 CASES", subject="covid19", as_of="2020-11-09T12:00",
                                  confirmed=116772, recovered=107843, deaths=1857,
                                  case_fatality_rate_percent=1.59, page=None, other={})


def test_sample_pneumonia_table(sample_tables):
    _, (tables, _, _) = sample_tables
    assert tables[1] == CaseTable(title="NUMBER OF COVID-19 PNEUMONIA CASES", subject="covid19_pneumonia",
                                  as_of="2020-11-09T12:00", confirmed=39104, recovered=29182, deaths=409,
                                  case_fatality_rate_percent=1.04, page=None, other={})


def test_sample_table_lines_are_taken(sample_tables):
    lines, (_, taken, _) = sample_tables
    assert [lines[i].text.split("\t")[0] for i in sorted(taken)] == [
        "NUMBER OF COVID-19 CASES", "CONFIRMED", "RECOVERED", "MORTALITY", "CASE FATALITY RATE",
        "NUMBER OF COVID-19 PNEUMONIA CASES", "CONFIRMED", "RECOVERED", "MORTALITY", "CASE FATALITY RATE"]


# --- find_case_tables on small inputs ----------------------------------------------------------

def test_cfr_that_disagrees_gives_a_warning():
    tables, _, warnings = find_case_tables(L("COVID-19 CASES AS OF 10 JULY 2020", "CONFIRMED\t1000", "DEATHS\t10",
                                             "CFR\t5%"), "covid19", 2020)
    assert tables[0].case_fatality_rate_percent == 5.0
    assert warnings == ["case table 'COVID-19 CASES': printed case fatality rate 5.0% disagrees with "
                        "deaths/confirmed = 1.00%"]


def test_cfr_that_agrees_gives_no_warning():
    _, _, warnings = find_case_tables(L("COVID-19 CASES AS OF 10 JULY 2020", "CONFIRMED\t1000", "DEATHS\t10",
                                        "CFR\t1%"), "covid19", 2020)
    assert warnings == []


def test_as_of_with_default_year():
    tables, _, _ = find_case_tables(L("COVID-19 CASES AS OF 10 JULY", "CONFIRMED\t1000", "DEATHS\t10"), "x", 2020)
    assert (tables[0].title, tables[0].as_of) == ("COVID-19 CASES", "2020-07-10")


def test_multi_column_table_takes_the_last_cell_and_keeps_other_counts():
    tables, taken, _ = find_case_tables(L("Ebola situation au 06/09/2025", "Cas confirmés\t5\t0\t5",
                                          "Décès\t2\t1\t3", "Cas suspects\t4\t1\t9"), "ebola", 2025)
    assert tables == [CaseTable(title="Ebola situation", subject="ebola", as_of="2025-09-06", confirmed=5,
                                deaths=3, other={"cas_suspects": 9})]
    assert taken == {0, 1, 2, 3}


def test_value_first_rows_without_header():
    tables, taken, _ = find_case_tables(L("Some paragraph.", "46 997 confirmed (1826 new)", "1 234 deaths (12 new)"),
                                        "covid19", 2020)
    assert tables == [CaseTable(title="Cases", subject="covid19", confirmed=46997, deaths=1234)]
    assert taken == {1, 2}


def test_a_single_row_is_not_a_table():
    assert find_case_tables(L("CONFIRMED\t10"), "covid19", 2020) == ([], set(), [])


def test_rows_without_case_metrics_are_not_a_table():
    assert find_case_tables(L("TESTED\t10", "CONTACTS\t5"), "covid19", 2020) == ([], set(), [])


# --- find_media_coverage -----------------------------------------------------------------------

def test_media_labels_and_values_on_one_line(sitrep_text):
    lines = read_text(sitrep_text.read_text()).lines
    at = [i for i, line in enumerate(lines) if line.text == "UN IN KAZAKHSTAN MEDIA COVERAGE"]
    coverage, used = find_media_coverage(lines, at)
    assert coverage == MediaCoverage(total_reach=13_000_000, engagement=563_000)
    assert used == {at[0], at[0] + 1, at[0] + 2}


def test_media_labels_then_values_on_separate_lines():
    coverage, used = find_media_coverage(L("MEDIA COVERAGE", "TOTAL REACH", "ENGAGEMENT", "17 MLN", "563K",
                                           "Next paragraph."), [0])
    assert coverage == MediaCoverage(total_reach=17_000_000, engagement=563_000)
    assert used == {0, 1, 2, 3, 4}


def test_media_label_value_pairs_on_alternate_lines():
    coverage, _ = find_media_coverage(L("MEDIA COVERAGE", "ENGAGEMENT", "563K", "TOTAL REACH", "13 MLN"), [0])
    assert coverage == MediaCoverage(total_reach=13_000_000, engagement=563_000)


def test_media_labels_with_colons():
    coverage, _ = find_media_coverage(L("MEDIA COVERAGE", "Total reach: 13 mln", "Engagement: 563K"), [0])
    assert coverage == MediaCoverage(total_reach=13_000_000, engagement=563_000)


def test_media_heading_without_figures():
    assert find_media_coverage(L("MEDIA COVERAGE", "Some words here."), [0]) == (None, set())


def test_media_labels_without_values():
    assert find_media_coverage(L("MEDIA COVERAGE", "TOTAL REACH", "ENGAGEMENT"), [0]) == (None, set())


def test_table_title_drops_the_bracket_of_its_as_of_note():
    tables, _, _ = find_case_tables(L("KEY FIGURES (as of 14.12.2020)", "Confirmed cases: 78 312", "Recovered: 70 105",
                                      "Deaths: 1 310"), "covid19", 2020)
    assert [(t.title, t.as_of, t.confirmed, t.recovered, t.deaths) for t in tables] == [
        ("KEY FIGURES", "2020-12-14", 78312, 70105, 1310)]


def test_two_label_columns_then_two_value_columns_each_get_their_own_values():
    lines = L("NUMBER OF COVID-19 CASES", "AS OF 12:00 09.11.2020", "CONFIRMED", "RECOVERED", "MORTALITY",
              "NUMBER OF COVID-19 PNEUMONIA CASES", "AS OF 12:00 09.11.2020", "CONFIRMED", "RECOVERED", "MORTALITY",
              "Number of cases (blue line)", "116772", "107843", "1857", "39104", "29182", "409")
    tables, _, _ = find_case_tables(lines, "covid19", 2020)
    assert [(t.subject, t.confirmed, t.recovered, t.deaths) for t in tables] == [
        ("covid19", 116772, 107843, 1857), ("covid19_pneumonia", 39104, 29182, 409)]


def test_grid_of_boxes_read_two_by_two_is_one_table_with_wrapped_labels():
    lines = L("NUMBER OF COVID-19 CASES", "AS OF 10:00", "03.08.2020", "CONFIRMED", "RECOVERED", "95 942", "70 214",
              "MORTALITY", "CASE FATALITY", "RATE", "1 058", "1,10%", "REPORTED CASES BY DATE")
    tables, taken, _ = find_case_tables(lines, "covid19", 2020)
    assert [(t.title, t.as_of, t.confirmed, t.recovered, t.deaths, t.case_fatality_rate_percent) for t in tables] == [
        ("NUMBER OF COVID-19 CASES", "2020-08-03T10:00", 95942, 70214, 1058, 1.1)]
    assert taken == set(range(12))


def test_a_case_fatality_rate_over_suspected_cases_draws_no_warning():
    lines = L("CHIFFRES CLÉS AU 17/03/2024", "Cas suspects : 1 245", "Cas confirmés : 312", "Décès : 27",
              "Létalité : 2,2 %")
    tables, _, warnings = find_case_tables(lines, "cholera", 2024)
    assert tables[0].case_fatality_rate_percent == 2.2 and warnings == []


def test_a_case_fatality_rate_matching_no_count_is_reported():
    _, _, warnings = find_case_tables(L("KEY FIGURES", "Confirmed: 312", "Deaths: 27", "CFR: 2.2%"), "cholera", 2024)
    assert len(warnings) == 1 and "disagrees" in warnings[0]


def test_media_value_with_its_unit_wrapped_onto_the_next_line():
    coverage, used = find_media_coverage(L("MEDIA COVERAGE", "TOTAL REACH 13", "MLN", "ENGAGEMENT 563K"), [0])
    assert coverage == MediaCoverage(total_reach=13_000_000, engagement=563_000) and used == {0, 1, 2, 3}


# --- boxes printed label above value (pdftotext) ------------------------------------------------

def test_labels_above_their_values_make_one_table():
    tables, taken, _ = find_case_tables(L("NUMBER OF COVID-19 CASES", "CONFIRMED", "116772", "RECOVERED", "107843",
                                          "MORTALITY", "1857"))
    assert [(t.title, t.confirmed, t.recovered, t.deaths) for t in tables] == [
        ("NUMBER OF COVID-19 CASES", 116772, 107843, 1857)]
    assert taken == set(range(7))


def test_a_footer_and_the_as_of_line_between_a_label_and_its_value_are_stepped_over():
    tables, _, _ = find_case_tables(L("NUMBER OF COVID-19 CASES", "CONFIRMED", "116772", "MORTALITY", "1857",
                                      "CASE FATALITY RATE", "UN Kazakhstan | COVID-19 Situation Report | 9 November",
                                      "AS OF 12:00 09.11.2020", "1,59%"))
    assert (tables[0].deaths, tables[0].case_fatality_rate_percent, tables[0].as_of) == (1857, 1.59, "2020-11-09T12:00")


def test_values_above_their_labels_are_not_paired_with_the_next_label():
    # a map's district boxes: '54' / 'Confirmed cases' / '0' / 'Hospitalized cases' / '0' / 'Death'
    tables, _, _ = find_case_tables(L("1. Lalitpur", "54", "Confirmed cases", "0", "Hospitalized cases", "0", "Death",
                                      "2. Kathmandu"))
    assert tables == []


def test_a_title_wrapped_around_its_as_of_line_is_joined():
    tables, _, _ = find_case_tables(L("NUMBER OF COVID-19 PNEUMONIA", "AS OF 12:00 09.11.2020", "CASES",
                                      "CONFIRMED 39104", "RECOVERED 29182", "CASE FATALITY RATE 1,04%"))
    assert [(t.title, t.as_of, t.confirmed, t.case_fatality_rate_percent) for t in tables] == [
        ("NUMBER OF COVID-19 PNEUMONIA CASES", "2020-11-09T12:00", 39104, 1.04)]


def test_table_printed_across_reads_labels_over_values():
    lines = [Line(text=t) for t in ["Number of COVID-19 cases as of 12:00 09.11.2020",
                                    "Confirmed\tRecovered\tMortality\tCase fatality rate",
                                    "116 772\t107 843\t1 857\t1,59%"]]
    (table,), taken, _ = find_case_tables(lines, default_year=2020)
    assert (table.title, table.as_of, table.confirmed, table.recovered, table.deaths,
            table.case_fatality_rate_percent) == ("Number of COVID-19 cases", "2020-11-09T12:00", 116772, 107843,
                                                  1857, 1.59)
    assert taken == {0, 1, 2}


def test_header_row_over_a_label_column_is_no_table_across():
    lines = [Line(text=t) for t in ["Region\tConfirmed\tDeaths", "Almaty\t1 234\t12"]]
    assert _header_row(lines, 0) == ([], set())


def test_header_row_needs_as_many_values_as_labels():
    lines = [Line(text=t) for t in ["Confirmed\tRecovered\tDeaths", "116 772\t107 843"]]
    assert _header_row(lines, 0) == ([], set())
