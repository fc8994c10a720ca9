"""Byline lines: "By X and Y" after the headline, "date - Name" lines, and how a line's
names are read.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from .. import selectors
from ..authors import clean_names
from ..text import clean_text, split_authors
from .scope import in_teaser

_BYLINE_TEXT = re.compile(selectors.BYLINE_TEXT, re.I)
# where the names of a byline line end (a comma separates names there), how they split
_BYLINE_STOP = re.compile(
    r"\s*(?:[|·•/]|\s[-–—]\s|\S+@\S+|\d|\s\("
    # "Text von A Illustration von B": the pictures' credit after the writer's
    r"|\b(?:illustrations?|fotos?|photos?|bilder?|images?)\s+(?:von|by|de|par|por)\b"
    r"|\b(?:published|updated|posted|on|last|at|am|um|le|veröffentlicht|aktualisiert"
    r"|lesezeit|reading|kategorien?|categories|publicado|publié)\b"
    # a month only before a day: "Jan" is also a name
    r"|\b(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|june?"
    r"|juni|july|juli|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?"
    r"|dec(?:ember)?|dez(?:ember)?)\.?\s+\d)",
    re.I,
)
# "11.12.2019 - Name", "06.11.2023 13:30 von Name": a date (and a time), then a name
_DATE_THEN_NAME = re.compile(
    r"^\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}(?:\s*[,|·•]?\s*\d{1,2}[:.]\d{2}(?:\s*uhr)?)?"
    r"(?:\s*[-–—|·•]\s*((?:von|by)\s+)?|\s+(von|by)\s+)(\D+)$",
    re.I,
)
_BOOK_LABELS = re.compile(r"(?:verlag|seiten|publisher|pages|éditeur|editorial|isbn)\s*:", re.I)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|;|&|\s(?:and|und|et|y|e|og|och)\s)\s*", re.I)
# "<span class=sr-only>| By </span><span>Ana Ruiz</span>": a byline's label on its own
_LABEL_ONLY = re.compile(r"^[|·•\s-]*(by|von|par|por)\s*:?$", re.I)


def text_byline(tree: Any) -> list[str]:
    """Names from a "Written by X | Published ..." line after the first <h1>."""
    for node in tree.xpath(selectors.AFTER_H1_LINES)[:12]:
        # "Von A und B<br>Kakuma, Kenia": the byline ends at the line break
        # "---- by Kenneth Surin", "— Von Ana Ruiz": a dash before the byline
        text = first_line(node).lstrip("-–—•· ")
        label = _LABEL_ONLY.match(text)
        if label and node.getnext() is not None:
            text = f"{label.group(1)} {clean_text(node.getnext().text_content()) or ''}"
        match = _BYLINE_TEXT.match(text) if len(text) < 150 else None
        if match and not in_teaser(node) and not book_data(node):
            return byline_names(match.group(1))
        names = _dated_byline(text)
        if names and not in_teaser(node):
            return names
    # "<small>04.02.2022 | 13:10 Uhr | Uta Helkenberg</small><h1>": the dated line just
    # above the headline
    for node in tree.xpath("(//h1)[1]/preceding-sibling::*[position() <= 2]"):
        names = _dated_byline(first_line(node))
        if names and not in_teaser(node):
            return names
    return []


def _dated_byline(text: str) -> list[str]:
    """ "11.12.2019 - Amelie Loevenich": a date, then nothing but a name or two."""
    dated = _DATE_THEN_NAME.match(text) if len(text) < 80 else None
    if not dated:
        return []
    names = byline_names(dated.group(3))
    # a single word is a name only after "von"/"by"
    labelled = bool(dated.group(1) or dated.group(2))
    whole = bool(names) and " ".join(names) == dated.group(3).strip()
    return names if whole and (labelled or len(names[0].split()) >= 2) else []


def byline_names(text: str) -> list[str]:
    """ "A, B und C, NDR" -> A, B, C: every name of a byline line, not only the first; a
    last part of one word after a comma is the agency or the place, no name."""
    text = _BYLINE_STOP.split(text)[0]
    parts = [p.strip() for p in _BYLINE_SPLIT.split(text)]
    parts = [p for p in parts if p]
    if len(parts) > 1 and len(parts[-1].split()) == 1 and "," in text:
        last_comma = text.rsplit(",", 1)[1].strip()
        if last_comma == parts[-1]:
            parts.pop()
    names = clean_names([n for part in parts for n in split_authors(part)])
    # a name starts with a letter and is a few words, not a sentence
    return [n for n in names if n[0].isupper() and len(n.split()) <= 4]


def first_text(node: Any) -> str:
    """The text an element starts with (its own, else its first child's): a cheap test
    before its whole text is read."""
    text = node.text or ""
    if not text.strip() and len(node):
        text = node[0].text or ""
    return text


def first_line(node: Any) -> str:
    """An element's text up to its first <br> after some text ("Von A und B<br>Kakuma,
    Kenia")."""
    parts: list[str] = []

    def walk(element: Any) -> bool:
        if element.tag == "br":
            return bool("".join(parts).strip())
        if isinstance(element.tag, str):
            parts.append(element.text or "")
            for child in element:
                if walk(child):
                    return True
                parts.append(child.tail or "")
        return False

    walk(node)
    return clean_text("".join(parts)) or ""


def book_data(line: Any) -> bool:
    """Whether the byline ``line`` sits among a book's data ("Autorin: A", "Verlag: B",
    "Seiten: 400" in elements side by side): a review names the book's author, not its own.
    """
    before = list(itertools.islice(line.itersiblings(preceding=True), 4))
    after = list(itertools.islice(line.itersiblings(), 4))
    return any(
        isinstance(e.tag, str) and _BOOK_LABELS.search(e.text_content()[:300])
        for e in (*before, *after)
    )
