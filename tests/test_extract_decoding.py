"""Reading a page's bytes and references: a UTF-8 page with a few stray bytes stays UTF-8,
and only whole numeric references to control characters are removed."""

from __future__ import annotations

from newscrawl.extract import extract_article
from newscrawl.extract.fragments import fragment_text
from newscrawl.extract.load import decode_html, disarm_controls

TEXT = "Mäscot Schaf, Standardausführung, weiß: das Schaf auf der großen, grünen Wiese."


def _page(charset: str = '<meta charset="utf-8">') -> bytes:
    paragraphs = "".join(
        f"<p>{i}. {TEXT} Es frisst Gras und schläft im Stall.</p>" for i in range(5)
    )
    head = f"<html><head>{charset}<title>Schafskunde</title></head><body><article>"
    # UTF-8, with one paragraph's two letters in cp1252 (stray bytes 0xE9 and 0xE4)
    stray = "<p>Im Café am Markt gibt es Schafskäse.</p>".encode("cp1252")
    return (
        (head + f"<h1>Kleine Schafskunde</h1>{paragraphs}").encode()
        + stray
        + b"</article></body></html>"
    )


def test_a_utf8_page_with_stray_bytes_is_read_as_utf8():
    text = decode_html(_page())
    assert TEXT in text
    assert "Café am Markt gibt es Schafskäse" in text  # the stray bytes, as cp1252
    assert "MÃ¤scot" not in text


def test_a_utf8_page_with_stray_bytes_and_no_declaration_is_read_as_utf8():
    text = decode_html(_page(charset=""))
    assert TEXT in text and "Schafskäse" in text


def test_a_cp1252_page_is_still_read_as_cp1252():
    page = "<p>Das Café öffnet früh; die Straße ist gesperrt.</p>".encode("cp1252")
    assert decode_html(page) == "<p>Das Café öffnet früh; die Straße ist gesperrt.</p>"
    declared = b'<meta charset="utf-8">' + page
    assert "Das Café öffnet früh" in decode_html(declared)  # mostly not UTF-8: cp1252


def test_the_body_of_a_page_with_stray_bytes_keeps_its_letters():
    body = fragment_text(extract_article(_page(), "https://example.org/schafe")["body_html"])
    assert TEXT in body


def test_references_that_merely_start_like_a_control_character_are_kept():
    # &#x17c; is "ż" and &#x1F600; an emoji: their first two hex digits are a control code
    text = "mo&#x17c;e wypa&#x15b;&#x107; &#x1F600; &#1273; a&#x1F;b&#127;c"
    assert disarm_controls(text) == "mo&#x17c;e wypa&#x15b;&#x107; &#x1F600; &#1273; abc"
