"""XML bombs and external entities in feeds and OPML: refused or inert, never expanded."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap

import pytest

from newscrawl.feeds import FeedError, parse_feed, read_feed_list
from newscrawl.security.xmlsafe import entity_declaration
from tests.support.crawl import ROOT, crawl_env, run_crawl
from tests.support.net import Trap
from tests.support.site import article_html

RSS = [("Content-Type", "application/rss+xml")]
ITEM = "<item><title>{title}</title><link>{link}</link><guid>{guid}</guid></item>"


def billion_laughs(root: str = "rss", one_line: bool = False) -> str:
    sep = "" if one_line else "\n"
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [{sep}{sep.join(decls)}{sep}]>\n'


def quadratic(uses: int = 20000, size: int = 100_000, broken: bool = False) -> bytes:
    """One big text entity used many times; ``broken`` sends feedparser to its loose parser."""
    doc = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "{"A" * size}">\n]>\n'
        '<rss version="2.0"><channel><title>t</title>'
        f"<item><title>{'&a;' * uses}</title><link>http://example.com/1</link></item>"
        "</channel></rss>"
    )
    return (doc + ("<broken" if broken else "")).encode()


def rss_feed(items: str, prolog: str = '<?xml version="1.0"?>\n') -> str:
    return f'{prolog}<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'


@pytest.fixture
def trap():
    """A listening socket on 127.0.0.1 that nothing should ever connect to."""
    trap = Trap(socket.AF_INET, "127.0.0.1")
    yield trap
    trap.close()


# ----------------------------------------------------------------- the check


@pytest.mark.parametrize("one_line", [False, True])
def test_billion_laughs_is_refused_as_an_entity_declaration(one_line):
    body = (billion_laughs(one_line=one_line) + "<rss><channel/></rss>").encode()
    assert "internal entity 'lol0'" in entity_declaration(body)
    with pytest.raises(FeedError) as info:
        parse_feed(body, "http://example.com/feed")
    assert info.value.stat == "xml_entities"


@pytest.mark.parametrize(
    ("prolog", "expected"),
    [
        ('<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "external entity 'x'"),
        ('<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>', "parameter"),
        ('<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>', "internal entity 'nbsp'"),
        # expat fails before the declaration; the loose parser would still read it
        ('<!DOCTYPE rss [ <!BROKEN>\n<!ENTITY a "AAAA">]>', "broken prolog"),
    ],
)
def test_every_kind_of_entity_declaration_is_refused(prolog, expected):
    body = f'<?xml version="1.0"?>\n{prolog}\n<rss version="2.0"><channel/></rss>'.encode()
    assert expected in entity_declaration(body)


def test_utf16_documents_are_checked_too():
    assert entity_declaration(quadratic(uses=2, size=10).decode().encode("utf-16"))


def test_ordinary_feeds_and_doctypes_without_entities_pass():
    netscape = (
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">'
    )
    body = rss_feed(ITEM.format(title="&lt;!ENTITY in text&gt;", link="http://e.com/1", guid=1))
    assert entity_declaration(body.encode()) is None
    assert entity_declaration(f'<?xml version="1.0"?>{netscape}<rss/>'.encode()) is None
    # "<!ENTITY" inside CDATA after the root element is text, not a declaration
    cdata = rss_feed("<item><description><![CDATA[<!ENTITY a 'b'>]]></description></item>")
    assert entity_declaration(cdata.encode()) is None
    assert len(parse_feed(body.encode(), "http://e.com/feed").entries) == 1


@pytest.mark.parametrize("broken", [False, True])
def test_quadratic_blowup_costs_no_time_and_no_memory(broken, tmp_path):
    """Without the check this took a minute and ended in MemoryError under a 2 GB limit."""
    script = textwrap.dedent(
        f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))
        from newscrawl.feeds import FeedError, parse_feed
        from tests.test_security_xml import quadratic
        try:
            parse_feed(quadratic(broken={broken}), "http://example.com/feed")
        except FeedError as exc:
            print(exc.stat)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=crawl_env(),
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "xml_entities"


# ----------------------------------------------------------------- OPML (lxml)


def test_opml_entities_are_never_expanded_or_resolved(tmp_path):
    lol = billion_laughs("opml", one_line=True)
    bomb = tmp_path / "bomb.opml"
    bomb.write_text(lol + '<opml><body><outline xmlUrl="http://e.com/&lol9;"/></body></opml>')
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    ext = tmp_path / "ext.opml"
    ext.write_text(
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY e SYSTEM "file://{secret}">]>'
        '<opml><body><outline xmlUrl="http://e.com/&e;"/></body></opml>'
    )
    assert all("lol" not in url for url in read_feed_list(bomb))
    assert all("TOP-SECRET" not in url for url in read_feed_list(ext))


# ----------------------------------------------------------------- in a crawl


def test_hostile_feeds_are_skipped_with_one_line_and_nothing_is_fetched(server, trap, tmp_path):
    good_article = server.add(
        "/a/ok.html", article_html("Fine"), headers=[("Content-Type", "text/html")]
    )
    item = ITEM.format(title="x", link=good_article, guid="g1")
    ext_entity = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY e SYSTEM '
        f'"http://127.0.0.1:{trap.port}/e.xml">]>\n'
    )
    ext_dtd = f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://127.0.0.1:{trap.port}/x.dtd">\n'
    feeds = [
        server.add("/laughs.xml", billion_laughs() + "<rss version='2.0'><channel/></rss>",
                   headers=RSS),
        server.add("/quadratic.xml", quadratic(broken=True), headers=RSS),
        server.add("/external.xml", rss_feed(item.replace("x", "&e;", 1), ext_entity),
                   headers=RSS),
        # an external DTD without entities is harmless and is never fetched: the feed is read
        server.add("/dtd.xml", rss_feed(item, ext_dtd), headers=RSS),
    ]  # fmt: skip

    result = run_crawl(tmp_path, feeds)

    assert trap.connections() == 0
    assert [i["url"] for i in result.items] == [good_article]
    assert result.stat("newscrawl/feeds/xml_entities") == 3
    skipped = [line for line in result.log.splitlines() if "Feed skipped" in line]
    assert len(skipped) == 3
    assert all("entity expansion defence" in line for line in skipped)
    assert result.stat("newscrawl/feeds/parsed") == 1
    assert "Traceback" not in result.log
