"""Titles: choose among the layers' titles, prefer the article's <h1>, strip the site's name.

The metadata title is often the social-media headline or carries the site's name or a
section ("… | Site", "Section: …"); when the page's <h1> is the article's headline (the
metadata title contains it, or only the <title> element agrees with it) the <h1> wins.
A title that is only the site's name (a logo's alt text, an <h1> in the header) is none.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .authors import site_keys, text_key

_SEPARATOR = re.compile(r"(\s+(?:[|\u2013\u2014·•›»~/]|-{1,2}|::)\s+|\s*\|\s*|:\s+)")
_ARCHIVE_LABELS = frozenset({"blogarchive", "blogarchiv"})
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "’": "'", "‘": "'"})
MIN_HEADING_CHARS = 8
MIN_HEADLINE_WORDS = 4
SHARED_WORDS = 0.5
_WORD = re.compile(r"\w+")


def _norm(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).translate(_QUOTES)
    return " ".join(value.casefold().replace("–", "-").replace("—", "-").split())


def _is_site(part: str, keys: set[str]) -> bool:
    """A title part that names the site ("LECKER", "Rezept von Backen.de", "MDR.DE")."""
    key = text_key(part)
    if not key or key in keys:
        return True
    return len(part.split()) <= 4 and any(len(k) >= 5 and k in key for k in keys)


def _site_alone(title: str, keys: set[str]) -> bool:
    """The site's name and nothing else ("DimidoBlog" on dimido.de, "Spiegel Online")."""
    key = text_key(title)
    if not key or key in keys:
        return True
    # "ICON" on iconmagazine.de: the short form of the site's name
    return len(title.split()) <= 2 and any(
        (len(k) >= 5 and k in key) or (len(key) >= 4 and k.startswith(key)) for k in keys
    )


def strip_site(title: str, keys: set[str]) -> str:
    """Drop a trailing part of ``title`` that names the site, and a leading one that is
    exactly the site's name."""
    parts = _SEPARATOR.split(title)  # text, separator, text, ...
    # the longest tail that is exactly a site name ("AOC media - Analyse Opinion Critique")
    for cut in range(2, len(parts), 2):
        if text_key("".join(parts[cut:])) in keys:
            parts = parts[: cut - 1]
            break
    while len(parts) >= 3 and _is_site(parts[-1], keys):
        parts = parts[:-2]
    while len(parts) >= 3 and text_key(parts[0]) in keys and not parts[1].startswith(":"):
        parts = parts[2:]
    # "Site » Blog Archive » Headline": the default label of WordPress's archive pages
    while len(parts) >= 3 and text_key(parts[0]) in _ARCHIVE_LABELS:
        parts = parts[2:]
    return "".join(parts).strip() or title


def choose_title(layers: list[dict[str, Any]], url: str | None) -> str | None:
    """The article's title; the last layer (page heuristics) offers ``headings`` (<h1>s)
    and ``page_title`` (the <title> element)."""
    site_names = [layer.get("site_name") for layer in layers]
    site_names += [n for layer in layers for n in layer.get("publisher_names") or []]
    keys = site_keys(url, site_names)
    candidates = []
    for layer in layers:
        title = layer.get("title")
        if isinstance(title, str) and title.strip():
            stripped = strip_site(title, keys)
            if not _site_alone(stripped, keys):  # the site's name alone is no title
                candidates.append(stripped)
    heuristics = layers[-1] if layers else {}
    headings = [
        h
        for h in heuristics.get("headings") or []
        if len(h) >= MIN_HEADING_CHARS and len(h.split()) >= 2 and text_key(h) not in keys
    ]
    if not candidates and not headings:
        # "DimidoBlog" in the <h1> and the metadata: the <title> without the site's name
        page_title = heuristics.get("page_title")
        stripped = strip_site(page_title, keys) if page_title else None
        return stripped if stripped and not _site_alone(stripped, keys) else None
    if not candidates:
        return headings[0]
    best = candidates[0]
    norm_best = _norm(best)
    page_title = _norm(heuristics.get("page_title") or "")
    for heading in headings[:3]:
        norm_heading = _norm(heading)
        if norm_heading == norm_best:
            return best
        # "Section: Headline", "Headline - Recipe by Site": the <h1> without the extras
        if norm_heading in norm_best:
            return heading
        # the page's own <title> agrees with the <h1>, not with the social headline (a
        # headline of a few words, not a topic such as "Pensions")
        if (
            len(heading.split()) >= MIN_HEADLINE_WORDS
            and norm_heading in page_title
            and norm_best not in page_title
        ):
            return heading
    # the page's own headline over a social or SEO one on the same story: the first <h1>,
    # a sentence of a few words that shares most of its words with the metadata title; not
    # an <h1> holding the whole metadata title and more (a kicker run into the headline)
    if headings and len(headings[0].split()) >= MIN_HEADLINE_WORDS:
        words, best_list = _WORD.findall(_norm(headings[0])), _WORD.findall(norm_best)
        best_words = set(best_list)
        shared = len(set(words) & best_words)
        if (
            shared >= SHARED_WORDS * min(len(set(words)), len(best_words))
            and not _kicker(words, best_words)
            and not _contains_run(words, best_list)
        ):
            return headings[0]
    return best


def _contains_run(words: list[str], run: list[str]) -> bool:
    """``run`` stands in ``words`` as it is, with more words around it."""
    size = len(run)
    return 0 < size < len(words) and any(
        words[i : i + size] == run for i in range(len(words) - size + 1)
    )


def _kicker(words: list[str], title_words: set[str]) -> bool:
    """The heading is the title with a run of other words before or after it."""
    extra = [i for i, word in enumerate(words) if word not in title_words]
    if not extra or len(set(words) & title_words) < len(title_words):
        return False
    run = extra == list(range(extra[0], extra[-1] + 1))
    return run and (extra[0] == 0 or extra[-1] == len(words) - 1)
