"""Stage 2b, <meta>: OpenGraph, ``article:*``, Dublin Core, microdata and other meta tags."""

from __future__ import annotations

from typing import Any

from . import selectors
from .text import clean_text, split_authors, split_keywords


def collect_meta(tree: Any) -> dict[str, list[str]]:
    """All meta values by lowercased name/property/itemprop, in document order."""
    metas: dict[str, list[str]] = {}
    for meta in tree.xpath(selectors.METAS):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                metas.setdefault(key.strip().lower(), []).append(content.strip())
    return metas


def _first(metas: dict[str, list[str]], names: tuple[str, ...]) -> str | None:
    for name in names:
        for value in metas.get(name, []):
            text = clean_text(value)
            if text:
                return text
    return None


def normalise_language(value: str | None) -> str | None:
    """'en_US' -> 'en-US', 'DE' -> 'de'; the first of a comma-separated list."""
    if not value:
        return None
    value = value.split(",")[0].strip().replace("_", "-")
    if not value or len(value) > 16 or not value.replace("-", "").isalnum():
        return None
    primary, _, rest = value.partition("-")
    return primary.lower() + (
        "-" + rest.upper() if rest and len(rest) == 2 else "-" + rest if rest else ""
    )


def meta_fields(tree: Any) -> dict[str, Any]:
    """Metadata from <meta>/<link> tags; keys as in ``extract_article``."""
    metas = collect_meta(tree)
    fields: dict[str, Any] = {
        "title": _first(metas, selectors.META_TITLE),
        "description": _first(metas, selectors.META_DESCRIPTION),
        "published": _first(metas, selectors.META_PUBLISHED),
        "modified": _first(metas, selectors.META_MODIFIED),
        "section": _first(metas, selectors.META_SECTION),
        "site_name": _first(metas, selectors.META_SITE_NAME),
    }
    # every author tag, best first: the choice (``authors.choose_authors``) skips the ones
    # that only name the site or hold a profile URL
    # a cited work's or a review's authors ("<li itemprop=citation itemscope><meta
    # itemprop=author ...>") are not the page's
    cited = {value.strip() for value in tree.xpath(selectors.CITED_AUTHORS)}
    candidates = [
        names
        for names in (
            [
                a
                for value in metas.get(name, [])
                if name != "author" or value not in cited
                for a in split_authors(value)
            ]
            for name in selectors.META_AUTHOR
        )
        if names
    ]
    # "twitter:label1 = Written by, twitter:data1 = Ana Ruiz": the pair SEO plugins write
    for number in "1234":
        label = (metas.get(f"twitter:label{number}") or [""])[0].casefold().strip(" :")
        data = metas.get(f"twitter:data{number}")
        if label in selectors.WRITTEN_BY_LABELS and data:
            candidates.append(split_authors(data[0]))
    fields["authors"] = candidates[0] if candidates else []
    fields["author_candidates"] = candidates
    for name in selectors.META_TAGS:
        tags: list[str] = []
        for value in metas.get(name, []):
            tags += split_keywords(value)
        if tags:
            fields["categories"] = tags
            break
    language = _first(metas, selectors.META_LANGUAGE)
    if not language:
        langs = tree.xpath(selectors.HTML_LANG)
        language = langs[0] if langs else None
    fields["language"] = normalise_language(language)
    image = _first(metas, selectors.META_IMAGE)
    if not image:
        links = tree.xpath(selectors.IMAGE_SRC)
        image = links[0].strip() if links else None
    fields["image"] = image
    canonical = tree.xpath(selectors.CANONICAL)
    fields["canonical_link"] = canonical[0].strip() if canonical else None
    fields["canonical_url"] = _first(metas, selectors.META_URL)
    return {k: v for k, v in fields.items() if v not in (None, "", [])}
