"""Several worker processes with the distributed profile, one real redis-server, one site.

Every article must be archived exactly once across all workers' WARC files and
records, each feed fetched once, and the workers must stop once idle; a worker
killed mid-crawl must lose nothing once the survivors and one follow-up run are done.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from newscrawl import exitcodes
from tests.conftest import require_executable
from tests.support.crawl import ROOT, crawl_env, kill_crawl, start_crawl
from tests.support.redisserver import redis_server
from tests.support.site import serve_article
from tests.support.warc import read_dir, rss

redis = pytest.importorskip("redis")

FEEDS = 3
PER_FEED = 100  # 300 articles
SHARED = 10  # articles listed by two feeds each


@pytest.fixture
def redis_url(tmp_path):
    executable = require_executable("redis-server")
    with redis_server(executable, tmp_path / "redis") as url:
        yield url


def build_site(server, delay: float = 0.0) -> tuple[list[str], list[str]]:
    """FEEDS feeds of PER_FEED articles; the first SHARED of each feed also in the next."""
    articles = [f"/news/{n:04d}.html" for n in range(FEEDS * PER_FEED)]
    for path in articles:
        serve_article(server, path, title=f"Story {path[6:10]} of the day", delay=delay)
    feeds = []
    for f in range(FEEDS):
        own = articles[f * PER_FEED : (f + 1) * PER_FEED]
        following = articles[((f + 1) % FEEDS) * PER_FEED :][:SHARED]
        body = rss(server, own + following, title=f"Feed {f}")
        feeds.append(
            server.add(f"/feeds/{f}.xml", body, headers=[("Content-Type", "application/rss+xml")])
        )
    return feeds, articles


def worker_settings(redis_url: str, output_dir: Path, n: int, **extra) -> dict:
    return {
        "REDIS_URL": redis_url,
        "NEWSCRAWL_STATE_ENABLED": "True",
        "NEWSCRAWL_STATS_FILE": str(output_dir / f"stats-{n}.json"),
        "MAX_IDLE_TIME_BEFORE_CLOSE": "4",
        "CONCURRENT_REQUESTS": "8",
        "LOG_LEVEL": "INFO",
        **extra,
    }


def push_feeds(redis_url: str, feeds: list[str]) -> None:
    proc = subprocess.run(
        [os.sys.executable, "-m", "scrapy", "pushfeeds", "-s", f"REDIS_URL={redis_url}", *feeds],
        cwd=ROOT,
        env=crawl_env({"SCRAPY_PROJECT": "distributed"}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"pushed {len(feeds)} feeds" in proc.stdout


def start_worker(redis_url: str, output_dir: Path, n: int, **extra):
    return start_crawl(
        output_dir,
        None,
        settings=worker_settings(redis_url, output_dir, n, **extra),
        env={"SCRAPY_PROJECT": "distributed"},
    )


def held_by(client, worker: str) -> set[bytes]:
    """The claim keys ``worker`` holds in Redis."""
    return {
        key for key in client.scan_iter("newscrawl:claim:*") if client.get(key) == worker.encode()
    }


class LogReader:
    """A worker whose log is read as it runs, so a test can wait for one of its lines."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc = proc
        self.lines: list[str] = []
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)

    def wait_for(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in list(self.lines)):
            assert self.proc.poll() is None, "".join(self.lines)[-3000:]
            assert time.monotonic() < deadline, f"no {text!r} in {timeout} s"
            time.sleep(0.05)

    def wait(self, timeout: float = 300) -> str:
        self.proc.wait(timeout=timeout)
        self.thread.join(timeout=30)
        return "".join(self.lines)


def wait(proc, timeout: float = 300) -> str:
    out, _ = proc.communicate(timeout=timeout)
    return out


def records(output_dir: Path, batches: str = "*.jsonl") -> list[dict]:
    """Every JSON Lines record of every worker (a killed worker's torn last line skipped)."""
    found = []
    for path in sorted((output_dir / "items").glob(batches)):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                found.append(json.loads(line))
            except ValueError:
                continue  # cut short by SIGKILL: never marked archived, so fetched again
    return found


def article_responses(output_dir: Path) -> Counter:
    return Counter(
        r.uri.split("/news/", 1)[1]
        for r in read_dir(output_dir / "warc")
        if r.rec_type == "response" and "/news/" in r.uri
    )


def assert_clean_log(log: str) -> None:
    bad = [line for line in log.splitlines() if " WARNING: " in line or " ERROR: " in line]
    assert not bad, "\n".join(bad[:10])


def test_three_workers_archive_every_article_once(server, redis_url, tmp_path):
    # 0.3 s an answer, as from a real site: an idle worker looks at the queue only every
    # few seconds, and on a zero-latency site two workers could take all 300 before the
    # third looked (it would rightly exit 2, and the test would prove less)
    feeds, articles = build_site(server, delay=0.3)
    out = tmp_path / "archive"
    # the feeds are pushed once all three wait on the queue: a worker that started late
    # (a loaded machine) would find everything taken and rightly exit 2, proving nothing
    started = [LogReader(start_worker(redis_url, out, n, MAX_IDLE_TIME_BEFORE_CLOSE="15"))
               for n in range(3)]  # fmt: skip
    for worker in started:
        worker.wait_for("Spider opened", timeout=120)
    push_feeds(redis_url, feeds)
    logs = [worker.wait() for worker in started]
    workers = [worker.proc for worker in started]

    for proc, log in zip(workers, logs, strict=False):
        assert_clean_log(log)
        assert proc.returncode == 0, log[-3000:]
        assert "Closing spider (finished)" in log  # stopped on its own, once idle
    names = {
        path.name[len("newscrawl-") :].split("-", 2)[2] for path in (out / "warc").glob("*.warc.gz")
    }
    assert len(names) >= 2  # several workers wrote, each its own host-pid files
    # each feed fetched once, by one worker, and each article once
    assert all(server.hits_for(f"/feeds/{f}.xml") == 1 for f in range(FEEDS))
    assert all(server.hits_for(path) == 1 for path in articles)
    responses = article_responses(out)
    assert len(responses) == len(articles) and set(responses.values()) == {1}
    items = records(out)
    assert sorted(i["url"] for i in items) == sorted(server.url(p) for p in articles)
    assert len(list((out / "items").glob("*.jsonl"))) >= 2  # one batch file per worker
    assert len(list((out / "posts").glob("*.md"))) == len(articles)  # one post per article
    # the shared state knows them all; nothing is left claimed or queued
    client = redis.Redis.from_url(redis_url)
    assert client.hlen("newscrawl:articles") == len(articles)
    assert client.zcard("newscrawl:taken") == 0
    assert client.zcard("feeds:requests") == 0
    stats = [json.loads((out / f"stats-{n}.json").read_text()) for n in range(3)]
    assert sum(s.get("newscrawl/state/articles_marked", 0) for s in stats) == len(articles)


def test_killed_worker_loses_nothing(server, redis_url, tmp_path):
    feeds, articles = build_site(server)
    push_feeds(redis_url, feeds)
    out = tmp_path / "archive"
    lease = 20
    extra = {"NEWSCRAWL_REDIS_LEASE": str(lease)}
    workers = [
        start_worker(redis_url, out, n, NEWSCRAWL_WORKER_ID=f"w{n}", **extra) for n in range(3)
    ]
    client = redis.Redis.from_url(redis_url)
    deadline = time.monotonic() + 240
    # kill, mid-crawl, a worker that holds work (under load one may start after the
    # others took everything, so the victim is whichever holds the most claims)
    while True:
        assert time.monotonic() < deadline, "the workers archived nothing"
        if client.hlen("newscrawl:articles") >= 40:
            held = {n: held_by(client, f"w{n}") for n in range(3)}
            victim = max(held, key=lambda n: len(held[n]))
            if held[victim]:
                break
        time.sleep(0.05)
    kill_crawl(workers[victim], signal.SIGKILL)
    killed_at = time.monotonic()
    workers[victim].wait(timeout=30)
    orphaned = held_by(client, f"w{victim}")  # dead, it can release nothing more
    survivors = [n for n in range(3) if n != victim]
    for proc in (workers[n] for n in survivors):
        log = wait(proc)
        # 2 (no feed read) for a worker that started after the others took everything
        assert proc.returncode in (0, exitcodes.NO_FEED_READ), log[-3000:]
    # what the dead worker held is queued again once its lease is over
    time.sleep(max(0.0, lease + 1 - (time.monotonic() - killed_at)))
    follow_up = start_worker(redis_url, out, 9, **extra)
    log = wait(follow_up)
    # 2 when the survivors, still running when the leases ran out, queued it all already
    assert follow_up.returncode in (0, exitcodes.NO_FEED_READ), log[-3000:]

    items = Counter(i["url"] for i in records(out))
    assert set(items) == {server.url(p) for p in articles}  # every article archived
    # none twice, but for the gap docs/distributed.md names: a record the victim had
    # written but not yet marked archived when it was killed is written again
    victims = {i["url"] for i in records(out, f"*-w{victim}.jsonl")}
    twice = {url for url, count in items.items() if count > 1}
    assert all(items[url] == 2 and url in victims for url in twice), twice
    responses = article_responses(out)
    assert set(responses) == {p.split("/news/", 1)[1] for p in articles}
    assert client.hlen("newscrawl:articles") == len(articles)
    assert client.zcard("newscrawl:taken") == 0
    assert all(server.hits_for(f"/feeds/{f}.xml") >= 1 for f in range(FEEDS))
    # the dead worker held work in flight, and someone queued it again: from its expired
    # claims, or (killed after a claim, before dropping its popped copy) from the copy
    assert orphaned, "the victim released its claims between the check and the kill"
    stats = [json.loads((out / f"stats-{n}.json").read_text()) for n in (*survivors, 9)]
    requeued = sum(
        s.get(f"newscrawl/distributed/requeued/{kind}", 0)
        for s in stats
        for kind in ("article", "feed", "popped")
    )
    assert requeued >= len(orphaned)


def test_feeds_given_to_a_worker_go_through_redis(server, redis_url, tmp_path):
    paths = ["/news/a.html", "/news/b.html"]
    for path in paths:
        serve_article(server, path, title=f"Story {path}")
    feed = server.add(
        "/feed.xml", rss(server, paths), headers=[("Content-Type", "application/rss+xml")]
    )
    out = tmp_path / "archive"
    proc = start_crawl(
        out,
        [feed, "javascript:alert(1)"],
        settings=worker_settings(redis_url, out, 0, MAX_IDLE_TIME_BEFORE_CLOSE="2"),
        env={"SCRAPY_PROJECT": "distributed"},
    )
    log = wait(proc)
    assert proc.returncode == 0, log[-3000:]
    assert "Pushed 1 feeds to feeds:start_urls" in log
    assert sorted(i["url"] for i in records(out)) == [server.url(p) for p in paths]
    assert server.hits_for("/feed.xml") == 1
