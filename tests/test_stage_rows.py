"""Stage: one printed row -> labelled counts (sitrep_extract/fields/rows.py), property tests."""
from __future__ import annotations

from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from sitrep_extract.fields import rows

TOKENS = ["Confirmed", "CONFIRMED", "cases", "Cas", "confirmés", "Décès", "deaths", "Total", "cumulative",
          "recovered", "Tested", "samples", "contacts", "suivis", "CFR", "fatality", "rate", "in", "the", "of",
          "Région", "Almaty", "COVID-19", "new", "NA", "ND", "-", "—", ":", "*", "†", "(", ")", "(3 new)",
          "12", "1 234", "116772", "5,6%", "0.4", "2020", "13 MLN", "563K"]


@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=9), st.sampled_from([" ", "  ", " :", "* ", "\u00a0"]))
def test_the_metric_start_check_only_skips_lines_without_a_row(tokens, glue):
    text = glue.join(tokens)
    with mock.patch.object(rows, "starts_with_metric", lambda text: True):
        everything = rows.parse_rows(text)
    assert rows.parse_rows(text) == everything
