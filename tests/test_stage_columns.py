"""Stage: side-by-side columns of a layout text export read one after another (readers/columns.py)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitrep_extract.readers.columns import unfold_columns


def two_columns(left: list[str], right: list[str], at: int = 40) -> list[str]:
    rows = []
    for k in range(max(len(left), len(right))):
        a = left[k] if k < len(left) else ""
        b = right[k] if k < len(right) else ""
        rows.append((a.ljust(at) + b).rstrip())
    return rows


LEFT = ["The government extended the", "lockdown in six regions and", "closed the border to most", "foreign citizens until May.",
        "Schools moved to online", "teaching for the term."]
RIGHT = ["UNICEF delivered hygiene kits", "to rural schools in three", "regions and trained teachers", "on safe reopening of classes",
         "with the Ministry of", "Education and partners."]


def test_the_left_column_is_read_before_the_right_one():
    out = unfold_columns("\n".join(two_columns(LEFT, RIGHT))).split("\n")
    assert out == LEFT + [""] + RIGHT


def test_a_heading_across_both_columns_stays_between_them():
    rows = two_columns(LEFT[:3], RIGHT[:3]) + ["EMERGENCY HEALTH RESPONSE AND SUPPLIES FOR THE REGIONS TODAY"] + \
        two_columns(LEFT[3:], RIGHT[3:])
    out = [line for line in unfold_columns("\n".join(rows)).split("\n") if line]
    assert out == LEFT[:3] + RIGHT[:3] + ["EMERGENCY HEALTH RESPONSE AND SUPPLIES FOR THE REGIONS TODAY"] + LEFT[3:] + RIGHT[3:]


def test_a_left_line_running_into_the_gutter_still_ends_before_the_right_column():
    rows = two_columns(LEFT, RIGHT)
    rows[2] = "closed the border to most foreign of" + "   " + RIGHT[2]  # 3 spaces, into the gutter
    out = unfold_columns("\n".join(rows)).split("\n")
    assert "closed the border to most foreign of" in out and RIGHT[2] in out
    assert out.index(RIGHT[2]) > out.index(LEFT[-1])


def test_three_columns_are_read_left_to_right():
    middle = [f"middle column line number {k}" for k in range(6)]
    rows = [(a.ljust(34) + b.ljust(34) + c).rstrip() for a, b, c in zip(LEFT, middle, RIGHT)]
    out = [line for line in unfold_columns("\n".join(rows)).split("\n") if line]
    assert out == LEFT + middle + RIGHT


def test_lines_of_the_other_column_between_this_ones_leave_no_gap():
    # baselines differ: each right line gets its own row, between two left lines
    rows = two_columns(LEFT, RIGHT)
    for a, b in zip(LEFT, RIGHT):
        rows += [a, " " * 40 + b]
    out = unfold_columns("\n".join(rows)).split("\n")
    assert out == LEFT + LEFT + [""] + RIGHT + RIGHT


def test_a_table_aligned_with_spaces_keeps_its_rows():
    rows = ["Province        Cases      Deaths"] + [f"{name:<16}{n:<11}{n // 100}" for name, n in
                                                   [("KOSHI", 1193), ("MADHESH", 245), ("BAGMATI", 3602),
                                                    ("GANDAKI", 5971), ("LUMBINI", 819), ("KARNALI", 176)]]
    text = "\n".join(rows)
    assert unfold_columns(text) == text


def test_tab_separated_cells_are_left_alone():
    text = "\n".join(f"{a}\t\t\t{b}" for a, b in zip(LEFT, RIGHT))
    assert unfold_columns(text) == text


def test_pages_are_cut_at_their_own_gutters():
    page1 = two_columns(LEFT, RIGHT, at=40)
    page2 = two_columns(RIGHT, LEFT, at=34)
    out = unfold_columns("\n".join(page1) + "\f" + "\n".join(page2))
    assert out == "\n".join(LEFT + [""] + RIGHT) + "\f" + "\n".join(RIGHT + [""] + LEFT)


@given(st.lists(st.text(alphabet="abc XYZ.,;-\n", max_size=80).map(lambda s: " ".join(s.split(" "))), max_size=40))
def test_text_without_wide_gaps_comes_back_unchanged(parts):
    text = "\n".join(" ".join(p.split()) for p in parts)  # single spaces only: no gutter anywhere
    assert unfold_columns(text) == text
