"""``scrapy pushfeeds FILE|URL ...``: queue feeds for the workers of a distributed crawl.

Each argument is a feed list file (OPML or one URL per line) or a feed URL.
Usable entries are pushed to the Redis list the workers read
(``feeds:start_urls``); each unusable one is one line on stderr. ``--status``
prints the queue lengths instead (or after pushing).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawl import exitcodes
from newscrawl.feedlist import check_feed_entry, iter_feed_list


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[options] FILE|URL ..."

    def short_desc(self) -> str:
        return "Queue feeds (a feed list file or feed URLs) for distributed workers in Redis"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--status", action="store_true", help="print the Redis queue lengths")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args and not opts.status:
            raise UsageError("give a feed list file or feed URLs (or --status)")
        assert self.settings is not None
        import redis

        url = self.settings.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
        key = str(self.settings.get("REDIS_START_URLS_KEY") or "%(name)s:start_urls")
        key = key % {"name": "feeds"}
        try:
            db = redis.Redis.from_url(url, decode_responses=True)
            db.ping()
        except redis.RedisError as exc:
            print(f"newscrawl: cannot reach Redis at REDIS_URL={url}: {exc}", file=sys.stderr)
            self.exitcode = exitcodes.CONFIG_ERROR
            return
        if args:
            urls, bad = self._entries(args)
            for start in range(0, len(urls), 1000):
                db.rpush(key, *urls[start : start + 1000])
            print(f"pushed {len(urls)} feeds to {key}" + (f" ({bad} skipped)" if bad else ""))
            if not urls:
                self.exitcode = exitcodes.CONFIG_ERROR
        if opts.status:
            self._status(db, key)

    def _entries(self, args: list[str]) -> tuple[list[str], int]:
        urls: list[str] = []
        bad = 0
        for text, source in self._texts(args):
            entry = check_feed_entry(text)
            if entry.url is None:
                print(f"skipped ({source}): {entry.text!r} is {entry.note}", file=sys.stderr)
                bad += 1
            else:
                urls.append(entry.url)
        return list(dict.fromkeys(urls)), bad

    def _texts(self, args: list[str]) -> Iterator[tuple[str, str]]:
        for arg in args:
            if os.path.isfile(arg):
                try:
                    for text in iter_feed_list(arg):
                        yield text, arg
                except OSError as exc:
                    print(f"cannot read {arg}: {exc.strerror or exc}", file=sys.stderr)
            else:
                yield arg, "argument"

    def _status(self, db: object, start_key: str) -> None:
        assert self.settings is not None
        prefix = self.settings.get("NEWSCRAWL_REDIS_STATE_PREFIX") or "newscrawl"
        queue_key = str(self.settings.get("SCHEDULER_QUEUE_KEY") or "%(spider)s:requests")
        queue_key = queue_key % {"spider": "feeds"}
        print(f"feeds waiting     {db.llen(start_key)}  ({start_key})")  # type: ignore[attr-defined]
        print(f"requests queued   {db.zcard(queue_key)}  ({queue_key})")  # type: ignore[attr-defined]
        print(f"requests taken    {db.zcard(prefix + ':taken')}  (not yet archived)")  # type: ignore[attr-defined]
        print(f"articles archived {db.hlen(prefix + ':articles')}")  # type: ignore[attr-defined]
