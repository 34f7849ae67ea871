"""Reading order and line attributes from synthetic word boxes (no PDF involved)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep_extract.readers.layout import Rule, Table, TableRow, clean_text, is_bold, is_italic, layout_page

PAGE_W = 595.0


def line(text: str, x: float, top: float, size: float = 10, font: str = "Helvetica") -> list[dict]:
    """Word boxes of one printed line (Helvetica-like widths, normal word spacing)."""
    out, cx = [], x
    for token in text.split():
        width = len(token) * size * 0.5
        out.append(dict(text=token, x0=cx, x1=cx + width, top=top, bottom=top + size, size=size, fontname=font))
        cx += width + size * 0.28
    return out


def para(tag: str, n_lines: int, x: float, top: float, width: float, size: float = 10, leading: float = 1.25,
         font: str = "Helvetica") -> list[dict]:
    """A justified-looking block: every line filled with distinct words ``tag0 tag1 ...``."""
    out, k = [], 0
    per_line = max(1, int(width // (size * 0.5 * 4 + size * 0.28)))  # 3-digit tags + a letter
    for n in range(n_lines):
        tokens = [f"{tag}{k + j:03d}" for j in range(per_line)]
        k += per_line
        out += line(" ".join(tokens), x, top + n * size * leading, size, font)
    return out


def texts(lines) -> list[str]:
    return [ln.text for ln in lines]


def order_of(lines, pattern: str) -> list[int]:
    return [i for i, ln in enumerate(lines) if re.search(pattern, ln.text)]


def tags_in(text: str) -> set[str]:
    return {t[0] for t in re.findall(r"\b([A-Z])\d{3}\b", text)}


def assert_pure(lines) -> None:
    """No line mixes words of two blocks."""
    for ln in lines:
        assert len(tags_in(ln.text)) <= 1, ln.text


# ---------------------------------------------------------------- reading order


def test_two_columns_read_column_by_column():
    words = para("L", 30, 36, 100, 250) + para("R", 30, 306, 100, 250)
    lines = layout_page(words, page_width=PAGE_W)
    assert_pure(lines)
    kinds = [tags_in(ln.text).pop() for ln in lines]
    assert kinds == ["L"] * 30 + ["R"] * 30
    assert [ln.column for ln in lines] == [0] * 30 + [1] * 30
    assert lines[0].new_region and lines[30].new_region and not lines[1].new_region
    assert lines[0].gap_before == 3.0 and lines[1].gap_before < 1
    assert 200 < lines[0].column_width <= 250


def test_columns_with_offset_baselines_and_shared_paragraph_gap():
    # both columns break a paragraph at the same height: still one two-column band
    words = para("L", 10, 36, 100, 250) + para("M", 10, 36, 240, 250)
    words += para("R", 10, 306, 103, 250) + para("S", 10, 306, 243, 250)
    lines = layout_page(words, page_width=PAGE_W)
    assert_pure(lines)
    assert [k for ln in lines for k in tags_in(ln.text)] == ["L"] * 10 + ["M"] * 10 + ["R"] * 10 + ["S"] * 10


def test_masthead_above_two_columns():
    words = line("UNITED NATIONS KAZAKHSTAN", 36, 20, 9, "Helvetica-Bold")
    words += line("COVID-19 SITUATION REPORT TITLE ACROSS", 36, 38, 24, "Helvetica-Bold")
    words += line("9 November 2020", 36, 70, 11)
    words += para("L", 25, 36, 110, 250) + para("R", 25, 306, 110, 250)
    lines = layout_page(words, page_width=PAGE_W)
    masthead = ["UNITED NATIONS KAZAKHSTAN", "COVID-19 SITUATION REPORT TITLE ACROSS", "9 November 2020"]
    assert texts(lines)[:3] == masthead
    body = lines[3:]
    assert_pure(body)
    assert [tags_in(ln.text).pop() for ln in body] == ["L"] * 25 + ["R"] * 25
    assert body[0].new_region and body[25].new_region
    assert lines[0].bold and lines[1].size == 24


def test_one_sided_masthead_line_close_to_title_stays_in_masthead():
    # a short date line just under the title belongs to the masthead, not to the left column
    words = line("BIG REPORT TITLE SPANNING THE WIDTH OF THE PAGE", 36, 30, 20)
    words += line("10 July 2020", 36, 56, 11)
    words += para("L", 20, 36, 120, 250) + para("R", 20, 306, 120, 250)
    lines = layout_page(words, page_width=PAGE_W)
    assert lines[1].text == "10 July 2020"
    assert lines[1].column == lines[0].column
    assert lines[2].new_region and lines[2].column != lines[1].column


def test_three_columns():
    words = para("A", 20, 36, 80, 160) + para("B", 20, 216, 80, 160) + para("C", 20, 396, 80, 160)
    lines = layout_page(words, page_width=PAGE_W)
    assert_pure(lines)
    assert [tags_in(ln.text).pop() for ln in lines] == ["A"] * 20 + ["B"] * 20 + ["C"] * 20
    assert len({ln.column for ln in lines}) == 3


def test_a_story_tail_alone_atop_the_last_column_is_read_after_the_column_before_it():
    words = para("A", 20, 36, 80, 160) + para("B", 20, 216, 80, 160)
    words += line("risk communications on page 3.", 396, 80)
    lines = layout_page(words, page_width=PAGE_W)
    assert texts(lines)[-1] == "risk communications on page 3."
    assert all("\t" not in text for text in texts(lines))


def test_heading_spanning_two_of_three_columns():
    words = para("A", 40, 36, 80, 160)
    words += para("B", 10, 216, 80, 160) + para("C", 10, 396, 80, 160)
    words += line("SECTION SPANNING TWO COLUMNS HERE", 216, 230, 14, "Helvetica-Bold")
    words += para("D", 12, 216, 260, 160) + para("E", 12, 396, 260, 160)
    lines = layout_page(words, page_width=PAGE_W)
    seq = [next(iter(tags_in(ln.text)), ln.text) for ln in lines]
    compact = [k for i, k in enumerate(seq) if i == 0 or seq[i - 1] != k]
    assert compact == ["A", "B", "C", "SECTION SPANNING TWO COLUMNS HERE", "D", "E"]


def test_narrow_sidebar_beside_two_body_columns():
    sidebar = para("S", 40, 20, 80, 80, size=7, leading=1.2)
    words = sidebar + para("L", 30, 120, 80, 210) + para("R", 30, 350, 80, 210)
    lines = layout_page(words, page_width=PAGE_W)
    assert_pure(lines)
    seq = [tags_in(ln.text).pop() for ln in lines]
    assert seq == ["S"] * 40 + ["L"] * 30 + ["R"] * 30


def test_narrow_sidebar_on_its_own_line_grid_at_the_right():
    words = para("M", 30, 36, 100, 380, size=10) + para("S", 50, 435, 100, 80, size=7, leading=1.23)
    lines = layout_page(words, page_width=PAGE_W)
    assert_pure(lines)
    assert [tags_in(ln.text).pop() for ln in lines] == ["M"] * 30 + ["S"] * 50


def test_heading_at_the_foot_of_a_column_stays_there():
    words = para("L", 40, 36, 60, 250)
    words += line("NEXT SECTION", 36, 60 + 40 * 12.5 + 10, 11, "Helvetica-Bold")
    words += para("R", 42, 306, 60, 250)
    lines = layout_page(words, page_width=PAGE_W)
    idx = texts(lines).index("NEXT SECTION")
    assert all("L" in tags_in(t) for t in texts(lines)[:idx])
    assert all("R" in tags_in(t) for t in texts(lines)[idx + 1:])
    assert lines[idx].bold and lines[idx].column == lines[0].column


def test_caption_under_image_stays_in_its_column():
    words = line("LEAD STORY TITLE", 36, 80, 15, "Helvetica-Bold")
    # an image (no text) from 100 to 240, then its caption, then the lead text
    words += line("Caption of the photo above", 36, 248, 7.5, "Helvetica-Oblique")
    words += para("L", 25, 36, 270, 250)
    words += line("HIGHLIGHTS", 306, 80, 13, "Helvetica-Bold") + para("R", 45, 306, 100, 250)
    lines = layout_page(words, page_width=PAGE_W)
    t = texts(lines)
    assert t[0] == "LEAD STORY TITLE" and t[1] == "Caption of the photo above"
    assert lines[1].italic and "L" in tags_in(t[2])
    assert t.index("HIGHLIGHTS") == 27


def test_table_rows_are_not_columns_and_join_with_tabs():
    words = line("NUMBER OF COVID-19 CASES", 40, 100, 7.5, "Helvetica-Bold")
    words += line("AS OF 12:00 09.11.2020", 200, 100, 7.5, "Helvetica-Bold")
    for k, (label, value) in enumerate([("CONFIRMED", "116772"), ("RECOVERED", "107843"), ("MORTALITY", "1857"),
                                        ("CASE FATALITY RATE", "1,59%")]):
        words += line(label, 40, 125 + 19 * k + 1.4, 7.5) + line(value, 250, 125 + 19 * k, 11, "Helvetica-Bold")
    lines = layout_page(words, page_width=PAGE_W)
    assert texts(lines) == ["NUMBER OF COVID-19 CASES\tAS OF 12:00 09.11.2020", "CONFIRMED\t116772",
                            "RECOVERED\t107843", "MORTALITY\t1857", "CASE FATALITY RATE\t1,59%"]


def test_table_title_separated_from_its_rows():
    words = para("P", 6, 36, 60, 520)
    words += line("Table 1. Cases by district", 36, 160, 11, "Helvetica-Bold")
    rows = [("District", "Cases", "Deaths"), ("Mubende", "19", "3"), ("Kassanda", "7", "1"), ("Kagadi", "4", "0"),
            ("Kyegegwa", "2", "0"), ("Bunyangabu", "1", "0")]
    for k, row in enumerate(rows):
        y = 230 + 16 * k
        words += line(row[0], 36, y) + line(row[1], 330, y) + line(row[2], 450, y)
    lines = layout_page(words, page_width=PAGE_W)
    t = texts(lines)
    i = t.index("Table 1. Cases by district")
    assert t[i + 1:] == ["\t".join(r) for r in rows]
    assert lines[i + 1].gap_before > 2


def test_two_line_label_beside_its_value_is_one_row():
    words = line("NUMBER OF COVID-19 PNEUMONIA", 40, 40.6, 7.5) + line("CASES", 40, 49.6, 7.5)
    words += line("AS OF 12:00 09.11.2020", 200, 45.1, 7.5)
    lines = layout_page(words, page_width=PAGE_W)
    assert texts(lines) == ["NUMBER OF COVID-19 PNEUMONIA CASES\tAS OF 12:00 09.11.2020"]


def test_key_value_sidebar_rows():
    words = []
    for k, (key, value) in enumerate([("China", "Very High"), ("Regional Level", "High"), ("Global Level", "High")]):
        words += line(key, 420, 360 + 14.5 * k, 12) + line(value, 525, 360 + 14.5 * k, 12)
    assert texts(layout_page(words, page_width=PAGE_W)) == ["China\tVery High", "Regional Level\tHigh",
                                                           "Global Level\tHigh"]


def test_rule_across_the_gutter_separates_two_column_bands():
    words = para("A", 10, 36, 60, 250) + para("B", 10, 306, 60, 250)
    words += para("C", 10, 36, 260, 250) + para("D", 10, 306, 260, 250)
    lines = layout_page(words, page_width=PAGE_W, rules=[Rule(30, 565, 210)])
    seq = [tags_in(ln.text).pop() for ln in lines]
    assert seq == ["A"] * 10 + ["B"] * 10 + ["C"] * 10 + ["D"] * 10
    # without the drawn rule the text flows down each column
    seq = [tags_in(ln.text).pop() for ln in layout_page(words, page_width=PAGE_W)]
    assert seq == ["A"] * 10 + ["C"] * 10 + ["B"] * 10 + ["D"] * 10


def test_heading_bar_inside_a_column_does_not_cut_the_page():
    words = para("L", 20, 36, 60, 250) + para("R", 20, 306, 60, 250)
    lines = layout_page(words, page_width=PAGE_W, rules=[Rule(32, 293, 140), Rule(32, 293, 160)])
    assert [tags_in(ln.text).pop() for ln in lines] == ["L"] * 20 + ["R"] * 20


def test_justified_line_is_not_cut_into_cells():
    words, x = [], 36.0
    for token in "ed in over 335,000 children adolescents and".split():  # ~1 em gaps of a stretched line
        words.append(dict(text=token, x0=x, x1=x + len(token) * 5, top=100, bottom=109, size=9))
        x += len(token) * 5 + 9.5
    assert layout_page(words, page_width=PAGE_W)[0].text == "ed in over 335,000 children adolescents and"


# ---------------------------------------------------------------- text and attributes


def test_bullet_glyphs_become_a_bullet_mark():
    words = [dict(text="(cid:127)", x0=36, x1=36, top=164.8, bottom=174.8, size=10, fontname="Helvetica-Bold")]
    words += line("www.coronavirus2020.kz", 45.5, 166.4, 8)
    words += line("\u2022Glued bullet item", 36, 190, 9)
    words += [dict(text="\uf0b7", x0=36, x1=41, top=210, bottom=220, size=10)] + line("Symbol font item", 54, 210)
    words += line("Text with (cid:3) garbage inside", 36, 230)
    lines = layout_page(words, page_width=PAGE_W)
    assert texts(lines) == ["• www.coronavirus2020.kz", "• Glued bullet item", "• Symbol font item",
                            "Text with garbage inside"]
    assert lines[0].size == 8 and not lines[0].bold  # the glyph does not count


def test_bullet_glyph_printed_lower_than_its_text():
    words = [dict(text="●", x0=36, x1=41, top=106, bottom=114, size=8)] + line("Item text here", 48, 100)
    assert texts(layout_page(words, page_width=PAGE_W)) == ["• Item text here"]


def test_clean_text():
    assert clean_text("(cid:127)") == ("", True)
    assert clean_text("ﬁnancial") == ("financial", False)
    assert clean_text("a(cid:12)b") == ("ab", False)
    assert clean_text("➢Item") == ("Item", True)


def test_font_styles():
    assert is_bold("ABCDEF+Calibri-Bold") and is_bold("Arial,BoldItalic") and is_bold("MyriadPro-Semibold")
    assert is_bold("Helvetica-Black") and not is_bold("Helvetica") and not is_bold("Roboto-Light")
    assert is_italic("Helvetica-Oblique") and is_italic("TimesNewRomanPS-ItalicMT") and is_italic("MinionPro-It")
    assert not is_italic("Helvetica-Bold") and not is_italic("Circuit")
    assert is_bold("Calibri-Bold-Italic") and is_italic("Calibri-Bold-Italic")


def test_rotated_words_are_skipped():
    words = line("Upright text here", 36, 100)
    words.append(dict(text="Number of cases", x0=10, x1=20, top=90, bottom=200, size=9, upright=False))
    assert texts(layout_page(words)) == ["Upright text here"]


def test_hyphenated_line_end_stays_as_printed():
    words = line("The Gov-", 36, 100) + line("ernment has", 36, 112.5)
    assert texts(layout_page(words)) == ["The Gov-", "ernment has"]


def test_superscript_joins_its_word():
    words = line("as of: 29", 36, 100, 12)
    end = words[-1]["x1"]
    words += [dict(text="th", x0=end + 0.2, x1=end + 8, top=99, bottom=106, size=8)]
    words += line("September 2022", end + 12, 100, 12)
    assert texts(layout_page(words)) == ["as of: 29th September 2022"]


def test_gap_before_in_line_heights():
    words = line("first line", 36, 100) + line("second line", 36, 112.5) + line("after a gap", 36, 145)
    lines = layout_page(words)
    assert [round(ln.gap_before, 2) for ln in lines] == [3.0, 0.25, 2.25]


def test_ruled_table_block_is_read_row_by_row():
    words = para("P", 3, 36, 60, 500)
    words += line("Confirmed", 40, 124) + line("35", 300, 124) + line("Deaths", 40, 140) + line("8", 300, 140)
    words += para("Q", 3, 36, 180, 500)
    table = Table(36, 120, 560, 156, [TableRow(["Confirmed", "35"], 36, 560, 120, 138),
                                      TableRow(["Deaths", None], 36, 560, 138, 156)], id=7)
    lines = layout_page(words, page_width=PAGE_W, tables=[table])
    t = texts(lines)
    assert t[3:5] == ["Confirmed\t35", "Deaths"]
    assert [ln.table for ln in lines[3:5]] == [7, 7] and lines[2].table is None
    assert sum("Confirmed" in x for x in t) == 1  # its words are not read twice


# ---------------------------------------------------------------- robustness


def test_degenerate_input_does_not_crash():
    assert layout_page([]) == []
    weird = [dict(text="x", x0=10, x1=10, top=5, bottom=5, size=0), dict(text="", x0=0, x1=1, top=0, bottom=1),
             dict(text="y", x0=-5, x1=1e5, top=1e5, bottom=-3, size=None)]
    assert {ln.text for ln in layout_page(weird)} <= {"x", "y", "x\ty", "y\tx", "x y", "y x"}


box = st.tuples(
    st.floats(0, 550), st.floats(1, 60), st.floats(0, 800), st.sampled_from([6.0, 8.0, 9.0, 10.0, 12.0, 24.0])
)


@settings(max_examples=150, deadline=None)
@given(st.lists(box, max_size=120))
def test_every_word_is_read_exactly_once(boxes):
    words = [dict(text=f"t{k}", x0=x, x1=x + w, top=y, bottom=y + s, size=s) for k, (x, w, y, s) in enumerate(boxes)]
    lines = layout_page(words, page_width=PAGE_W)
    seen = [tok for ln in lines for tok in re.findall(r"t\d+", ln.text)]  # touching pieces may join
    assert sorted(seen) == sorted(w["text"] for w in words)
    assert all(ln.new_region == (k == 0 or ln.column != lines[k - 1].column) for k, ln in enumerate(lines))
