"""Stage 6: unwrap markup soup, remove empty wrappers, normalise whitespace, serialise."""

from __future__ import annotations

import html as html_lib

import lxml.html
from lxml import etree

from newscrawl.extract.fragments import remove_block as _remove

from .elements import _decode_text
from .rules import _BLOCKS, _CONTAINERS, _NON_WS_RE, _REMOVE_IF_EMPTY, _WS_RE, ALLOWED_TAGS
from .tree import _has_media, _has_text, _tag, _unwrap, _within

# Where a <p> may stand; in the cells a lone wrapper is simply unwrapped.
_CELLS = frozenset({"li", "td", "th", "dd", "dt", "figcaption", "caption"})
_FLOW_PARENTS = _CONTAINERS | _CELLS | {"blockquote", "figure"}


def _unwrap_soup(body: etree._Element) -> None:
    """Unwrap meaningless wrappers bottom-up; containers of inline content become <p>.

    Children are handled before their parents, so ``<div><div>A</div><div>B</div></div>``
    gives two paragraphs, not "AB".
    """
    for el in reversed(list(body.iter())):
        if el is body or not isinstance(el.tag, str):
            continue
        tag = _tag(el)
        if tag in _CONTAINERS:
            parent = el.getparent()
            parent_tag = _tag(parent) if parent is not None else ""
            has_block_child = any(_tag(c) in _BLOCKS for c in el)
            if (
                has_block_child
                or parent_tag not in _FLOW_PARENTS
                or not (_has_text(el) or _has_media(el))
                or (parent_tag in _CELLS and _sole_content(el))
            ):
                _unwrap(el)
            else:
                el.tag = "p"
                el.attrib.clear()
        elif tag not in ALLOWED_TAGS:
            _unwrap(el)  # span, font, picture, custom elements: keep the content only


def _sole_content(el: etree._Element) -> bool:
    parent = el.getparent()
    return (
        len(parent) == 1
        and not _NON_WS_RE.search(parent.text or "")
        and not _NON_WS_RE.search(el.tail or "")
    )


def _remove_empty(body: etree._Element) -> None:
    for el in reversed(list(body.iter())):
        if el is body or not isinstance(el.tag, str):
            continue
        tag = _tag(el)
        if tag in _REMOVE_IF_EMPTY and not _has_text(el) and not _has_media(el):
            if tag in ("td", "th", "tr"):
                continue
            if any(_tag(d) in ("hr", "td", "th") for d in el.iter()) and tag != "p":
                continue
            _remove(el)


def _tidy_breaks(body: etree._Element) -> None:
    """Drop <br> at the start or end of a block and runs of more than two."""
    for container in list(body.iter()):
        if _tag(container) not in _BLOCKS:
            continue
        children = list(container)
        # leading breaks
        for child in children:
            if _tag(child) != "br" or _NON_WS_RE.search(container.text or ""):
                break
            _remove(child)  # its tail becomes the container's text, ending the loop if any
        children = list(container)
        for child in reversed(children):
            if _tag(child) != "br" or _NON_WS_RE.search(child.tail or ""):
                break
            _remove(child)
        run = 0
        for child in list(container):
            if _tag(child) == "br":
                run += 1
                if run > 2:
                    _remove(child)
                if _NON_WS_RE.search(child.tail or ""):
                    run = 0
            else:
                run = 0


def _wrap_inline_runs(container: etree._Element) -> None:
    """Group loose text and inline elements between blocks into <p>, drop blank runs."""
    if container.tag != "body" and not any(_tag(c) in _BLOCKS for c in container):
        return
    children = list(container)
    if all(_tag(c) in _BLOCKS for c in children) and not any(
        _NON_WS_RE.search(t) for t in (container.text, *(c.tail for c in children)) if t
    ):  # only blocks and blank text: the runs would be the blocks in place, blanks dropped
        container.text = None
        for child in children:
            if child.tail is not None:
                child.tail = None
        return
    runs: list[list[etree._Element | str]] = []
    current: list[etree._Element | str] = []
    leading = container.text or ""
    if leading:
        current.append(leading)
    container.text = None
    for child in list(container):
        tail = child.tail or ""
        child.tail = None
        if _tag(child) in _BLOCKS:
            if current:
                runs.append(current)
                current = []
            runs.append([child])
        else:
            current.append(child)
        if tail:
            current.append(tail)
        container.remove(child)
    if current:
        runs.append(current)
    for run in runs:
        if len(run) == 1 and isinstance(run[0], etree._Element) and _tag(run[0]) in _BLOCKS:
            container.append(run[0])
            continue
        para = etree.SubElement(container, "p")
        last: etree._Element | None = None
        for part in run:
            if isinstance(part, str):
                if last is None:
                    para.text = (para.text or "") + part
                else:
                    last.tail = (last.tail or "") + part
            else:
                para.append(part)
                last = part
        if not _has_text(para) and not _has_media(para):
            container.remove(para)


def _squeeze(text: str) -> str:
    """``_WS_RE.sub(" ", text)``, several times faster: runs of spaces become one space.

    ``str.split()`` splits on what ``\\s`` matches (no-break space included); only the
    zero-width characters need the regular expression.
    """
    if "  " not in text and text.isprintable():
        return text  # its only white space is single ASCII spaces (the others are unprintable)
    if "\u200b" in text or "\u2060" in text or "\ufeff" in text:
        return _WS_RE.sub(" ", text)
    words = text.split()
    if not words:
        return " " if text else text
    squeezed = " ".join(words)
    if text[0].isspace():
        squeezed = " " + squeezed
    if text[-1].isspace():
        squeezed += " "
    return squeezed


def _normalise_whitespace(body: etree._Element) -> None:
    # lxml copies a text in and out of the tree on each access: read once, write on change
    pre = _within(body, ("pre",))
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        # a printable text without "  " or "&" has nothing to decode or squeeze (zero-width
        # characters and white space but the ASCII space are unprintable)
        text = el.text
        if text is not None and ("  " in text or "&" in text or not text.isprintable()):
            in_pre = bool(pre) and el in pre
            new = _decode_text(text, in_pre)
            if new and not in_pre:
                new = _squeeze(new)
            if new != text:
                el.text = new
        tail = el.tail
        if tail is not None and ("  " in tail or "&" in tail or not tail.isprintable()):
            parent_pre = bool(pre) and el.getparent() in pre
            new = _decode_text(tail, parent_pre)
            if new and not parent_pre:
                new = _squeeze(new)
            if new != tail:
                el.tail = new
    # trim space at the edges of blocks and around <br>
    for el in body.iter():
        tag = _tag(el)
        if tag not in _BLOCKS or (pre and el in pre):
            continue
        # each text is read once and written only when it changes (lxml copies both ways)
        text = el.text
        children = list(el)
        if text:
            trimmed = text.lstrip() if children else text.strip()
            if trimmed != text:
                el.text = text = trimmed
        if children:
            last = children[-1]
            tail = last.tail
            if tail:
                trimmed = tail.rstrip()
                if trimmed != tail:
                    last.tail = trimmed
            tags = [_tag(child) for child in children]
            for index, child in enumerate(children):
                original = tail = child.tail
                if not tail:
                    continue
                if tags[index] == "br":
                    tail = tail.lstrip()
                if tags[index] in _BLOCKS and tail:
                    tail = tail.strip() or None
                if index + 1 < len(children) and tags[index + 1] == "br" and tail:
                    tail = tail.rstrip()
                if tail != original:
                    child.tail = tail
            if text is not None and not text:
                el.text = None
    # a space before a block child at the start belongs to nobody
    for el in body.iter():
        if len(el):
            text = el.text
            if text is not None and not text.strip() and _tag(el[0]) in _BLOCKS:
                el.text = None


def _break_between_blocks(body: etree._Element) -> None:
    """Put each block of a list, table, quote or figure on its own line.

    Without it ``<li>stops.</li><li>Route B`` reads "stops.Route B" to anything that
    takes the text of the HTML.
    """
    pre = _within(body, ("pre",))
    for el in body.iter():
        if el is body or el in pre or not any(_tag(c) in _BLOCKS for c in el):
            continue
        if not (el.text or "").strip() and _tag(el[0]) in _BLOCKS:
            el.text = "\n"
        for child in el:
            if _tag(child) in _BLOCKS and not (child.tail or "").strip():
                child.tail = "\n"


_META_CONTENT_TYPE = '<meta http-equiv="Content-Type"'


def _serialise(body: etree._Element) -> str:
    parts = []
    if body.text and body.text.strip():
        parts.append(html_lib.escape(body.text.strip(), quote=False))
    for child in body:
        tail = child.tail
        child.tail = None
        markup = etree.tostring(child, encoding="unicode", method="html")
        if _META_CONTENT_TYPE in markup:  # what lxml.html.tostring takes out; never in clean HTML
            markup = lxml.html.tostring(child, encoding="unicode", method="html")
        parts.append(markup)
        if tail and tail.strip():
            parts.append(html_lib.escape(tail.strip(), quote=False))
    return "\n".join(p for p in parts if p)
