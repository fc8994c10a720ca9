"""Helpers for HTML fragments (a body as a string of elements): parse, serialise, to text."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from .text import clean_text

_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre",
    "table", "tr", "td", "th", "figure", "figcaption", "section", "article", "br", "dd", "dt",
}  # fmt: skip
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_ODD_SPACES = re.compile(r"[\t\r\f\v\u00a0]")


def fragment_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment, one line per block element."""
    if not fragment or not fragment.strip():
        return ""
    root = parse_fragment(fragment)
    if root is None:
        return clean_text(re.sub(r"<[^>]+>", " ", fragment)) or ""
    return element_text(root)


def element_text(root: Any, chunks: dict[Any, str] | None = None) -> str:
    """Plain text of a parsed fragment (``parse_fragment``), one line per block element.

    ``chunks`` keeps the text of each child of ``root`` (its tail apart) for the next call on
    the same ``root``: after children were removed (``remove_block``, which edits only the
    tails around them) or added, the others' text is taken from there.
    """
    parts: list[str] = []
    _walk(root, parts, chunks=chunks)
    return _lines("".join(parts))


def _lines(text: str) -> str:
    """The lines of ``text``, each squeezed (``_squeeze_line``), without the empty ones."""
    if "  " in text or _ODD_SPACES.search(text):
        lines = [_squeeze_line(line) for line in text.split("\n")]
    else:  # no line has a run of spaces or an odd one: squeezing a line only strips it
        lines = [line.strip() for line in text.split("\n")]
    return "\n".join(filter(None, lines))


_SKIPPED = ("script", "style", "template")  # their text is not the fragment's


def _walk(
    node: Any, parts: list[str], tail: bool = True, chunks: dict[Any, str] | None = None
) -> None:
    """Append the texts of ``node`` (and its tail, with ``tail``) to ``parts``, a newline
    around each block element; each child's text (tail apart) is read from ``chunks`` or
    kept there, when given."""
    if not isinstance(node.tag, str) or node.tag in _SKIPPED:
        if tail and node.tail:
            parts.append(node.tail)
        return
    block = node.tag in _BLOCKS
    if block:
        parts.append("\n")
    if node.text:
        parts.append(node.text)
    for child in node:
        if chunks is None:
            _walk(child, parts)
            continue
        chunk = chunks.get(child)
        if chunk is None:
            inner: list[str] = []
            _walk(child, inner, False)
            chunk = chunks[child] = "".join(inner)
        parts.append(chunk)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")
    if tail and node.tail:
        parts.append(node.tail)


def _squeeze_line(line: str) -> str:
    """``_SPACES.sub(" ", line).strip()``, without the expression when it would change nothing
    (it replaces every single space by itself: most of its cost on long lines)."""
    # the odd spaces are unprintable: most lines are printable and skip the expression
    if "  " in line or (not line.isprintable() and _ODD_SPACES.search(line)):
        line = _SPACES.sub(" ", line)
    return line.strip()


def parse_fragment(fragment: str) -> Any:
    """An HTML fragment (or a whole document) as one element; ``None`` if unparsable."""
    try:
        return lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError, AssertionError):
        pass  # lxml asserts on documents with no or several <body>
    try:
        document = lxml_html.document_fromstring(fragment)
    except (etree.ParserError, ValueError):
        return None
    body = document.find("body")
    return body if body is not None else document


def edit_parsed(root: Any, step: Callable[..., bool], *args: Any) -> bool:
    """Run ``step(root, *args)``, an edit in place that says whether it changed anything, as
    it would run on ``root`` serialised and parsed again: the result is the same HTML.

    Parsing drops a leading text that is only whitespace; it stays if nothing changed (the
    string helpers then return their input untouched).
    """
    leading = root.text
    if leading is not None and not leading.strip():
        root.text = None
    if step(root, *args):
        return True
    root.text = leading
    return False


def remove_block(element: Any) -> None:
    """Remove an element but keep its tail text (text after a <br> is content)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def serialise_children(root: Any) -> str:
    """The content of an element (its leading text and children) as HTML."""
    return (root.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )
