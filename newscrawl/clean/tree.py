"""lxml helpers shared by the cleaning stages: parse, unwrap, tests on elements."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

from .rules import (
    _BEACON_RE,
    _BOILERPLATE_PARTS,
    _BOILERPLATE_VALUES,
    _CONTROL_REF_RE,
    _INVALID_XML_CHARS,
    _NON_WS_RE,
    _TOKEN_SPLIT,
    _XML_DECL_RE,
)

if TYPE_CHECKING:
    from lxml.cssselect import CSSSelector

# lxml.html's parser with lxml's own element classes: lxml.html looks up its element class
# in Python for every element the cleaning passes touch (a sixth of their time); the tree
# is the same
_PLAIN_PARSER = etree.HTMLParser()
# what HtmlElement.text_content() runs
_text_content = etree.XPath("string()", smart_strings=False)


def _parse(markup: str, *, plain: bool = False) -> etree._Element | None:
    """Parse a page or fragment into an lxml document (None when there is nothing).

    ``plain``: elements are ``etree._Element`` (no ``text_content()`` or ``cssselect()``
    methods: use ``_text_content`` and ``css_select``), which the cleaning passes walk faster.
    """
    markup = _XML_DECL_RE.sub("", markup)
    markup = _INVALID_XML_CHARS.sub("", _CONTROL_REF_RE.sub("", markup))
    if not markup.strip():
        return None
    try:
        if plain:  # as lxml.html.document_fromstring does it
            document = etree.fromstring(markup, _PLAIN_PARSER)
            return document  # None for an empty document
        return lxml.html.document_fromstring(markup)
    except etree.ParserError:
        return None


@functools.lru_cache(maxsize=256)
def _css_selector(selector: str) -> CSSSelector:
    from lxml.cssselect import CSSSelector  # cssselect's parser: only for pages that need it

    return CSSSelector(selector, translator="html")  # what HtmlElement.cssselect() builds


def css_select(root: etree._Element, selector: str) -> list[etree._Element]:
    """``root.cssselect(selector)`` for any lxml element; compiled once per selector."""
    return _css_selector(selector)(root)


_TAG_NAMES: dict[object, str] = {}


def _tag(el: etree._Element) -> str:
    """The element's lowercased local name ("" for comments and processing instructions)."""
    tag = el.tag
    name = _TAG_NAMES.get(tag)  # the cleaning passes ask about a thousand times per article
    if name is None:
        name = tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""
        if len(_TAG_NAMES) >= 4096:  # pages may invent any element names
            _TAG_NAMES.clear()
        _TAG_NAMES[tag] = name
    return name


def _unwrap(el: etree._Element) -> None:
    """Replace ``el`` by its children and text."""
    parent = el.getparent()
    if parent is None:
        return

    def append_text(text: str) -> None:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    if el.text:
        append_text(el.text)
    children = list(el)
    for child in children:
        el.addprevious(child)  # moves the child and its tail; no index() scan
    tail = el.tail or ""
    el.tail = None
    if tail:
        append_text(tail)
    parent.remove(el)


# Void in HTML5, but libxml2 nests what follows them inside them.
_VOID = frozenset(
    {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
     "input", "isindex", "keygen", "link", "menuitem", "meta", "param", "source", "track", "wbr"}
)  # fmt: skip


def _unnest_void_elements(body: etree._Element) -> None:
    """Move content that libxml2 put inside a void element back after it, as browsers do."""
    for el in list(body.iter(*_VOID)):
        parent = el.getparent()
        if _tag(el) == "image":  # HTML5 parses <image> as <img>
            el.tag = "img"
        if parent is None or (not len(el) and not el.text):
            continue
        children = list(el)
        tail = el.tail or ""
        el.tail = el.text
        el.text = None
        index = parent.index(el)
        for offset, child in enumerate(children, start=1):
            parent.insert(index + offset, child)
        last = children[-1] if children else el
        last.tail = (last.tail or "") + tail


def _count_visible(text: str) -> int:
    """``len(_WS_RE.sub("", text))`` without building the string: ``str.split()`` drops what
    ``\\s`` matches, the zero-width characters are counted apart."""
    zero_width = text.count("\u200b") + text.count("\u2060") + text.count("\ufeff")
    return sum(map(len, text.split())) - zero_width


def _has_text(el: etree._Element) -> bool:
    """Whether ``_text_content(el)`` has a visible character; stops at the first text that
    has one, without joining the subtree's text."""
    text = el.text  # the first text ``itertext`` gives: most elements that have text have it
    if text and _NON_WS_RE.search(text):
        return True
    return any(_NON_WS_RE.search(text) for text in el.itertext())


def _has_media(el: etree._Element) -> bool:
    return any(_tag(d) == "img" for d in el.iter())


def _within(body: etree._Element, tags: Iterable[str]) -> set[etree._Element]:
    """Every element that is one of ``tags`` or inside one (computed once per pass)."""
    found: set[etree._Element] = set()
    for outer in body.iter(*tags):
        if outer not in found:
            found.update(outer.iter())
    return found


def _class_id_tokens(el: etree._Element) -> tuple[set[str], set[str]]:
    values = set()
    parts = set()
    for attr in ("class", "id", "role", "data-component", "data-module", "data-testid"):
        raw = el.get(attr)
        if not raw:
            continue
        for value in raw.split():
            values.add(value.lower())
            parts.update(p.lower() for p in _TOKEN_SPLIT.split(value) if p)
    return values, parts


def _is_boilerplate(el: etree._Element) -> bool:
    values, parts = _class_id_tokens(el)
    if values & _BOILERPLATE_VALUES or parts & _BOILERPLATE_PARTS:
        return True
    if any(name.startswith(("data-ad-", "data-google-query-id")) for name in el.attrib):
        return True
    return _tag(el) == "ins" and "adsbygoogle" in values


def _is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _is_tracking_pixel(img: etree._Element, src: str | None) -> bool:
    def dim(name: str) -> int | None:
        match = re.match(r"^\s*(\d+)", img.get(name) or "")
        return int(match.group(1)) if match else None

    width, height = dim("width"), dim("height")
    style = (img.get("style") or "").replace(" ", "").lower()
    if re.search(r"(?:^|;)width:[01]px", style) and re.search(r"(?:^|;)height:[01]px", style):
        return True
    if width is not None and height is not None and width <= 1 and height <= 1:
        return True
    if (width == 0) or (height == 0):
        return True
    return bool(src and _BEACON_RE.search(src))
