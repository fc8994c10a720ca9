"""The item newscrawl yields for every article, used through itemadapter."""

from __future__ import annotations

from dataclasses import dataclass, field, is_dataclass
from dataclasses import fields as dataclass_fields
from typing import Any


@dataclass
class Article:
    """One article: where it came from, what the feed said, the page, and derived fields.

    The spider fills the provenance and feed fields; extraction fills the page
    metadata and ``body_html`` (``word_count`` stays ``None`` until it has run: in a crawl
    the spider leaves it to ``ExtractPipeline``); ``CleanMarkupPipeline`` fills ``clean_html``,
    ``markdown`` and ``excerpt``; ``FrontMatterPipeline`` fills ``record``; WARC
    capture fills the ``warc_*`` fields.
    """

    # provenance
    feed_url: str | None = None
    entry_id: str | None = None
    original_link: str | None = None  # the entry's link exactly as the feed gave it
    permalink: str | None = None  # resolved: feedburner:origLink > link > guid isPermaLink
    url: str | None = None  # final URL after redirects
    canonical_url: str | None = None  # <link rel=canonical> or og:url, else the final URL
    status: int | None = None
    fetched_at: str | None = None  # ISO 8601, UTC, with offset

    # what the feed entry said
    entry_title: str | None = None
    entry_author: str | None = None
    entry_published: str | None = None  # ISO 8601 with offset
    entry_categories: list[str] = field(default_factory=list)
    entry_summary: str | None = None
    entry_content: str | None = None  # content:encoded / content_html, as HTML

    # the page (raw HTML, for the pipelines; dropped from exports by default)
    html: str | None = None

    # metadata extracted from the page (JSON-LD > OpenGraph/meta > feed > heuristics)
    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    section: str | None = None
    categories: list[str] = field(default_factory=list)
    language: str | None = None
    image: str | None = None
    site_name: str | None = None
    word_count: int | None = None
    body_html: str | None = None  # main content as extracted, before cleaning
    body_source: str | None = None  # which extractor produced body_html

    # cleaned outputs
    clean_html: str | None = None
    markdown: str | None = None
    excerpt: str | None = None

    # the front-matter record (schema preset applied)
    record: dict[str, Any] | None = None

    # where the response lives in the archive
    warc_file: str | None = None
    warc_record_id: str | None = None
    warc_offset: int | None = None
    warc_payload_digest: str | None = None  # the record's WARC-Payload-Digest
    # the download was cut short (its WARC-Truncated: length, time, disconnect); such
    # an article is not marked archived, so the next run fetches it again
    warc_truncated: str | None = None

    # versions across runs (crawl state): a digest of the extracted title, text and
    # dates; 1 for a new article, n+1 when its content changed; the WARC record ID
    # of the version this one supersedes
    content_digest: str | None = None
    record_version: int | None = None
    supersedes: str | None = None


@dataclass
class ArchivedPage:
    """What an archive-only crawl (``NEWSCRAWL_EXTRACT = False``) keeps of an article page.

    Where it came from, what the feed said and where the response lives in the WARC
    files; extraction runs later, by replaying the archive.
    """

    feed_url: str | None = None
    entry_id: str | None = None
    original_link: str | None = None
    permalink: str | None = None
    url: str | None = None
    status: int | None = None
    fetched_at: str | None = None
    entry_title: str | None = None
    entry_author: str | None = None
    entry_published: str | None = None
    entry_categories: list[str] = field(default_factory=list)
    entry_summary: str | None = None
    entry_content: str | None = None
    warc_file: str | None = None
    warc_record_id: str | None = None
    warc_offset: int | None = None
    warc_payload_digest: str | None = None
    warc_truncated: str | None = None  # the download was cut short (see Article)


# field names of each dataclass item type seen (None: not a plain dataclass instance)
_DATACLASS_FIELDS: dict[type, frozenset[str] | None] = {}


def _dataclass_fields(item: Any) -> frozenset[str] | None:
    """The field names of a dataclass item whose values live in its ``__dict__``.

    ``ItemAdapter(item)`` works them out again for every adapter (``dataclasses.fields``
    and a dict of them): a tenth of a millisecond each, several times per article.
    """
    cls = type(item)
    try:
        return _DATACLASS_FIELDS[cls]
    except KeyError:
        pass
    names = None
    if is_dataclass(cls) and hasattr(item, "__dict__"):
        names = frozenset(f.name for f in dataclass_fields(cls))
    _DATACLASS_FIELDS[cls] = names
    return names


def item_fields(item: Any) -> dict[str, Any]:
    """An item's fields as a new dict that shares the item's values (it copies none).

    ``ItemAdapter.asdict()`` copies every value and asks each one whether it is an item
    of any kind it knows: on a full crawl that was a fifth of the crawl process's own
    time, three times per article, for pipelines that only read the values. A
    dataclass item's are read straight from its ``__dict__``.
    """
    names = _dataclass_fields(item)
    if names is not None and len(item.__dict__) == len(names):
        values = item.__dict__
        if names.issuperset(values):
            return dict(values)
    from itemadapter import ItemAdapter

    return dict(ItemAdapter(item).items())


def has_field(item: Any, name: str) -> bool:
    """Whether the item's type has the field (``name in ItemAdapter(item).field_names()``)."""
    names = _dataclass_fields(item)
    if names is not None:
        return name in names
    from itemadapter import ItemAdapter

    return name in ItemAdapter(item).field_names()


def set_field(item: Any, name: str, value: Any) -> None:
    """``ItemAdapter(item)[name] = value``: KeyError for a field the item's type has not."""
    names = _dataclass_fields(item)
    if names is None:
        from itemadapter import ItemAdapter

        ItemAdapter(item)[name] = value
    elif name in names:
        setattr(item, name, value)
    else:
        raise KeyError(f"{type(item).__name__} does not support field: {name}")
