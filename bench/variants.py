"""What the benchmark runs: one ``Variant`` per crawler, keyed as in the results table.

A variant builds its command from the ``Context`` (the site's URLs, a fresh output folder,
and the output folders of the variants already run in this round, by key) and counts the
articles it got. (5), newscrawl replaying (4)'s archive, is registered with ``uses="4"``:
it runs after (4) in each round, which keeps (4)'s output (``ctx.outputs["4"]``) until
it has run; ``bench.run`` prints the ratios 5/4 (replay against the live crawl at the
same concurrency) and 5/7 (against the live crawl under the shipped polite defaults).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = Path(__file__).resolve().parent / "peers"

# the same for every Scrapy-based variant (what the figures were measured with)
CRAWL_SETTINGS = {
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "ROBOTSTXT_OBEY": "False",
    "LOG_LEVEL": "WARNING",
    "TELNETCONSOLE_ENABLED": "False",
}


@dataclass
class Context:
    work: Path
    base: str
    articles: int
    feed_urls: list[str]
    article_urls: list[str]
    outputs: dict[str, Path] = field(default_factory=dict)


Command = Callable[[Context, Path], tuple[list[str], dict[str, str]]]


@dataclass
class Variant:
    key: str
    label: str
    command: Command
    count: Callable[[Context, Path], int]
    uses: str | None = None
    ok_codes: tuple[int, ...] = (0,)


def _env(pythonpath: list[Path]) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    env.pop("SCRAPY_PROJECT", None)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in pythonpath)
    return env


def _settings(extra: dict[str, str]) -> list[str]:
    args = []
    for key, value in {**CRAWL_SETTINGS, **extra}.items():
        args += ["-s", f"{key}={value}"]
    return args


def count_jsonl(ctx: Context, out: Path) -> int:
    return sum(
        1 for path in out.rglob("*.jsonl") for line in path.open(encoding="utf-8") if line.strip()
    )


def count_stats(ctx: Context, out: Path) -> int:
    stats = json.loads((out / "stats.json").read_text())
    return int(stats.get("item_scraped_count", 0))


def peer_command(spider: str) -> Command:
    def command(ctx: Context, out: Path) -> tuple[list[str], dict[str, str]]:
        cmd = [sys.executable, "-m", "scrapy", "runspider", str(PEERS / f"{spider}.py")]
        cmd += ["-a", "feeds=" + ",".join(ctx.feed_urls)]
        cmd += _settings(
            {
                "FEEDS": json.dumps({str(out / "items.jsonl"): {"format": "jsonlines"}}),
                "NAIVE_WARC_PATH": str(out / "naive.warc.gz"),
            }
        )
        return cmd, _env([PEERS])

    return command


# what (7) keeps of CRAWL_SETTINGS: the rest are newscrawl's polite defaults
QUIET = {"LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": "False"}


def newscrawl_command(extra: dict[str, str], polite: bool = False) -> Command:
    def command(ctx: Context, out: Path) -> tuple[list[str], dict[str, str]]:
        cmd = [sys.executable, "-m", "scrapy", "crawl", "feeds"]
        cmd += ["-a", "feeds=" + ",".join(ctx.feed_urls)]
        options = {
            "NEWSCRAWL_OUTPUT_DIR": str(out / "archive"),
            "NEWSCRAWL_STATS_FILE": str(out / "stats.json"),
            # the site is served on loopback, which the crawl refuses by default
            "NEWSCRAWL_ALLOWED_NETWORKS": "127.0.0.1/32",
            **extra,
        }
        if polite:
            for key, value in {**QUIET, **options}.items():
                cmd += ["-s", f"{key}={value}"]
        else:
            cmd += _settings(options)
        env = _env([ROOT])
        env["SCRAPY_SETTINGS_MODULE"] = "settings.local"  # scrapy.cfg's default profile
        return cmd, env

    return command


def replay_command(ctx: Context, out: Path) -> tuple[list[str], dict[str, str]]:
    """(4)'s crawl again, every answer read from (4)'s WARC files (no network)."""
    archive = ctx.outputs["4"] / "archive" / "warc"
    return newscrawl_command({"NEWSCRAWL_REPLAY_FROM": str(archive)})(ctx, out)


def wget_command(ctx: Context, out: Path) -> tuple[list[str], dict[str, str]]:
    urls = out / "urls.txt"
    urls.write_text("\n".join(ctx.feed_urls + ctx.article_urls) + "\n")
    cmd = ["wget", "--quiet", "--warc-file", str(out / "wget"), "--no-warc-keep-log"]
    cmd += ["--delete-after", "--no-directories", "--input-file", str(urls)]
    return cmd, _env([])


def count_wget(ctx: Context, out: Path) -> int:
    return ctx.articles if (out / "wget.warc.gz").stat().st_size > 0 else 0


VARIANTS: dict[str, Variant] = {
    "1": Variant("1", "plain Scrapy", peer_command("plain_spider"), count_jsonl),
    "2": Variant(
        "2", "naive Scrapy + warcio + trafilatura", peer_command("naive_spider"), count_jsonl
    ),
    "3": Variant(
        "3",
        "newscrawl archive-only",
        newscrawl_command({"NEWSCRAWL_EXTRACT": "False"}),
        count_stats,
    ),
    "4": Variant("4", "newscrawl full", newscrawl_command({}), count_stats),
    "5": Variant("5", "newscrawl replay of (4)", replay_command, count_stats, uses="4"),
    "6": Variant("6", "wget --warc-file", wget_command, count_wget),
    "7": Variant(
        "7", "newscrawl full, polite defaults", newscrawl_command({}, polite=True), count_stats
    ),
}
