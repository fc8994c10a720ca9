"""Peer (1): plain Scrapy, feeds -> articles, one small item per page. Run by bench.run."""

from __future__ import annotations

import scrapy


class PlainSpider(scrapy.Spider):
    name = "plain"

    async def start(self):
        for url in self.feeds.split(","):
            yield scrapy.Request(url, callback=self.parse_feed)

    def parse_feed(self, response):
        for link in response.xpath("//item/link/text()").getall():
            yield scrapy.Request(link.strip(), callback=self.parse_article)

    def parse_article(self, response):
        yield {"url": response.url, "status": response.status}
