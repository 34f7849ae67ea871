"""Stage: printed heading variants -> canonical section ids (sitrep_extract/canonical.py)."""
from __future__ import annotations

import difflib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep_extract import canonical

from sitrep_extract.canonical import BY_ID, heading_key, is_feature_title, lookup, split_headings


def cid(text):
    canon = lookup(text)
    return canon.id if canon else None


# --- heading_key -------------------------------------------------------------------------------

def test_heading_key_folds_case_accents_numbering_and_spacing():
    assert heading_key("1. Résumé de la   situation") == "resume de la situation"


def test_heading_key_joins_wrapped_lines():
    assert heading_key("UN RISK COMMUNICATION AND\nCOMMUNITY ENGAGEMENT") == \
        "un risk communication and community engagement"


def test_heading_key_turns_punctuation_into_spaces():
    assert heading_key("Socio-economic impact & response:") == "socio economic impact response"


# --- lookup ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("UN RISK COMMUNICATION AND COMMUNITY ENGAGEMENT", "risk_communication"),
    ("Socio-economic impact and response", "socio_economic_response"),
    ("SOCIO-ECONOMIC IMPACT AND RESPONSE", "socio_economic_response"),
    ("1. Résumé de la situation", "overview"),
    ("  emergency   health\nresponse ", "emergency_health_response"),
    ("II. Coordination", "coordination"),
    ("3.1 Surveillance", "epidemiology"),
    ("Faits saillants", "highlights"),
    ("SITUACIÓN EPIDEMIOLÓGICA", "epidemiology"),
    ("COVID-19 RESPONSE SUPPLIES", "response_supplies"),
    ("ARTICLES, VIDEOS AND INTERVIEWS", "articles_media"),
    ("FOR MORE INFORMATION PLEASE CONTACT", "contact"),
    ("KEY SOURCES", "key_sources"),
    ("COVID-19 SUPPLIES", "response_supplies"),
    ("PROCUREMENT AND SUPPLIES", "response_supplies"),
    ("VIDEOS, ARTICLES AND INTERVIEWS", "articles_media"),
])
def test_lookup_folds_case_spacing_accents_and_numbering(text, expected):
    assert cid(text) == expected


def test_lookup_tolerates_a_typo_in_a_long_heading():
    assert cid("EMERGENCY HEALT RESPONSE") == "emergency_health_response"


def test_lookup_does_not_guess_typos_in_short_headings():
    assert cid("HEALT") is None


def test_lookup_wildcard_variant_takes_a_prefix():
    assert cid("UN IN KAZAKHSTAN MEDIA COVERAGE") == "media_coverage"


def test_lookup_wildcard_prefix_is_bounded():
    assert cid("ONE TWO THREE FOUR FIVE SIX MEDIA COVERAGE") is None


@pytest.mark.parametrize("text", [
    "", "   ", "KAZAKHSTAN ADDRESSING THE SURGE OF COVID-19", "COVID-19 RESPONSE APP HEALTH BUDDY",
    "TOTAL REACH 13 MLN", "STRONGER UN BETTER WORLD",
])
def test_lookup_returns_none_for_titles(text):
    assert lookup(text) is None


def test_roles():
    assert (BY_ID["overview"].role, BY_ID["highlights"].role, BY_ID["risk_communication"].role,
            BY_ID["contact"].role) == ("story", "container", "list", "special")


# --- split_headings ----------------------------------------------------------------------------

def parts(text):
    return [(part, canon.id if canon else None) for part, canon in split_headings(text)]


def test_two_headings_on_one_line_are_split():
    assert parts("EMERGENCY HEALTH RESPONSE SOCIO-ECONOMIC IMPACT AND RESPONSE") == [
        ("EMERGENCY HEALTH RESPONSE", "emergency_health_response"),
        ("SOCIO-ECONOMIC IMPACT AND RESPONSE", "socio_economic_response"),
    ]


def test_title_then_heading_on_one_line_are_split():
    assert parts("REPORTED CASES BY DATE KEY SOURCES") == [
        ("REPORTED CASES BY DATE", None),
        ("KEY SOURCES", "key_sources"),
    ]


def test_plain_title_stays_whole():
    assert parts("COVID-19 RESPONSE APP HEALTH BUDDY") == [("COVID-19 RESPONSE APP HEALTH BUDDY", None)]


def test_whole_heading_is_one_part_with_its_printed_text():
    assert parts("  UN RISK COMMUNICATION AND COMMUNITY ENGAGEMENT ") == [
        ("UN RISK COMMUNICATION AND COMMUNITY ENGAGEMENT", "risk_communication")]


def test_single_word_variant_is_not_cut_out_of_a_title():
    # "HIGHLIGHTS" and "HEALTH" are one-word variants: not cut out of a longer title.
    assert parts("HIGHLIGHTS STRONGER UN BETTER WORLD") == [("HIGHLIGHTS STRONGER UN BETTER WORLD", None)]
    assert parts("YOUTH FRIENDLY HEALTH CENTERS") == [("YOUTH FRIENDLY HEALTH CENTERS", None)]


def test_side_by_side_headings_with_the_left_one_wrapped_get_their_tails_back():
    assert parts("SOCIO-ECONOMIC IMPACT EMERGENCY HEALTH RESPONSE AND RESPONSE") == [
        ("SOCIO-ECONOMIC IMPACT AND RESPONSE", "socio_economic_response"),
        ("EMERGENCY HEALTH RESPONSE", "emergency_health_response"),
    ]


def test_humanitarian_sector_headings_have_their_own_ids():
    assert [lookup(text).id for text in ("EDUCATION", "Child protection", "Food security", "Shelter and NFI")] == [
        "education", "protection", "food_security", "shelter"]


def test_french_wash_and_contact_headings():
    assert lookup("EAU, HYGIÈNE ET ASSAINISSEMENT (WASH)").id == "emergency_health_response"
    assert lookup("Pour plus d'informations, contacter :").id == "contact"


def test_gaps_and_constraints_are_challenges():
    assert lookup("GAPS AND CONSTRAINTS").id == "challenges"


def test_a_sector_named_in_a_story_title_is_not_cut_out_of_it():
    assert parts("16 DAYS OF ACTIVISM AGAINST GENDER-BASED VIOLENCE") == [
        ("16 DAYS OF ACTIVISM AGAINST GENDER-BASED VIOLENCE", None)]


def test_three_headings_in_a_row():
    assert [c for _, c in parts("EMERGENCY HEALTH RESPONSE COVID-19 RESPONSE SUPPLIES KEY SOURCES")] == [
        "emergency_health_response", "response_supplies", "key_sources"]


# --- is_feature_title --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("SPOTLIGHT: FLOD SERVICES LAUNCHED", True),
    ("Spotlight", True),
    ("In focus: vaccination", True),
    ("BOXING CLUB REOPENS", False),   # prefix must be a whole word
    ("SPOTLIGHTS ON YOUTH", False),
    ("STRONGER UN BETTER WORLD", False),
])
def test_feature_titles(text, expected):
    assert is_feature_title(text) is expected


@pytest.mark.parametrize("candidates", [canonical._similar_length, canonical._typo_candidates],
                         ids=["length that can match", "letters that can match"])
@given(st.sampled_from(canonical._VARIANT_KEYS), st.integers(0, 40), st.text("abcdefghijklmnopqrstuvwxyz ", max_size=6))
def test_typo_matching_skips_only_keys_that_cannot_match(candidates, variant, cut, extra):
    key = (variant[:cut] + extra + variant[cut:]) if cut % 2 else variant[:cut] + variant[cut + len(extra):]
    everything = difflib.get_close_matches(key, canonical._VARIANT_KEYS, n=1, cutoff=canonical._TYPO_CUTOFF)
    assert difflib.get_close_matches(key, candidates(key), n=1, cutoff=canonical._TYPO_CUTOFF) == everything
