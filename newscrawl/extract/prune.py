"""Stage 3b, prune: fix what trafilatura gets wrong around the article text.

Before extraction, layout tables become divs. After it, repeated standfirsts and pull quotes, inline
"Read more" promos, related/comments sections at the end, captions with photo credits,
gallery counters, lone interface words, and the headline, kicker and byline lines leave the
body. Every rule was checked on the 990-page dev set for lost content (see ``quality/``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Any

from . import selectors
from .fragments import parse_fragment, remove_block, serialise_children
from .text import clean_text


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


def _on_string(prune_root: Any, body_html: str, *args: Any) -> str:
    """Run a pruning step that works on a parsed fragment on an HTML string."""
    root = parse_fragment(body_html) if body_html else None
    if root is None or not prune_root(root, *args):
        return body_html
    return serialise_children(root)


def drop_repeated_blocks(body_html: str) -> str:
    """Remove a standfirst that merely repeats the start of a later block, and repeated blocks."""
    return _on_string(drop_repeated_in, body_html)


def block_text(block: Any, cache: dict[Any, str] | None = None) -> str:
    """The text of a block of the body, squeezed; ``cache`` keeps it for the next steps (a
    block's text stays the same while other blocks are removed)."""
    if cache is None:
        return clean_text(block.text_content()) or ""
    text = cache.get(block)
    if text is None:
        text = cache[block] = clean_text(block.text_content()) or ""
    return text


def drop_repeated_in(root: Any, cache: dict[Any, str] | None = None) -> bool:
    """``drop_repeated_blocks`` on a parsed fragment, in place; whether anything went."""
    children = [child for child in root if isinstance(child.tag, str)]
    texts = [block_text(child, cache) for child in children]
    inside = _Finder(texts)
    removed = False
    for i, (child, text) in enumerate(zip(children, texts, strict=True)):
        if len(text) < 30:
            continue
        truncated = False
        if text.endswith(("\u2026", "...")):  # a teaser cut short, e.g. a Ghost excerpt
            stem = text.rstrip(".\u2026 ")
            truncated = any(t.startswith(stem) and len(t) > len(stem) for t in texts[i + 1 :])
        # a pull quote repeats a sentence of a paragraph (short, and found inside another)
        quoted = len(text) <= 300 and len(text.split()) >= 6 and inside.longer(text, i, 20)
        if truncated or quoted or text in texts[:i]:
            remove_block(child)
            removed = True
    return removed


class _Finder:
    """Finds a text inside the others of a list, one substring search over them all."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        # the texts joined by NUL, which none holds (``clean_text`` drops control characters)
        self.joined = "\0".join(texts)
        self.starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))

    def longer(self, text: str, index: int, margin: int) -> bool:
        """``any(text in other and len(other) > len(text) + margin for other in the texts
        but the one at index)``, for a ``text`` without NUL."""
        texts, starts, joined = self.texts, self.starts, self.joined
        position = joined.find(text)
        while position >= 0:
            holder = bisect_right(starts, position) - 1
            if holder != index and len(texts[holder]) > len(text) + margin:
                return True
            if holder + 1 >= len(starts):
                return False
            position = joined.find(text, starts[holder + 1])
        return False


# page furniture (a date, "Kategorie: News") is looked for among this many first blocks
HEAD_BLOCKS = 3
_DATE_ONLY = re.compile(selectors.DATE_ONLY, re.I)
_CREDIT = re.compile(selectors.CREDIT)
_COUNTER = re.compile(selectors.COUNTER, re.I)
# a section heading only counts in the last part of the body ...
TAIL_START_SHARE = 0.6
# ... and only cuts links and short lines after it, never more than this share of the words
TAIL_MAX_CUT_SHARE = 0.5


def linked_chars(block: Any) -> int:
    """How many characters of a block's text its links hold (each link's text squeezed)."""
    return sum(len(clean_text(a.text_content()) or "") for a in block.iter("a"))


class BlockFacts:
    """What the block rules read of a body's blocks, each worked out once per block: a block's
    text, words, casefolded text and linked characters stay the same while other blocks (never
    its own ancestors or descendants) are removed. ``texts`` is a ``block_text`` cache."""

    def __init__(self, texts: dict[Any, str] | None = None) -> None:
        self.texts: dict[Any, str] = {} if texts is None else texts
        self._words: dict[Any, int] = {}
        self._folded: dict[Any, str] = {}
        self._linked: dict[Any, int] = {}

    def text(self, block: Any) -> str:
        return block_text(block, self.texts)

    def words(self, block: Any) -> int:
        count = self._words.get(block)
        if count is None:
            count = self._words[block] = len(self.text(block).split())
        return count

    def folded(self, block: Any) -> str:
        folded = self._folded.get(block)
        if folded is None:
            folded = self._folded[block] = self.text(block).casefold()
        return folded

    def linked(self, block: Any) -> int:
        count = self._linked.get(block)
        if count is None:
            count = self._linked[block] = linked_chars(block)
        return count

    def link_share(self, block: Any) -> float:
        text = self.text(block)
        return self.linked(block) / len(text) if text else 0.0


def trim_boilerplate(body_html: str) -> str:
    """Remove what trafilatura lets through around the article text.

    - inline promos anywhere: "Read more: <linked headline>", "Lesen Sie auch: ...";
    - a "Related" / "Comments" / "Newsletter" heading near the end, with the links and
      short lines after it;
    - credit lines at the very end ("Photo: ...", "© 2020 ...").
    """
    return _on_string(trim_boilerplate_in, body_html)


def trim_boilerplate_in(root: Any, cache: dict[Any, str] | None = None) -> bool:
    """``trim_boilerplate`` on a parsed fragment, in place; whether anything went."""
    removed = trim_candidates([child for child in root if isinstance(child.tag, str)], cache)
    for block in removed:
        remove_block(block)
    return bool(removed)


def trim_candidates(blocks: list[Any], cache: dict[Any, str] | BlockFacts | None = None) -> list:
    """The blocks ``trim_boilerplate`` removes of the body's top-level ``blocks`` (in the order
    it removes them; one may come twice); ``cache`` a ``block_text`` cache or ``BlockFacts``."""
    facts = cache if isinstance(cache, BlockFacts) else BlockFacts(cache)
    texts = [facts.text(block) for block in blocks]
    sizes = [facts.words(block) for block in blocks]
    starts = [facts.folded(block).startswith(selectors.TAIL_SECTION_STARTERS) for block in blocks]
    removed: list[Any] = []
    for index, block in enumerate(blocks):
        text = texts[index]
        if index and starts[index] and ":" in text[:40] and sizes[index] <= 30:
            rest = text.split(":", 1)[1]
            if rest.strip() and facts.link_share(block) >= 0.5 * len(rest) / len(text):
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
                sizes[k] <= 12 or facts.link_share(later) >= 0.5
                for k, later in enumerate(blocks[index + 1 :], start=index + 1)
            )
        ):
            removed += [b for b in blocks[index:] if b not in removed]
            break
        seen += sizes[index]
    for index, block in enumerate(blocks[:HEAD_BLOCKS]):
        text = texts[index]
        if sizes[index] <= 12 and (
            facts.folded(block).startswith(selectors.HEAD_LINES) or _DATE_ONLY.fullmatch(text)
        ):
            removed.append(block)
    for index, block in enumerate(blocks):
        text = texts[index]
        if block in removed:
            continue
        if (
            (sizes[index] <= 35 and _CREDIT.search(text))  # an image caption with its credit
            or facts.folded(block) in selectors.UI_LINES  # "Previous", "Advertisement"
            or _COUNTER.fullmatch(text)  # a gallery's "3 / 14"
        ):
            removed.append(block)
    kept = [block for block in blocks if block not in removed]
    while len(kept) > 1:
        last = blocks.index(kept[-1])
        if sizes[last] <= 20 and facts.folded(blocks[last]).startswith(selectors.TAIL_CREDIT_LINES):
            removed.append(kept.pop())
        else:
            break
    return removed


# the headline, kicker and byline are looked for among this many first blocks
TITLE_BLOCKS = 5
_BYLINE_START = re.compile(selectors.BYLINE_START, re.I)
_WORDS = re.compile(r"\w+")


def drop_title_and_byline(body_html: str, title: str | None, authors: list[str]) -> str:
    """trafilatura keeps the page's headline, and often the kicker above it and the byline
    below it; title and authors are fields of their own, so these leave the body.

    Among the first blocks: a block whose text is the title (and short blocks before it),
    and a short block naming an author that starts with "By" or carries a date.
    """
    return _on_string(drop_title_and_byline_in, body_html, title, authors)


def drop_title_and_byline_in(root: Any, title: str | None, authors: list[str]) -> bool:
    """``drop_title_and_byline`` on a parsed fragment, in place; whether anything went."""
    blocks = [child for child in root if isinstance(child.tag, str)][:TITLE_BLOCKS]
    texts = [clean_text(block.text_content()) or "" for block in blocks]
    drop: list[Any] = []
    if title:
        title_words = set(_WORDS.findall(title.casefold()))
        for index, text in enumerate(texts):
            words = set(_WORDS.findall(text.casefold()))
            similar = blocks[index].tag == "h1" and (
                len(words & title_words) >= 0.6 * max(len(words), len(title_words), 1)
            )
            if text.casefold() == title.casefold() or similar:
                before = blocks[:index]
                if all(len(t.split()) <= 6 for t in texts[:index]):
                    drop += [*before, blocks[index]]
                else:
                    drop.append(blocks[index])
                break
    names = [a.casefold() for a in authors if len(a) > 3]
    for block, text in zip(blocks, texts, strict=True):
        folded = text.casefold()
        if (
            block not in drop
            and names
            and len(text.split()) <= 25
            and any(name in folded for name in names)
            and (_BYLINE_START.match(text) or re.search(r"\d", text))
        ):
            drop.append(block)
    for block in drop:
        remove_block(block)
    return bool(drop)
