"""Stage 7: nh3 with newscrawl's allowlist, the last word on what the output may hold."""

from __future__ import annotations

import nh3

from .rules import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, DROP_WITH_CONTENT, LINK_REL, LINK_SCHEMES


def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT) - set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(LINK_SCHEMES),
        url_relative="deny",
        link_rel=LINK_REL,
        strip_comments=True,
    )


_NH3 = _cleaner()


def sanitise(markup: str) -> str:
    """Run nh3 with newscrawl's allowlist: the last word on what may appear in the output."""
    return _NH3.clean(markup)
