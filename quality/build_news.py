# ruff: noqa: E501  (HTML templates read better unwrapped)
"""Build the in-repo news test set: article sources -> realistic CMS pages + ground truth.

The article prose in ``quality/news_src/*.txt`` is fictional and written for newscrawl.
Each article is rendered into the page layout it names (WordPress, Drupal, Arc-style SSR,
Ghost, Substack-like, Next.js, a live blog, a gallery, a paywall teaser, an old table
layout, ...), wrapped in the boilerplate such CMSs emit: navigation, ads, share bars,
related links, newsletter boxes, cookie banners, comments, footers and scripts. The
ground truth (``quality/news/<slug>.json``) is the article's own text and metadata, taken
from the source, not from the rendered page.

Source format, one article per ``@@ slug`` block::

    @@ slug
    layout: wordpress
    lang: en
    title: Headline with &#8211; entities allowed
    authors: Jane Doe; Tom Lee
    date: 2025-03-04T09:15:00+01:00
    section: Politics
    tags: housing, city council
    ---
    P paragraph text, may hold [a link](https://example.org/x) and *emphasis*
    H heading (h2)
    LI unordered list item     OL ordered list item
    Q blockquote               TR cell | cell | cell (first TR is the header row)
    IMG caption of an image (captions are not body text in the ground truth)
    TIME 10:42 (live blog: starts a new entry)

Run ``python quality/build_news.py`` after editing a source; the output is committed.
"""

from __future__ import annotations

import html
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "news_src"
OUTPUT = HERE / "news"

_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_EM = re.compile(r"\*([^*]+)\*")


@dataclass
class Block:
    kind: str
    text: str


@dataclass
class Source:
    slug: str
    meta: dict[str, str]
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        return html.unescape(self.meta["title"])

    @property
    def authors(self) -> list[str]:
        return [a.strip() for a in self.meta.get("authors", "").split(";") if a.strip()]

    @property
    def tags(self) -> list[str]:
        return [t.strip() for t in self.meta.get("tags", "").split(",") if t.strip()]


def parse_sources(text: str) -> list[Source]:
    sources = []
    for chunk in text.split("@@ ")[1:]:
        head, _, body = chunk.partition("\n---\n")
        lines = head.strip().splitlines()
        source = Source(lines[0].strip(), {})
        for line in lines[1:]:
            key, _, value = line.partition(":")
            source.meta[key.strip()] = value.strip()
        for line in body.strip().splitlines():
            line = line.strip()
            if line:
                kind, _, rest = line.partition(" ")
                source.blocks.append(Block(kind, rest.strip()))
        sources.append(source)
    return sources


def inline_html(text: str) -> str:
    """Source inline markup to HTML: links and emphasis."""
    out = html.escape(text, quote=False)
    out = _LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', out)
    return _EM.sub(r"<em>\1</em>", out)


def plain(text: str) -> str:
    return _EM.sub(r"\1", _LINK.sub(r"\1", text))


def truth_text(source: Source) -> str:
    """The body as text: every block but image captions and live-blog timestamps."""
    lines = []
    for block in source.blocks:
        if block.kind in ("IMG", "TIME"):
            continue
        if block.kind == "TR":
            lines.append(" ".join(c.strip() for c in plain(block.text).split("|")))
        else:
            lines.append(plain(block.text))
    return "\n".join(lines)


# ---------------------------------------------------------------- body markup per CMS


def body_blocks(source: Source, rng: random.Random, style: str) -> list[str]:
    """The article blocks as HTML in a CMS's idiom (class names, wrappers, figure markup)."""
    out: list[str] = []
    pending_list: list[str] = []
    list_tag = "ul"
    table_rows: list[list[str]] = []

    def flush() -> None:
        nonlocal pending_list, table_rows
        if pending_list:
            cls = ' class="wp-block-list"' if style == "wordpress" else ""
            out.append(f"<{list_tag}{cls}>" + "".join(pending_list) + f"</{list_tag}>")
            pending_list = []
        if table_rows:
            head, *rows = table_rows
            parts = ["<thead><tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr></thead>"]
            parts.append(
                "<tbody>"
                + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
                + "</tbody>"
            )
            table = "<table>" + "".join(parts) + "</table>"
            if style == "wordpress":
                table = f'<figure class="wp-block-table">{table}</figure>'
            elif style == "drupal":
                table = f'<div class="table-responsive">{table}</div>'
            out.append(table)
            table_rows = []

    image_no = 0
    for block in source.blocks:
        kind, text = block.kind, block.text
        if (kind not in ("LI", "OL") and pending_list) or (kind != "TR" and table_rows):
            flush()
        if kind == "P":
            out.append(paragraph(inline_html(text), style))
        elif kind == "H":
            out.append(heading(inline_html(text), style))
        elif kind in ("LI", "OL"):
            list_tag = "ul" if kind == "LI" else "ol"
            pending_list.append(f"<li>{inline_html(text)}</li>")
        elif kind == "Q":
            out.append(quote(inline_html(text), style))
        elif kind == "TR":
            table_rows.append([inline_html(c.strip()) for c in text.split("|")])
        elif kind == "IMG":
            image_no += 1
            out.append(figure(source, text, image_no, style, rng))
        if kind == "P" and rng.random() < 0.12 and style not in ("substack", "ghost"):
            out.append(inline_promo(rng, style))
        paragraphs_so_far = sum(1 for b in out if b.startswith("<p"))
        if kind == "P" and paragraphs_so_far == 4 and style in ("wordpress", "nextjs"):
            # newsletter plugins and CMS components drop a sign-up box inside the body
            out.append(
                '<div class="newsletter-inline"><p class="newsletter-inline__title">'
                f"{rng.choice(NEWSLETTER)}</p><p>It is free, and you can unsubscribe at any "
                'time.</p><form action="/subscribe"><input type="email" name="email">'
                "<button>Sign up</button></form></div>"
            )
        if kind == "P" and paragraphs_so_far == 2 and style in ("arc", "ghost", "nextjs"):
            # a pull quote repeats a sentence of the article in large type
            sentence = plain(text).split(". ")[0].rstrip(".")
            out.append(
                f'<aside class="pullquote" aria-hidden="true"><p>{html.escape(sentence)}</p></aside>'
            )
        if kind == "P" and paragraphs_so_far == 5 and style == "wordpress":
            # Jetpack-style inline related posts in the middle of the content
            items = "".join(
                f'<li><a href="/{slugify(h)}/">{h}</a></li>' for h in rng.sample(TEASERS, 3)
            )
            out.append(
                '<div class="wp-block-jetpack-related-posts"><h3>Related coverage</h3>'
                f"<ul>{items}</ul></div>"
            )
        if kind == "P" and paragraphs_so_far == 3 and style == "drupal":
            # editors paste "read also" lines into the body field itself
            headline = rng.choice(TEASERS)
            out.append(
                f'<p><strong>Read also:</strong> <a href="/news/{slugify(headline)}">'
                f"{headline}</a></p>"
            )
    flush()
    if style == "wordpress" and source.authors:
        author = source.authors[0]
        out.append(
            '<div class="author-box"><img src="/avatars/a.jpg" alt="" class="avatar">'
            f'<div class="author-box__text"><p class="author-box__name">About {author}</p>'
            f"<p>{author} has reported for the paper since 2016, covering local government, "
            "housing and the courts. Send tips and story ideas by email.</p></div></div>"
        )
    return out


def paragraph(inner: str, style: str) -> str:
    if style == "arc":
        return f'<p class="c-paragraph" data-el="text">{inner}</p>'
    if style == "nextjs":
        return f'<p class="ArticleBody_paragraph__x7Qa1" data-testid="paragraph">{inner}</p>'
    if style == "drupal":
        return f"<p>{inner}</p>"
    return f"<p>{inner}</p>"


def heading(inner: str, style: str) -> str:
    if style == "wordpress":
        return f'<h2 class="wp-block-heading">{inner}</h2>'
    if style == "arc":
        return f'<h2 class="c-heading b-article-body__subheadline">{inner}</h2>'
    return f"<h2>{inner}</h2>"


def quote(inner: str, style: str) -> str:
    if style == "wordpress":
        return f'<blockquote class="wp-block-quote"><p>{inner}</p></blockquote>'
    if style == "ghost":
        return f'<blockquote class="kg-blockquote-alt">{inner}</blockquote>'
    return f"<blockquote><p>{inner}</p></blockquote>"


def figure(source: Source, caption: str, number: int, style: str, rng: random.Random) -> str:
    src = f"/media/{source.slug}-{number}.jpg"
    credit = rng.choice(CREDITS)
    cap = html.escape(caption)
    if style == "wordpress":
        return (
            f'<figure class="wp-block-image size-large"><img decoding="async" width="1024" '
            f'height="683" src="{src}" alt="" class="wp-image-{4000 + number}" '
            f'srcset="{src} 1024w, {src}?w=300 300w" sizes="(max-width: 1024px) 100vw, 1024px">'
            f'<figcaption class="wp-element-caption">{cap} <span class="credit">{credit}</span>'
            "</figcaption></figure>"
        )
    if style == "ghost":
        return (
            f'<figure class="kg-card kg-image-card kg-card-hascaption"><img src="{src}" '
            f'class="kg-image" alt="" loading="lazy" width="2000" height="1333">'
            f"<figcaption><span>{cap}</span></figcaption></figure>"
        )
    if style == "arc":
        return (
            f'<figure class="c-media-item"><div class="c-media-item__image-wrap">'
            f'<img alt="{cap}" class="c-image" loading="lazy" src="{src}"></div>'
            f'<figcaption class="c-media-item__fig-caption"><span class="c-media-item__caption">'
            f'{cap}</span> <span class="c-media-item__credit">{credit}</span></figcaption></figure>'
        )
    return (
        f'<figure class="image"><img src="{src}" alt="{cap}">'
        f"<figcaption>{cap} <small>{credit}</small></figcaption></figure>"
    )


def inline_promo(rng: random.Random, style: str) -> str:
    headline = rng.choice(TEASERS)
    if style == "arc":
        return (
            '<div class="c-interstitial-link"><span class="c-interstitial-link__label">'
            f'READ MORE:</span> <a href="/news/{slugify(headline)}/">{headline}</a></div>'
        )
    if style == "wordpress":
        return (
            '<div class="code-block code-block-3" style="margin: 8px auto; text-align: center;">'
            '<div class="ad-slot" data-ad="incontent"><span class="ad-label">Advertisement'
            "</span></div></div>"
        )
    return (
        f'<aside class="related-inline"><strong>Also read</strong> '
        f'<a href="/{slugify(headline)}">{headline}</a></aside>'
    )


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


# ---------------------------------------------------------------- boilerplate pools

TEASERS = [
    "Council delays vote on riverside housing plan for a third time",
    "Five things to know before the new parking rules start on Monday",
    "Why the old grain terminal could become the city's next concert hall",
    "Storm leaves thousands without power across the northern valleys",
    "Local bakery wins national award for its rye sourdough",
    "School board weighs four-day week as teacher shortage deepens",
    "Opinion: The bus network needs a rethink, not another study",
    "Transit authority names interim chief after sudden resignation",
    "How a volunteer crew rebuilt the flooded community library",
    "Hospital waiting times fall for the first time in two years",
    "Police appeal for witnesses after late-night collision on Harbour Road",
    "The quiet comeback of the neighbourhood cinema",
    "Farmers brace for a dry summer as reservoirs sit half full",
    "Tech start-up moves headquarters to the former post office",
    "Weekend guide: markets, music and a marathon",
    "University researchers map the city's hottest streets",
    "Residents split over plan to pedestrianise Market Square",
    "Watchdog criticises delays in building safety inspections",
    "Ferry operator adds winter sailings after record summer",
    "Housing costs push young families out of the old town",
]
COMMENTS = [
    "Been saying this for years. Nobody at the council listens until it is too late.",
    "Does anyone know whether the changes apply to the east side as well?",
    "Good reporting. Would be great to see the full document linked.",
    "I live two streets away and nobody asked us anything.",
    "This is exactly the kind of thing local news is for. Thank you.",
    "The numbers in the third paragraph don't add up to me.",
    "My neighbour works there and says the real story is very different.",
    "Finally some progress. Let's see if it lasts past the election.",
]
COMMENTERS = ["maria_k", "TomFromTheHill", "R. Okafor", "bluebird88", "Jens P.", "oldtowner"]
CREDITS = ["Photo: Staff", "Photo: A. Meyer / Agency", "Image: Handout", "Photo: L. Brandt"]
NEWSLETTER = [
    "Get the morning briefing: the five stories you need, in your inbox by 7am.",
    "Sign up for our free newsletter and never miss a story from your neighbourhood.",
    "The Weekender: long reads, recipes and what to do, every Saturday.",
]
COOKIE = (
    "We use cookies and similar technologies to personalise content and ads, to provide "
    "social media features and to analyse our traffic. By clicking Accept you agree to this."
)


def related_list(rng: random.Random, n: int = 4, cls: str = "related") -> str:
    items = "".join(
        f'<li><a href="/news/{slugify(h)}/">{h}</a></li>' for h in rng.sample(TEASERS, n)
    )
    return f'<section class="{cls}"><h3>More stories</h3><ul>{items}</ul></section>'


def comment_section(rng: random.Random, n: int = 3) -> str:
    items = []
    for i in range(n):
        who = rng.choice(COMMENTERS)
        text = rng.choice(COMMENTS)
        items.append(
            f'<li class="comment" id="comment-{1200 + i}"><article class="comment-body">'
            f'<footer class="comment-meta"><b class="fn">{who}</b> '
            f'<time datetime="2025-01-0{i + 1}T10:00:00+00:00">{i + 2} hours ago</time></footer>'
            f'<div class="comment-content"><p>{text}</p></div>'
            '<div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div>'
            "</article></li>"
        )
    return (
        f'<div id="comments" class="comments-area"><h2 class="comments-title">{n} thoughts on '
        f'this story</h2><ol class="comment-list">{"".join(items)}</ol>'
        '<div id="respond"><h3>Leave a reply</h3><form action="/wp-comments-post.php" '
        'method="post"><textarea name="comment"></textarea><input type="submit" value="Post">'
        "</form></div></div>"
    )


def nav(site: str, sections: list[str]) -> str:
    links = "".join(f'<li><a href="/{slugify(s)}/">{s}</a></li>' for s in sections)
    return f'<nav class="main-navigation" aria-label="Main"><ul class="menu">{links}</ul></nav>'


def footer(site: str, year: int = 2025) -> str:
    return (
        '<footer class="site-footer"><div class="footer-widgets"><ul>'
        '<li><a href="/about/">About us</a></li><li><a href="/contact/">Contact</a></li>'
        '<li><a href="/privacy/">Privacy policy</a></li><li><a href="/terms/">Terms of use</a>'
        '</li><li><a href="/advertise/">Advertise with us</a></li></ul></div>'
        f'<p class="copyright">&copy; {year} {html.escape(site)}. All rights reserved.</p>'
        "</footer>"
    )


def scripts(rng: random.Random) -> str:
    return (
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
        f"gtag('js',new Date());gtag('config','G-{rng.randint(10**7, 10**8)}');</script>"
        '<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>'
        "<script>var googletag=googletag||{cmd:[]};googletag.cmd.push(function(){"
        "googletag.defineSlot('/1234/news/article',[300,250],'ad-rail').addService("
        "googletag.pubads());googletag.enableServices();});</script>"
    )


def cookie_banner() -> str:
    return (
        '<div id="cookie-consent" class="cmp-banner" role="dialog"><p>'
        + COOKIE
        + '</p><button class="accept">Accept all</button><button class="reject">Reject</button>'
        '<a href="/privacy/">Manage preferences</a></div>'
    )


def share_bar(url: str) -> str:
    return (
        '<div class="share-bar"><span>Share this:</span>'
        f'<a class="share-facebook" href="https://www.facebook.com/sharer.php?u={url}">Facebook</a>'
        f'<a class="share-x" href="https://x.com/intent/post?url={url}">X</a>'
        f'<a class="share-email" href="mailto:?subject=Read&amp;body={url}">Email</a>'
        '<button class="copy-link">Copy link</button></div>'
    )


def newsletter_box(rng: random.Random) -> str:
    return (
        '<div class="newsletter-signup"><h4>Newsletter</h4>'
        f"<p>{rng.choice(NEWSLETTER)}</p>"
        '<form action="/subscribe" method="post"><input type="email" name="email" '
        'placeholder="Your email"><button>Sign up</button></form></div>'
    )


def ad(slot: str) -> str:
    return (
        f'<div class="ad-container" id="ad-{slot}"><div class="ad-label">Advertisement</div>'
        f'<div id="div-gpt-ad-{slot}" style="min-height:250px"></div></div>'
    )


def trending(rng: random.Random) -> str:
    items = "".join(
        f'<li><span class="rank">{i + 1}</span><a href="/news/{slugify(h)}/">{h}</a></li>'
        for i, h in enumerate(rng.sample(TEASERS, 5))
    )
    return f'<aside class="widget most-read"><h3 class="widget-title">Most read</h3><ol>{items}</ol></aside>'


# ---------------------------------------------------------------- metadata markup


def human_date(iso: str, lang: str) -> str:
    from datetime import datetime

    dt = datetime.fromisoformat(iso)
    months = {
        "en": "January February March April May June July August September October November December",
        "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
        "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    }[lang if lang in ("en", "de", "fr", "es") else "en"].split()
    if lang == "en":
        return f"{months[dt.month - 1]} {dt.day}, {dt.year} {dt:%H:%M}"
    if lang == "de":
        return f"{dt.day}. {months[dt.month - 1]} {dt.year}, {dt:%H:%M} Uhr"
    return (
        f"{dt.day} {months[dt.month - 1]} {dt.year} à {dt:%H:%M}"
        if lang == "fr"
        else (f"{dt.day} de {months[dt.month - 1]} de {dt.year}, {dt:%H:%M}")
    )


def byline_text(authors: list[str], lang: str) -> str:
    by = {"de": "Von", "fr": "Par", "es": "Por"}.get(lang, "By")
    joiner = {"de": " und ", "fr": " et ", "es": " y "}.get(lang, " and ")
    if len(authors) <= 2:
        return f"{by} " + joiner.join(authors)
    return f"{by} " + ", ".join(authors[:-1]) + joiner + authors[-1]


def jsonld(source: Source, url: str, site: str, kind: str = "NewsArticle", **extra: object) -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": kind,
        "headline": source.title,
        "datePublished": source.meta["date"],
        "dateModified": source.meta.get("modified", source.meta["date"]),
        "author": [{"@type": "Person", "name": a} for a in source.authors],
        "publisher": {
            "@type": "Organization",
            "name": site,
            "logo": {"@type": "ImageObject", "url": f"https://{host(source)}/logo.png"},
        },
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "image": [f"https://{host(source)}/media/{source.slug}-1.jpg"],
        "articleSection": source.meta.get("section", ""),
        "keywords": source.tags,
        "inLanguage": source.meta.get("lang", "en"),
    }
    data.update(extra)
    return (
        '<script type="application/ld+json">'
        + json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
        + "</script>"
    )


def host(source: Source) -> str:
    return source.meta.get("host", "news.example")


def og_meta(source: Source, url: str, site: str, title_suffix: bool = False) -> str:
    title = source.meta["title"] + (f" | {site}" if title_suffix else "")
    desc = html.escape(plain(first_paragraph(source))[:180])
    tags = "".join(f'<meta property="article:tag" content="{html.escape(t)}">' for t in source.tags)
    return (
        f'<meta property="og:type" content="article"><meta property="og:title" content="{title}">'
        f'<meta property="og:description" content="{desc}"><meta property="og:url" content="{url}">'
        f'<meta property="og:site_name" content="{html.escape(site)}">'
        f'<meta property="og:image" content="/media/{source.slug}-1.jpg">'
        f'<meta property="article:published_time" content="{source.meta["date"]}">'
        f'<meta property="article:section" content="{html.escape(source.meta.get("section", ""))}">'
        + tags
        + f'<meta name="description" content="{desc}">'
        + '<meta name="twitter:card" content="summary_large_image">'
    )


def first_paragraph(source: Source) -> str:
    return next((b.text for b in source.blocks if b.kind == "P"), "")


def head(source: Source, title: str, extra: str) -> str:
    lang = source.meta.get("lang", "en")
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title>{extra}"
        '<link rel="stylesheet" href="/assets/main.css"><style>.ad-container{margin:1em 0}'
        ".sr-only{position:absolute;width:1px;height:1px}</style></head>"
    )


# ---------------------------------------------------------------- layouts


def layout_wordpress(s: Source, rng: random.Random) -> str:
    site = s.meta.get("site", "The Riverside Courier")
    url = f"https://{host(s)}/{s.meta['date'][:10].replace('-', '/')}/{s.slug}/"
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Article",
                "@id": url + "#article",
                "isPartOf": {"@id": url},
                "author": [
                    {"@id": f"https://{host(s)}/#/schema/person/{i}"} for i in range(len(s.authors))
                ],
                "headline": s.title,
                "datePublished": s.meta["date"],
                "dateModified": s.meta.get("modified", s.meta["date"]),
                "mainEntityOfPage": {"@id": url},
                "publisher": {"@id": f"https://{host(s)}/#organization"},
                "keywords": s.tags,
                "articleSection": [s.meta.get("section", "News")],
                "inLanguage": s.meta.get("lang", "en-US"),
            },
            {"@type": "WebPage", "@id": url, "url": url, "name": s.title + " - " + site},
            {"@type": "Organization", "@id": f"https://{host(s)}/#organization", "name": site},
        ]
        + [
            {"@type": "Person", "@id": f"https://{host(s)}/#/schema/person/{i}", "name": a}
            for i, a in enumerate(s.authors)
        ],
    }
    ld = (
        '<script type="application/ld+json" class="yoast-schema-graph">'
        + json.dumps(graph, ensure_ascii=False)
        + "</script>"
    )
    body = "".join(body_blocks(s, rng, "wordpress"))
    cats = "".join(
        f'<a href="/category/{slugify(t)}/" rel="category tag">{t}</a>, ' for t in s.tags
    )
    return (
        head(s, f"{s.meta['title']} &#8211; {site}", og_meta(s, url, site) + ld)
        + f'<body class="post-template-default single single-post postid-{rng.randint(100, 9999)}">'
        + cookie_banner()
        + '<div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">'
        "Skip to content</a>"
        + f'<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title">'
        f'<a href="/" rel="home">{site}</a></p><p class="site-description">News for the valley since 1921</p></div>'
        + nav(site, ["News", "Politics", "Business", "Sport", "Culture", "Opinion"])
        + "</header>"
        + ad("leaderboard")
        + '<div id="content" class="site-content"><div id="primary" class="content-area">'
        '<main id="main" class="site-main">'
        f'<article id="post-{rng.randint(100, 9999)}" class="post type-post status-publish format-standard has-post-thumbnail">'
        '<header class="entry-header">'
        f'<span class="cat-links"><a href="/category/{slugify(s.meta.get("section", "news"))}/">{s.meta.get("section", "News")}</a></span>'
        f'<h1 class="entry-title">{s.meta["title"]}</h1>'
        f'<div class="entry-meta"><span class="posted-on"><time class="entry-date published" '
        f'datetime="{s.meta["date"]}">{human_date(s.meta["date"], s.meta.get("lang", "en"))}</time></span> '
        f'<span class="byline"> by <span class="author vcard">'
        + ", ".join(f'<a class="url fn n" href="/author/{slugify(a)}/">{a}</a>' for a in s.authors)
        + "</span></span></div></header>"
        f'<div class="post-thumbnail"><img src="/media/{s.slug}-hero.jpg" alt=""></div>'
        + f'<div class="entry-content">{body}'
        + share_bar(url)
        + '<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">'
        "<em>Related</em></h3>"
        + "".join(
            f'<div class="jp-relatedposts-post"><h4><a href="/{slugify(h)}/">{h}</a></h4>'
            f'<p class="jp-relatedposts-post-context">In &quot;News&quot;</p></div>'
            for h in rng.sample(TEASERS, 3)
        )
        + "</div></div>"
        + f'<footer class="entry-footer"><span class="cat-links">Posted in {cats}</span></footer>'
        + "</article>"
        + '<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous">'
        f'<a href="/prev/" rel="prev">{rng.choice(TEASERS)}</a></div><div class="nav-next">'
        f'<a href="/next/" rel="next">{rng.choice(TEASERS)}</a></div></div></nav>'
        + comment_section(rng, rng.randint(2, 4))
        + '</main></div><aside id="secondary" class="widget-area">'
        + trending(rng)
        + newsletter_box(rng)
        + ad("sidebar")
        + "</aside></div>"
        + footer(site)
        + "</div>"
        + scripts(rng)
        + "</body></html>"
    )


def layout_drupal(s: Source, rng: random.Random) -> str:
    site = s.meta.get("site", "Northgate Gazette")
    url = f"https://{host(s)}/{slugify(s.meta.get('section', 'news'))}/{s.slug}"
    lang = s.meta.get("lang", "en")
    dc = (
        f'<meta name="dcterms.title" content="{s.meta["title"]}">'
        f'<meta name="dcterms.creator" content="{"; ".join(s.authors)}">'
        f'<meta name="dcterms.date" content="{s.meta["date"][:10]}">'
        f'<meta name="dcterms.created" content="{s.meta["date"]}">'
        f'<link rel="canonical" href="{url}">'
        f'<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">'
        f'<meta name="keywords" content="{", ".join(s.tags)}">'
    )
    body = "".join(body_blocks(s, rng, "drupal"))
    tags = "".join(
        f'<div class="field__item"><a href="/taxonomy/term/{rng.randint(1, 900)}" hreflang="{lang}">{t}</a></div>'
        for t in s.tags
    )
    return (
        head(s, f"{s.meta['title']} | {site}", dc + og_meta(s, url, site, title_suffix=True))
        + '<body class="path-node page-node-type-article">'
        '<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>'
        '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>'
        '<div class="layout-container"><header role="banner"><div class="region region-header">'
        f'<div id="block-sitebranding" class="block block-system"><a href="/" rel="home">{site}</a></div>'
        + "</div>"
        + '<div class="region region-primary-menu">'
        + nav(site, ["Home", "Local", "Region", "Economy", "Sports", "Events", "Letters"])
        + "</div></header>"
        '<div class="region region-breadcrumb"><nav class="breadcrumb" aria-labelledby="system-breadcrumb">'
        f'<ol><li><a href="/">Home</a></li><li><a href="/{slugify(s.meta.get("section", "news"))}">'
        f"{s.meta.get('section', 'News')}</a></li></ol></nav></div>"
        '<main role="main"><a id="main-content" tabindex="-1"></a><div class="layout-content">'
        '<div class="region region-content"><div id="block-mainpagecontent" class="block block-system block-system-main-block">'
        f'<article role="article" about="/node/{rng.randint(1000, 99999)}" class="node node--type-article node--view-mode-full">'
        f'<h1 class="page-title"><span class="field field--name-title">{s.meta["title"]}</span></h1>'
        '<footer class="node__meta"><div class="node__submitted">'
        f'<span class="field field--name-uid"><span lang="" typeof="schema:Person">{", ".join(s.authors)}</span></span>, '
        f'<span class="field field--name-created">{human_date(s.meta["date"], lang)}</span></div></footer>'
        '<div class="node__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">'
        + body
        + '</div><div class="field field--name-field-tags field--type-entity-reference field--label-above">'
        '<div class="field__label">Tags</div><div class="field__items">'
        + tags
        + "</div></div></div></article></div>"
        + '<div class="views-element-container block block-views">'
        + related_list(rng, 5, "view view-related-content")
        + "</div></div></div>"
        + '<aside class="layout-sidebar-second" role="complementary">'
        + trending(rng)
        + ad("sidebar")
        + "</aside></main>"
        + footer(site)
        + "</div></div>"
        + scripts(rng)
        + "</body></html>"
    )


def layout_arc(s: Source, rng: random.Random) -> str:
    site = s.meta.get("site", "Metro Ledger")
    url = f"https://{host(s)}/{slugify(s.meta.get('section', 'news'))}/{s.meta['date'][:10].replace('-', '/')}/{s.slug}/"
    blocks = body_blocks(s, rng, "arc")
    content_elements = [
        {"_id": f"{rng.getrandbits(40):X}", "type": "text", "content": plain(b.text)}
        for b in s.blocks
        if b.kind == "P"
    ]
    fusion = {
        "globalContent": {
            "_id": f"{rng.getrandbits(64):X}",
            "headlines": {"basic": s.title},
            "credits": {"by": [{"name": a, "type": "author"} for a in s.authors]},
            "display_date": s.meta["date"],
            "content_elements": content_elements[:3],
            "taxonomy": {"tags": [{"text": t} for t in s.tags]},
        }
    }
    ld = jsonld(s, url, site)
    body = "".join(
        f'<div class="b-article-body__item">{b}</div>' if i % 2 == 0 else b
        for i, b in enumerate(blocks)
    )
    mid = len(body) // 2
    cut = body.find("</p>", mid)
    if cut > 0:
        body = body[: cut + 4] + ad("midarticle") + body[cut + 4 :]
    return (
        head(
            s,
            f"{s.meta['title']} – {site}",
            og_meta(s, url, site) + ld + f'<link rel="canonical" href="{url}">',
        )
        + '<body><div id="fusion-app" class="layout-section">'
        + '<header class="c-header"><div class="c-header__logo"><a href="/">'
        + site
        + "</a></div>"
        + nav(site, ["Local", "Nation", "World", "Business", "Sports", "Weather", "Subscribe"])
        + '<div class="c-header__alert"><a href="/live/">LIVE: Weekend traffic updates</a></div></header>'
        + ad("top")
        + '<div class="b-article"><div class="b-article__header">'
        f'<div class="c-overline"><a href="/{slugify(s.meta.get("section", "news"))}/">{s.meta.get("section", "News")}</a></div>'
        f'<h1 class="c-heading b-headline">{s.meta["title"]}</h1>'
        f'<div class="c-attribution"><span class="c-attribution__by">{byline_text(s.authors, s.meta.get("lang", "en"))}</span>'
        f'<time class="c-date" datetime="{s.meta["date"]}">Published {human_date(s.meta["date"], "en")}</time></div>'
        + share_bar(url)
        + '</div><div class="b-article-body">'
        + body
        + "</div>"
        + '<div class="c-author-bio">'
        + "".join(
            f"<p><b>{a}</b> covers {s.meta.get('section', 'news').lower()} for the {site}. "
            f'Reach them at <a href="mailto:{slugify(a)}@{host(s)}">{slugify(a)}@{host(s)}</a>.</p>'
            for a in s.authors
        )
        + "</div>"
        + '<div class="c-tags">'
        + "".join(f'<a class="c-tag" href="/tags/{slugify(t)}/">{t}</a>' for t in s.tags)
        + "</div></div>"
        + related_list(rng, 4, "b-more-from")
        + '<div class="b-taboola"><h3>Sponsored stories</h3><ul>'
        + "".join(
            f"<li><a href='https://ads.example/x{i}'>You won't believe what this {w} does</a></li>"
            for i, w in enumerate(["doctor", "gadget", "village"])
        )
        + "</ul></div>"
        + footer(site)
        + "</div>"
        + '<script id="fusion-metadata" type="application/javascript">window.Fusion=window.Fusion||{};'
        + "Fusion.globalContent="
        + json.dumps(fusion["globalContent"], ensure_ascii=False).replace("</", "<\\/")
        + ";</script>"
        + scripts(rng)
        + "</body></html>"
    )


def layout_ghost(s: Source, rng: random.Random) -> str:
    site = s.meta.get("site", "Field Notes")
    url = f"https://{host(s)}/{s.slug}/"
    ld = jsonld(s, url, site, kind="Article")
    body = "".join(body_blocks(s, rng, "ghost"))
    tag = s.tags[0] if s.tags else "News"
    return (
        head(
            s,
            s.meta["title"],
            og_meta(s, url, site) + ld + f'<link rel="canonical" href="{url}">'
            '<meta name="generator" content="Ghost 5.82">',
        )
        + '<body class="post-template tag-news"><div class="viewport">'
        '<header id="gh-head" class="gh-head outer"><div class="gh-head-inner inner">'
        f'<a class="gh-head-logo" href="/">{site}</a>'
        + nav(site, ["Home", "Archive", "About", "Membership"])
        + '<div class="gh-head-actions"><a href="#/portal/signin">Sign in</a>'
        '<a class="gh-head-button" href="#/portal/signup">Subscribe</a></div></div></header>'
        '<div class="site-content"><main id="site-main" class="site-main">'
        '<article class="article post tag-news">'
        f'<header class="article-header gh-canvas"><div class="article-tag post-card-tags">'
        f'<span class="post-card-primary-tag"><a href="/tag/{slugify(tag)}/">{tag}</a></span></div>'
        f'<h1 class="article-title">{s.meta["title"]}</h1>'
        f'<p class="article-excerpt">{html.escape(plain(first_paragraph(s))[:120])}…</p>'
        '<div class="article-byline"><div class="article-byline-content"><ul class="author-list">'
        + "".join(
            f'<li class="author-list-item"><a href="/author/{slugify(a)}/" class="author-avatar">'
            f'<img class="author-profile-image" src="/content/images/{slugify(a)}.jpg" alt="{a}"></a></li>'
            for a in s.authors
        )
        + '</ul><div class="article-byline-meta"><h4 class="author-name">'
        + ", ".join(f'<a href="/author/{slugify(a)}/">{a}</a>' for a in s.authors)
        + f'</h4><div class="byline-meta-content"><time class="byline-meta-date" datetime="{s.meta["date"][:10]}">'
        f'{human_date(s.meta["date"], "en")[:-6]}</time><span class="byline-reading-time">'
        f'<span class="bull">&bull;</span> {max(1, len(truth_text(s).split()) // 230)} min read</span>'
        "</div></div></div></div></header>"
        '<section class="gh-content gh-canvas">'
        + body
        + "</section></article>"
        + '<section class="footer-cta outer"><div class="inner"><h2 class="footer-cta-title">'
        "Sign up for more like this.</h2>"
        '<a class="footer-cta-button" href="#/portal"><div class="footer-cta-input">Enter your email</div>'
        "<span>Subscribe</span></a></div></section>"
        '<aside class="read-more-wrap outer"><div class="read-more inner">'
        + "".join(
            f'<article class="post-card"><a class="post-card-image-link" href="/{slugify(h)}/">'
            f'<img class="post-card-image" src="/content/images/{i}.jpg" alt="{h}"></a>'
            f'<div class="post-card-content"><h2 class="post-card-title">{h}</h2>'
            f'<div class="post-card-excerpt">{rng.choice(NEWSLETTER)}</div></div></article>'
            for i, h in enumerate(rng.sample(TEASERS, 3))
        )
        + "</div></aside></main></div>"
        + f'<footer class="site-footer outer"><div class="inner"><section class="copyright">'
        f'<a href="/">{site}</a> &copy; 2025</section><div class="gh-powered-by">'
        '<a href="https://ghost.org/" target="_blank" rel="noopener">Powered by Ghost</a></div></div></footer>'
        + "</div>"
        + '<script src="/assets/built/casper.js?v=1"></script>'
        + "</body></html>"
    )


def layout_substack(s: Source, rng: random.Random) -> str:
    site = s.meta.get("site", "The Ledger Letter")
    url = f"https://{host(s)}/p/{s.slug}"
    ld = jsonld(s, url, site)
    body = "".join(body_blocks(s, rng, "substack"))
    # Substack-like pages put a subscribe widget in the middle of the post
    cut = body.find("</p>", len(body) // 3)
    widget = (
        '<div class="subscription-widget-wrap"><div class="subscription-widget show-subscribe">'
        f'<div class="preamble"><p class="cta-caption">{site} is a reader-supported publication. '
        "To receive new posts and support my work, consider becoming a free or paid subscriber.</p>"
        '</div><form class="subscription-widget-subscribe"><input type="email" name="email" '
        'placeholder="Type your email…"><input type="submit" value="Subscribe"></form></div></div>'
    )
    if cut > 0:
        body = body[: cut + 4] + widget + body[cut + 4 :]
    return (
        head(s, f"{s.meta['title']} - by {' and '.join(s.authors)}", og_meta(s, url, site) + ld)
        + '<body><div id="entry"><div id="main" class="main typography use-theme-bg">'
        '<div class="topbar"><div class="navbar-title"><a href="/">'
        + site
        + '</a></div><div class="navbar-buttons"><a class="button primary" href="/subscribe">Subscribe</a>'
        '<a class="button" href="/sign-in">Sign in</a></div></div>'
        '<div class="single-post-container"><div class="container"><div class="single-post">'
        '<article class="typography newsletter-post post">'
        f'<div class="post-header"><h1 class="post-title published">{s.meta["title"]}</h1>'
        f'<h3 class="subtitle">{html.escape(s.meta.get("subtitle", ""))}</h3>'
        '<div class="post-meta"><div class="profile-hover-card-target">'
        + ", ".join(f'<a href="https://{host(s)}/@{slugify(a)}">{a}</a>' for a in s.authors)
        + f'</div><div class="post-date" title="{s.meta["date"]}">{human_date(s.meta["date"], "en")[:-6]}</div></div>'
        '<div class="post-ufi"><a class="like-button">42</a><a class="comment-button">17</a>'
        '<a class="share-button">Share</a></div></div>'
        '<div class="available-content"><div dir="auto" class="body markup">'
        + body
        + "</div></div>"
        + '<div class="post-footer"><div class="subscribe-footer"><p>Thanks for reading '
        + site
        + "! Subscribe for free to receive new posts and support my work.</p></div>"
        '<div class="post-ufi"><a class="like-button">42 Likes</a><a>Restacks</a></div></div>'
        "</article>"
        + '<div class="comments-section"><h4>Discussion about this post</h4>'
        + "".join(
            f'<div class="comment"><div class="comment-meta"><a>{rng.choice(COMMENTERS)}</a></div>'
            f'<div class="comment-body"><p>{c}</p></div></div>'
            for c in rng.sample(COMMENTS, 3)
        )
        + "</div></div></div></div>"
        '<div class="footer-wrap"><div class="footer"><div class="footer-terms">'
        '<a href="https://substack.example/privacy">Privacy</a> ∙ <a href="/tos">Terms</a> ∙ '
        '<a href="/ccpa">Collection notice</a></div><div class="footer-substack-cta">'
        "Start writing</div></div></div></div></div>"
        '<script>window._preloads = JSON.parse("{\\"isEU\\":false,\\"language\\":\\"en\\"}")</script>'
        + "</body></html>"
    )


def layout_nextjs(s: Source, rng: random.Random) -> str:
    site = s.meta.get("site", "Capital Wire")
    url = f"https://{host(s)}/article/{s.slug}-{rng.randint(10**5, 10**6)}"
    ld = jsonld(
        s,
        url,
        site,
        articleBody="\n\n".join(plain(b.text) for b in s.blocks if b.kind in ("P", "H", "Q"))
        if s.meta.get("articlebody") == "yes"
        else "",
    )
    blocks = body_blocks(s, rng, "nextjs")
    body = "".join(f'<div class="ArticleBody_block__3kPq">{b}</div>' for b in blocks)
    next_data = {
        "props": {
            "pageProps": {
                "article": {
                    "id": s.slug,
                    "title": s.title,
                    "authors": s.authors,
                    "published": s.meta["date"],
                    "summary": plain(first_paragraph(s))[:200],
                }
            }
        },
        "page": "/article/[slug]",
        "buildId": f"{rng.getrandbits(32):x}",
    }
    return (
        head(
            s,
            f"{s.meta['title']} | {site}",
            og_meta(s, url, site, title_suffix=True) + ld + f'<link rel="canonical" href="{url}">',
        )
        + '<body><div id="__next"><div class="Layout_wrapper__9xW">'
        + '<header class="Header_root__aK2"><a class="Header_logo__P1" href="/">'
        + site
        + "</a>"
        + nav(site, ["Markets", "Economy", "Politics", "Tech", "Climate", "Opinion"])
        + '<button class="Header_search__Z8">Search</button></header>'
        + '<div class="Ticker_root__s"><span>DAX +0.4%</span><span>S&amp;P 500 -0.2%</span>'
        "<span>EUR/USD 1.08</span></div>"
        + '<main class="Article_main__Xy"><article data-testid="article">'
        f'<div class="Article_kicker__7">{s.meta.get("section", "News")}</div>'
        f'<h1 data-testid="headline" class="Article_headline__Lq">{s.meta["title"]}</h1>'
        f'<div class="Byline_root__v3" data-testid="byline">{byline_text(s.authors, s.meta.get("lang", "en"))}</div>'
        f'<time data-testid="timestamp" datetime="{s.meta["date"]}">{human_date(s.meta["date"], s.meta.get("lang", "en"))}</time>'
        + '<div class="ArticleBody_root__2" data-testid="article-body">'
        + body
        + "</div>"
        + '<div class="Article_disclaimer__x">Reporting by '
        + " and ".join(s.authors)
        + f"; editing by the {site} desk. Our standards: the Trust Principles.</div>"
        + "</article>"
        + '<aside class="Article_rail__q">'
        + trending(rng)
        + ad("rail")
        + "</aside></main>"
        + related_list(rng, 4, "MoreStories_root__w")
        + footer(site)
        + "</div></div>"
        + '<script id="__NEXT_DATA__" type="application/json">'
        + json.dumps(next_data, ensure_ascii=False).replace("</", "<\\/")
        + "</script>"
        + scripts(rng)
        + "</body></html>"
    )


def layout_liveblog(s: Source, rng: random.Random) -> str:
    site = s.meta.get("site", "The Daily Tribune")
    url = f"https://{host(s)}/live/{s.slug}"
    entries: list[tuple[str, list[Block]]] = []
    intro: list[Block] = []
    for block in s.blocks:
        if block.kind == "TIME":
            entries.append((block.text, []))
        elif entries:
            entries[-1][1].append(block)
        else:
            intro.append(block)
    date = s.meta["date"][:10]
    offset = s.meta["date"][19:]
    parts = []
    for i, (time, blocks) in enumerate(reversed(entries)):
        sub = Source(s.slug, s.meta, blocks)
        inner = "".join(body_blocks(sub, rng, "live"))
        parts.append(
            f'<article class="liveblog-entry" id="entry-{len(entries) - i}">'
            f'<header class="liveblog-entry__meta"><time datetime="{date}T{time}:00{offset}">{time}</time>'
            f'<span class="liveblog-entry__author">{s.authors[i % len(s.authors)]}</span></header>'
            f'<div class="liveblog-entry__body">{inner}</div>'
            '<footer class="liveblog-entry__share"><a href="#">Share</a> <a href="#">Copy link</a></footer>'
            "</article>"
        )
        if i == 1:
            parts.append(ad("live-1"))
    intro_html = "".join(body_blocks(Source(s.slug, s.meta, intro), rng, "live"))
    ld = jsonld(
        s,
        url,
        site,
        kind="LiveBlogPosting",
        coverageStartTime=s.meta["date"],
        liveBlogUpdate=[
            {
                "@type": "BlogPosting",
                "headline": plain(b[0].text)[:80] if b else "",
                "datePublished": f"{date}T{t}:00{offset}",
            }
            for t, b in entries
        ],
    )
    return (
        head(s, f"LIVE: {s.meta['title']} | {site}", og_meta(s, url, site) + ld)
        + "<body>"
        + cookie_banner()
        + f'<header class="masthead"><a href="/" class="logo">{site}</a>'
        + nav(site, ["News", "Live", "Politics", "World", "Sport", "Video"])
        + "</header>"
        + '<main class="live-page"><div class="live-header"><span class="live-badge">LIVE</span>'
        f'<h1 class="live-title">{s.meta["title"]}</h1>'
        f'<p class="live-updated">Updated <time datetime="{s.meta.get("modified", s.meta["date"])}">moments ago</time></p>'
        f'<p class="live-byline">{byline_text(s.authors, s.meta.get("lang", "en"))}</p></div>'
        f'<section class="key-points">{intro_html}</section>'
        '<div class="live-controls"><button>Latest</button><button>Oldest</button>'
        '<label><input type="checkbox"> Auto-update</label></div>'
        '<div class="liveblog-feed">'
        + "".join(parts)
        + '</div><button class="load-more">Load more updates</button></main>'
        + '<aside class="sidebar">'
        + trending(rng)
        + newsletter_box(rng)
        + "</aside>"
        + footer(site)
        + scripts(rng)
        + "</body></html>"
    )


def layout_gallery(s: Source, rng: random.Random) -> str:
    site = s.meta.get("site", "Harbour Post")
    url = f"https://{host(s)}/gallery/{s.slug}"
    ld = jsonld(s, url, site)
    slides = []
    intro = []
    count = sum(1 for b in s.blocks if b.kind == "P") - 1
    n = 0
    for block in s.blocks:
        if block.kind == "P" and not intro:
            intro.append(f'<div class="gallery-intro"><p>{inline_html(block.text)}</p></div>')
        elif block.kind == "P":
            n += 1
            slides.append(
                f'<div class="gallery-slide" data-index="{n}"><div class="slide-media">'
                f'<img src="/media/{s.slug}-slide{n}.jpg" alt="" loading="lazy"></div>'
                f'<div class="slide-caption"><span class="slide-count">{n} / {count}</span>'
                f"<p>{inline_html(block.text)}</p>"
                f'<span class="slide-credit">{rng.choice(CREDITS)}</span></div></div>'
            )
            if n == 3:
                slides.append(ad("gallery-interstitial"))
    return (
        head(s, f"In pictures: {s.meta['title']} | {site}", og_meta(s, url, site) + ld)
        + "<body>"
        + f'<header><a class="brand" href="/">{site}</a>'
        + nav(site, ["News", "Pictures", "Video", "Sport", "Life"])
        + "</header><main>"
        + f'<div class="gallery-header"><span class="label">Gallery</span><h1>{s.meta["title"]}</h1>'
        f'<p class="byline">{byline_text(s.authors, "en")} · <time datetime="{s.meta["date"]}">'
        f"{human_date(s.meta['date'], 'en')}</time></p></div>"
        + "".join(intro)
        + '<div class="gallery-carousel" data-autoplay="false"><button class="prev">Previous</button>'
        + "".join(slides)
        + '<button class="next">Next</button></div>'
        + '<section class="more-galleries"><h3>More galleries</h3>'
        + "".join(
            f'<a class="gallery-card" href="/gallery/{slugify(h)}"><img src="/t/{i}.jpg" alt="">'
            f"<span>{h}</span><span class='count'>{rng.randint(8, 40)} photos</span></a>"
            for i, h in enumerate(rng.sample(TEASERS, 4))
        )
        + "</section></main>"
        + footer(site)
        + scripts(rng)
        + "</body></html>"
    )


def layout_paywall(s: Source, rng: random.Random) -> str:
    """A metered paywall: the page carries the first paragraphs; the truth is that teaser,
    unless the source sets ``articlebody: yes`` (full text in JSON-LD, as Google asks)."""
    site = s.meta.get("site", "The Observer-Standard")
    url = f"https://{host(s)}/{slugify(s.meta.get('section', 'news'))}/{s.slug}.html"
    visible = int(s.meta.get("teaser", "3"))
    shown = Source(s.slug, s.meta, [b for b in s.blocks if b.kind == "P"][:visible])
    extra: dict[str, object] = {
        "isAccessibleForFree": False,
        "hasPart": {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": ".paywalled",
        },
    }
    if s.meta.get("articlebody") == "yes":
        extra["articleBody"] = "\n\n".join(
            plain(b.text) for b in s.blocks if b.kind in ("P", "H", "Q", "LI", "OL")
        )
    ld = jsonld(s, url, site, **extra)
    body = "".join(body_blocks(shown, rng, "paywall"))
    return (
        head(
            s,
            f"{s.meta['title']} - {site}",
            og_meta(s, url, site) + ld + f'<link rel="canonical" href="{url}">',
        )
        + "<body>"
        + f'<header class="site-header"><a href="/">{site}</a>'
        + nav(site, ["News", "Business", "Opinion", "Culture", "Subscribe"])
        + '<a class="btn-subscribe" href="/subscribe">Subscribe from €1</a></header><main>'
        + '<article class="article paywalled-article">'
        f'<p class="kicker">{s.meta.get("section", "News")}</p><h1 class="headline">{s.meta["title"]}</h1>'
        f'<div class="meta"><span class="author">{byline_text(s.authors, s.meta.get("lang", "en"))}</span> '
        f'<time datetime="{s.meta["date"]}">{human_date(s.meta["date"], s.meta.get("lang", "en"))}</time></div>'
        f'<div class="article-body paywalled">{body}</div>'
        '<div class="paywall-gate"><div class="paywall-fade"></div>'
        "<h2>Continue reading with a subscription</h2>"
        "<p>Get unlimited access to award-winning journalism, the daily e-paper and our apps. "
        "Cancel at any time.</p><ul class='paywall-benefits'><li>Unlimited articles on all devices</li>"
        "<li>The e-paper from 5am</li><li>Newsletters from our editors</li></ul>"
        '<a class="paywall-cta" href="/subscribe?src=gate">Start your trial</a>'
        '<p class="paywall-login">Already a subscriber? <a href="/login">Log in</a></p></div>'
        "</article>"
        + related_list(rng, 4)
        + "</main>"
        + footer(site)
        + scripts(rng)
        + "</body></html>"
    )


def layout_table(s: Source, rng: random.Random) -> str:
    """An old table-based regional site: no JSON-LD, no OpenGraph, just visible markup."""
    site = s.meta.get("site", "Valley Herald Online")
    lang = s.meta.get("lang", "en")
    paragraphs = []
    for b in body_blocks(s, rng, "table"):
        paragraphs.append(b.replace("<p>", '<p class="text">'))
    return (
        f'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><html><head>'
        f'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        f"<title>{site} - {s.meta['title']}</title></head>"
        '<body bgcolor="#ffffff"><table width="980" cellpadding="0" cellspacing="0" border="0">'
        f'<tr><td colspan="3" class="top"><img src="/img/logo.gif" alt="{site}"></td></tr>'
        '<tr><td width="160" valign="top" class="leftnav">'
        + "".join(
            f'<a href="/{slugify(x)}.php" class="navlink">{x}</a><br>'
            for x in [
                "Front page",
                "Local news",
                "Sports",
                "Obituaries",
                "Classifieds",
                "Weather",
                "Archive",
            ]
        )
        + '<br><div class="box"><b>Poll</b><br>Should the town build a new pool?<br>'
        '<input type="radio" name="p"> Yes<br><input type="radio" name="p"> No</div></td>'
        '<td width="620" valign="top" class="content">'
        f'<span class="rubrik">{s.meta.get("section", "Local")}</span>'
        f'<h1 class="title">{s.meta["title"]}</h1>'
        f'<div class="byline">{byline_text(s.authors, lang)} | '
        f'<time datetime="{s.meta["date"]}">{human_date(s.meta["date"], lang)}</time></div>'
        + "".join(paragraphs)
        + f'<p class="small"><a href="javascript:window.print()">Print</a> | '
        f'<a href="/send.php?id={rng.randint(1, 9999)}">Send to a friend</a></p>'
        "<hr><b>Other headlines</b><br>"
        + "".join(
            f'<a href="/a.php?id={rng.randint(1, 9999)}">{h}</a><br>'
            for h in rng.sample(TEASERS, 5)
        )
        + '</td><td width="200" valign="top" class="right">'
        + ad("right")
        + '<div class="box"><b>Classifieds</b><br>Used tractor, good condition, call after 6pm.<br>'
        "Room to let near the station, non-smoker.</div></td></tr>"
        f'<tr><td colspan="3" class="footer">&copy; {site} | <a href="/impressum.php">Imprint</a></td></tr>'
        "</table></body></html>"
    )


def layout_blogger(s: Source, rng: random.Random) -> str:
    """A classic Blogger theme: microdata, no JSON-LD, byline and time in the post footer."""
    site = s.meta.get("site", "A Blog")
    date = s.meta["date"]
    url = f"https://{host(s)}/{date[:4]}/{date[5:7]}/{s.slug}.html"
    from datetime import datetime

    day = datetime.fromisoformat(date)
    body = "".join(body_blocks(s, rng, "blogger"))
    labels = ", ".join(f"<a href='/search/label/{slugify(t)}' rel='tag'>{t}</a>" for t in s.tags)
    archive = "".join(
        f"<li class='archivedate'><a class='post-count-link' href='/{y}/'>{y}</a> "
        f"<span class='post-count'>({rng.randint(3, 40)})</span></li>"
        for y in (2025, 2024, 2023, 2022)
    )
    return (
        "<!DOCTYPE html><html class='v2' dir='ltr' lang='en-GB'><head>"
        "<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'>"
        f"<meta content='blogger' name='generator'><title>{site}: {s.meta['title']}</title>"
        f"<link href='{url}' rel='canonical'>"
        f"<meta content='{s.meta['title']}' property='og:title'><meta content='{url}' property='og:url'>"
        "<style id='page-skin-1' type='text/css'>body{font:normal 14px Georgia}</style></head>"
        "<body class='loading variant-simple'><div class='navbar section' id='navbar'>"
        "<div class='widget Navbar' id='Navbar1'><iframe src='about:blank' title='Blogger navbar'>"
        "</iframe></div></div><div class='content'><div class='content-outer'>"
        f"<header><div class='header-outer'><div class='Header'><h1 class='title'><a href='/'>{site}</a>"
        "</h1><p class='description'><span>Muddy boots, small victories, and the occasional slug.</span>"
        "</p></div></div></header>"
        "<div class='main-outer'><div class='main-inner columns fauxcolumns'><div class='column-center-outer'>"
        "<div class='main section' id='main'><div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'>"
        f"<div class='date-outer'><h2 class='date-header'><span>{day:%A}, {day.day} {day:%B %Y}</span></h2>"
        "<div class='date-posts'><div class='post-outer'>"
        "<div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' "
        "itemtype='http://schema.org/BlogPosting'>"
        f"<a name='{rng.randint(10**17, 10**18)}'></a>"
        f"<h3 class='post-title entry-title' itemprop='name'>{s.meta['title']}</h3>"
        "<div class='post-header'><div class='post-header-line-1'></div></div>"
        f"<div class='post-body entry-content' id='post-body-{rng.randint(10**17, 10**18)}' "
        f"itemprop='description articleBody'>{body}<div style='clear: both;'></div></div>"
        "<div class='post-footer'><div class='post-footer-line post-footer-line-1'>"
        "<span class='post-author vcard'>Posted by <span class='fn' itemprop='author' itemscope='itemscope' "
        f"itemtype='http://schema.org/Person'><span itemprop='name'>{s.authors[0]}</span></span></span> "
        f"<span class='post-timestamp'>at <a class='timestamp-link' href='{url}' rel='bookmark' title='permanent link'>"
        f"<abbr class='published' itemprop='datePublished' title='{date}'>{day:%H:%M}</abbr></a></span> "
        f"<span class='post-comment-link'><a class='comment-link' href='{url}#comment-form'>"
        f"{rng.randint(2, 9)} comments:</a></span></div>"
        f"<div class='post-footer-line post-footer-line-2'><span class='post-labels'>Labels: {labels}</span></div>"
        "<div class='post-share-buttons goog-inline-block'><a class='goog-inline-block share-button sb-email' "
        "href='#' title='Email This'><span class='share-button-link-text'>Email This</span></a>"
        "<a class='goog-inline-block share-button sb-blog' href='#' title='BlogThis!'>"
        "<span class='share-button-link-text'>BlogThis!</span></a></div></div></div>"
        "<div class='comments' id='comments'><h4>Comments:</h4><div class='comments-content'>"
        + "".join(
            f"<div class='comment-block'><div class='comment-header'><cite class='user'>{rng.choice(COMMENTERS)}"
            f"</cite><span class='datetime secondary-text'>{day.day} {day:%B %Y} at 2{i}:0{i}</span></div>"
            f"<p class='comment-content'>{c}</p><span class='comment-actions secondary-text'>"
            "<a class='comment-reply'>Reply</a><a>Delete</a></span></div>"
            for i, c in enumerate(rng.sample(COMMENTS, 3))
        )
        + "</div><p class='comment-footer'><a href='#'>Post a Comment</a></p></div>"
        "</div></div></div>"
        "<div class='blog-pager' id='blog-pager'><span id='blog-pager-newer-link'>"
        "<a class='blog-pager-newer-link' href='/newer'>Newer Post</a></span>"
        "<span id='blog-pager-older-link'><a class='blog-pager-older-link' href='/older'>Older Post</a></span>"
        "<a class='home-link' href='/'>Home</a></div>"
        "<div class='post-feeds'><div class='feed-links'>Subscribe to: <a class='feed-link' "
        "href='/feeds/posts/default' type='application/atom+xml'>Post Comments (Atom)</a></div></div>"
        "</div></div></div></div>"
        "<div class='column-right-outer'><div class='sidebar section' id='sidebar-right-1'>"
        "<div class='widget Profile' id='Profile1'><h2>About Me</h2><div class='widget-content'>"
        f"<dl class='profile-datablock'><dt class='profile-data'><a class='profile-name-link' href='/profile'>"
        f"{s.authors[0]}</a></dt><dd class='profile-textblock'>Writer, volunteer and keen but "
        "impatient gardener. Usually found somewhere between the compost heap and the kettle.</dd></dl>"
        "<a class='profile-link' href='/profile' rel='author'>View my complete profile</a></div></div>"
        "<div class='widget BlogArchive' id='BlogArchive1'><h2>Blog Archive</h2><div class='widget-content'>"
        f"<ul class='hierarchy'>{archive}</ul></div></div>"
        "<div class='widget PopularPosts' id='PopularPosts1'><h2>Popular Posts</h2><ul>"
        + "".join(f"<li><a href='/{slugify(h)}.html'>{h}</a></li>" for h in rng.sample(TEASERS, 4))
        + "</ul></div></div></div></div></div>"
        "<footer><div class='footer-outer'>Powered by <a href='https://www.blogger.com'>Blogger</a>.</div></footer>"
        "</div></div><script type='text/javascript'>window.__wavt = 'AOuZoY';"
        "_WidgetManager._Init('//www.blogger.com/rearrange?blogID=123','//hill.example/');</script>"
        "</body></html>"
    )


def layout_amp(s: Source, rng: random.Random) -> str:
    """An AMP article: amp-img, amp-ad, amp-sidebar, amp-analytics, JSON-LD."""
    site = s.meta.get("site", "The Dispatch")
    url = f"https://{host(s).replace('amp.', 'www.')}/news/{s.slug}"
    ld = jsonld(s, url, site)
    blocks = []
    for block in body_blocks(s, rng, "amp"):
        blocks.append(
            block.replace("<img ", "<amp-img layout='responsive' width='16' height='9' ").replace(
                "<figcaption>", "</amp-img><figcaption>", 1
            )
            if "<img " in block
            else block
        )
        if len(blocks) == 3:
            blocks.append(
                "<div class='ad-wrapper'><amp-ad width='300' height='250' type='doubleclick' "
                "data-slot='/1234/dispatch/amp'><div placeholder>Advertisement</div></amp-ad></div>"
            )
    return (
        "<!doctype html><html amp lang='en'><head><meta charset='utf-8'>"
        "<script async src='https://cdn.ampproject.org/v0.js'></script>"
        f"<title>{s.meta['title']} | {site}</title><link rel='canonical' href='{url}'>"
        "<meta name='viewport' content='width=device-width,minimum-scale=1,initial-scale=1'>"
        + og_meta(s, url, site)
        + ld
        + "<style amp-custom>body{font-family:sans-serif}.byline{color:#666}</style>"
        "<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both}</style>"
        "</head><body>"
        "<amp-analytics type='googleanalytics'><script type='application/json'>"
        '{"vars":{"account":"UA-000000-1"},"triggers":{"trackPageview":{"on":"visible","request":"pageview"}}}'
        "</script></amp-analytics>"
        "<amp-sidebar id='sidebar' layout='nodisplay' side='left'><ul>"
        + "".join(
            f"<li><a href='/{slugify(x)}'>{x}</a></li>"
            for x in ["News", "Sport", "Business", "Opinion", "Weather", "Puzzles"]
        )
        + "</ul></amp-sidebar>"
        f"<header class='amp-header'><button on='tap:sidebar.toggle'>Menu</button><a href='/'>{site}</a></header>"
        "<main><article class='amp-article'>"
        f"<p class='kicker'>{s.meta.get('section', 'News')}</p><h1 class='headline'>{s.meta['title']}</h1>"
        f"<p class='byline'>{byline_text(s.authors, 'en')}</p>"
        f"<p class='timestamp'><time datetime='{s.meta['date']}'>{human_date(s.meta['date'], 'en')}</time></p>"
        f"<amp-img src='/media/{s.slug}-hero.jpg' width='1200' height='675' layout='responsive' alt=''></amp-img>"
        "<amp-social-share type='facebook' width='40' height='40'></amp-social-share>"
        "<amp-social-share type='twitter' width='40' height='40'></amp-social-share>"
        "<div class='article-body'>" + "".join(blocks) + "</div>"
        "<div class='read-full'><a href='" + url + "'>View the full site</a></div>"
        "</article>"
        + related_list(rng, 4, "amp-related")
        + "</main>"
        + footer(site)
        + "</body></html>"
    )


def layout_custom(s: Source, rng: random.Random) -> str:
    """A home-grown CMS: no JSON-LD, no OpenGraph; byline and date only as visible text."""
    site = s.meta.get("site", "News Online")
    from datetime import datetime

    day = datetime.fromisoformat(s.meta["date"])
    body = "".join(body_blocks(s, rng, "custom"))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{s.meta['title']} - {site}</title>"
        "<link rel='stylesheet' href='/css/site.css'><script src='/js/jquery.min.js'></script></head>"
        "<body><div id='wrapper'><div id='top'><div id='logo'><a href='/'>"
        f"<img src='/img/logo.png' alt='{site}'></a></div><div id='search'><form action='/search'>"
        "<input name='q'><input type='submit' value='Search'></form></div></div>"
        "<div id='menu'>"
        + " | ".join(
            f"<a href='/{slugify(x)}/'>{x}</a>"
            for x in ["Home", "News", "Sport", "What's On", "Jobs", "Contact"]
        )
        + "</div><div id='columns'><div id='story'>"
        f"<div class='crumbs'><a href='/'>Home</a> &gt; <a href='/news/'>News</a> &gt; {s.meta.get('section', 'Local')}</div>"
        f"<h1>{s.meta['title']}</h1>"
        f"<p class='story-meta'>Written by <strong>{s.authors[0]}</strong> | Published: {day.day} {day:%B %Y}, {day:%H:%M}</p>"
        f"<div class='story-image'><img src='/images/{s.slug}.jpg' alt=''><p class='caption'>"
        f"{html.escape(plain(first_paragraph(s)).split(',')[0])}. Picture: {rng.choice(CREDITS).split(': ')[1]}</p></div>"
        f"<div class='story-text'>{body}</div>"
        "<div class='story-tools'><a href='javascript:window.print()'>Print this story</a> | "
        "<a href='/email-friend'>Email a friend</a> | <a href='/report'>Report an error</a></div>"
        "<div class='comments'><h3>Have your say</h3><p>Comments are closed for this story.</p></div>"
        "</div><div id='right'><h3>Latest stories</h3><ul>"
        + "".join(f"<li><a href='/news/{slugify(h)}'>{h}</a></li>" for h in rng.sample(TEASERS, 5))
        + "</ul><h3>Weather</h3><p>Sunny spells, 18°C</p>"
        + ad("right")
        + "</div></div>"
        f"<div id='footer'>&copy; {site} {day.year}. All rights reserved.</div></div></body></html>"
    )


LAYOUTS = {
    "wordpress": layout_wordpress,
    "drupal": layout_drupal,
    "arc": layout_arc,
    "ghost": layout_ghost,
    "substack": layout_substack,
    "nextjs": layout_nextjs,
    "liveblog": layout_liveblog,
    "gallery": layout_gallery,
    "paywall": layout_paywall,
    "table": layout_table,
    "blogger": layout_blogger,
    "amp": layout_amp,
    "custom": layout_custom,
}


def ground_truth(s: Source) -> dict[str, object]:
    layout = s.meta["layout"]
    if layout == "paywall" and s.meta.get("articlebody") != "yes":
        visible = int(s.meta.get("teaser", "3"))
        body = "\n".join(plain(b.text) for b in s.blocks if b.kind == "P")
        body = "\n".join(body.split("\n")[:visible])
    elif layout == "paywall":
        body = "\n".join(plain(b.text) for b in s.blocks if b.kind in ("P", "H", "Q", "LI", "OL"))
    elif layout == "liveblog":
        # the page shows the key points, then the entries newest first
        intro = [b for b in s.blocks[: next(i for i, b in enumerate(s.blocks) if b.kind == "TIME")]]
        entries: list[list[Block]] = []
        for block in s.blocks[len(intro) :]:
            if block.kind == "TIME":
                entries.append([])
            else:
                entries[-1].append(block)
        ordered = intro + [b for entry in reversed(entries) for b in entry]
        body = truth_text(Source(s.slug, s.meta, ordered))
    else:
        body = truth_text(s)
    return {
        "url": page_url(s),
        "layout": layout,
        "language": s.meta.get("lang", "en"),
        "title": s.title,
        "published": s.meta["date"],
        "authors": s.authors,
        "body": body,
    }


def page_url(s: Source) -> str:
    return f"https://{host(s)}/{s.slug}"


def main() -> None:
    OUTPUT.mkdir(exist_ok=True)
    sources = []
    for path in sorted(SOURCES.glob("*.txt")):
        sources += parse_sources(path.read_text(encoding="utf-8"))
    for stale in OUTPUT.glob("*"):
        stale.unlink()
    for s in sources:
        rng = random.Random(s.slug)
        page = LAYOUTS[s.meta["layout"]](s, rng)
        (OUTPUT / f"{s.slug}.html").write_text(page, encoding="utf-8")
        truth = ground_truth(s)
        (OUTPUT / f"{s.slug}.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    print(f"{len(sources)} pages written to {OUTPUT}")


if __name__ == "__main__":
    main()
