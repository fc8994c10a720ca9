"""Stage 2d, page heuristics: the <h1>, a <time> element, a byline; used when nothing else says."""

from __future__ import annotations

import re
from typing import Any

from . import selectors
from .text import clean_text, split_authors

_TITLE_SUFFIX = re.compile(r"\s+[|\u2013\u2014:·»-]\s+[^|\u2013\u2014:·»-]{2,40}$")


def _scope(tree: Any) -> Any:
    scopes = tree.xpath(selectors.ARTICLE_SCOPE)
    return scopes[0] if scopes else tree


def heuristic_fields(tree: Any) -> dict[str, Any]:
    """Title from the <h1> (else <title> minus a site suffix), date from <time>, byline."""
    scope = _scope(tree)
    fields: dict[str, Any] = {}
    for candidate in (scope, tree):
        headings = candidate.xpath(selectors.H1)
        title = clean_text(headings[0].text_content()) if headings else None
        if title:
            fields["title"] = title
            break
    if "title" not in fields:
        titles = tree.xpath(selectors.TITLE)
        title = clean_text(titles[0].text_content()) if titles else None
        if title:
            fields["title"] = _TITLE_SUFFIX.sub("", title) or title
    for candidate in (scope, tree):
        times = candidate.xpath(selectors.TIME)
        if times:
            fields["published"] = times[0].get("datetime")
            break
    for candidate in (scope, tree):
        authors: list[str] = []
        for node in candidate.xpath(selectors.BYLINE):
            text = clean_text(node.text_content())
            if text and len(text) < 120:
                authors += split_authors(text)
            if authors:
                break
        if authors:
            fields["authors"] = authors
            break
    return fields
