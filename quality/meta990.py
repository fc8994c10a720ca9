"""Score title, publication date and authors on the trafilatura 990-page dev set.

Only pages whose annotation for a field is non-empty count for that field. Both sides of
a comparison go through the same normalisation:

- title: Unicode NFKC, casefolded, whitespace squeezed, typographic quotes and dashes
  unified (``“ ” „ ’`` -> ``" '``, ``– —`` -> ``-``), trailing ``.`` and spaces dropped;
- date: the calendar day ``YYYY-MM-DD`` (the publisher's day, so the first ten
  characters of ``published``, which keeps the page's own offset);
- authors: the exact set of names, after splitting on ``,`` ``;`` ``/`` ``&`` ``|``
  and the words "and"/"und"/"y"/"et", dropping a leading "By"/"Von", NFKC, casefold,
  whitespace squeezed. A list and a joined string of the same names compare equal;
  a missing or extra name is a miss.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = ("title", "date", "author")
_WS = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "’": "'", "‘": "'"})
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-"})
_NAME_SPLIT = re.compile(r"\s*(?:[,;/&|]|\s(?:and|und|y|et)\s)\s*", re.I)
_BY = re.compile(r"^(?:by|von)\s+", re.I)
_DAY = re.compile(r"(\d{4})\D(\d{1,2})\D(\d{1,2})")


def _base(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).translate(_QUOTES).translate(_DASHES)
    return _WS.sub(" ", value).strip().casefold()


def norm_title(value: str | None) -> str:
    return _base(value or "").rstrip(". ")


def norm_date(value: str | None) -> str:
    match = _DAY.match((value or "").strip())
    if not match:
        return ""
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def norm_authors(value: str | Iterable[str] | None) -> frozenset[str]:
    if not value:
        return frozenset()
    joined = value if isinstance(value, str) else "; ".join(v for v in value if v)
    names = (_BY.sub("", _base(part)) for part in _NAME_SPLIT.split(joined))
    return frozenset(n for n in names if n)


NORMALISERS = {"title": norm_title, "date": norm_date, "author": norm_authors}


@dataclass
class MetaScore:
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    def add(self, url: str, got: dict[str, Any], truth: dict[str, Any]) -> None:
        for name in FIELDS:
            want = NORMALISERS[name](truth.get(name))
            if not want:
                continue
            self.totals[name] += 1
            if NORMALISERS[name](got.get(name)) == want:
                self.hits[name] += 1
            else:
                self.misses.append((url, name, got.get(name), truth.get(name)))

    def accuracy(self, name: str) -> float:
        return self.hits[name] / self.totals[name] if self.totals[name] else 0.0


def load_truth(root: Path) -> dict[str, dict[str, Any]]:
    """{url: {"title", "date", "author"}} for the pages with any metadata annotation."""
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    return {
        url: {name: entry.get(name) for name in FIELDS}
        for url, entry in data.items()
        if any(entry.get(name) for name in FIELDS)
    }


def newscrawl_meta(article: dict[str, Any]) -> dict[str, Any]:
    """The fields of a newscrawl record that the annotations describe."""
    return {
        "title": article.get("title"),
        "date": article.get("published"),
        "author": article.get("authors"),
    }


def trafilatura_meta(page: bytes, url: str) -> dict[str, Any]:
    """trafilatura's ``extract_metadata`` with its defaults (extensive date search)."""
    from trafilatura.metadata import extract_metadata

    document = extract_metadata(page, default_url=url)
    return {"title": document.title, "date": document.date, "author": document.author}
