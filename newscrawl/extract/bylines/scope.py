"""Where a byline stands: in the article's scope, or in a comment, a sidebar, a teaser."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .. import selectors

_IS_BYLINE_ITSELF = etree.XPath(selectors.BYLINE_SELF)


def in_teaser(node: Any) -> bool:
    """Whether ``node`` sits in a link that holds more than a byline: a teaser of another
    article ("<a href=/other><h3>...</h3><span class=author>Von A</span></a>"), not an
    author link ("<a rel=author><span class=name>A</span></a>")."""
    for ancestor in node.iterancestors("a"):
        return _text_length(ancestor) > _text_length(node) + 20
    return False


def _text_length(element: Any) -> int:
    return len("".join(element.text_content().split()))


def in_scope(node: Any, scope: Any) -> bool:
    """Whether ``node``, a byline of the page, is one of ``scope``'s: inside it, and if it
    is one only by an element around it, that element inside it too."""
    between: list[Any] = []  # the node's ancestors below the scope
    for ancestor in node.iterancestors():
        if ancestor is scope:
            break
        between.append(ancestor)
    else:
        return False
    if _IS_BYLINE_ITSELF(node):
        return True
    # a name inside an author element, or a user name inside a "submitted" line: that
    # element must be inside the scope too
    if node.get("itemprop") == "name" and any(
        a.get("itemprop") == "author" or _is_person(a) for a in between
    ):
        return True
    return "username" in lower(node.get("class")) and any(
        "submitted" in lower(a.get("class")) for a in between
    )


def outside_article(node: Any, marked: dict[Any, bool] | None = None) -> bool:
    """Whether ``node`` sits in a comment, a sidebar, related links, an <aside>, a <nav>
    or a page footer (see ``selectors.NOT_BYLINE_CLASS_STARTS``); ``marked`` caches the
    class test by element."""
    marked = {} if marked is None else marked
    ancestors = list(node.iterancestors())
    for index, ancestor in enumerate(ancestors):
        if ancestor.tag in selectors.NOT_BYLINE_CONTAINERS:
            return True
        if ancestor.tag == "footer" and not any(a.tag == "article" for a in ancestors[index + 1 :]):
            return True
    for element in [node, *ancestors]:
        if element.tag in ("body", "html"):
            continue
        if element not in marked:
            # "<div class=sidebar-wrapper>" around the article and its sidebar: a layout
            # box holding the headline is no sidebar
            marked[element] = _class_marks_outside(element.get("class")) and not _layout_box(
                element
            )
        if marked[element]:
            return True
    return False


def _class_marks_outside(value: str | None) -> bool:
    if not value:
        return False
    lowered = lower(value)
    # "sidebar-on", "sidebar-right": a layout with a sidebar beside the text, not the sidebar
    tokens = (
        " "
        + " ".join(
            t for t in _XPATH_SPACE.split(lowered.strip(" \t\r\n")) if not _SIDEBAR_LAYOUT.match(t)
        )
        + " "
    )
    return (
        any(part in tokens for part in selectors.NOT_BYLINE_CLASS_STARTS)
        or any(part in lowered for part in selectors.NOT_BYLINE_CLASS_PARTS)
        # "mtbnewsCommentAuthorName": a comment's part in a camel-case class name
        or "Comment" in value
    )


_XPATH_SPACE = re.compile(r"[ \t\r\n]+")
_HOLDS_HEADLINE = etree.XPath("boolean(.//h1)")


def _layout_box(element: Any) -> bool:
    """A box whose class names a sidebar but that holds the headline: the page's layout
    around the article and its sidebar ("<div class=sidebar-wrapper>")."""
    return "sidebar" in lower(element.get("class")) and _HOLDS_HEADLINE(element)


_SIDEBAR_LAYOUT = re.compile(
    r"sidebar[-_]?(?:on|off|left|right|none|active|enabled|disabled|yes|no|layout|position)$"
)


def _is_person(element: Any) -> bool:
    """Person microdata outside a paragraph (``selectors._PERSON``)."""
    return selectors.PERSON_TYPE in (element.get("itemtype") or "") and not any(
        a.tag == "p" for a in element.iterancestors()
    )


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower(value: str | None) -> str:
    """XPath's ``translate(@class, 'A..Z', 'a..z')``: ASCII letters only."""
    return (value or "").translate(_ASCII_LOWER)


def inside(node: Any, scope: Any) -> bool:
    return any(a is scope for a in node.iterancestors())
