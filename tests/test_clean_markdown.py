"""Markdown from lxml's tree is markdownify's Markdown, byte for byte."""

from __future__ import annotations

import pytest

from newscrawl.clean import clean_html, to_markdown
from newscrawl.clean import markdown as markdown_module

URL = "https://news.example.com/a/b.html"

DOCUMENTS = {
    "prose": "<h2>Head <em>line</em></h2>\n<p>A <a href='/x' title='T \"q\"'>link</a>, "
    "<strong> bold </strong>and <code>a `tick`</code>.<br>Next line</p>",
    "nested lists": "<ul><li>one<ul><li>one.a</li><li>one.b<ol><li>x</li></ol></li></ul></li>"
    "<li><p>two</p><p>two, again</p></li></ul><p>after</p><ol start='4'><li>four</li>"
    "<li>five</li></ol>\n<ol><li>1</li></ol><ul><li>last</li></ul>",
    "tables": "<table><caption>Cap</caption><thead><tr><th>Year</th><th colspan='2'>Share"
    "</th></tr></thead><tbody><tr><td>2014<br>(est.)</td><td>70|30</td><td><img src='/i.png'"
    " alt='chart'></td></tr></tbody></table><table><tr><td>no</td><td>header</td></tr><tr>"
    "<td>a</td><td>b</td></tr></table><table><tbody><tr><td>x</td></tr></tbody></table>",
    "quotes and code": "<blockquote><p>Quote</p><p>- two # lines</p></blockquote><pre><code>"
    "  def f():\n      return 1\n</code></pre><p>1. not a list, snake_case *stars* "
    "&lt;b&gt; &amp;amp;</p><q>said</q>",
    "definitions and figures": "<dl><dt>Term\n one</dt><dd>Meaning<br>more</dd></dl><figure>"
    "<img src='/a.jpg' alt='A' title='t'><figcaption>Photo <i>credit</i></figcaption>"
    "</figure><hr><h1>  <sub>x</sub><sup>2</sup> </h1><p>\u00a0<small>tiny</small> <mark>m"
    "</mark> <del>gone</del> <s>s</s> <ins>in</ins> <u>u</u> <abbr>A</abbr> <time>t</time></p>",
    "loose text": "text before <b>bold</b>\n\n<p>para</p> tail text <br> <img src='/b.png'>",
}


def _soup_markdown(clean: str) -> str:
    """What markdownify makes of the same HTML parsed by BeautifulSoup, post-processed alike."""
    markdown = markdown_module._SOUP_CONVERTER.convert(clean)
    markdown = markdown_module._TRAILING_SPACE.sub("\n", markdown)
    markdown = markdown_module._BLANK_LINES.sub("\n\n", markdown)
    return markdown.strip() + "\n"


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_markdown_of_the_lxml_tree_is_markdownifys(name: str) -> None:
    raw = DOCUMENTS[name]
    for clean in (clean_html(raw, URL), raw):
        assert to_markdown(clean) == _soup_markdown(clean)


def test_markdown_of_other_markup_goes_through_markdownify() -> None:
    # tags clean HTML never holds, and comments, are left to markdownify itself
    for clean in ("<div><p>a</p><span>b</span></div>", "<p>a<!-- c -->b</p>"):
        assert to_markdown(clean) == _soup_markdown(clean)
        assert "a" in to_markdown(clean)
