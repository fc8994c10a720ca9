"""``scrapy crawl`` that checks the settings first and exits with a status cron can trust.

It replaces Scrapy's ``crawl`` through ``COMMANDS_MODULE`` (and the
``scrapy.commands`` entry point, which also reaches runs whose profile is not in
``scrapy.cfg``). In the newscrawl project it

- stops a run whose settings cannot work with one line, before anything is
  logged or crawled (exit status 1);
- exits with :func:`newscrawl.exitcodes.exit_status` of the crawl's final stats.

In any other Scrapy project it behaves like Scrapy's own ``crawl``.
"""

from __future__ import annotations

import argparse
import logging

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from newscrawl import exitcodes
from newscrawl.commands.checks import CheckedSettings, stop

logger = logging.getLogger(__name__)

MEANING = {
    exitcodes.OK: "finished",
    exitcodes.CONFIG_ERROR: "configuration or start-up error",
    exitcodes.NO_FEED_READ: "no feed could be read",
    exitcodes.OUTPUTS_NOT_STORED: "some outputs could not be stored",
    exitcodes.LOCKED: "another run holds the state lock",
    exitcodes.INTERRUPTED: "interrupted before the end",
}


class Command(CheckedSettings, ScrapyCrawlCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if len(args) == 1:
            from scrapy.spiderloader import get_spider_loader

            names = get_spider_loader(self.settings).list()
            if args[0] not in names:
                listed = ", ".join(sorted(names)) or "none"
                stop(f"no spider named {args[0]!r} in this project (spiders: {listed})")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            return super().run(args, opts)  # Scrapy's usage errors
        assert self.crawler_process is not None
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = exitcodes.CONFIG_ERROR
        elif self._newscrawl:
            stats = crawler._stats.get_stats() if crawler._stats is not None else {}
            self.exitcode = exitcodes.exit_status(stats)
        if self._newscrawl:
            logger.info(
                "newscrawl: exit status %d (%s)", self.exitcode, MEANING.get(self.exitcode, "?")
            )
