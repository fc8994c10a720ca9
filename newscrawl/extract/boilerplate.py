"""Stage 3c, boilerplate blocks inside the body: promos and boxes trafilatura keeps.

Runs on trafilatura's body (a parsed fragment), with the page's tree, in one pass with
``prune``'s trim rules (which look at the body's top-level blocks first): both read each
block's text, words and links once (``prune.BlockFacts``). The children of a wrapper <div>
holding the paragraphs count as blocks here. Each pattern is one publishers use widely,
checked on the 990-page dev set (``quality/``):

- a "see also" promo line: a short label, a separator, and a link to another article
  ("Lea también: <a>headline</a>", "MIRA: <a>...</a>", "À lire aussi » <a>...</a>");
- a related-links lead-in block ("Auch interessant", "NOTAS RELACIONADAS", "Schon
  gelesen?") and the link blocks after it;
- a short call to subscribe, follow or support the site, or a copyright line, in the
  last part of the body; a paywall or newsletter prompt anywhere;
- links alone closing the body (a teaser list after the last paragraph);
- blocks that sit, on the page, inside an element the page marks as a newsletter,
  related-links, sharing, paywall, disclosure or credit box (by class or id).
"""

from __future__ import annotations

import re
from typing import Any

from . import selectors
from .fragments import remove_block
from .prune import BlockFacts, trim_candidates
from .text import clean_text

# "Label: <a>headline</a>": the label (before the separator) has at most this many words ...
PROMO_LABEL_WORDS = 4
# ... the text after it has at least this many words (a headline, not a name) ...
PROMO_LINK_WORDS = 4
# ... and the links cover at least this share of it
PROMO_LINK_SHARE = 0.8
_PROMO = re.compile(r"^([^:»|]{1,40}?)\s*(?::|»|\|)\s*(\S.*)$")
_LEADIN = re.compile(selectors.RELATED_LEADIN, re.I)
# a block after a lead-in that is a link list: links make up this share of its text
LINK_BLOCK_SHARE = 0.6
# a block closing the body that is a link alone (a teaser): links make up this share
TEASER_LINK_SHARE = 0.9
_MARKED = re.compile(selectors.BOILERPLATE_CLASS)
_CALL_TO_ACTION = re.compile(selectors.CALL_TO_ACTION)
_READER_PROMPT = re.compile(selectors.READER_PROMPT)
# a call to action counts in the last part of the body (this share of its words before it)
# and in a block of at most this many words
CTA_START_SHARE = 0.6
CTA_MAX_WORDS = 50
# a marked box holding at least this share of the body's text is not a box (a class on
# the article's own wrapper)
MARKED_MAX_SHARE = 0.4
# a block shorter than this (a heading, a label) is the box's only when it is the whole
# text of one of its elements: a word such as "Sicherheit" is found in many boxes' text
SHORT_BLOCK_CHARS = 40
# a <div> (<section>, ...) with at least this many paragraphs or headings is a wrapper
WRAPPER_BLOCKS = 3
_WRAPPERS = frozenset({"div", "section", "article", "main"})
_TEXT_BLOCKS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "div"})
_PARTS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "span", "a", "strong", "b")


def _is_promo(block: Any, facts: BlockFacts) -> bool:
    """A "see also" line: a short label, a separator, and links covering the rest."""
    text = facts.text(block)
    head = text[:45]
    if ":" not in head and "»" not in head and "|" not in head:
        return False
    match = _PROMO.match(text)
    if match is None or facts.words(block) > 40:
        return False
    label, rest = match.groups()
    if len(label.split()) > PROMO_LABEL_WORDS or len(rest.split()) < PROMO_LINK_WORDS:
        return False
    return facts.linked(block) >= PROMO_LINK_SHARE * len(rest)


def drop_boilerplate_in(root: Any, tree: Any = None, cache: dict[Any, str] | None = None) -> bool:
    """Remove the boilerplate blocks from a parsed body, in place: ``prune``'s trim rules on
    its top-level blocks, then the rules above on the blocks left; whether any went."""
    facts = BlockFacts(cache)
    trimmed = trim_candidates([child for child in root if isinstance(child.tag, str)], facts)
    blocks = _blocks(root, set(trimmed))
    removed = _boilerplate(blocks, tree, facts) if blocks else set()
    for block in trimmed:  # first, as when the trim rules ran on their own
        remove_block(block)
    if trimmed and removed and root.text is not None and not root.text.strip():
        root.text = None  # as parsing the trimmed body again would (``fragments.edit_parsed``)
    for index in removed:
        remove_block(blocks[index])
    return bool(trimmed) or bool(removed)


def _boilerplate(blocks: list[Any], tree: Any, facts: BlockFacts) -> set[int]:
    """The indexes of the boilerplate blocks among ``blocks`` (never all that hold text)."""
    texts = [facts.text(block) for block in blocks]
    sizes = [facts.words(block) for block in blocks]
    removed: set[int] = set()
    for index, (block, text) in enumerate(zip(blocks, texts, strict=True)):
        if not index or not text:
            continue
        if _is_promo(block, facts):
            removed.add(index)
        elif sizes[index] <= 8 and _LEADIN.match(text):
            removed.add(index)
            for later in range(index + 1, len(blocks)):
                later_text = texts[later]
                if later_text and facts.linked(blocks[later]) < LINK_BLOCK_SHARE * len(later_text):
                    break
                removed.add(later)
    # calls to action and copyright lines near the end
    total, seen = sum(sizes) or 1, 0
    for index, block in enumerate(blocks):
        if 0 < sizes[index] <= CTA_MAX_WORDS and (
            seen >= CTA_START_SHARE * total
            and _CALL_TO_ACTION.search(facts.folded(block))
            or _READER_PROMPT.search(facts.folded(block))
        ):
            removed.add(index)
        seen += sizes[index]
    # links alone closing the body
    for index in range(len(blocks) - 1, 0, -1):
        text = texts[index]
        if not text or index in removed:
            continue
        if sizes[index] >= 3 and facts.linked(blocks[index]) >= TEASER_LINK_SHARE * len(text):
            removed.add(index)
        else:
            break
    if tree is not None:
        removed |= _inside_marked_boxes(tree, blocks, texts, removed)
    if all(index in removed for index, text in enumerate(texts) if text):
        return set()  # never the whole body
    return removed


def _blocks(root: Any, skip: set[Any] | frozenset[Any] = frozenset()) -> list[Any]:
    """The body's blocks but ``skip``; a wrapper (a <div> holding paragraphs) counts by its
    children."""
    blocks: list[Any] = []
    for child in root:
        if not isinstance(child.tag, str) or child in skip:
            continue
        inner = [c for c in child if isinstance(c.tag, str)]
        if child.tag in _WRAPPERS and sum(c.tag in _TEXT_BLOCKS for c in inner) >= WRAPPER_BLOCKS:
            blocks += _blocks(child)
        else:
            blocks.append(child)
    return blocks


def _marked_boxes(tree: Any) -> list[Any]:
    """The page's elements whose class or id marks a box that is not the article's text
    (``selectors.BOILERPLATE_CLASS``); one pass over the class and id values, a substring
    search for the stems, the expression on the few values that hold one."""
    values = tree.xpath(selectors.CLASS_AND_ID_VALUES)
    if not values:
        return []
    joined = "\0".join(values).lower()  # no attribute value holds NUL
    found: set[int] = set()
    for stem in selectors.BOILERPLATE_STEMS:
        position = joined.find(stem)
        while position >= 0:  # each value holding the stem once
            found.add(joined.count("\0", 0, position))
            end = joined.find("\0", position)
            position = joined.find(stem, end) if end >= 0 else -1
    boxes = []
    for index in sorted(found):
        value = values[index]
        if _MARKED.search(value.lower()):
            element = value.getparent()
            if element is not None and (not boxes or boxes[-1] is not element):
                boxes.append(element)
    return boxes


def _inside_marked_boxes(
    tree: Any, blocks: list[Any], texts: list[str], removed: set[int]
) -> set[int]:
    """The blocks whose text lies inside a box the page marks as boilerplate: a long
    block's text within the box's, a short one's (a heading) as the whole text of an
    element of the box."""
    total = sum(len(text) for text in texts)
    boxes: list[tuple[Any, str]] = []
    kept: set[Any] = set()
    for element in _marked_boxes(tree):
        if any(ancestor in kept for ancestor in element.iterancestors()):
            continue  # inside a box already kept: its text is there
        text = clean_text(element.text_content()) or ""
        if text and len(text) < MARKED_MAX_SHARE * total:
            boxes.append((element, text))
            kept.add(element)
    found = set()
    for index, text in enumerate(texts):
        if not boxes:
            break
        if index in removed or not text:
            continue
        holding = [element for element, box in boxes if text in box]
        if holding and (
            len(text) >= SHORT_BLOCK_CHARS or any(_element_text(box, text) for box in holding)
        ):
            found.add(index)
    return found


def _element_text(box: Any, text: str) -> bool:
    """Whether ``text`` is the whole text of an element of ``box``."""
    return any(clean_text(part.text_content()) == text for part in box.iter(*_PARTS))
