"""Titles: the article's <h1> over a social headline, without the site's name or section."""

from __future__ import annotations

import json

from newscrawl.extract import extract_article
from newscrawl.extract.titles import strip_site

URL = "https://www.harbourtimes.example/2025/03/ferry-strike/"
BODY = "".join(
    f"<p>Paragraph {i} of the report explains why the ferry crews walked out on Monday, "
    f"what the operator offered and when the next round of talks is planned.</p>"
    for i in range(6)
)


def title_of(head: str, h1: str = "", title: str = "", url: str = URL) -> str | None:
    html = (
        f"<html><head><title>{title}</title>{head}</head><body>"
        '<header><a href="/"><img src="/logo.png" alt="Harbour Times"></a></header>'
        f"<article>{h1}{BODY}</article></body></html>"
    )
    return extract_article(html, url, fetched_at="2025-03-10T12:00:00+00:00")["title"]


def og(title: str, site: str = "Harbour Times") -> str:
    return (
        f'<meta property="og:title" content="{title}">'
        f'<meta property="og:site_name" content="{site}">'
    )


def test_the_h1_that_the_title_element_agrees_with_beats_a_social_headline():
    head = og("You won't believe what the ferry crews did next")
    h1 = "<h1>Ferry crews strike over night-shift pay</h1>"
    title = "Ferry crews strike over night-shift pay | Harbour Times"
    assert title_of(head, h1, title) == "Ferry crews strike over night-shift pay"


def test_a_section_prefix_is_dropped_when_the_h1_is_the_headline():
    head = og("Transport: Ferry crews strike over night-shift pay")
    h1 = "<h1>Ferry crews strike over night-shift pay</h1>"
    assert title_of(head, h1) == "Ferry crews strike over night-shift pay"


def test_site_name_suffixes_are_stripped():
    assert title_of(og("Rhubarb crumble | HARBOUR TIMES")) == "Rhubarb crumble"
    assert title_of(og("Rhubarb crumble - Recipe from harbourtimes.example")) == "Rhubarb crumble"
    assert title_of(og("Rhubarb crumble • Harbour Times")) == "Rhubarb crumble"
    assert title_of(og("Rhubarb crumble :Harbour Times blog")) == "Rhubarb crumble"
    head = og(
        "Rhubarb crumble | Harbour Times - News from the coast",
        "Harbour Times - News from the coast",
    )
    assert title_of(head) == "Rhubarb crumble"


def test_a_leading_site_name_is_stripped_but_a_kicker_kept():
    assert title_of(og("Harbour Times | Rhubarb crumble")) == "Rhubarb crumble"
    assert title_of(og("Recipes: Rhubarb crumble")) == "Recipes: Rhubarb crumble"


def test_the_site_name_is_never_the_title():
    head = og("Harbour Times")
    assert title_of(head, "<h1>Ferry crews strike again</h1>") == "Ferry crews strike again"
    assert title_of(head, title="Harbour Times") is None


def test_a_page_title_in_the_site_name_tag_is_still_the_title():
    head = og("Ferry crews strike again", "Ferry crews strike again over pay and hours tonight")
    assert title_of(head) == "Ferry crews strike again"


def test_the_articles_h1_beats_a_shorter_metadata_headline_on_the_same_story():
    # the <title> and og:title carry the short SEO headline; the page's <h1> is the article's
    head = og("Brexit: Nervenkrieg geht in nächste Runde")
    h1 = "<h1>Der Nervenkrieg um den Brexit geht in die nächste Runde</h1>"
    title = "Brexit: Nervenkrieg geht in nächste Runde | Harbour Times"
    expected = "Der Nervenkrieg um den Brexit geht in die nächste Runde"
    assert title_of(head, h1, title) == expected


def test_an_h1_on_another_subject_does_not_replace_the_metadata_title():
    head = og("Ferry crews strike over night-shift pay")
    h1 = "<h1>Sign up for our weekly newsletter today</h1>"
    assert title_of(head, h1, "Ferry crews strike | Harbour Times") == (
        "Ferry crews strike over night-shift pay"
    )


def test_a_kicker_in_its_own_element_is_not_run_into_the_headline():
    head = og("Why collaborative thinking beats individual smarts")
    h1 = (
        '<h1><span class="kicker">Open Future</span>'
        "Why collaborative thinking beats individual smarts</h1>"
    )
    assert title_of(head, h1) == "Why collaborative thinking beats individual smarts"


def test_a_kicker_element_leading_the_h1_is_not_part_of_the_headline():
    head = og("Daten von Rheinmetall gehackt - Interne Unterlagen im Netz")
    h1 = (
        '<h1> <span class="dachzeile">Interne Unterlagen im Netz</span> '
        '<span class="headline">Daten von Rheinmetall gehackt</span> </h1>'
    )
    assert title_of(head, h1) == "Daten von Rheinmetall gehackt"
    h1 = "<h1><small>Tunesien</small><br/> Große Aufgaben für die neue Regierung </h1>"
    assert title_of(og("Tunesien: Große Aufgaben für die neue Regierung"), h1) == (
        "Große Aufgaben für die neue Regierung"
    )


def test_a_blog_name_in_the_h1_gives_way_to_the_title_element_without_it():
    html = (
        "<html><head><title>Was ist virales Marketing? | DimidoBlog</title></head><body>"
        f"<div id='header'><h1>DimidoBlog</h1></div><div class='post'>{BODY}</div></body></html>"
    )
    got = extract_article(html, "https://www.dimido.example/2008/07/29/viral/")["title"]
    assert got == "Was ist virales Marketing?"


def test_the_wordpress_blog_archive_label_is_no_part_of_the_title():
    html = (
        "<html><head><title>Disfunctions.example » Blog Archiv » Podcasts in Plex einbinden"
        f"</title></head><body><div id='header'><h1>Disfunctions.example</h1></div>"
        f"<div class='post'>{BODY}</div></body></html>"
    )
    got = extract_article(html, "https://disfunctions.example/tutorials/podcasts/")["title"]
    assert got == "Podcasts in Plex einbinden"


def page_title_only(title: str, header: str = "", url: str = URL) -> str | None:
    """A page with no title metadata: the <title> element, a header, an article."""
    html = (
        f"<html><head><title>{title}</title></head><body><div id='header'>{header}</div>"
        f"<div class='post'>{BODY}</div></body></html>"
    )
    return extract_article(html, url, fetched_at="2025-03-10T12:00:00+00:00")["title"]


def test_the_sites_name_inside_a_chain_ends_the_headline():
    # "Headline | Site | Tagline": the site's tagline after its name is no part of the title
    head = og("Rhubarb crumble | Harbour Times | News from the coast since 1902")
    assert title_of(head) == "Rhubarb crumble"
    # "Headline : Site | Tagline | Tagline" in the <title> alone
    title = "Ferry crews strike again : Harbour Times | Ermittlungen zum Hafen | Seit 1902"
    assert page_title_only(title) == "Ferry crews strike again"
    # a site's name before a colon starts a headline: "DRK: Immer mehr Menschen ..."
    head = og("Climate summit - Harbour Times: More people need help", "Harbour Times")
    assert title_of(head) == "Climate summit - Harbour Times: More people need help"


def test_a_leading_part_holding_the_hosts_name_is_the_site():
    url = "https://harbournotes.example/2020/01/13/ferries/"
    title = "Ana's Harbour Notes | Ferry crews strike over night-shift pay"
    assert page_title_only(title, url=url) == "Ferry crews strike over night-shift pay"
    # a site name (not the host's) inside a leading phrase proves nothing
    head = og("Ferry crews – strike over night-shift pay", "Ferry")
    assert title_of(head) == "Ferry crews – strike over night-shift pay"


def test_section_parts_after_the_sites_name_go_with_it():
    title = "Kein App Store mehr über Mobilfunk mit iOS 13? | iPhone | Forum | Harbour Times"
    assert page_title_only(title) == "Kein App Store mehr über Mobilfunk mit iOS 13?"
    # without a site's name to prove it a chain, a short last part stays
    assert page_title_only("Ferry crews strike again | Part 2") == "Ferry crews strike again"


def test_an_h1_that_is_the_title_elements_last_part_is_the_sites_name():
    # "Headline | Blog name" and the blog's name in the header's <h1>
    url = "https://www.der-erfolg.example/rezepte/rinderleber.htm"
    title = "Rinderleber-Geschnetzeltes mit Apfel und Zwiebel | Liebe geht durch den Magen"
    header = "<h1>Liebe geht durch den Magen</h1>"
    assert page_title_only(title, header, url) == (
        "Rinderleber-Geschnetzeltes mit Apfel und Zwiebel"
    )
    # the same headline first in the <title> is the headline, not the site
    title = "Ferry crews strike over night-shift pay | Harbour"
    header = "<h1>Ferry crews strike over night-shift pay</h1>"
    assert page_title_only(title, header) == "Ferry crews strike over night-shift pay"


def test_a_web_archive_captures_host_is_the_sites():
    url = "https://web.archive.org/web/20080731095558/http://www.dimido.example/2008/07/29/v/"
    title = "Was ist virales Marketing? | DimidoBlog"
    assert page_title_only(title, "<h1>DimidoBlog</h1>", url) == "Was ist virales Marketing?"


def test_a_topic_before_a_separator_element_is_a_kicker():
    head = og("Coronavirus und andere Zoonosen – Wie Umweltzerstörung Epidemien begünstigt")
    h1 = (
        '<h1 class="ContentHead_title"><span class="ContentHead_titleheader">Coronavirus und'
        ' andere Zoonosen</span><span aria-hidden="true"> – </span>'
        '<span class="ContentHead_text">Wie Umweltzerstörung Epidemien begünstigt</span></h1>'
    )
    assert title_of(head, h1) == "Wie Umweltzerstörung Epidemien begünstigt"


def test_a_subtitle_element_at_the_end_of_the_h1_is_no_part_of_the_title():
    head = og("You won't believe what the ferry crews did next")
    h1 = (
        '<h1><span class="entry-title-primary">Ferry crews strike over night-shift pay</span>'
        ' <span class="entry-subtitle">Talks to resume on Monday</span></h1>'
    )
    title = "Ferry crews strike over night-shift pay | Harbour Times"
    assert title_of(head, h1, title) == "Ferry crews strike over night-shift pay"
    h1 = (
        "<h1>Ferry crews strike over night-shift pay"
        '<small class="article-subtitle">Talks to resume on Monday</small></h1>'
    )
    assert title_of(head, h1, title) == "Ferry crews strike over night-shift pay"


def test_an_h1_that_goes_on_after_the_metadata_title_wins():
    head = og("Ultium Cells raises gigafactory capacity")
    h1 = "<h1>Ultium Cells raises gigafactory capacity in Tennessee</h1>"
    assert title_of(head, h1) == "Ultium Cells raises gigafactory capacity in Tennessee"
    # but not with the site's name or a date line after a bar
    h1 = "<h1>Ultium Cells raises gigafactory capacity • 02.02.2022 • Presse</h1>"
    assert title_of(head, h1) == "Ultium Cells raises gigafactory capacity"


def test_a_metadata_title_cut_at_a_quotation_mark_gives_way_to_the_title_element():
    # content="Senator calls the plan "reckless"": the attribute ended at the quote
    head = '<meta property="og:title" content="Senator calls the plan ">'
    title = 'Senator calls the plan "reckless"'
    assert title_of(head, title=title) == 'Senator calls the plan "reckless"'
    # another ending of the <title> is an extra, not the headline
    assert title_of(
        og("Pineapple upside-down cake"), title="Pineapple upside-down cake Recipe"
    ) == ("Pineapple upside-down cake")


def test_a_title_element_the_parser_moved_into_the_body_is_still_the_pages():
    # markup before <title> ends lxml's <head>: the <title> lands in the <body>
    html = (
        "<html><head><meta charset='utf-8'><div id='fb-root'></div>"
        "<title>Alles Neue macht der Mai | Bibliothek 2.0</title></head><body>"
        "<svg><title>Search icon</title></svg>"
        f"<div class='post'>{BODY}</div></body></html>"
    )
    got = extract_article(html, "https://www.bibliothek.example/2014/05/18/mai/")["title"]
    assert got == "Alles Neue macht der Mai"
    # an SVG image's tooltip is never the page's title
    html = f"<html><body><svg><title>Search icon</title></svg><p>{BODY}</p></body></html>"
    assert extract_article(html, "https://www.bibliothek.example/about/")["title"] is None


def test_an_h1_holding_the_hosts_name_after_the_headline_is_the_site():
    # "Muffin Grundrezept : Muffin Rezepte" on muffinrezept.example, "Muffin Rezepte" the
    # header's <h1>: the same length as the headline, but the host's name
    url = "https://muffinrezept.example/muffin-grundrezept"
    title = "Muffin Grundrezept : Muffin Rezepte"
    assert page_title_only(title, "<h1>Muffin Rezepte</h1>", url) == "Muffin Grundrezept"


def test_a_small_styled_element_leading_the_h1_is_a_kicker():
    h1 = (
        '<h1><span class="h1small">Initiative EnergieEffizienz</span>'
        "Kostenloser Stromcheck für private Haushalte</h1>"
    )
    title = "Initiative EnergieEffizienz - kostenloser Stromcheck | Harbour Times"
    assert title_of("", h1, title) == "Kostenloser Stromcheck für private Haushalte"


def ld_title(headline: str) -> str:
    data = {"@type": "NewsArticle", "headline": headline}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_the_h1_the_og_title_agrees_with_beats_a_json_ld_headline_of_other_words():
    # JSON-LD carries the SEO headline; og:title and the page's <h1> the article's
    head = ld_title("California's disasters are a warning") + og(
        "How can we plan for the future in California?"
    )
    h1 = "<h1>How can we plan for the future in California?</h1>"
    assert title_of(head, h1) == "How can we plan for the future in California?"
    # the og:title with a kicker that the <h1> also carries: the kicker stays
    head = ld_title("Musik-Stars fordern neues Streaming-Modell") + og(
        "Nutzerbasierte Abrechnung: Musik-Stars fordern neues Streaming-Modell"
    )
    h1 = "<h1>Nutzerbasierte Abrechnung: Musik-Stars fordern neues Streaming-Modell</h1>"
    expected = "Nutzerbasierte Abrechnung: Musik-Stars fordern neues Streaming-Modell"
    assert title_of(head, h1) == expected


def test_the_pages_only_h1_beats_a_metadata_title_on_other_words():
    head = og("The future of artificial intelligence in healthcare")
    h1 = "<h1>How major hospitals are already using machine learning in patient care</h1>"
    expected = "How major hospitals are already using machine learning in patient care"
    assert title_of(head, h1) == expected
    # but not an <h1> that names the site, nor one of several <h1>s on the page
    h1 = "<h1>Harbour Times, the first daily of the coast</h1>"
    assert title_of(og("Ferry crews strike again"), h1) == "Ferry crews strike again"
    h1 = "<h1>Read our newsletter every morning</h1><h1>Most read this week</h1>"
    assert title_of(og("Ferry crews strike again"), h1) == "Ferry crews strike again"


def test_style_rules_inside_the_h1_are_no_part_of_the_headline():
    # CSS-in-JS frameworks render a <style> into the element they style
    h1 = (
        "<h1><style>.css-umyvef{font-size:16px;font-weight:400;display:block;}</style>"
        "Vaccination stays possible everywhere until the end of February</h1>"
    )
    head = og("Press releases")
    assert title_of(head, h1) == "Vaccination stays possible everywhere until the end of February"


def test_a_date_before_the_headline_is_dropped():
    head = og("23.01.2022 - Wierer celebrates at the season's last home race")
    assert title_of(head) == "Wierer celebrates at the season's last home race"
    assert title_of(og("2022-01-23 | Wierer celebrates at home")) == "Wierer celebrates at home"
    # a number that is part of the headline stays
    assert title_of(og("2022: the year ferries went electric")) == (
        "2022: the year ferries went electric"
    )


def test_a_hyphenated_one_word_h1_inside_the_metadata_title_is_the_headline():
    # "Mandarinen-Schmand-Kuchen von jesusfreak | Chefkoch": the recipe's <h1> without
    # the uploader's name
    head = og("Mandarinen-Schmand-Kuchen von jesusfreak | Harbour Times")
    assert title_of(head, "<h1>Mandarinen-Schmand-Kuchen</h1>") == "Mandarinen-Schmand-Kuchen"
    # a blog's hyphenated name in the <h1> is still no title
    url = "https://archiv.krimiblog.example/?p=2895"
    title = "Das vermutlich schwulste Musikvideo der Welt : Krimiblog-Archiv | Seit 2005"
    got = page_title_only(title, "<h1>Krimiblog-Archiv</h1>", url)
    assert got == "Das vermutlich schwulste Musikvideo der Welt"


def test_section_parts_before_the_site_name_go_with_any_separator():
    title = "Ferry crews strike over pay – Politics – Harbour Times"
    assert page_title_only(title) == "Ferry crews strike over pay"
    # a numbered part of a series is the headline's
    title = "Ferry crews strike over pay - Part 2 - Harbour Times"
    assert page_title_only(title) == "Ferry crews strike over pay - Part 2"


def test_more_site_name_forms_are_stripped():
    # WordPress's "«" separator, and the host's name before a colon
    assert page_title_only("Ferry crews strike over pay « Harbour Times") == (
        "Ferry crews strike over pay"
    )
    assert page_title_only("harbourtimes.example: Ferry crews strike over pay") == (
        "Ferry crews strike over pay"
    )
    # a French quotation inside the headline stays
    title = "Le ministre répond « non » aux grévistes | Harbour Times"
    assert page_title_only(title) == "Le ministre répond « non » aux grévistes"


def test_a_date_element_after_the_headline_in_the_h1_is_no_part_of_it():
    h1 = '<h1>Ferry crews strike over pay <span class="date">March 4, 2025</span></h1>'
    assert title_of(og("Ferry crews strike over pay"), h1) == "Ferry crews strike over pay"


def test_an_h1_with_the_sites_name_and_its_tagline_is_the_logo_not_the_headline():
    # "Kinder und Arbeit » ProNATs e.V." with the header's <h1> "ProNATs e.V. Verein ..."
    url = "https://www.pronats.example/informationen/kinder-und-arbeit/"
    header = "<h1>ProNATs e.V. Verein zur Unterstützung arbeitender Kinder</h1>"
    assert page_title_only("Kinder und Arbeit » ProNATs e.V.", header, url) == ("Kinder und Arbeit")
    # a headline that starts with the site's name is still the headline
    url = "https://www.gitarrebass.example/magazin/02-2022/"
    title = "Gitarre & Bass 02/2022 | GITARRE & BASS"
    assert page_title_only(title, "<h1>Gitarre & Bass 02/2022</h1>", url) == (
        "Gitarre & Bass 02/2022"
    )


def test_sections_after_a_leading_site_name_go_with_it():
    url = "https://www.harbour-times.example/news/article.php?id=504"
    title = "Harbour Times Club - Ferry crews strike over night-shift pay - Harbour Press - News"
    assert page_title_only(title, url=url) == "Ferry crews strike over night-shift pay"
    # a last part of three words or more is the headline's own
    keys = {"harbourtimes", "harbourtimesclub"}
    title = "Harbour Times Club - Ferry crews strike - Talks resume on Monday"
    assert strip_site(title, keys) == "Ferry crews strike - Talks resume on Monday"


def title_outside_article(head: str, h1: str, title: str) -> str | None:
    """A page without an <article> element: its <h1>s are the page's, not an article's."""
    html = (
        f"<html><head><title>{title}</title>{head}</head><body>"
        f"<div class='post'>{h1}{BODY}</div></body></html>"
    )
    return extract_article(html, URL, fetched_at="2025-03-10T12:00:00+00:00")["title"]


def test_the_pages_only_h1_beats_the_title_element_when_no_metadata_titles_the_page():
    h1 = "<h1>Financing your ferry</h1>"
    title = "Ferry loans – credit or rather leasing?"
    assert title_outside_article("", h1, title) == "Financing your ferry"
    # a metadata title is there: the <h1> of three words does not replace it
    assert title_outside_article(og("Ferry loans"), h1, title) == "Ferry loans"
    # two <h1>s: neither is the page's own headline for sure
    assert title_outside_article("", h1 + "<h1>Our partners</h1>", title) == "Ferry loans"


def test_an_h1_the_title_element_retells_beats_a_metadata_title_on_other_words():
    h1 = "<h1>Ferry crews strike over night-shift pay in the harbour</h1><h1>How it works</h1>"
    title = "Harbour Times - Crews strike over their night-shift pay - News"
    head = og("Would you like to join our readers club with me?")
    assert title_outside_article(head, h1, title) == (
        "Ferry crews strike over night-shift pay in the harbour"
    )
    # the <title> says the metadata title's words: it stays
    title = "Would you like to join our readers club? - Harbour Times"
    assert title_outside_article(head, h1, title) == (
        "Would you like to join our readers club with me?"
    )
