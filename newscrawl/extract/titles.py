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
from .dates import parse_date

_SEPARATOR = re.compile(
    r"(\s+(?:[|\u2013\u2014·•›»‹«~/]|-{1,2}|::)\s+|\s*[|\u2502]\s*|\s*:\s+|\s+:)"
)
_ARCHIVED = re.compile(r"https?://web\.archive\.org/web/[^/]+/(https?://.+)", re.I)
_ARCHIVE_LABELS = frozenset({"blogarchive", "blogarchiv"})
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "’": "'", "‘": "'"})
_BAR_LIKE = re.compile(r"[|\u2502•·⋆»›«‹~/]|\s[-\u2013\u2014]\s*$")
# an opening quotation mark: before a word ("« Site" is a separator)
_OPENING_QUOTE = re.compile(r"\s*[\"'„“”‚‘]\w")
_BARS = frozenset({"|", "\u2502"})
MAX_SECTION_WORDS = 2
# an <h1> equal to the <title>'s last part is the site's name when the first is this much longer
LONGER = 1.5
MIN_HEADING_CHARS = 8
# a site key this long inside a title part names the site (shorter ones occur in words)
MIN_KEY_CHARS = 5
MIN_HEADLINE_WORDS = 4
SHARED_WORDS = 0.5
# most of an <h1>'s words in the <title>, few of the metadata title's
TITLE_SHARE = 0.6
_WORD = re.compile(r"\w+")
# a style rule that CSS-in-JS frameworks render inside the element it styles
# ("<h1><style>.css-1x{font-size:16px}</style>Headline</h1>")
_STYLE_RULE = re.compile(r"(?:[.#@]?[\w-]+(?:[\s>+~,:.#\w-]*)?)\{[^{}]*\}")
# interface text an <h1> may hold instead of a headline (a newsletter box, a menu)
_INTERFACE = re.compile(
    r"\b(?:sign(?:ing)? up|subscribe|newsletter|log ?in|register|cookies?|menu|navigation"
    r"|abonnier|anmelden|registrier|suche\b|inscri|suscr[ií]b)",
    re.I,
)
# a part that is only a date ("23.01.2022 - Headline", "2022-01-23 | Headline")
_DATE_PART = re.compile(
    r"^\s*(?:\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{2,4})?|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})\s*$"
)


def _norm(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).translate(_QUOTES)
    return " ".join(value.casefold().replace("–", "-").replace("—", "-").split())


def _is_site(part: str, keys: set[str]) -> bool:
    """A title part that names the site ("LECKER", "Rezept von Backen.de", "MDR.DE")."""
    key = text_key(part)
    if not key or key in keys:
        return True
    return len(part.split()) <= 4 and _holds_key(key, keys)


def _holds_key(key: str, keys: set[str] | frozenset[str]) -> bool:
    """Whether the text key ``key`` holds one of ``keys`` long enough to be a name."""
    return any(len(k) >= MIN_KEY_CHARS and k in key for k in keys)


def _site_alone(title: str, keys: set[str]) -> bool:
    """The site's name and nothing else ("DimidoBlog" on dimido.de, "Spiegel Online")."""
    key = text_key(title)
    if not key or key in keys:
        return True
    # "ICON" on iconmagazine.de: the short form of the site's name
    return len(title.split()) <= 2 and (
        _holds_key(key, keys) or (len(key) >= 4 and any(k.startswith(key) for k in keys))
    )


def strip_site(title: str, keys: set[str], hosts: frozenset[str] = frozenset()) -> str:
    """Drop the parts of ``title`` that name the site: a trailing one (and the section
    parts before it), a leading one, and one inside a chain with the site's tagline after
    it ("Headline | Site | Tagline"); ``hosts``: the keys of the page's host names."""
    parts = _SEPARATOR.split(title)  # text, separator, text, ...
    size = len(parts)
    site_separator = None  # the separator before a trailing site name
    # the longest tail that is exactly a site name ("AOC media - Analyse Opinion Critique")
    for cut in range(2, len(parts), 2):
        if text_key("".join(parts[cut:])) in keys:
            site_separator = parts[cut - 1]
            parts = parts[: cut - 1]
            break
    # "Headline : Blog-Archiv | Ermittlungen zum Verfall eines Genres | Gegründet 2005"
    for cut in range(2, len(parts) - 2, 2):
        if _is_site(parts[cut], keys) and not parts[cut + 1].lstrip().startswith(":"):
            parts = parts[: cut - 1]
            break
    while len(parts) >= 3 and _is_site(parts[-1], keys):
        site_separator = parts[-2]
        parts = parts[:-2]
    while len(parts) >= 3 and _leading_site(parts, keys, hosts):
        # "Site - Headline - Section - News": the separator after a leading site name
        # marks the sections at the end as well as a trailing one would
        site_separator = site_separator or parts[1]
        parts = parts[2:]
    # "Headline | iPhone | Forum | Site", "Headline – Politics – Site": once the site's name
    # is gone, the one- or two-word parts that a bar (or the separator the site's name
    # stood after) separates at the end are the sections the page sits in
    while (
        len(parts) >= 3
        and len(parts) < size
        and (parts[-2].strip() in _BARS or parts[-2] == site_separator)
        and len(parts[-1].split()) <= MAX_SECTION_WORDS
        and not any(c.isdigit() for c in parts[-1])  # "Headline - Part 2 - Site"
        and len(parts[0].split()) > MAX_SECTION_WORDS
    ):
        parts = parts[:-2]
    # "Site » Blog Archive » Headline": the default label of WordPress's archive pages
    while len(parts) >= 3 and text_key(parts[0]) in _ARCHIVE_LABELS:
        parts = parts[2:]
    # "23.01.2022 - Headline": the day of a press release before its headline
    if len(parts) >= 3 and _DATE_PART.match(parts[0]) and len("".join(parts[2:]).split()) >= 2:
        parts = parts[2:]
    return "".join(parts).strip() or title


def _leading_site(parts: list[str], keys: set[str], hosts: frozenset[str]) -> bool:
    """The first part names the site: exactly, or a few words holding its host's name
    before a longer headline ("Gregory Szorc's Digital Home | Mercurial's Journey to ...")."""
    key = text_key(parts[0])
    if key in keys:
        return True
    if parts[1].lstrip().startswith(":"):
        return False
    words = len(parts[0].split())
    rest = len("".join(parts[2:]).split())
    return words <= 4 and rest > words and _holds_key(key, hosts)


def choose_title(layers: list[dict[str, Any]], url: str | None) -> str | None:
    """The article's title; the last layer (page heuristics) offers ``headings`` (<h1>s)
    and ``page_title`` (the <title> element)."""
    site_names = [layer.get("site_name") for layer in layers]
    site_names += [n for layer in layers for n in layer.get("publisher_names") or []]
    archived = _archived(url)
    hosts = frozenset(site_keys(url, []) | (site_keys(archived, []) if archived else set()))
    keys = site_keys(None, site_names) | hosts
    heuristics = layers[-1] if layers else {}
    raw_page_title = heuristics.get("page_title") or ""
    # a blog's name in the header's <h1> is a part of the <title> beside the headline
    keys |= _site_headings(heuristics.get("headings") or [], raw_page_title, keys, hosts)
    whole_title = strip_site(raw_page_title, keys, hosts) if raw_page_title else None
    candidates = []
    # the titles of the metadata layers (JSON-LD, <meta>, the feed), not the page's own
    metadata: list[str] = []
    for layer in layers:
        title = layer.get("title")
        if isinstance(title, str) and title.strip():
            stripped = strip_site(title, keys, hosts)
            # the <title> with its last part cut: cut what names the site instead
            if (
                layer is heuristics
                and whole_title
                and raw_page_title.startswith(title)
                and whole_title != raw_page_title
                and len(whole_title) < len(stripped)
            ):
                stripped = whole_title
            if not _site_alone(stripped, keys):  # the site's name alone is no title
                candidates.append(stripped)
                if layer is not heuristics:
                    metadata.append(stripped)
    all_headings = [_clean_heading(h) for h in heuristics.get("headings") or []]
    headings = [
        h
        for h in all_headings
        if len(h) >= MIN_HEADING_CHARS
        and len(_WORD.findall(h)) >= 2
        and (len(h.split()) >= 2 or not _site_alone(h, keys))
        and text_key(h) not in keys
    ]
    if not candidates and not headings:
        # "DimidoBlog" in the <h1> and the metadata: the <title> without the site's name
        return whole_title if whole_title and not _site_alone(whole_title, keys) else None
    if not candidates:
        return headings[0]
    longer = _continued(candidates, headings, whole_title)
    if longer:
        return longer
    best = candidates[0]
    norm_best = _norm(best)
    page_title = _norm(heuristics.get("page_title") or "")
    agreed = _agreed(best, metadata, headings[:1])
    if agreed:
        return agreed
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
    # the <title> tells the <h1>'s story in its own words and not the metadata title's (an
    # invitation or a campaign line in og:title): the <h1>
    if headings and len(headings[0].split()) >= MIN_HEADLINE_WORDS and page_title:
        title_words = set(_WORD.findall(page_title))
        heading_words = set(_WORD.findall(_norm(headings[0])))
        best_words = set(_WORD.findall(norm_best))
        retold = len(heading_words & title_words) >= TITLE_SHARE * len(heading_words)
        if retold and len(best_words & title_words) < (1 - TITLE_SHARE) * len(best_words):
            return headings[0]
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
        # the page's only <h1>, a headline of a few words that does not name the site,
        # over a metadata title on other words (a social or SEO headline)
        if (
            len(all_headings) == 1
            and shared < SHARED_WORDS * min(len(set(words)), len(best_words))
            and not _holds_key(text_key(headings[0]), keys)
            and not _INTERFACE.search(headings[0])
        ):
            return headings[0]
    # no metadata title, only the <title>: the page's only <h1> names the page ("Finanzierung
    # Ihres Autos" beside "Autofinanzierung – Autokredit oder doch besser Leasing?")
    if (
        not metadata
        and len(all_headings) == 1
        and headings
        and not _holds_key(text_key(headings[0]), keys)
        and not _INTERFACE.search(headings[0])
    ):
        return headings[0]
    return best


def _clean_heading(heading: str) -> str:
    """An <h1>'s text without the style rules a CSS-in-JS framework put inside it."""
    if "{" not in heading:
        return heading
    return " ".join(_STYLE_RULE.sub(" ", heading).split()).strip(" :;,|-")


def _agreed(best: str, metadata: list[str], headings: list[str]) -> str | None:
    """The <h1> where another metadata layer's title says the same and the first one
    differs (the og:title and the <h1> beside a JSON-LD headline of other words)."""
    if not headings:
        return None
    norm_best, heading = _norm(best), _norm(headings[0])
    if heading == norm_best:
        return None
    if any(_norm(title) == heading for title in metadata[1:]):
        return headings[0]
    return None


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


def _archived(url: str | None) -> str | None:
    """The address a web archive's capture holds ("https://web.archive.org/web/2016.../
    http://site.example/post/"), whose host is the site's."""
    match = _ARCHIVED.match(url or "")
    return match.group(1) if match else None


def _site_headings(
    headings: list[str], page_title: str, keys: set[str], hosts: frozenset[str]
) -> set[str]:
    """Keys of the <h1>s that are the site's name: an <h1> that is the last part of the
    <title> after a longer first part (the headline comes first) or holding the host's
    name, or its first part when that names the site by its host's name before a longer
    headline, or that starts with the site's name ending the <title> (and a tagline)."""
    split = _SEPARATOR.split(page_title)
    parts = split[::2]
    if len(parts) < 2:
        return set()
    norms = [_norm(p) for p in parts]
    found = set()
    # "Kinder und Arbeit » ProNATs e.V.", <h1>ProNATs e.V. Verein zur Unterstützung ...:
    # the site's name that ends the <title>, and its tagline
    site = norms[-1] if _is_site(parts[-1], keys) else None
    for heading in headings:
        norm = _norm(heading)
        if (
            site
            and len(site) >= MIN_KEY_CHARS
            and norm.startswith(site + " ")
            and norm not in norms[:-1]  # "Gitarre & Bass 02/2022 | GITARRE & BASS"
        ):
            found.add(text_key(heading))
            continue
        if norm not in norms:
            continue
        index = norms.index(norm)
        key = text_key(heading)
        last = index == len(parts) - 1 and (
            len(norms[0]) >= LONGER * len(norm) or _holds_key(key, hosts)
        )
        if last or (index == 0 and _leading_site(split, keys, hosts)):
            found.add(key)
    found.discard("")
    return found


def _continued(candidates: list[str], headings: list[str], page_title: str | None) -> str | None:
    """A longer form of the metadata title: the <h1> that starts with it and goes on
    ("Ultium Cells erhöht Gigafactory-Kapazität" in Tennessee), or the <title> (without
    the site's name) that the metadata one was cut from at a quotation mark (an og:title
    whose attribute the quote closed)."""
    best = _norm(candidates[0])
    if len(best.split()) < 2:
        return None
    others = [(h, True) for h in headings[:1]]
    if page_title:
        others.append((page_title, False))
    for text, is_heading in others:
        norm = _norm(text)
        if len(norm) <= len(best) or not norm.startswith(best):
            continue
        tail = norm[len(best) :]
        if tail[:1].isalnum() or _BAR_LIKE.search(tail) or parse_date(tail.strip(" ,-")):
            # "Brexit" in "Brexiteers"; "Headline | Site", "Headline • 02.02.2022", the
            # <h1>'s date element after the headline ("Headline March 4, 2025")
            continue
        if not is_heading and not _OPENING_QUOTE.match(tail):
            continue  # another layer's title with an extra part ("Recipe", "bei Site")
        return text
    return None
