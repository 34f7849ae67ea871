import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep_extract.errors import ExtractError
from sitrep_extract.readers.decode import decode_text

RU = "Ситуация по коронавирусу в Казахстане на 10.07.2020: 54 747 случаев.\nВыздоровели 30 000."
FR = "Situation générale au 06 septembre 2025 : 1 368 décès, « été » à Dakar.\n"
ES = "Año 2020: 10 de julio, días de cuarentena, niños.\n"


def test_utf8():
    assert decode_text(FR.encode("utf-8")) == (FR, "utf-8", [])


def test_utf8_bom_is_stripped():
    assert decode_text(b"\xef\xbb\xbf" + FR.encode("utf-8")) == (FR, "utf-8-sig", [])


@pytest.mark.parametrize("encoding, name", [("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be")])
def test_utf16_with_bom(encoding, name):
    data = FR.encode(encoding) if encoding == "utf-16" else b"\xfe\xff" + FR.encode(encoding)
    assert decode_text(data) == (FR, name, [])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [FR, RU])
def test_utf16_without_bom(text, encoding):
    assert decode_text(text.encode(encoding)) == (text, encoding, [])


def test_cp1251_cyrillic():
    assert decode_text(RU.encode("cp1251")) == (RU, "cp1251", [])


@pytest.mark.parametrize("text", [FR, ES])
def test_cp1252_latin(text):
    assert decode_text(text.encode("cp1252")) == (text, "cp1252", [])


def test_bytes_undefined_in_cp1252_fall_back_to_latin1():
    assert decode_text("café ".encode("cp1252") + b"\x81" + b" ok" * 20)[1] == "latin-1"


def test_invalid_utf8_in_the_middle_is_replaced_with_warning():
    data = FR.encode("utf-8")
    text, encoding, warnings = decode_text(data[:10] + b"\x92" + data[10:])
    assert encoding == "utf-8"
    assert text == FR[:10] + "\ufffd" + FR[10:]
    assert warnings == ["invalid UTF-8 at 1 place, replaced"]


def test_line_endings_are_normalised():
    assert decode_text(b"a\r\nb\rc\n")[0] == "a\nb\nc\n"


def test_empty_input():
    assert decode_text(b"") == ("", "utf-8", [])


@pytest.mark.parametrize("data, kind", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"PK\x03\x04\x14\x00", "ZIP archive"),
    (b"GIF89a\x01\x00", "GIF image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (b"%PDF-1.7\n", "PDF document"),
])
def test_magic_numbers_are_binary(data, kind):
    with pytest.raises(ExtractError, match=f"binary data, not text \\(looks like an? {kind}"):
        decode_text(data)


def test_nul_bytes_that_are_not_utf16_are_binary():
    with pytest.raises(ExtractError, match="NUL"):
        decode_text(b"abc\x00\x00\x00\x17\x00\x00\x01defgh")


def test_control_characters_are_binary():
    with pytest.raises(ExtractError, match="control characters"):
        decode_text(bytes(range(1, 32)) * 4)


@given(st.binary())
def test_decode_text_raises_only_extract_error(data):
    try:
        text, encoding, warnings = decode_text(data)
    except ExtractError as error:
        assert "\n" not in str(error)
    else:
        assert "\r" not in text
        assert isinstance(encoding, str) and isinstance(warnings, list)


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_utf8_text_round_trips(text):
    try:
        decoded, _, warnings = decode_text(text.encode("utf-8"))
    except ExtractError:
        return  # control characters or a magic number in the generated text
    assert decoded == text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")


def test_nul_pattern_without_plausible_utf16_text_is_binary():
    with pytest.raises(ExtractError, match="NUL"):
        decode_text("\x00\u0960\u0800\x80".encode("utf-8"))
