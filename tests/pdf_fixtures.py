"""Small PDFs for reader tests, drawn with fpdf2 (a test-only dependency).

A page is a list of elements placed at absolute positions (points, A4), so a
test states its layout directly: ``Text(x, y, width, text)`` flows and wraps
inside its box like a column of a newsletter.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

fpdf = pytest.importorskip("fpdf")

PAGE_W, PAGE_H = 595.28, 841.89
LOREM = (
    "Health partners continue to support the response in all affected districts with supplies, "
    "training and surveillance while the number of new cases reported each week keeps falling "
    "slowly across the region according to the latest figures from the ministry"
)


@dataclass
class Text:
    x: float
    y: float
    w: float
    text: str
    size: float = 10
    bold: bool = False
    align: str = "L"


@dataclass
class Bar:
    """A filled rectangle (heading bar, masthead band)."""

    x: float
    y: float
    w: float
    h: float
    gray: int = 200


@dataclass
class Rotated:
    x: float
    y: float
    text: str
    angle: float = 90


def words(n: int, start: int = 0, tag: str = "w") -> str:
    """``n`` distinct words (``tag0 tag1 ...``) so a test can find each one in the output."""
    return " ".join(f"{tag}{k}" for k in range(start, start + n))


def build(pages: list[list], path: Path | None = None, *, user_password: str | None = None) -> bytes:
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    if user_password:
        pdf.set_encryption(owner_password="owner", user_password=user_password)
    for elements in pages:
        pdf.add_page()
        for el in elements:
            if isinstance(el, Bar):
                pdf.set_fill_color(el.gray)
                pdf.rect(el.x, el.y, el.w, el.h, style="F")
            elif isinstance(el, Rotated):
                pdf.set_font("helvetica", "", 10)
                with pdf.rotation(el.angle, el.x, el.y):
                    pdf.text(el.x, el.y, el.text)
            else:
                pdf.set_font("helvetica", "B" if el.bold else "", el.size)
                pdf.set_xy(el.x, el.y)
                pdf.multi_cell(el.w, el.size * 1.25, el.text, align=el.align)
    data = bytes(pdf.output())
    if path is not None:
        path.write_bytes(data)
    return data


def ruled_table(rows: list[list[str]], x: float, y: float, col_widths: list[float], title: str | None = None) -> bytes:
    """One page with an optional title and a table drawn with cell borders."""
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 12)
    if title:
        pdf.set_xy(x, y - 60)
        pdf.cell(400, 14, title)
    pdf.set_font("helvetica", "", 10)
    pdf.set_xy(x, y)
    for row in rows:
        for text, w in zip(row, col_widths):
            pdf.cell(w, 16, text, border=1)
        pdf.ln(16)
        pdf.set_x(x)
    return bytes(pdf.output())


def image_only(path: Path) -> Path:
    from PIL import Image

    img_path = path.with_suffix(".png")
    Image.new("RGB", (60, 40), (200, 30, 30)).save(img_path)
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.image(str(img_path), x=50, y=50, w=300)
    path.write_bytes(bytes(pdf.output()))
    return path


# ---------------------------------------------------------------- layouts that tell the engines apart
# Each builds a PDF (bytes) that exercises one thing the PDFium reader must undo to match pdfminer;
# tests/test_engines.py reads every one with both engines and wants identical Reports.

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
SITREP_TEXT = (
    "The Ministry of Health reported 1,204 confirmed cases and 17 deaths as of 12 March 2024. "
    "UNICEF and WHO delivered supplies worth USD 250,000 to the affected districts, where partners "
    "continue surveillance, case management and risk communication with local authorities."
)


def _doc():
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    return pdf


def _masthead(pdf, title: str) -> None:
    pdf.set_fill_color(60)
    pdf.rect(0, 0, PAGE_W, 80, style="F")
    pdf.set_font("helvetica", "B", 20)
    pdf.set_xy(36, 28)
    pdf.cell(500, 24, title)


def two_columns_with_footer(pages: int = 2) -> bytes:
    pdf = _doc()
    for n in range(1, pages + 1):
        pdf.add_page()
        _masthead(pdf, f"COVID-19 SITUATION REPORT NO. {n}")
        pdf.set_font("helvetica", "B", 12)
        pdf.set_xy(36, 100)
        pdf.cell(250, 14, "HIGHLIGHTS")
        pdf.set_font("helvetica", "", 10)
        pdf.set_xy(36, 120)
        pdf.multi_cell(250, 12.5, SITREP_TEXT + " " + LOREM, align="J")
        pdf.set_font("helvetica", "B", 12)
        pdf.set_xy(306, 100)
        pdf.cell(250, 14, "EMERGENCY HEALTH RESPONSE")
        pdf.set_font("helvetica", "", 10)
        pdf.set_xy(306, 120)
        pdf.multi_cell(250, 12.5, LOREM + " " + SITREP_TEXT, align="J")
        pdf.set_font("helvetica", "", 7)
        pdf.set_xy(36, 805)
        pdf.cell(300, 9, "Situation Report | 12 March 2024")
        pdf.set_xy(520, 805)
        pdf.cell(40, 9, str(n), align="R")
    return bytes(pdf.output())


def winansi_bullets() -> bytes:
    """chr(127) as the bullet (the old FPDF idiom, as in the two-column samples): pdfminer reports
    "(cid:127)" with no width, PDFium a bullet."""
    pdf = _doc()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 12)
    pdf.set_xy(60, 60)
    pdf.cell(400, 14, "KEY ACTIONS")
    for k, text in enumerate(["Health partners trained 40 nurses in Almaty.",
                              "WHO delivered 12 ventilators to the regional hospital.",
                              "UNFPA distributed hygiene kits to 3,000 families."]):
        pdf.set_font("helvetica", "", 10)
        pdf.set_xy(60, 90 + 18 * k)
        pdf.cell(10, 12, chr(127))
        pdf.set_font("helvetica", "", 9)
        pdf.set_xy(72, 90 + 18 * k)
        pdf.cell(400, 12, text)
        pdf.set_font("helvetica", "", 9)
        pdf.set_xy(60, 160 + 14 * k)
        pdf.cell(400, 12, chr(127) + " glued bullet item " + str(k))
    return bytes(pdf.output())


def text_effects() -> bytes:
    """Horizontal stretching (Tz), character spacing (Tc), superscripts (text rise), underlines."""
    pdf = _doc()
    pdf.add_page()
    pdf.set_font("helvetica", "BU", 12)
    pdf.set_xy(60, 60)
    pdf.cell(400, 14, "SITUATION OVERVIEW")
    pdf.set_font("helvetica", "", 10)
    pdf.set_stretching(120)
    pdf.set_xy(60, 90)
    pdf.multi_cell(420, 12.5, SITREP_TEXT)
    pdf.set_stretching(100)
    pdf.set_char_spacing(1.5)
    pdf.set_xy(60, 170)
    pdf.multi_cell(420, 12.5, "Spaced heading text for the report")
    pdf.set_char_spacing(0)
    pdf.set_xy(60, 200)
    pdf.write(12, "As of 29")
    pdf.char_vpos = "SUP"
    pdf.write(12, "th")
    pdf.char_vpos = "LINE"
    pdf.write(12, " September, CO")
    pdf.char_vpos = "SUB"
    pdf.write(12, "2")
    pdf.char_vpos = "LINE"
    pdf.write(12, " levels were normal and 1,204 cases were confirmed.")
    return bytes(pdf.output())


def unicode_font() -> bytes | None:
    """An embedded TrueType subset (ABCDEF+DejaVuSans, a Type0 font): ligatures, accents, bullets."""
    regular, bold = DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
    if not regular.exists() or not bold.exists():
        return None
    pdf = _doc()
    pdf.add_font("dejavu", "", str(regular))
    pdf.add_font("dejavu", "B", str(bold))
    pdf.add_page()
    pdf.set_font("dejavu", "B", 13)
    pdf.set_xy(60, 60)
    pdf.cell(400, 16, "Réponse sanitaire d’urgence — Côte d’Ivoire")
    pdf.set_font("dejavu", "", 10)
    pdf.set_xy(60, 90)
    pdf.multi_cell(440, 13, "The ﬁrst ﬂights ofﬁcially arrived; the ﬁnal eﬀort is eﬃcient. "
                            "Élèves, façade, naïve, Ærø. " + SITREP_TEXT)
    for k, text in enumerate(["Première livraison de vaccins", "Formation des agents de santé"]):
        pdf.set_xy(60, 200 + 16 * k)
        pdf.cell(440, 13, "• " + text)
    return bytes(pdf.output())


def with_pdfium(data: bytes, edit) -> bytes:
    """Apply ``edit(page)`` to every page with pypdfium2 and save (MediaBox, rotation)."""
    import io

    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    for page in doc:
        edit(page)
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()


def engine_fixtures() -> dict[str, bytes]:
    """Every generated PDF the engines are compared on."""
    rows = [["Indicator", "Week 36", "Total"], ["Notified", "28", "43"], ["Confirmed", "5", "5"],
            ["Deaths", "4", "15"]]
    three = [[Text(36 + 180 * k, 80, 160, words(60, tag=tag)) for k, tag in enumerate(["aa", "bb", "cc"])]]
    sidebar = [[Text(20, 60, 90, words(80, tag="side"), size=7), Text(130, 60, 200, words(110, tag="left")),
                Text(350, 60, 200, words(110, tag="right"))]]
    fixtures = {
        "two_columns": two_columns_with_footer(),
        "three_columns": build(three),
        "sidebar": build(sidebar),
        "ruled_table": ruled_table(rows, 60, 200, [200, 100, 100], title="Table 1. Key figures"),
        "rotated_text": build([[Text(60, 100, 400, "Upright paragraph of text."), Rotated(40, 500, "AXIS LABEL")]]),
        "bullets_127": winansi_bullets(),
        "text_effects": text_effects(),
    }
    font = unicode_font()
    if font is not None:
        fixtures["unicode_font"] = font
    base = fixtures["two_columns"]
    fixtures["shifted_mediabox"] = with_pdfium(base, lambda p: p.set_mediabox(0, 100, PAGE_W, PAGE_H + 100))
    fixtures["rotated_page"] = with_pdfium(base, lambda p: p.set_rotation(90))
    return fixtures
