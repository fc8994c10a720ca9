"""Each cleaning rule of newscrawl.clean, checked on the parsed output."""

from __future__ import annotations

import lxml.html
import pytest

from newscrawl.clean import (
    clean_article,
    clean_html,
    find_base_url,
    make_excerpt,
    strip_shortcodes,
    to_markdown,
    truncate_words,
)

URL = "https://news.example.com/world/2016/01/story.html"


def parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><body>{html}</body></html>").find("body")


def texts(html: str) -> list[str]:
    """Text of each top-level block of cleaned HTML."""
    return [el.text_content() for el in parse(html)]


def attrs(html: str) -> set[str]:
    return {name for el in parse(html).iter() for name in el.attrib}


# --------------------------------------------------------------------------- shortcodes


@pytest.mark.parametrize(
    "source",
    [
        "[ad_1]<p>Body</p>[ad_2]",
        "<p>[ad_1]Body[ad_2]</p>",
        "<p>Body</p>&#91;ad_1&#93;",  # entity-encoded markers
        '[gallery ids="1,2,3"]<p>Body</p>',
        '<p>Body</p>[contact-form-7 id="12" title="Contact"]',
        "[vc_row][vc_column]<p>Body</p>[/vc_column][/vc_row]",
        '[su_box title="x"]<p>Body</p>[/su_box]',
        "[box]<p>Body</p>[/box]",
        '<p>Body</p>[video src="https://example.com/v.mp4" /]',
    ],
)
def test_shortcodes_are_removed_and_content_kept(source: str) -> None:
    out = clean_html(source, URL)
    assert texts(out) == ["Body"]
    assert "[" not in out


@pytest.mark.parametrize(
    "text",
    [
        "He said it was [sic] wrong.",
        "As shown before [1], the data holds.",
        "The crowd [Laughter] went on.",
        "A claim [citation needed] here.",
        "[Editor's note: this story was updated.]",
        "[Update: the company said x=5]",
        "Prices [in US dollars] rose.",
    ],
)
def test_ordinary_bracketed_text_is_kept(text: str) -> None:
    assert texts(clean_html(f"<p>{text}</p>", URL)) == [text]


def test_caption_shortcode_becomes_figure_with_caption() -> None:
    source = (
        '[caption id="attachment_7" align="aligncenter" width="640"]'
        '<a href="/img/big.jpg"><img src="/img/small.jpg" alt="Guns" width="640" /></a>'
        " Seized weapons in Culiacan.[/caption]<p>Body</p>"
    )
    body = parse(clean_html(source, URL))
    figure = body.find("figure")
    assert figure is not None
    assert figure.find(".//img").get("src") == "https://news.example.com/img/small.jpg"
    assert figure.find("figcaption").text_content() == "Seized weapons in Culiacan."


def test_caption_shortcode_with_caption_attribute() -> None:
    source = '[caption caption="A &quot;quoted&quot; caption"]<img src="/a.jpg">[/caption]'
    figure = parse(clean_html(source, URL)).find("figure")
    assert figure.find("figcaption").text_content() == 'A "quoted" caption'


def test_embed_shortcode_becomes_a_link() -> None:
    out = clean_html("[embed]https://video.example.org/watch?v=1[/embed]", URL)
    link = parse(out).find(".//a")
    assert link.get("href") == "https://video.example.org/watch?v=1"


def test_strip_shortcodes_leaves_plain_text_alone() -> None:
    assert strip_shortcodes("no brackets at all") == "no brackets at all"
    assert strip_shortcodes("a [ad_1] b") == "a  b"


# --------------------------------------------------------------------------- boilerplate


@pytest.mark.parametrize(
    "block",
    [
        '<div class="ad">Buy now</div>',
        '<div class="ad-slot ad-slot--mpu">Buy now</div>',
        '<div class="adSlot">Buy now</div>',
        '<div id="div-gpt-ad-123">Buy now</div>',
        '<aside class="advertisement">Buy now</aside>',
        '<ins class="adsbygoogle" data-ad-client="x">Buy now</ins>',
        '<div data-ad-slot="top">Buy now</div>',
        '<div class="promo-box">Buy now</div>',
        '<div class="sponsored-content">Buy now</div>',
        '<div id="newsletter-signup"><p>Sign up for our newsletter</p></div>',
        '<div class="social-share"><a href="https://twitter.com/share">Tweet</a></div>',
        '<ul class="share-tools"><li>Facebook</li></ul>',
        '<div class="related-articles"><a href="/x">Other story</a></div>',
        '<section class="recommended">Other story</section>',
        '<div id="outbrain_widget_0">Other story</div>',
        '<div class="trc_related_container taboola">Other story</div>',
        '<nav><a href="/">Home</a></nav>',
        "<div hidden>secret</div>",
        '<p style="display: none">secret</p>',
    ],
)
def test_boilerplate_blocks_are_removed(block: str) -> None:
    out = clean_html(f"<p>Story text.</p>{block}<p>More text.</p>", URL)
    assert texts(out) == ["Story text.", "More text."]


@pytest.mark.parametrize(
    "block",
    [
        '<p class="lead">Kept</p>',
        '<div class="article-header"><p>Kept</p></div>',
        '<div class="shadow-box"><p>Kept</p></div>',
        '<div class="download-link"><p>Kept</p></div>',
        '<p class="headline">Kept</p>',
        '<div id="loaded-content"><p>Kept</p></div>',
        '<div class="thread"><p>Kept</p></div>',
        '<div class="paywall"><p>Kept</p></div>',  # some sites wrap the story itself in it
        '<div class="subscriber-content"><p>Kept</p></div>',
    ],
)
def test_lookalike_classes_are_not_boilerplate(block: str) -> None:
    assert texts(clean_html(block, URL)) == ["Kept"]


def test_article_wrapper_with_boilerplate_like_class_is_kept() -> None:
    paragraphs = "".join(f"<p>Paragraph {i} {'text ' * 30}</p>" for i in range(5))
    out = clean_html(f'<div class="story-body related-topics">{paragraphs}</div>', URL)
    assert len(texts(out)) == 5


def test_hidden_container_holding_the_story_is_kept() -> None:
    paragraphs = "".join(f"<p>Paragraph {i} {'text ' * 30}</p>" for i in range(5))
    source = f'<div style="display:none;" class="paywall-full-content">{paragraphs}</div>'
    assert len(texts(clean_html(source, URL))) == 5


def test_drop_selectors_remove_site_specific_blocks() -> None:
    source = '<p>Story.</p><div class="byline-box"><p>Follow me</p></div>'
    assert texts(clean_html(source, URL, drop_selectors=[".byline-box"])) == ["Story."]


# --------------------------------------------------------------------------- images


@pytest.mark.parametrize(
    "img",
    [
        '<img src="/t.gif" width="1" height="1">',
        '<img src="/t.gif" width="0" height="0">',
        '<img src="/t.gif" style="width:1px;height:1px">',
        '<img src="http://feeds.feedburner.com/~r/Reuters/domesticNews/~4/Dz4LXo9py04">',
        '<img src="http://feeds.feedburner.com/~ff/Reuters/domesticNews?d=yIl2AUoC8zA">',
        '<img src="https://pixel.wp.com/g.gif?v=ext&blog=1">',
        '<img src="https://stats.wp.com/b.gif?x=1">',
        '<img src="https://ad.doubleclick.net/ddm/ad/x;ord=1">',
        '<img src="https://www.facebook.com/tr?id=1&ev=PageView">',
        '<img src="https://sb.scorecardresearch.com/p?c1=2">',
        '<img src="/images/spacer.gif">',
        '<img src="/__utm.gif?utmwv=1">',
    ],
)
def test_tracking_pixels_are_removed(img: str) -> None:
    out = clean_html(f"<p>Text {img}</p>", URL)
    assert parse(out).find(".//img") is None
    assert texts(out) == ["Text"]


def test_real_images_are_kept_with_absolute_src() -> None:
    out = clean_html('<p><img src="../img/pixel-art.jpg" alt="Art" width="600"></p>', URL)
    img = parse(out).find(".//img")
    assert img.get("src") == "https://news.example.com/world/2016/img/pixel-art.jpg"
    assert img.get("alt") == "Art"
    assert img.get("width") == "600"


@pytest.mark.parametrize(
    ("img", "expected"),
    [
        ('<img data-src="/real.jpg" src="data:image/gif;base64,R0lGOD">', "/real.jpg"),
        ('<img data-lazy-src="/real.jpg" src="/img/placeholder.png">', "/real.jpg"),
        ('<img data-original="/real.jpg" src="/blank.gif">', "/real.jpg"),
        ('<img data-srcset="/s.jpg 320w, /real.jpg 1280w, /m.jpg 640w">', "/real.jpg"),
        ('<img srcset="/s.jpg 1x, /real.jpg 2x">', "/real.jpg"),
        ('<img srcset="/c/w_300,h_200/s.jpg 300w, /c/w_900,h_600/real.jpg 900w">',
         "/c/w_900,h_600/real.jpg"),
        ('<picture><source srcset="/real.jpg 1000w, /s.jpg 200w"><img alt="p"></picture>',
         "/real.jpg"),
        ('<img src="/real.jpg" srcset="/other.jpg 2x">', "/real.jpg"),
    ],
)  # fmt: skip
def test_lazy_and_srcset_images_get_a_real_src(img: str, expected: str) -> None:
    found = parse(clean_html(f"<p>{img}</p>", URL)).find(".//img")
    assert found is not None
    assert found.get("src") == "https://news.example.com" + expected
    assert set(found.attrib) <= {"src", "alt", "title", "width", "height"}


def test_image_without_any_usable_source_is_dropped() -> None:
    assert clean_html('<p>x<img src="data:image/png;base64,AAAA"></p>', URL) == "<p>x</p>"


# --------------------------------------------------------------------------- URLs and <base>


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/politics/a.html", "https://news.example.com/politics/a.html"),
        ("b.html", "https://news.example.com/world/2016/01/b.html"),
        ("../b.html", "https://news.example.com/world/2016/b.html"),
        ("//cdn.example.net/c.html", "https://cdn.example.net/c.html"),
        ("?page=2", "https://news.example.com/world/2016/01/story.html?page=2"),
        ("  https://other.example/x  ", "https://other.example/x"),
        ("mailto:desk@example.com", "mailto:desk@example.com"),
    ],
)
def test_links_are_absolutised(href: str, expected: str) -> None:
    link = parse(clean_html(f'<p><a href="{href}">x</a></p>', URL)).find(".//a")
    assert link.get("href") == expected
    assert set(link.get("rel").split()) >= {"noopener", "noreferrer", "nofollow"}


@pytest.mark.parametrize("href", ["tel:+123", "ftp://x.example/f", "news:comp.lang", "#top"])
def test_links_with_other_schemes_are_unwrapped(href: str) -> None:
    out = clean_html(f'<p>call <a href="{href}">us</a> now</p>', URL)
    if href == "#top":  # a fragment resolves to the page itself, which is fine
        assert parse(out).find(".//a").get("href") == URL + "#top"
    else:
        assert parse(out).find(".//a") is None
        assert texts(out) == ["call us now"]


def test_base_href_is_honoured() -> None:
    page = '<html><head><base href="/archive/2016/"></head><body></body></html>'
    out = clean_html('<p><a href="x.html">x</a><img src="i.jpg"></p>', URL, page_html=page)
    body = parse(out)
    assert body.find(".//a").get("href") == "https://news.example.com/archive/2016/x.html"
    assert body.find(".//img").get("src") == "https://news.example.com/archive/2016/i.jpg"


def test_base_href_is_found_in_any_letter_case_after_other_b_tags() -> None:
    # the page is searched for "<base" whatever the case, past <body>, <b> and <br>
    for tag in ("BASE", "Base", "bAsE"):
        page = f'<html><body><b>ase</b><br><{tag} href="/archive/2016/"></body></html>'
        assert find_base_url(page, URL) == "https://news.example.com/archive/2016/"
    assert find_base_url("<html><body><b>ase</b><br><bas></body></html>", URL) == URL


def test_base_href_in_the_fragment_is_honoured_without_page() -> None:
    out = clean_html('<base href="https://mirror.example/"><p><a href="x">x</a></p>', URL)
    assert parse(out).find(".//a").get("href") == "https://mirror.example/x"


@pytest.mark.parametrize(
    "base",
    [
        "javascript:alert(1)//",
        "JaVaScRiPt:alert(1)//",
        " &#14;javascript:alert(1)//",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/",
    ],
)
def test_base_href_with_other_scheme_is_ignored(base: str) -> None:
    page = f'<html><head><base href="{base}"></head><body></body></html>'
    assert find_base_url(page, URL) == URL
    out = clean_html('<p><a href="x.html">x</a></p>', URL, page_html=page)
    assert parse(out).find(".//a").get("href") == "https://news.example.com/world/2016/01/x.html"


def test_only_the_first_base_counts() -> None:
    page = '<head><base href="https://one.example/"><base href="https://two.example/"></head>'
    assert find_base_url(page, URL) == "https://one.example/"


# --------------------------------------------------------------------------- soup and attributes


def test_span_soup_and_attributes_are_removed() -> None:
    source = (
        '<div id="articleText" class="x"><span id="midArticle_0"></span>'
        '<span class="focusParagraph" readability="7"><p data-x="1" style="color:red">'
        '<span class="articleLocation">CULIACAN</span> Efforts <font color="red">to</font> '
        "combat.</p></span></div>"
    )
    out = clean_html(source, URL)
    assert out == "<p>CULIACAN Efforts to combat.</p>"


def test_language_and_direction_are_kept() -> None:
    out = clean_html('<p lang="ar" dir="rtl" class="x">مرحبا</p>', URL)
    assert parse(out).find("p").attrib == {"lang": "ar", "dir": "rtl"}


def test_table_structure_and_spans_are_kept() -> None:
    source = (
        '<table class="data"><thead><tr><th scope="col">Year</th><th>Guns</th></tr></thead>'
        '<tbody><tr><td colspan="2" style="x">2014</td></tr><tr><td></td><td>70%</td></tr>'
        "</tbody></table>"
    )
    table = parse(clean_html(source, URL)).find("table")
    assert [c.tag for c in table] == ["thead", "tbody"]
    assert table.find(".//td").attrib == {"colspan": "2"}
    assert len(table.findall(".//td")) == 3  # the empty cell keeps the grid


def test_empty_wrappers_are_removed() -> None:
    source = (
        "<div><div><span></span></div></div><p> </p><p>&nbsp;</p><p><br></p>"
        "<p><strong></strong></p><ul><li></li></ul><p>Text</p><h2></h2>"
    )
    assert clean_html(source, URL) == "<p>Text</p>"


def test_div_of_inline_content_becomes_paragraph_and_loose_text_is_wrapped() -> None:
    source = "Loose <b>lead</b> text<div>Inline <i>div</i></div><div><p>Block</p>tail text</div>"
    assert texts(clean_html(source, URL)) == ["Loose lead text", "Inline div", "Block", "tail text"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<div><div>A</div><div>B</div></div>", "<p>A</p><p>B</p>"),
        ("<section><div><span>A</span></div>\n<div>B <b>b</b></div></section>",
         "<p>A</p><p>B <b>b</b></p>"),
        ("<ul><li><div>one</div></li><li><div>a</div><div>b</div></li></ul>",
         "<ul><li>one</li><li><p>a</p><p>b</p></li></ul>"),
        ("<table><tr><td><div>x</div></td></tr></table>",
         "<table><tbody><tr><td>x</td></tr></tbody></table>"),
        ("<blockquote><div>Quoted</div></blockquote>", "<blockquote><p>Quoted</p></blockquote>"),
        ("<p>in <span><div>line</div></span> text</p>", "<p>in line text</p>"),
    ],
)  # fmt: skip
def test_nested_wrappers_keep_block_boundaries(source: str, expected: str) -> None:
    assert clean_html(source, URL).replace("\n", "") == expected


def test_blocks_in_lists_and_tables_are_on_their_own_lines() -> None:
    out = clean_html("<ul><li>stops.</li><li>Route B</li></ul><table><tr><td>A</td>"
                     "<td>6.2 km</td></tr></table>", URL)  # fmt: skip
    text = parse(out).text_content()
    assert "stops.\nRoute B" in text
    assert "A\n6.2 km" in text


def test_break_runs_are_trimmed() -> None:
    out = clean_html("<p><br><br>One<br><br><br><br>Two<br></p>", URL)
    assert out == "<p>One<br><br>Two</p>"


# --------------------------------------------------------------------------- text


def test_entities_are_decoded_also_when_encoded_twice() -> None:
    out = clean_html("<p>falter &#8211; GAO &amp;#8212; &amp;amp; caf&eacute;&nbsp;x</p>", URL)
    assert out == "<p>falter – GAO — &amp; café x</p>"


def test_escaped_markup_in_text_stays_text() -> None:
    out = clean_html("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", URL)
    assert parse(out).find(".//script") is None
    assert texts(out) == ["<script>alert(1)</script>"]


def test_whitespace_is_normalised_outside_pre() -> None:
    source = "<p>  many \n\t spaces\u200b here  </p><pre>keep   this\n  indented</pre>"
    body = parse(clean_html(source, URL))
    assert body.find("p").text == "many spaces here"
    assert body.find("pre").text == "keep   this\n  indented"


def test_empty_and_broken_input_gives_empty_output() -> None:
    assert clean_html("", URL) == ""
    assert clean_html("   \n ", URL) == ""
    assert clean_html("<script>x</script>", URL) == ""
    assert clean_html('<?xml version="1.0" encoding="utf-8"?><p>x\x00y\x0b</p>', URL) == "<p>xy</p>"


# --------------------------------------------------------------------------- Markdown


def test_markdown_keeps_structure() -> None:
    clean = clean_html(
        "<h2>Shift in policy</h2><p>A <a href='/x'>link</a> and <em>stress</em>.</p>"
        "<ul><li>one</li><li>two</li></ul><blockquote><p>Quote</p></blockquote>"
        "<table><tr><th>Year</th><th>Share</th></tr><tr><td>2014</td><td>70|30</td></tr></table>"
        "<figure><img src='/a.jpg' alt='A'><figcaption>Cap</figcaption></figure>",
        URL,
    )
    md = to_markdown(clean)
    assert "## Shift in policy" in md
    assert "[link](https://news.example.com/x)" in md
    assert "*stress*" in md
    assert "- one\n- two" in md
    assert "> Quote" in md
    assert "| Year | Share |" in md
    assert "| --- | --- |" in md
    assert "| 2014 | 70\\|30 |" in md
    assert "![A](https://news.example.com/a.jpg)" in md
    assert "Cap" in md


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("- not a bullet", "\\- not a bullet"),
        ("> not a quote", "\\> not a quote"),
        ("a [link](http://x) lookalike", "a \\[link\\](http://x) lookalike"),
        ("snake_case *stars*", "snake\\_case \\*stars\\*"),
        ("<b>literal</b>", "\\<b>literal\\</b>"),
    ],
)
def test_markdown_escapes_text_that_would_become_markup(text: str, escaped: str) -> None:
    import html

    md = to_markdown(clean_html(f"<p>{html.escape(text)}</p>", URL))
    assert md.strip() == escaped


# --------------------------------------------------------------------------- excerpt


def test_excerpt_prefers_feed_summary_and_strips_its_trail() -> None:
    summary = (
        "<p>The draft report &#8211; obtained by Reuters. [&hellip;]</p>"
        "<p>The post X appeared first on Y.</p><img src='http://feeds.feedburner.com/~r/a/~4/b'>"
    )
    assert make_excerpt(summary, "Meta description.", "<p>First paragraph.</p>") == (
        "The draft report – obtained by Reuters."
    )


def test_excerpt_keeps_words_of_separate_blocks_apart() -> None:
    assert make_excerpt("<p>First.</p><p>Second</p><ul><li>a</li><li>b</li></ul>") == (
        "First. Second a b"
    )


def test_excerpt_falls_back_to_description_then_first_paragraph() -> None:
    clean = "<p>Short.</p><p>The first real paragraph of the story.</p>"
    assert make_excerpt(None, "Meta &amp; description", clean) == "Meta & description"
    assert make_excerpt("  ", None, clean) == "The first real paragraph of the story."
    assert make_excerpt(None, None, "") == ""


def test_excerpt_is_cut_at_a_word_boundary_with_ellipsis() -> None:
    text = "word " * 100
    excerpt = make_excerpt(text, max_length=52)
    assert len(excerpt) <= 52
    assert excerpt.endswith("word…")
    assert truncate_words("Exactly ten", 11) == "Exactly ten"
    assert truncate_words("Supercalifragilistic expialidocious", 25) == "Supercalifragilistic…"


def test_clean_article_returns_all_three_forms() -> None:
    result = clean_article("[ad_1]<p>Hello <b>world</b>.</p>", URL, summary=None)
    assert result.html == "<p>Hello <b>world</b>.</p>"
    assert result.markdown == "Hello **world**.\n"
    assert result.excerpt == "Hello world."
