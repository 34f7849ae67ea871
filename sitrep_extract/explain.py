"""What the parser saw: the reading-order text (--text) and each block with its role (--explain)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text


def reading_text(analysis) -> str:
    """Lines in reading order; a blank line between blocks, a form feed between pages (as pdftotext)."""
    starts = {id(block.lines[0]) for block in analysis.blocks if block.lines}
    out: list[str] = []
    page = analysis.lines[0].page if analysis.lines else None
    for index, line in enumerate(analysis.lines):
        if line.page != page:
            out.append("\f")
            page = line.page
        elif out and (id(line) in starts or (index in analysis.table_lines) != (index - 1 in analysis.table_lines)):
            out.append("")
        out.append(line.text)
    return "\n".join(out) + "\n"


def explain(analysis, console: Console) -> None:
    """One table per page: every block, table line and dropped header/footer with the role it was given."""
    position = {id(line): i for i, line in enumerate(analysis.lines)}
    rows: list[tuple[int | None, float, str, str, str]] = []
    for block in analysis.blocks:
        role = "case table / key figures" if block.kind == "figures" else analysis.roles.get(id(block), "other")
        rows.append((block.page, position.get(id(block.lines[0]), 0), block.kind, role, block.text))
    last = len(analysis.lines)
    for line in analysis.dropped:  # headers first on their page, footers last
        rows.append((line.page, -1 if line.top < 200 else last, "dropped", "running header/footer", line.text))
    rows.sort(key=lambda r: ((r[0] is None), r[0] or 0, r[1]))
    pages: dict[int | None, Table] = {}
    for page, _, kind, role, text in rows:
        if page not in pages:
            pages[page] = Table(title=f"page {page}" if page is not None else None, expand=True)
            for name, ratio in (("block", None), ("role", None), ("text", 1)):
                pages[page].add_column(name, no_wrap=ratio is None, ratio=ratio)
        pages[page].add_row(kind, role, Text(text if len(text) <= 160 else text[:157] + "…"))
    for table in pages.values():
        console.print(table)
