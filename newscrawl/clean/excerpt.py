"""Plain text and excerpts: feed summary, meta description or the first paragraph."""

from __future__ import annotations

import html as html_lib
import re

import lxml.html

from newscrawl.extract.fragments import remove_block as _remove

from .rules import (
    _BLOCKS,
    _ENTITY_RE,
    _WS_RE,
    _ZERO_WIDTH_RE,
    DEFAULT_EXCERPT_LENGTH,
    DROP_WITH_CONTENT,
)
from .shortcodes import strip_shortcodes
from .tree import _parse, _tag


def html_to_text(markup: str | None) -> str:
    """Plain text of an HTML fragment (shortcodes stripped, whitespace collapsed)."""
    if not markup:
        return ""
    if "<" not in markup and "&" not in markup:
        text = strip_shortcodes(markup)
    else:
        doc = _parse(strip_shortcodes(markup))
        if doc is None:
            return ""
        for el in list(doc.iter(*DROP_WITH_CONTENT)):
            _remove(el)
        for el in doc.iter():
            if isinstance(el.tag, str) and (_tag(el) in _BLOCKS or _tag(el) in ("br", "li")):
                el.tail = " " + (el.tail or "")  # "<p>a.</p><p>B" reads "a. B", not "a.B"
        text = doc.text_content()
        for _ in range(2):  # entities double-encoded by a CMS
            if _ENTITY_RE.search(text):
                text = html_lib.unescape(text)
    text = strip_shortcodes(text)
    return _WS_RE.sub(" ", _ZERO_WIDTH_RE.sub("", text)).strip()


# Feed summaries often end with a WordPress "read more" trail.
_SUMMARY_TRAIL_RE = re.compile(
    r"(?:\s*(?:\[(?:\.\.\.|…|&hellip;)\]|(?:continue reading|read more)\b.*"
    r"|the post .+ appeared first on .+))+\s*$",
    re.IGNORECASE | re.DOTALL,
)


# Markup-like text (from escaped entities) is dropped from excerpts: templates such as
# Jekyll's print front-matter values unescaped.
_TAG_LIKE_RE = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>?")


def truncate_words(text: str, max_length: int = DEFAULT_EXCERPT_LENGTH) -> str:
    """Shorten ``text`` to at most ``max_length`` characters at a word boundary, adding "…"."""
    text = text.strip()
    if max_length <= 0 or len(text) <= max_length:
        return text
    cut = text[: max_length - 1]
    if not text[max_length - 1].isspace():
        space = cut.rfind(" ")
        if space > max_length // 2:
            cut = cut[:space]
    return cut.rstrip(" ,;:-–—(\"'“‘") + "…"


def _plain(markup: str | None) -> str:
    return _WS_RE.sub(" ", _TAG_LIKE_RE.sub(" ", html_to_text(markup))).strip()


def make_excerpt(
    summary: str | None = None,
    description: str | None = None,
    clean: str | None = None,
    max_length: int = DEFAULT_EXCERPT_LENGTH,
) -> str:
    """Plain-text excerpt: the feed summary, else the meta description, else the first paragraph."""
    for candidate in (summary, description):
        text = _SUMMARY_TRAIL_RE.sub("", _plain(candidate)).strip()
        if text:
            return truncate_words(text, max_length)
    if clean:
        doc = _parse(clean)
        if doc is not None:
            for para in doc.iter("p"):
                text = _plain(lxml.html.tostring(para, encoding="unicode", with_tail=False))
                if len(text) >= 20:
                    return truncate_words(text, max_length)
            text = _plain(clean)
            if text:
                return truncate_words(text, max_length)
    return ""
