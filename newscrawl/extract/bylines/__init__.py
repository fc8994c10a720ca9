"""Bylines in a page's markup: author elements (class, ``rel``, ``itemprop``, Person
microdata) in the article's scope, then in the page, and "By X" lines after the headline.

Used by the page heuristics stage; ``authors.choose_authors`` weighs them against the
other layers.

Stages, one module each: ``scope`` (is a byline the article's?), ``elements`` (author
elements), ``lines`` (byline lines), and the fallback searches ``paragraphs`` and
``links``.
"""

from __future__ import annotations

from typing import Any

from ..authors import site_keys
from .elements import page_bylines
from .lines import text_byline
from .links import author_links
from .paragraphs import byline_paragraph, labelled_byline, signature
from .scope import outside_article

__all__ = ["byline_candidates", "outside_article"]


def byline_candidates(tree: Any, scope: Any, url: str | None = None) -> list[list[str]]:
    """The names of the page's bylines, best first: author elements in the article's scope,
    then in the page, a "By X" line after the headline; when none of them names anyone, the
    first of: a paragraph that is only a byline, a label and the name after it, links to an
    author's page, a name in bold signing the text (the costlier searches run only then)."""
    site = site_keys(url, [])  # the keys of the page's host name
    marked: dict[Any, bool] = {}  # an element's own class marks a comment, a sidebar...
    bylines = (*page_bylines(tree, scope, site, marked), text_byline(tree))
    found = [names for names in bylines if names]
    for search in (byline_paragraph, labelled_byline, author_links, signature):
        if found:
            break
        names = search(tree, scope, site, marked)
        found += [names] if names else []
    return found
