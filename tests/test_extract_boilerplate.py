"""Boilerplate blocks inside the body: promo lines, related lead-ins, teasers, calls to
action and blocks inside boxes the page marks as not the article."""

from __future__ import annotations

from lxml import html as lxml_html

from newscrawl.extract import extract_article
from newscrawl.extract.boilerplate import drop_boilerplate_in
from newscrawl.extract.fragments import (
    edit_parsed,
    fragment_text,
    parse_fragment,
    serialise_children,
)
from newscrawl.extract.prune import drop_repeated_in, trim_boilerplate_in

SENTENCE = (
    "The regional council approved the budget on Tuesday after a long debate about "
    "school buildings, bus routes and the cost of heating public swimming pools."
)
ARTICLE = "".join(f"<p>{i}. {SENTENCE}</p>" for i in range(8))


def _drop(body: str, page: str | None = None) -> str:
    root = parse_fragment(body)
    tree = lxml_html.document_fromstring(page) if page else None
    drop_boilerplate_in(root, tree)
    return fragment_text(serialise_children(root))


def test_see_also_promo_lines_in_any_language_are_removed():
    body = (
        f"<p>{SENTENCE}</p>"
        '<p><strong>Lea también:\xa0<a href="/a">Impiden ingreso a reportero y camarógrafo'
        "</a></strong></p>"
        f"<p>{SENTENCE} Second.</p>"
        '<h3>MIRA: <a href="/b">Madre se acerca a conocer los motivos de captura</a></h3>'
        '<p><strong>À lire aussi »</strong> <a href="/c">Quel est votre profil digestif ?</a></p>'
        f"<p>{SENTENCE} Third.</p>"
    )
    text = _drop(body)
    assert "Lea también" not in text and "MIRA" not in text and "lire aussi" not in text
    assert text.count("swimming pools") == 3


def test_a_paragraph_with_a_label_and_a_link_in_running_text_is_kept():
    kept = (
        f"<p>{SENTENCE}</p>"
        # the link is a small part of the text after the label
        '<p>Update: the council <a href="/v">published the vote</a> and the mayor said the '
        "pools stay open through the winter, whatever the heating costs.</p>"
        # a product line: the link is a name, not a headline
        '<p>Earrings: <a href="/shop">Stella Hoops</a></p>'
        f"<p>{SENTENCE}</p>"
    )
    text = _drop(kept)
    assert "published the vote" in text and "Stella Hoops" in text


def test_a_related_lead_in_goes_with_the_link_blocks_after_it():
    body = (
        ARTICLE
        + "<h2>NOTAS RELACIONADAS</h2>"
        + '<p><a href="/a"><h2>Hackers ofrecen descuento al Gobierno</h2></a></p>'
        + "<p><strong>Schon gelesen?</strong></p>"
        + '<blockquote><p><a href="/b">Luftwaffe hat mit dem Training begonnen</a></p></blockquote>'
        + f"<p>Closing remark. {SENTENCE}</p>"
        + "<h2>Auch auf gofeminin.de</h2>"
    )
    text = _drop(body)
    assert "RELACIONADAS" not in text and "Hackers" not in text
    assert "Schon gelesen" not in text and "Luftwaffe" not in text
    assert "gofeminin" not in text and "Closing remark" in text


def test_rules_look_inside_a_wrapper_holding_the_paragraphs():
    # trafilatura often returns the article's own <div>: its children are the blocks
    body = (
        "<div class='field--story'>"
        + ARTICLE
        + "<p><strong>Mehr Themen:</strong></p>"
        + '<p><a href="/a">Alles, was nur zwei Minuten dauert, sofort erledigen</a></p>'
        + "</div>"
    )
    text = _drop(body)
    assert "Mehr Themen" not in text and "zwei Minuten" not in text
    assert text.count("swimming pools") == 8


def test_a_heading_that_starts_like_a_lead_in_is_kept():
    body = (
        ARTICLE
        + "<h2>Recommended daily intake of vitamin D</h2>"
        + f"<p>{SENTENCE}</p>"
        + "<h2>Related risks for older swimmers</h2>"
        + f"<p>{SENTENCE}</p>"
    )
    text = _drop(body)
    assert "Recommended daily intake" in text and "Related risks" in text


def test_links_alone_closing_the_body_are_removed_but_not_a_closing_paragraph():
    teasers = (
        '<p><a href="/a">Ein Roadtrip entlang der Route 66 im Vulkanland</a></p>'
        '<p><a href="/b">Herbstlicher Wochenend-Ausflug in die Südoststeiermark</a></p>'
    )
    text = _drop(ARTICLE + teasers)
    assert "Roadtrip" not in text and "Herbstlicher" not in text and "7. The regional" in text
    closing = ARTICLE + '<p>The full report is <a href="/r">on the council site</a>.</p>'
    assert "full report" in _drop(closing)


def test_calls_to_action_and_copyright_near_the_end_are_removed():
    body = (
        ARTICLE
        + "<p>Subscribe now to our <a href='/e'>eNATION</a> edition for the full story.</p>"
        + "<p><i>Siguenos en <a href='/t'>Telegram</a>, <a href='/i'>Instagram</a></i></p>"
        + "<p>© 2022, Example News. This article is the copyrighted property of Example"
        " News.</p>"
        + "<p><i>Lust auf mehr? Lass dir die besten Storys jede Woche in deinen Posteingang"
        " liefern.</i></p>"
    )
    text = _drop(body)
    assert "Subscribe" not in text and "Siguenos" not in text
    assert "copyrighted" not in text and "Posteingang" not in text
    assert "7. The regional" in text


def test_news_about_subscribers_and_sign_ups_is_kept():
    body = (
        ARTICLE + "<p>Residents who missed the drill can sign up for the alert system at the"
        " library.</p>"
        + "<p>The streaming service added two million subscribers in the quarter, and its"
        " chief executive asked investors to support the plan.</p>"
        + "<p>“Unterstützen Sie unsere Forderung”, sagte die Sprecherin.</p>"
    )
    text = _drop(body)
    assert "sign up for the alert" in text and "two million subscribers" in text
    assert "Unterstützen Sie unsere Forderung" in text


def test_calls_to_action_at_the_start_of_a_long_body_are_kept():
    # the rule looks at the end: a sentence this early is the article's
    body = "<p>Follow us on a walk through the old harbour.</p>" + ARTICLE
    assert "Follow us" in _drop(body)


def test_a_paywall_prompt_is_removed_wherever_it_stands():
    body = (
        f"<p>{SENTENCE}</p>"
        "<p>To view the full story, please subscribe to <a href='/s'>The Harbour Times</a>."
        "</p>" + ARTICLE
    )
    text = _drop(body)
    assert "full story" not in text and text.count("swimming pools") == 9


def test_an_article_explaining_copyright_keeps_its_sentences():
    body = (
        ARTICLE + "<p>The licences sit between copyright (all rights reserved) and the public"
        " domain.</p>" + "<p>© 2022 Example News. All rights reserved.</p>"
    )
    text = _drop(body)
    assert "between copyright (all rights reserved)" in text and "© 2022" not in text


def test_blocks_inside_a_marked_newsletter_or_related_box_are_removed():
    page = (
        "<html><body><article><div class='article-body'>"
        + ARTICLE
        + "<div class='newsletter-form__wrapper'><h2>Gamer Newsletter</h2>"
        "<p class='strap'>Get the best content of the week, picked by the editors.</p></div>"
        + "<div class='vce-related-box'><h3>More to explore</h3></div>"
        + "</div></article></body></html>"
    )
    body = (
        ARTICLE
        + "<h2>Gamer Newsletter</h2>"
        + "<p>Get the best content of the week, picked by the editors.</p>"
        + "<h3>More to explore</h3>"
    )
    text = _drop(body, page)
    assert "Newsletter" not in text and "best content" not in text
    assert "More to explore" not in text and "7. The regional" in text


def test_a_marked_box_around_the_whole_article_removes_nothing():
    # a class on the article's own wrapper ("related-enabled") is no box
    closing = "<p>A closing line the page puts after the wrapper.</p>"
    page = (
        "<html><body><div class='post related-enabled'>"
        + ARTICLE
        + "</div>"
        + closing
        + "</body></html>"
    )
    assert _drop(ARTICLE + closing, page).count("swimming pools") == 8


def test_a_heading_whose_words_also_stand_in_a_box_is_kept():
    # "Sicherheit" is a section of the text; a sharing box elsewhere names it in a longer line
    page = (
        "<html><body><article>"
        + ARTICLE
        + "<h2>Sicherheit</h2>"
        + f"<p>{SENTENCE}</p></article>"
        + "<div class='social-share'><a href='/s'>Teilen: Sicherheit im Schwimmbad</a></div>"
        + "</body></html>"
    )
    body = ARTICLE + "<h2>Sicherheit</h2>" + f"<p>{SENTENCE}</p>"
    assert "Sicherheit" in _drop(body, page)


def test_a_page_with_a_promo_line_and_a_newsletter_box_loses_both():
    page = (
        "<html><head><title>Council approves budget</title></head><body><article>"
        "<h1>Council approves budget</h1><div class='article-body'>"
        + ARTICLE[: len(ARTICLE) // 2]
        + '<p><strong>Lea también:\xa0<a href="/x">Council delays vote on riverside housing'
        "</a></strong></p>"
        + "<div class='slice-container newsletter-inbody'><div class='newsletter-form'>"
        "<h2>Harbour Times Newsletter</h2>"
        "<p>Get the best stories of the week, as picked by the editors.</p></div></div>"
        + ARTICLE[len(ARTICLE) // 2 :]
        + "</div></article></body></html>"
    )
    body = fragment_text(extract_article(page, "https://example.org/a")["body_html"])
    assert "Council delays" not in body and "best stories" not in body
    assert "Newsletter" not in body and "7. The regional" in body


def test_one_pass_gives_the_html_of_the_trim_rules_then_the_box_rules_each_on_a_reparse():
    # the trim rules take the date line, the box rules the reader prompt: the white space the
    # date line leaves at the start is dropped, as parsing the trimmed body again drops it
    prompt = "<p>Please subscribe to read the full story of the council meeting.</p>"
    body = f"\n<p>12.03.2024</p>\n{prompt}\n{ARTICLE}"
    trimmed = parse_fragment(body)
    assert edit_parsed(trimmed, trim_boilerplate_in)
    box_rules_only = parse_fragment(serialise_children(trimmed))
    assert edit_parsed(box_rules_only, drop_boilerplate_in)
    root = parse_fragment(body)
    assert edit_parsed(root, drop_boilerplate_in, None, {})
    assert serialise_children(root) == serialise_children(box_rules_only) == "\n" + ARTICLE


def test_block_rules_share_block_facts_across_the_repeated_block_step():
    # the text cache filled by the repeated-block step serves the boilerplate pass
    body = f"<p>{SENTENCE}</p><p>Read more: <a href='/x'>Council delays vote on housing</a></p>"
    body += ARTICLE + "<p>Advertisement</p>"
    cached, plain = parse_fragment(body), parse_fragment(body)
    texts: dict = {}
    edit_parsed(cached, drop_repeated_in, texts)
    edit_parsed(plain, drop_repeated_in)
    assert edit_parsed(cached, drop_boilerplate_in, None, texts)
    assert edit_parsed(plain, drop_boilerplate_in)
    html = serialise_children(cached)
    assert html == serialise_children(plain)
    assert "Read more" not in html and "Advertisement" not in html
