"""Stage: lines -> blocks (sitrep_extract/blocks.py), on hand-built Line objects."""
from __future__ import annotations

import pytest

from sitrep_extract.blocks import Style, build_blocks, is_see_also, is_url, looks_like_heading
from sitrep_extract.model import Line

WRAP = 70.0  # the column width of the hand-wrapped text lines below


def T(text, gap=0.0, width=WRAP, **kw):
    """A text-reader line: character geometry, gap in blank lines."""
    return Line(text=text, x1=float(len(text)), gap_before=gap, column_width=width, **kw)


def P(text, gap=0.3, size=10.0, bold=False, x0=50.0, page=1, **kw):
    """A PDF-reader line: points, font size and weight; about 5 pt per character, 250 pt column."""
    return Line(text=text, page=page, x0=x0, x1=x0 + 5.0 * len(text), size=size, bold=bold, gap_before=gap,
                column_width=250.0, **kw)


def shape(lines):
    return [(b.kind, [line.text for line in b.lines]) for b in build_blocks(lines)]


FULL = "A paragraph line that is long enough to fill the wrapped column here."   # 70 characters
FULL_DOT = "WHO trained two hundred health workers in five regions of the country."  # 71, ends "."
BODY = [P("Body text body text body text body text body text body"),
        P("more body text more body text more body text.")]


def test_fixture_lines_are_full():
    assert len(FULL) >= 0.72 * WRAP and len(FULL_DOT) >= 0.72 * WRAP


# --- bullets and paragraphs --------------------------------------------------------------------

def test_each_bullet_starts_an_item_and_wrapped_lines_follow_it():
    lines = [T("• WHO trained health workers on infection prevention and control in", 3),
             T("regional hospitals;"), T("• UNICEF delivered kits;"), T("- UNDP held a webinar.")]
    assert shape(lines) == [
        ("bullet", ["• WHO trained health workers on infection prevention and control in", "regional hospitals;"]),
        ("bullet", ["• UNICEF delivered kits;"]),
        ("bullet", ["- UNDP held a webinar."]),
    ]


def test_numbered_lines_are_bullet_blocks():
    assert [k for k, _ in shape([T("1. First step", 2), T("2) Second step")])] == ["bullet", "bullet"]


def test_short_line_ending_in_period_ends_the_paragraph():
    assert shape([T(FULL, 1), T("and it ends here."), T("A new paragraph starts")]) == [
        ("para", [FULL, "and it ends here."]),
        ("para", ["A new paragraph starts"]),
    ]


def test_short_line_ending_in_semicolon_ends_the_paragraph():
    assert shape([T("Short item;", 1), T("next item")]) == [("para", ["Short item;"]), ("para", ["next item"])]


def test_full_line_ending_in_period_continues_the_paragraph():
    assert shape([T(FULL_DOT, 1), T("They will train others.")]) == [
        ("para", [FULL_DOT, "They will train others."])]


def test_semicolon_ends_unbulleted_list_items_even_on_full_lines():
    first = "UNDP organised an online event on overcoming the crisis in the region;"
    assert len(first) >= 0.72 * WRAP
    assert shape([T(first, 1), T("UNICEF held a webinar;"), T("WHO trained nurses.")]) == [
        ("para", [first]), ("para", ["UNICEF held a webinar;"]), ("para", ["WHO trained nurses."])]


def test_blank_line_ends_a_paragraph_in_single_spaced_text():
    lines = [T(FULL, 1), T(FULL), T(FULL), T("continued", 1), T("and more")]
    assert shape(lines) == [("para", [FULL, FULL, FULL]), ("para", ["continued", "and more"])]


def test_double_spaced_export_keeps_wrapped_lines_together():
    """When every line has a blank line above, one blank line is no paragraph break."""
    lines = [T(FULL, 1), T(FULL, 1), T(FULL, 1), T("the end.", 1), T("New paragraph", 3)]
    assert shape(lines) == [("para", [FULL, FULL, FULL, "the end."]), ("para", ["New paragraph"])]


def test_unwrapped_text_makes_every_line_a_paragraph():
    assert shape([T("One line", 1, width=None), T("another line", 0, width=None)]) == [
        ("para", ["One line"]), ("para", ["another line"])]


def test_line_ending_in_email_ends_the_block():
    assert shape([T("Contact: nurse@who.int", 1), T("Phone 123")]) == [
        ("para", ["Contact: nurse@who.int"]), ("para", ["Phone 123"])]


# --- headings in text --------------------------------------------------------------------------

def test_capitals_line_is_a_heading_in_text():
    assert shape([T("STRONGER UN BETTER WORLD", 2), T("UN Day events were held.", 1)]) == [
        ("heading", ["STRONGER UN BETTER WORLD"]), ("para", ["UN Day events were held."])]


def test_title_case_canonical_heading_is_a_heading_in_text():
    assert shape([T("Emergency health response", 2)]) == [("heading", ["Emergency health response"])]


@pytest.mark.parametrize("text", [
    "WHO TRAINED NURSES.",           # a capitals sentence
    "Stronger UN better world",      # not capitals, not canonical
    "TOTAL REACH 13 MLN",            # a labelled value
    "CONFIRMED 116772",
    "EMERGENCY HEALTH RESPONSE;",    # list punctuation
    "- EMERGENCY HEALTH RESPONSE",   # a bullet
    "WWW.UN.ORG",                     # a link
    "CONTACT@UN.ORG",
])
def test_text_lines_that_are_not_headings(text):
    assert not looks_like_heading(T(text, 2), Style.of([T(text, 2)]))


def test_covid_19_at_the_end_of_a_title_is_not_a_labelled_value():
    line = T("KAZAKHSTAN ADDRESSING THE SURGE OF COVID-19", 2)
    assert looks_like_heading(line, Style.of([line]))


def test_heading_wrapped_after_a_connector_is_one_block():
    assert shape([T("UN RISK COMMUNICATION AND", 2), T("COMMUNITY ENGAGEMENT", 1)]) == [
        ("heading", ["UN RISK COMMUNICATION AND", "COMMUNITY ENGAGEMENT"])]


def test_two_canonical_headings_on_consecutive_lines_are_two_blocks():
    assert shape([T("EMERGENCY HEALTH RESPONSE", 2), T("COVID-19 RESPONSE SUPPLIES", 0)]) == [
        ("heading", ["EMERGENCY HEALTH RESPONSE"]), ("heading", ["COVID-19 RESPONSE SUPPLIES"])]


def test_labelled_values_stay_out_of_headings_in_text():
    assert shape([T("TOTAL REACH 13 MLN", 2), T("ENGAGEMENT 563K", 0)])[0][0] == "para"


# --- headings in PDF-like lines ----------------------------------------------------------------

def test_pdf_capitals_line_in_body_font_is_not_a_heading():
    assert shape([P("CAPITAL LETTERS LINE HERE", 1.0)] + BODY)[0] == (
        "para", ["CAPITAL LETTERS LINE HERE", BODY[0].text, BODY[1].text])


def test_pdf_bold_capitals_line_is_a_heading():
    assert shape([P("CAPITAL LETTERS LINE HERE", 1.0, bold=True)] + BODY) == [
        ("heading", ["CAPITAL LETTERS LINE HERE"]), ("para", [BODY[0].text, BODY[1].text])]


def test_pdf_larger_capitals_line_is_a_heading():
    assert shape([P("CAPITAL LETTERS LINE HERE", 1.0, size=14.0)] + BODY)[0] == (
        "heading", ["CAPITAL LETTERS LINE HERE"])


def test_pdf_bold_title_case_line_is_a_heading():
    assert shape([P("Title Case Heading", 1.0, bold=True)] + BODY)[0] == ("heading", ["Title Case Heading"])


def test_pdf_title_case_line_in_body_font_is_text():
    assert shape([P("Title Case Heading", 1.0)] + BODY)[0][0] == "para"


def test_pdf_canonical_heading_in_body_font_is_still_a_heading():
    assert shape([P("EMERGENCY HEALTH RESPONSE", 1.0)] + BODY)[0] == ("heading", ["EMERGENCY HEALTH RESPONSE"])


def test_pdf_section_name_wrapped_alone_in_body_text_is_not_a_heading():
    lines = BODY + [P("Vaccination", 0.3), P("Contraindications were covered in the training.", 0.3)]
    assert "heading" not in [kind for kind, _ in shape(lines)]


def test_pdf_lower_case_line_that_names_a_section_is_not_a_heading():
    lines = BODY + [P("emergency health response on", 0.3), P("page 2.", 0.3)]
    assert "heading" not in [kind for kind, _ in shape(lines)]


def test_pdf_bold_labelled_value_is_not_a_heading():
    assert shape([P("TOTAL REACH 13 MLN", 1.0, bold=True)] + BODY)[0] == ("para", ["TOTAL REACH 13 MLN"])


@pytest.mark.parametrize("date", ["13 February 2020*", "09.11.2020", "1 - 7 May 2024"])
def test_pdf_bold_date_alone_is_not_a_heading(date):
    """The last line of a bold table caption, a masthead's date: no section is named by a date."""
    assert shape([P(date, 1.0, bold=True)] + BODY)[0] == ("para", [date])


def test_pdf_bold_heading_with_a_date_in_it_is_still_a_heading():
    assert shape([P("Week of 13 February 2020 in review", 1.0, bold=True)] + BODY)[0][0] == "heading"


def test_pdf_bold_line_does_not_continue_a_regular_paragraph():
    lines = [P("Body text body text body text body text body text body", 1.0),
             P("Bold words start here", bold=True, size=10.0)]
    assert len(build_blocks(lines + BODY)) >= 2
    assert build_blocks(lines + BODY)[0].lines == [lines[0]]


def test_pdf_bold_heading_wrapped_onto_two_lines_is_one_block():
    lines = [P("UN RISK COMMUNICATION AND", 1.0, bold=True), P("COMMUNITY ENGAGEMENT", 0.2, bold=True)] + BODY
    assert shape(lines)[0] == ("heading", ["UN RISK COMMUNICATION AND", "COMMUNITY ENGAGEMENT"])


def test_pdf_heading_ending_in_a_connector_joins_a_line_that_maps_on_its_own():
    lines = [P("SOCIO-ECONOMIC IMPACT AND", 1.0, bold=True, size=12.0), P("RESPONSE", 0.2, bold=True, size=12.0)]
    assert shape(lines + BODY)[0] == ("heading", ["SOCIO-ECONOMIC IMPACT AND", "RESPONSE"])


def test_pdf_sentence_end_on_a_line_the_next_word_would_not_fit_after_continues_the_item():
    # the column's text ends at x=250; the third line ends at 230, where "Participants" (60 pt) would not fit
    lines = [P("• The Ministry held a conference on innov", x0=40.0),
             P("ative solutions in public services and in", x0=45.0),
             P("the e-government development area.", x0=60.0),
             P("Participants came from 17 countries.", x0=45.0)]
    assert [line.x1 for line in lines[:3]] == [245.0, 250.0, 230.0]
    assert shape(lines) == [("bullet", [line.text for line in lines])]


def test_pdf_sentence_end_with_room_for_the_next_word_ends_the_paragraph():
    lines = [P("A first paragraph that runs on and on and on and", x0=50.0),
             P("ends here.", x0=50.0),
             P("The next paragraph starts and runs on and on here.", x0=50.0)]
    assert [kind for kind, _ in shape(lines)] == ["para", "para"]


def test_pdf_web_address_wrapped_inside_an_item_stays_in_it():
    lines = [P("• Advice was promoted, including", x0=40.0), P("https://covid-19.mentalcenter.kz", x0=50.0),
             P("/ through partner voices on TV.", x0=50.0)]
    assert shape(lines) == [("bullet", [line.text for line in lines])]


def test_web_address_after_a_full_stop_starts_a_link_list():
    lines = [P("Sources used for this report."), P("www.coronavirus2020.kz"), P("www.anti-corona.kz")]
    assert [kind for kind, _ in shape(lines)] == ["para", "urls"]


def test_text_bullet_line_that_could_not_hold_the_next_word_continues_over_a_blank_line():
    # pdfminer text of a narrow column: a blank line after each item's first line
    lines = [T("• The Ministry of Digital", 2, width=33.0), T("Development, Innovation and", 1, width=33.0),
             T("Aerospace Industry held a forum.", 0, width=33.0)]
    assert shape(lines) == [("bullet", [line.text for line in lines])]


def test_text_line_with_room_for_the_next_word_ends_before_a_blank_line():
    lines = [T("• UNICEF delivered kits", 2), T("• WHO trained nurses in Almaty", 0), T("• UNFPA opened centres", 0),
             T("Development partners met on Friday.", 1), T("They agreed on a plan.", 0)]
    assert [kind for kind, _ in shape(lines)] == ["bullet", "bullet", "bullet", "para", "para"]


def test_ruled_table_rows_group_by_table_id():
    lines = [P("CONFIRMED\t116772", table=1), P("DEATHS\t1857", table=1), P("A\t1", table=2)]
    assert shape(lines) == [("table", ["CONFIRMED\t116772", "DEATHS\t1857"]), ("table", ["A\t1"])]


# --- links and see-also lines ------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("www.coronavirus2020.kz", True),
    ("https://www.who.int/emergencies/diseases", True),
    ("un.org/en/coronavirus", True),
    ("who.int", True),
    ("Visit www.who.int", False),
    ("Number of cases (blue line) • www.coronavirus2020.kz", False),
])
def test_is_url(text, expected):
    assert is_url(text) is expected


def test_url_lines_group_into_one_urls_block():
    lines = [T("KEY SOURCES", 2), T("www.coronavirus2020.kz"), T("https://www.who.int/x"), T("un.org")]
    assert shape(lines) == [("heading", ["KEY SOURCES"]),
                            ("urls", ["www.coronavirus2020.kz", "https://www.who.int/x", "un.org"])]


def test_wide_gap_splits_url_blocks():
    lines = [T("www.a.org", 2), T("www.b.org"), T("www.c.org", 2), T("www.d.org")]
    assert shape(lines) == [("urls", ["www.a.org", "www.b.org"]), ("urls", ["www.c.org", "www.d.org"])]


def test_more_on_page_line_is_a_see_also_block():
    assert shape([T(FULL, 1), T("More on risk communications on page 3.")]) == [
        ("para", [FULL]), ("see_also", ["More on risk communications on page 3."])]


@pytest.mark.parametrize("text, expected", [
    ("More on emergency health response on page 2.", True),
    ("Read more on page 12", True),
    ("See socio-economic response, page 4.", True),
    ("More than 500 experts took part.", False),
    ("The page 3 story.", False),
])
def test_is_see_also(text, expected):
    assert is_see_also(text) is expected


# --- style -------------------------------------------------------------------------------------

def test_style_body_size_is_the_size_with_most_text():
    style = Style.of([P("BIG TITLE", size=18.0), *BODY])
    assert style.body_size == 10.0


def test_style_of_text_lines_has_no_body_size_and_usual_gaps():
    style = Style.of([T("a", 3), T("b", 1), T("c", 1), T("d", 1)])
    assert style.body_size is None
    assert style.usual_gaps == [1.0, 1.0, 1.0, 1.0]


def test_text_line_marked_bold_is_a_heading_in_title_case():
    assert looks_like_heading(T("Youth centres open in ten regions", bold=True), Style.of([]))


def test_text_line_marked_bold_ending_a_sentence_is_no_heading():
    assert not looks_like_heading(T("Youth centres opened in ten regions.", bold=True), Style.of([]))


def test_title_case_text_line_without_markup_is_no_heading():
    assert not looks_like_heading(T("Youth centres open in ten regions"), Style.of([]))


def test_unwrapped_text_indented_line_going_on_with_the_sentence_continues_the_item():
    lines = [T("- UNICEF trained 3,600 school psychologists and social", width=None),
             T("pedagogues from all 17 regions.", width=None, x0=2.0), T("- WHO trained clinicians.", width=None)]
    assert shape(lines) == [("bullet", [lines[0].text, lines[1].text]), ("bullet", [lines[2].text])]


def test_unwrapped_text_second_indented_line_of_an_item_continues_it_too():
    lines = [T("- UNICEF presented a policy brief on the", width=None),
             T("expansion of child benefits. The brief", width=None, x0=2.0),
             T("estimates that poverty could fall;", width=None, x0=2.0)]
    assert shape(lines) == [("bullet", [line.text for line in lines])]


def test_unwrapped_text_bullet_wrapped_by_hand_without_indent_continues():
    lines = [T("- UNICEF assessed the cold chain in 96 health", width=None),
             T("facilities across the country;", width=None),
             T("- WHO held a webinar on patients with post-", width=None),
             T("COVID-19 condition for 300 specialists;", width=None),
             T("The next paragraph starts here.", width=None)]
    assert shape(lines) == [("bullet", [lines[0].text, lines[1].text]), ("bullet", [lines[2].text, lines[3].text]),
                            ("para", [lines[4].text])]


def test_unwrapped_text_capitalised_line_after_a_bullet_is_a_paragraph():
    lines = [T("- UNICEF delivered hygiene kits to rural schools", width=None), T("Masks were sent too.", width=None)]
    assert len(shape(lines)) == 2


def test_a_caption_far_wider_than_the_wrap_width_does_not_run_on_over_a_gap():
    caption = "WHO and UNDP hand over oxygen concentrators to the Almaty Regional Infectious Diseases Hospital"
    body = [T(FULL, gap=1.0), T(FULL), T(FULL), T("and a last short line.")]
    lines = body + [T(caption, gap=1.0), T("WHO trained 85 specialists from primary health care facilities;", gap=2.0)]
    assert [texts for _, texts in shape(lines)][-2:] == [[caption], [lines[-1].text]]


def test_a_number_ending_a_word_broken_at_its_hyphen_is_no_item_number():
    lines = [T("WHO reviewed the national protocol on the treatment of COVID-", gap=1.0),
             T("19. Its recommendations were taken into account;", gap=1.0)]
    assert shape(lines) == [("para", [line.text for line in lines])]


def test_list_set_solid_among_blank_line_paragraphs_ends_items_at_semicolons():
    para = [T("An opening paragraph of the section that wraps over", gap=1.0), T("two lines of text.")]
    items = [T("UNESCO held an online discussion for journalists on", gap=1.0),
             T("ethical reporting about the pandemic;"), T("IOM disseminated leaflets on prevention in"),
             T("four languages at border crossing points.")]
    after = [T("A closing paragraph set apart by a blank line.", gap=1.0)]
    assert [texts for _, texts in shape(para + items + after)] == [
        [line.text for line in para], [items[0].text, items[1].text], [items[2].text, items[3].text], [after[0].text]]


def test_an_address_broken_at_a_narrow_column_edge_is_glued_back():
    lines = [P("KEY SOURCES", bold=True, size=11.0), P("www.gov.kz/memleket/entities/ds", x0=50.0),
             P("m"), P("www.coronavirus2020.kz")]
    lines[1].x1 = 300.0  # the address fills the column (250 pt wide, from 50)
    assert shape(lines)[1:] == [("urls", ["www.gov.kz/memleket/entities/dsm", "www.coronavirus2020.kz"])]


def test_an_address_that_ends_short_of_the_edge_is_not_glued_to_the_next_word():
    lines = [P("Contact: jane@un.org"), P("tomorrow")]
    assert [texts for _, texts in shape(lines)] != [["Contact: jane@un.orgtomorrow"]]


def test_unwrapped_text_indented_line_after_a_sentence_end_is_a_paragraph_of_its_own():
    lines = [T("- UNICEF trained 3,600 school psychologists.", width=None),
             T("pedagogues were trained too.", width=None, x0=2.0)]
    assert len(shape(lines)) == 2
