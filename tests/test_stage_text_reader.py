"""Stage: plain text -> Line objects (sitrep_extract/readers/text.py)."""
from __future__ import annotations

import textwrap

from sitrep_extract.readers.text import MAX_WRAP_WIDTH, read_text


def texts(read):
    return [line.text for line in read.lines]


def test_date_marker_goes_to_meta_and_is_stripped():
    read = read_text("date 2020-11-09 HIGHLIGHTS\n\nSome text.")
    assert read.meta == {"date": "2020-11-09"}
    assert texts(read) == ["HIGHLIGHTS", "Some text."]


def test_date_marker_with_leading_space_and_capitals():
    read = read_text(" DATE 2020-11-09 HIGHLIGHTS")
    assert read.meta == {"date": "2020-11-09"}
    assert texts(read) == ["HIGHLIGHTS"]


def test_date_marker_alone_leaves_no_empty_line():
    read = read_text("date 2020-11-09\nHIGHLIGHTS")
    assert read.meta == {"date": "2020-11-09"}
    assert texts(read) == ["HIGHLIGHTS"]


def test_date_marker_only_counts_on_the_first_line():
    read = read_text("HIGHLIGHTS\ndate 2020-11-09 later")
    assert read.meta == {}
    assert texts(read) == ["HIGHLIGHTS", "date 2020-11-09 later"]


def test_date_word_glued_to_more_digits_is_not_a_marker():
    read = read_text("date 2020-11-091 x")
    assert read.meta == {}
    assert texts(read) == ["date 2020-11-091 x"]


def test_sample_with_marker():
    from conftest import SAMPLES

    read = read_text((SAMPLES / "un-kazakhstan-highlights-2020-11-09.txt").read_text())
    assert read.meta == {"date": "2020-11-09"}
    assert read.lines[0].text == "HIGHLIGHTS"


def test_blank_lines_are_counted_in_gap_before():
    read = read_text("A\nB\n\nC\n\n\nD")
    assert [line.gap_before for line in read.lines] == [3.0, 0.0, 1.0, 2.0]


def test_first_line_gets_a_gap_of_three_whatever_is_above():
    read = read_text("\n\n\n\n\n\nFirst")
    assert read.lines[0].gap_before == 3.0


def test_whitespace_only_lines_count_as_blank():
    read = read_text("A\n   \n\t\n\u00a0\nB")
    assert texts(read) == ["A", "B"]
    assert read.lines[1].gap_before == 3.0


def test_lines_are_cleaned_inline():
    read = read_text("**More on [risk](#) on page 3.**")
    assert texts(read) == ["More on risk on page 3."]


def test_text_lines_have_no_page_and_character_geometry():
    line = read_text("\n  indented text").lines[0]
    assert (line.page, line.top, line.bottom, line.x0, line.x1) == (None, 1.0, 2.0, 2.0, float(len("indented text")))


def test_indent_is_capped_at_eight():
    assert read_text(" " * 20 + "deep").lines[0].x0 == 8.0


def test_unwrapped_long_lines_have_no_column_width():
    para = "word " * 60
    read = read_text("\n\n".join([para.strip()] * 4))
    assert len(read.lines[0].text) > MAX_WRAP_WIDTH
    assert [line.column_width for line in read.lines] == [None] * 4


def test_hard_wrapped_text_gets_its_wrap_width():
    text = textwrap.fill("lorem ipsum dolor sit amet " * 40, 70)
    read = read_text(text)
    widths = {line.column_width for line in read.lines}
    assert widths == {float(max(len(line.text) for line in read.lines))}
    assert 60 <= widths.pop() <= 70


def test_short_heading_between_unwrapped_paragraphs_has_no_width():
    """The window's wide lines are whole paragraphs, so a short line among them is not 'wrapped'."""
    para = ("word " * 60).strip()
    read = read_text(f"{para}\n\nHEADING\n\n{para}")
    assert read.lines[1].text == "HEADING"
    assert read.lines[1].column_width is None


def test_raw_pdf_text_sample_is_hard_wrapped(raw_text):
    read = read_text(raw_text.read_text())
    first = read.lines[0]
    assert first.text.startswith("NUR-SULTAN")
    assert first.column_width is not None and 80 <= first.column_width <= MAX_WRAP_WIDTH
    assert read.lines[1].gap_before == 1.0  # the export is double-spaced


def test_sitrep_sample_paragraphs_are_unwrapped(sitrep_text):
    read = read_text(sitrep_text.read_text())
    para = next(line for line in read.lines if line.text.startswith("NUR-SULTAN - Over the past"))
    assert para.column_width is None


def test_markdown_link_wrapped_over_lines_keeps_its_text_and_lines():
    read = read_text("UNFPA developed a [premarital course for couples\nwanting to marry](#) to help.\nNext line")
    assert [line.text for line in read.lines] == [
        "UNFPA developed a premarital course for couples", "wanting to marry to help.", "Next line"]


def test_brackets_across_a_blank_line_are_not_a_link():
    read = read_text("see [note\n\nbelow](#)")
    assert [line.text for line in read.lines] == ["see [note", "below](#)"]


def test_date_marker_after_leading_blank_lines():
    read = read_text("\n\n  \ndate 2020-11-09 HIGHLIGHTS\nSome text.")
    assert read.meta == {"date": "2020-11-09"}
    assert texts(read) == ["HIGHLIGHTS", "Some text."]


def test_running_header_and_page_number_go_and_leave_no_gap_behind():
    pages = [f"UN Kazakhstan COVID-19 Situation Report\n{body}\nPage {n}"
             for n, body in enumerate(["Intro line.", "SOCIO-ECONOMIC IMPACT", "AND RESPONSE\n- UNDP item."], 1)]
    read = read_text("\f".join(pages))
    assert texts(read) == ["Intro line.", "SOCIO-ECONOMIC IMPACT", "AND RESPONSE", "- UNDP item."]
    assert read.lines[2].gap_before == 0.0  # the heading's second line still follows its first


def test_running_footer_with_page_numbers_goes_without_page_breaks():
    footer = "UN KAZAKHSTAN · SITUATION REPORT · 3 AUGUST 2020"
    read = read_text(f"Intro line.\n{footer}      1\nSecond page.\n2\n{footer}\nThird page.\n{footer}   3")
    assert texts(read) == ["Intro line.", "Second page.", "Third page."]


def test_running_footer_with_its_page_number_after_a_bar_goes():
    footer = "5 October 2020 | UN in Kazakhstan COVID-19 Situation Report | {}"
    read = read_text("\n\n".join(["Page one text.", footer.format(1), "Page two text.", footer.format(2)]))
    assert texts(read) == ["Page one text.", "Page two text."]


def test_page_n_of_m_lines_go_wherever_they_stand():
    read = read_text("First section text.\n\nPage 2 sur 3\n\nSecond section text.\nPage 3 of 3")
    assert texts(read) == ["First section text.", "Second section text."]


def test_a_repeated_line_without_page_numbers_stays():
    read = read_text("More on health on page 2.\nStory.\nMore on health on page 2.")
    assert texts(read) == ["More on health on page 2.", "Story.", "More on health on page 2."]


def test_a_repeated_paragraph_beside_a_page_number_stays():
    para = "As the UN entered the second year of the Framework it recorded deepened joint advocacy and more alignment."
    read = read_text(f"{para}\n1 of 3\nStory\n{para}\n1 of 3")
    assert texts(read).count(para) == 2


def test_markdown_heading_loses_its_marks_and_is_marked_as_a_heading():
    line = read_text("## Emergency health response ##").lines[0]
    assert (line.text, line.bold) == ("Emergency health response", True)


def test_line_all_in_bold_is_marked_as_a_heading():
    line = read_text("**Youth centres open in ten regions**").lines[0]
    assert (line.text, line.bold) == ("Youth centres open in ten regions", True)


def test_hash_in_a_sentence_is_kept_and_marks_nothing():
    lines = read_text("# of tests rose.\n#WeKazakhstan campaign\nA **bold** word.").lines
    assert [(line.text, line.bold) for line in lines] == [
        ("# of tests rose.", False), ("#WeKazakhstan campaign", False), ("A bold word.", False)]


def test_pipe_table_rows_become_tab_separated_cells_without_the_rule_line():
    read = read_text("| CONFIRMED | 116772 |\n|---|:---:|\n| RECOVERED | 107843 |")
    assert texts(read) == ["CONFIRMED\t116772", "RECOVERED\t107843"]
    assert read.lines[1].gap_before == 0.0


def test_a_pipe_inside_prose_is_kept():
    assert texts(read_text("UN Kazakhstan | COVID-19 Situation Report | 9 November 2020")) == [
        "UN Kazakhstan | COVID-19 Situation Report | 9 November 2020"]
