"""Two overlapping runs on one state store: the second stops at once, status 4."""

from __future__ import annotations

import json
import time

from newscrawl import exitcodes
from tests.support.crawl import run_crawl, start_crawl
from tests.support.site import serve_article
from tests.support.warc import rss


def test_a_second_run_on_a_locked_state_does_nothing(server, tmp_path):
    serve_article(server, "/slow", title="Slow story", delay=15)
    server.add("/feed.xml", rss(server, ["/slow"]), headers=[("Content-Type", "text/xml")])
    out = tmp_path / "archive"
    settings = {"NEWSCRAWL_STATE_ENABLED": "True", "NEWSCRAWL_FEED_MIN_INTERVAL": "0"}
    first = start_crawl(out, [server.url("/feed.xml")], settings=settings)
    try:
        deadline = time.monotonic() + 60
        while not (server.hits_for("/slow") and list(out.glob("warc/*.open"))):
            assert time.monotonic() < deadline, "the first run never reached the article"
            time.sleep(0.2)
        before = sorted(p.relative_to(out) for p in out.rglob("*"))
        second = run_crawl(
            out,
            feeds=[server.url("/feed.xml")],
            settings={**settings, "NEWSCRAWL_STATS_FILE": str(tmp_path / "second.json")},
        )
        stats = json.loads((tmp_path / "second.json").read_text())
        assert exitcodes.exit_status(stats) == exitcodes.LOCKED
        assert second.returncode == exitcodes.LOCKED, second.log[-3000:]
        assert stats["finish_reason"] == "locked"
        errors = [line for line in second.log.splitlines() if " ERROR: " in line]
        assert len(errors) == 1, second.log[-3000:]
        assert "another newscrawl run (pid " in errors[0]
        assert str(out / "state" / "lock") in errors[0]
        assert "Traceback" not in second.log
        assert server.hits_for("/feed.xml") == 1  # the second run asked nothing
        after = sorted(p.relative_to(out) for p in out.rglob("*"))
        assert after == before  # and wrote nothing into the archive
    finally:
        log, _ = first.communicate(timeout=120)
    assert first.returncode == 0, log[-3000:]
    assert json.loads((out / "stats.json").read_text())["item_scraped_count"] == 1
