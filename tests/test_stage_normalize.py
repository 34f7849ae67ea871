"""Stage: inline clean-up, bullets and unwrapping (sitrep_extract/normalize.py)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep_extract.normalize import bullet_of, clean_inline, join_lines, words_of


# --- clean_inline: markup remnants -------------------------------------------------------------

def test_markdown_link_keeps_only_its_text():
    assert clean_inline("a [policy paper](#) disseminated") == "a policy paper disseminated"


def test_markdown_link_with_parenthesised_url_is_removed_whole():
    assert clean_inline("see [the guide](http://who.int/a_(b)) now") == "see the guide now"


def test_markdown_bold_markers_are_removed():
    assert clean_inline("**More on risk communications on page 3.**") == "More on risk communications on page 3."


def test_markdown_underscore_bold_is_removed():
    assert clean_inline("__KEY SOURCES__") == "KEY SOURCES"


def test_stray_double_asterisks_are_removed():
    assert clean_inline("REPORTED CASES BY DATE **KEY SOURCES") == "REPORTED CASES BY DATE KEY SOURCES"


def test_underscores_inside_words_are_kept():
    assert clean_inline("file snake_case_name here") == "file snake_case_name here"


def test_pdf_cid_codes_are_removed():
    assert clean_inline("x (cid:12)y") == "x y"


# --- clean_inline: spaces and invisible characters ---------------------------------------------

@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f", "\u2003", "\u3000", "  "])
def test_odd_spaces_become_one_plain_space(space):
    assert clean_inline(f"46{space}997 cases") == "46 997 cases"


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_invisible_characters_are_removed(char):
    assert clean_inline(f"vacci{char}nation") == "vaccination"


def test_outer_spaces_and_tabs_are_stripped():
    assert clean_inline(" \t CONFIRMED\t116772\t ") == "CONFIRMED\t116772"


def test_tab_runs_with_spaces_collapse_to_one_tab():
    assert clean_inline("NUMBER OF CASES \t\t AS OF 12:00\t 09.11.2020") == "NUMBER OF CASES\tAS OF 12:00\t09.11.2020"


def test_nbsp_next_to_tab_is_absorbed_by_the_tab():
    assert clean_inline("CONFIRMED\u00a0\t116772") == "CONFIRMED\t116772"


# --- bullet_of ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, bullet", [
    ("• WHO trained nurses", "•"),
    ("- WHO trained nurses", "-"),
    ("– WHO trained nurses", "–"),
    ("* WHO trained nurses", "*"),
    ("\uf0b7 WHO trained nurses", "\uf0b7"),
])
def test_bullet_characters_are_split_off(text, bullet):
    assert bullet_of(text) == (bullet, "WHO trained nurses")


def test_bullet_without_space_after_dot_symbol_is_split_off():
    assert bullet_of("•WHO trained nurses") == ("•", "WHO trained nurses")


@pytest.mark.parametrize("text, marker", [
    ("1. WHO trained nurses", "1."),
    ("2) WHO trained nurses", "2)"),
    ("a) WHO trained nurses", "a)"),
    ("(3) WHO trained nurses", "(3)"),
    ("12. WHO trained nurses", "12."),
])
def test_numbered_items_are_split_off(text, marker):
    assert bullet_of(text) == (marker, "WHO trained nurses")


@pytest.mark.parametrize("text", [
    "-5 degrees at night",      # a minus sign glued to a number
    "COVID-19 cases rose",      # a hyphen inside a word
    "2020. A year of crisis",   # a year is not an item number
    "*bold* text",              # an asterisk glued to a word
    "•",                        # a lone bullet has no item text
    "Plain sentence.",
])
def test_non_bullets_are_left_alone(text):
    assert bullet_of(text) == (None, text)


# --- join_lines --------------------------------------------------------------------------------

def test_lines_join_with_single_spaces():
    assert join_lines(["WHO trained", "  200 nurses  ", "", "in Almaty."]) == "WHO trained 200 nurses in Almaty."


def test_tabs_inside_lines_become_spaces_when_joined():
    assert join_lines(["CONFIRMED\t116772"]) == "CONFIRMED 116772"


def test_hyphen_before_a_number_is_kept():
    assert join_lines(["the spread of COVID-", "19 in the country"]) == "the spread of COVID-19 in the country"


def test_hyphen_after_an_acronym_is_kept():
    assert join_lines(["the UNICEF-", "facilitated training"]) == "the UNICEF-facilitated training"


def test_typographic_hyphenation_of_lowercase_word_is_undone():
    assert join_lines(["the local com-", "munity was informed"]) == "the local community was informed"


def test_vocabulary_keeps_a_printed_hyphenated_compound():
    assert join_lines(["a well-", "known partner"], {"well-known"}) == "a well-known partner"


def test_vocabulary_joins_a_word_printed_without_hyphen():
    assert join_lines(["CO-", "ORDINATION of partners"], {"coordination"}) == "COORDINATION of partners"


def test_vocabulary_with_hyphenated_form_wins_over_joined_form():
    vocab = {"co-ordination", "coordination"}
    assert join_lines(["co-", "ordination"], vocab) == "co-ordination"


def test_lowercase_split_without_vocabulary_evidence_is_joined():
    assert join_lines(["re-", "cover"], {"unrelated"}) == "recover"


def test_dash_after_a_space_is_not_a_line_end_hyphen():
    assert join_lines(["intensive care -", "18%"]) == "intensive care - 18%"


def test_words_of_keeps_hyphenated_words_whole():
    assert words_of("COVID-19 and well-known, partners.") == ["COVID-19", "and", "well-known", "partners"]


def _clean_with_every_pattern(text: str) -> str:
    from sitrep_extract import normalize as n

    text = n._CID_BULLET.sub("• ", text)
    text = n._CID.sub("", text)
    text = n._INVISIBLE.sub("", text)
    text = n._MD_LINK.sub(r"\1", text)
    text = n._MD_EMPHASIS.sub(r"\2", text)
    text = n._MD_LEFTOVER.sub("", text)
    text = n._SPACES.sub(" ", text)
    text = n._TABS.sub("\t", text)
    return text.strip(" \t")


@given(st.lists(st.sampled_from(["a", "B", "7", " ", "  ", "\t", "\u00a0", "\u200b", "\u00ad", "*", "**", "_", "__",
                                 "[", "]", "(", ")", "](", "(cid:12)", "#", "x.org", "•", "é"]), max_size=14))
def test_clean_inline_skips_only_patterns_that_cannot_match(parts):
    text = "".join(parts)
    assert clean_inline(text) == _clean_with_every_pattern(text)


@given(st.lists(st.text(st.sampled_from("ab -\t\u00a0\u2009é"), max_size=8), max_size=5))
def test_join_lines_collapses_spaces_as_the_pattern_would(lines):
    from sitrep_extract import normalize as n

    joined = join_lines(lines)
    assert joined == n._SPACES.sub(" ", joined).strip()
