"""Render a clean text sitrep (like samples/un-kazakhstan-sitrep-2020-11-09.txt) as an N-column
newsletter PDF: a masthead band, bold coloured headings, hanging-indented bullets, boxed case
tables, a running footer with page numbers. The layouts differ from the two-column samples (another
font, narrower columns, headings and items that wrap over column and page breaks), so they check
reading order in general rather than for one rendering.

    python samples/variants/render_newsletter.py SOURCE.txt COLUMNS OUT.pdf

Needs fpdf2 (a test extra) and the DejaVu Sans fonts (/usr/share/fonts/truetype/dejavu).
A text line holding two boxes side by side ('REPORTED CASES BY DATE **KEY SOURCES**' over lines
'legend • link') is laid out as the two boxes it was: the left parts under the first title, the
right parts under the second.
"""
import re, sys
import fpdf

def side_by_side(text):
    """'TITLE A **TITLE B**' then lines 'left • right': two boxes, one after the other."""
    lines, out, k = text.split("\n"), [], 0
    while k < len(lines):
        m = re.match(r"^([A-Z][A-Z ,-]+?)\s+\*\*([A-Z][A-Z ,-]+)\*\*\s*$", lines[k])
        if not m:
            out.append(lines[k]); k += 1
            continue
        left, right, k = [], [], k + 1
        while k < len(lines) and (not lines[k].strip() or " • " in lines[k]):
            if " • " in lines[k]:
                a, b = lines[k].split(" • ", 1)
                left.append(a.strip()); right.append(b.strip())
            k += 1
        out += [m.group(1), "", *left, "", m.group(2), "", *right, ""]
    return "\n".join(out)


def wraps_on(item, line):
    """A source line wrapped by hand inside a bullet or paragraph ('... in 96 health' / 'facilities.',
    '... post-' / 'COVID-19 ...', an indented line): it goes on with the item, so the PDF wraps it anew."""
    kind, text = item
    s = line.strip()
    if kind not in ("bullet", "para") or re.match(r"^(?:[-•*]\s+|[\w-]+:\s|https?://|www\.)", s):
        return False  # a new bullet, a field line ("e-mail: ..."), a link
    if text.endswith((".", ";", ":", "!", "?", '"', "”", ")")):
        return False
    return s[0].islower() or text.endswith("-") or line[:1].isspace()


def parse(text):
    text = side_by_side(text)
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text).replace("**", "")
    items = []
    for para in re.split(r"\n\s*\n", text):
        fresh = True  # a paragraph's first line starts an item
        for line in para.split("\n"):
            line = line.rstrip()
            if not line.strip():
                continue
            s = line.strip()
            if not fresh and items and wraps_on(items[-1], line):
                items[-1] = (items[-1][0], items[-1][1] + " " + s)
                continue
            fresh = False
            if "\t" in line:
                items.append(("row", [c for c in line.split("\t") if c.strip()]))
            elif re.match(r"^[-•*]\s+", s):
                items.append(("bullet", re.sub(r"^[-•*]\s+", "", s)))
            elif s.isupper() and len(s) < 90 and len(s.split()) <= 12:
                items.append(("heading", s))
            else:
                items.append(("para", s))
    return items

def render(items, ncols, out, title="COVID-19 SITUATION REPORT", date="9 November 2020", body=9.0, head=11.0):
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("dv", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.add_font("dv", "B", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    W, H, M, G = 595.28, 841.89, 36, 16
    cw = (W - 2 * M - (ncols - 1) * G) / ncols
    state = {"col": 0, "y": 0, "top": 0}
    def new_page(first=False):
        pdf.add_page()
        top = M
        if first:
            pdf.set_fill_color(0, 90, 160); pdf.rect(0, 0, W, 90, style="F")
            pdf.set_text_color(255); pdf.set_font("dv", "B", 22)
            pdf.set_xy(M, 24); pdf.cell(400, 26, "UNITED NATIONS KAZAKHSTAN")
            pdf.set_font("dv", "B", 14); pdf.set_xy(M, 52); pdf.cell(300, 18, title)
            pdf.set_font("dv", "", 11); pdf.set_xy(W - M - 150, 52); pdf.cell(150, 18, date, align="R")
            pdf.set_text_color(0)
            top = 110
        pdf.set_font("dv", "", 7); pdf.set_xy(M, H - 28)
        pdf.cell(300, 9, "UN Kazakhstan | COVID-19 Situation Report")
        pdf.set_xy(W - M - 40, H - 28); pdf.cell(40, 9, str(pdf.page_no()), align="R")
        state.update(col=0, y=top, top=top)
    def place(height):
        if state["y"] + height > H - 50:
            state["col"] += 1
            state["y"] = state["top"]
            if state["col"] >= ncols:
                family, style, size = pdf.font_family, pdf.font_style, pdf.font_size_pt
                new_page()
                pdf.set_font(family, style, size)
        return M + state["col"] * (cw + G)
    new_page(first=True)
    for kind, value in items:
        if kind == "heading":
            pdf.set_font("dv", "B", head)
            lines = pdf.multi_cell(cw, head * 1.2, value, dry_run=True, output="LINES")
            h = len(lines) * head * 1.2
            state["y"] += 6
            x = place(h + 3 * body)
            pdf.set_text_color(0, 90, 160); pdf.set_xy(x, state["y"])
            pdf.multi_cell(cw, head * 1.2, value, align="L"); pdf.set_text_color(0)
            state["y"] += h + 4
        elif kind in ("para", "bullet"):
            pdf.set_font("dv", "", body)
            indent = 10 if kind == "bullet" else 0
            lines = pdf.multi_cell(cw - indent, body * 1.25, value, dry_run=True, output="LINES")
            for k, line in enumerate(lines):
                x = place(body * 1.25)
                if kind == "bullet" and k == 0:
                    pdf.set_xy(x, state["y"]); pdf.cell(indent, body * 1.25, "•")
                pdf.set_xy(x + indent, state["y"]); pdf.cell(cw - indent, body * 1.25, line)
                state["y"] += body * 1.25
            state["y"] += body * 0.6
        elif kind == "row":
            header = len(value) == 1 or not any(ch.isdigit() for ch in value[1][:2]) or "AS OF" in value[-1]
            pdf.set_font("dv", "B" if header else "", body - 1 if header else body)
            x = place(body * 1.6)
            pdf.set_xy(x, state["y"])
            if header and len(value) > 1:
                state["y"] += 4
                pdf.set_xy(x, state["y"])
                for part in value:
                    pdf.set_xy(x, state["y"]); pdf.cell(cw, body * 1.3, part); state["y"] += body * 1.3
                continue
            if len(value) == 1:
                pdf.cell(cw, body * 1.4, value[0])
            else:
                pdf.cell(cw * 0.65, body * 1.4, value[0], border=1)
                pdf.cell(cw * 0.35, body * 1.4, " ".join(value[1:]), border=1, align="R")
            state["y"] += body * 1.4
    pdf.output(out)

if __name__ == "__main__":
    import datetime

    src, ncols, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    text = open(src, encoding="utf-8").read()
    marker = re.match(r"^\s*date (\d{4})-(\d\d)-(\d\d)\s*", text)  # an export's date line: the masthead date
    date = "9 November 2020"
    months = "january|february|march|april|may|june|july|august|september|october|november|december"
    printed = re.search(rf"^.*?\b(\d{{1,2}}) ({months}) (\d{{4}})\b", "\n".join(text.split("\n")[:12]),
                        re.IGNORECASE | re.MULTILINE)
    if printed:  # the issue date printed under the title
        date = f"{int(printed.group(1))} {printed.group(2).title()} {printed.group(3)}"
    if marker:
        date = datetime.date(*map(int, marker.groups())).strftime("%-d %B %Y")
        text = text[marker.end():]
    render(parse(text), ncols, out, date=date)
