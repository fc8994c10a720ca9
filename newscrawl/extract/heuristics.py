"""Stage 2d, page heuristics: the <h1>, a <time> element, a byline; used when nothing else says."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from htmldate import find_date
from lxml import etree

from . import selectors
from .bylines import byline_candidates
from .bylines import outside_article as _outside_article
from .dates import host_zone, shows_date
from .text import clean_text

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
# where the header shows the publication's date: the elements with a class or a <time>
# just after the headline and just before it, and the classes such an element has
AFTER_HEADLINE = 40
BEFORE_HEADLINE = 10
NEAR_LEVELS = 6
_CLASSED = "(descendant-or-self::*[@class or self::time])"
_FIRST_CLASSED = etree.XPath(_CLASSED + "[position() <= $n]")
_LAST_CLASSED = etree.XPath(_CLASSED + "[position() > last() - $n]")
_SHOWN_CLASS = re.compile(r"date|time|publi|posted|dateline|byline|meta|datum|fecha", re.I)
MAX_SHOWN_CHARS = 200
FIRST_AFTER_HEADLINE = 3
MAX_FIRST_CHARS = 80
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


def _date(
    tree: Any, scope: Any, url: str | None, fetched_at: datetime | None
) -> tuple[str | None, bool]:
    """The first <time datetime>'s value, else htmldate's pick among the page's dates; and
    whether it is htmldate's."""
    for candidate in (scope, tree):
        times = candidate.xpath(selectors.TIME)
        if times:
            return times[0].get("datetime"), False
    try:  # htmldate reads dates from visible text, URLs and odd markup
        found = find_date(
            tree,
            url=url,
            original_date=True,
            extensive_search=True,
            max_date=(fetched_at or datetime.now(timezone.utc)).strftime("%Y-%m-%d"),
        )
    except Exception:  # htmldate raises on odd trees; a missing date is fine
        return None, True
    return (None if found and _low_precision(found, url) else found), True


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


def _shown(tree: Any, scope: Any) -> str | None:
    """The text showing the article's date ("By Ana Ruiz | March 4, 2025 9:30 PM"): in a
    <time> or a date-like element just after the headline (or just before it), not in a
    sidebar or a comment."""
    headings = scope.xpath(selectors.H1) or tree.xpath(selectors.H1)
    if not headings:
        return None
    heading = headings[0]
    after = _near(heading, AFTER_HEADLINE, False)
    # the first elements after the headline show its date whatever their class ("<p
    # class=text-grey>1. Februar 2022, Ana Ruiz</p>", "<div class=docData>Datum: ...")
    first = set(after[:FIRST_AFTER_HEADLINE])
    for element in after + _near(heading, BEFORE_HEADLINE, True):
        dated = element.tag == "time" or _SHOWN_CLASS.search(element.get("class") or "")
        if not dated and element not in first:
            continue
        text = _short_text(element)
        if text is None or (not dated and len(text) > MAX_FIRST_CHARS) or not shows_date(text):
            continue
        # a link's date is another page's ("<a class=publication>Nr. 34 vom 8. November")
        if element.tag == "a" or next(element.iterancestors("a"), None) is not None:
            continue
        if not _outside_article(element) and not _linked_date(element):
            return text  # read by ``dates.choose_published`` when it needs it
    return None


def _linked_date(element: Any) -> bool:
    """Whether the element's date stands only in a link: another page's."""
    if element.find(".//a") is None:
        return False
    outside = element.xpath(".//text()[not(ancestor::a)]")
    return not shows_date(" ".join(" ".join(outside).split()))


def _short_text(element: Any) -> str | None:
    """The element's text, whitespace squeezed; ``None`` past ``MAX_SHOWN_CHARS`` (read
    no further: a container of the whole article has a date-like class too)."""
    size, pieces = 0, []
    for piece in element.itertext():
        size += len(piece)
        if size > MAX_SHOWN_CHARS:
            return None
        pieces.append(piece)
    return " ".join("".join(pieces).split())


def _near(heading: Any, limit: int, before: bool) -> list[Any]:
    """The first ``limit`` elements with a class or ``<time>`` after ``heading`` in
    document order (``before``: before it, nearest first), looking in the siblings of the
    heading and of a few of its ancestors (the article's header), not the whole page."""
    found: list[Any] = []
    node = heading
    for _ in range(NEAR_LEVELS):
        if node is None or node.tag in ("body", "html"):
            break
        for sibling in node.itersiblings(preceding=before):
            if not isinstance(sibling.tag, str):
                continue
            wanted = limit - len(found)
            if before:
                found += _LAST_CLASSED(sibling, n=wanted)[::-1]
            else:
                found += _FIRST_CLASSED(sibling, n=wanted)
            if len(found) >= limit:
                return found[:limit]
        node = node.getparent()
    return found


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
    zone = host_zone(url)
    if zone:
        fields["zone"] = zone
    shown = _shown(tree, scope)
    if shown:
        fields["shown_date"] = shown
    published, guessed = _date(tree, scope, url, fetched_at)
    if published:
        fields["published"] = published
        fields["published_guessed"] = guessed  # htmldate's pick, no <time> element's
    candidates = byline_candidates(tree, scope, url)
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
