"""Bylines: site names spelt out, labelled and signed bylines the fallback searches find."""

from __future__ import annotations

import json

from newscrawl.extract import extract_article

FETCHED = "2025-03-10T12:00:00+00:00"
BODY = "".join(
    f"<p>Paragraph {i} of the report explains why the ferry crews walked out on Monday, "
    f"what the operator offered and when the next round of talks is planned.</p>"
    for i in range(6)
)


def authors(html: str, url: str = "https://www.harbourtimes.example/2025/03/ferry-strike/"):
    return extract_article(html, url, fetched_at=FETCHED)["authors"]


def test_a_meta_author_whose_initials_are_the_sites_short_name_is_the_site():
    html = (
        '<html><head><title>Ferry strike</title><meta name="author" content="Harbour Times">'
        "</head><body><article><h1>Ferry strike</h1>"
        f"{BODY}<p>Auteur : Mara Quist</p></article></body></html>"
    )
    assert authors(html, "https://www.ht.example/fr/ferry-strike/a-1") == ["Mara Quist"]


def test_a_column_by_line_at_the_top_of_the_text_names_the_author():
    html = (
        "<html><head><title>Ferry strike</title></head><body><article><h1>Ferry strike</h1>"
        f"<div class=text><p><strong>Eine Kolumne von Mara Quist</strong></p>{BODY}</div>"
        "</article></body></html>"
    )
    assert authors(html) == ["Mara Quist"]


def test_a_wrapper_whose_class_says_a_sidebar_is_on_is_no_sidebar():
    html = (
        "<html><head><title>Ferry strike</title></head><body>"
        '<div class="post-wrap sidebar-on sidebar-right"><article><h1>Ferry strike</h1>'
        f'<span class="entry-author">Mara Quist</span>{BODY}</article>'
        '<div class="sidebar"><span class="author">Tom Lee</span></div></div></body></html>'
    )
    assert authors(html) == ["Mara Quist"]


def test_a_by_label_alone_in_its_elements_labels_the_name_in_the_next_block():
    byline = (
        '<div class="field"><p class="label"><strong>By</strong></p></div>'
        '<div class="field"><p class="full-name">Mara Quist</p></div>'
    )
    html = (
        "<html><head><title>Ferry strike</title></head><body><article><h1>Ferry strike</h1>"
        f'{BODY}<div class="meta">{byline}</div></article></body></html>'
    )
    assert authors(html) == ["Mara Quist"]


def test_a_menu_link_labelled_authors_labels_no_byline():
    menu = (
        '<ul class="menu"><li><a href="/whitepaper/">White Papers</a></li>'
        '<li><a href="/team/">Autoren</a></li><li><a href="/lexikon/">Chemie Lexikon</a></li>'
        "</ul>"
    )
    html = (
        f"<html><head><title>Ferry strike</title></head><body>{menu}<h1>Ferry strike</h1>"
        f"{BODY}</body></html>"
    )
    assert authors(html) == []


def test_a_date_and_time_then_von_and_a_first_name_is_a_byline():
    html = (
        "<html><head><title>Ferry strike</title></head><body><h1>Ferry strike</h1>"
        f"<div><span>06.11.2023 13:30 von Mara</span></div>{BODY}</body></html>"
    )
    assert authors(html) == ["Mara"]


def test_an_author_link_holding_a_portrait_with_its_credit_names_the_author():
    link = (
        '<a href="/autoren/mara-quist-1234"><span itemprop="image"><picture>'
        '<img src="/mq.jpg" alt="Mara Quist"></picture>'
        '<span class="teaser-copyright">© Mara Quist</span></span>'
        "<span>Mara Quist</span></a>"
    )
    html = (
        "<html><head><title>Ferry strike</title></head><body><h1>Ferry strike</h1>"
        f"<div>{link}</div>{BODY}</body></html>"
    )
    assert authors(html) == ["Mara Quist"]


def _recipe_page(author: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Recipe",
        "name": "Ferry cake",
        "author": {"@type": "Person", "name": author},
        "recipeIngredient": ["flour", "sugar"],
    }
    return (
        "<html><head><title>Ferry cake</title>"
        f'<script type="application/ld+json">{json.dumps(data)}</script></head>'
        f"<body><h1>Ferry cake</h1>{BODY}</body></html>"
    )


def test_the_author_of_a_pages_recipe_is_the_pages_author():
    assert authors(_recipe_page("maraquist")) == ["maraquist"]


def test_a_recipe_whose_person_is_the_site_names_no_author():
    assert authors(_recipe_page("Harbour Times"), "https://harbourtimes.example/r/1") == []


def test_a_dash_before_a_by_line_after_the_headline_is_no_part_of_it():
    html = (
        "<html><head><title>Ferry strike</title></head><body><h1>Ferry strike</h1>"
        f"<div><span><em>---- by Mara Quist</em></span></div>{BODY}</body></html>"
    )
    assert authors(html) == ["Mara Quist"]


def test_a_date_time_and_name_line_just_above_the_headline_is_a_byline():
    html = (
        "<html><head><title>Ferry strike</title></head><body><div>"
        "<small>04.02.2022 | 13:10 Uhr | Mara Quist</small><h1>Ferry strike</h1>"
        f"{BODY}</div></body></html>"
    )
    assert authors(html) == ["Mara Quist"]


def test_a_bylines_category_part_sharing_its_class_is_no_author():
    byline = (
        '<div class="cb-byline"><div class="cb-author cb-byline-element">'
        '<a href="/news/author/mq/">Mara Quist</a></div>'
        '<div class="cb-date cb-byline-element"><time datetime="2022-01-26">26. Januar</time>'
        '</div><div class="cb-category cb-byline-element"><a href="/category/werkstatt/">'
        "Werkstatt</a></div></div>"
    )
    html = (
        "<html><head><title>Ferry strike</title></head><body><article><h1>Ferry strike</h1>"
        f"{byline}{BODY}</article></body></html>"
    )
    assert authors(html) == ["Mara Quist"]


def test_a_comment_authors_camel_case_class_marks_a_comment():
    comment = (
        '<div class="siteCommentAuthorInfo"><p class="siteCommentAuthorName">'
        '<a href="/forum/profile/1">Rocky Rider</a></p></div><p>Great article, thanks.</p>'
    )
    html = (
        "<html><head><title>Ferry strike</title></head><body><article><h1>Ferry strike</h1>"
        f"{BODY}{comment}</article></body></html>"
    )
    assert authors(html) == []


def test_a_login_with_digits_in_a_byline_is_the_author():
    byline = (
        '<div class="meta">22. Januar 2020 // Autor: <a href="/author/maq1984/" rel="author">'
        "maq1984</a> // Lesezeit: 1 Minute</div>"
    )
    html = (
        "<html><head><title>Ferry strike</title></head><body><article><h1>Ferry strike</h1>"
        f"{byline}{BODY}</article></body></html>"
    )
    assert authors(html) == ["maq1984"]


def test_a_login_with_a_date_after_it_in_an_author_element_is_the_author():
    byline = (
        '<div class="left author">Author: <a href="/p/58"><b>Bo2man</b></a> am 29.12.2010</div>'
    )
    html = (
        "<html><head><title>Ferry strike</title></head><body><article><h1>Ferry strike</h1>"
        f"{BODY}{byline}</article></body></html>"
    )
    assert authors(html) == ["Bo2man"]


def test_a_web_address_with_digits_is_no_login():
    html = (
        '<html><head><title>Ferry strike</title><meta name="author" content="ht24.at">'
        f"</head><body><article><h1>Ferry strike</h1>{BODY}</article></body></html>"
    )
    assert authors(html) == []


def test_a_name_in_bold_signing_the_text_is_the_author():
    page = (
        "<html><head><title>Ferry strike</title></head><body><div class=content>"
        "<h1>Ferry strike</h1>{body}{last}</div></body></html>"
    )
    assert authors(page.format(body=BODY, last="<p><b><i>Mara Quist</i></b></p>")) == ["Mara Quist"]
    # a bold line of other words, a name inside a sentence, a name not closing the text
    for last in (
        "<p><strong>Mehr zum Thema</strong></p>",
        "<p>Mara Quist</p>",
        "<p><strong>Mara Quist</strong> sagte, die Gespräche gingen weiter.</p>",
    ):
        assert authors(page.format(body=BODY, last=last)) == []
    assert authors(page.format(body="<p><b>Mara Quist</b></p>" + BODY, last="")) == []


def test_an_author_box_inside_a_layout_box_named_sidebar_is_the_articles():
    box = (
        '<div class="author-bio"><h3>Mara Quist</h3>'
        '<p><a href="/author/mara">Alles von Mara Quist</a></p></div>'
    )
    page = (
        "<html><head><title>Ferry strike</title></head><body><div class=sidebar-wrapper>"
        "{main}<div class=sidebar>{side}</div></div></body></html>"
    )
    main = f"<div class=content><h1>Ferry strike</h1>{BODY}{box}</div>"
    assert authors(page.format(main=main, side="")) == ["Mara Quist"]
    # the box in the sidebar itself (no headline in it) is still a sidebar's
    main = f"<div class=content><h1>Ferry strike</h1>{BODY}</div>"
    assert authors(page.format(main=main, side=box)) == []
