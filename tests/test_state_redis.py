"""RedisStateStore and the Redis revisit index against a real redis-server."""

from __future__ import annotations

import pytest

from newscrawl.state.redis import RedisStateStore
from newscrawl.state.store import ArticleState, FeedState
from newscrawl.warc.dedup import Capture
from newscrawl.warc.dedupredis import RedisDedupIndex, open_dedup_index
from tests.conftest import require_executable
from tests.support.redisserver import redis_server

pytest.importorskip("redis")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    executable = require_executable("redis-server")
    with redis_server(executable, tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def store(redis_url, request):
    store = RedisStateStore(redis_url, prefix=f"t-{request.node.name}", lease=60)
    yield store
    store.close()


def test_feeds_and_articles_round_trip(store):
    assert store.get_feed("http://a/feed") is None
    store.save_feed(FeedState("http://a/feed", etag='"x"', failures=2))
    assert store.get_feed("http://a/feed") == FeedState("http://a/feed", etag='"x"', failures=2)
    article = ArticleState("http://a/1", canonical_url="http://a/one", last_fetch=5.0)
    store.save_article(article)
    assert store.find_article("http://a/1") == article
    assert store.find_article(None, "http://a/one") == article  # by canonical URL
    assert store.find_article("http://a/2") is None
    store.touch_article(article, 9.0)
    assert store.find_article("http://a/one").last_fetch == 9.0
    assert store.count_articles() == 1


def test_one_claim_per_key_until_released(store):
    data = {"kind": "article", "url": "http://a/1"}
    assert store.claim("http://a/1", "w1", data)
    assert store.claim("http://a/1", "w1", data)  # the holder may claim again
    assert not store.claim("http://a/1", "w2", data)
    assert store.claim("http://a/1", "w2", data, force=True)  # a redirect or retry moves it
    assert store.claimed() == 1
    store.release("http://a/1")
    assert store.claimed() == 0
    assert store.claim("http://a/1", "w3", data)


def test_archiving_releases_the_claim(store):
    store.claim("http://a/1", "w1", {"kind": "article", "url": "http://a/1"})
    store.save_article(ArticleState("http://a/1"))
    assert store.claimed() == 0
    assert store.claim("http://a/1", "w2", {})


def test_expired_claims_are_taken_back_once(store):
    store.claim("http://a/1", "w1", {"kind": "article", "url": "http://a/1"})
    store.claim("feed http://a/f", "w1", {"kind": "feed", "url": "http://a/f"})
    assert store.take_expired(now=0) == []  # leases still running
    later = 10**10
    taken = store.take_expired(now=later)
    assert sorted(d["url"] for d in taken) == ["http://a/1", "http://a/f"]
    assert store.take_expired(now=later) == []  # a second worker gets nothing
    assert store.claimed() == 0


def test_redis_dedup_index_shared_between_writers(redis_url):
    first = open_dedup_index(redis_url, "t-dedup")
    second = RedisDedupIndex(redis_url, "t-dedup")
    assert isinstance(first, RedisDedupIndex)
    capture = Capture("http://a/x?b=2&a=1", "sha1:AAA", "<urn:uuid:1>", "2026-12-03T00:00:00Z")
    first.add(capture)
    first.add(Capture(capture.url, "sha1:AAA", "<urn:uuid:2>", "2026-12-03T01:00:00Z"))
    # another worker, another spelling of the URL: the first capture of that payload
    assert second.lookup("http://a/x?a=1&b=2", "sha1:AAA") == capture
    assert second.lookup("http://a/x?a=1&b=2", "sha1:BBB") is None
    assert second.latest("http://a/x?a=1&b=2").record_id == "<urn:uuid:2>"
    first.close()
    second.close()
