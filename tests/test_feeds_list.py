"""Feed lists read entry by entry: each entry checked on its own, files streamed."""

from __future__ import annotations

import tracemalloc

import pytest

from newscrawl.feedlist import check_feed_entry, iter_feed_list, iter_feed_list_bytes


@pytest.mark.parametrize(
    ("text", "url", "note"),
    [
        ("https://good.example/feed", "https://good.example/feed", None),
        ("www.example.com/rss", "https://www.example.com/rss", "no scheme, assumed https://"),
        ("news.example:8080/feed.xml", "https://news.example:8080/feed.xml", "assumed https"),
        ("//cdn.example/feed", "https://cdn.example/feed", "assumed https"),
        ("https://bücher.example/feed", "https://xn--bcher-kva.example/feed", None),
        ("not-a-url", None, "not a URL"),
        ("javascript:alert(1)", None, "not an http(s) URL"),
        ("ftp://files.example/feed", None, "not an http(s) URL"),
        ("mailto:news@example.org", None, "not an http(s) URL"),
        ("http://[broken/feed", None, "not an http(s) URL"),
        ("https://x.example/" + "a" * 9000, None, "not an http(s) URL"),
    ],
)
def test_each_entry_is_checked_on_its_own(text, url, note):
    entry = check_feed_entry(text)
    assert entry.url == url
    if note:
        assert note in (entry.note or "")
    else:
        assert entry.note is None
    assert len(entry.text) <= 200  # what a log line shows stays short


def test_opml_without_feed_outlines_and_empty_files_give_nothing(tmp_path):
    folders_only = tmp_path / "folders.opml"
    folders_only.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head/><body>'
        '<outline text="News"/><outline text="Tech"><outline text="empty"/></outline>'
        "</body></opml>"
    )
    empty = tmp_path / "empty.opml"
    empty.write_text("")
    assert list(iter_feed_list(folders_only)) == []
    assert list(iter_feed_list(empty)) == []
    assert list(iter_feed_list_bytes(b"<?xml version='1.0'?><opml><body>")) == []


def test_namespaced_and_broken_opml_still_gives_its_outlines():
    data = (
        b'<?xml version="1.0"?><opml xmlns="http://opml.org/spec2" version="2.0"><body>'
        b'<outline xmlUrl="https://a.example/rss"/><outline xmlUrl="https://b.example/rss"/>'
        b"<outline"  # cut off
    )
    assert list(iter_feed_list_bytes(data)) == ["https://a.example/rss", "https://b.example/rss"]


@pytest.mark.parametrize("kind", ["text", "opml"])
def test_a_list_of_100000_feeds_is_streamed_in_flat_memory(tmp_path, kind):
    count = 100_000
    path = tmp_path / f"big.{kind}"
    with path.open("w", encoding="utf-8") as fh:
        if kind == "opml":
            fh.write('<?xml version="1.0"?><opml version="2.0"><head/><body>\n')
            for i in range(count):
                fh.write(f'<outline type="rss" xmlUrl="https://site{i}.example/feed"/>\n')
            fh.write("</body></opml>\n")
        else:
            for i in range(count):
                fh.write(f"https://site{i}.example/feed  # feed {i}\n")
    size = path.stat().st_size

    tracemalloc.start()
    try:
        seen = 0
        for text in iter_feed_list(path):
            seen += text.startswith("https://site")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert seen == count
    # the whole file is several MB; reading it entry by entry keeps only a sliver
    assert peak < size / 4, (peak, size)
