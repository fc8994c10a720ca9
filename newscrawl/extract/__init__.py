"""Article extraction: metadata and main content of a news page, as pure functions.

``extract_article(html, url, entry=None, fetched_at=None)`` runs these stages:

1. load (``load``): decode, remove control characters (raw or as ``&#14;``), parse;
2. metadata, each layer a dict of candidate fields:
   JSON-LD (``jsonld``) > OpenGraph/``article:*``/Dublin Core/<meta> (``meta``)
   > the feed entry > page heuristics: <h1>, <time>, byline (``heuristics``, ``bylines``);
3. main content (``content``): trafilatura (tuned), replaced by JSON-LD ``articleBody``
   or the feed's full content when trafilatura keeps far less, rescued by readability-lxml
   when everything else comes back (almost) empty;
4. prune (``prune``): layout tables flattened before trafilatura; after it, repeated
   standfirsts, "Read more" promos, related/comments tails, captions with credits, gallery
   counters and the headline/kicker/byline lines leave the body;
5. assemble (``assemble``): precedence, dates checked against the fetch time,
   URLs made absolute, categories merged with the feed's, word count.

All XPath selectors and text patterns live in ``selectors``; ``fragments`` holds the HTML
fragment helpers (parse, serialise, to text). Nothing here raises on bad input: a field that
cannot be found is ``None`` (or an empty list, or 0 for ``word_count``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["ARTICLE_KEYS", "extract_article"]


def __getattr__(name: str) -> Any:
    # imported on first use: the helpers (fragments, text, dates) are used without
    # extraction, e.g. in archive-only crawls, and trafilatura takes a second to import
    if name in __all__:
        from . import assemble

        return getattr(assemble, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
