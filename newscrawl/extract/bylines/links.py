"""Fallback search for a byline: links to an author's page ("/author/", "/autor/"...)."""

from __future__ import annotations

import re
from typing import Any

from .. import selectors
from ..authors import clean_names
from ..text import clean_text
from .elements import names_someone
from .scope import in_teaser, inside, lower, outside_article

_AUTHOR_PAGE = re.compile(selectors.AUTHOR_PAGE, re.I)


def author_links(tree: Any, scope: Any, site: set[str], marked: dict[Any, bool]) -> list[str]:
    """Names of the first links to an author's page ("<a href=/autor/frank_g>Gunter
    Frank</a>", with the links beside it: several authors), in the article's scope, else in
    the page; not in a comment, a sidebar or a teaser, and not the site's name."""
    links = [
        a
        for a in tree.xpath(selectors.AUTHOR_LINKS)
        if _AUTHOR_PAGE.search(a.get("href"))
        and not outside_article(a, marked)
        and not in_teaser(a)
    ]
    for nodes in ([a for a in links if inside(a, scope)] if scope is not tree else [], links):
        for first in nodes:
            group = [a for a in nodes if a.getparent() is first.getparent()]
            names = clean_names([clean_text(_link_text(a)) or "" for a in group])
            if names_someone(names, site):
                return names
    return []


def _link_text(element: Any) -> str:
    """A link's text without its picture and the picture's credit ("<a href=/autoren/kf>
    <span itemprop=image><img><span class=copyright>© K. F.</span></span>K. F.</a>")."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and not _picture_box(child):
            parts.append(_link_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _picture_box(element: Any) -> bool:
    classes = lower(element.get("class"))
    return (
        element.tag in ("picture", "figure", "figcaption")
        or element.get("itemprop") == "image"
        or "copyright" in classes
        or "credit" in classes
    )
