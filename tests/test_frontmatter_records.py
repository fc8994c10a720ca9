"""Front-matter records: presets, key mapping, permalinks, dates and stable IDs."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
import yaml

from newscrawl.frontmatter import (
    PRESETS,
    FrontMatterConfig,
    article_id,
    build_record,
    dump_yaml,
)
from newscrawl.items import Article

SEED_KEYS = [
    "ID", "post_title", "author", "post_date", "post_excerpt", "layout", "permalink",
    "published", "original_cats", "original_title", "original_link", "canonical_url",
]  # fmt: skip


def seed_article(**changes: object) -> Article:
    fields = dict(
        feed_url="http://feeds.reuters.com/Reuters/domesticNews",
        original_link="http://feeds.reuters.com/~r/Reuters/domesticNews/~3/Dz4LXo9py04/story01.htm",
        permalink="https://www.reuters.com/article/us-mexico-guns-idUSKCN0UP1Y4?feedType=RSS",
        url="https://www.reuters.com/article/us-mexico-guns-idUSKCN0UP1Y4?feedType=RSS",
        canonical_url="https://www.reuters.com/article/us-mexico-guns-idUSKCN0UP1Y4",
        status=200,
        fetched_at="2016-01-11T18:00:00+00:00",
        entry_title="Exclusive: U.S., Mexican efforts to battle gun trafficking falter - GAO",
        entry_categories=["domesticNews"],
        title="Exclusive: U.S., Mexican efforts to battle gun trafficking falter &#8211; GAO",
        authors=["Staff Writer"],
        published="2016-01-11T12:48:48-05:00",
        section="World",
        excerpt="Efforts to combat illegal gunrunning have stumbled.",
        image="https://www.reuters.com/img/guns.jpg",
        language="en",
    )
    fields.update(changes)
    return Article(**fields)


def record_of(article: Article, **config: object) -> dict:
    return build_record(asdict(article), FrontMatterConfig(**config))


def test_wordpress_preset_has_exactly_the_seed_keys_and_types() -> None:
    record = record_of(
        seed_article(), preset="wordpress", permalink_base="https://www.whenitson.com"
    )
    assert list(record) == SEED_KEYS
    assert isinstance(record["ID"], int) and 0 < record["ID"] < 2**52
    assert record["post_title"] == (
        "Exclusive: U.S., Mexican efforts to battle gun trafficking falter \u2013 GAO"
    )
    assert record["author"] == "Staff Writer"
    assert record["post_date"] == "2016-01-11 17:48:48"  # UTC by default
    assert record["post_excerpt"] == "Efforts to combat illegal gunrunning have stumbled."
    assert record["layout"] == "post"
    assert record["permalink"] == (
        "https://www.whenitson.com/exclusive-u-s-mexican-efforts-to-battle-gun-trafficking-falter-gao/"
    )
    assert record["published"] is True
    assert record["original_cats"] == ["domesticNews", "World"]
    assert record["original_title"] == [
        "Exclusive: U.S., Mexican efforts to battle gun trafficking falter - GAO"
    ]
    assert record["original_link"] == [
        "http://feeds.reuters.com/~r/Reuters/domesticNews/~3/Dz4LXo9py04/story01.htm"
    ]
    assert record["canonical_url"] == [
        "https://www.reuters.com/article/us-mexico-guns-idUSKCN0UP1Y4"
    ]


def test_wordpress_preset_keeps_every_key_when_the_article_is_bare() -> None:
    record = record_of(Article(url="https://example.com/a/b"), preset="wordpress")
    assert list(record) == SEED_KEYS
    assert record["post_title"] == ""
    assert record["original_cats"] == []
    assert json.loads(json.dumps(record)) == record


def test_jekyll_is_the_default_preset() -> None:
    record = build_record(asdict(seed_article()))
    assert record["layout"] == "post"
    assert record["title"].endswith("falter \u2013 GAO")
    assert record["date"] == "2016-01-11 17:48:48 +0000"
    assert record["author"] == "Staff Writer"
    assert record["categories"] == ["domesticNews", "World"]
    assert (
        record["permalink"]
        == "/exclusive-u-s-mexican-efforts-to-battle-gun-trafficking-falter-gao/"
    )
    assert record["lang"] == "en"
    assert len(record["id"]) == 16
    assert set(record) <= set(PRESETS["jekyll"])


def test_page_authors_win_and_the_feeds_joined_author_is_only_a_fallback() -> None:
    both = seed_article(
        authors=["Liv Amundsen", "Karim Haddad"], entry_author="Liv Amundsen, Karim Haddad"
    )
    assert record_of(both)["author"] == "Liv Amundsen, Karim Haddad"
    assert record_of(both, preset="hugo")["authors"] == ["Liv Amundsen", "Karim Haddad"]
    feed_only = seed_article(authors=[], entry_author="Desk Editor")
    assert record_of(feed_only)["author"] == "Desk Editor"


def test_hugo_preset() -> None:
    record = record_of(seed_article(modified="2016-01-12T08:00:00Z"), preset="hugo")
    assert record["date"] == "2016-01-11T17:48:48+00:00"
    assert record["lastmod"] == "2016-01-12T08:00:00+00:00"
    assert record["draft"] is False
    assert record["slug"] == "exclusive-u-s-mexican-efforts-to-battle-gun-trafficking-falter-gao"
    assert record["url"] == "/" + record["slug"] + "/"
    assert record["authors"] == ["Staff Writer"]
    assert record["images"] == ["https://www.reuters.com/img/guns.jpg"]
    assert list(record) == [k for k in PRESETS["hugo"] if k in record]
    with_base = record_of(seed_article(), preset="hugo", permalink_base="https://example.com")
    assert with_base["url"] == record["url"]  # a path under Hugo's baseURL


def test_custom_key_names_and_dropped_keys() -> None:
    record = record_of(
        seed_article(), preset="wordpress", keys={"post_title": "headline", "layout": None}
    )
    assert "headline" in record and "post_title" not in record and "layout" not in record
    assert list(record)[1] == "headline"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"preset": "blogger"}, "not a preset"),
        ({"preset": "wordpress", "keys": {"title": "x"}}, "does not have"),
        ({"preset": "wordpress", "keys": {"post_title": "author"}}, "two keys the name"),
        ({"timezone": "Mars/Olympus"}, "time zone"),
        ({"permalink_pattern": "/{category}/{slug}/"}, "may use only"),
    ],
)
def test_bad_configuration_is_rejected_with_a_fix(config: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FrontMatterConfig(**config)


def test_permalink_pattern_and_timezone() -> None:
    record = record_of(
        seed_article(),
        preset="wordpress",
        permalink_base="https://blog.example/news/",
        permalink_pattern="{year}/{month}/{day}/{slug}.html",
        timezone="America/New_York",
    )
    assert record["post_date"] == "2016-01-11 12:48:48"
    assert record["permalink"].startswith("https://blog.example/news/2016/01/11/exclusive-")
    assert record["permalink"].endswith("-gao.html")


def test_date_falls_back_to_feed_then_fetch_time() -> None:
    record = record_of(seed_article(published=None, entry_published="2016-01-10T01:02:03Z"))
    assert record["date"] == "2016-01-10 01:02:03 +0000"
    record = record_of(seed_article(published=None, entry_published=None))
    assert record["date"] == "2016-01-11 18:00:00 +0000"


def test_ids_are_stable_and_follow_the_canonical_url() -> None:
    first = article_id(asdict(seed_article()))
    assert first == article_id(asdict(seed_article()))
    # the same article reached with tracking parameters, http, www or a trailing slash
    variant = seed_article(
        canonical_url="http://reuters.com/article/us-mexico-guns-idUSKCN0UP1Y4/?utm_source=x#top",
        url="https://www.reuters.com/other",
    )
    assert article_id(asdict(variant)) == first
    other = seed_article(canonical_url="https://www.reuters.com/article/another-story")
    assert article_id(asdict(other)) != first
    # a home-page canonical is a site bug: the permalink identifies the article instead
    bogus = seed_article(canonical_url="https://www.reuters.com/")
    assert article_id(asdict(bogus)) == article_id(asdict(seed_article(canonical_url=None)))


def test_record_survives_json_and_yaml() -> None:
    record = record_of(seed_article(), preset="wordpress")
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record
    assert yaml.safe_load(dump_yaml(record)) == record


def test_titles_are_plain_text_with_real_characters() -> None:
    record = record_of(seed_article(title="Caf&amp;eacute; &quot;Le\tMonde&quot;\n&#x1F4F0;"))
    assert record["title"] == 'Café "Le Monde" \U0001f4f0'


def test_only_web_urls_reach_the_record() -> None:
    record = record_of(
        seed_article(
            image="javascript:alert(1)",
            canonical_url="JaVaScRiPt:alert(1)",
            url="data:text/html,x",
            permalink="https://www.reuters.com/article/x",
            original_link="vbscript:x",
        )
    )
    assert "image" not in record
    assert record["canonical_url"] == "https://www.reuters.com/article/x"
    assert record["original_link"] == "https://www.reuters.com/article/x"


@pytest.mark.parametrize("preset", ["jekyll", "hugo", "wordpress"])
def test_versions_after_the_first_name_the_one_they_supersede(preset: str) -> None:
    first = record_of(seed_article(record_version=1, supersedes=None), preset=preset)
    assert "record_version" not in first and "supersedes" not in first
    assert first == record_of(seed_article(), preset=preset)  # first records are unchanged
    later = record_of(seed_article(record_version=2, supersedes="<urn:uuid:1>"), preset=preset)
    assert list(later)[-2:] == ["record_version", "supersedes"]
    assert later["record_version"] == 2 and later["supersedes"] == "<urn:uuid:1>"
    assert yaml.safe_load(dump_yaml(later)) == later
    renamed = record_of(
        seed_article(record_version=2, supersedes="<urn:uuid:1>"),
        preset=preset,
        keys={"record_version": "revision", "supersedes": None},
    )
    assert renamed["revision"] == 2 and "supersedes" not in renamed
