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

from . import prune, selectors
from .fragments import fragment_text, parse_fragment, serialise_children
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


@dataclass
class Body:
    html: str
    text: str
    source: str


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
        prune.flatten_layout_tables(flat)
        page = etree.tostring(flat, encoding="unicode", method="html")
    body_html = prune.trim_boilerplate(prune.drop_repeated_blocks(_trafilatura(page, url)))
    text = fragment_text(body_html)
    if not text:
        return None
    if tree is not None and tree.xpath("//img"):
        with_images = prune.trim_boilerplate(
            prune.drop_repeated_blocks(_trafilatura(page, url, include_images=True))
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
