"""The shortcuts that made the text path faster give the answers of the rules they replaced.

Each test compares a function with a reference copy of the code it replaced (kept here, as it was),
on generated input close to what the rule decides on: heading words, capitals, digits, punctuation,
addresses, odd Unicode (letters that are neither case, 'ſ' that matches 's' case-insensitively).
"""
from __future__ import annotations

import difflib
import statistics
import sys
import unicodedata
from collections import Counter

import regex as re
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep_extract import affinity, blocks, canonical, items
from sitrep_extract.fields import figures
from sitrep_extract.model import Line
from sitrep_extract.normalize import WordPattern, bullet_of, lowers_in_place, words_of
from sitrep_extract.pipeline import _vocabulary
from sitrep_extract.readers import text as text_reader

MANY = settings(max_examples=600)

# --- the replaced code, as it was ----------------------------------------------------------------------


def old_is_url(text):
    return bool(blocks._URL.match(text.strip()))


def old_is_see_also(text):
    return bool(blocks._SEE_ALSO.match(text.strip()))


def old_looks_like_heading(line, style):
    text = line.text.strip()
    if line.table is not None or "\t" in text or not text or len(text) > 110 or old_is_url(text):
        return False
    if "@" in text or bullet_of(text)[0] in ("•", "-", "–", "*") or blocks._CAPTION.match(text) \
            or blocks._only_a_date(text):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if canonical.lookup(text) and not text.endswith((".", ";", ",")) and not text[0].islower() \
            and not old_plain_body_words(line, style, letters):
        return True
    if len(letters) < 3 or len(text.split()) > 16 or text.endswith((",", ";")):
        return False
    upper = sum(ch.isupper() for ch in letters) / len(letters)
    if blocks._ENDS_NUMBER.search(text) and not blocks._CODE_NUMBER.search(text):
        return False
    if style.body_size and line.size:
        emphasised = line.bold or line.size >= style.body_size + 1.5
        if upper >= 0.75:
            return emphasised
        return emphasised and len(text.split()) <= 12 and not text.endswith(".") and line.size >= style.body_size - 0.5
    # text: capitals, or a line the reader marked bold (markdown heading markup)
    return (upper >= 0.75 or line.bold and len(text.split()) <= 12) and not text.endswith(".")


def old_plain_body_words(line, style, letters):
    if not (style.body_size and line.size) or line.bold or line.size >= style.body_size + 1.5:
        return False
    return sum(ch.isupper() for ch in letters) < 0.75 * max(len(letters), 1)


def old_style_gaps(lines):
    gaps = [min(line.gap_before, 3.0) for line in lines]
    usual = [statistics.median_low(gaps[max(1, i - 8): i + 8 + 1] or [0.0]) for i in range(len(lines))]
    marks = [usual[i] == 0 and sum(1 for g in gaps[max(1, i - 8): i + 8 + 1] if g >= 1) >= 2
             for i in range(len(lines))]
    return usual, marks


def old_column_widths(lengths):
    out = []
    for i, length in enumerate(lengths):
        window = sorted(lengths[max(0, i - 8): i + 8 + 1])
        typical = window[int(0.8 * (len(window) - 1))]
        wide = max(n for n in window if n <= 1.15 * typical)
        out.append(float(wide) if wide <= text_reader.MAX_WRAP_WIDTH and length <= text_reader.MAX_WRAP_WIDTH
                   else None)
    return out


OLD_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")


def old_split_see_also(text):
    if not text.rstrip().removesuffix(".").rstrip()[-1:].isdigit():
        return text, None
    m = items._SEE_ALSO.search(text)
    return (text, None) if not m else (text[:m.start()].rstrip(), m.group("topic"), m.group("page"))


def old_heading_key(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = canonical._NUMBERING.sub("", text.lower())
    text = canonical._QUOTES.sub("'", text)
    text = canonical._NOT_WORD.sub(" ", text)
    return " ".join(text.split())


_FREQUENCY = Counter("".join(canonical._EXACT))
_LETTERS = {k: sorted(Counter(k).items(), key=lambda item: _FREQUENCY[item[0]]) for k in canonical._EXACT}


def old_typo_candidates(key):
    get = Counter(key).get
    out = []
    for variant in canonical._similar_length(key):
        total = len(key) + len(variant)
        allowed = len(variant) - canonical._TYPO_CUTOFF * total / 2 + 0.5
        missing = 0
        for ch, n in _LETTERS[variant]:
            have = get(ch, 0)
            if have < n:
                missing += n - have
                if missing > allowed:
                    break
        else:
            if 2.0 * (len(variant) - missing) / total >= canonical._TYPO_CUTOFF:
                out.append(variant)
    return out


# --- what lines are made of ---------------------------------------------------------------------------

VARIANT_WORDS = sorted({w for c in canonical.TABLE for v in c.variants for w in v.split()})
WORDS = st.one_of(
    st.sampled_from(VARIANT_WORDS),
    st.sampled_from(VARIANT_WORDS).map(str.upper),
    st.sampled_from(VARIANT_WORDS).map(str.title),
    st.sampled_from(["COVID-19", "UN", "WHO", "A-12", "13", "116772", "2020", "13 MLN", "10%", "page 3", "Figure",
                     "Table", "Source:", "(see", "13 February 2020", "09.11.2020", "www.who.int", "who.int",
                     "https://x.org/a", "a@b.org", "•", "-", "–", "*", "1.", "a)", "ǅ", "ſ", "É", "é", "Ω", "ω", "中",
                     "ＡＢ", "ß", "İ", "and", "of", "the", "More", "See", "more on", "Page", "PAGE", "pag", "p."]),
    st.text(alphabet="ABCabc", min_size=1, max_size=8),  # capitals near the 3 in 4 that make a heading
    st.text(alphabet="aAbBzZ019 .,;:!?@/-–()'’\"\t\u00a0ſǅÉéΩω中", min_size=1, max_size=8),
)
SEPARATORS = st.sampled_from([" ", " ", " ", "  ", " / ", ": ", ", ", "\u00a0", "\t"])
# Whole lines that one rule alone turns down (or lets through)
SPECIAL = st.sampled_from([
    "HIGHLIGHTS", "Highlights", "highlights", "KEY SOURCES", "NEXT STEPS", "Next steps / Recommandations",
    "WWW.WHO.INT", "HTTPS://WHO.INT/EN", "WHO.INT/COVID", "CONTACT@WHO.INT", "• HIGHLIGHTS", "- HEALTH", "* RCCE",
    "1. HEALTH RESPONSE", "FIGURE 1: CASES", "TABLE 2. DEATHS", "(SEE PAGE 3)", "13 FEBRUARY 2020*", "13 FEB 2020)",
    "09.11.2020", "FEBRUARY 13, 2020 •", "TOTAL REACH 13 MLN", "CONFIRMED 116772", "COVID-19 UPDATE A-12",
    "MORE ON PAGE 3", "SEE HEALTH ON PAGE 2.", "Risk Communication And Community Engagement Plans For The Regions "
    "Of The North And South", "ABCd", "ABCDef", "ÉTÉ ÉTÉ é", "ǅǅǅǅ",
])


@st.composite
def line_texts(draw, max_words=20):
    if draw(st.integers(0, 3)) == 0:
        text = draw(SPECIAL)
    else:
        text = ""
        for word in draw(st.lists(WORDS, min_size=0, max_size=max_words)):
            text += (draw(SEPARATORS) if text else "") + word
    if draw(st.booleans()):
        text = draw(st.sampled_from(["", " ", ".", "("])) + text + draw(st.sampled_from(["", ".", ";", ",", ":", " "]))
    return text


@st.composite
def lines(draw):
    text = draw(line_texts())
    if draw(st.booleans()):  # a text-reader line
        return Line(text=text, x1=float(len(text)), gap_before=draw(st.sampled_from([0.0, 1.0, 2.0, 3.0])),
                    column_width=draw(st.sampled_from([None, 70.0])), table=draw(st.sampled_from([None, None, 1])),
                    bold=draw(st.booleans()))
    size = draw(st.sampled_from([None, 9.0, 9.5, 10.0, 11.5, 12.0, 14.0]))
    return Line(text=text, page=1, x0=50.0, x1=50.0 + 5 * len(text), size=size, bold=draw(st.booleans()),
                gap_before=draw(st.floats(0, 4)), column_width=250.0)


STYLES = st.builds(blocks.Style, body_size=st.sampled_from([None, 0.0, 10.0, 12.0]), usual_gaps=st.just([]),
                   gaps_mark=st.just([]))


@st.composite
def see_also_texts(draw):
    """'More on X on page N.' and near misses, in any case, alone or after a sentence."""
    text = "".join(draw(st.sampled_from(choices)) for choices in (
        ["", "UN Day events were held. ", "Text ”", "x.  "],
        ["More", "more", "See", "Read more", "Voir", "Plus d'informations", "Más información", "Details", "ſee"],
        [" on ", " about ", " ", " sur ", "\n"], ["risk communications", "health", "", "the next", "x"],
        [" on ", " ", " at ", " en ", " à la "],
        ["page", "Page", "PAGE", "p.", "P.", "página", "PÁGINA", "pagina", "la page", "pg", "pages"],
        [" ", "", "  "], ["3", "12", "1234", "x"], ["", ".", " .", ". ", "\n"]))
    return draw(st.sampled_from([str, str.upper, str.lower]))(text)


ADDRESSES = st.tuples(st.sampled_from(["", " ", "\t", "\n", "\u00a0"]),
                      st.sampled_from(["www.who.int", "WWW.WHO.INT", "https://x.org/a b", "http://a", "x.kz/a", "a@b.org",
                                       "See: a@who.int", "https://x.org/", "ftp://x.org", "who .int", "a.b.info/x"]),
                      st.sampled_from(["", " ", "\n", "\u2028", " x"])).map("".join)


# --- blocks.py ----------------------------------------------------------------------------------------

@MANY
@given(lines(), STYLES)
def test_looks_like_heading_answers_as_the_full_rule(line, style):
    assert blocks.looks_like_heading(line, style) == old_looks_like_heading(line, style)


@given(st.sampled_from(sorted(canonical._EXACT)), st.sampled_from([str.upper, str.title, str.lower, str.capitalize]),
       lines(), STYLES)
def test_section_names_answer_as_the_full_rule(name, case, line, style):
    line.text = case(name) + line.text[:len(line.text) % 3]  # known headings, in any case, some with a tail
    assert blocks.looks_like_heading(line, style) == old_looks_like_heading(line, style)


@MANY
@given(st.lists(st.sampled_from(VARIANT_WORDS).map(str.title), min_size=8, max_size=18).map(" ".join),
       st.sampled_from(["", ".", " 13", " A-12"]), st.sampled_from([9.0, 9.5, 10.0, 11.5, 12.0]), st.booleans(), STYLES)
def test_title_case_pdf_lines_answer_as_the_full_rule(words, end, size, bold, style):
    line = Line(text=words + end, page=1, size=size, bold=bold)
    assert blocks.looks_like_heading(line, style) == old_looks_like_heading(line, style)


@MANY
@given(st.one_of(line_texts(), st.text()))
def test_letter_counts_are_isalpha_and_isupper(text):
    letters = [ch for ch in text if ch.isalpha()]
    assert blocks._letter_counts(text) == (len(letters), sum(ch.isupper() for ch in letters))


@MANY
@given(st.one_of(line_texts(6), ADDRESSES, see_also_texts(),
                 st.text(alphabet=" \t\n\r\x0b\x0c\u00a0\u2028/.:wh tpsorgx@-", max_size=30)))
def test_address_tests_answer_as_the_patterns(text):
    assert blocks.is_url(text) == old_is_url(text)
    assert blocks.is_see_also(text) == old_is_see_also(text)
    assert blocks._ends_address(text) == bool(blocks._ENDS_ADDRESS.search(text))


def test_lower_casing_keeps_every_letter_the_prefilters_look_for():
    """The "page"/"pag"/"p." tests on lower-cased text: every character the patterns match case-insensitively
    for these letters lower-cases to the letter itself (not so for 's', which also matches 'ſ')."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for letter in "pageá":
        assert {ch.lower() for ch in re.findall(f"(?i){letter}", every)} == {letter}
    assert "ſ" in re.findall("(?i)s", every)  # the reason the test is needed


@given(st.lists(st.one_of(st.sampled_from([0.0, -0.0, 1.0, 2.0, 3.0, 0.3, 1.2]), st.floats(allow_nan=True)),
                max_size=40))
def test_style_gaps_are_the_windowed_median_and_count(gaps):
    lines = [Line(text="x", gap_before=g) for g in gaps]
    style = blocks.Style.of(lines)
    assert repr((style.usual_gaps, style.gaps_mark)) == repr(old_style_gaps(lines))


# --- readers/text.py ----------------------------------------------------------------------------------

@given(st.lists(st.one_of(st.integers(0, 200), st.sampled_from([0, 40, 60, 70, 71, 80, 149, 150, 151])),
                max_size=60))
def test_column_widths_slide_the_same_window(lengths):
    lines = [Line(text="x" * n) for n in lengths]
    text_reader._estimate_columns(lines)
    assert [line.column_width for line in lines] == old_column_widths(lengths)


# --- fields/figures.py --------------------------------------------------------------------------------

PROSE = st.lists(st.one_of(
    st.sampled_from(["As of 10 July,", "54,747", "264", "1 826", "5.000", "2020", "12’000", "١٢", "new", "confirmed",
                     "cases", "deaths", "cases.", "deaths!", "tests?", "In", "in", "since", "A total of", "to date",
                     "Note:", "§", "*", "**", "(", ")", '"', "“", "”", "’", ".", "!", "?", ".)", "covid-19", "cas",
                     "décès", "Spain", "The", "the", "and", "Suspected", "\t", "\n", "\u00a0", " ", "  ",
                     ".) The", '." In', "! 54 cases", "? “A", ".’ 5 deaths", ". (12 cases", ".\n\n3 tests"]),
    st.text(alphabet="aA0. \n!?\"”’)(“", max_size=4)), max_size=40).map(" ".join)


@MANY
@given(PROSE)
def test_figure_sentences_are_the_split_sentences_with_a_figure(text):
    assert list(figures._figure_sentences(text)) == [s for s in OLD_SENTENCE_END.splititer(text)
                                                      if figures._FIGURE.search(s)]


@given(PROSE)
def test_the_stop_pattern_splits_as_the_lookbehind_did(text):
    ends = [(m.start() + 1, m.end()) for m in figures._SENTENCE_END.finditer(text)]
    assert ends == [(m.start(), m.end()) for m in OLD_SENTENCE_END.finditer(text)]


# --- items.py -----------------------------------------------------------------------------------------

@MANY
@given(st.one_of(see_also_texts(), line_texts(8)))
def test_see_also_prefilter_drops_no_reference(text):
    new, ref = items.split_see_also(text)
    old = old_split_see_also(text)
    assert (new, ref is not None) == (old[0], len(old) == 3)
    if ref is not None:
        assert ref.page == int(old[2])


# --- canonical.py -------------------------------------------------------------------------------------

@MANY
@given(st.one_of(line_texts(8), st.text()))
def test_heading_key_folds_as_before(text):
    assert canonical.heading_key(text) == old_heading_key(text)


@MANY
@given(st.one_of(st.sampled_from(sorted(canonical._EXACT)).flatmap(
    lambda k: st.tuples(st.just(k), st.integers(0, len(k)), st.text("abcdefghijklmnopqrstuvwxyz '-*", max_size=8))
    .map(lambda t: t[0][:t[1]] + t[2] + t[0][t[1] + len(t[2]) % 3:])),
    st.text("aeinorstu cmldgphy'-*", min_size=10, max_size=80)))
def test_typo_candidates_are_those_of_the_letter_by_letter_count(key):
    assert canonical._typo_candidates(key) == old_typo_candidates(key)
    assert difflib.get_close_matches(key, canonical._typo_candidates(key), n=1, cutoff=canonical._TYPO_CUTOFF) == \
        difflib.get_close_matches(key, canonical._VARIANT_KEYS, n=1, cutoff=canonical._TYPO_CUTOFF)


# --- affinity.py --------------------------------------------------------------------------------------

def old_keyword_score(canon, text):
    if not canon.keywords:
        return 0.3
    low = " " + text.lower() + " "
    hits = sum(1 for k in canon.keywords if (" " + k) in low or ("(" + k) in low)
    return min(hits, 3) / 3


KEYWORDS = sorted({k for canon in canonical.TABLE for k in canon.keywords})


@MANY
@given(st.sampled_from(canonical.TABLE),
       st.lists(st.one_of(st.sampled_from(KEYWORDS), st.sampled_from(KEYWORDS).map(str.upper), st.text(max_size=4),
                          st.sampled_from([" ", "(", "-", "x"])), max_size=12).map("".join))
def test_keyword_scores_are_the_counts_of_every_keyword(canon, text):
    assert affinity.keyword_score(canon, text) == old_keyword_score(canon, text)


OLD_WORD, OLD_WORDS = re.compile(r"[^\W\d_]{3,}"), re.compile(r"\w+(?:-\w+)*")  # regex, as they were


def old_stems(text):
    return {w[:6] for w in (m.lower() for m in OLD_WORD.findall(text)) if w not in affinity._STOP}


def old_vocabulary(lines):
    vocab = set()
    for line in lines:
        vocab.update(w.lower() for w in OLD_WORDS.findall(line.text)[:-1])
    return vocab


def test_lowering_keeps_each_character_of_its_kind_but_two():
    word, letter = re.compile(r"\w"), re.compile(r"[^\W\d_]")
    for point in (p for p in range(sys.maxunicode + 1) if not 0xD800 <= p <= 0xDFFF):
        char = chr(point)
        low = char.lower()
        if low != char and lowers_in_place(char):
            assert len(low) == 1 and bool(word.match(low)) == bool(word.match(char)) \
                and bool(letter.match(low)) == bool(letter.match(char)), hex(point)


CASED = st.text(alphabet="AbΣσςİiIıſKÉéΩω’'- .1_ΟΔabcdefWORLD\u0307", max_size=30)


@MANY
@given(st.one_of(CASED, line_texts(8), st.text()))
def test_stems_are_the_lowered_words_cut(text):
    assert affinity.stems(text) == old_stems(text)


@MANY
@given(st.one_of(line_texts(10), st.text(alphabet=st.characters(max_codepoint=127)), st.text(), CASED))
def test_word_patterns_find_what_regex_finds(text):
    for pattern in (OLD_WORD.pattern, OLD_WORDS.pattern):
        assert WordPattern(pattern).findall(text) == re.findall(pattern, text)


def test_word_patterns_keep_combining_marks_inside_words():
    # stdlib re would cut these at every vowel sign
    assert words_of("नेपाल स्वास्थ्य मन्त्रालय") == ["नेपाल", "स्वास्थ्य", "मन्त्रालय"]


@given(st.lists(st.one_of(CASED, line_texts(6)), max_size=6))
def test_vocabulary_is_the_lowered_inner_words(texts):
    lines = [Line(text=text) for text in texts]
    assert _vocabulary(lines) == old_vocabulary(lines)
