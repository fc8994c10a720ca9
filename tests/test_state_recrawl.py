"""Re-crawl policy: a changed article text makes a new record version, page noise does not."""

from __future__ import annotations

from tests.support.conditional import serve_conditional
from tests.support.crawl import run_crawl
from tests.support.warc import rss

HTML = [("Content-Type", "text/html; charset=utf-8")]
BODY = (
    "<p>The council approved the new bridge on Tuesday after a long debate about its cost "
    "and the years of building work that the river crossing will need.</p>"
    "<p>Construction is due to start next spring, the mayor said at a press conference.</p>"
)


def page(title: str, body: str, ad: str, stamp: str) -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><script>var token = 'tok-{stamp}';</script></head><body>"
        f"<aside class='ad'><a href='/ads/{ad}'>Buy {ad} now</a></aside>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer><p>Served at {stamp} by edge node {ad}</p></footer></body></html>"
    )


def test_recrawl_versions_changed_text_and_ignores_ads_and_timestamps(server, tmp_path):
    server.add("/corrected", page("Bridge approved", BODY, "shoes", "09:00:01"), headers=HTML)
    server.add("/noisy", page("Bridge costs", BODY, "cars", "09:00:02"), headers=HTML)
    feed = serve_conditional(server, "/feed.xml", rss(server, ["/corrected", "/noisy"]))
    settings = {
        "NEWSCRAWL_STATE_ENABLED": "True",
        "NEWSCRAWL_STATE_DIR": str(tmp_path / "state"),
        "NEWSCRAWL_FEED_MIN_INTERVAL": "0",
        "NEWSCRAWL_RECRAWL_HOURS": "48",
    }
    first = run_crawl(tmp_path / "run1", feeds=[server.url("/feed.xml")], settings=settings)
    assert first.returncode == 0, first.log[-3000:]
    v1 = first.item_for("/corrected")
    assert v1["record_version"] == 1 and v1["supersedes"] is None

    corrected = BODY.replace("next spring", "in the autumn")
    server.add("/corrected", page("Bridge approved", corrected, "shoes", "10:30:00"), headers=HTML)
    server.add("/noisy", page("Bridge costs", BODY, "holidays", "10:30:07"), headers=HTML)
    # the feed is unchanged: it would answer a conditional request with 304

    second = run_crawl(tmp_path / "run2", feeds=[server.url("/feed.xml")], settings=settings)
    assert second.returncode == 0, second.log[-3000:]
    assert " WARNING: " not in second.log, second.log[-3000:]
    assert server.hits_for("/corrected") == server.hits_for("/noisy") == 2
    assert feed.conditional_count == 0
    assert second.stat("newscrawl/articles/recrawled") == 2
    assert [i["url"] for i in second.items] == [server.url("/corrected")]
    v2 = second.items[0]
    assert v2["record_version"] == 2
    assert v2["supersedes"] == v1["warc_record_id"]
    assert v2["content_digest"] != v1["content_digest"]
    assert "in the autumn" in v2["markdown"]
    assert second.stat("newscrawl/articles/new_version") == 1
    assert second.stat("newscrawl/articles/unchanged") == 1

    # the policy off: known articles are not fetched again, changed or not
    server.add("/corrected", page("Bridge approved", BODY, "shoes", "11:00:00"), headers=HTML)
    feed.set(rss(server, ["/corrected", "/noisy"], "Fixture feed, third"))
    off = {**settings, "NEWSCRAWL_RECRAWL_HOURS": "0"}
    third = run_crawl(tmp_path / "run3", feeds=[server.url("/feed.xml")], settings=off)
    assert third.returncode == 0, third.log[-3000:]
    assert server.hits_for("/corrected") == 2
    assert third.items == []
    assert third.stat("newscrawl/articles/known") == 2
