"""Stage 3, main content: trafilatura first, with measured fallbacks; body HTML keeps structure."""

from __future__ import annotations

import copy
import html as html_module
import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from . import selectors
from .text import clean_text

logger = logging.getLogger(__name__)

# trafilatura settings chosen on the 990-page dev set and the in-repo news set (quality/)
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "output_format": "html",
    "include_comments": False,
    "include_formatting": True,
    "include_links": True,
    "include_images": False,
    "include_tables": True,
}
# With include_images trafilatura picks its content differently and takes in more teasers
# (990 set: P 0.906 -> 0.891). So the body is chosen without images, and the run with
# images is only used when its text is the same up to this share of words.
IMAGES_TEXT_TOLERANCE = 0.0
# Wrapping kept images in their <figure> with the page's <figcaption> costs precision on
# real pages (990 set: P 0.905 -> 0.894; captions and photo credits count as boilerplate
# there), so it is off by default.
RESTORE_CAPTIONS = False
# another source replaces trafilatura's body when trafilatura keeps less than this share
# of that source's text (paywalled, script-rendered or oddly built pages)
FALLBACK_SHARE = 0.5
# ... and only when that source has at least this many characters of text
FALLBACK_MIN_CHARS = 400
# readability replaces the chosen body only when that keeps less than this share of its text
RESCUE_SHARE = 0.2

_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre",
    "table", "tr", "td", "th", "figure", "figcaption", "section", "article", "br", "dd", "dt",
}  # fmt: skip


@dataclass
class Body:
    html: str
    text: str
    source: str


def fragment_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment, one line per block element."""
    if not fragment or not fragment.strip():
        return ""
    root = parse_fragment(fragment)
    if root is None:
        return clean_text(re.sub(r"<[^>]+>", " ", fragment)) or ""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "template"):
            if node.tail:
                parts.append(node.tail)
            return
        block = node.tag in _BLOCKS
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)

    walk(root)
    lines = (
        re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in "".join(parts).split("\n")
    )
    return "\n".join(line for line in lines if line)


def parse_fragment(fragment: str) -> Any:
    """An HTML fragment (or a whole document) as one element; ``None`` if unparsable."""
    try:
        return lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError, AssertionError):
        pass  # lxml asserts on documents with no or several <body>
    try:
        document = lxml_html.document_fromstring(fragment)
    except (etree.ParserError, ValueError):
        return None
    body = document.find("body")
    return body if body is not None else document


def remove_block(element: Any) -> None:
    """Remove an element but keep its tail text (text after a <br> is content)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def serialise_children(root: Any) -> str:
    """The content of an element (its leading text and children) as HTML."""
    return (root.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )


def _inner_body(document: str) -> str:
    """The children of <body> of a trafilatura HTML document, serialised."""
    try:
        root = lxml_html.document_fromstring(document)
    except (etree.ParserError, ValueError):
        return ""
    body = root.find("body")
    if body is None:
        return ""
    return "".join(etree.tostring(child, encoding="unicode", method="html") for child in body)


def restore_figures(body_html: str, tree: Any, url: str | None) -> str:
    """Wrap images trafilatura kept bare in their original <figure> with its <figcaption>."""
    if tree is None or "<img" not in body_html:
        return body_html
    captions: dict[str, str] = {}
    for figure in tree.xpath(selectors.FIGURES):
        caption = clean_text(figure.xpath(".//figcaption")[0].text_content())
        if not caption:
            continue
        for img in figure.xpath(".//img"):
            for attr in ("src", "data-src", "data-lazy-src"):
                src = img.get(attr)
                if src:
                    captions[_absolute(src.strip(), url)] = caption
    if not captions:
        return body_html
    root = parse_fragment(body_html)
    if root is None:
        return body_html
    for img in root.iter("img"):
        caption = captions.get(img.get("src", ""))
        parent = img.getparent()
        if not caption or parent is None or parent.tag == "figure":
            continue
        figure = etree.Element("figure")
        figure.tail = img.tail
        img.tail = None
        parent.replace(img, figure)
        figure.append(img)
        figcaption = etree.SubElement(figure, "figcaption")
        figcaption.text = caption
    return serialise_children(root)


def _absolute(src: str, url: str | None) -> str:
    from urllib.parse import urljoin

    try:
        return urljoin(url, src) if url else src
    except ValueError:
        return src


def flatten_layout_tables(tree: Any) -> bool:
    """Turn tables used for page layout (cells holding headings or paragraphs) into divs.

    trafilatura treats a table as one unit, so on old table-layout sites it returns the
    whole page, navigation column included. Returns whether anything changed.
    """
    changed = False
    for table in tree.xpath(selectors.LAYOUT_TABLES):
        for node in [table, *table.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
            if node.getparent() is not None or node is table:
                node.tag = "div"
                for attr in ("colspan", "rowspan", "valign", "width"):
                    node.attrib.pop(attr, None)
        changed = True
    return changed


def drop_repeated_blocks(body_html: str) -> str:
    """Remove a standfirst that merely repeats the start of a later block, and repeated blocks."""
    root = parse_fragment(body_html) if body_html else None
    if root is None:
        return body_html
    children = [child for child in root if isinstance(child.tag, str)]
    texts = [clean_text(child.text_content()) or "" for child in children]
    removed = False
    for i, (child, text) in enumerate(zip(children, texts, strict=True)):
        if len(text) < 30:
            continue
        truncated = False
        if text.endswith(("\u2026", "...")):  # a teaser cut short, e.g. a Ghost excerpt
            stem = text.rstrip(".\u2026 ")
            truncated = any(t.startswith(stem) and len(t) > len(stem) for t in texts[i + 1 :])
        if truncated or text in texts[:i]:
            remove_block(child)
            removed = True
    return serialise_children(root) if removed else body_html


HEAD_BLOCKS = 3
_DATE_ONLY = re.compile(r"[\d\s./:,-]*\d[\d\s./:,-]*(?:uhr|am|pm|h)?", re.I)
_CREDIT = re.compile(selectors.CREDIT)
_COUNTER = re.compile(r"\d{1,3}\s*(?:/|of|von|de|sur|z)\s*\d{1,3}", re.I)
# a section heading only counts in the last part of the body ...
TAIL_START_SHARE = 0.6
# ... and only cuts links and short lines after it, never more than this share of the words
TAIL_MAX_CUT_SHARE = 0.5


def _link_share(block: Any, text: str) -> float:
    linked = sum(len(clean_text(a.text_content()) or "") for a in block.iter("a"))
    return linked / len(text) if text else 0.0


def trim_boilerplate(body_html: str) -> str:
    """Remove what trafilatura lets through around the article text.

    - inline promos anywhere: "Read more: <linked headline>", "Lesen Sie auch: ...";
    - a "Related" / "Comments" / "Newsletter" heading near the end, with the links and
      short lines after it;
    - credit lines at the very end ("Photo: ...", "© 2020 ...").
    """
    root = parse_fragment(body_html) if body_html else None
    if root is None:
        return body_html
    blocks = [child for child in root if isinstance(child.tag, str)]
    texts = [clean_text(block.text_content()) or "" for block in blocks]
    sizes = [len(text.split()) for text in texts]
    starts = [text.casefold().startswith(selectors.TAIL_SECTION_STARTERS) for text in texts]
    removed: list[Any] = []
    for index, block in enumerate(blocks):
        text = texts[index]
        if index and starts[index] and ":" in text[:40] and sizes[index] <= 30:
            rest = text.split(":", 1)[1]
            if rest.strip() and _link_share(block, text) >= 0.5 * len(rest) / len(text):
                removed.append(block)
    total = sum(sizes) or 1
    seen = 0
    for index in range(len(blocks)):
        if (
            index
            and starts[index]
            and sizes[index] <= 8
            and seen >= TAIL_START_SHARE * total
            and total - seen <= TAIL_MAX_CUT_SHARE * total
            and all(
                _link_share(later, texts[k]) >= 0.5 or sizes[k] <= 12
                for k, later in enumerate(blocks[index + 1 :], start=index + 1)
            )
        ):
            removed += [b for b in blocks[index:] if b not in removed]
            break
        seen += sizes[index]
    for index, block in enumerate(blocks[:HEAD_BLOCKS]):
        text = texts[index]
        folded = text.casefold()
        if sizes[index] <= 12 and (
            folded.startswith(selectors.HEAD_LINES) or _DATE_ONLY.fullmatch(text)
        ):
            removed.append(block)
    for index, block in enumerate(blocks):
        text = texts[index]
        if block in removed:
            continue
        if (
            (sizes[index] <= 35 and _CREDIT.search(text))  # an image caption with its credit
            or text.casefold() in selectors.UI_LINES  # "Previous", "Advertisement"
            or _COUNTER.fullmatch(text)  # a gallery's "3 / 14"
        ):
            removed.append(block)
    kept = [block for block in blocks if block not in removed]
    while len(kept) > 1:
        last = blocks.index(kept[-1])
        if sizes[last] <= 20 and texts[last].casefold().startswith(selectors.TAIL_CREDIT_LINES):
            removed.append(kept.pop())
        else:
            break
    if not removed:
        return body_html
    for block in removed:
        remove_block(block)
    return serialise_children(root)


def _trafilatura(page: str, url: str | None, **options: Any) -> str:
    try:
        document = trafilatura.extract(page, url=url, **{**TRAFILATURA_OPTIONS, **options})
    except Exception as exc:  # trafilatura raises many types on hostile pages
        logger.info("trafilatura failed on %s: %r", url, exc)
        return ""
    return _inner_body(document) if document else ""


def _same_words(a: str, b: str, tolerance: float) -> bool:
    words_a, words_b = Counter(a.lower().split()), Counter(b.lower().split())
    allowed = tolerance * max(sum(words_a.values()), 1)
    return (
        sum((words_a - words_b).values()) <= allowed
        and sum((words_b - words_a).values()) <= allowed
    )


def trafilatura_body(page: str, url: str | None, tree: Any = None) -> Body | None:
    """trafilatura's main content as HTML (structure, links, tables; images when safe)."""
    if tree is not None and tree.xpath(selectors.LAYOUT_TABLES):
        flat = copy.deepcopy(tree)
        flatten_layout_tables(flat)
        page = etree.tostring(flat, encoding="unicode", method="html")
    body_html = trim_boilerplate(drop_repeated_blocks(_trafilatura(page, url)))
    text = fragment_text(body_html)
    if not text:
        return None
    if tree is not None and tree.xpath("//img"):
        with_images = trim_boilerplate(
            drop_repeated_blocks(_trafilatura(page, url, include_images=True))
        )
        if "<img" in with_images and _same_words(
            text, fragment_text(with_images), IMAGES_TEXT_TOLERANCE
        ):
            body_html = restore_figures(with_images, tree, url) if RESTORE_CAPTIONS else with_images
            text = fragment_text(body_html)
    return Body(body_html, text, "trafilatura")


def readability_body(page: str, url: str | None) -> Body | None:
    """readability-lxml's summary of the page, as an HTML fragment."""
    try:
        from readability import Document

        summary = Document(page, url=url).summary(html_partial=True)
    except Exception as exc:  # readability raises on empty or odd documents
        logger.info("readability failed on %s: %r", url, exc)
        return None
    text = fragment_text(summary)
    return Body(summary, text, "readability") if text else None


def text_to_html(text: str) -> str:
    """Paragraphs (blank-line or line separated) of plain text as <p> elements."""
    chunks = re.split(r"\n\s*\n", text) if "\n\n" in text else text.split("\n")
    paragraphs = [clean_text(chunk) for chunk in chunks]
    return "".join(f"<p>{html_module.escape(p, quote=False)}</p>" for p in paragraphs if p)


def jsonld_body(article_body: str | None) -> Body | None:
    """JSON-LD ``articleBody`` (plain text, sometimes HTML) as paragraphs."""
    if not article_body or not article_body.strip():
        return None
    if re.search(r"<(p|div|br)\b", article_body, re.I):
        body_html = article_body
    else:
        body_html = text_to_html(html_module.unescape(article_body))
    text = fragment_text(body_html)
    return Body(body_html, text, "jsonld") if text else None


def feed_body(content: str | None) -> Body | None:
    """The feed entry's full content (content:encoded, Atom content) as given."""
    if not content or not content.strip():
        return None
    body_html = content if re.search(r"<[a-zA-Z]", content) else text_to_html(content)
    text = fragment_text(body_html)
    return Body(body_html, text, "feed") if text else None


def choose_body(
    primary: Body | None, trusted: list[Body | None], rescue: Body | None = None
) -> Body | None:
    """Pick the body by measured text length.

    trafilatura's body wins unless it is missing or keeps less than ``FALLBACK_SHARE`` of a
    substantial trusted source (JSON-LD ``articleBody``, the feed's full content). readability
    only rescues pages where trafilatura and the trusted sources found nothing, or far less
    (``RESCUE_SHARE``): it tends to take in boilerplate.
    """
    options = [body for body in trusted if body is not None]
    longest = max(options, key=lambda b: len(b.text), default=None)
    if primary is None or (
        longest is not None
        and len(longest.text) >= FALLBACK_MIN_CHARS
        and len(primary.text) < FALLBACK_SHARE * len(longest.text)
    ):
        chosen = longest
    else:
        chosen = primary
    if rescue is not None and (
        chosen is None
        or (
            len(rescue.text) >= FALLBACK_MIN_CHARS
            and len(chosen.text) < RESCUE_SHARE * len(rescue.text)
        )
    ):
        return rescue
    return chosen
