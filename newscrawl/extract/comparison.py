"""trafilatura's fallback comparison, skipped on pages where it cannot change the result.

After its own extraction trafilatura runs readability on the page (and jusText on short or
unclean results) and takes their text instead only when, in its balanced mode:

- readability's text is more than twice as long as its own (or its own is empty), or its own
  result is built oddly (no paragraph text, more tables than paragraphs);
- its own result is shorter than ``min_extracted_size`` or holds elements it takes for
  boilerplate (``SANITIZED_XPATH``): then jusText is tried.

readability only ever keeps some of the page's text nodes (and writes "VIDEO" into video
frames), so its text, whitespace squeezed, is never longer than all the page's words
joined by one space each. When trafilatura's own text is at least half that long, long
enough, clean and built of paragraphs, no branch above can take another text: the
comparison returns what it was given, and :func:`skip_when_settled` returns it without
running readability. Every other page goes through the comparison as before.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from copy import copy
from typing import Any

from lxml import etree

# the comparison's signature this rule was written for (trafilatura 2.3); another one
# keeps the library's own comparison on every page
_SIGNATURE = ("cleaned_tree", "raw_tree", "body", "text", "options")


def settled(body: Any, text: str, raw_tree: Any, options: Any) -> bool:
    """Whether trafilatura's comparison would keep ``body``/``text`` whatever readability finds."""
    from trafilatura.external import SANITIZED_XPATH

    length = len(text)
    if options.focus != "balanced" or length < options.min_extracted_size:
        return False
    if body.xpath(SANITIZED_XPATH) or not body.xpath(".//p//text()"):
        return False
    if len(body.findall(".//table")) > len(body.findall(".//p")):
        return False
    # readability writes "VIDEO" into each video <iframe>; all else it returns is page text
    added = 6 * int(raw_tree.xpath("count(//iframe)"))
    # all the page's text: nothing readability keeps of it, squeezed, is longer
    if 2 * length >= len(etree.tostring(raw_tree, method="text", encoding="unicode")) + added:
        return True
    # closer: every word of the page, one space after each (text nodes it moves together
    # cannot make more words than they hold apart)
    words = " ".join(raw_tree.itertext()).split()
    return 2 * length >= sum(map(len, words)) + len(words) + added


def skip_when_settled(compare: Callable[..., Any]) -> Callable[..., Any]:
    """``compare`` (trafilatura's ``compare_extraction``) that returns early when settled.

    It takes the raw tree itself (``takes_raw_tree``) and copies it only when it runs the
    comparison, which edits its copy: :func:`extract_and_compare` gives it the tree uncopied.
    """

    def compare_unless_settled(
        cleaned_tree: Any, raw_tree: Any, body: Any, text: str, options: Any
    ) -> Any:
        if settled(body, text, raw_tree, options):
            return body, text
        return compare(cleaned_tree, copy(raw_tree), body, text, options)

    compare_unless_settled.compare = compare  # type: ignore[attr-defined]
    compare_unless_settled.takes_raw_tree = True  # type: ignore[attr-defined]
    return compare_unless_settled


def extract_and_compare(
    cleaned_tree: Any, cleaned_tree_backup: Any, tree: Any, options: Any
) -> tuple[Any, str]:
    """trafilatura's ``_extract_and_compare``, without its copy of the whole raw tree for a
    comparison that :func:`skip_when_settled` skips (a copy costs about 0.2 ms per page)."""
    from trafilatura import core

    postbody, temp_text = core.extract_content(cleaned_tree, options)
    if not options.fast:
        compare = core.compare_extraction
        raw_tree = tree if getattr(compare, "takes_raw_tree", False) else copy(tree)
        postbody, temp_text = compare(cleaned_tree_backup, raw_tree, postbody, temp_text, options)
    return postbody, temp_text


# what trafilatura 2.3's ``_extract_and_compare`` takes and the names its code uses:
# ``extract_and_compare`` replaces it only where it is that function
_STEP_SIGNATURE = ("cleaned_tree", "cleaned_tree_backup", "tree", "options")
_STEP_NAMES = ("extract_content", "fast", "compare_extraction", "copy")


def install() -> bool:
    """Route trafilatura's extraction through :func:`skip_when_settled`; whether it is."""
    from trafilatura import core

    compare = core.compare_extraction
    if not hasattr(compare, "compare"):
        if tuple(inspect.signature(compare).parameters) != _SIGNATURE:
            return False
        core.compare_extraction = skip_when_settled(compare)
    step = core._extract_and_compare
    if (
        step is not extract_and_compare
        and tuple(inspect.signature(step).parameters) == _STEP_SIGNATURE
        and step.__code__.co_names == _STEP_NAMES
    ):
        extract_and_compare.step = step  # type: ignore[attr-defined]
        core._extract_and_compare = extract_and_compare
    return True
