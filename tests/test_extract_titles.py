"""Titles: the article's <h1> over a social headline, without the site's name or section."""

from __future__ import annotations

from newscrawl.extract import extract_article

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
