"""Stage: owned blocks -> report items (sitrep_extract/items.py)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep_extract.items import block_text, clean_item_text, list_items, split_see_also, story_item
from sitrep_extract.model import Block, Line
from sitrep_extract.report import SeeAlso


def B(kind, *texts, page=None):
    return Block(lines=[Line(text=t, page=page) for t in texts], kind=kind)


# --- split_see_also ----------------------------------------------------------------------------

def test_see_also_at_the_end_of_a_paragraph_is_taken_off():
    assert split_see_also("UN Day events were held online. More on risk communications on page 3.") == (
        "UN Day events were held online.", SeeAlso(section="risk_communication", page=3))


def test_see_also_alone_leaves_no_text():
    assert split_see_also("More on risk communications on page 3.") == (
        "", SeeAlso(section="risk_communication", page=3))


def test_see_also_unknown_topic_becomes_a_folded_id():
    assert split_see_also("Something. More on vaccine trials on page 4.") == (
        "Something.", SeeAlso(section="vaccine_trials", page=4))


@pytest.mark.parametrize("text, section, page", [
    ("More on emergency health response on page 2.  ", "emergency_health_response", 2),
    ("See emergency health response on page 2", "emergency_health_response", 2),
    ("Read more on socio-economic response on p. 5.", "socio_economic_response", 5),
    ("More on risk communications at page 12.", "risk_communication", 12),
    ("Plus d'informations sur la réponse sanitaire à la page 2.", "emergency_health_response", 2),
])
def test_see_also_variants(text, section, page):
    assert split_see_also(text) == ("", SeeAlso(section=section, page=page))


def test_see_also_after_a_closing_quote():
    text, ref = split_see_also('He said "more to come". More on risk communications on page 3.')
    assert (text, ref) == ('He said "more to come".', SeeAlso(section="risk_communication", page=3))


@pytest.mark.parametrize("text", [
    "No link here.",
    "We will see more on page 3 next week.",
    "The page 3 of the report.",
    "The team will see more improvement on page 3.",  # not at a sentence start
])
def test_no_see_also(text):
    assert split_see_also(text) == (text, None)


# --- clean_item_text ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("WHO trained nurses;", "WHO trained nurses"),
    ("  WHO trained nurses ;  ", "WHO trained nurses"),
    ("WHO trained nurses.", "WHO trained nurses."),
    ("a;b", "a;b"),
])
def test_trailing_semicolon_is_dropped(text, expected):
    assert clean_item_text(text) == expected


# --- block_text --------------------------------------------------------------------------------

def test_bullet_block_text_loses_its_bullet_and_unwraps():
    assert block_text(B("bullet", "• WHO trained com-", "munity health workers;")) == \
        "WHO trained community health workers;"


def test_paragraph_starting_like_a_number_keeps_it():
    assert block_text(B("para", "1. Not a bullet block")) == "1. Not a bullet block"


def test_table_block_text_separates_cells():
    assert block_text(B("table", "CONFIRMED\t116772", "DEATHS\t1857")) == "CONFIRMED | 116772 | DEATHS | 1857"


def test_block_text_uses_vocabulary():
    assert block_text(B("para", "a well-", "known partner"), {"well-known"}) == "a well-known partner"


# --- list_items / story_item -------------------------------------------------------------------

def test_list_items_one_per_block_with_semicolons_dropped():
    items = list_items([B("bullet", "- WHO trained nurses;", page=2), B("para", "UNICEF delivered kits.", page=3)])
    assert [(i.text, i.page) for i in items] == [("WHO trained nurses", 2), ("UNICEF delivered kits.", 3)]


def test_list_see_also_line_attaches_to_the_item_before():
    items = list_items([B("bullet", "- WHO trained nurses;"), B("see_also", "More on risk communication on page 3.")])
    assert [(i.text, i.see_also) for i in items] == [
        ("WHO trained nurses", SeeAlso(section="risk_communication", page=3))]


def test_list_urls_block_gives_one_item_per_line():
    items = list_items([B("urls", "www.a.org", "www.b.org")])
    assert [i.text for i in items] == ["www.a.org", "www.b.org"]


def test_story_item_joins_paragraphs_and_takes_see_also():
    item = story_item("TITLE", [B("para", "First paragraph."), B("para", "Second paragraph."),
                                B("see_also", "More on emergency health response on page 2.")])
    assert (item.title, item.text, item.see_also) == (
        "TITLE", "First paragraph.\n\nSecond paragraph.", SeeAlso(section="emergency_health_response", page=2))


def test_story_item_without_blocks_is_empty():
    item = story_item("TITLE", [])
    assert (item.title, item.text, item.see_also, item.page) == ("TITLE", "", None, None)


@given(st.lists(st.sampled_from(["More on", "see", "voir", "risk communications", "on page", "page", "p.", "3", "12",
                                 "\u0663", ".", ". ", " ", "\n", "\u00a0", "\u2028", "text", "?"]), max_size=9))
def test_see_also_is_looked_for_only_where_a_page_number_ends_the_text(parts):
    from sitrep_extract.items import _SEE_ALSO

    text = " ".join(parts)
    if _SEE_ALSO.search(text):
        assert split_see_also(text)[1] is not None
