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
import os
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.utils.conf import closest_scrapy_cfg, get_config

from newscrawl import exitcodes

logger = logging.getLogger(__name__)

MEANING = {
    exitcodes.OK: "finished",
    exitcodes.CONFIG_ERROR: "configuration or start-up error",
    exitcodes.NO_FEED_READ: "no feed could be read",
    exitcodes.OUTPUTS_NOT_STORED: "some outputs could not be stored",
    exitcodes.LOCKED: "another run holds the state lock",
    exitcodes.INTERRUPTED: "interrupted before the end",
}


def _stop(message: str) -> None:
    """One line on stderr, exit status 1: nothing has been crawled."""
    sys.stderr.write(f"newscrawl: {message}\n")
    sys.stderr.flush()
    sys.exit(exitcodes.CONFIG_ERROR)


def unknown_profile() -> str | None:
    """The ``SCRAPY_PROJECT`` value when ``scrapy.cfg`` has no such profile."""
    profile = os.environ.get("SCRAPY_PROJECT")
    if not profile or os.environ.get("SCRAPY_SETTINGS_MODULE") or not closest_scrapy_cfg():
        return None
    cfg = get_config()
    if cfg.has_option("settings", profile):
        return None
    known = [name for name in cfg.options("settings")] if cfg.has_section("settings") else []
    return (
        f"SCRAPY_PROJECT={profile!r} is not a profile in {closest_scrapy_cfg()}: "
        f"use one of {', '.join(known) or '(none listed)'}, or add it under [settings]"
    )


class Command(ScrapyCrawlCommand):
    @property
    def _newscrawl(self) -> bool:
        return self.settings is not None and "NEWSCRAWL_OUTPUT_DIR" in self.settings

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        profile_error = unknown_profile()
        if profile_error:
            _stop(profile_error)
        super().process_options(args, opts)
        if self._newscrawl:
            from newscrawl.config import ConfigError, check_settings

            try:
                check_settings(self.settings)
            except ConfigError as exc:
                _stop(f"bad setting: {exc}")
        if len(args) == 1:
            from scrapy.spiderloader import get_spider_loader

            names = get_spider_loader(self.settings).list()
            if args[0] not in names:
                listed = ", ".join(sorted(names)) or "none"
                _stop(f"no spider named {args[0]!r} in this project (spiders: {listed})")

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
