"""The crawl state store (SQLite), article URL keys and the politeness arithmetic."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings

from newscrawl.state.config import StateConfig, StateConfigError
from newscrawl.state.keys import article_key
from newscrawl.state.sqlite import SqliteStateStore
from newscrawl.state.store import ArticleState, FeedState


def test_keys_drop_fragment_and_tracking_parameters():
    plain = article_key("https://news.example/a/story?id=7")
    assert article_key("https://news.example/a/story?id=7#comments") == plain
    assert article_key("https://news.example/a/story?utm_source=rss&id=7&fbclid=x") == plain
    assert article_key("https://news.example/a/story?gclid=1&id=7&UTM_Medium=feed") == plain
    assert article_key("https://news.example/a/story?id=8") != plain
    assert article_key("https://news.example/a/st%C3%BCck") == article_key(
        "https://news.example/a/stück"
    )
    assert article_key(None) is None


def test_store_round_trips_feeds_and_finds_articles_by_either_url(tmp_path):
    store = SqliteStateStore(tmp_path)
    feed = FeedState("https://x.example/rss", etag='"a"', last_fetch=10.0, failures=2)
    store.save_feed(feed)
    article = ArticleState(
        permalink=article_key("https://x.example/p?utm_campaign=z"),
        canonical_url=article_key("https://x.example/story"),
        first_fetch=5.0,
        last_fetch=5.0,
        warc_file="w.warc.gz",
        warc_offset=123,
        warc_record_id="<urn:uuid:1>",
    )
    store.save_article(article)
    store.close()

    again = SqliteStateStore(tmp_path)  # a later run
    assert again.get_feed("https://x.example/rss") == feed
    assert again.get_feed("https://x.example/other") is None
    assert again.find_article(article_key("https://x.example/p")) == article
    assert again.find_article(None, article_key("https://x.example/story#top")) == article
    assert again.find_article(article_key("https://x.example/q")) is None
    assert again.count_articles() == 1
    again.close()


def test_backoff_doubles_and_is_capped():
    config = StateConfig(backoff_base=60, backoff_max=300)
    assert [config.backoff(n) for n in range(5)] == [0, 60, 120, 240, 300]
    assert StateConfig(backoff_base=0).backoff(3) == 0


def test_state_dir_defaults_beside_the_outputs_and_stays_local():
    assert StateConfig.from_settings(Settings({"NEWSCRAWL_OUTPUT_DIR": "/srv/out"})).directory == (
        "/srv/out/state"
    )
    remote = Settings({"NEWSCRAWL_OUTPUT_DIR": "s3://bucket/news"})
    assert StateConfig.from_settings(remote).directory == ".newscrawl/state"
    with pytest.raises(StateConfigError, match="NEWSCRAWL_STATE_DIR"):
        StateConfig.from_settings(Settings({"NEWSCRAWL_STATE_DIR": "s3://b/state"}))
    with pytest.raises(StateConfigError, match="NEWSCRAWL_FEED_MIN_INTERVAL"):
        StateConfig.from_settings(Settings({"NEWSCRAWL_FEED_MIN_INTERVAL": "soon"}))
    with pytest.raises(StateConfigError, match="NEWSCRAWL_RECRAWL_HOURS"):
        StateConfig.from_settings(Settings({"NEWSCRAWL_RECRAWL_HOURS": "-1"}))
