"""Clean article markup: sanitised HTML, Markdown and a plain-text excerpt.

Pure functions, callable from ``scrapy shell``::

    >>> from newscrawl.clean import clean_article
    >>> result = clean_article(body_html, response.url, page_html=response.text)
    >>> print(result.markdown)

:func:`clean_html` (``markup``) runs these stages on an HTML fragment or page, each in a
module of its own (``rules`` holds what is kept and dropped; ``tree`` the lxml helpers):

1. (``shortcodes``) strip WordPress-style shortcodes (``[ad_1]``, ``[caption]...[/caption]``,
   ...);
2. parse with lxml and find the base URL (``<base href>`` if it is http/https);
3. (``elements``) drop active and non-content elements (script, style, iframe, svg, forms, ...),
   ad/promo/newsletter/social/related blocks and hidden elements;
4. resolve lazy-loaded images and ``srcset`` to a real ``src``, drop tracking pixels;
5. (``elements``, ``urls``) absolutise links and image URLs, keeping only http/https (and
   mailto on links);
6. (``layout``) unwrap span/font/div soup, drop every attribute not on the allowlist, remove
   empty wrappers, decode left-over entities, normalise whitespace;
7. (``sanitise``) sanitise the result again with nh3 (an allowlist), which is the last word on
   what may appear in the output.

Then ``markdown`` turns clean HTML into Markdown and ``excerpt`` makes the plain-text excerpt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .excerpt import html_to_text, make_excerpt, truncate_words
from .markup import clean_html
from .rules import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, DEFAULT_EXCERPT_LENGTH
from .shortcodes import strip_shortcodes
from .urls import find_base_url, safe_url

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "CleanResult",
    "clean_article",
    "clean_html",
    "find_base_url",
    "html_to_text",
    "make_excerpt",
    "safe_url",
    "strip_shortcodes",
    "to_markdown",
    "truncate_words",
    "DEFAULT_EXCERPT_LENGTH",
]


def __getattr__(name: str) -> Any:
    # ``markdown`` loads markdownify and BeautifulSoup (a quarter of a second): only on use,
    # so a crawl process that hands cleaning to its workers never imports them
    if name == "to_markdown":
        from .markdown import to_markdown

        return to_markdown
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class CleanResult:
    """The cleaned forms of one article body."""

    html: str
    markdown: str
    excerpt: str


def clean_article(
    body_html: str | None,
    url: str = "",
    *,
    page_html: str | None = None,
    summary: str | None = None,
    description: str | None = None,
    excerpt_length: int = DEFAULT_EXCERPT_LENGTH,
    drop_selectors: Iterable[str] = (),
) -> CleanResult:
    """Clean HTML, Markdown and excerpt of an article body (see :func:`clean_html`)."""
    from .markdown import to_markdown

    clean = clean_html(body_html, url, page_html=page_html, drop_selectors=drop_selectors)
    return CleanResult(
        html=clean,
        markdown=to_markdown(clean),
        excerpt=make_excerpt(summary, description, clean, excerpt_length),
    )
