"""``clean_html``: the stages in order, from an HTML fragment or page to safe, tidy HTML."""

from __future__ import annotations

from collections.abc import Iterable

from .elements import (
    _drop_active_and_boilerplate,
    _filter_attributes,
    _resolve_images,
    _resolve_links,
    _resolve_pictures,
    _strip_text_shortcodes,
)
from .layout import (
    _break_between_blocks,
    _normalise_whitespace,
    _remove_empty,
    _serialise,
    _tidy_breaks,
    _unwrap_soup,
    _wrap_inline_runs,
)
from .sanitise import sanitise
from .shortcodes import strip_shortcodes
from .tree import _parse, _unnest_void_elements
from .urls import find_base_url


def clean_html(
    markup: str | None,
    url: str = "",
    *,
    page_html: str | None = None,
    drop_selectors: Iterable[str] = (),
) -> str:
    """Return safe, tidy article HTML with absolute URLs (the stages are in the module doc).

    ``url`` is the page's final URL; ``page_html`` the whole page, whose ``<base href>``
    is honoured when it points at http(s). ``drop_selectors`` are extra CSS selectors
    of blocks to remove (site-specific boilerplate).
    """
    if not markup or not markup.strip():
        return ""
    base = find_base_url(page_html if page_html is not None else markup, url)
    if page_html is not None and base == url:
        base = find_base_url(markup, url)
    doc = _parse(strip_shortcodes(markup), plain=True)
    if doc is None:
        return ""
    body = doc.find("body")
    if body is None:
        return ""
    _unnest_void_elements(body)
    _resolve_pictures(body)
    _drop_active_and_boilerplate(body, drop_selectors)
    _strip_text_shortcodes(body)
    _resolve_images(body, base)
    _resolve_links(body, base)
    _unwrap_soup(body)
    _filter_attributes(body)
    _remove_empty(body)
    _normalise_whitespace(body)
    _wrap_inline_runs(body)
    for quote in list(body.iter("blockquote")):
        _wrap_inline_runs(quote)
    _tidy_breaks(body)
    _remove_empty(body)
    _normalise_whitespace(body)
    _break_between_blocks(body)
    return sanitise(_serialise(body)).strip()
