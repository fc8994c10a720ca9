"""Metadata extraction: each field and the precedence JSON-LD > meta > feed > page heuristics."""

from __future__ import annotations

import json

import pytest

from newscrawl.extract import ARTICLE_KEYS, extract_article

URL = "https://news.example/2025/03/story/"
FETCHED = "2025-03-10T12:00:00+00:00"
BODY = "".join(
    f"<p>Paragraph {i} of the story tells readers what happened at the council meeting "
    f"on Tuesday night, who voted for the plan and what comes next for residents.</p>"
    for i in range(6)
)


def page(head: str = "", article_head: str = "", body: str = BODY, lang: str = "en") -> str:
    return (
        f'<html lang="{lang}"><head><title>Page title | Site</title>{head}</head><body>'
        f'<nav><a href="/">Home</a></nav><article>{article_head}{body}</article>'
        "<footer>Footer</footer></body></html>"
    )


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


OG = (
    '<meta property="og:title" content="OG title">'
    '<meta property="og:description" content="OG description">'
    '<meta property="og:site_name" content="OG Site">'
    '<meta property="og:image" content="/img/og.jpg">'
    '<meta property="og:url" content="https://news.example/og-url">'
    '<meta property="og:locale" content="de_DE">'
    '<meta property="article:published_time" content="2025-03-02T08:00:00+01:00">'
    '<meta property="article:modified_time" content="2025-03-03T08:00:00+01:00">'
    '<meta property="article:section" content="OG section">'
    '<meta property="article:tag" content="Housing"><meta property="article:tag" content="Council">'
    '<meta name="author" content="Meta Author">'
)
JSONLD = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "JSON-LD headline",
    "description": "JSON-LD description",
    "author": [{"@type": "Person", "name": "Ana Ruiz"}, {"@type": "Person", "name": "Tom Lee"}],
    "datePublished": "2025-03-01T09:30:00+01:00",
    "dateModified": "2025-03-01T10:00:00+01:00",
    "articleSection": "Politics",
    "keywords": "housing, city council",
    "inLanguage": "en-GB",
    "image": {"@type": "ImageObject", "url": "https://cdn.news.example/lead.jpg"},
    "mainEntityOfPage": {"@type": "WebPage", "@id": "https://news.example/ld-canonical"},
    "publisher": {"@type": "Organization", "name": "The Example News"},
}
FEED = {
    "title": "Feed title",
    "author": "Feed Author",
    "published": "2025-03-01T07:00:00+00:00",
    "categories": ["City Council", "Local"],
    "summary": "<p>Feed summary</p>",
}
HEURISTIC = (
    '<h1>Heading title</h1><p class="byline">By Hugo Heuristic</p>'
    '<time datetime="2025-02-28T12:00:00Z">Feb 28</time>'
)


def extract(html: str, entry: dict | None = None, fetched_at: str = FETCHED) -> dict:
    return extract_article(html, URL, entry=entry, fetched_at=fetched_at)


def test_result_has_exactly_the_article_keys():
    result = extract(page())
    assert tuple(result) == ARTICLE_KEYS


def test_jsonld_beats_opengraph_feed_and_heuristics():
    result = extract(page(head=ld(JSONLD) + OG, article_head=HEURISTIC), FEED)
    assert result["title"] == "JSON-LD headline"
    assert result["description"] == "JSON-LD description"
    assert result["authors"] == ["Ana Ruiz", "Tom Lee"]
    assert result["published"] == "2025-03-01T09:30:00+01:00"
    assert result["modified"] == "2025-03-01T10:00:00+01:00"
    assert result["section"] == "Politics"
    assert result["language"] == "en-GB"
    assert result["image"] == "https://cdn.news.example/lead.jpg"
    assert result["site_name"] == "The Example News"


def test_opengraph_beats_feed_and_heuristics():
    result = extract(page(head=OG, article_head=HEURISTIC), FEED)
    assert result["title"] == "OG title"
    assert result["description"] == "OG description"
    assert result["authors"] == ["Meta Author"]
    assert result["published"] == "2025-03-02T08:00:00+01:00"
    assert result["modified"] == "2025-03-03T08:00:00+01:00"
    assert result["section"] == "OG section"
    assert result["language"] == "de-DE"
    assert result["image"] == "https://news.example/img/og.jpg"  # made absolute
    assert result["site_name"] == "OG Site"
    assert result["canonical_url"] == "https://news.example/og-url"


def test_feed_beats_page_heuristics():
    result = extract(page(article_head=HEURISTIC), FEED)
    assert result["title"] == "Feed title"
    assert result["authors"] == ["Feed Author"]
    assert result["published"] == "2025-03-01T07:00:00+00:00"
    assert result["description"] == "Feed summary"


def test_page_heuristics_when_nothing_else_says():
    result = extract(page(article_head=HEURISTIC))
    assert result["title"] == "Heading title"
    assert result["authors"] == ["Hugo Heuristic"]
    assert result["published"] == "2025-02-28T12:00:00+00:00"
    assert result["language"] == "en"


def test_title_element_without_site_suffix_is_the_last_resort():
    assert extract(page())["title"] == "Page title"


def test_jsonld_in_a_graph_with_references_is_resolved():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "https://news.example/#site", "name": "Graph Site"},
            {
                "@type": ["Article", "NewsArticle"],
                "@id": URL + "#article",
                "headline": "Graph headline",
                "author": {"@id": "https://news.example/#/person/1"},
                "datePublished": "2025-03-01T09:00:00Z",
                "publisher": {"@id": "https://news.example/#org"},
            },
            {"@type": "Person", "@id": "https://news.example/#/person/1", "name": "Graph Author"},
            {"@type": "Organization", "@id": "https://news.example/#org", "name": "Graph Org"},
        ],
    }
    result = extract(page(head=ld(graph)))
    assert result["title"] == "Graph headline"
    assert result["authors"] == ["Graph Author"]
    assert result["published"] == "2025-03-01T09:00:00+00:00"
    assert result["site_name"] == "Graph Org"


def test_jsonld_in_a_list_and_nested_author_objects():
    data = [
        {"@type": "BreadcrumbList", "itemListElement": []},
        {
            "@type": "ReportageNewsArticle",
            "headline": "Listed headline",
            "author": {"@type": "Person", "name": ["Nested Name"]},
            "datePublished": "2025-03-01",
        },
    ]
    result = extract(page(head=ld(data)))
    assert result["title"] == "Listed headline"
    assert result["authors"] == ["Nested Name"]
    assert result["published"] == "2025-03-01T00:00:00+00:00"


def test_broken_jsonld_is_skipped_and_meta_used():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>' + OG
    assert extract(page(head=head))["title"] == "OG title"


def test_jsonld_with_trailing_comma_still_parses():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Lax",}</script>'
    )
    assert extract(page(head=head))["title"] == "Lax"


def test_html_entities_in_titles_are_decoded():
    head = '<meta property="og:title" content="Guns &amp;#8211; GAO">'
    assert extract(page(head=head))["title"] == "Guns \u2013 GAO"
    data = dict(JSONLD, headline="Efforts falter &#8211; GAO")
    assert extract(page(head=ld(data)))["title"] == "Efforts falter \u2013 GAO"
    assert extract(page(), {"title": "Caf&eacute; &#8216;news&#8217;"})["title"] == (
        "Caf\u00e9 \u2018news\u2019"
    )


def test_site_name_suffix_is_stripped_from_the_title():
    head = '<meta property="og:title" content="Real title | OG Site">' + (
        '<meta property="og:site_name" content="OG Site">'
    )
    assert extract(page(head=head))["title"] == "Real title"


def test_future_dates_are_dropped_and_the_next_source_used():
    data = dict(JSONLD, datePublished="2031-01-01T00:00:00Z", dateModified="2030-05-01T00:00:00Z")
    result = extract(page(head=ld(data) + OG))
    assert result["published"] == "2025-03-02T08:00:00+01:00"
    assert result["modified"] == "2025-03-03T08:00:00+01:00"


def test_modified_date_before_publication_is_dropped():
    data = dict(JSONLD, dateModified="2025-02-01T10:00:00+01:00")
    result = extract(page(head=ld(data)))
    assert result["published"] == "2025-03-01T09:30:00+01:00"
    assert result["modified"] is None


def test_dates_slightly_after_the_fetch_are_clamped_to_it():
    data = dict(JSONLD, datePublished="2025-03-10T15:00:00+00:00")
    result = extract(page(head=ld(data)))
    assert result["published"] == FETCHED


def test_no_date_is_later_than_the_fetch_time():
    data = dict(JSONLD, datePublished="2099-01-01T00:00:00Z", dateModified="2099-01-01T00:00:00Z")
    result = extract(page(head=ld(data)), {"published": "2098-01-01T00:00:00Z"})
    assert result["published"] is None
    assert result["modified"] is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-03-01T09:30:00Z", "2025-03-01T09:30:00+00:00"),
        ("2025-03-01 09:30:00", "2025-03-01T09:30:00+00:00"),
        ("Sat, 01 Mar 2025 09:30:00 +0100", "2025-03-01T09:30:00+01:00"),
        ("1740821400", "2025-03-01T09:30:00+00:00"),
    ],
)
def test_dates_are_iso_8601_with_an_offset(value, expected):
    data = dict(JSONLD, datePublished=value)
    assert extract(page(head=ld(data)))["published"] == expected


def test_unparsable_dates_fall_through_to_the_date_in_the_url():
    data = {k: v for k, v in JSONLD.items() if k != "dateModified"}
    data["datePublished"] = "not a date"
    dated = extract_article(
        page(head=ld(data)), "https://news.example/2025/03/04/x/", None, FETCHED
    )
    assert dated["published"] == "2025-03-04T00:00:00+00:00"
    other = page(head=ld(data), body="<p>Another story without any date in it at all.</p>" * 5)
    undated = extract_article(other, "https://news.example/story", None, FETCHED)
    assert undated["published"] is None


def test_heuristic_title_prefers_the_title_element_over_a_navigation_h1():
    html = (
        "<html><head><title>Budget passes after long night - The Example News</title></head>"
        "<body><h1>Navigation</h1><div><p>" + BODY + "</p></div></body></html>"
    )
    assert extract(html)["title"] == "Budget passes after long night"


def test_jsonld_section_joined_with_commas_gives_the_first():
    data = dict(JSONLD, articleSection="Brooklyn,Government,Housing")
    assert extract(page(head=ld(data)))["section"] == "Brooklyn"


def test_web_addresses_are_cut_from_author_names():
    head = '<meta name="author" content="Deutsche Welle (www.dw.com)">'
    assert extract(page(head=head))["authors"] == ["Deutsche Welle"]


def test_categories_merge_page_and_feed_without_case_duplicates():
    result = extract(page(head=ld(JSONLD)), FEED)
    assert result["categories"] == ["housing", "city council", "Local"]


def test_categories_from_article_tags_when_there_is_no_jsonld():
    result = extract(page(head=OG), {"categories": ["council", "Weather"]})
    assert result["categories"] == ["Housing", "Council", "Weather"]


def test_author_urls_are_not_names_and_bylines_are_split():
    head = (
        '<meta property="article:author" content="https://facebook.com/someone">'
        '<meta name="author" content="By Jane Doe and John Roe">'
    )
    assert extract(page(head=head))["authors"] == ["Jane Doe", "John Roe"]


def test_canonical_link_then_jsonld_then_og_url_then_final_url():
    canonical = '<link rel="canonical" href="/canonical-path">'
    assert (
        extract(page(head=canonical + ld(JSONLD) + OG))["canonical_url"]
        == "https://news.example/canonical-path"
    )
    assert (
        extract(page(head=ld(JSONLD) + OG))["canonical_url"] == "https://news.example/ld-canonical"
    )
    assert extract(page(head=OG))["canonical_url"] == "https://news.example/og-url"
    assert extract(page())["canonical_url"] == URL


def test_javascript_canonical_and_image_urls_are_refused():
    head = (
        '<link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:image" content="javascript:alert(1)">'
    )
    result = extract(page(head=head))
    assert result["canonical_url"] == URL
    assert result["image"] is None


def test_word_count_counts_the_body_words():
    result = extract(page())
    assert result["word_count"] == 6 * 27  # 27 words in each paragraph


def test_plain_text_byline_after_the_heading():
    html = (
        "<html><head><title>Seal pup rescued - Coast News</title></head><body>"
        "<div id='story'><h1>Seal pup rescued</h1>"
        "<p class='story-meta'>Written by <strong>Megan Pryce</strong> | Published: 22 July</p>"
        + BODY
        + "</div></body></html>"
    )
    assert extract(html)["authors"] == ["Megan Pryce"]
    assert extract(html.replace("Written by", "Posted by"))["authors"] == ["Megan Pryce"]
    sentence = html.replace("Written by <strong>Megan Pryce</strong>", "By the time we arrived")
    assert extract(sentence)["authors"] == []
