"""Stage 2a, JSON-LD: find the article object (``@graph``, lists, nesting) and read its fields."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from . import selectors
from .text import clean_text, split_keywords

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_COMMENTS = re.compile(r"^\s*(<!--|<!\[CDATA\[)|(-->|\]\]>)\s*$")


def _loads(raw: str) -> Any:
    raw = _COMMENTS.sub("", raw.strip()).strip().rstrip(";")
    if not raw:
        return None
    for candidate in (raw, _TRAILING_COMMA.sub(r"\1", raw)):
        try:
            return json.loads(candidate, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def load_jsonld(tree: Any) -> list[Any]:
    """Every JSON-LD block of the page that parses; broken ones are skipped."""
    blocks = []
    for script in tree.xpath(selectors.JSONLD_SCRIPTS):
        data = _loads(script.text_content() or "")
        if data is not None:
            blocks.append(data)
    return blocks


def iter_nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Walk dicts through lists, ``@graph`` and ``mainEntity``, outermost first."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from iter_nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement"):
            if key in data:
                yield from iter_nodes(data[key], depth + 1)


def types_of(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def find_article(blocks: list[Any]) -> tuple[dict[str, Any] | None, dict[str, dict[str, Any]]]:
    """The best article node and an ``@id`` index of all nodes (to resolve references)."""
    index: dict[str, dict[str, Any]] = {}
    candidates = []
    for node in iter_nodes(blocks):
        node_id = node.get("@id")
        if isinstance(node_id, str) and (node_id not in index or len(node) > len(index[node_id])):
            index[node_id] = node
        if types_of(node) & selectors.ARTICLE_TYPES:
            candidates.append(node)
    if not candidates:
        return None, index
    # prefer the node that actually describes a page: a headline, then the most fields
    best = max(candidates, key=lambda n: (bool(n.get("headline") or n.get("name")), len(n)))
    return best, index


def _resolve(value: Any, index: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in index:
        return index[value["@id"]]
    return value


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _name(value: Any, index: dict[str, dict[str, Any]]) -> str | None:
    value = _resolve(value, index)
    if isinstance(value, dict):
        given, family = value.get("givenName"), value.get("familyName")
        full = " ".join(v for v in (given, family) if isinstance(v, str))
        value = value.get("name") or full or value.get("alternateName")
        if isinstance(value, list):
            value = value[0] if value else None
    return clean_text(value) if isinstance(value, str) else None


def _url(value: Any, index: dict[str, dict[str, Any]]) -> str | None:
    for item in _as_list(value):
        item = _resolve(item, index)
        if isinstance(item, dict):
            item = item.get("url") or item.get("contentUrl") or item.get("@id")
            if isinstance(item, list):
                item = item[0] if item else None
        if isinstance(item, str) and item.strip():
            return item.strip()
    return None


def _site_name(article: dict[str, Any], index: dict[str, dict[str, Any]]) -> str | None:
    name = None
    for publisher in _as_list(article.get("publisher")) + _as_list(
        article.get("sourceOrganization")
    ):
        name = _name(publisher, index)
        if name:
            return name
    for node in index.values():
        if types_of(node) & {"website", "newsmediaorganization"} and _name(node, index):
            return _name(node, index)
    return name


def _has_author(node: dict[str, Any]) -> bool:
    return bool(node.get("author") or node.get("creator"))


def _authors(node: dict[str, Any], index: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``authors`` (names) and ``authors_are_people`` of a node's ``author``/``creator``."""
    values = _as_list(node.get("author") or node.get("creator"))
    names = [n for a in values for n in _names(a, index) if n]
    # authors typed Person are people even when the site carries their name (a blog)
    nodes = [_resolve(a, index) for a in values]
    people = bool(nodes) and all(isinstance(a, dict) and "person" in types_of(a) for a in nodes)
    return {"authors": names, "authors_are_people": people}


def _names(value: Any, index: dict[str, dict[str, Any]]) -> list[str | None]:
    """An author's name, or each of the names a Person lists ("name": ["A", "B"])."""
    node = _resolve(value, index)
    if isinstance(node, dict) and isinstance(node.get("name"), list):
        return [clean_text(n) for n in node["name"] if isinstance(n, str)]
    return [_name(value, index)]


# works that are a page's content as an article is: their author writes the page
_WORK_TYPES = frozenset({"recipe", "howto"})


def _page_authors(blocks: list[Any], index: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The authors a WebPage node names where the article node names none, or there is no
    article node (SEO plugins' graphs put a post's author on its WebPage)."""
    for node in index.values():
        if types_of(node) & selectors.PAGE_TYPES and _has_author(node):
            return _authors(node, index)
    return {}


def _work_authors(blocks: list[Any], index: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The authors of the page's recipe or how-to (outermost first), when it has no article."""
    for node in iter_nodes(blocks):
        if types_of(node) & _WORK_TYPES and _has_author(node):
            # a recipe site types itself as the Person of its own recipes: checked as
            # any name is (not as a blog's Person), so the site's name is refused
            return {**_authors(node, index), "authors_are_people": False}
    return {}


def article_fields(blocks: list[Any]) -> dict[str, Any]:
    """Metadata of the page's article node; keys as in ``extract_article``, plus ``body``."""
    article, index = find_article(blocks)
    if article is None:
        site = None
        for node in index.values():
            if types_of(node) & {"website", "newsmediaorganization"}:
                site = _name(node, index)
                if site:
                    break
        fields = {
            "site_name": site,
            **(_page_authors(blocks, index) or _work_authors(blocks, index)),
        }
        return {k: v for k, v in fields.items() if v not in (None, "", [])}
    fields: dict[str, Any] = {}
    fields["title"] = _name({"name": article.get("headline") or article.get("name")}, index)
    description = article.get("description") or article.get("alternativeHeadline")
    fields["description"] = clean_text(description) if isinstance(description, str) else None
    fields.update(
        _authors(article, index) if _has_author(article) else _page_authors(blocks, index)
    )
    fields["published"] = article.get("datePublished") or article.get("dateCreated")
    fields["modified"] = article.get("dateModified")
    # "Brooklyn,Government,Housing": some CMSs join all sections into one string
    sections = [
        clean_text(part)
        for s in _as_list(article.get("articleSection"))
        if isinstance(s, str)
        for part in s.split(",")
    ]
    sections = [s for s in sections if s]
    fields["section"] = sections[0] if sections else None
    keywords: list[str] = []
    for keyword in _as_list(article.get("keywords")):
        if isinstance(keyword, str):
            keywords += split_keywords(keyword)
    fields["categories"] = keywords
    language = _resolve(article.get("inLanguage"), index)
    if isinstance(language, dict):
        language = language.get("alternateName") or language.get("name")
    fields["language"] = language if isinstance(language, str) else None
    fields["image"] = _url(article.get("image") or article.get("thumbnailUrl"), index)
    fields["canonical_url"] = _url(article.get("mainEntityOfPage"), index) or _url(
        article.get("url"), index
    )
    fields["site_name"] = _site_name(article, index)
    # the publisher's name is no author, unless the publisher is a person (a blog)
    fields["publisher_names"] = [
        name
        for name in (
            _name(p, index)
            for p in _as_list(article.get("publisher"))
            if "person" not in types_of(_resolve(p, index) if isinstance(p, dict) else {})
        )
        if name
    ]
    body = article.get("articleBody") or article.get("text")
    fields["body"] = body if isinstance(body, str) else None
    return {k: v for k, v in fields.items() if v not in (None, "", [])}
