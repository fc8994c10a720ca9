"""The item helpers the pipelines use read and write fields exactly as ItemAdapter does."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import scrapy
from itemadapter import ItemAdapter

from newscrawl.items import ArchivedPage, Article, has_field, item_fields, set_field


class ScrapyArticle(scrapy.Item):
    url = scrapy.Field()
    title = scrapy.Field()


@dataclass
class Other:
    url: str | None = None
    title: str = "x"


def _items() -> list:
    return [
        Article(url="https://example.com/a", title="A", authors=["Ann"]),
        ArchivedPage(url="https://example.com/b", status=200),
        Other(url="https://example.com/c"),
        ScrapyArticle(url="https://example.com/d"),
        {"url": "https://example.com/e", "title": "E"},
    ]


@pytest.mark.parametrize("item", _items(), ids=lambda i: type(i).__name__)
def test_fields_are_what_itemadapter_reads(item) -> None:
    fields = item_fields(item)
    assert fields == dict(ItemAdapter(item).items())
    assert list(fields) == list(ItemAdapter(item).keys())
    fields["url"] = "changed"  # a new dict: the item keeps its value
    assert ItemAdapter(item)["url"] != "changed"


@pytest.mark.parametrize("item", _items(), ids=lambda i: type(i).__name__)
def test_has_field_and_set_field_agree_with_itemadapter(item) -> None:
    adapter = ItemAdapter(item)
    for name in ("url", "title", "record", "warc_file", "nope"):
        assert has_field(item, name) == (name in adapter.field_names())
    set_field(item, "url", "https://example.com/z")
    assert adapter["url"] == "https://example.com/z"
    if not isinstance(item, dict):
        with pytest.raises(KeyError):
            set_field(item, "nope", 1)


def test_a_deleted_field_is_read_as_itemadapter_reads_it() -> None:
    item = Article(url="https://example.com/a")
    del item.title  # the class default (None) shows through, as for ItemAdapter
    assert item_fields(item) == dict(ItemAdapter(item).items())
