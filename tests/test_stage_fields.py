"""Stage: field parsers (contacts, entities, figures, document, places under sitrep_extract/fields/)."""
from __future__ import annotations

import pytest
import regex as re
from hypothesis import given
from hypothesis import strategies as st

from sitrep_extract.fields.contacts import contact, first_email, key_sources
from sitrep_extract.fields.document import (common_year, dateline, language, report_date, sitrep_evidence,
                                            sitrep_number)
from sitrep_extract.fields.entities import agencies_in, amounts_in
from sitrep_extract.fields.figures import headline_figures, prose_chunks
from sitrep_extract.fields.places import count_countries, guess_country
from sitrep_extract.report import Amount, Contact, HeadlineFigure


# --- contacts ----------------------------------------------------------------------------------

def test_key_sources_from_the_sample_lines():
    texts = ["Number of cases (blue line) • www.coronavirus2020.kz", "Increase per day (red line) • www.anti-corona.kz"]
    assert key_sources(texts) == ["www.coronavirus2020.kz", "www.anti-corona.kz"]


def test_key_sources_are_listed_once_without_trailing_punctuation():
    texts = ["www.coronavirus2020.kz", "WWW.CORONAVIRUS2020.KZ.", "https://www.who.int/emergencies/x)."]
    assert key_sources(texts) == ["www.coronavirus2020.kz", "https://www.who.int/emergencies/x"]


def test_key_sources_bare_domains():
    assert key_sources(["see who.int and gov.kz"]) == ["who.int", "gov.kz"]


def test_key_sources_empty():
    assert key_sources([]) == []


def _sample_contact_lines(path):
    lines = [line.strip() for line in path.read_text().splitlines()]
    start = lines.index("FOR MORE INFORMATION PLEASE CONTACT")
    return lines[start + 1:]


def test_contact_block_at_the_end_of_the_sample(sitrep_text):
    assert contact(_sample_contact_lines(sitrep_text)) == Contact(
        name="Ms Elnara Bainazarova",
        role="Press and Communication Officer",
        organization="UN Resident-Coordinator's Office for Kazakhstan",
        address="14, Azerbaijan Mambetov st., 010000 Nur-Sultan, Kazakhstan",
        email="elnara.bainazarova@one.un.org",
        phone=None,
    )


def test_contact_with_phone_and_no_honorific():
    assert contact(["John Smith", "Emergency Coordinator", "Ministry of Health", "Phone: +256 414 340 874",
                    "jsmith@health.go.ug"]) == Contact(name="John Smith", role="Emergency Coordinator",
                                                       organization="Ministry of Health",
                                                       email="jsmith@health.go.ug", phone="+256 414 340 874")


def test_contact_stops_after_the_email():
    result = contact(["Dr John Smith", "WHO Country Office", "Tel: +7 717 255 5555", "john.smith@who.int",
                      "JOIN THE SURVEY"])
    assert result == Contact(name="Dr John Smith", organization="WHO Country Office", email="john.smith@who.int",
                             phone="+7 717 255 5555")


def test_contact_label_left_at_a_line_end_by_a_narrow_column_is_no_part_of_the_address():
    result = contact(["Ms Aizhan Nurmukhanova", "Communications Officer", "14, Azerbaijan Mambetov st.",
                      "010000 Nur-Sultan, Kazakhstan E-mail:", "aizhan.nurmukhanova@one.un.org"])
    assert (result.address, result.email) == ("14, Azerbaijan Mambetov st., 010000 Nur-Sultan, Kazakhstan",
                                              "aizhan.nurmukhanova@one.un.org")


def test_french_contact_role_on_the_name_line():
    result = contact(["Dr Jean-Pierre Mbuyi Kalala, Chef de Division Provinciale de la Santé, Division Provinciale "
                      "de la Santé du Kasaï", "E-mail : jeanpierre.mbuyi@example.org"])
    assert (result.role, result.organization) == ("Chef de Division Provinciale de la Santé",
                                                  "Division Provinciale de la Santé du Kasaï")


def test_contact_on_one_comma_separated_line():
    result = contact(["Aida Bekova, Communications Officer, UN Resident Coordinator's Office in Kyrgyzstan",
                      "aida.bekova@un.org"])
    assert result == Contact(name="Aida Bekova", role="Communications Officer",
                             organization="UN Resident Coordinator's Office in Kyrgyzstan", email="aida.bekova@un.org")


@pytest.mark.parametrize("lines", [[], ["", "  "], ["just some words here"]])
def test_no_contact(lines):
    assert contact(lines) is None


def test_first_email():
    assert (first_email("write to a.b@one.un.org today"), first_email("none")) == ("a.b@one.un.org", None)


# --- entities: agencies ------------------------------------------------------------------------

def test_agencies_in_table_order():
    text = "The EU Delegation, the World Bank, UN Women, UNICEF and WHO met."
    assert agencies_in(text) == ["WHO", "UNICEF", "UN Women", "World Bank", "EU"]


@pytest.mark.parametrize("text", ["people who were tested", "Who is responsible", "who.int", "EURO office"])
def test_lowercase_who_and_lookalikes_are_not_agencies(text):
    assert agencies_in(text) == []


@pytest.mark.parametrize("text, expected", [
    ("WHO-led training", ["WHO"]),
    ("UNICEF-supported centres", ["UNICEF"]),
    ("UNICEF's partner", ["UNICEF"]),
    ("UN-Women", ["UN Women"]),
    ("an EU-funded project", ["EU"]),
    ("the European Union funded it", ["EU"]),
    ("World Health Organization staff", ["WHO"]),
    ("Africa CDC and CDC", ["Africa CDC", "US CDC"]),
    ("Africa CDC alone", ["Africa CDC"]),
])
def test_agency_spellings(text, expected):
    assert agencies_in(text) == expected


_AGENCY_WORDS = ["WHO", "World Health Organization", "UNICEF", "UN Women", "UN-Women", "UNEP", "UN Environment",
                 "UNESCO", "UNESCAP", "ESCAP", "UNHCR", "HCR", "Africa CDC", "CDC", "Red Cross", "EU", "European Union",
                 "World Bank", "World Food Programme", "the", "and", "Africa", "-", "/", "'s", "(", ")", ",", "x"]


@given(st.lists(st.sampled_from(_AGENCY_WORDS), max_size=8), st.sampled_from([" ", "", "-", "/"]))
def test_agencies_are_found_wherever_their_own_pattern_finds_them(words, glue):
    """Each agency is searched for only where a cheap gate holds: as if each searched the whole text."""
    from sitrep_extract.fields.entities import AGENCIES

    text = glue.join(words)
    each = [(name, re.compile(r"(?<!\w)(?:" + "|".join(pats) + r")(?![\w])")) for name, pats in AGENCIES.items()]
    assert agencies_in(text) == [name for name, pattern in each if pattern.search(text)]


# --- entities: amounts -------------------------------------------------------------------------

@pytest.mark.parametrize("text, amount", [
    ("for the amount of USD 519,000;", Amount("USD", 519000.0, "USD 519,000")),
    ("KZT 150 billion is allocated", Amount("KZT", 150_000_000_000.0, "KZT 150 billion")),
    ("shipment amounting for USD 2.7 mln is", Amount("USD", 2_700_000.0, "USD 2.7 mln")),
    ("$2.7 million", Amount("USD", 2_700_000.0, "$2.7 million")),
    ("519,000 USD", Amount("USD", 519000.0, "519,000 USD")),
    ("150 billion tenge", Amount("KZT", 150_000_000_000.0, "150 billion tenge")),
    ("EUR 1.5 million", Amount("EUR", 1_500_000.0, "EUR 1.5 million")),
])
def test_amounts(text, amount):
    assert amounts_in(text) == [amount]


def test_several_amounts_in_order():
    assert [(a.currency, a.value) for a in amounts_in("USD 1,200,000 and EUR 300")] == [
        ("USD", 1_200_000.0), ("EUR", 300.0)]


def test_numbers_without_currency_are_not_amounts():
    assert amounts_in("over 500 Tajik migrants and 4,619 victims") == []


# --- figures -----------------------------------------------------------------------------------

SENTENCE = "As of 10 July, 54,747 COVID-19 cases and 264 deaths were recorded in the country."


def test_headline_figures_from_an_as_of_sentence():
    assert headline_figures([SENTENCE], 2020, None) == [
        HeadlineFigure(metric="confirmed", value=54747, as_of="2020-07-10", text=SENTENCE),
        HeadlineFigure(metric="deaths", value=264, as_of="2020-07-10", text=SENTENCE),
    ]


def test_headline_figures_without_year_fall_back_to_report_date():
    figures = headline_figures([SENTENCE], None, "2020-07-11")
    assert [(f.metric, f.value, f.as_of) for f in figures] == [("confirmed", 54747, "2020-07-11"),
                                                               ("deaths", 264, "2020-07-11")]


def test_headline_figures_confirmed_and_new_cases():
    figures = headline_figures(["A total of 46 997 confirmed cases and 1 826 new cases."], 2020, "2020-07-11")
    assert [(f.metric, f.value) for f in figures] == [("confirmed", 46997), ("new_cases", 1826)]


def test_headline_figures_cue_only_skips_sentences_without_as_of():
    figures = headline_figures(["Minister said 35,000 tests will be done.", "So far 264 deaths."], 2020, None,
                               cue_only=True)
    assert [(f.metric, f.value) for f in figures] == [("deaths", 264)]


def test_headline_figures_are_listed_once():
    figures = headline_figures(["264 deaths.", "Again 264 deaths."], 2020, None)
    assert [(f.metric, f.value) for f in figures] == [("deaths", 264)]


@pytest.mark.parametrize("note", [
    "§The exposure for 2 cases occurred outside of Spain.",
    "**Cases identified on a cruise ship: 174 cases.",
    "Note for figure 2: Of the 447 cases reported outside China, 16 were asymptomatic.",
    "Source: Ministry of Health, 120 new cases.",
])
def test_headline_figures_skip_notes_under_tables_and_charts(note):
    assert headline_figures([note], 2020, None) == []


def test_headline_figures_skip_the_cells_of_a_table():
    assert headline_figures(["Data as of 13 February\nSpain\t2 (0)\t2 cases"], 2020, None, cue_only=True) == []


@pytest.mark.parametrize("text", ["* 15 new cases were confirmed.", "*Overall* 15 new cases were confirmed.",
                                  "Sources say 15 new cases were confirmed."])
def test_headline_figures_keep_bullets_emphasis_and_plain_words(text):
    assert [(f.metric, f.value) for f in headline_figures([text], 2020, None)] == [("new_cases", 15)]


def test_sample_raw_text_lead_figures(raw_text):
    text = " ".join(raw_text.read_text().split())
    figures = headline_figures([text], 2020, None, cue_only=True)
    assert [(f.metric, f.value, f.as_of) for f in figures][:2] == [("confirmed", 54747, "2020-07-10"),
                                                                  ("deaths", 264, "2020-07-10")]


# --- document: report_date ---------------------------------------------------------------------

def test_report_date_meta_marker_wins():
    assert report_date("2020-11-09", "Situation Report 10 July 2020", ["2020-07-11T12:00"], "As of 12 July", 2020) \
        == "2020-11-09"


def test_report_date_as_of_stamp_in_head_beats_other_dates():
    assert report_date(None, "Report 1 May 2020. Data as of 12:00 09.11.2020", [], "", 2020) == "2020-11-09"


def test_report_date_masthead_date_beats_tables():
    assert report_date(None, "COVID-19 Situation Report 10 July 2020", ["2020-07-11T12:00"], "As of 12 July", 2020) \
        == "2020-07-10"


def test_report_date_first_table_date_beats_lead():
    assert report_date(None, "COVID-19 Situation Report", [None, "2020-07-11T12:00", "2020-07-12"],
                       "As of 12 July", 2020) == "2020-07-11"


def test_report_date_lead_as_of_is_last():
    assert report_date(None, "COVID-19 Situation Report", [], "As of 12 July, there were cases.", 2020) \
        == "2020-07-12"


def test_report_date_none():
    assert report_date(None, "COVID-19 Situation Report", [], "Nothing here.", 2020) is None
    assert report_date(None, "COVID-19 Situation Report", [], "As of 12 July", None) is None


# --- document: sitrep_number and others --------------------------------------------------------

@pytest.mark.parametrize("head, number", [
    ("Coronavirus disease 2019 (COVID-19) Situation Report – 24", "24"),
    ("SITREP NO. 31", "31"),
    ("Sitrep MVE N° 002/MVE_16/2025", "002"),
    ("Rapport de situation N°5", "5"),
    ("Situation report #12 (9 November 2020)", "12"),
    ("EVD SITREP 10", "10"),
    ("Situation Report 24 Data as reported by 13 February 2020", "24"),
    ("COVID-19 SITUATION REPORT", None),
    ("Situation report, 9 November 2020", None),
    ("COVID-19 Situation Report 09.11.2020", None),
])
def test_sitrep_number(head, number):
    assert sitrep_number(head) == number


def test_common_year():
    assert common_year("On 1 May 2020 and 3 June 2020 and 1 Jan 2021") == 2020
    assert common_year("no dates") is None


def test_language():
    assert (language("the and of to in with for were"), language("le la les des et du"), language("short")) == (
        "en", "fr", None)


def test_sitrep_evidence():
    assert sitrep_evidence(["COVID-19 Situation Report"], set(), 0, 0) == ["calls itself a situation report"]
    assert sitrep_evidence(["text"], {"highlights", "emergency_health_response"}, 0, 0) == [
        "has sitrep sections (emergency_health_response, highlights)"]
    assert sitrep_evidence(["text"], {"other", "feature", "overview"}, 0, 0) == []
    assert sitrep_evidence(["text"], set(), 2, 2) == ["has case-count tables", "has 'more on page N' highlights"]


def test_case_tables_count_only_beside_other_evidence():
    assert sitrep_evidence(["text"], set(), 1, 0) == []
    assert sitrep_evidence(["COVID-19 Situation Report"], set(), 1, 0) == [
        "calls itself a situation report", "has case-count tables"]


def test_situation_reports_in_the_plural_name_a_collection_not_the_document():
    assert sitrep_evidence(["Situation reports"], set(), 0, 0) == []
    assert sitrep_evidence(["Sitreps and updates"], set(), 0, 0) == []


def test_a_numbered_update_names_itself_though_its_title_has_a_comma():
    title = "Kazakhstan: Floods in Tobolsay District, Kostanay Region – Flash Update No. 4"
    assert sitrep_evidence([title], set(), 0, 0) == ["calls itself a situation report"]
    assert sitrep_evidence(["Floods in the north, as the latest flash update says"], set(), 0, 0) == []


def test_a_sentence_quoting_a_situation_report_is_no_evidence():
    assert sitrep_evidence(["According to the latest situation report, cases rose."], set(), 0, 0) == []


# --- places ------------------------------------------------------------------------------------

def test_country_in_the_masthead_wins():
    assert guess_country("COVID-19 SITUATION REPORT KAZAKHSTAN", "Uzbekistan Uzbekistan Uzbekistan") == "Kazakhstan"


def test_country_dominant_in_the_body():
    assert guess_country("COVID-19 SITUATION REPORT", "Kazakhstan. Kazakhstan and Kazakhstan with Uzbekistan") \
        == "Kazakhstan"


def test_country_needs_three_mentions_in_the_body():
    assert guess_country("COVID-19 SITUATION REPORT", "Kazakhstan and Kazakhstan") is None


def test_country_needs_half_of_the_body_mentions():
    body = "Kazakhstan Kazakhstan Kazakhstan Uzbekistan Kyrgyzstan Tajikistan Russia"
    assert guess_country("COVID-19 SITUATION REPORT", body) is None


@pytest.mark.parametrize("head, country", [
    ("Ebola RDC sitrep", "Democratic Republic of the Congo"),
    ("Ebola rdc sitrep", None),          # short aliases only as printed
    ("Hong Kong SAR", "Hong Kong"),
    ("WEST KAZAKHSTAN region", "Kazakhstan"),
    ("Guinea-Bissau", "Guinea-Bissau"),
    ("South Sudan", "South Sudan"),
    ("Turkey", "Türkiye"),
])
def test_country_aliases(head, country):
    assert guess_country(head, "") == country


def test_count_countries():
    assert count_countries("Kazakhstan, Kyrgyzstan and Kazakhstan") == {"Kazakhstan": 2, "Kyrgyzstan": 1}


def test_sample_country(sitrep_text):
    text = sitrep_text.read_text()
    head = "\n".join(text.strip().splitlines()[:15])
    assert guess_country(head, text) == "Kazakhstan"


def test_report_date_masthead_date_line_beats_an_as_of_in_the_lead_and_tables():
    head = "COVID-19 SITUATION REPORT #15\n15 December 2020\nKEY FIGURES (as of 14.12.2020)"
    assert report_date(None, head, ["2020-12-14"], "As of 14 December", 2020) == "2020-12-15"


def test_list_items_under_the_contact_heading_are_not_the_contact():
    result = contact(["• Video clip dedicated to the UN Day: piano cover by", "Yernar Nurtazin;",
                      "Ms Elnara Bainazarova", "Press and Communication Officer", "e-mail: elnara@one.un.org"])
    assert (result.name, result.role, result.email) == ("Ms Elnara Bainazarova", "Press and Communication Officer",
                                                        "elnara@one.un.org")


def test_email_printed_away_from_the_contact_block_is_found_by_the_name():
    from sitrep_extract.fields.contacts import email_of

    texts = ["write to info@un.org for the survey", "e-mail: elnara.bainazarova@one.un.org"]
    assert email_of("Ms Elnara Bainazarova", texts) == "elnara.bainazarova@one.un.org"
    assert email_of("Dr John Smith", texts) is None


_PROSE_WORDS = ["As of 10 July,", "so far", "1,200", "54 747", "264", "cases", "deaths", "new", "confirmed",
                "Since", "in", "2020", "the", "and", '"', "“", ")", "(", ".", "!", "?", " ", "é", "In"]


@given(st.lists(st.lists(st.sampled_from(_PROSE_WORDS), max_size=12).map(" ".join), max_size=30),
       st.integers(1, 200))
def test_prose_in_pieces_gives_the_figures_of_the_whole_text(lines, size):
    whole = headline_figures(["\n".join(lines)], 2020, None, cue_only=True)
    assert headline_figures(prose_chunks(lines, size), 2020, None, cue_only=True) == whole


def test_prose_pieces_are_cut_only_between_sentences():
    lines = ["As of 9 May, 120 cases.", "Then 4 deaths", "and 5 recoveries.", "more text", "Next one."]
    assert list(prose_chunks(lines, 1)) == ["As of 9 May, 120 cases.", "Then 4 deaths\nand 5 recoveries.\nmore text\nNext one."]


def test_a_currency_code_must_not_end_a_word():
    # 'yea-rs 300' is not 300 Nepalese rupees, nor 'ran-som 5' 5 som
    assert amounts_in("in the last 2 years 300 cases were reported") == []
    assert amounts_in("a ransom 5 times higher") == []
    assert amounts_in("Rs 300 per household") == [Amount(currency="NPR", value=300.0, text="Rs 300")]


def test_dateline_is_the_one_dated_short_line_before_the_first_paragraph():
    assert dateline(["Home", "Press release", "14 May 2021", "Almaty", "Headline here"]) == (2, "2021-05-14")


def test_several_dates_before_the_first_paragraph_make_no_dateline():
    assert dateline(["Story", "31 May 2023", "Title one", "Story", "18 April 2023", "Title two"]) is None


def test_report_date_falls_back_to_the_dateline():
    assert report_date(None, "Home\nNews", [None], "", None, ["News", "14 May 2021"]) == "2021-05-14"


def test_masthead_date_comes_before_the_dateline():
    assert report_date(None, "UN KAZAKHSTAN 9 November 2020", [], "", None, ["14 May 2021"]) == "2020-11-09"


def test_headline_figures_read_people_who_recovered_or_died():
    text = "As of 21 June, 17,963 COVID-19 cases were registered, 10,512 people have recovered and 116 patients died."
    assert [(f.metric, f.value) for f in headline_figures([text], 2020, None)] == [
        ("confirmed", 17963), ("recovered", 10512), ("deaths", 116)]


def test_headline_figures_read_people_vaccinated():
    text = ("As of 14 February, 41 187 people had received the first dose of the vaccine and "
            "12,300 people are fully vaccinated.")
    assert [(f.metric, f.value, f.as_of) for f in headline_figures([text], 2021, None)] == [
        ("vaccinated", 41187, "2021-02-14"), ("fully_vaccinated", 12300, "2021-02-14")]


def test_headline_figures_read_people_evacuated_displaced_or_injured():
    text = "As of 14 April, over 96,000 people evacuated, 1,200 people were displaced and 14 people injured."
    assert [(f.metric, f.value) for f in headline_figures([text], 2024, None)] == [
        ("evacuated", 96000), ("displaced", 1200), ("injured", 14)]


def test_people_without_recovered_or_died_is_no_figure():
    assert headline_figures(["About 400 people attended the webinar."], 2020, None) == []
