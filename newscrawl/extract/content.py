"""Stage 3, main content: trafilatura first, with measured fallbacks; body HTML keeps structure."""

from __future__ import annotations

import copy
import html as html_module
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml import html as lxml_html
from trafilatura import bare_extraction
from trafilatura.htmlprocessing import build_html_output
from trafilatura.settings import Extractor

from . import boilerplate, comparison, lede, prune, selectors
from .fragments import (
    edit_parsed,
    element_text,
    fragment_text,
    parse_fragment,
    serialise_children,
)
from .text import clean_text

logger = logging.getLogger(__name__)

# trafilatura skips its readability/jusText comparison where that cannot change its result
comparison.install()

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
# (990 set: P 0.906 -> 0.891). So trafilatura runs once, without images, and the page's
# images are put back beside the paragraphs that follow them (``restore_images``).
RESTORE_IMAGES = True
# Wrapping kept images in their <figure> with the page's <figcaption> costs precision on
# real pages (990 set: P 0.905 -> 0.894; captions and photo credits count as boilerplate
# there), so it is off by default. Only the figures inside the <article> (or the
# itemprop=articleBody element) still cost more than they bring: F1 0.9298 -> 0.9292
# (0.9294 without the captions holding a photo credit).
RESTORE_CAPTIONS = False
# Put back the standfirst trafilatura leaves out (``lede.py``): 990 set, 53 more true
# snippets for none more of boilerplate
RESTORE_LEDE = True
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
    # ``html`` parsed (``parse_fragment``), when the stage that made it had the tree: the
    # later stages work on it instead of parsing ``html`` again
    root: Any = field(default=None, compare=False, repr=False)
    # ``root`` was edited after ``html`` was serialised (images put back): the body's HTML is
    # ``serialise_children(root)``, left to the last stage, which edits the tree again
    stale: bool = field(default=False, compare=False, repr=False)
    # the text of each child of ``root`` (``element_text``'s ``chunks``), for the last stage
    chunks: dict[Any, str] | None = field(default=None, compare=False, repr=False)


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


def _trafilatura(source: Any, url: str | None) -> str:
    """trafilatura's main content of ``source`` (a parsed tree, left untouched, or text)."""
    options = Extractor(
        output_format="html",
        comments=TRAFILATURA_OPTIONS["include_comments"],
        formatting=TRAFILATURA_OPTIONS["include_formatting"],
        links=TRAFILATURA_OPTIONS["include_links"],
        images=TRAFILATURA_OPTIONS["include_images"],
        tables=TRAFILATURA_OPTIONS["include_tables"],
        url=url,
    )
    try:
        # bare_extraction + the HTML output step is what trafilatura.extract does, less
        # the content fingerprint it computes for every document (a third of its time)
        document = bare_extraction(source, options=options)
        output = build_html_output(document) if document is not None else ""
    except Exception as exc:  # trafilatura raises many types on hostile pages
        logger.info("trafilatura failed on %s: %r", url, exc)
        return ""
    # composed characters (NFC), as trafilatura's own text output has them: pages written
    # with combining marks ("u" + U+0308) otherwise differ from the same words typed whole
    return unicodedata.normalize("NFC", _inner_body(output)) if output else ""


def _block_key(text: str | None) -> str:
    """``" ".join(text.split())[:80]``; squeezing a prefix of ``text`` gives a prefix of the
    whole squeezed text, so a prefix that squeezes to 80+ characters is enough."""
    if not text:
        return ""
    head = " ".join(text[:_KEY_HEAD].split())
    return head[:80] if len(head) >= 80 else " ".join(text.split())[:80]


_KEY_HEAD = 200  # characters of a block's text squeezed first for its key


def restore_images(body_html: str, tree: Any, url: str | None) -> str:
    """Put the article's images back into trafilatura's body (extracted without images).

    An image goes in before the body block that holds the text of the first paragraph
    following it on the page, when both sit in the same part of the page (not in the
    header, navigation, footer or an aside). The body's text is unchanged.
    """
    if tree is None or not body_html:
        return body_html
    root = parse_fragment(body_html)
    if root is None or not restore_images_in(root, tree, url):
        return body_html
    return serialise_children(root)


def restore_images_in(root: Any, tree: Any, url: str | None) -> bool:
    """``restore_images`` on a parsed fragment, in place; whether an image was put back."""
    candidates = []
    for img in tree.xpath(selectors.CONTENT_IMAGES):
        src = (img.get("src") or img.get("data-src") or "").strip()
        if not src or src.startswith("data:"):
            continue
        scope = img.getparent()
        for _ in range(2):
            if scope is not None and scope.getparent() is not None and scope.tag != "body":
                scope = scope.getparent()
        if scope is None:
            continue
        following = _next_paragraph(img, scope)
        if following:
            candidates.append((following, _absolute(src, url), img.get("alt")))
    if not candidates:
        return False
    # the first body block of each key that an image looks for: the blocks after the last
    # of those are not read
    wanted = {key for key, _, _ in candidates}
    blocks = {}
    for block in root:
        if not wanted:
            break
        if isinstance(block.tag, str):
            key = _block_key(block.text_content())
            if key not in blocks:
                blocks[key] = block
                wanted.discard(key)
    placed = False
    for key, src, alt in candidates:
        block = blocks.get(key)
        if block is None:
            continue
        img = etree.Element("img", src=src)
        if alt:
            img.set("alt", alt)
        img.tail = "\n"
        block.addprevious(img)
        placed = True
    return placed


def _next_paragraph(img: Any, scope: Any) -> str | None:
    """The text (key) of the first paragraph of 30+ characters after ``img`` inside ``scope``."""
    seen = False
    for element in scope.iter("img", "p"):
        if element is img:
            seen = True
        elif seen and element.tag == "p":
            key = _block_key(element.text_content())
            if len(key) >= 30:
                return key
    return None


def trafilatura_body(page: str, url: str | None, tree: Any = None) -> Body | None:
    """trafilatura's main content as HTML (structure, links, tables; the page's images)."""
    source: Any = tree if tree is not None else page
    if tree is not None and tree.xpath(selectors.LAYOUT_TABLES):
        source = copy.deepcopy(tree)
        prune.flatten_layout_tables(source)
    body_html = _trafilatura(source, url)
    root = parse_fragment(body_html) if body_html else None
    if root is None:  # nothing, or nothing lxml can parse: the string helpers cope
        body_html = prune.trim_boilerplate(prune.drop_repeated_blocks(body_html))
        text = fragment_text(body_html)
        return Body(body_html, text, "trafilatura") if text else None
    # one tree through the pruning steps, serialised once
    texts: dict[Any, str] = {}  # each block's text, for both steps
    changed = edit_parsed(root, prune.drop_repeated_in, texts)
    changed = edit_parsed(root, boilerplate.drop_boilerplate_in, tree, texts) or changed
    chunks: dict[Any, str] = {}
    text = element_text(root, chunks)
    if not text:
        return None
    if RESTORE_LEDE and tree is not None and edit_parsed(root, lede.restore_lede_in, tree, text):
        changed = True
        chunks = {}  # the standfirst may have gone inside a block whose text is kept
        text = element_text(root, chunks)
    if RESTORE_IMAGES and tree is not None:
        changed = edit_parsed(root, restore_images_in, tree, url) or changed
    if RESTORE_IMAGES and RESTORE_CAPTIONS and tree is not None:
        if changed:
            body_html = serialise_children(root)
        return Body(restore_figures(body_html, tree, url), text, "trafilatura")
    return Body(body_html, text, "trafilatura", root, stale=changed, chunks=chunks)


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
