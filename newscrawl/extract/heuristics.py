"""Stage 2d, page heuristics: the <h1>, a <time> element, a byline; used when nothing else says."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from htmldate import find_date
from lxml import etree

from . import selectors
from .authors import clean_names
from .text import clean_text, split_authors

_WORD = re.compile(r"\w+")
# an element of an <h1> that holds a kicker (a topic line above the headline) or hidden text
_KICKER_CLASS = re.compile(
    r"kicker|dachzeile|spitzmarke|topline|roofline|overline|eyebrow|supertitle|sub-?heading"
    r"|subtitle|topic|\blabel\b|visually-hidden|sr-only|screen-reader|small",
    re.I,
)
_KICKER_PUNCT = " :;,|-–—·•"
# the last element of an <h1> that holds a subtitle ("<span class=entry-subtitle>")
_SUBTITLE_CLASS = re.compile(r"sub-?title|subline|sub-?headline|\bdek\b|standfirst", re.I)
# "/2019/01/01/slug", "/2019-01-01/slug": the publisher's day in the URL
_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])/")
_IS_BYLINE = etree.XPath(selectors.BYLINE)
_IS_BYLINE_ITSELF = etree.XPath(selectors.BYLINE_SELF)
_BYLINE_CLASS_HINT = re.compile(selectors.BYLINE_CLASS_HINT, re.I)
_BYLINE_TEXT = re.compile(selectors.BYLINE_TEXT, re.I)
_BYLINE_END = re.compile(selectors.BYLINE_END, re.I)
# where the names of a byline line end (a comma separates names there), how they split
_BYLINE_STOP = re.compile(
    r"\s*(?:[|·•/]|\s[-–—]\s|\S+@\S+|\d"
    r"|\b(?:published|updated|posted|on|last|at|am|um|le|veröffentlicht|aktualisiert"
    r"|lesezeit|reading|kategorien?|categories|publicado|publié)\b"
    # a month only before a day: "Jan" is also a name
    r"|\b(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|june?"
    r"|juni|july|juli|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?"
    r"|dec(?:ember)?|dez(?:ember)?)\.?\s+\d)",
    re.I,
)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|;|&|\s(?:and|und|et|y|e|og|och)\s)\s*", re.I)
_TITLE_SUFFIX = re.compile(r"\s+[|\u2013\u2014:·»-]\s+[^|\u2013\u2014:·»-]{2,40}$")


def _scope(tree: Any) -> Any:
    # a comment's or a sidebar teaser's <article> is not the page's article
    for scope in tree.xpath(selectors.ARTICLE_SCOPE):
        if not _outside_article(scope):
            return scope
    return tree


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _page_title(tree: Any) -> str | None:
    """The <title> element's text; one that the parser moved into the body (markup before
    it in the head) still counts, but not an SVG image's tooltip."""
    titles = tree.xpath(selectors.TITLE) or tree.xpath(selectors.TITLE_ANYWHERE)
    return clean_text(titles[0].text_content()) if titles else None


def _title(tree: Any, scope: Any, page_title: str | None) -> str | None:
    """The <h1> that the <title> element agrees with, else the <title> minus a site suffix.

    An <h1> inside the article wins outright; elsewhere an <h1> often holds the site name
    or "Navigation", so it must share words with the <title>.
    """
    if scope is not tree:
        headings = [clean_text(h.text_content()) for h in scope.xpath(selectors.H1)]
        if headings and headings[0]:
            return headings[0]
    title_words = _words(page_title or "")
    best, best_share = None, 0.0
    for heading in tree.xpath(selectors.H1):
        text = clean_text(heading.text_content())
        if not text:
            continue
        words = _words(text)
        share = len(words & title_words) / len(words) if words else 0.0
        if share > best_share:
            best, best_share = text, share
    if best and best_share >= 0.5:
        return best
    if page_title:
        return _TITLE_SUFFIX.sub("", page_title) or page_title
    return best


def _date(tree: Any, scope: Any, url: str | None, fetched_at: datetime | None) -> str | None:
    for candidate in (scope, tree):
        times = candidate.xpath(selectors.TIME)
        if times:
            return times[0].get("datetime")
    try:  # htmldate reads dates from visible text, URLs and odd markup
        found = find_date(
            tree,
            url=url,
            original_date=True,
            extensive_search=True,
            max_date=(fetched_at or datetime.now(timezone.utc)).strftime("%Y-%m-%d"),
        )
    except Exception:  # htmldate raises on odd trees; a missing date is fine
        return None
    return None if found and _low_precision(found, url) else found


def _low_precision(day: str, url: str | None) -> bool:
    """htmldate's guess from a year or a month alone: 1 January, or the first of the month
    that the URL names without a day (``/2010/05/slug``)."""
    if day.endswith("-01-01"):
        return True
    year, month, date = day[:4], day[5:7], day[8:10]
    return date == "01" and bool(
        url
        and re.search(rf"/{year}/{month}/(?!\d)", url)
        and not re.search(rf"/{year}/{month}/01/", url)
    )


def heuristic_fields(
    tree: Any, url: str | None = None, fetched_at: datetime | None = None
) -> dict[str, Any]:
    """Title from an <h1> (else <title> minus a site suffix), date from <time> (else
    htmldate), authors from a byline."""
    scope = _scope(tree)
    fields: dict[str, Any] = {}
    page_title = _page_title(tree)
    title = _title(tree, scope, page_title)
    if title:
        fields["title"] = title
    # for ``titles.choose_title``: the <h1>s (the article's first) and the <title> element
    # a kicker in its own element stays a separate word ("<span>Open Future</span>Why ...")
    headings = [_heading_text(h) for h in scope.xpath(selectors.H1)]
    if scope is not tree:
        headings += [_heading_text(h) for h in tree.xpath(selectors.H1)]
    fields["headings"] = list(dict.fromkeys(h for h in headings if h))
    fields["page_title"] = page_title
    if scope is not tree:
        times = [t for t in scope.xpath(selectors.TIME_PUBLISHED) if not _outside_article(t)]
        if times:
            fields["time_element"] = times[0].get("datetime")
    day = _URL_DAY.search(url or "")
    if day:
        fields["url_day"] = "-".join(day.groups())
    published = _date(tree, scope, url, fetched_at)
    if published:
        fields["published"] = published
    candidates = _bylines(tree, scope)
    candidates.append(_byline_text(tree))
    candidates = [c for c in candidates if c]
    if candidates:
        fields["authors"] = candidates[0]
        fields["author_candidates"] = candidates
    return fields


def _heading_text(heading: Any) -> str | None:
    """An <h1>'s headline: without a leading kicker in an element of its own ("<span
    class=dachzeile>", "<small>", a topic before a separator in an element of its own)
    and without a trailing subtitle element, when a headline of several words remains; a
    space between its elements' texts where the page gives none and a word follows."""
    full = _texts(heading, heading, skip_kickers=False)
    subtitle = _trailing_subtitle(heading)
    skip = {subtitle} if subtitle is not None else set()
    headline = _texts(heading, heading, skip_kickers=True, skip=skip)
    headline = headline.lstrip(_KICKER_PUNCT) if headline else headline
    after = _after_separator(heading, skip)
    if after and len(after.split()) >= 2:
        headline = after
    if headline and headline != full and len(headline.split()) >= 2:
        return headline
    return full


def _parts(heading: Any) -> list[Any]:
    """The elements an <h1>'s text is made of: its children, or those of its only child."""
    children = [c for c in heading if isinstance(c.tag, str)]
    if len(children) == 1 and not (heading.text or "").strip():
        children = [c for c in children[0] if isinstance(c.tag, str)]
    return children


def _trailing_subtitle(heading: Any) -> Any:
    """The last element of an <h1> when it is a subtitle ("<span class=subline>",
    "<small class=article-subtitle>") with text before it."""
    children = _parts(heading)
    if len(children) < 1 or (children[-1].tail or "").strip():
        return None
    last = children[-1]
    if not (last.tag == "small" or _SUBTITLE_CLASS.search(last.get("class") or "")):
        return None
    return last if children[0] is not last or (last.getparent().text or "").strip() else None


def _after_separator(heading: Any, skip: set[Any]) -> str | None:
    """The headline after a topic when the <h1> puts the separator between them in an
    element of its own ("<span>Coronavirus</span><span aria-hidden=true> – </span>
    <span>Wie ...</span>")."""
    children = _parts(heading)
    for index, child in enumerate(children[1:-1], start=1):
        text = child.text_content().strip()
        if text and not text.strip(_KICKER_PUNCT) and not (child.tail or "").strip():
            rest = [c for c in children[index + 1 :] if c not in skip]
            return clean_text(" ".join(c.text_content() + (c.tail or "") for c in rest))
    return None


def _texts(element: Any, top: Any, skip_kickers: bool, skip: set[Any] | None = None) -> str | None:
    parts: list[str] = []
    skip = skip or set()

    def add(piece: str | None) -> None:
        if piece:
            if parts and piece[:1].isalnum() and not parts[-1][-1:].isspace():
                parts.append(" ")
            parts.append(piece)

    def walk(node: Any) -> None:
        if node is not top and isinstance(node.tag, str):
            # a kicker comes first: nothing but space before it
            kicker = node.tag == "small" or _KICKER_CLASS.search(node.get("class") or "")
            if node not in skip and not (skip_kickers and kicker and not "".join(parts).strip()):
                add(node.text)
                for child in node:
                    walk(child)
        elif node is top:
            add(node.text)
            for child in node:
                walk(child)
        if node is not top:
            add(node.tail)

    walk(element)
    return clean_text("".join(parts))


def _bylines(tree: Any, scope: Any) -> list[list[str]]:
    """The names of the first byline in the article's scope, then in the whole page.

    The page is searched once; the scope's bylines are those of its elements that
    ``scope.xpath('.//*')`` would find bylines too."""
    marked: dict[Any, bool] = {}  # an element's own class marks a comment, a sidebar...

    def allowed(node: Any) -> bool:
        return not _outside_article(node, marked)

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
        found.append(_first_byline([n for n in page_nodes if _in_scope(n, scope) and allowed(n)]))
    found.append(_first_byline([n for n in page_nodes if allowed(n)]))
    return found


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


def _outside_article(node: Any, marked: dict[Any, bool] | None = None) -> bool:
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
    tokens = " " + " ".join(_XPATH_SPACE.split(lowered.strip(" \t\r\n"))) + " "
    return any(part in tokens for part in selectors.NOT_BYLINE_CLASS_STARTS) or any(
        part in lowered for part in selectors.NOT_BYLINE_CLASS_PARTS
    )


_XPATH_SPACE = re.compile(r"[ \t\r\n]+")


def _is_person(element: Any) -> bool:
    """Person microdata outside a paragraph (``selectors._PERSON``)."""
    return selectors.PERSON_TYPE in (element.get("itemtype") or "") and not any(
        a.tag == "p" for a in element.iterancestors()
    )


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _lower(value: str | None) -> str:
    """XPath's ``translate(@class, 'A..Z', 'a..z')``: ASCII letters only."""
    return (value or "").translate(_ASCII_LOWER)


def _first_byline(nodes: list[Any]) -> list[str]:
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
        names = _names_in(group)
        # "<div class=authors><span class=label>Author:</span> Ana Ruiz</div>": the inner
        # element is only the label; the name is the outer one's text
        if not names and inner:
            names = _names_in([first])
        if names:
            return names
    return []


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


def _byline_text(tree: Any) -> list[str]:
    """Names from a "Written by X | Published ..." line after the first <h1>."""
    for node in tree.xpath(selectors.AFTER_H1_LINES)[:12]:
        text = clean_text(node.text_content()) or ""
        label = _LABEL_ONLY.match(text)
        if label and node.getnext() is not None:
            text = f"{label.group(1)} {clean_text(node.getnext().text_content()) or ''}"
        match = _BYLINE_TEXT.match(text) if len(text) < 150 else None
        if match:
            return _byline_names(match.group(1))
    return []


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
