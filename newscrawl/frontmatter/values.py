"""Values as records hold them: one-line text, deduplicated lists, dates in a zone, web URLs."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from newscrawl.extract.dates import parse_date
from newscrawl.extract.text import dedupe

__all__ = ["clean_text", "post_date", "text_list", "web_url"]

_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_WS_RE = re.compile(r"\s+")


def clean_text(value: Any) -> str:
    """Plain one-line text: entities decoded (also when encoded twice), controls removed."""
    if value is None:
        return ""
    text = str(value)
    for _ in range(2):
        if _ENTITY_RE.search(text):
            text = html_lib.unescape(text)
    text = _CONTROL_RE.sub("", text)
    return _WS_RE.sub(" ", text).strip()


def text_list(*values: Any) -> list[str]:
    """Non-empty texts, deduplicated case-insensitively, first spelling kept."""
    texts = (clean_text(item) for value in values
             for item in (value if isinstance(value, (list, tuple)) else [value]))  # fmt: skip
    return dedupe([text for text in texts if text])


def post_date(item: Mapping[str, Any], tz: str = "UTC") -> datetime | None:
    """The article's date in ``tz``: published > the feed's date > the fetch time."""
    for name in ("published", "entry_published", "fetched_at"):
        parsed = parse_date(item.get(name))
        if parsed is not None:
            return parsed.astimezone(ZoneInfo(tz))
    return None


def web_url(*candidates: Any) -> str:
    """The first candidate that is an http(s) URL (themes print these into href and src)."""
    # here, not at the top: newscrawl.clean loads the whole cleaning stack (bs4,
    # markdownify, nh3), which the settings check and archive-only crawls never need
    from newscrawl.clean import safe_url

    for value in candidates:
        if isinstance(value, str):
            url = safe_url(value, "", ("http", "https"))
            if url:
                return url
    return ""
