"""The standfirst under the headline, which trafilatura leaves out, goes back into the body
(``newscrawl/extract/lede.py``); teasers, captions and far-off text with the same classes
stay out."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from newscrawl.extract import content, extract_article
from newscrawl.extract.fragments import element_text, fragment_text, parse_fragment
from newscrawl.extract.lede import restore_lede_in

URL = "https://example.org/news/pools"
SENTENCE = (
    "The regional council approved the budget on Tuesday after a long debate about "
    "school buildings, bus routes and the cost of heating public swimming pools."
)
LEDE = (
    "After six hours of debate the council agreed on a budget that keeps every public "
    "pool open through the winter, at a cost the opposition calls reckless."
)


def _page(header: str = "", aside: str = "", before_body: str = "") -> str:
    paragraphs = "".join(f"<p>{i}. {SENTENCE}</p>" for i in range(6))
    return (
        "<html><head><title>Council keeps pools open</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        "<main><article><header><h1>Council keeps pools open</h1>"
        f'{header}<p class="byline">By Jane Doe</p></header>{before_body}'
        f'<div class="article-body">{paragraphs}</div></article>{aside}</main>'
        "<footer>Contact us</footer></body></html>"
    )


def _body(page: str, restore: bool = True) -> str:
    original = content.RESTORE_LEDE
    content.RESTORE_LEDE = restore
    try:
        return fragment_text(extract_article(page, URL)["body_html"])
    finally:
        content.RESTORE_LEDE = original


@pytest.mark.parametrize(
    "header",
    [
        f'<p class="article-lead">{LEDE}</p>',
        f'<div class="teaser-text"><p>{LEDE}</p></div>',
        f'<div class="entry-excerpt"><p>{LEDE}</p></div>',
        f'<p class="chapo">{LEDE}</p>',
        f'<div class="documentDescription">{LEDE}</div>',
        f'<div class="field--summary"><p>{LEDE}</p></div>',
    ],
    ids=["lead", "teaser-text", "excerpt", "chapo", "camel-case", "drupal-summary"],
)
def test_a_standfirst_marked_by_its_class_opens_the_body(header):
    assert LEDE not in _body(_page(header), restore=False)  # trafilatura leaves it out
    text = _body(_page(header))
    assert text.startswith(LEDE)
    assert text.count(LEDE) == 1
    assert "Council keeps pools open" not in text  # the headline still goes


def test_a_standfirst_right_after_the_h1_opens_the_body():
    header = f"<h2>{LEDE}</h2>"
    assert LEDE not in _body(_page(header), restore=False)
    assert _body(_page(header)).startswith(LEDE)


def test_a_standfirst_of_several_paragraphs_keeps_them_apart():
    second = "The vote was twelve to nine, with two members absent from the chamber."
    header = f'<div class="article-intro"><p>{LEDE}</p><p>{second}</p></div>'
    lines = _body(_page(header)).split("\n")
    assert lines[:2] == [LEDE, second]


def test_a_standfirst_the_body_already_holds_is_not_repeated():
    page = _page(before_body=f'<div class="article-body"><p class="lead">{LEDE}</p></div>')
    assert _body(page).count(LEDE) == 1


def test_teasers_of_other_articles_with_the_same_classes_stay_out():
    teaser = "Read how the neighbouring town closed its two pools last winter and what it saved"
    aside = (
        # a teaser list: links, list items, cut short, in an aside
        f'<aside><div class="teaser"><p class="teaser-text">{teaser}.</p></div></aside>'
        f'<div class="card"><p class="teaser-text">{teaser}.</p></div>'
    )
    header = (
        f'<ul><li class="teaser">{teaser}, in our archive.</li></ul>'
        f'<p class="teaser-text"><a href="/other">{teaser}</a>.</p>'
        f'<p class="excerpt">{teaser} and more on the cuts that follow\u2026</p>'
    )
    text = _body(_page(header, aside=aside))
    assert "neighbouring town" not in text
    assert text.startswith("0. The regional council")


def test_captions_and_credits_with_a_lede_like_class_stay_out():
    header = (
        '<div class="img_description">The council chamber on Tuesday evening, shortly '
        "before the final vote on the budget was taken. Photo: City archive</div>"
        '<p class="summary">The council chamber on Tuesday evening, photographed from the '
        'public gallery <span class="credit">Photo: City archive</span></p>'
    )
    text = _body(_page(header))
    assert "council chamber" not in text


def _restore(page: str, body: str) -> tuple[bool, str]:
    """``restore_lede_in`` on a body (HTML) taken from ``page``: whether it put a standfirst
    back, and the body's text."""
    root = parse_fragment(body)
    changed = restore_lede_in(root, lxml_html.document_fromstring(page), element_text(root))
    return changed, element_text(root)


def test_a_standfirst_far_from_the_article_text_stays_out():
    body = "".join(f"<p>{i}. {SENTENCE}</p>" for i in range(6))
    near = _page(f'<p class="article-lead">{LEDE}</p>')
    assert _restore(near, body) == (True, LEDE + "\n" + fragment_text(body))
    # some 1,100 characters of an aside between the standfirst and the article text
    reports = "".join(
        f"<p>Market report {i}: prices unchanged in the region.</p>" for i in range(25)
    )
    far = _page(f'<p class="article-lead">{LEDE}</p>', before_body=f"<aside>{reports}</aside>")
    assert _restore(far, body) == (False, fragment_text(body))


def test_a_standfirst_in_a_header_that_also_holds_sharing_buttons_comes_back():
    header = (
        f'<div class="header has-sharing"><div class="header__abstract">{LEDE}</div>'
        '<div class="share"><a href="/s">Share</a></div></div>'
    )
    assert _body(_page(header)).startswith(LEDE)
