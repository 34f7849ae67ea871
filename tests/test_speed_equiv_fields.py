"""The shortcuts in the field finders give the answers of the code they replaced.

Each test compares the fast path with a reference copy of the code it replaced (kept here, as it was),
on generated input close to what the rule decides on: agency names in odd case and odd Unicode, table
rows, lone values, label columns, as-of lines, sub-headings and prose.
"""
from __future__ import annotations

import regex as re
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep_extract.fields import entities, rows, tables
from sitrep_extract.model import Line

MANY = settings(max_examples=600, deadline=None)

# --- the replaced code, as it was ----------------------------------------------------------------------

_OLD_AGENCY_RES = [(name, re.compile(r"(?<!\w)(?:" + "|".join(pats) + r")(?![\w])"))
                   for name, pats in entities.AGENCIES.items()]
_OLD_ANY_AGENCY = re.compile(r"(?<!\w)(?:" + "|".join(p for pats in entities.AGENCIES.values() for p in pats)
                             + r")(?![\w])")


def old_agencies_in(text):
    starts = [m.start() for m in _OLD_ANY_AGENCY.finditer(text, overlapped=True)]
    if not starts:
        return []
    return [name for name, pattern in _OLD_AGENCY_RES if any(pattern.match(text, p) for p in starts)]


def old_find_case_tables(lines, default_subject="cases", default_year=None):
    found, taken, warnings = [], set(), []
    i = 0
    while i < len(lines):
        column, used = tables._column_rows(lines, i, taken) if i not in taken else ([], set())
        as_of = []
        resume = max((n for n in used if n < i + len(column)), default=i) + 1
        if not column and i not in taken:  # (added with the stacked reader: part of every line's scan)
            column, used = tables._header_row(lines, i, taken)
            if not column:
                column, used, as_of = tables._stacked_rows(lines, i, taken, default_year)
            resume = max(used, default=i) + 1
        if column:
            header = tables._header_lines(lines, i, taken)
            if not any(tables.parse_as_of(lines[n].text, default_year) for n in header):
                header = header + as_of[:1]
            table = tables._make_table(lines, header, tables._Group(None, column), i, default_subject, default_year)
            found.append(table)
            warnings.extend(tables._check_cfr(table))
            taken.update(header)
            taken.update(used)
            i = resume
            continue
        groups, first, end = tables._run_at(lines, i, default_year)
        got = [row for group in groups for row in group.rows]
        metrics = {row.metric for row in got}
        if len(got) >= 2 and len(metrics) >= 2 and metrics & tables.CORE:
            header = tables._header_lines(lines, first, taken)
            for group in groups:
                table = tables._make_table(lines, header, group, first, default_subject, default_year)
                found.append(table)
                warnings.extend(tables._check_cfr(table))
            taken.update(header)
            taken.update(range(first, end))
        i = end if first >= 0 else i + 1
    return found, taken, warnings


# --- agencies ------------------------------------------------------------------------------------------

SPELLINGS = sorted({
    "WHO", "World Health Organization", "world health organisation", "OMS", "PAHO", "UNICEF",
    "United Nations Children's Fund", "UNITED NATIONS CHILDREN’S FUND", "UNFPA", "UN Population Fund", "UNDP",
    "PNUD", "IOM", "OIM", "UN Women", "UN-WOMEN", "ONU Femmes", "UN Environment", "UNHCR", "HCR",
    "UN refugee agency", "WFP", "PAM", "World Food Programme", "OCHA", "UNESCAP", "ESCAP", "UN-Habitat",
    "Resident Coordinator's Office", "RCO", "World Bank", "Asian Development Bank", "EU", "European Union",
    "Africa CDC", "CDC", "Red Cross", "red crescent", "Croix-Rouge", "MSF", "Médecins Sans Frontières",
    "medecins sans frontieres", "Gavi", "GAVI", "UN", "UNO", "WHOM", "Bank", "Africa",
})
ODD = st.sampled_from(["ſ", "İ", "ı", "K", "Å", "É", "é", "ß", "ǅ", "_", "1", "-", " ", "’", "'", "\t", "\u00a0"])


@st.composite
def agency_texts(draw):
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            spelling = draw(st.sampled_from(SPELLINGS))
            parts.append(draw(st.sampled_from([str, str.upper, str.lower, str.title, str.swapcase]))(spelling))
        elif kind == 1:  # a spelling with one letter swapped for an odd one: 'Gavſ', 'WHOİ'
            spelling = draw(st.sampled_from(SPELLINGS))
            at = draw(st.integers(0, len(spelling)))
            parts.append(spelling[:at] + draw(ODD) + spelling[at + 1:])
        elif kind == 2:
            parts.append(draw(ODD))
        else:
            parts.append(draw(st.text(alphabet="AEIOUWHCDFGNRSaeiouwhcdfgnrs -'", max_size=6)))
    return "".join(parts)


@MANY
@given(st.one_of(agency_texts(), st.text(max_size=30)))
def test_agencies_are_the_ones_the_one_scan_found(text):
    assert entities.agencies_in(text) == old_agencies_in(text)


@given(st.sampled_from(SPELLINGS), st.sampled_from(["", " ", "(", "- "]), st.sampled_from(["", ".", ")", " and"]))
def test_every_spelling_alone_answers_as_before(spelling, before, after):
    text = before + spelling + after
    assert entities.agencies_in(text) == old_agencies_in(text)


# --- case tables ---------------------------------------------------------------------------------------

LINES = [
    "Confirmed 116772", "Deaths\t6", "Deaths*\t6\tAffected Districts\t76", "CONFIRMED", "RECOVERED", "MORTALITY",
    "DEATHS", "116772", "107 843", "1857", "1,59%", "ND", "—", "n.d.", "N/A", "-5", "+12", "Globally", "China",
    "Outside of China", "Cumulative deaths", "As of 12:00 09.11.2020", "as of 9 November", "Data as of 3 May 2020",
    "NUMBER OF COVID-19 CASES", "NUMBER OF COVID-19 PNEUMONIA", "CASES", "Reported", "Dengue\t12644", "Cases",
    "Suspected: 12 (3 new)", "105 confirmed cases", "Confirmed cases 1 234 (+56)", "Recovered\t98 %",
    "The team met 5 partners in Almaty.", "- 12 cases in Almaty", "• 3 new deaths", "Total tested 4 000 000",
    "cases in the last 24 hours 12", "Probable 4", "Active cases\t20\t(5)", "12 mln", "Cas confirmés 345",
    "Décès\tND", "", "HIGHLIGHTS", "Tested 1 000", "na", "NA 12", "n 5", "Deaths 6 ND",
    "UN Kazakhstan | COVID-19 Situation Report | 9 November 2020", "CASE FATALITY RATE", "Death", "Confirmed cases",
]


STACKED_LABELS = ["CONFIRMED", "RECOVERED", "MORTALITY", "DEATHS", "CASE FATALITY RATE", "Confirmed cases", "Death"]
STACKED_VALUES = ["116772", "107 843", "1857", "1,59%", "0", "ND"]
STACKED_NOISE = ["AS OF 12:00 09.11.2020", "UN Kazakhstan | COVID-19 Situation Report | 9 November 2020", "1"]


@st.composite
def case_lines(draw):
    one = st.one_of(st.sampled_from(LINES), st.text(alphabet="0123456789 nNaAdD-—/.%()+\t:cesDthCnfirmd",
                                                       max_size=16)).map(lambda text: [text])
    # a box's label above its value, perhaps with a footer or as-of line between: the stacked reader's input
    stacked = st.tuples(st.sampled_from(STACKED_LABELS), st.lists(st.sampled_from(STACKED_NOISE), max_size=3),
                        st.sampled_from(STACKED_VALUES)).map(lambda t: [t[0], *t[1], t[2]])
    # a row of labels over a row of values (a table printed across): the header-row reader's input
    across = st.lists(st.tuples(st.sampled_from(STACKED_LABELS), st.sampled_from(STACKED_VALUES)),
                      min_size=1, max_size=4).map(lambda cells: ["\t".join(c[0] for c in cells),
                                                                   "\t".join(c[1] for c in cells)])
    chunks = draw(st.lists(st.one_of(one, stacked, across), max_size=20))
    return [Line(text=text) for chunk in chunks for text in chunk]


@MANY
@given(case_lines(), st.sampled_from([None, 2020]))
def test_case_tables_are_the_ones_a_scan_of_every_line_finds(lines, year):
    assert tables.find_case_tables(lines, default_year=year) == old_find_case_tables(lines, default_year=year)


ROW_TEXTS = st.one_of(
    st.sampled_from(LINES),
    st.text(alphabet="0123456789 \u00a0nNaAdD-—–/.,%()+:*†CcDdeostfirm\tİſ", max_size=20),
    st.tuples(st.sampled_from(LINES), st.sampled_from(["", " ", "  ", " ND", " n.d.", " —", " - 5", "\u00a0"]),
              st.sampled_from(LINES)).map("".join),
    st.text(max_size=20),
)


@MANY
@given(ROW_TEXTS)
def test_a_line_ruled_out_as_a_row_reads_as_no_row(text):
    if not rows.could_be_row(text):
        assert "\t" not in text.strip() and rows.parse_rows(text) == []
        assert tables._row_at([Line(text=text)], 0) == ([], 0, 0)
