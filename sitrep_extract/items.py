"""Blocks owned by a heading -> report items."""
from __future__ import annotations

import regex as re

from . import canonical
from .model import Block
from .normalize import bullet_of, join_lines
from .report import Item, SeeAlso

# "More on risk communications on page 3." (also at the end of a paragraph)
_SEE_ALSO = re.compile(
    r"(?:^|(?<=[.!?”\"]\s?))\s*(?:read\s+)?(?:more|see|details|find\s+out\s+more|plus\s+d['’]informations?|"
    r"voir|m[aá]s\s+informaci[oó]n)\s+(?:on|about|in|sur|en|sobre|at)?\s*(?P<topic>[^.\n]{2,80}?)\s*"
    r"(?:on|at|in|en|à\s+la|a\s+la)?\s*(?:page|p\.|la\s+page|p[aá]gina)\s*(?P<page>\d{1,3})\s*\.?\s*$",
    re.IGNORECASE,
)


_NO_TOPIC = {"", "on", "in", "at", "about", "en", "sur", "this", "the next", "next", "further", "details", "it"}


def split_see_also(text: str) -> tuple[str, SeeAlso | None]:
    """Take a trailing 'More on X on page N.' off a text and resolve X to a section id."""
    end = text.rstrip()
    if not end.removesuffix(".").rstrip()[-1:].isdigit():
        return text, None  # the line ends in no page number (a cheap test before the pattern)
    lower = text.lower()
    if "pag" not in lower and "p." not in lower and "pág" not in lower:
        return text, None  # nor has "page", "p." or "página" (what the pattern's letters match, lower-cased)
    m = _SEE_ALSO.search(text)
    if not m:
        return text, None
    topic = m.group("topic")
    canon = canonical.lookup(topic)
    key = canonical.heading_key(topic)
    if canon:
        section = canon.id
    elif key in _NO_TOPIC:
        section = None  # "More on page 3.": a page, no section named
    else:
        section = key.replace(" ", "_")
    return text[:m.start()].rstrip(), SeeAlso(section=section, page=int(m.group("page")))


def clean_item_text(text: str) -> str:
    text = text.strip()
    return text[:-1].rstrip() if text.endswith(";") else text


def block_text(block: Block, vocabulary: set[str] | None = None) -> str:
    lines = [line.text for line in block.lines]
    if block.kind == "bullet" and lines:
        lines[0] = bullet_of(lines[0])[1]
    if block.kind == "table":
        return " | ".join(cell for line in lines for cell in [line.replace("\t", " | ")])
    return join_lines(lines, vocabulary)


def story_item(title: str | None, blocks: list[Block], vocabulary: set[str] | None = None,
               page: int | None = None, bbox: list[float] | None = None) -> Item:
    """A titled story: its paragraphs joined, a see-also line parsed off."""
    see_also = None
    paragraphs = []
    for block in blocks:
        if block.kind == "figures":
            continue  # read into case_tables / media_coverage
        text, ref = split_see_also(block_text(block, vocabulary))
        see_also = ref or see_also
        if text:
            paragraphs.append(text)
    first = blocks[0] if blocks else None
    return Item(text="\n\n".join(paragraphs), title=title, see_also=see_also,
                page=page if page is not None else (first.page if first else None),
                bbox=bbox if bbox is not None else (first.bbox if first else None))


def list_items(blocks: list[Block], vocabulary: set[str] | None = None) -> list[Item]:
    """One item per bullet or paragraph; a see-also line attaches to the item before it."""
    items: list[Item] = []
    for block in blocks:
        if block.kind == "figures":
            continue  # read into case_tables / media_coverage
        if block.kind == "urls":
            items.extend(Item(text=line.text, page=line.page, bbox=line.bbox) for line in block.lines)
            continue
        text, ref = split_see_also(block_text(block, vocabulary))
        if not text and ref and items:
            items[-1].see_also = ref
            continue
        if text:
            items.append(Item(text=clean_item_text(text), see_also=ref, page=block.page, bbox=block.bbox))
    return items
