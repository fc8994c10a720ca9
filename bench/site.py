"""A deterministic synthetic news site for the benchmarks.

``generate_site(directory, articles, feeds, base)`` writes ``news/<n>.html`` (30-60 KB
pages shaped like a CMS article: navigation, scripts, JSON-LD, a figure, byline, body,
related links, comments, footer), ``feeds/<f>.xml`` (RSS 2.0 linking every article once)
and ``robots.txt``. The same seed gives the same bytes.
"""

from __future__ import annotations

import html
import json
import random
from pathlib import Path

WORDS = """council harbour bridge election market river school hospital weather train city
report minister budget festival museum library coast storm police court village farmers
energy prices water road archive tuesday officials residents said plans year new local
would could after before during while public service community members meeting""".split()  # noqa: SIM905
NAMES = [
    "Ana Ruiz",
    "Tom Lee",
    "Mira Patel",
    "Jon Berg",
    "Lena Vogt",
    "Sam Okafor",
    "Ivy Chen",
    "Raul Diaz",
]
SECTIONS = ["world", "business", "culture", "science", "sport", "local", "opinion", "travel"]


def _sentence(rng: random.Random, low: int = 8, high: int = 24) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def _chrome(rng: random.Random) -> tuple[str, str]:
    nav = "".join(f"<li><a href='/section/{s}/'>{s.title()}</a></li>" for s in SECTIONS)
    header = (
        "<header class='site-header'><a class='logo' href='/'><img src='/static/logo.png' "
        "alt='The Bench Gazette'></a><nav class='main-nav'><ul>" + nav + "</ul></nav>"
        "<form class='search' action='/search'><input name='q'><button>Search</button></form>"
        "<div class='ad ad-leaderboard' id='ad-top'><script>googletag.display('ad-top')"
        "</script></div></header>"
    )
    links = "".join(
        f"<li><a href='/section/{rng.choice(SECTIONS)}/{rng.randint(1, 9999)}.html'>"
        f"{_sentence(rng, 5, 9)}</a></li>"
        for _ in range(30)
    )
    footer = (
        "<footer class='site-footer'><div class='footer-links'><ul>" + links + "</ul></div>"
        "<div class='newsletter-signup'><p>Get the morning briefing in your inbox.</p>"
        "<form><input type='email'><button>Subscribe</button></form></div>"
        "<p class='copyright'>&copy; The Bench Gazette. All rights reserved.</p></footer>"
    )
    return header, footer


def article_page(n: int, rng: random.Random, size: int, base: str) -> bytes:
    title = _sentence(rng, 5, 10).rstrip(".")
    author = rng.choice(NAMES)
    section = rng.choice(SECTIONS)
    day = 1 + n % 28
    published = f"2026-11-{day:02d}T{8 + n % 12:02d}:{n % 60:02d}:00+01:00"
    url = f"{base}/news/{n}.html"
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": published,
        "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "Organization", "name": "The Bench Gazette"},
        "image": f"{base}/img/{n}.jpg",
        "articleSection": section,
        "mainEntityOfPage": url,
    }
    header, footer = _chrome(rng)
    script = "var dataLayer=[];" + "".join(
        f"dataLayer.push({{'event':'e{i}','value':{rng.randint(0, 10**6)}}});" for i in range(60)
    )
    head = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)} | The Bench Gazette</title>"
        f"<link rel='canonical' href='{url}'>"
        f"<meta property='og:title' content='{html.escape(title, True)}'>"
        "<meta property='og:type' content='article'>"
        f"<meta property='og:image' content='{base}/img/{n}.jpg'>"
        f"<meta name='description' content='{html.escape(_sentence(rng), True)}'>"
        f"<meta property='article:published_time' content='{published}'>"
        "<style>body{font-family:serif;max-width:40em;margin:auto}.ad{min-height:90px}</style>"
        f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
        f"<script>{script}</script>"
        "<script async src='/static/analytics.js'></script></head><body>"
    )
    top = (
        header + f"<main><article class='story'><p class='kicker'>{section.title()}</p>"
        f"<h1>{html.escape(title)}</h1><p class='byline'>By {author} "
        f"<time datetime='{published}'>{day} November 2026</time></p>"
        f"<figure><img src='/img/{n}.jpg' alt='Scene'><figcaption>{_sentence(rng)} "
        "Photo: Staff</figcaption></figure><div class='story-body'>"
    )
    tail_related = "".join(
        f"<li><a href='/news/{rng.randint(0, 99999)}.html'>{_sentence(rng, 5, 9)}</a></li>"
        for _ in range(8)
    )
    comments = "".join(
        f"<li class='comment'><b>{rng.choice(NAMES)}</b><p>{_sentence(rng)}</p></li>"
        for _ in range(6)
    )
    bottom = (
        "</div><div class='share-tools'><a href='#'>Share</a> <a href='#'>Tweet</a></div>"
        "</article><aside class='related'><h2>Related</h2><ul>" + tail_related + "</ul></aside>"
        "<section class='comments'><h2>Comments</h2><ul>"
        + comments
        + "</ul></section></main>"
        + footer
        + "</body></html>"
    )
    parts = [head, top]
    length = len(head) + len(top) + len(bottom)
    while length < size:
        p = f"<p>{_paragraph(rng)}</p>\n"
        if rng.random() < 0.08:
            p += "<div class='ad ad-inline'><script>googletag.display('x')</script></div>"
        parts.append(p)
        length += len(p)
    parts.append(bottom)
    return "".join(parts).encode()


def feed_xml(numbers: range, base: str, index: int) -> str:
    items = "".join(
        f"<item><title>Article {n}</title><link>{base}/news/{n}.html</link>"
        f"<guid isPermaLink='false'>bench-{n}</guid>"
        f"<pubDate>Sun, {1 + n % 28:02d} Nov 2026 08:00:00 +0100</pubDate></item>"
        for n in numbers
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Feed {index}</title><link>{base}/</link><description>bench</description>"
        f"{items}</channel></rss>"
    )


def generate_site(directory: Path, articles: int, feeds: int, base: str, seed: int = 7) -> None:
    """Write the site under ``directory``; links in feeds point at ``base`` (no trailing /)."""
    rng = random.Random(seed)
    (directory / "news").mkdir(parents=True, exist_ok=True)
    (directory / "feeds").mkdir(exist_ok=True)
    for n in range(articles):
        page = article_page(n, rng, rng.randint(30_000, 60_000), base)
        (directory / "news" / f"{n}.html").write_bytes(page)
    per_feed = -(-articles // feeds)
    for f in range(feeds):
        numbers = range(f * per_feed, min(articles, (f + 1) * per_feed))
        (directory / "feeds" / f"{f}.xml").write_text(feed_xml(numbers, base, f), "utf-8")
    (directory / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")


def article_urls(base: str, articles: int) -> list[str]:
    return [f"{base}/news/{n}.html" for n in range(articles)]
