"""Pruning what trafilatura lets through: promos, related sections, credits, counters."""

from __future__ import annotations

from newscrawl.extract.fragments import fragment_text
from newscrawl.extract.prune import drop_repeated_blocks, trim_boilerplate

SENTENCE = (
    "The regional council approved the budget on Tuesday after a long debate about "
    "school buildings, bus routes and the cost of heating public swimming pools."
)


def test_inline_read_more_promos_are_removed_anywhere():
    body = (
        f"<p>{SENTENCE}</p>"
        '<p>Read more: <a href="/x">Council delays vote on riverside housing</a></p>'
        f"<p>{SENTENCE} Second.</p>"
        '<p>Lesen Sie auch: <a href="/y">Neue Buslinie ab Montag</a></p>'
        f"<p>{SENTENCE} Third.</p>"
    )
    text = fragment_text(trim_boilerplate(body))
    assert "Read more" not in text and "Lesen Sie auch" not in text
    assert text.count("swimming pools") == 3


def test_a_related_section_at_the_end_is_cut_but_not_one_followed_by_text():
    article = "".join(f"<p>{i}. {SENTENCE}</p>" for i in range(6))
    related = (
        "<h3>Related articles</h3><ul><li><a href='/a'>First other story</a></li>"
        "<li><a href='/b'>Second other story</a></li></ul><p>Photo: Ana Ruiz</p>"
    )
    text = fragment_text(trim_boilerplate(article + related))
    assert "Related articles" not in text and "other story" not in text
    assert "Photo:" not in text and "5. The regional" in text
    followed_by_text = article + "<h3>Comments</h3>" + f"<p>{SENTENCE} {SENTENCE}</p>"
    assert trim_boilerplate(followed_by_text) == followed_by_text


def test_a_truncated_standfirst_repeating_the_first_paragraph_is_dropped():
    body = f"<p>{SENTENCE[:60]}…</p><p>{SENTENCE}</p><p>Another paragraph here, long enough.</p>"
    assert fragment_text(drop_repeated_blocks(body)).count("regional council") == 1
    ordinary = f"<p>{SENTENCE[:60]}.</p><p>{SENTENCE}</p>"
    assert drop_repeated_blocks(ordinary) == ordinary


def test_gallery_counters_and_interface_words_are_removed():
    body = (
        f"<p>{SENTENCE}</p><p>Previous</p><p>1 / 3</p><p>{SENTENCE} One.</p>"
        f"<p>Advertisement</p><p>2 / 3</p><p>{SENTENCE} Two.</p><p>Next</p>"
    )
    text = fragment_text(trim_boilerplate(body))
    assert text.count("swimming pools") == 3
    for junk in ("Previous", "1 / 3", "Advertisement", "Next"):
        assert junk not in text.split("\n")


def test_prices_and_phone_numbers_are_kept():
    body = f"<p>{SENTENCE}</p><p>+81 158-23-2012</p><p>286,35 €</p><p>{SENTENCE}</p>"
    assert trim_boilerplate(body) == body


def test_removing_a_block_keeps_the_text_after_it():
    body = f"<p>{SENTENCE}</p><p>Advertisement</p>Text after the advert stays.<br>More text."
    text = fragment_text(trim_boilerplate(body))
    assert "Advertisement" not in text
    assert "Text after the advert stays." in text and "More text." in text


def test_a_pull_quote_repeating_part_of_a_paragraph_is_dropped():
    quote = "the cost of heating public swimming pools"
    body = f"<p>{SENTENCE}</p><blockquote>{quote} is too high</blockquote><p>{quote}</p>"
    text = fragment_text(drop_repeated_blocks(body))
    assert text.count("swimming pools") == 2  # the paragraph and the longer quote stay
    body = f"<p>{SENTENCE}</p><aside>approved the budget on Tuesday after a long debate</aside>"
    assert fragment_text(drop_repeated_blocks(body)) == SENTENCE


def test_a_pull_quote_goes_only_when_a_longer_block_holds_it():
    quote = "the cost of heating public swimming pools"
    # the longer block comes after the quote, or before it; blocks holding the quote but
    # not 20 characters longer (and the quote itself) do not count
    for before, after in ((f"<p>{SENTENCE}</p>", ""), ("", f"<p>{SENTENCE}</p>")):
        body = f"{before}<p>Intro line one.</p><p>{quote}</p><p>{quote} again</p>{after}"
        kept = fragment_text(drop_repeated_blocks(body)).split("\n")
        assert quote not in kept and f"{quote} again" in kept
    alone = f"<p>{SENTENCE[:40]}</p><p>{quote}</p><p>{quote} and more.</p><p>Intro.</p>"
    assert drop_repeated_blocks(alone) == alone


def test_the_body_text_after_pruning_is_the_text_of_the_pruned_body():
    from lxml import etree

    from newscrawl.extract.fragments import element_text, parse_fragment, remove_block

    # inline children and text tails join lines when a block between them goes; a comment,
    # a script and nested blocks keep their own rules
    body = (
        "\n<h1>Budget approved</h1>tail after the title<p>By Ana Ruiz</p>"
        "<a href='/x'>linked</a><p>Gone between links</p><em>inline</em> tail"
        f"<!-- a note --><script>var x = 1;</script><div><p>{SENTENCE}</p>"
        "<ul><li>one</li><li>two  spaced</li></ul></div><p>Last\u00a0line</p>"
    )
    root = parse_fragment(body)
    chunks: dict = {}
    assert element_text(root, chunks) == element_text(parse_fragment(body))
    first, byline, _, between = list(root)[:4]
    for block in (first, byline, between):
        remove_block(block)
    image = etree.Element("img", src="/photo.jpg")
    image.tail = "\n"
    root[-1].addprevious(image)
    fresh = parse_fragment(etree.tostring(root, encoding="unicode", method="html"))
    assert element_text(root, chunks) == element_text(fresh) == element_text(root)
    assert "tail after the titlelinkedinline tail" in element_text(root, chunks).split("\n")
    # lines with single spaces only are stripped; runs and odd spaces squeezed first
    plain = parse_fragment("<p> One line. </p> loose <div>Two <b>bold</b> </div>")
    assert element_text(plain) == "One line.\nloose\nTwo bold"
    odd = parse_fragment("<p> One\u00a0 line. </p> loose\t<div>Two  <b>bold</b>\u00a0</div>")
    assert element_text(odd) == "One line.\nloose\nTwo bold"
