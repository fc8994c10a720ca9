"""Bylines in a page's markup: author elements (class, ``rel``, ``itemprop``, Person
microdata) in the article's scope, then in the page, and "By X" lines after the headline.

Used by the page heuristics stage; ``authors.choose_authors`` weighs them against the
other layers.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from lxml import etree

from . import selectors
from .authors import clean_names, site_keys, text_key
from .text import clean_text, split_authors

_IS_BYLINE = etree.XPath(selectors.BYLINE)
_IS_BYLINE_ITSELF = etree.XPath(selectors.BYLINE_SELF)
_BYLINE_CLASS_HINT = re.compile(selectors.BYLINE_CLASS_HINT, re.I)
_BYLINE_TEXT = re.compile(selectors.BYLINE_TEXT, re.I)
_AUTHOR_PAGE = re.compile(selectors.AUTHOR_PAGE, re.I)
# where the names of a byline line end (a comma separates names there), how they split
_BYLINE_STOP = re.compile(
    r"\s*(?:[|·•/]|\s[-–—]\s|\S+@\S+|\d|\s\("
    # "Text von A Illustration von B": the pictures' credit after the writer's
    r"|\b(?:illustrations?|fotos?|photos?|bilder?|images?)\s+(?:von|by|de|par|por)\b"
    r"|\b(?:published|updated|posted|on|last|at|am|um|le|veröffentlicht|aktualisiert"
    r"|lesezeit|reading|kategorien?|categories|publicado|publié)\b"
    # a month only before a day: "Jan" is also a name
    r"|\b(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|june?"
    r"|juni|july|juli|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?"
    r"|dec(?:ember)?|dez(?:ember)?)\.?\s+\d)",
    re.I,
)
# "11.12.2019 - Name", "06.11.2023 13:30 von Name": a date (and a time), then a name
_DATE_THEN_NAME = re.compile(
    r"^\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}(?:\s*[,|·•]?\s*\d{1,2}[:.]\d{2}(?:\s*uhr)?)?"
    r"(?:\s*[-–—|·•]\s*((?:von|by)\s+)?|\s+(von|by)\s+)(\D+)$",
    re.I,
)
_BOOK_LABELS = re.compile(r"(?:verlag|seiten|publisher|pages|éditeur|editorial|isbn)\s*:", re.I)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|;|&|\s(?:and|und|et|y|e|og|och)\s)\s*", re.I)


def byline_candidates(tree: Any, scope: Any, url: str | None = None) -> list[list[str]]:
    """The names of the page's bylines, best first: author elements in the article's scope,
    then in the page, a "By X" line after the headline; when none of them names anyone, the
    first of: a paragraph that is only a byline, a label and the name after it, links to an
    author's page (the costlier searches run only then)."""
    site = site_keys(url, [])  # the keys of the page's host name
    marked: dict[Any, bool] = {}  # an element's own class marks a comment, a sidebar...
    bylines = (*page_bylines(tree, scope, site, marked), text_byline(tree))
    found = [names for names in bylines if names]
    for search in (byline_paragraph, labelled_byline, author_links):
        if found:
            break
        names = search(tree, scope, site, marked)
        found += [names] if names else []
    return found


def _names_someone(names: list[str], site: set[str]) -> bool:
    """Whether ``names`` holds a name that is not the site's."""
    return bool(names) and not all(text_key(n) in site for n in names)


def page_bylines(tree: Any, scope: Any, site: set[str], marked: dict[Any, bool]) -> list[list[str]]:
    """The names of the first byline in the article's scope, then in the whole page; a
    byline that only names the site (``site``: its keys) is skipped. ``marked``: the
    cache of ``outside_article``.

    The page is searched once; the scope's bylines are those of its elements that
    ``scope.xpath('.//*')`` would find bylines too."""

    def allowed(node: Any) -> bool:
        return not outside_article(node, marked) and not _in_teaser(node)

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
        in_scope = [n for n in page_nodes if _in_scope(n, scope) and allowed(n)]
        found.append(_first_byline(in_scope, site))
    found.append(_first_byline([n for n in page_nodes if allowed(n)], site))
    return found


def _in_teaser(node: Any) -> bool:
    """Whether ``node`` sits in a link that holds more than a byline: a teaser of another
    article ("<a href=/other><h3>...</h3><span class=author>Von A</span></a>"), not an
    author link ("<a rel=author><span class=name>A</span></a>")."""
    for ancestor in node.iterancestors("a"):
        return _text_length(ancestor) > _text_length(node) + 20
    return False


def _text_length(element: Any) -> int:
    return len("".join(element.text_content().split()))


def _in_scope(node: Any, scope: Any) -> bool:
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
    return "username" in _lower(node.get("class")) and any(
        "submitted" in _lower(a.get("class")) for a in between
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
            marked[element] = _class_marks_outside(element.get("class"))
        if marked[element]:
            return True
    return False


def _class_marks_outside(value: str | None) -> bool:
    if not value:
        return False
    lowered = _lower(value)
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
_SIDEBAR_LAYOUT = re.compile(
    r"sidebar[-_]?(?:on|off|left|right|none|active|enabled|disabled|yes|no|layout|position)$"
)


def _is_person(element: Any) -> bool:
    """Person microdata outside a paragraph (``selectors._PERSON``)."""
    return selectors.PERSON_TYPE in (element.get("itemtype") or "") and not any(
        a.tag == "p" for a in element.iterancestors()
    )


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _lower(value: str | None) -> str:
    """XPath's ``translate(@class, 'A..Z', 'a..z')``: ASCII letters only."""
    return (value or "").translate(_ASCII_LOWER)


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
        if _names_someone(names, site):
            return names
    return []


def _names_author(node: Any) -> bool:
    """Whether an element of a byline says it holds an author (not only "byline")."""
    classes = _lower(node.get("class"))
    return (
        node.get("rel") == "author"
        or node.get("itemprop") in ("author", "name")
        or selectors.PERSON_TYPE in (node.get("itemtype") or "")
        or any(part in classes for part in ("auth", "autor", "auteur", "username"))
    )


def _related_to(node: Any, authors: list[Any]) -> bool:
    """Whether ``node`` is one of ``authors``, inside one or around one."""
    return any(node is a or _inside(node, a) or _inside(a, node) for a in authors)


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
# "<span class=sr-only>| By </span><span>Ana Ruiz</span>": a byline's label on its own
_LABEL_ONLY = re.compile(r"^[|·•\s-]*(by|von|par|por)\s*:?$", re.I)


def text_byline(tree: Any) -> list[str]:
    """Names from a "Written by X | Published ..." line after the first <h1>."""
    for node in tree.xpath(selectors.AFTER_H1_LINES)[:12]:
        # "Von A und B<br>Kakuma, Kenia": the byline ends at the line break
        # "---- by Kenneth Surin", "— Von Ana Ruiz": a dash before the byline
        text = _first_line(node).lstrip("-–—•· ")
        label = _LABEL_ONLY.match(text)
        if label and node.getnext() is not None:
            text = f"{label.group(1)} {clean_text(node.getnext().text_content()) or ''}"
        match = _BYLINE_TEXT.match(text) if len(text) < 150 else None
        if match and not _in_teaser(node) and not _book_data(node):
            return _byline_names(match.group(1))
        names = _dated_byline(text)
        if names and not _in_teaser(node):
            return names
    # "<small>04.02.2022 | 13:10 Uhr | Uta Helkenberg</small><h1>": the dated line just
    # above the headline
    for node in tree.xpath("(//h1)[1]/preceding-sibling::*[position() <= 2]"):
        names = _dated_byline(_first_line(node))
        if names and not _in_teaser(node):
            return names
    return []


def _dated_byline(text: str) -> list[str]:
    """ "11.12.2019 - Amelie Loevenich": a date, then nothing but a name or two."""
    dated = _DATE_THEN_NAME.match(text) if len(text) < 80 else None
    if not dated:
        return []
    names = _byline_names(dated.group(3))
    # a single word is a name only after "von"/"by"
    labelled = bool(dated.group(1) or dated.group(2))
    whole = bool(names) and " ".join(names) == dated.group(3).strip()
    return names if whole and (labelled or len(names[0].split()) >= 2) else []


def _byline_names(text: str) -> list[str]:
    """ "A, B und C, NDR" -> A, B, C: every name of a byline line, not only the first; a
    last part of one word after a comma is the agency or the place, no name."""
    text = _BYLINE_STOP.split(text)[0]
    parts = [p.strip() for p in _BYLINE_SPLIT.split(text)]
    parts = [p for p in parts if p]
    if len(parts) > 1 and len(parts[-1].split()) == 1 and "," in text:
        last_comma = text.rsplit(",", 1)[1].strip()
        if last_comma == parts[-1]:
            parts.pop()
    names = clean_names([n for part in parts for n in split_authors(part)])
    # a name starts with a letter and is a few words, not a sentence
    return [n for n in names if n[0].isupper() and len(n.split()) <= 4]


# "Von Claudia Lindner", "Text von Ana Ruiz", "Autorin: Uta Staschewski, Projektleiterin":
# a paragraph of its own, at the top or the foot of the text, that is only a byline
_BYLINE_PARAGRAPH = re.compile(
    r"^\s*(?:(?:(?:text|(?:eine?\s+)?(?:blog\s*)?(?:artikel|beitrag|kolumne|kommentar|interview"
    r"|reportage|analyse|essay|glosse)|gastbeitrag|written|posted|reported|words|texte|écrit"
    r"|escrito|(?:a|an)\s+(?:column|essay|commentary|analysis|interview))\s+)?(?:by|von|par|por)"
    r"|(?:autor(?:in)?|autoren|author|auteur|written\s+by|text)\s*:)\s*(\S.{2,80})$",
    re.I,
)
_PARAGRAPH_START = re.compile(
    r"^\s*(?:by|von|par|por|text|eine?|gast|written|posted|reported|words|écrit|escrito|autor"
    r"|autorin|autoren|author|auteur|blog|a|an|kolumne|kommentar|interview|reportage|analyse"
    r"|essay|glosse|artikel|beitrag)\b",
    re.I,
)
_PARAGRAPH_TAGS = ("p", "h4", "h5", "h6", "address", "byline")


def byline_paragraph(tree: Any, scope: Any, site: set[str], marked: dict[Any, bool]) -> list[str]:
    """Names of the first paragraph that is only a byline, in the article's scope, else in
    the page (not in a comment, a sidebar or a teaser); each a name of two words or more."""
    found: list[list[str]] = []
    for node in tree.iter(*_PARAGRAPH_TAGS):
        if not _PARAGRAPH_START.match(_first_text(node)):
            continue
        text = _first_line(node)
        match = _BYLINE_PARAGRAPH.match(text) if len(text) < 120 else None
        if not match:
            continue
        names = _byline_names(match.group(1))
        if not names or any(len(n.split()) < 2 for n in names):
            continue
        if outside_article(node, marked) or _in_teaser(node):
            continue
        if scope is tree or _inside(node, scope):
            return names
        found.append(names)
    return found[0] if found else []


def _inside(node: Any, scope: Any) -> bool:
    return any(a is scope for a in node.iterancestors())


def _first_text(node: Any) -> str:
    """The text an element starts with (its own, else its first child's): a cheap test
    before its whole text is read."""
    text = node.text or ""
    if not text.strip() and len(node):
        text = node[0].text or ""
    return text


def _first_line(node: Any) -> str:
    """An element's text up to its first <br> after some text ("Von A und B<br>Kakuma,
    Kenia")."""
    parts: list[str] = []

    def walk(element: Any) -> bool:
        if element.tag == "br":
            return bool("".join(parts).strip())
        if isinstance(element.tag, str):
            parts.append(element.text or "")
            for child in element:
                if walk(child):
                    return True
                parts.append(child.tail or "")
        return False

    walk(node)
    return clean_text("".join(parts)) or ""


def author_links(tree: Any, scope: Any, site: set[str], marked: dict[Any, bool]) -> list[str]:
    """Names of the first links to an author's page ("<a href=/autor/frank_g>Gunter
    Frank</a>", with the links beside it: several authors), in the article's scope, else in
    the page; not in a comment, a sidebar or a teaser, and not the site's name."""
    links = [
        a
        for a in tree.xpath(selectors.AUTHOR_LINKS)
        if _AUTHOR_PAGE.search(a.get("href"))
        and not outside_article(a, marked)
        and not _in_teaser(a)
    ]
    for nodes in ([a for a in links if _inside(a, scope)] if scope is not tree else [], links):
        for first in nodes:
            group = [a for a in nodes if a.getparent() is first.getparent()]
            names = clean_names([clean_text(_link_text(a)) or "" for a in group])
            if _names_someone(names, site):
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
    classes = _lower(element.get("class"))
    return (
        element.tag in ("picture", "figure", "figcaption")
        or element.get("itemprop") == "image"
        or "copyright" in classes
        or "credit" in classes
    )


def labelled_byline(tree: Any, scope: Any, site: set[str], marked: dict[Any, bool]) -> list[str]:
    """Names after a label in an element of its own ("<h5>Autor:</h5>Peter Maahn",
    "<h4>Author</h4><p><a>Nikolai Huke</a></p>", "<b>Von:</b><br>Götz Warnke") in the
    article's scope (the page's <body> when there is none); not in a comment, a sidebar,
    a teaser or a book's data."""
    body = scope if scope is not tree else next(iter(tree.xpath("//body")), tree)
    for label in body.xpath(selectors.BYLINE_LABELS):
        if outside_article(label, marked) or _in_teaser(label):
            continue
        names = _byline_names(_text_after(label))
        if _names_someone(names, site) and not _book_data(label.getparent()):
            return names
    return []


_NOT_LABEL_BOXES = frozenset({"a", "li", "ul", "ol", "nav", "button"})


def _text_after(label: Any) -> str:
    """The first line of text after ``label``: its tail, past line breaks, or the next
    element's."""
    text = (label.tail or "").strip(" \t\r\n:")
    # "<p class=label><strong>By</strong></p></div><div><p>Todd Bates</p>": a label alone
    # in its elements; the name follows the outermost of them
    for _ in range(3):
        parent = label.getparent()
        if text or label.getnext() is not None or parent is None or len(parent) != 1:
            break
        # a menu's "Autoren" link labels no byline
        if (parent.text or "").strip() or label.tag in _NOT_LABEL_BOXES:
            break
        if parent.tag in _NOT_LABEL_BOXES or parent.tag in ("body", "article", "main"):
            break
        label = parent
        text = (label.tail or "").strip(" \t\r\n:")
    sibling = label.getnext()
    while not text and sibling is not None and sibling.tag == "br":
        text = (sibling.tail or "").strip()
        sibling = sibling.getnext()
    # a widget's heading over a list of links ("<h2>Autor</h2><ul>...") labels no byline
    if not text and sibling is not None and isinstance(sibling.tag, str):
        text = "" if sibling.tag in ("ul", "ol", "nav") else _first_line(sibling)
    return text[:120]


def _book_data(line: Any) -> bool:
    """Whether the byline ``line`` sits among a book's data ("Autorin: A", "Verlag: B",
    "Seiten: 400" in elements side by side): a review names the book's author, not its own.
    """
    before = list(itertools.islice(line.itersiblings(preceding=True), 4))
    after = list(itertools.islice(line.itersiblings(), 4))
    return any(
        isinstance(e.tag, str) and _BOOK_LABELS.search(e.text_content()[:300])
        for e in (*before, *after)
    )
