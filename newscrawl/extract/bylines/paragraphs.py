"""Fallback searches for a byline: a paragraph that is only a byline, a label and the name
after it. They run only when no author element or byline line named anyone.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .. import selectors
from .elements import names_someone
from .lines import book_data, byline_names, first_line, first_text
from .scope import in_teaser, inside, outside_article

# "Von Claudia Lindner", "Text von Ana Ruiz", "Autorin: Uta Staschewski, Projektleiterin":
# a paragraph of its own, at the top or the foot of the text, that is only a byline
_BYLINE_PARAGRAPH = re.compile(
    r"^\s*(?:(?:(?:text|(?:eine?\s+)?(?:blog\s*)?(?:artikel|beitrag|kolumne|kommentar|interview"
    r"|reportage|analyse|essay|glosse)|gastbeitrag|written|posted|reported|words|texte|écrit"
    r"|escrito|(?:a|an)\s+(?:column|essay|commentary|analysis|interview))\s+)?(?:by|von|par|por)"
    r"|(?:autor(?:in)?|autoren|author|auteur|written\s+by|text)\s*:)\s*(\S.{2,80})$",
    re.I,
)
_PARAGRAPH_START = re.compile(
    r"^\s*(?:by|von|par|por|text|eine?|gast|written|posted|reported|words|écrit|escrito|autor"
    r"|autorin|autoren|author|auteur|blog|a|an|kolumne|kommentar|interview|reportage|analyse"
    r"|essay|glosse|artikel|beitrag)\b",
    re.I,
)
_PARAGRAPH_TAGS = ("p", "h4", "h5", "h6", "address", "byline")


def byline_paragraph(tree: Any, scope: Any, site: set[str], marked: dict[Any, bool]) -> list[str]:
    """Names of the first paragraph that is only a byline, in the article's scope, else in
    the page (not in a comment, a sidebar or a teaser); each a name of two words or more."""
    found: list[list[str]] = []
    for node in tree.iter(*_PARAGRAPH_TAGS):
        if not _PARAGRAPH_START.match(first_text(node)):
            continue
        text = first_line(node)
        match = _BYLINE_PARAGRAPH.match(text) if len(text) < 120 else None
        if not match:
            continue
        names = byline_names(match.group(1))
        if not names or any(len(n.split()) < 2 for n in names):
            continue
        if outside_article(node, marked) or in_teaser(node):
            continue
        if scope is tree or inside(node, scope):
            return names
        found.append(names)
    return found[0] if found else []


def labelled_byline(tree: Any, scope: Any, site: set[str], marked: dict[Any, bool]) -> list[str]:
    """Names after a label in an element of its own ("<h5>Autor:</h5>Peter Maahn",
    "<h4>Author</h4><p><a>Nikolai Huke</a></p>", "<b>Von:</b><br>Götz Warnke") in the
    article's scope (the page's <body> when there is none); not in a comment, a sidebar,
    a teaser or a book's data."""
    body = scope if scope is not tree else next(iter(tree.xpath("//body")), tree)
    for label in body.xpath(selectors.BYLINE_LABELS):
        if outside_article(label, marked) or in_teaser(label):
            continue
        names = byline_names(_text_after(label))
        if names_someone(names, site) and not book_data(label.getparent()):
            return names
    return []


_NOT_LABEL_BOXES = frozenset({"a", "li", "ul", "ol", "nav", "button"})


def _text_after(label: Any) -> str:
    """The first line of text after ``label``: its tail, past line breaks, or the next
    element's."""
    text = (label.tail or "").strip(" \t\r\n:")
    # "<p class=label><strong>By</strong></p></div><div><p>Todd Bates</p>": a label alone
    # in its elements; the name follows the outermost of them
    for _ in range(3):
        parent = label.getparent()
        if text or label.getnext() is not None or parent is None or len(parent) != 1:
            break
        # a menu's "Autoren" link labels no byline
        if (parent.text or "").strip() or label.tag in _NOT_LABEL_BOXES:
            break
        if parent.tag in _NOT_LABEL_BOXES or parent.tag in ("body", "article", "main"):
            break
        label = parent
        text = (label.tail or "").strip(" \t\r\n:")
    sibling = label.getnext()
    while not text and sibling is not None and sibling.tag == "br":
        text = (sibling.tail or "").strip()
        sibling = sibling.getnext()
    # a widget's heading over a list of links ("<h2>Autor</h2><ul>...") labels no byline
    if not text and sibling is not None and isinstance(sibling.tag, str):
        text = "" if sibling.tag in ("ul", "ol", "nav") else first_line(sibling)
    return text[:120]


# "<p><b><i>Stefan Wasmer</i></b></p>" closing the article: two or three capitalised words
_SIGNATURE = re.compile(r"^[A-ZÀ-Þ][\w'-]+\.?(?:\s[A-ZÀ-Þ][\w'-]*\.?){1,2}$")
_EMPHASIS = frozenset({"b", "strong", "i", "em"})
_PARAGRAPHS = etree.XPath(".//p")
MAX_SIGNATURE_CHARS = 40


def signature(tree: Any, scope: Any, site: set[str], marked: dict[Any, bool]) -> list[str]:
    """The writer's name signing the article's text: its last paragraph, a name of two or
    three words in bold or italics and nothing else (the page's last paragraph when the
    article has no element of its own)."""
    last = next((p for p in reversed(_PARAGRAPHS(scope)) if p.text_content().strip()), None)
    if last is None or (last.text or "").strip() or len(last) != 1:
        return []
    inner = last[0]
    while inner.tag in _EMPHASIS and len(inner) == 1 and not (inner.text or "").strip():
        inner = inner[0]
    if inner.tag not in _EMPHASIS or len(inner) or (last[0].tail or "").strip():
        return []
    text = " ".join(inner.text_content().split())
    if len(text) > MAX_SIGNATURE_CHARS or not _SIGNATURE.match(text):
        return []
    if outside_article(last, marked) or in_teaser(last):
        return []
    names = byline_names(text)
    return names if len(names) == 1 and names_someone(names, site) else []
