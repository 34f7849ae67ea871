"""Stage: blocks -> outline -> sections (sitrep_extract/structure.py + sections.py) on small texts."""
from __future__ import annotations

import regex as re
from hypothesis import given
from hypothesis import strategies as st

from sitrep_extract.blocks import build_blocks
from sitrep_extract.readers.text import read_text
from sitrep_extract.report import SeeAlso
from sitrep_extract.sections import build_sections
from sitrep_extract.structure import Body, Heading, outline


def run(text):
    shape = outline(build_blocks(read_text(text).lines))
    return shape, build_sections(shape)


def summary(sections):
    return [(s.id, [(i.title, i.text) for i in s.items]) for s in sections]


def all_item_text(sections):
    return " ".join(" ".join(filter(None, (i.title, i.text))) for s in sections for i in s.items)


HEALTH = [
    "WHO trained 200 health workers on infection prevention and control in hospitals",
    "WHO delivered laboratory testing kits and PCR reagents to regional hospitals",
    "WHO supported the Ministry of Health with clinical protocols for patient treatment",
]
ECONOMY = [
    "UNDP supported small business owners and entrepreneurs to keep jobs during the crisis",
    "ILO and UNDP assessed the economic impact on employment and household income",
    "UNDP launched a recovery grant programme for businesses affected by the economic downturn",
]


def solid(items):
    """Items without bullets, one per line, set solid: ";" after each but the last, which ends in "."."""
    return "\n".join(f"{t}{';' if k < len(items) - 1 else '.'}" for k, t in enumerate(items))


def bullets(items, last="."):
    return "\n".join(f"- {t}{';' if k < len(items) - 1 else last}" for k, t in enumerate(items))


# --- normal order ------------------------------------------------------------------------------

NORMAL = f"""EMERGENCY HEALTH RESPONSE

{bullets(HEALTH)}

SOCIO-ECONOMIC IMPACT AND RESPONSE

{bullets(ECONOMY)}
"""


def test_heading_then_items():
    _, sections = run(NORMAL)
    assert summary(sections) == [
        ("emergency_health_response", [(None, t if k < 2 else t + ".") for k, t in enumerate(HEALTH)]),
        ("socio_economic_response", [(None, t if k < 2 else t + ".") for k, t in enumerate(ECONOMY)]),
    ]


def test_section_keeps_printed_heading():
    _, sections = run(NORMAL)
    assert [s.heading for s in sections] == ["EMERGENCY HEALTH RESPONSE", "SOCIO-ECONOMIC IMPACT AND RESPONSE"]


def test_outline_owners_in_normal_order():
    shape, _ = run(NORMAL)
    assert [type(t).__name__ for t in shape.tokens] == ["Heading", "Body", "Body", "Body",
                                                       "Heading", "Body", "Body", "Body"]
    assert shape.owned == {0: [1, 2, 3], 4: [5, 6, 7]}
    assert shape.orphans == []


# --- detached headings -------------------------------------------------------------------------

DETACHED = f"""{bullets(HEALTH, ';')}
{bullets(ECONOMY)}

EMERGENCY HEALTH RESPONSE SOCIO-ECONOMIC IMPACT AND RESPONSE

YOUTH VOLUNTEERS DELIVER FOOD PARCELS

Youth volunteers delivered food parcels to elderly people living alone in the capital.
"""


def test_detached_headings_line_is_split_into_two_list_headings():
    shape, _ = run(DETACHED)
    heads = [(t.text, t.canon.id if t.canon else None, t.role) for t in shape.tokens if isinstance(t, Heading)]
    assert heads == [
        ("EMERGENCY HEALTH RESPONSE", "emergency_health_response", "list"),
        ("SOCIO-ECONOMIC IMPACT AND RESPONSE", "socio_economic_response", "list"),
        ("YOUTH VOLUNTEERS DELIVER FOOD PARCELS", None, "story"),
    ]


def test_detached_headings_take_the_blocks_printed_before_them():
    _, sections = run(DETACHED)
    by_id = {s.id: [i.text for i in s.items] for s in sections}
    assert by_id["emergency_health_response"] == HEALTH
    assert by_id["socio_economic_response"] == ECONOMY[:2] + [ECONOMY[2] + "."]


def test_detached_headings_leave_no_orphans_and_title_keeps_its_paragraph():
    shape, sections = run(DETACHED)
    assert shape.orphans == []
    story = [s for s in sections if s.id not in ("emergency_health_response", "socio_economic_response")]
    assert summary(story) == [("feature", [("YOUTH VOLUNTEERS DELIVER FOOD PARCELS",
                                            "Youth volunteers delivered food parcels to elderly people "
                                            "living alone in the capital.")])]


def test_detached_headings_are_matched_by_content_not_only_by_order():
    text = f"{bullets(ECONOMY, ';')}\n{bullets(HEALTH)}\n\nEMERGENCY HEALTH RESPONSE SOCIO-ECONOMIC IMPACT AND RESPONSE\n"
    _, sections = run(text)
    by_id = {s.id: [i.text for i in s.items] for s in sections}
    assert by_id["socio_economic_response"] == ECONOMY
    assert by_id["emergency_health_response"] == HEALTH[:2] + [HEALTH[2] + "."]


def test_empty_heading_takes_the_tail_of_the_section_above():
    text = f"""EMERGENCY HEALTH RESPONSE

{bullets(HEALTH[:2], ';')}
{bullets(ECONOMY[:2], ';')}

SOCIO-ECONOMIC IMPACT AND RESPONSE

COVID-19 RESPONSE SUPPLIES

- WHO procured ventilators and PPE kits; the shipment arrived at the warehouse.
"""
    _, sections = run(text)
    by_id = {s.id: [i.text for i in s.items] for s in sections}
    assert by_id == {
        "emergency_health_response": HEALTH[:2],
        "socio_economic_response": ECONOMY[:2],
        "response_supplies": ["WHO procured ventilators and PPE kits; the shipment arrived at the warehouse."],
    }


# --- front matter: overview, highlights, features -----------------------------------------------

FRONT = """date 2020-11-09 COVID-19 SITUATION REPORT

KAZAKHSTAN ADDRESSING THE SURGE

Over the past three weeks, there has been an increase in cases throughout the country.

HIGHLIGHTS

STRONGER UN BETTER WORLD

UN Day events were held online with the diplomatic corps. More on risk communications on page 3.

YOUTH HEALTH CENTERS OPEN

Youth health centers were included in the list of healthcare institutions.

More on emergency health response on page 2.

EMERGENCY HEALTH RESPONSE

- WHO trained nurses;

SPOTLIGHT: FLOD SERVICES LAUNCHED

IOM started providing health services for UN staff.
"""


def test_document_title_is_recognised_and_owns_nothing():
    shape, _ = run(FRONT)
    first = shape.tokens[0]
    assert isinstance(first, Heading) and first.role == "doc_title" and first.text == "COVID-19 SITUATION REPORT"
    assert 0 not in shape.owned


def test_section_ids_in_reading_order():
    _, sections = run(FRONT)
    assert [s.id for s in sections] == ["overview", "highlights", "emergency_health_response", "feature"]


def test_lead_story_before_highlights_is_overview():
    _, sections = run(FRONT)
    assert summary(sections)[0] == ("overview", [(
        "KAZAKHSTAN ADDRESSING THE SURGE",
        "Over the past three weeks, there has been an increase in cases throughout the country.")])


def test_stories_after_highlights_are_highlights_with_see_also():
    _, sections = run(FRONT)
    highlights = sections[1]
    assert highlights.heading == "HIGHLIGHTS"
    assert [(i.title, i.text, i.see_also) for i in highlights.items] == [
        ("STRONGER UN BETTER WORLD", "UN Day events were held online with the diplomatic corps.",
         SeeAlso(section="risk_communication", page=3)),
        ("YOUTH HEALTH CENTERS OPEN", "Youth health centers were included in the list of healthcare institutions.",
         SeeAlso(section="emergency_health_response", page=2)),
    ]


def test_spotlight_title_is_a_feature():
    _, sections = run(FRONT)
    feature = sections[-1]
    assert (feature.id, feature.heading) == ("feature", "SPOTLIGHT: FLOD SERVICES LAUNCHED")
    assert [(i.title, i.text) for i in feature.items] == [
        ("SPOTLIGHT: FLOD SERVICES LAUNCHED", "IOM started providing health services for UN staff.")]


def test_first_story_without_highlights_container_is_overview():
    _, sections = run("THE SURGE CONTINUES\n\nCases rose again this week.\n\nEMERGENCY HEALTH RESPONSE\n\n- WHO trained nurses.\n")
    assert [s.id for s in sections] == ["overview", "emergency_health_response"]


def test_stories_linking_on_are_highlights_without_a_highlights_heading():
    text = """THE SURGE CONTINUES

Cases rose again this week.

STRONGER UN BETTER WORLD

UN Day events were held online. More on risk communications on page 3.

YOUTH HEALTH CENTERS OPEN

Youth health centers opened. More on emergency health response on page 2.
"""
    _, sections = run(text)
    assert [(s.id, [i.title for i in s.items]) for s in sections] == [
        ("overview", ["THE SURGE CONTINUES"]),
        ("highlights", ["STRONGER UN BETTER WORLD", "YOUTH HEALTH CENTERS OPEN"]),
    ]


def test_a_chart_title_over_its_legend_is_no_highlight_story():
    text = """HIGHLIGHTS

STRONGER UN BETTER WORLD

UN Day events were held online. More on risk communications on page 3.

REPORTED CASES BY DATE

Number of cases (blue line)
Increase per day (red line)
"""
    _, sections = run(text)
    assert [(s.id, [i.title for i in s.items]) for s in sections] == [
        ("highlights", ["STRONGER UN BETTER WORLD"]), ("feature", ["REPORTED CASES BY DATE"])]


def test_a_chart_title_over_its_legend_and_axis_dates_is_no_highlight_story():
    text = """HIGHLIGHTS

STRONGER UN BETTER WORLD

UN Day events were held online. More on risk communications on page 3.

REPORTED CASES BY DATE

Number of cases (blue line) Increase per day (red line) 01.09 03.09 05.09 07.09 09.09 11.09 13.09
"""
    _, sections = run(text)
    assert [s.id for s in sections] == ["highlights", "feature"]


def test_story_before_the_container_with_see_also_is_a_highlight_and_the_last_one_is_the_lead():
    text = """FIRST STORY TITLE

A story that links on. More on emergency health response on page 2.

SECOND STORY TITLE

The lead story text is here.

HIGHLIGHTS

THIRD STORY TITLE

A third story.
"""
    _, sections = run(text)
    assert [(s.id, [i.title for i in s.items]) for s in sections] == [
        ("highlights", ["FIRST STORY TITLE"]),
        ("overview", ["SECOND STORY TITLE"]),
        ("highlights", ["THIRD STORY TITLE"]),
    ]


# --- orphans -----------------------------------------------------------------------------------

ORPHAN = """This report was prepared by the UN country team.
It covers the week to 9 November.

EMERGENCY HEALTH RESPONSE

- WHO trained nurses in infection prevention;
- UNICEF delivered hygiene kits to schools.
"""


def test_text_before_any_heading_is_other():
    shape, sections = run(ORPHAN)
    assert shape.orphans == [0]
    assert summary(sections) == [
        ("other", [(None, "This report was prepared by the UN country team. It covers the week to 9 November.")]),
        ("emergency_health_response", [(None, "WHO trained nurses in infection prevention"),
                                       (None, "UNICEF delivered hygiene kits to schools.")]),
    ]


def test_no_sentence_is_dropped():
    for text in (ORPHAN, FRONT, DETACHED, NORMAL):
        _, sections = run(text)
        got = re.sub(r"\s+", " ", all_item_text(sections))
        for line in read_text(text).lines:
            for sentence in re.findall(r"[^.;]+", re.sub(r"^[-•]\s*", "", line.text)):
                sentence = sentence.strip()
                if not sentence or "page" in sentence or sentence == "COVID-19 SITUATION REPORT" \
                        or sentence in ("HIGHLIGHTS", "EMERGENCY HEALTH RESPONSE",
                                        "SOCIO-ECONOMIC IMPACT AND RESPONSE",
                                        "EMERGENCY HEALTH RESPONSE SOCIO-ECONOMIC IMPACT AND RESPONSE"):
                    continue  # headings are section names; see-also lines are parsed
                assert sentence in got, (sentence, text[:30])


def test_heading_wrapped_after_and_stays_one_heading_even_if_its_last_line_maps_alone():
    _, sections = run("SOCIO-ECONOMIC IMPACT AND\nRESPONSE\n\n- UNDP supported small businesses.\n")
    assert [(s.id, s.heading) for s in sections] == [
        ("socio_economic_response", "SOCIO-ECONOMIC IMPACT AND RESPONSE")]


def test_sitrep_title_over_the_lead_title_in_one_heading_block_is_split_off():
    text = ("COVID-19 SITUATION REPORT\nKAZAKHSTAN REINTRODUCED LOCKDOWN\nAS CASES REACH NEW HIGH\n\n"
            "NUR-SULTAN - Cases surged over the last month.\n\nHIGHLIGHTS\n\nSTORY ONE\n\nText one.\n")
    shape, sections = run(text)
    titles = [t.text for t in shape.tokens if isinstance(t, Heading) and t.role == "doc_title"]
    assert titles == ["COVID-19 SITUATION REPORT"]
    assert sections[0].id == "overview" and sections[0].items[0].title == "KAZAKHSTAN REINTRODUCED LOCKDOWN AS CASES REACH NEW HIGH"


def test_story_title_wrapped_after_a_preposition_stays_one_title_though_its_last_line_names_a_sector():
    text = ("HIGHLIGHTS\n\n16 DAYS OF ACTIVISM AGAINST\nGENDER-BASED VIOLENCE\n\n"
            "Reports of domestic violence have increased during the lockdown. More on socio-economic response on page 2.\n")
    _, sections = run(text)
    assert [(s.id, [i.title for i in s.items]) for s in sections] == [
        ("highlights", ["16 DAYS OF ACTIVISM AGAINST GENDER-BASED VIOLENCE"])]


def test_heading_wrapped_over_three_lines_names_one_section():
    _, sections = run("SOCIO-ECONOMIC\nIMPACT AND\nRESPONSE\n\n- UNDP supported small businesses.\n")
    assert [(s.id, s.heading) for s in sections] == [
        ("socio_economic_response", "SOCIO-ECONOMIC IMPACT AND RESPONSE")]


@given(st.text(st.characters(max_codepoint=127), max_size=60))
def test_stems_of_ascii_text_as_word_by_word(text):
    """ASCII text is lower-cased whole before its words are found: the same stems as word by word."""
    from sitrep_extract.affinity import _STOP, _WORD, stems

    assert stems(text) == {w[:6] for w in (m.lower() for m in _WORD.findall(text)) if w not in _STOP}


class _FixedRows:
    """A scorer whose segment rows are given: heading h's segment from cut c scores rows[h][c]."""

    def __init__(self, rows):
        self.rows = rows

    def segments_from(self, heading, stretch, start):
        return self.rows[heading][start][:len(stretch) + 1 - start]


@given(st.data())
def test_orders_sharing_a_start_get_the_same_cut_as_each_order_alone(data):
    """assign keeps the DP rows of each order's start for the run's other orders: same answers."""
    import itertools

    from sitrep_extract.assign import _best_before

    n = data.draw(st.integers(0, 7))
    score = st.floats(-2, 2, allow_nan=False).map(lambda v: round(v, 2))  # ties happen, as in real rows
    rows = {h: [data.draw(st.lists(score, min_size=n + 1 - c, max_size=n + 1 - c)) for c in range(n + 1)]
            for h in range(4)}
    best = data.draw(st.lists(score, min_size=n + 1, max_size=n + 1))
    start_min = data.draw(st.integers(0, n))
    scorer, stretch = _FixedRows(rows), list(range(n))
    prefixes: dict = {}
    for k in range(4):
        for order in itertools.permutations(range(4), k):
            assert _best_before(best, stretch, order, start_min, scorer, prefixes) == \
                _best_before(best, stretch, order, start_min, scorer)


_STEMS = st.sets(st.sampled_from(["access", "vaccin", "school", "migran", "health", "suppor", "fund"]), max_size=5)


@given(_STEMS, st.lists(_STEMS, min_size=1, max_size=6), _STEMS)
def test_a_title_profile_scores_as_the_weighted_share_of_its_stems(title, blocks, found):
    """The weights summed once per title give what summing them afresh for every block gave."""
    from sitrep_extract.affinity import TitleMatcher, TitleProfile

    texts = [(k, " ".join(stems)) for k, stems in enumerate(blocks)]
    matcher = TitleMatcher(texts, [" ".join(title)])
    ordered = sorted(title)
    expected = (sum(matcher.weight(s) for s in ordered if s in found) / sum(matcher.weight(s) for s in ordered)
                if title else 0.0)
    assert TitleProfile(matcher, set(title)).share(found) == expected
    # only a title's stems are kept per block, and the rarity counts are of those
    assert all(matcher.hits[k] == set(stems) & set(title) for k, stems in enumerate(blocks))
    assert matcher.df == {s: sum(s in b for b in blocks) for s in set(title) if any(s in b for b in blocks)}


def test_detached_lists_closed_by_their_one_period_item_keep_it_against_the_other_lists_words():
    """Items ending in ';' and one ending in '.': that item closes its list, even when its words would
    fit the next list better (UNICEF, families, children are socio-economic marker words)."""
    nurses = "UNICEF trained nurses on home visits to families with young children"
    text = f"{bullets(HEALTH + [nurses])}\n{bullets(ECONOMY)}\n\nEMERGENCY HEALTH RESPONSE SOCIO-ECONOMIC IMPACT AND RESPONSE\n"
    _, sections = run(text)
    by_id = {s.id: [i.text for i in s.items] for s in sections}
    assert by_id["emergency_health_response"] == HEALTH + [nurses + "."]


SUPPLIES = [  # the first two read like health work; only the blank line above them says where the list starts
    "WHO provided reagents for PCR testing of patients to regional hospitals",
    "UNICEF supplied equipment for the clinical treatment of patients in hospitals",
    "UNDP delivered ventilators, PPE and kits purchased with USD 2 mln to the warehouse",
]


def test_detached_lists_set_solid_are_cut_at_the_blank_line_between_them():
    text = f"{solid(HEALTH)}\n\n{solid(SUPPLIES)}\n\nEMERGENCY HEALTH RESPONSE\n\nCOVID-19 RESPONSE SUPPLIES\n"
    _, sections = run(text)
    assert [(s.id, len(s.items)) for s in sections] == [("emergency_health_response", 3), ("response_supplies", 3)]


def test_list_between_two_headings_printed_after_their_lists_goes_to_the_second():
    """List A, heading A, list B, heading B (set solid, no bullets): heading A, printed after its own
    list, does not hold list B the way a heading above its list would."""
    risk = ["UNICEF launched a campaign on social media about masks", "WHO published infographics on flu",
            "UNESCO trained journalists on reporting about vaccines"]
    media = ["Op-ed by the Resident Coordinator on recovery", "Interview of the WHO Representative on TV",
             "UNFPA video on crisis centres", "IOM article on seasonal workers"]
    text = (f"COORDINATION\n{solid(ECONOMY)}\n\n{solid(risk)}\n\nUN RISK COMMUNICATION AND COMMUNITY ENGAGEMENT\n\n"
            f"{solid(media)}\n\nARTICLES, VIDEOS AND INTERVIEWS\n\nhttps://www.inform.kz/en\nhttps://24.kz/en\n")
    _, sections = run(text)
    by_id = {s.id: len(s.items) for s in sections}
    assert (by_id["coordination"], by_id["risk_communication"], by_id["articles_media"]) == (3, 3, 4)
