"""Stages 3-5: drop active and boilerplate elements, resolve images and links, filter attributes."""

from __future__ import annotations

import html as html_lib
from collections.abc import Iterable

from lxml import etree

from newscrawl.extract.fragments import remove_block as _remove

from .rules import (
    _ENTITY_RE,
    _LAZY_SRC_ATTRS,
    _LAZY_SRCSET_ATTRS,
    _PLACEHOLDER_RE,
    _ZERO_WIDTH_RE,
    ALLOWED_ATTRIBUTES,
    DROP_WITH_CONTENT,
    IMAGE_SCHEMES,
    LINK_SCHEMES,
)
from .shortcodes import _closing_names, _strip_shortcode_tokens
from .tree import (
    _count_visible,
    _is_boilerplate,
    _is_hidden,
    _is_tracking_pixel,
    _tag,
    _text_content,
    _unwrap,
    _within,
    css_select,
)
from .urls import _best_srcset_url, safe_url


def _drop_active_and_boilerplate(body: etree._Element, drop_selectors: Iterable[str]) -> None:
    for selector in drop_selectors:
        try:
            matched = css_select(body, selector)
        except Exception:  # a bad selector from settings must not break cleaning
            continue
        for el in matched:
            if el is not body:
                _remove(el)
    total_text = -1  # counted when first needed: most bodies hold nothing hidden or boilerplate
    stack = list(reversed(body))  # depth first, in document order, skipping removed subtrees
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            _remove(el)  # comments and processing instructions
            continue
        tag = _tag(el)
        if tag in DROP_WITH_CONTENT or ":" in str(el.tag):
            _remove(el)
            continue
        if _is_hidden(el) or _is_boilerplate(el):
            # guard: the article itself may carry a class like "article-body related-topics"
            # or sit in a hidden paywall container; most of the text is never boilerplate
            if total_text < 0:
                total_text = _count_visible(_text_content(body) or "")
            own = _count_visible(_text_content(el) or "")
            if not (total_text > 400 and own > total_text * 0.6):
                _remove(el)
                continue
        stack.extend(reversed(el))


def _resolve_pictures(body: etree._Element) -> None:
    """Replace each <picture> by its <img>, given the best <source> if it has no src."""
    for picture in list(body.iter("picture")):
        img = next((d for d in picture.iter("img")), None)
        if img is None:
            _remove(picture)
            continue
        if not (img.get("src") or "").strip():
            for source in picture.iter("source"):
                best = _best_srcset_url(source.get("srcset") or source.get("data-srcset"))
                if best:
                    img.set("src", best)
                    break
        img.getparent().remove(img)  # libxml2 may nest it inside a <source>
        img.tail = picture.tail
        picture.tail = None
        picture.addprevious(img)
        picture.getparent().remove(picture)


def _resolve_images(body: etree._Element, base: str) -> None:
    for img in list(body.iter("img")):
        src = (img.get("src") or "").strip()
        if not src or _PLACEHOLDER_RE.search(src):
            lazy = next((img.get(a) for a in _LAZY_SRC_ATTRS if (img.get(a) or "").strip()), None)
            if lazy is None:
                lazy = next(
                    (
                        _best_srcset_url(img.get(a))
                        for a in _LAZY_SRCSET_ATTRS
                        if _best_srcset_url(img.get(a))
                    ),
                    None,
                )
            if lazy:
                src = lazy.strip()
        resolved = safe_url(src, base, IMAGE_SCHEMES) if src else None
        if (
            resolved is None
            or _PLACEHOLDER_RE.search(resolved)
            or _is_tracking_pixel(img, resolved)
        ):
            _remove(img)
            continue
        img.set("src", resolved)


def _resolve_links(body: etree._Element, base: str) -> None:
    for el in list(body.iter()):
        tag = _tag(el)
        if tag == "a":
            href = safe_url(el.get("href"), base, LINK_SCHEMES)
            if href is None:
                _unwrap(el)
                continue
            el.set("href", href)
        elif tag in ("blockquote", "q", "del", "ins"):
            cite = el.get("cite")
            if cite is not None:
                resolved = safe_url(cite, base, IMAGE_SCHEMES)
                if resolved is None:
                    del el.attrib["cite"]
                else:
                    el.set("cite", resolved)


def _filter_attributes(body: etree._Element) -> None:
    common = ALLOWED_ATTRIBUTES["*"]
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        allowed = common | ALLOWED_ATTRIBUTES.get(_tag(el), frozenset())
        for name in list(el.attrib):
            if name.lower() not in allowed:
                del el.attrib[name]
        for name in ("width", "height", "span", "colspan", "rowspan", "start", "value"):
            value = el.get(name)
            if value is not None and not value.strip().isdigit():
                del el.attrib[name]
        if el.get("dir") is not None and el.get("dir").lower() not in ("ltr", "rtl", "auto"):
            del el.attrib["dir"]


def _decode_text(text: str | None, in_pre: bool) -> str | None:
    if text is None:
        return None
    if "\u200b" in text or "\u2060" in text or "\ufeff" in text:  # _ZERO_WIDTH_RE, rare
        text = _ZERO_WIDTH_RE.sub("", text)
    if not in_pre and "&" in text and _ENTITY_RE.search(text):
        text = html_lib.unescape(text)  # entities left encoded twice by the source CMS
    return text


def _strip_text_shortcodes(body: etree._Element) -> None:
    texts = []
    for el in body.iter():
        texts.append(el.text or "")
        texts.append(el.tail or "")
    paired = _closing_names("".join(texts))
    code = _within(body, ("pre", "code"))
    for el in body.iter():
        if el.text and "[" in el.text and el not in code:
            el.text = _strip_shortcode_tokens(el.text, paired)
        if el.tail and "[" in el.tail and el.getparent() not in code:
            el.tail = _strip_shortcode_tokens(el.tail, paired)
