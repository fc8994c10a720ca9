"""Publication dates: the publisher's calendar day, zone abbreviations, no invented days."""

from __future__ import annotations

import json
import warnings

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.dates import parse_date
from newscrawl.extract.heuristics import _low_precision

URL = "https://www.harbourtimes.example/news/ferry-strike"
FETCHED = "2025-03-10T12:00:00+00:00"
BODY = "".join(
    f"<p>Paragraph {i} of the report explains why the ferry crews walked out on Monday, "
    f"what the operator offered and when the next round of talks is planned.</p>"
    for i in range(6)
)


def published(head: str = "", header: str = "") -> str | None:
    html = (
        f"<html><head><title>Ferry strike</title>{head}</head><body><article>"
        f"<header><h1>Ferry strike</h1>{header}</header>{BODY}</article></body></html>"
    )
    return extract_article(html, URL, fetched_at=FETCHED)["published"]


def ld_date(value: str) -> str:
    data = {"@type": "NewsArticle", "headline": "Ferry strike", "datePublished": value}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_an_evening_article_keeps_the_publishers_day_from_the_header_time():
    # 21:30 in New York is 02:30 UTC the next day: the header's own clock says the 4th
    header = '<time itemprop="datePublished" datetime="2025-03-04T21:30:00-05:00">4 March</time>'
    assert published(ld_date("2025-03-05T02:30:00Z"), header) == "2025-03-04T21:30:00-05:00"


def test_the_same_instant_with_the_publishers_offset_beats_utc():
    head = ld_date("2025-03-04T23:30:00+00:00") + (
        '<meta property="article:published_time" content="2025-03-05T00:30:00+01:00">'
    )
    assert published(head) == "2025-03-05T00:30:00+01:00"


def test_a_date_with_the_publishers_offset_is_kept_as_given():
    header = '<time itemprop="datePublished" datetime="2025-03-06T10:00:00+01:00">6 March</time>'
    assert published(ld_date("2025-03-05T20:00:00+01:00"), header) == "2025-03-05T20:00:00+01:00"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Tue, 4 Mar 2025 21:15:00 EDT", "2025-03-04T21:15:00-04:00"),
        ("4 March 2025 9:15 pm PDT", "2025-03-04T21:15:00-07:00"),
        ("2025-03-04 10:00 CEST", "2025-03-04T10:00:00+02:00"),
        ("04.03.2025 10:00 MEZ", "2025-03-04T10:00:00+01:00"),
        ("04-03-2025 10:00", "2025-03-04T10:00:00+00:00"),
        ("4 Mar 2025 18:30 IST", "2025-03-04T18:30:00+05:30"),
        ("Tue, 04 Mar 2025 10:00:00 GMT", "2025-03-04T10:00:00+00:00"),
        # JavaScript's Date.toString(): "GMT+0100" is one hour east of UTC
        (
            "Tue Mar 04 2025 01:00:00 GMT+0100 (Central European Standard Time)",
            "2025-03-04T01:00:00+01:00",
        ),
        ("2025-03-04 18:30 UTC+05:30", "2025-03-04T18:30:00+05:30"),
        ("Tue Mar 04 2025 21:15:00 GMT-0500 (Eastern Standard Time)", "2025-03-04T21:15:00-05:00"),
    ],
)
def test_zone_abbreviations_give_their_offset_without_a_warning(value, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_date(value).isoformat() == expected


def test_an_unknown_zone_name_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_date("4 Mar 2025 10:00 XYZT").date().isoformat() == "2025-03-04"


@pytest.mark.parametrize("value", ["2019", "May 2019", "2019-05", "Mai 2019", "2019-W05"])
def test_dates_without_a_day_are_refused(value):
    assert parse_date(value) is None


def test_a_year_only_meta_date_does_not_become_the_first_of_january():
    assert published('<meta name="date" content="2019">') is None


def test_htmldate_guesses_from_a_year_or_a_month_are_low_precision():
    assert _low_precision("2016-01-01", "https://blog.example/p/1")
    assert _low_precision("2010-05-01", "https://blog.example/2010/05/slug/")
    assert not _low_precision("2010-05-01", "https://blog.example/2010/05/01/slug/")
    assert not _low_precision("2010-05-19", "https://blog.example/2010/05/slug/")


def test_the_day_the_page_shows_beats_a_utc_timestamp_one_day_off():
    # 02:30 UTC on the 5th is the evening of the 4th in the Americas, as the page says
    header = '<time datetime="2025-03-04">March 4, 2025</time>'
    assert published(ld_date("2025-03-05T02:30:00Z"), header)[:10] == "2025-03-04"
    # an early UTC time and a shown day after it: not an evening shift, the metadata stays
    header = '<time datetime="2025-03-06">March 6, 2025</time>'
    assert published(ld_date("2025-03-05T02:30:00Z"), header)[:10] == "2025-03-05"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("3 de mayo de 2022", "2022-05-03"),
        ("Mittwoch, 4. März 2020, 14:30 Uhr", "2020-03-04T14:30"),
        ("le 5 avril 2021", "2021-04-05"),
        ("12 dicembre 2019 alle ore 10:00", "2019-12-12T10:00"),
        ("7 de fevereiro de 2021", "2021-02-07"),
        ("14 januari 2023", "2023-01-14"),
        # German weekdays as news sites abbreviate them
        ("Di., 25.01.2022 - 14:45", "2022-01-25T14:45"),
        ("Sa 2.4.2022 10:00", "2022-04-02T10:00"),
    ],
)
def test_month_and_weekday_names_of_other_languages_are_read(value, expected):
    assert parse_date(value).isoformat().startswith(expected)


def test_a_visible_date_in_spanish_beats_a_utc_timestamp_one_day_off():
    # 00:25 UTC on the 4th is the evening of the 3rd in Buenos Aires, as the page shows
    header = '<time class="date" datetime="3 de mayo de 2022">3 de mayo de 2022</time>'
    html = (
        f"<html><head><title>Boleta única</title>{ld_date('2022-05-04T00:25:56Z')}</head><body>"
        f"<article><h1>Boleta única</h1>{header}{BODY}</article></body></html>"
    )
    got = extract_article(html, URL, fetched_at="2022-06-01T00:00:00+00:00")["published"]
    assert got[:10] == "2022-05-03"


def test_the_day_in_the_url_beats_a_utc_timestamp_one_day_off():
    # a blog post of New Year's Day at 00:11 in Vienna, stored as 23:11 UTC on 31 December
    html = (
        "<html><head><title>Ins neue Jahr</title>"
        '<meta property="article:published_time" content="2018-12-31T23:11:59+00:00">'
        f"</head><body><div><h1>Ins neue Jahr</h1>{BODY}</div></body></html>"
    )
    url = "https://blog.example/2019/01/01/ins-neue-jahr/"
    got = extract_article(html, url, fetched_at=FETCHED)["published"]
    assert got[:10] == "2019-01-01"
    # the same time under a URL without a day keeps the metadata's
    got = extract_article(html, URL, fetched_at=FETCHED)["published"]
    assert got == "2018-12-31T23:11:59+00:00"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2021-11-04T23:00:00Z", "2021-11-05T00:00:00+01:00"),
        ("2022-07-06T22:00:00.000Z", "2022-07-07T00:00:00+02:00"),
        # not midnight in Berlin: a winter 22:00, a summer 23:00, a time with seconds
        ("2021-11-04T22:00:00Z", "2021-11-04T22:00:00+00:00"),
        ("2022-07-06T23:00:00Z", "2022-07-06T23:00:00+00:00"),
        ("2021-11-04T23:00:12Z", "2021-11-04T23:00:12+00:00"),
        ("2021-11-04T21:00:00Z", "2021-11-04T21:00:00+00:00"),
    ],
)
def test_a_day_entered_as_midnight_in_central_europe_keeps_its_day(value, expected):
    head = f'<meta property="article:published_time" content="{value}">'
    head += '<meta http-equiv="content-language" content="de">'
    assert published(head) == expected


@pytest.mark.parametrize("language", ["", "en", "en-US", "pt-BR"])
def test_a_utc_evening_on_a_page_from_elsewhere_stays_utc(language):
    # 22:00 UTC is a New York afternoon: only a Central European page's midnight moves
    head = '<meta property="article:published_time" content="2022-07-06T22:00:00Z">'
    if language:
        head += f'<meta http-equiv="content-language" content="{language}">'
    assert published(head) == "2022-07-06T22:00:00+00:00"


def ld_dates(published_at: str, modified_at: str) -> str:
    data = {
        "@type": "NewsArticle",
        "headline": "Ferry strike",
        "datePublished": published_at,
        "dateModified": modified_at,
    }
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_a_shown_day_that_is_a_later_updates_does_not_move_the_utc_date():
    # published at 12:25 UTC on the 4th, updated the next morning: the day the page shows
    # is the update's, not the publisher's day of a late UTC time
    header = '<time datetime="2025-03-05">Updated March 5, 2025</time>'
    head = ld_dates("2025-03-04T12:25:36Z", "2025-03-05T09:49:32Z")
    assert published(head, header) == "2025-03-04T12:25:36+00:00"
    # a correction two hours after an evening article: the shown day is still the evening's
    header = '<time datetime="2025-03-03">March 3, 2025</time>'
    head = ld_dates("2025-03-04T00:44:52Z", "2025-03-04T02:39:14Z")
    assert published(head, header)[:10] == "2025-03-03"


def test_the_day_in_the_url_beats_a_time_element_when_no_metadata_dates_the_page():
    # a WordPress post whose only <time> is an old comment's or a widget's
    html = (
        "<html><head><title>Professionell entlöten</title></head><body>"
        f"<div class='post'><h1>Professionell entlöten</h1>{BODY}</div>"
        '<div class="widget"><time datetime="2009-04-11 18:06:36">11.04.2009</time></div>'
        "</body></html>"
    )
    url = "https://blog.example/2019/10/22/professionell-entloeten/"
    assert extract_article(html, url, fetched_at=FETCHED)["published"][:10] == "2019-10-22"
    # a metadata date says otherwise: the metadata's stays (a post moved to a new day)
    meta = '<meta property="article:published_time" content="2019-10-20T08:00:00+02:00">'
    html = html.replace("</title>", "</title>" + meta)
    got = extract_article(html, url, fetched_at=FETCHED)["published"]
    assert got == "2019-10-20T08:00:00+02:00"


def test_a_json_ld_date_that_the_meta_tags_and_the_page_contradict_gives_way():
    # JSON-LD says the 3rd; article:published_time and the header's <time> the 6th
    head = ld_date("2025-03-03T10:25:56+00:00") + (
        '<meta property="article:published_time" content="2025-03-06T14:25:00+00:00">'
    )
    header = '<time datetime="2025-03-06T15:25:00+01:00">6 March 2025, 15:25</time>'
    assert published(head, header)[:10] == "2025-03-06"
    # the header's <time> agrees with JSON-LD: JSON-LD stays
    header = '<time datetime="2025-03-03T11:25:56+01:00">3 March 2025, 11:25</time>'
    assert published(head, header) == "2025-03-03T11:25:56+01:00"
    # the same instant in another zone is no contradiction: the JSON-LD's day stays
    head = ld_date("2025-03-05T21:00:00-05:00") + (
        '<meta property="article:published_time" content="2025-03-06T02:00:00Z">'
    )
    header = '<time datetime="2025-03-06T02:00:00Z">6 March 2025</time>'
    assert published(head, header) == "2025-03-05T21:00:00-05:00"


def test_a_utc_time_on_a_site_of_the_americas_gets_its_countrys_day_and_offset():
    # 02:41 UTC on a Bolivian site is 22:41 the evening before in La Paz
    html = (
        f"<html><head><title>Ferry strike</title>{ld_date('2025-03-05T02:41:00Z')}</head>"
        f"<body><article><h1>Ferry strike</h1>{BODY}</article></body></html>"
    )
    got = extract_article(html, "https://eldiario.example.com.bo/ferry", fetched_at=FETCHED)
    assert got["published"] == "2025-03-04T22:41:00-04:00"
    # a .com site says nothing of where it publishes: UTC stays
    got = extract_article(html, "https://eldiario.example.com/ferry", fetched_at=FETCHED)
    assert got["published"] == "2025-03-05T02:41:00+00:00"
    # nor does ".co", sold worldwide as a generic name; ".com.co" is Colombia's
    got = extract_article(html, "https://harbour.co/ferry", fetched_at=FETCHED)
    assert got["published"] == "2025-03-05T02:41:00+00:00"
    got = extract_article(html, "https://eltiempo.example.com.co/ferry", fetched_at=FETCHED)
    assert got["published"] == "2025-03-04T21:41:00-05:00"


@pytest.mark.parametrize(
    "header, expected",
    [
        # the shown time with its zone: the same instant on the publisher's clock
        (
            '<span class="byline-date">Published March 4, 2025 at 9:30 p.m. EST</span>',
            "2025-03-04T21:30:00-05:00",
        ),
        (
            '<time datetime="2025-03-05T02:30:00Z">March 4, 2025 9:30 PM EST</time>',
            "2025-03-04T21:30:00-05:00",
        ),
        # the shown wall-clock time gives the offset
        (
            '<div class="meta">By Ana Ruiz | March 4, 2025, 9:30 PM</div>',
            "2025-03-04T21:30:00-05:00",
        ),
        ('<p class="datum">4. März 2025, 21:30 Uhr</p>', "2025-03-04T21:30:00-05:00"),
        # the shown day alone: the publisher's day
        ('<p class="date">Tuesday, March 4th, 2025</p>', "2025-03-04T00:00:00+00:00"),
    ],
)
def test_the_date_the_header_shows_puts_a_utc_time_on_the_publishers_clock(header, expected):
    assert published(ld_date("2025-03-05T02:30:00Z"), header) == expected


def test_a_shown_date_that_cannot_be_the_publishers_leaves_the_utc_time():
    # an update's date
    header = '<p class="date">Updated 12:00, March 6, 2025</p>'
    assert published(ld_date("2025-03-05T02:30:00Z"), header) == "2025-03-05T02:30:00+00:00"
    # twelve hours off: a 12-hour clock read the wrong way round, not a zone
    header = '<p class="date">March 5, 2025 2:30 PM</p>'
    assert published(ld_date("2025-03-05T02:30:00Z"), header) == "2025-03-05T02:30:00+00:00"
    # a date outside the article's header (a sidebar's teaser) says nothing
    html = (
        f"<html><head><title>Ferry strike</title>{ld_date('2025-03-05T02:30:00Z')}</head>"
        f"<body><article><h1>Ferry strike</h1>{BODY}</article>"
        '<aside class="sidebar"><p class="date">March 4, 2025 9:30 PM</p></aside></body></html>'
    )
    assert extract_article(html, URL, fetched_at=FETCHED)["published"] == (
        "2025-03-05T02:30:00+00:00"
    )


def test_the_header_time_beats_a_bare_day_one_day_off_in_the_metadata():
    # the metadata's day (a print edition's) and the header's "29.04.2025, 12:01 Uhr"
    head = '<meta property="article:published_time" content="2025-03-05">'
    header = '<ul class="infoline"><li class="date"><time>04.03.2025, 12:01 Uhr</time></li></ul>'
    assert published(head, header) == "2025-03-04T12:01:00+00:00"
    # the header shows the day alone: nothing says the metadata's day is wrong
    header = '<ul class="infoline"><li class="date"><time>04.03.2025</time></li></ul>'
    assert published(head, header) == "2025-03-05T00:00:00+00:00"
    # the header's day is days away: another date (an event's), not the publication's
    header = '<ul class="infoline"><li class="date"><time>01.03.2025, 12:01 Uhr</time></li></ul>'
    assert published(head, header) == "2025-03-05T00:00:00+00:00"


def page_without_article(head: str, header: str) -> str | None:
    html = (
        f"<html><head><title>Ferry strike</title>{head}</head><body><div class=main>"
        f"<h1>Ferry strike</h1>{header}{BODY}</div></body></html>"
    )
    return extract_article(html, URL, fetched_at=FETCHED)["published"]


def test_the_day_the_header_shows_beats_a_guess_from_the_pages_other_dates():
    # no publication date in the metadata, only a modification's: the header's day
    head = '<meta property="article:modified_time" content="2025-03-08T10:00:00+01:00">'
    assert page_without_article(head, '<p class="date">4. März 2025</p>') == (
        "2025-03-04T00:00:00+00:00"
    )
    # a date in a link near the headline is another page's (a press release's)
    header = '<p class="meta"><a class="publication" href="/pm34">Nr. 34 vom 1. März 2025</a></p>'
    assert page_without_article(head, header) == "2025-03-08T00:00:00+00:00"


def test_a_day_first_date_with_spaces_is_read_day_first():
    assert parse_date("4. 2. 2022").date().isoformat() == "2022-02-04"
    # written month first ("02/04/2022" in the US): stays month first
    assert parse_date("02/04/2022").date().isoformat() == "2022-02-04"


def test_a_short_line_just_after_the_headline_shows_its_date_whatever_its_class():
    head = '<meta property="article:modified_time" content="2025-03-08T10:00:00+01:00">'
    header = '<p class="tw-text-grey">4. März 2025, Mara Quist</p>'
    assert page_without_article(head, header) == "2025-03-04T00:00:00+00:00"
    # a lead paragraph that mentions a day is no dateline
    header = (
        '<p class="lead">Seit dem 1. März 2025 streiken die Fährleute im Hafen, und ein Ende '
        "der Gespräche mit dem Betreiber ist nicht in Sicht.</p>"
    )
    assert page_without_article(head, header) == "2025-03-08T00:00:00+00:00"
