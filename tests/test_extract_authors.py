"""Authors: where publishers put bylines, and what is no author (publisher, desk, interface)."""

from __future__ import annotations

import json

from newscrawl.extract import extract_article
from newscrawl.extract.authors import clean_name

URL = "https://www.harbourtimes.example/2025/03/ferry-strike/"
FETCHED = "2025-03-10T12:00:00+00:00"
BODY = "".join(
    f"<p>Paragraph {i} of the report explains why the ferry crews walked out on Monday, "
    f"what the operator offered and when the next round of talks is planned.</p>"
    for i in range(6)
)


def page(head: str = "", byline: str = "", after: str = "") -> str:
    return (
        f"<html><head><title>Ferry strike | Harbour Times</title>{head}</head><body>"
        f'<nav><a href="/">Home</a></nav><article><h1>Ferry strike</h1>{byline}{BODY}'
        f"</article>{after}</body></html>"
    )


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def authors(html: str) -> list[str]:
    return extract_article(html, URL, fetched_at=FETCHED)["authors"]


def test_jsonld_graph_persons_referenced_by_id_are_all_kept():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "headline": "Ferry strike",
                "author": [{"@id": "#p1"}, {"@id": "#p2"}],
            },
            {"@type": "Person", "@id": "#p1", "name": "Ana Ruiz"},
            {"@type": "Person", "@id": "#p2", "givenName": "Tom", "familyName": "Lee"},
        ],
    }
    assert authors(page(head=ld(graph))) == ["Ana Ruiz", "Tom Lee"]


def test_a_publisher_named_as_author_gives_way_to_the_byline():
    data = {
        "@type": "NewsArticle",
        "headline": "Ferry strike",
        "author": {"@type": "Organization", "name": "Harbour Times"},
        "publisher": {"@type": "Organization", "name": "Harbour Times"},
    }
    html = page(head=ld(data), byline='<p class="article-byline">By Mara Quist</p>')
    assert authors(html) == ["Mara Quist"]


def test_the_site_name_in_meta_author_is_no_author():
    head = (
        '<meta name="author" content="harbourtimes.example">'
        '<meta property="og:site_name" content="Harbour Times">'
    )
    html = page(head=head, byline='<span class="entry-author-name">Jon Brek</span>')
    assert authors(html) == ["Jon Brek"]


def test_several_rel_author_links_in_one_byline_are_all_kept():
    byline = (
        '<div class="meta">By <a rel="author" href="/a/1">Ana Ruiz</a>, '
        '<a rel="author" href="/a/2">Tom Lee</a> and <a rel="author" href="/a/3">Eva Holm</a>'
        "</div>"
    )
    assert authors(page(byline=byline)) == ["Ana Ruiz", "Tom Lee", "Eva Holm"]


def test_itemprop_author_name_is_read():
    byline = (
        '<div itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<img src="/a.jpg"><span itemprop="name">Lina Sand</span></div>'
    )
    assert authors(page(byline=byline)) == ["Lina Sand"]


def test_article_author_meta_beats_a_profile_url():
    head = (
        '<meta property="article:author" content="https://facebook.example/harbourtimes">'
        '<meta name="author" content="Per Olsen">'
    )
    assert authors(page(head=head)) == ["Per Olsen"]


def test_byline_prefixes_are_cut():
    assert clean_name("Posted by Rosa Diaz") == "Rosa Diaz"
    assert clean_name("Veröffentlicht vonChris Jung") == "Chris Jung"
    assert clean_name("View all posts by Daniel Kern") == "Daniel Kern"
    assert clean_name("Zeige alle Beiträge von Petra Ruland") == "Petra Ruland"
    assert clean_name("Autorin: Jana Wolf") == "Jana Wolf"
    assert clean_name("~ Cem Basar") == "Cem Basar"
    assert clean_name("ByGavin Moore") == "Gavin Moore"
    assert clean_name("Eingestellt von der Michel") == "der Michel"


def test_handles_dates_and_trailing_links_are_cut():
    assert clean_name("Williams Perdo @wperdo") == "Williams Perdo"
    assert clean_name("Eric Lev@EricLev") == "Eric Lev"
    assert clean_name("Klaus Fried Tags:") == "Klaus Fried"
    assert clean_name("Johanna Kropf Alle Artikel") == "Johanna Kropf"
    assert clean_name("Tim Roth | 3 March 2025") == "Tim Roth"
    assert clean_name("Glen Owen for The Sunday Paper") == "Glen Owen"
    assert clean_name("Jens Berg Foto: Mia Hud") == "Jens Berg"
    assert clean_name("Rob Pich, HTN", {"htn"}) == "Rob Pich"


def test_desks_agencies_and_interface_text_are_no_authors():
    for text in (
        "Redaktion",
        "Sponsored content",
        "Gesponserte Inhalte",
        "View archive →",
        "No Author",
        "Redaktion Haus.de",
        "Staff Writer",
        "Why you can trust us",
        "Nachricht abschicken",
        "cipha[at]example.net",
        "LN",
        "Fotos: Ivan Vale",
    ):
        assert clean_name(text) is None, text


def test_by_x_and_y_byline_gives_both_names():
    html = page(byline='<p class="byline">By Nora Vik and Ivo Stan</p>')
    assert authors(html) == ["Nora Vik", "Ivo Stan"]


def test_a_byline_naming_every_author_beats_a_meta_tag_with_the_first():
    head = '<meta name="author" content="Isabel Caro">'
    byline = '<div class="article-author">Isabel Caro, Rocío Latorre y José Wilson</div>'
    assert authors(page(head=head, byline=byline)) == [
        "Isabel Caro",
        "Rocío Latorre",
        "José Wilson",
    ]


def test_comment_authors_and_sidebar_authors_are_ignored():
    after = (
        '<div class="sidebar"><span class="author">Side Person</span></div>'
        '<ol class="commentlist"><li><div class="comment-author vcard">Tom Troll</div></li></ol>'
    )
    html = page(byline='<span class="post-author">Mia Berg</span>', after=after)
    assert authors(html) == ["Mia Berg"]
    assert authors(page(after=after)) == []


def test_a_blogger_named_like_the_blog_is_kept_when_jsonld_says_person():
    data = {
        "@type": "BlogPosting",
        "headline": "Ferry strike",
        "author": {"@type": "Person", "name": "Frau Sabine"},
        "publisher": {"@type": "Person", "name": "Frau Sabine"},
    }
    html = page(head=ld(data)).replace("harbourtimes", "frau-sabine")
    assert extract_article(html, "https://frau-sabine.example/p/1")["authors"] == ["Frau Sabine"]


def test_a_byline_whose_inner_author_element_is_only_a_label_gives_the_name():
    byline = (
        '<div class="node-block node-block--authors"><span class="block__label--authors">'
        "Auteur:</span> <a href='/anna'>Anna Kubista</a></div>"
    )
    assert authors(page(byline=byline)) == ["Anna Kubista"]


def test_a_date_beside_the_name_in_a_byline_is_cut():
    assert authors(page(byline='<p class="date-author">Janic Cathomen, 01.12.2021</p>')) == [
        "Janic Cathomen"
    ]
    assert authors(page(byline='<p class="author">11.12.2019 - Amelie Loe</p>')) == ["Amelie Loe"]


def test_a_list_of_categories_in_an_author_line_is_no_byline():
    byline = (
        '<div class="postMeta--author">01.12.2022 / <a href="/c/1">CSP</a> / '
        '<a href="/c/2">International</a> / <a href="/c/3">Photovoltaik</a> / '
        '<a href="/c/4">Speicher</a> / <a href="/c/5">Wirtschaft</a></div>'
    )
    assert authors(page(byline=byline)) == []


def test_a_company_or_an_association_is_no_author():
    for text in ("Web Commerce GmbH", "Hanns-Seidel-Stiftung e.V.", "Acme Widgets Inc."):
        assert clean_name(text) is None, text
    head = '<meta name="author" content="Harbour Media GmbH">'
    assert authors(page(head=head, byline='<span class="author">Ole Brun</span>')) == ["Ole Brun"]


def test_a_comments_article_element_is_not_the_page_s_article():
    # the post is in a <div>; a comment is an <article>: its <time> is not the post's date
    html = (
        "<html><head><title>Ferry strike | Harbour Times</title></head><body>"
        '<div class="post"><h1>Ferry strike</h1><time datetime="2025-03-04">4 March</time>'
        f"{BODY}</div>"
        '<article class="comment-body"><time datetime="2025-03-08">8 March</time>'
        "<p>Great piece.</p></article></body></html>"
    )
    assert extract_article(html, URL, fetched_at=FETCHED)["published"][:10] == "2025-03-04"


def test_a_plain_text_byline_line_keeps_every_name_but_not_the_agency():
    byline = (
        '<p class="autorenzeile small">Von Volkmar Kabisch, Jan Lukas Strozyk und '
        "Benedikt Strunz, NDR</p>"
    )
    assert authors(page(byline=byline)) == [
        "Volkmar Kabisch",
        "Jan Lukas Strozyk",
        "Benedikt Strunz",
    ]
    byline = "<p>By Jan Ortiz and Mae Holt, Reuters | March 3, 2025</p>"
    assert authors(page(byline=byline)) == ["Jan Ortiz", "Mae Holt"]


def test_an_about_the_author_box_and_a_posted_on_date_by_line_give_the_name():
    assert clean_name("About the Author - Florina Ion") == "Florina Ion"
    assert clean_name("Über die Autorin: Jana Wolf") == "Jana Wolf"
    byline = '<div class="page-meta--author">Posted on September 21, 2020 by Adi Tzil</div>'
    assert authors(page(byline=byline)) == ["Adi Tzil"]


def test_a_site_name_split_at_its_ampersand_is_still_the_site():
    head = (
        '<meta name="author" content="Jobs &amp; Hire">'
        '<meta property="og:site_name" content="Jobs &amp; Hire">'
    )
    assert authors(page(head=head)) == []


def test_an_institution_is_no_author_and_gives_way_to_the_byline():
    for text in (
        "Bayerische Landesanstalt für Wald",
        "University of Leeds",
        "Deutscher Tennis-Verband",
    ):
        assert clean_name(text) is None, text
    head = '<meta name="author" content="Bayerische Landesanstalt für Wald und Forstwirtschaft">'
    byline = '<span class="author">Joachim Hamberger</span>'
    assert authors(page(head=head, byline=byline)) == ["Joachim Hamberger"]


def test_a_login_made_of_the_names_words_reads_as_the_name():
    assert clean_name("edilson.la.rosa") == "Edilson La Rosa"
    assert clean_name("gabor_munier") == "Gabor Munier"
    assert clean_name("stol.it") == "stol.it"


def test_a_jsonld_person_may_write_a_name_in_lower_case():
    data = {
        "@type": "BlogPosting",
        "headline": "Ferry strike",
        "author": {"@type": "Person", "name": "Mobasir hassan"},
    }
    assert authors(page(head=ld(data))) == ["Mobasir hassan"]
    # in page text the same spelling reads as interface text, and a Person still starts
    # with a capital
    assert clean_name("Mobasir hassan") is None
    data["author"] = {"@type": "Person", "name": "news service reports"}
    assert authors(page(head=ld(data))) == []


def test_a_webpage_node_names_the_author_when_no_article_node_does():
    # an SEO plugin's graph: the post's author on its WebPage node, by reference
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "https://h.example/#website", "name": "Harbour Times"},
            {
                "@type": "WebPage",
                "@id": URL + "#webpage",
                "name": "Ferry strike",
                "author": {"@id": "https://h.example/#/schema/person/1"},
            },
            {"@type": "Person", "@id": "https://h.example/#/schema/person/1", "name": "Ana Ruiz"},
        ],
    }
    assert authors(page(head=ld(graph))) == ["Ana Ruiz"]
    # an article node's own author still wins
    graph["@graph"].append(
        {"@type": "BlogPosting", "headline": "Ferry strike", "author": {"name": "Ben Ode"}}
    )
    assert authors(page(head=ld(graph))) == ["Ben Ode"]


def test_schema_org_person_microdata_is_a_byline_but_not_a_person_the_text_mentions():
    person = "itemscope itemtype='https://schema.org/Person'"
    byline = (
        f"<div class='meta'><span {person}><a href='/p/ck'><span itemprop='name'>"
        "Cosima Künzel</span></a></span> · 3 March 2025</div>"
    )
    mention = f"<p>The mayor <span {person}><span itemprop='name'>Dagmar Posner</span></span>.</p>"
    assert authors(page(byline=mention + byline)) == ["Cosima Künzel"]
    assert authors(page(byline=mention)) == []
    # the name given only as an attribute
    byline = (
        f"<div class='meta'><span {person}><meta itemprop='name' content='Ana Ruiz'></span></div>"
    )
    assert authors(page(byline=byline)) == ["Ana Ruiz"]


def test_an_address_byline_and_a_written_by_colon_line_after_the_headline():
    byline = "<address>By <a href='/people/tanderson/'> Tim Anderson </a></address>"
    assert authors(page(byline=byline)) == ["Tim Anderson"]
    byline = "<p><em>Written by: <a href='https://elsewhere.example/'>Julie Mollins</a></em></p>"
    assert authors(page(byline=byline)) == ["Julie Mollins"]


def test_a_byline_holding_other_blocks_and_a_label_in_its_own_element():
    byline = (
        "<div class='author'><a href='/autoren/gq/'>Georg Quaas</a>, 21 January 2025"
        "<div class='rating'>" + "Rate this article: 1 2 3 4 5. " * 6 + "</div></div>"
    )
    assert authors(page(byline=byline)) == ["Georg Quaas"]
    byline = (
        "<div class='meta'><span class='sr-only'>| By </span><span>Cara Stiles</span>"
        " | <span>April 13, 2025</span></div>"
    )
    assert authors(page(byline=byline)) == ["Cara Stiles"]


def test_interface_text_in_capitals_is_no_name():
    assert clean_name("SEND AN E-MAIL TO THE AUTHOR") is None
    assert clean_name("Contact the author") is None
    assert clean_name("Florina Ionescu") == "Florina Ionescu"


def test_a_byline_class_in_spanish_or_german_is_a_byline():
    byline = '<div class="autor"><h6>Jacobo Betancur Peláez | Publicado hace 3 horas</h6></div>'
    assert authors(page(byline=byline)) == ["Jacobo Betancur Peláez"]
    byline = '<p class="artikel-autorin">Von Lena Brandt</p>'
    assert authors(page(byline=byline)) == ["Lena Brandt"]


def test_a_byline_inside_a_teaser_link_belongs_to_the_other_article():
    teaser = (
        '<ul class="teasers"><li><a href="/2025/03/other/"><h3>Harbour fees rise again</h3>'
        "<span>The council wants more money from every ship that docks here.</span>"
        '<span class="teaser__autor">Von Clara Mohr</span></a></li></ul>'
    )
    html = page(byline=teaser + '<p class="byline">Von Lisa Petra</p>')
    assert authors(html) == ["Lisa Petra"]
    assert authors(page(byline=teaser)) == []
    # an author link around the name is the byline itself
    byline = '<a rel="author" href="/a/ana"><span class="author-name">Ana Ruiz</span></a>'
    assert authors(page(byline=byline)) == ["Ana Ruiz"]


def test_social_links_in_an_author_box_and_a_picture_credit_are_no_names():
    byline = (
        '<div class="autor"><span class="autor-nombre">Nuño Domínguez</span>'
        '<a class="autor-twitter" href="https://x.example/nuno">Twitter</a></div>'
    )
    assert authors(page(byline=byline)) == ["Nuño Domínguez"]
    assert clean_name("© Kathrin Führes") is None


def test_degrees_and_an_agency_after_the_name_are_cut():
    assert clean_name("Grant Tinsley, PhD") == "Grant Tinsley"
    assert clean_name("Jane Roe, MS, RD") == "Jane Roe"
    assert clean_name("Benedikt Strunz, NDR") == "Benedikt Strunz"
    assert clean_name("Doe, Jane") == "Doe, Jane"


def test_a_jsonld_person_named_as_the_site_gives_way_to_the_byline():
    data = {
        "@type": "NewsArticle",
        "headline": "Ferry strike",
        "author": {"@type": "Person", "name": "Harbour Times"},
    }
    html = page(head=ld(data), byline='<div class="autor">Maren Holt | hace 3 horas</div>')
    assert authors(html) == ["Maren Holt"]
    # with no other name the Person stays (a blog named after its writer)
    assert authors(page(head=ld(data))) == ["Harbour Times"]


def test_the_site_name_after_an_article_or_initials_is_still_the_site():
    head = '<meta name="author" content="Die HARBOURTIMES">'
    assert authors(page(head=head, byline='<p class="byline">Von Ursula Baatz</p>')) == [
        "Ursula Baatz"
    ]
    assert clean_name("OÖ Harbourtimes", {"harbourtimes"}) is None


def test_a_paragraph_that_is_only_a_byline_at_the_top_or_foot_of_the_text():
    # at the foot of the text, the name marked up as a Person inside the paragraph
    person = "itemscope itemtype='https://schema.org/Person'"
    foot = (
        f"<p><em>Von <span {person}><meta itemprop='name' content='Cosima Kunz'>"
        "Cosima Kunz</span></em></p>"
    )
    html = page().replace("</article>", foot + "</article>")
    assert authors(html) == ["Cosima Kunz"]
    # in a heading of its own, far below the headline
    top = "<h2>Entlastungen</h2>" + BODY + "<h5><em>Von Leonora Hell</em></h5>"
    assert authors(page(byline=top)) == ["Leonora Hell"]
    # a news agency's <byline> element
    assert authors(page(byline="<byline>Von David Hutz, dpa</byline>")) == ["David Hutz"]
    # "Text von X Illustration von Y" at the top, up to the line break
    top = "<p>Text von Christian Seil<br>Illustration von Markus Ro</p>"
    assert authors(page(byline=top)) == ["Christian Seil"]


def test_a_prose_paragraph_starting_with_by_is_no_byline():
    top = "<p>Von Berlin aus fuhr der Zug nach Hamburg.</p><p>By Tuesday</p>"
    assert authors(page(byline=BODY + top)) == []


def test_reader_letters_and_a_posted_by_line_s_time_are_no_part_of_the_byline():
    after = (
        '<div class="leserbrief"><div class="leserbrief_meta"><span class="autor">Karl Dorr'
        "</span> / 22.04.2020</div><p>Ich sehe das anders.</p></div>"
    )
    assert authors(page(after=after)) == []
    assert clean_name("Konstantin @") == "Konstantin"
    assert clean_name("Pressemitteilung von Katja Kipp") == "Katja Kipp"
    assert clean_name("AMP Project Marketing") is None


def test_the_written_by_pair_of_twitter_meta_tags_names_the_author():
    head = (
        '<meta name="twitter:label1" content="Verfasst von">'
        '<meta name="twitter:data1" content="Karoline Herr">'
        '<meta name="twitter:label2" content="Geschätzte Lesezeit">'
        '<meta name="twitter:data2" content="3 Minuten">'
    )
    assert authors(page(head=head)) == ["Karoline Herr"]
    head = '<meta name="twitter:label1" content="Est. reading time">'
    head += '<meta name="twitter:data1" content="Four Minutes">'
    assert authors(page(head=head)) == []


def test_links_to_an_author_page_name_the_authors_when_nothing_else_does():
    byline = (
        '<div class="meta"><a href="/autor/frank_g">Gunter Frank</a> / 22.04.2020 / '
        '<a href="/thema/corona">Corona</a></div>'
    )
    assert authors(page(byline=byline)) == ["Gunter Frank"]
    byline = (
        '<div class="meta"><a href="/author/ana/">Ana Ruiz</a> and '
        '<a href="/author/tom/">Tom Lee</a></div>'
    )
    assert authors(page(byline=byline)) == ["Ana Ruiz", "Tom Lee"]
    # a sidebar's list of authors is not the article's
    after = '<aside><a href="/author/eva/">Eva Holm</a></aside>'
    assert authors(page(after=after)) == []


def test_a_login_gives_way_to_the_same_name_spelled_out_elsewhere():
    data = {
        "@type": "BlogPosting",
        "headline": "Ferry strike",
        "author": {"@type": "Person", "name": "arianschlichenmayer"},
    }
    byline = '<span class="author-name">Arian Schlichenmayer</span>'
    assert authors(page(head=ld(data), byline=byline)) == ["Arian Schlichenmayer"]
    head = '<meta name="author" content="gabor_munier">'
    byline = '<span class="author">Gàbor Muniér</span>'
    assert authors(page(head=head, byline=byline)) == ["Gàbor Muniér"]


def test_the_authors_of_a_cited_work_are_not_the_page_s():
    head = '<meta name="dc.creator" content="Marwan Adwan">'
    refs = (
        '<ol><li itemprop="citation" itemscope itemtype="http://schema.org/ScholarlyArticle">'
        '<meta itemprop="author" content="NH. Shear, SP. Spielberg, ">'
        "Shear NH, Spielberg SP. Anticonvulsant hypersensitivity syndrome. 1988.</li></ol>"
    )
    assert authors(page(head=head, after=refs)) == ["Marwan Adwan"]


def test_a_label_in_an_element_of_its_own_and_the_name_after_it():
    byline = '<div class="info"><h5 class="title-inline">Autor: </h5>Peter Maahn/SP-X</div>'
    assert authors(page(byline=BODY + byline)) == ["Peter Maahn"]
    byline = (
        '<div class="news__meta"><h4>Autor</h4><p><a href="/profil/nh">Nikolai Huke</a>'
        "<b>, </b></p></div>"
    )
    assert authors(page(byline=BODY + byline)) == ["Nikolai Huke"]
    byline = "<p><b>Von:</b> <br> <br> Götz Warnke</p>"
    assert authors(page(byline=BODY + byline)) == ["Götz Warnke"]
    assert clean_name("KB_Redaktion") is None


def test_a_date_then_a_name_and_an_article_by_line_after_the_headline():
    assert authors(page(byline='<p class="text-muted">11.12.2019 - Amelie Loeve</p>')) == [
        "Amelie Loeve"
    ]
    # a date before a place or an event is no byline
    assert authors(page(byline="<p>12.03.2021 - Berlin</p>")) == []
    byline = '<div class="metaInfo">Ein Artikel von <strong>Pamela Slad</strong> | 27.01.2022</div>'
    assert authors(page(byline=byline)) == ["Pamela Slad"]


def test_a_byline_line_ends_at_a_line_break_a_role_or_a_picture_credit():
    byline = (
        "<p>Von <strong><a href='http://rb.example'>Roland Brock</a></strong> und "
        "<strong>Sebastian Dresch</strong><br><span></span><br> Kakuma /Kenia</p>"
    )
    assert authors(page(byline=byline)) == ["Roland Brock", "Sebastian Dresch"]
    byline = "<p>Von Eberhard Fuhr (Pressesprecher des EJW)</p>"
    assert authors(page(byline=BODY + byline)) == ["Eberhard Fuhr"]
    byline = "<p><strong>Autorin: Uta Stasch, Projektleiterin der HSS in Tunesien.</strong></p>"
    assert authors(page(byline=BODY + byline)) == ["Uta Stasch"]


def test_the_outlet_ends_the_names_of_a_byline():
    head = '<meta property="og:site_name" content="BBC News">'
    byline = "<p><strong>By Nada Tawfik, BBC News, New York </strong></p>"
    assert authors(page(head=head, byline=BODY + byline)) == ["Nada Tawfik"]
    head = '<meta name="author" content="harbourtimes.example, Frankfurt, Germany">'
    assert authors(page(head=head)) == []


def test_a_sentence_an_exclamation_or_a_desk_in_another_language_is_no_name():
    byline = (
        '<span class="autor"><span class="imienazwisko">#Krótko o przepisach prawa w Nowej '
        "Zelandii i Polsce</span></span>"
    )
    assert authors(page(byline=byline)) == []
    for text in ("Redakcja Liberte!", "Redacción", "Źródło: Statista.com", "Seguir"):
        assert clean_name(text) is None, text
    assert clean_name("Autor/in: Korinna Henn") == "Korinna Henn"
    byline = (
        '<div class="autor"><span class="autor-nombre">Luis Ávila</span> '
        '<a class="autor-follow" href="/f">Seguir</a></div>'
    )
    assert authors(page(byline=byline)) == ["Luis Ávila"]


def test_a_jsonld_person_listing_names_as_links_gives_every_name():
    data = {
        "@type": "NewsArticle",
        "headline": "Ferry strike",
        "author": {
            "@type": "Person",
            "name": [
                '<a href="/pl/eksperci/mg" hreflang="pl">Mateusz Gniazd</a>',
                '<a href="/pl/eksperci/mw" hreflang="pl">Martyna Wasiu</a>',
            ],
        },
    }
    assert authors(page(head=ld(data))) == ["Mateusz Gniazd", "Martyna Wasiu"]


def test_a_widget_heading_and_a_book_s_data_label_no_byline():
    after = (
        '<div class="widgets"><h2 class="widgettitle">Autor</h2><ul><li>'
        '<a href="/about/">Über-Ich</a></li></ul></div>'
    )
    assert authors(page(after=after)) == []
    book = (
        "<div><u>Titel:</u> The Casquette Girls</div><div><u>Seiten:</u> 400 Seiten</div>"
        "<div><u>Autorin: </u>Alys Arde</div><div><u>Verlag: </u>fortheARTofit</div>"
    )
    assert authors(page(byline=BODY + book)) == []
