"""The outline (who owns which block) -> report sections with canonical ids.

Titled stories are placed by where they stand: the lead story before the
highlights is ``overview``, stories under HIGHLIGHTS (or carrying a
"More on … page N" link in the front matter) are ``highlights``, any later
titled story or box is a ``feature``.
"""
from __future__ import annotations

import regex as re

from .canonical import is_feature_title
from .items import list_items, story_item
from .model import Block
from .report import Section
from .structure import Heading, Outline


_NUMBERED = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)\s+\S")


def build_sections(outline: Outline, vocabulary: set[str] | None = None,
                   roles: dict[int, str] | None = None) -> list[Section]:
    """Sections in reading order. ``roles``, if given, is filled with id(block) -> the role it got."""
    tokens = outline.tokens
    roles = roles if roles is not None else {}
    places = _story_places(outline)
    entries: list[tuple[int, Section]] = []  # (position of first content, section)
    for index, token in enumerate(tokens):
        if not isinstance(token, Heading) or token.role in ("special", "doc_title"):
            continue
        blocks = [tokens[i].block for i in outline.owned.get(index, [])]
        position = outline.owned[index][0] if outline.owned.get(index) else index
        section = _section_for(token, index, blocks, places, vocabulary)
        if section is not None:
            entries.append((position, section))
            roles.setdefault(id(token.block), f"heading → {section.id}")
            for block in blocks:
                roles[id(block)] = section.id
    for index, token in enumerate(tokens):
        if isinstance(token, Heading) and token.role in ("special", "doc_title"):
            name = token.canon.id if token.canon else "document title"
            roles.setdefault(id(token.block), f"heading → {name}")
            for i in outline.owned.get(index, []):
                roles[id(tokens[i].block)] = name
    if outline.orphans:
        blocks = [tokens[i].block for i in outline.orphans]
        for block in blocks:
            roles[id(block)] = "other"
        items = list_items(blocks, vocabulary)
        if items:  # orphans that are only table lines or links leave no section behind
            entries.append((outline.orphans[0], Section(id="other", heading=None, page=blocks[0].page, items=items)))
    entries.sort(key=lambda e: e[0])
    return _merge_adjacent([section for _, section in entries])


def _section_for(heading: Heading, index: int, blocks: list[Block], places: dict[int, str],
                 vocabulary: set[str] | None) -> Section | None:
    page = heading.block.page
    if heading.role == "container" or (heading.role == "list" and heading.canon is not None):
        return Section(id=heading.canon.id, heading=heading.text, page=page, items=list_items(blocks, vocabulary))
    if heading.canon is not None and heading.canon.role == "story":
        # A printed "Summary"/"Overview" heading: bullets stay items, prose becomes one item.
        if blocks and all(b.kind == "bullet" for b in blocks):
            items = list_items(blocks, vocabulary)
        else:
            items = [story_item(None, blocks, vocabulary, page=page, bbox=heading.block.bbox)] if blocks else []
        return Section(id=heading.canon.id, heading=heading.text, page=page, items=items)
    place = places.get(index, "feature")
    if place == "feature" and not is_feature_title(heading.text) and _is_list(heading.text, blocks):
        # A heading the table does not know, over a list: a section of its own, kept as "other".
        return Section(id="other", heading=heading.text, page=page, items=list_items(blocks, vocabulary))
    item = story_item(heading.text, blocks, vocabulary, page=page, bbox=heading.block.bbox)
    return Section(id=place, heading=None if place != "feature" else heading.text, page=page, items=[item])


def _is_list(title: str, blocks: list[Block]) -> bool:
    """Bullets, a numbered heading, or several short paragraphs: items, not one story."""
    body = [b for b in blocks if b.kind not in ("figures", "see_also")]
    if not body:
        return False
    if any(b.kind == "bullet" for b in body) or _NUMBERED.match(title):
        return True
    return len(body) >= 3 and all(len(b.text) < 300 for b in body)


def _story_places(outline: Outline) -> dict[int, str]:
    """overview / highlights / feature for each titled story heading."""
    tokens = outline.tokens
    front: list[int] = []
    for i, token in enumerate(tokens):
        if isinstance(token, Heading):
            if token.role in ("list", "special"):
                break
            if token.role in ("story", "container") and token.canon is None or token.role == "container":
                front.append(i)
    places: dict[int, str] = {}
    containers = [i for i in front if tokens[i].role == "container"]
    titles = [i for i in front if tokens[i].role == "story"]
    with_body = [i for i in titles if outline.owned.get(i)]
    if containers:
        before = [i for i in with_body if i < containers[0]]
        lead = before[-1] if before else None
        for i in with_body:
            if i == lead:
                places[i] = "overview"
            elif i > containers[0] or _has_see_also(outline, i):
                places[i] = "highlights"
    elif with_body:
        # No HIGHLIGHTS heading: stories linking to a later page are still the highlights, and the
        # lead story is the first one, if it does not link on.
        for i in with_body:
            if _has_see_also(outline, i):
                places[i] = "highlights"
        if with_body[0] not in places:
            places[with_body[0]] = "overview"
    for i in titles:
        if is_feature_title(tokens[i].text) or (places.get(i) == "highlights" and _caption_only(outline, i)):
            places[i] = "feature"
    return places


def _caption_only(outline: Outline, index: int) -> bool:
    """A title over a few words and no sentence (a chart's title and legend) is no highlight story."""
    texts = [outline.tokens[i].block.text for i in outline.owned.get(index, [])
             if outline.tokens[i].block.kind != "figures"]
    words = sum(1 for t in texts for w in t.split() if any(ch.isalpha() for ch in w))  # not the axis' '01.09'
    return words <= 15 and not any(t.rstrip().endswith((".", "!", "?")) for t in texts)


def _has_see_also(outline: Outline, index: int) -> bool:
    return any(outline.tokens[i].block.kind == "see_also" or "page" in outline.tokens[i].block.text[-20:].lower()
               for i in outline.owned.get(index, []))


def _merge_adjacent(sections: list[Section]) -> list[Section]:
    """A section continued after a box or a column break is one section; highlight stories are one list."""
    merged: list[Section] = []
    for section in sections:
        prev = merged[-1] if merged else None
        if prev and prev.id == section.id and (
            section.id in ("highlights", "overview")
            or (section.id != "feature" and section.heading in (None, prev.heading))
        ):
            prev.heading = prev.heading or section.heading
            prev.items.extend(section.items)
            continue
        merged.append(section)
    return merged
