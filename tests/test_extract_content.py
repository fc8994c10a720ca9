"""Main content: structure kept, the title and boilerplate left out, fallbacks chosen by length."""

from __future__ import annotations

import json

from newscrawl.extract import extract_article
from newscrawl.extract.content import Body, choose_body
from newscrawl.extract.fragments import fragment_text

URL = "https://news.example/story"
SENTENCE = (
    "The regional council approved the budget on Tuesday after a long debate about "
    "school buildings, bus routes and the cost of heating public swimming pools."
)


def paragraphs(n: int, prefix: str = "Paragraph") -> str:
    return "".join(f"<p>{prefix} {i}. {SENTENCE}</p>" for i in range(n))


def test_structure_is_kept_and_the_title_heading_dropped():
    html = (
        "<html><head><title>Budget approved</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav><article>'
        "<h1>Budget approved</h1>"
        + paragraphs(3)
        + "<h2>What changes</h2><ul><li>More buses on Sundays</li><li>Two new schools</li></ul>"
        "<blockquote><p>It is a budget for the next ten years, not the next election.</p>"
        "</blockquote><table><tr><th>Item</th><th>Cost</th></tr><tr><td>Schools</td>"
        '<td>12 million</td></tr></table><p>Read <a href="/report.pdf">the report</a>. '
        + SENTENCE
        + "</p>"
        + paragraphs(2, "More")
        + "</article><footer>Contact us</footer></body></html>"
    )
    result = extract_article(html, URL)
    body = result["body_html"]
    assert result["body_source"] == "trafilatura"
    assert "<h1" not in body
    for tag in ("<p>", "<h2>", "<ul>", "<li>", "<blockquote>", "<table>", "<td>"):
        assert tag in body
    assert '<a href="https://news.example/report.pdf">the report</a>' in body
    assert "Contact us" not in body and "Home" not in body


def test_images_are_kept_when_they_do_not_change_the_text():
    html = (
        "<html><body><article><h1>Title</h1>"
        + paragraphs(3)
        + '<figure><img src="/photo.jpg" alt="The council chamber"></figure>'
        + paragraphs(3, "Later")
        + "</article></body></html>"
    )
    body = extract_article(html, URL)["body_html"]
    assert '<img src="https://news.example/photo.jpg"' in body


def test_images_go_back_before_the_paragraph_that_follows_them_and_logos_stay_out():
    html = (
        '<html><body><header><a href="/"><img src="/logo.png" alt="Gazette"></a></header>'
        "<article><h1>Title</h1>"
        + paragraphs(3)
        + '<figure><img src="/photo.jpg" alt="The council chamber"></figure>'
        + paragraphs(3, "Later")
        + "</article></body></html>"
    )
    body = extract_article(html, URL)["body_html"]
    assert "logo.png" not in body
    assert body.index("photo.jpg") < body.index("Later 0.") and body.index("Paragraph 2.") < (
        body.index("photo.jpg")
    )
    assert body.count("<img") == 1


def test_jsonld_article_body_replaces_a_far_shorter_page_body():
    article_body = "\n\n".join(f"Part {i}. {SENTENCE}" for i in range(12))
    data = {"@type": "NewsArticle", "headline": "Paywalled", "articleBody": article_body}
    html = (
        f'<html><head><script type="application/ld+json">{json.dumps(data)}</script></head>'
        "<body><article><h1>Paywalled</h1>"
        + paragraphs(2, "Teaser")
        + '<div class="paywall">Subscribe to read on</div></article></body></html>'
    )
    result = extract_article(html, URL)
    assert result["body_source"] == "jsonld"
    assert result["body_html"].count("<p>") == 12
    assert "Part 11." in fragment_text(result["body_html"])


def test_feed_content_is_used_when_the_page_has_no_body():
    entry = {"title": "From the feed", "content": "<p>Full text.</p>" + paragraphs(5, "Feed")}
    html = "<html><head><title>App</title></head><body><div id='root'></div></body></html>"
    result = extract_article(html, URL, entry=entry)
    assert result["body_source"] == "feed"
    assert "Feed 4." in fragment_text(result["body_html"])
    assert result["title"] == "From the feed"


def test_feed_content_does_not_replace_a_complete_page_body():
    entry = {"content": paragraphs(5, "Feed")}
    html = "<html><body><article>" + paragraphs(6, "Page") + "</article></body></html>"
    result = extract_article(html, URL, entry=entry)
    assert result["body_source"] == "trafilatura"
    assert "Page 5." in fragment_text(result["body_html"])


def _body(source: str, words: int) -> Body:
    text = " ".join(["word"] * words)
    return Body(f"<p>{text}</p>", text, source)


def test_choose_body_prefers_trafilatura_when_it_is_close():
    chosen = choose_body(
        _body("trafilatura", 300), [_body("jsonld", 400)], _body("readability", 500)
    )
    assert chosen.source == "trafilatura"


def test_choose_body_takes_a_trusted_source_when_trafilatura_keeps_far_less():
    chosen = choose_body(_body("trafilatura", 100), [_body("jsonld", 400), _body("feed", 300)])
    assert chosen.source == "jsonld"


def test_choose_body_lets_readability_rescue_an_empty_result():
    assert choose_body(None, [None, None], _body("readability", 50)).source == "readability"
    rescued = choose_body(_body("trafilatura", 10), [], _body("readability", 400))
    assert rescued.source == "readability"


def test_choose_body_returns_none_when_nothing_was_found():
    assert choose_body(None, [None], None) is None


def test_readability_is_used_when_trafilatura_finds_nothing():
    # trafilatura throws away everything inside <aside>; readability still finds the text
    html = "<html><body><aside><p>" + SENTENCE * 3 + "</p></aside></body></html>"
    result = extract_article(html, URL)
    assert result["body_source"] == "readability"
    assert "swimming pools" in fragment_text(result["body_html"])


def test_fragment_text_puts_blocks_on_lines():
    assert fragment_text("<p>One <b>two</b></p><ul><li>three</li></ul>") == "One two\nthree"


def test_layout_tables_are_flattened_so_the_navigation_column_is_left_out():
    nav = "".join(f'<a href="/s{i}">Section {i}</a><br>' for i in range(8))
    html = (
        "<html><body><table><tr><td>"
        + nav
        + "</td><td><h1>Old site story</h1>"
        + paragraphs(5)
        + "</td></tr></table></body></html>"
    )
    text = fragment_text(extract_article(html, URL)["body_html"])
    assert "Paragraph 4." in text
    assert "Section 3" not in text


def test_data_tables_are_kept_as_tables():
    html = (
        "<html><body><article>"
        + paragraphs(3)
        + "<table><tr><th>Year</th><th>Places</th></tr><tr><td>2024</td><td>66</td></tr></table>"
        + paragraphs(2, "After")
        + "</article></body></html>"
    )
    assert "<table>" in extract_article(html, URL)["body_html"]


def test_an_image_goes_back_whatever_white_space_its_paragraph_holds():
    from lxml import html as lxml_html

    from newscrawl.extract.content import restore_images_in
    from newscrawl.extract.fragments import parse_fragment, serialise_children

    # a paragraph key is its squeezed text's start: white space running long at the start,
    # or across the first 200 characters, must not change it
    indented = " " * 250 + SENTENCE
    spread = SENTENCE[:60] + "\n" * 150 + "\t" * 100 + SENTENCE[60:]
    for page_text, body_text in ((indented, SENTENCE), (spread, " ".join(spread.split()))):
        page = lxml_html.document_fromstring(
            f'<html><body><article><img src="/photo.jpg"><p>{page_text}</p></article></body></html>'
        )
        root = parse_fragment(f"<p>Intro. {SENTENCE}</p><p>{body_text}</p>")
        assert restore_images_in(root, page, URL)
        html = serialise_children(root)
        assert html.index("photo.jpg") > html.index("Intro.")


def test_each_image_goes_before_the_first_body_block_with_its_paragraph():
    from lxml import html as lxml_html

    from newscrawl.extract.content import restore_images_in
    from newscrawl.extract.fragments import parse_fragment, serialise_children

    later = f"Later. {SENTENCE}"
    page = lxml_html.document_fromstring(
        '<html><body><article><img src="/one.jpg"><p>Missing from the body, long enough.</p>'
        f'<img src="/two.jpg"><p>{SENTENCE}</p><p>Between. {SENTENCE}</p>'
        f'<img src="/three.jpg"><p>{later}</p></article></body></html>'
    )
    # the sentence's block comes twice in the body: the image goes before the first
    root = parse_fragment(f"<p>Intro.</p><p>{SENTENCE}</p><p>{later}</p><p>{SENTENCE}</p>")
    assert restore_images_in(root, page, URL)
    html = serialise_children(root)
    assert "one.jpg" not in html
    assert html.index("two.jpg") < html.index(SENTENCE) < html.index("three.jpg")
    assert html.index("three.jpg") < html.index(later)
    assert html.count("<img") == 2
