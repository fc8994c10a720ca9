"""Stage 3d, the standfirst: put back the lede trafilatura leaves out of the body.

Many articles open with a standfirst (lede, teaser, "chapo") printed under the headline,
in an element the page marks with a class of its own or in the article's header, and
trafilatura drops it with the header. It is the article's first paragraph: this stage
puts its text back before the body's first paragraph when the page holds an element that

- has a class or id naming a standfirst (``selectors.LEDE_CLASS``) but not a caption,
  credit or card (``selectors.NOT_LEDE_CLASS``), or follows the page's ``<h1>``;
- holds a paragraph's worth of text (``MIN_CHARS`` to ``MAX_CHARS``), mostly not links,
  not cut short with an ellipsis (a teaser of another article), and no heading, picture,
  time, navigation or form;
- stands outside navigation, asides, footers, lists, links, comments and the boxes the
  page marks as boilerplate (``selectors.BOILERPLATE_CLASS``);
- is not in the body already;
- is followed on the page, within ``MAX_GAP`` characters, by the body's first paragraph.

Of several, the one closest to the body's first paragraph goes back. Checked on the
990-page dev set (``quality/``; see ``docs/quality.md``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import Any

from lxml import etree

from . import selectors
from .fragments import element_text
from .prune import linked_chars
from .text import clean_text

_CLASS_AND_ID_VALUES = etree.XPath(selectors.CLASS_AND_ID_VALUES)
_LEDE = re.compile(selectors.LEDE_CLASS)
_NOT_LEDE = re.compile(selectors.NOT_LEDE_CLASS)
_MARKED = re.compile(selectors.BOILERPLATE_CLASS)
# a modifier class of a wrapper ("has-sharing", "with-newsletter") says what the wrapper
# holds besides the standfirst, not what the wrapper is
_MODIFIER = re.compile(r"\b(?:has|with)-[\w-]+")
# a standfirst has this many characters of text, at least and at most
MIN_CHARS = 60
MAX_CHARS = 1500
# ... in at most this many paragraphs (or other blocks, itself included)
MAX_BLOCKS = 6
_BLOCKS = ("p", "div", "li", "h2", "h3", "blockquote")
# (its text as the page has it, spaces and all, at most this long)
RAW_MAX_CHARS = 4 * MAX_CHARS
# at most this share of it is link text
LINK_SHARE = 0.3
# the body's first paragraph follows it within this many characters of the page's text
# (spaces not counted): a date, a byline, a picture's caption, sharing buttons
MAX_GAP = 850
# the key the body's first paragraph is found by on the page: its first characters
KEY_CHARS = 40
# the elements that follow an <h1> and may be its standfirst (without a class saying so)
AFTER_H1 = 3
_AFTER_H1_TAGS = frozenset({"p", "h2", "h3", "div"})
_NOT_INSIDE = frozenset(
    {"nav", "footer", "form", "aside", "li", "a", "button", "figure", "figcaption", "select"}
)
_NOT_LEDE_TAGS = _NOT_INSIDE | {"body", "html", "main", "article"}
_HOLDS = (
    "h1", "h2", "h3", "h4", "h5", "h6", "img", "figure", "time", "nav", "form", "button",
    "input", "select",
)  # fmt: skip
_HEADINGS = frozenset({"h2", "h3", "h4"})
_SKIP = frozenset({"script", "style", "noscript", "template"})
_FIRST_BLOCKS = ("p", "li", "blockquote", "div", "pre", "td")
_DIV_BLOCKS = frozenset({"p", "div", "ul", "ol", "h2", "h3", "table", "blockquote"})
_INSERT_OUTSIDE = frozenset({"ul", "ol", "dl", "table", "tbody", "thead", "tr", "blockquote", "p"})


def _class_and_id(element: Any) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower()


def candidates(tree: Any) -> list[Any]:
    """The page's elements whose class or id names a standfirst, and those after an <h1>."""
    found: list[Any] = []
    values = _CLASS_AND_ID_VALUES(tree)
    if values:
        joined = "\0".join(values).lower()  # no attribute value holds NUL
        index, counted = 0, 0
        for match in _LEDE.finditer(joined):
            # the stem's end lies inside the value (the match may start at the NUL before it)
            index += joined.count("\0", counted, match.end())
            counted = match.end()
            element = values[index].getparent()
            if element is not None and (not found or found[-1] is not element):
                found.append(element)
    for h1 in tree.iter("h1"):
        for count, sibling in enumerate(h1.itersiblings()):
            if count >= AFTER_H1:
                break
            if sibling.tag in _AFTER_H1_TAGS:
                found.append(sibling)
    return found


def _refused(element: Any, text: str, body_text: str) -> bool:
    """Whether ``element`` (with its squeezed ``text``) cannot be the body's missing
    standfirst."""
    if not MIN_CHARS <= len(text) <= MAX_CHARS or text.endswith(("...", "\u2026")):
        return True
    if text[:60] in body_text or linked_chars(element) > LINK_SHARE * len(text):
        return True
    for inner in element.iter(*_HOLDS):
        if inner is not element or element.tag not in _HEADINGS:
            return True
    for inner in element.iterdescendants():
        if isinstance(inner.tag, str) and _MARKED.search(_class_and_id(inner)):
            return True
    for ancestor in element.iterancestors():
        if ancestor.tag in _NOT_INSIDE:
            return True
        marks = _MODIFIER.sub(" ", _class_and_id(ancestor))
        if "comment" in marks or _MARKED.search(marks):
            return True
    return False


def _text(element: Any) -> str | None:
    """The squeezed text of a candidate, or ``None`` when its tag, class or size rules it
    out (checked first: a candidate may be the whole article)."""
    if element.tag in _NOT_LEDE_TAGS or _NOT_LEDE.search(_class_and_id(element)):
        return None
    if next(islice(element.iter(*_BLOCKS), MAX_BLOCKS, None), None) is not None:
        return None  # a wrapper of the article's paragraphs
    raw = element.text_content()
    if not MIN_CHARS <= len(raw) <= RAW_MAX_CHARS:
        return None
    return clean_text(raw) or ""


def _texts(node: Any) -> Iterator[str]:
    """The text of ``node`` and its tail, in page order, without scripts and styles."""
    if isinstance(node.tag, str) and node.tag not in _SKIP:
        if node.text:
            yield node.text
        for child in node:
            yield from _texts(child)
    if node.tail:
        yield node.tail


def _following_text(element: Any, limit: int) -> str:
    """About ``limit`` characters (spaces dropped) of the page's text after ``element``."""
    parts: list[str] = []
    size = 0
    node = element
    while node is not None:
        if node.tail:
            parts.append(node.tail)
        for sibling in node.itersiblings():
            for text in _texts(sibling):
                squeezed = "".join(text.split())
                parts.append(squeezed)
                size += len(squeezed)
                if size > limit:
                    return "".join("".join(parts).split())
        node = node.getparent()
    return "".join("".join(parts).split())


def _first_paragraph(root: Any) -> tuple[Any, str] | None:
    """The body's first paragraph (the headline trafilatura kept is a heading) and its text."""
    for block in root.iter(*_FIRST_BLOCKS):
        if block.tag == "div" and any(child.tag in _DIV_BLOCKS for child in block):
            continue
        text = clean_text(block.text_content()) or ""
        if len(text) >= 20:
            return block, text
    return None


def restore_lede_in(root: Any, tree: Any, body_text: str) -> bool:
    """Put the page's standfirst back into a parsed body (text ``body_text``), in place,
    before its first paragraph; whether one went back."""
    if tree is None:
        return False
    found = candidates(tree)
    if not found:
        return False
    # the body's lines are squeezed already
    squeezed_body = body_text.replace("\n", " ")
    leads = []
    for element in found:
        text = _text(element)
        if text is not None and not _refused(element, text, squeezed_body):
            leads.append(element)
    if not leads:
        return False
    first = _first_paragraph(root)
    if first is None:
        return False
    block, first_text = first
    key = "".join(first_text.split())[:KEY_CHARS]
    best, best_gap = None, MAX_GAP + 1
    for element in leads:
        gap = _following_text(element, MAX_GAP + len(key)).find(key)
        if 0 <= gap < best_gap:
            best, best_gap = element, gap
    if best is None:
        return False
    while block.getparent() is not None and block.getparent() is not root:
        if block.getparent().tag not in _INSERT_OUTSIDE:
            break
        block = block.getparent()
    for line in element_text(best).split("\n"):
        paragraph = etree.Element("p")
        paragraph.text = line
        paragraph.tail = "\n"
        block.addprevious(paragraph)
    return True
