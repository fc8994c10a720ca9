"""Author elements: class, ``rel``, ``itemprop`` and Person microdata bylines, and their names."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .. import selectors
from ..authors import clean_names, text_key
from ..text import clean_text
from .scope import in_scope, in_teaser, inside, lower, outside_article

_IS_BYLINE = etree.XPath(selectors.BYLINE)
_BYLINE_CLASS_HINT = re.compile(selectors.BYLINE_CLASS_HINT, re.I)


def names_someone(names: list[str], site: set[str]) -> bool:
    """Whether ``names`` holds a name that is not the site's."""
    return bool(names) and not all(text_key(n) in site for n in names)


def page_bylines(tree: Any, scope: Any, site: set[str], marked: dict[Any, bool]) -> list[list[str]]:
    """The names of the first byline in the article's scope, then in the whole page; a
    byline that only names the site (``site``: its keys) is skipped. ``marked``: the
    cache of ``outside_article``.

    The page is searched once; the scope's bylines are those of its elements that
    ``scope.xpath('.//*')`` would find bylines too."""

    def allowed(node: Any) -> bool:
        return not outside_article(node, marked) and not in_teaser(node)

    page_nodes = [
        node
        for node in tree.xpath(selectors.BYLINE_CANDIDATES)
        if (
            node.get("rel") == "author"
            or node.get("itemprop") in ("author", "name")
            or selectors.PERSON_TYPE in (node.get("itemtype") or "")
            or _BYLINE_CLASS_HINT.search(node.get("class") or "")
        )
        and _IS_BYLINE(node)
    ]
    found = []
    if scope is not tree:
        scoped = [n for n in page_nodes if in_scope(n, scope) and allowed(n)]
        found.append(_first_byline(scoped, site))
    found.append(_first_byline([n for n in page_nodes if allowed(n)], site))
    return found


def _first_byline(nodes: list[Any], site: set[str]) -> list[str]:
    """The names in the first byline of ``nodes`` (the byline elements of a scope, in
    document order) that holds any: its inner author elements, or itself and its sibling
    bylines ("<a rel=author>A</a>, <a rel=author>B</a>")."""
    members = set(nodes)
    inner_of: dict[Any, list[Any]] = {}
    by_parent: dict[Any, list[Any]] = {}
    for node in nodes:
        for ancestor in node.iterancestors():
            if ancestor in members:
                inner_of.setdefault(ancestor, []).append(node)
        by_parent.setdefault(node.getparent(), []).append(node)
    done: set[Any] = set()
    for first in nodes:
        if first in done:
            continue
        inner = inner_of.get(first, [])
        group = inner or by_parent[first.getparent()]
        done.update(group)
        # "<div class='cb-author cb-byline-element'>A</div><div class='cb-category
        # cb-byline-element'>Werkstatt</div>": where the parts of a byline share a class, the
        # ones that say they are the author's are the names
        if len(group) > 1:
            authors = [n for n in group if _names_author(n)]
            group = [n for n in group if _related_to(n, authors)] if authors else group
        names = _names_in(group)
        # "<div class=authors><span class=label>Author:</span> Ana Ruiz</div>": the inner
        # element is only the label; the name is the outer one's text
        if not names and inner:
            names = _names_in([first])
        if names_someone(names, site):
            return names
    return []


def _names_author(node: Any) -> bool:
    """Whether an element of a byline says it holds an author (not only "byline")."""
    classes = lower(node.get("class"))
    return (
        node.get("rel") == "author"
        or node.get("itemprop") in ("author", "name")
        or selectors.PERSON_TYPE in (node.get("itemtype") or "")
        or any(part in classes for part in ("auth", "autor", "auteur", "username"))
    )


def _related_to(node: Any, authors: list[Any]) -> bool:
    """Whether ``node`` is one of ``authors``, inside one or around one."""
    return any(node is a or inside(node, a) or inside(a, node) for a in authors)


def _names_in(nodes: list[Any]) -> list[str]:
    # "<meta itemprop=name content='Ana Ruiz'>": a name given as an attribute
    texts = [
        clean_text(node.get("content") if node.tag == "meta" else node.text_content())
        for node in nodes
    ]
    # "<div class=author><a>Ana Ruiz</a>, 3 March <div class=rating>...</div></div>": a
    # byline holding blocks of other things reads without them
    texts = [
        t if not t or len(t) < 120 else clean_text(_inline_text(node))
        for t, node in zip(texts, nodes, strict=True)
    ]
    names = clean_names([t for t in texts if t and len(t) < 120])
    # "CSP / International / Photovoltaik / Speicher": a list of categories in the meta line
    single = sum(1 for n in names if len(n.split()) == 1)
    return [] if len(names) >= 3 and single * 2 > len(names) else names


def _inline_text(node: Any) -> str:
    """An element's text without its block children's (<div>, <p>, lists...)."""
    parts = [node.text or ""]
    for child in node:
        if isinstance(child.tag, str) and child.tag not in _BLOCKS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts)


_BLOCKS = frozenset({"div", "p", "ul", "ol", "table", "section", "aside", "form", "figure"})
