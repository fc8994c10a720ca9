"""Clean article markup: sanitised HTML, Markdown and a plain-text excerpt.

Pure functions, callable from ``scrapy shell``::

    >>> from newscrawl.clean import clean_article
    >>> result = clean_article(body_html, response.url, page_html=response.text)
    >>> print(result.markdown)

:func:`clean_html` runs these stages on an HTML fragment or page:

1. strip WordPress-style shortcodes (``[ad_1]``, ``[caption]...[/caption]``, ...);
2. parse with lxml and find the base URL (``<base href>`` if it is http/https);
3. drop active and non-content elements (script, style, iframe, svg, forms, ...),
   ad/promo/newsletter/social/related blocks and hidden elements;
4. resolve lazy-loaded images and ``srcset`` to a real ``src``, drop tracking pixels;
5. absolutise links and image URLs, keeping only http/https (and mailto on links);
6. unwrap span/font/div soup, drop every attribute not on the allowlist, remove
   empty wrappers, decode left-over entities, normalise whitespace;
7. sanitise the result again with nh3 (an allowlist), which is the last word on
   what may appear in the output.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html
import nh3
from lxml import etree
from markdownify import MarkdownConverter

from newscrawl.extract.fragments import remove_block as _remove
from newscrawl.security.pairs import sub_paired

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "CleanResult",
    "clean_article",
    "clean_html",
    "find_base_url",
    "html_to_text",
    "make_excerpt",
    "safe_url",
    "strip_shortcodes",
    "to_markdown",
    "truncate_words",
]

DEFAULT_EXCERPT_LENGTH = 300

# What may appear in the output. Everything else is unwrapped (content kept) or,
# for DROP_WITH_CONTENT, removed together with its content.
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "dd", "del", "dfn", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
        "mark", "ol", "p", "pre", "q", "s", "samp", "small", "strong", "sub", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"lang", "dir"}),
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "blockquote": frozenset({"cite"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "del": frozenset({"cite", "datetime"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    "ins": frozenset({"cite", "datetime"}),
    "li": frozenset({"value"}),
    "ol": frozenset({"start", "reversed"}),
    "q": frozenset({"cite"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "time": frozenset({"datetime"}),
}

# Removed with everything inside them: active content, embedded documents,
# forms, vector graphics (which can carry script), and page chrome.
DROP_WITH_CONTENT: frozenset[str] = frozenset(
    {
        "applet", "area", "audio", "base", "basefont", "button", "canvas", "datalist",
        "dialog", "embed", "fieldset", "form", "frame", "frameset", "head", "iframe",
        "input", "keygen", "label", "link", "map", "math", "menu", "meta", "meter",
        "nav", "noembed", "noframes", "noscript", "object", "optgroup", "option",
        "output", "param", "portal", "progress", "script", "select", "slot", "source",
        "style", "svg", "template", "textarea", "title", "track", "video", "xmp",
        "plaintext",
    }
)  # fmt: skip

LINK_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
IMAGE_SCHEMES: frozenset[str] = frozenset({"http", "https"})
LINK_REL = "noopener noreferrer nofollow"

# Containers that carry no meaning of their own: unwrapped, or turned into <p>
# when they hold only inline content.
_CONTAINERS = frozenset(
    {"div", "section", "article", "main", "header", "footer", "aside", "center",
     "address", "details", "summary", "hgroup", "body"}
)  # fmt: skip
_INLINE_WRAPPERS = frozenset({"span", "font", "big", "nobr", "bdi", "bdo", "tt", "blink"})
_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
     "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
     "caption", "colgroup", "col", "figure", "figcaption", "hr"}
) | _CONTAINERS  # fmt: skip
# Elements that are content even when they hold no text.
_VOID_CONTENT = frozenset({"img", "hr", "br", "col", "colgroup", "td", "th", "tr"})
# Elements removed when they end up with no text and no image.
_REMOVE_IF_EMPTY = frozenset(
    {"p", "a", "b", "i", "u", "s", "em", "strong", "small", "mark", "sub", "sup",
     "code", "q", "cite", "abbr", "time", "li", "ul", "ol", "dl", "dt", "dd",
     "blockquote", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6",
     "table", "thead", "tbody", "tfoot", "caption", "del", "ins", "pre"}
) | _CONTAINERS | _INLINE_WRAPPERS  # fmt: skip

# Class/id tokens that mark boilerplate blocks (compared with each part of a
# class or id split on "-", "_" and camelCase, so "ad-slot" and "adSlot" match but
# "header", "shadow" and "loaded" do not).
_BOILERPLATE_PARTS = frozenset(
    {
        "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising",
        "adsense", "adsbygoogle", "adslot", "adunit", "adblock", "dfp", "gpt",
        "sponsor", "sponsored", "promo", "promos", "promotion", "promoted",
        "newsletter", "newsletters", "subscribe", "subscription", "signup",
        "social", "share", "sharing", "sharebar", "sharetools", "sharethis",
        "addthis", "related", "recommended", "recommendations", "recirc",
        "recirculation", "outbrain", "taboola", "zergnet", "revcontent", "teads",
        "popular", "trending", "breadcrumb", "breadcrumbs", "cookie", "cookies",
        "consent", "gdpr",
    }
)  # fmt: skip
# Whole class/id values that are boilerplate although no single part says so.
_BOILERPLATE_VALUES = frozenset(
    {"more-stories", "read-more", "readmore", "also-read", "see-also", "follow-us",
     "jp-relatedposts", "yarpp-related", "wp-block-buttons", "sidebar"}
)  # fmt: skip
_TOKEN_SPLIT = re.compile(r"[-_:.\s]+|(?<=[a-z])(?=[A-Z])")

# Images that exist only to count a visit.
_BEACON_RE = re.compile(
    r"""
    feedburner\.com/~(?:r/[^?#]*/~4/|ff/)  # FeedBurner item and flare pixels
    | feedsportal\.com/[^?#]*/(?:mf|~4)\b
    | (?:^|[/.])(?:pixel|beacon|spacer|blank|clear|transparent|tracking|tracker|1x1)
      (?:[-_.]?(?:gif|png|jpe?g|webp)\b|/|\?|$)
    | /__?utm\.gif | /b/ss/ | /p\.gif | /t\.gif | /i\.gif
    | (?:doubleclick\.net|google-analytics\.com|googletagmanager\.com|googlesyndication\.com
      |scorecardresearch\.com|quantserve\.com|quantcount\.com|stats\.wp\.com
      |pixel\.wp\.com|stats\.wordpress\.com|facebook\.com/tr|bat\.bing\.com
      |analytics\.twitter\.com|t\.co/i/adsct|amazon-adsystem\.com|omtrdc\.net
      |2o7\.net|chartbeat\.net|gemius\.pl|imrworldwide\.com|adnxs\.com
      |rubiconproject\.com|pubmatic\.com|moatads\.com|krxd\.net|parsely\.com/plogger)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Placeholder images that lazy loaders swap for the real one.
_PLACEHOLDER_RE = re.compile(
    r"^data:|(?:^|/)(?:blank|spacer|placeholder|lazy|loading|loader|transparent|pixel|grey|gray"
    r"|1x1|empty)(?:[-_.]?(?:\d+x\d+|img|image|load|placeholder|gif|png))?"
    r"\.(?:gif|png|svg|jpe?g|webp)(?:[?#]|$)",
    re.IGNORECASE,
)
_LAZY_SRC_ATTRS = (
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-lazy",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
    "data-echo",
)
_LAZY_SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset", "srcset")

_WS_RE = re.compile(r"[\s\u00a0\u200b\u2060\ufeff]+")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u2060\ufeff]")
_URL_STRIP_RE = re.compile(r"[\x00-\x1f\x7f]")  # C0 controls (tab, newline, ...) and DEL
_URL_UNSAFE_RE = re.compile(r"[ \"<>`\\^{|}]")
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_INVALID_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Character references to the same characters (``&#14;``, ``&#x0B``): lxml would decode
# them into strings it then refuses to store.
_CONTROL_REF_RE = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|127)(?!\d)"
    r"|[xX]0*(?:[0-8]|[bBcCeEfF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F]));?"
)


# --------------------------------------------------------------------------- shortcodes

# Shortcode names removed even without attributes; other names go only when they
# carry key=value attributes, close a pair, or contain an underscore (vc_row,
# et_pb_text, ad_1), so "[sic]", "[1]" and "[citation needed]" stay.
_KNOWN_SHORTCODES = frozenset(
    {
        "ad", "ads", "adsense", "advert", "advertisement", "ad_1", "ad_2", "ad_3",
        "audio", "caption", "contact-form", "contact-form-7", "embed", "gallery",
        "playlist", "video", "wp_caption", "newsletter", "subscribe", "related",
        "related_posts", "social", "share", "sharing", "tweet", "instagram",
        "facebook", "youtube", "vimeo", "soundcloud", "googlemaps", "mc4wp_form",
        "button", "shortcode", "toc", "donate", "poll", "quiz", "product", "products",
    }
)  # fmt: skip
_SC_NAME = r"[A-Za-z][\w-]{0,63}"
_SC_VALUE = r"""(?:"[^"\]\[]*"|'[^'\]\[]*'|[^\s"'\]\[=]+)"""
_SC_TOKEN_RE = re.compile(
    rf"\[(?P<close>/)?(?P<name>{_SC_NAME})(?P<attrs>(?:\s+[^\]\[]*?)?)\s*(?P<self>/)?\]"
)
_SC_ATTRS_RE = re.compile(
    rf"""^(?:\s+(?:[\w-]+\s*=\s*{_SC_VALUE}|"[^"]*"|'[^']*'|[^\s"'=\]\[]+))*\s*$"""
)
_SC_KEYVAL_RE = re.compile(r"""[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'\]\[=]+)""")
_CAPTION_RE = re.compile(
    r"\[(?P<name>caption|wp_caption)\b(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/(?P=name)\]",
    re.IGNORECASE | re.DOTALL,
)
_CAPTION_IMG_RE = re.compile(
    r"^\s*(?P<img>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_CAPTION_ATTR_RE = re.compile(r"""\bcaption\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_EMBED_RE = re.compile(r"\[embed\b[^\]]*\](?P<url>.*?)\[/embed\]", re.IGNORECASE | re.DOTALL)
_GALLERY_PAIR_RE = re.compile(r"\[gallery\b[^\]]*\].*?\[/gallery\]", re.IGNORECASE | re.DOTALL)


def _replace_caption(match: re.Match[str]) -> str:
    inner = match.group("inner")
    attr_caption = _CAPTION_ATTR_RE.search(match.group("attrs"))
    img_match = _CAPTION_IMG_RE.match(inner)
    if img_match:
        media, caption = img_match.group("img"), img_match.group("rest").strip()
    else:
        media, caption = inner, ""
    if not caption and attr_caption:
        caption = html_lib.escape(attr_caption.group(1) or attr_caption.group(2) or "")
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{media}{figcaption}</figure>"


def _replace_embed(match: re.Match[str]) -> str:
    url = match.group("url").strip()
    if not re.match(r"^https?://[^\s<>\"']+$", url, re.IGNORECASE):
        return ""
    return f'<p><a href="{html_lib.escape(url)}">{html_lib.escape(url)}</a></p>'


def _is_shortcode(match: re.Match[str], paired: set[str]) -> bool:
    name = match.group("name").lower()
    if match.group("close") or match.group("self"):
        return True
    if name in _KNOWN_SHORTCODES or "_" in name or name in paired:
        return True
    attrs = match.group("attrs")
    return bool(attrs and _SC_ATTRS_RE.match(attrs) and _SC_KEYVAL_RE.search(attrs))


def _closing_names(text: str) -> set[str]:
    return {m.group("name").lower() for m in _SC_TOKEN_RE.finditer(text) if m.group("close")}


def _strip_shortcode_tokens(text: str, paired: set[str]) -> str:
    return _SC_TOKEN_RE.sub(lambda m: "" if _is_shortcode(m, paired) else m.group(0), text)


def strip_shortcodes(text: str) -> str:
    """Remove WordPress-style shortcodes from HTML or text, keeping their meaningful content.

    ``[caption]<img> text[/caption]`` becomes a ``<figure>`` with a ``<figcaption>``,
    ``[embed]URL[/embed]`` a link, galleries and ad markers disappear. Ordinary
    bracketed text (``[sic]``, ``[1]``, ``[Laughter]``) is left alone.
    """
    if "[" not in text:
        return text
    # linear even when openings are never closed (a plain .sub is quadratic then)
    text = sub_paired(_CAPTION_RE, _replace_caption, text, ("caption", "wp_caption"))
    text = sub_paired(_EMBED_RE, _replace_embed, text, ("embed",))
    text = sub_paired(_GALLERY_PAIR_RE, "", text, ("gallery",))
    return _strip_shortcode_tokens(text, _closing_names(text))


# --------------------------------------------------------------------------- URLs


def safe_url(value: str | None, base: str, schemes: Iterable[str] = LINK_SCHEMES) -> str | None:
    """Resolve ``value`` against ``base``; None unless the result uses one of ``schemes``.

    Control characters, tabs and newlines are removed first, as browsers do, so
    ``java&#9;script:``, ``&#14;javascript:`` and ``JaVaScRiPt:`` are all caught.
    """
    if value is None:
        return None
    cleaned = _URL_STRIP_RE.sub("", value).strip(" \u00a0")
    if not cleaned:
        return None
    try:
        absolute = urljoin(base, cleaned) if base else cleaned
        parts = urlsplit(absolute)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in set(schemes):
        return None
    if scheme in ("http", "https") and not parts.netloc:
        return None
    # characters a URL may not carry raw (RFC 3986); encoding them keeps the URL's
    # meaning and keeps Markdown link destinations and attributes unambiguous
    return _URL_UNSAFE_RE.sub(lambda m: f"%{ord(m.group(0)):02X}", absolute)


def find_base_url(page_html: str | None, url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` if it is http(s), else ``url``."""
    if not page_html or "<base" not in page_html.lower():
        return url
    try:
        doc = _parse(page_html)
    except (etree.ParserError, ValueError):
        return url
    if doc is None:
        return url
    for base in doc.iter("base"):
        href = base.get("href")
        if href is None:
            continue
        resolved = safe_url(href, url, IMAGE_SCHEMES)
        return resolved or url  # only the first <base href> counts, as in browsers
    return url


def _parse_srcset(value: str) -> list[tuple[str, float]]:
    """Candidates of a ``srcset`` as (url, size); size is the width or density descriptor."""
    candidates = []
    pos = 0
    length = len(value)
    while pos < length:
        while pos < length and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < length and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            start = pos
            while pos < length and value[pos] != ",":
                pos += 1
            descriptor = value[start:pos].strip()
        if not url:
            continue
        size = 1.0
        match = re.match(r"^(\d+(?:\.\d+)?)[wx]$", descriptor.split(" ")[0])
        if match:
            size = float(match.group(1))
        candidates.append((url, size))
    return candidates


def _best_srcset_url(value: str | None) -> str | None:
    if not value:
        return None
    candidates = _parse_srcset(value)
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[1])[0]


# --------------------------------------------------------------------------- tree helpers


def _parse(markup: str) -> etree._Element | None:
    """Parse a page or fragment into an lxml document (None when there is nothing)."""
    markup = _XML_DECL_RE.sub("", markup)
    markup = _INVALID_XML_CHARS.sub("", _CONTROL_REF_RE.sub("", markup))
    if not markup.strip():
        return None
    try:
        return lxml.html.document_fromstring(markup)
    except etree.ParserError:
        return None


def _tag(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _unwrap(el: etree._Element) -> None:
    """Replace ``el`` by its children and text."""
    parent = el.getparent()
    if parent is None:
        return

    def append_text(text: str) -> None:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    if el.text:
        append_text(el.text)
    children = list(el)
    for child in children:
        el.addprevious(child)  # moves the child and its tail; no index() scan
    tail = el.tail or ""
    el.tail = None
    if tail:
        append_text(tail)
    parent.remove(el)


# Void in HTML5, but libxml2 nests what follows them inside them.
_VOID = frozenset(
    {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
     "input", "isindex", "keygen", "link", "menuitem", "meta", "param", "source", "track", "wbr"}
)  # fmt: skip


def _unnest_void_elements(body: etree._Element) -> None:
    """Move content that libxml2 put inside a void element back after it, as browsers do."""
    for el in list(body.iter(*_VOID)):
        parent = el.getparent()
        if _tag(el) == "image":  # HTML5 parses <image> as <img>
            el.tag = "img"
        if parent is None or (not len(el) and not el.text):
            continue
        children = list(el)
        tail = el.tail or ""
        el.tail = el.text
        el.text = None
        index = parent.index(el)
        for offset, child in enumerate(children, start=1):
            parent.insert(index + offset, child)
        last = children[-1] if children else el
        last.tail = (last.tail or "") + tail


def _has_text(el: etree._Element) -> bool:
    return bool(_WS_RE.sub("", el.text_content() or ""))


def _has_media(el: etree._Element) -> bool:
    return any(_tag(d) == "img" for d in el.iter())


def _within(body: etree._Element, tags: Iterable[str]) -> set[etree._Element]:
    """Every element that is one of ``tags`` or inside one (computed once per pass)."""
    found: set[etree._Element] = set()
    for outer in body.iter(*tags):
        if outer not in found:
            found.update(outer.iter())
    return found


def _class_id_tokens(el: etree._Element) -> tuple[set[str], set[str]]:
    values = set()
    parts = set()
    for attr in ("class", "id", "role", "data-component", "data-module", "data-testid"):
        raw = el.get(attr)
        if not raw:
            continue
        for value in raw.split():
            values.add(value.lower())
            parts.update(p.lower() for p in _TOKEN_SPLIT.split(value) if p)
    return values, parts


def _is_boilerplate(el: etree._Element) -> bool:
    values, parts = _class_id_tokens(el)
    if values & _BOILERPLATE_VALUES or parts & _BOILERPLATE_PARTS:
        return True
    if any(name.startswith(("data-ad-", "data-google-query-id")) for name in el.attrib):
        return True
    return _tag(el) == "ins" and "adsbygoogle" in values


def _is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _is_tracking_pixel(img: etree._Element, src: str | None) -> bool:
    def dim(name: str) -> int | None:
        match = re.match(r"^\s*(\d+)", img.get(name) or "")
        return int(match.group(1)) if match else None

    width, height = dim("width"), dim("height")
    style = (img.get("style") or "").replace(" ", "").lower()
    if re.search(r"(?:^|;)width:[01]px", style) and re.search(r"(?:^|;)height:[01]px", style):
        return True
    if width is not None and height is not None and width <= 1 and height <= 1:
        return True
    if (width == 0) or (height == 0):
        return True
    return bool(src and _BEACON_RE.search(src))


# --------------------------------------------------------------------------- cleaning


def _drop_active_and_boilerplate(body: etree._Element, drop_selectors: Iterable[str]) -> None:
    for selector in drop_selectors:
        try:
            matched = body.cssselect(selector)
        except Exception:  # a bad selector from settings must not break cleaning
            continue
        for el in matched:
            if el is not body:
                _remove(el)
    total_text = len(_WS_RE.sub("", body.text_content() or ""))
    stack = list(reversed(body))  # depth first, in document order, skipping removed subtrees
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            _remove(el)  # comments and processing instructions
            continue
        tag = _tag(el)
        if tag in DROP_WITH_CONTENT or ":" in str(el.tag):
            _remove(el)
            continue
        if _is_hidden(el) or _is_boilerplate(el):
            # guard: the article itself may carry a class like "article-body related-topics"
            # or sit in a hidden paywall container; most of the text is never boilerplate
            own = len(_WS_RE.sub("", el.text_content() or ""))
            if not (total_text > 400 and own > total_text * 0.6):
                _remove(el)
                continue
        stack.extend(reversed(el))


def _resolve_pictures(body: etree._Element) -> None:
    """Replace each <picture> by its <img>, given the best <source> if it has no src."""
    for picture in list(body.iter("picture")):
        img = next((d for d in picture.iter("img")), None)
        if img is None:
            _remove(picture)
            continue
        if not (img.get("src") or "").strip():
            for source in picture.iter("source"):
                best = _best_srcset_url(source.get("srcset") or source.get("data-srcset"))
                if best:
                    img.set("src", best)
                    break
        img.getparent().remove(img)  # libxml2 may nest it inside a <source>
        img.tail = picture.tail
        picture.tail = None
        picture.addprevious(img)
        picture.getparent().remove(picture)


def _resolve_images(body: etree._Element, base: str) -> None:
    for img in list(body.iter("img")):
        src = (img.get("src") or "").strip()
        if not src or _PLACEHOLDER_RE.search(src):
            lazy = next((img.get(a) for a in _LAZY_SRC_ATTRS if (img.get(a) or "").strip()), None)
            if lazy is None:
                lazy = next(
                    (
                        _best_srcset_url(img.get(a))
                        for a in _LAZY_SRCSET_ATTRS
                        if _best_srcset_url(img.get(a))
                    ),
                    None,
                )
            if lazy:
                src = lazy.strip()
        resolved = safe_url(src, base, IMAGE_SCHEMES) if src else None
        if (
            resolved is None
            or _PLACEHOLDER_RE.search(resolved)
            or _is_tracking_pixel(img, resolved)
        ):
            _remove(img)
            continue
        img.set("src", resolved)


def _resolve_links(body: etree._Element, base: str) -> None:
    for el in list(body.iter()):
        tag = _tag(el)
        if tag == "a":
            href = safe_url(el.get("href"), base, LINK_SCHEMES)
            if href is None:
                _unwrap(el)
                continue
            el.set("href", href)
        elif tag in ("blockquote", "q", "del", "ins"):
            cite = el.get("cite")
            if cite is not None:
                resolved = safe_url(cite, base, IMAGE_SCHEMES)
                if resolved is None:
                    del el.attrib["cite"]
                else:
                    el.set("cite", resolved)


def _filter_attributes(body: etree._Element) -> None:
    common = ALLOWED_ATTRIBUTES["*"]
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        allowed = common | ALLOWED_ATTRIBUTES.get(_tag(el), frozenset())
        for name in list(el.attrib):
            if name.lower() not in allowed:
                del el.attrib[name]
        for name in ("width", "height", "span", "colspan", "rowspan", "start", "value"):
            value = el.get(name)
            if value is not None and not value.strip().isdigit():
                del el.attrib[name]
        if el.get("dir") is not None and el.get("dir").lower() not in ("ltr", "rtl", "auto"):
            del el.attrib["dir"]


def _decode_text(text: str | None, in_pre: bool) -> str | None:
    if text is None:
        return None
    text = _ZERO_WIDTH_RE.sub("", text)
    if not in_pre and "&" in text and _ENTITY_RE.search(text):
        text = html_lib.unescape(text)  # entities left encoded twice by the source CMS
    return text


def _strip_text_shortcodes(body: etree._Element) -> None:
    texts = []
    for el in body.iter():
        texts.append(el.text or "")
        texts.append(el.tail or "")
    paired = _closing_names("".join(texts))
    code = _within(body, ("pre", "code"))
    for el in body.iter():
        if el.text and "[" in el.text and el not in code:
            el.text = _strip_shortcode_tokens(el.text, paired)
        if el.tail and "[" in el.tail and el.getparent() not in code:
            el.tail = _strip_shortcode_tokens(el.tail, paired)


# Where a <p> may stand; in the cells a lone wrapper is simply unwrapped.
_CELLS = frozenset({"li", "td", "th", "dd", "dt", "figcaption", "caption"})
_FLOW_PARENTS = _CONTAINERS | _CELLS | {"blockquote", "figure"}


def _unwrap_soup(body: etree._Element) -> None:
    """Unwrap meaningless wrappers bottom-up; containers of inline content become <p>.

    Children are handled before their parents, so ``<div><div>A</div><div>B</div></div>``
    gives two paragraphs, not "AB".
    """
    for el in reversed(list(body.iter())):
        if el is body or not isinstance(el.tag, str):
            continue
        tag = _tag(el)
        if tag in _CONTAINERS:
            parent = el.getparent()
            parent_tag = _tag(parent) if parent is not None else ""
            has_block_child = any(_tag(c) in _BLOCKS for c in el)
            if (
                has_block_child
                or parent_tag not in _FLOW_PARENTS
                or not (_has_text(el) or _has_media(el))
                or (parent_tag in _CELLS and _sole_content(el))
            ):
                _unwrap(el)
            else:
                el.tag = "p"
                el.attrib.clear()
        elif tag not in ALLOWED_TAGS:
            _unwrap(el)  # span, font, picture, custom elements: keep the content only


def _sole_content(el: etree._Element) -> bool:
    parent = el.getparent()
    return (
        len(parent) == 1
        and not _WS_RE.sub("", parent.text or "")
        and not _WS_RE.sub("", el.tail or "")
    )


def _remove_empty(body: etree._Element) -> None:
    for el in reversed(list(body.iter())):
        if el is body or not isinstance(el.tag, str):
            continue
        tag = _tag(el)
        if tag in _REMOVE_IF_EMPTY and not _has_text(el) and not _has_media(el):
            if tag in ("td", "th", "tr"):
                continue
            if any(_tag(d) in ("hr", "td", "th") for d in el.iter()) and tag != "p":
                continue
            _remove(el)


def _tidy_breaks(body: etree._Element) -> None:
    """Drop <br> at the start or end of a block and runs of more than two."""
    for container in list(body.iter()):
        if _tag(container) not in _BLOCKS:
            continue
        children = list(container)
        # leading breaks
        for child in children:
            if _tag(child) != "br" or _WS_RE.sub("", container.text or ""):
                break
            _remove(child)  # its tail becomes the container's text, ending the loop if any
        children = list(container)
        for child in reversed(children):
            if _tag(child) != "br" or _WS_RE.sub("", child.tail or ""):
                break
            _remove(child)
        run = 0
        for child in list(container):
            if _tag(child) == "br":
                run += 1
                if run > 2:
                    _remove(child)
                if _WS_RE.sub("", child.tail or ""):
                    run = 0
            else:
                run = 0


def _wrap_inline_runs(container: etree._Element) -> None:
    """Group loose text and inline elements between blocks into <p>, drop blank runs."""
    if container.tag != "body" and not any(_tag(c) in _BLOCKS for c in container):
        return
    runs: list[list[etree._Element | str]] = []
    current: list[etree._Element | str] = []
    leading = container.text or ""
    if leading:
        current.append(leading)
    container.text = None
    for child in list(container):
        tail = child.tail or ""
        child.tail = None
        if _tag(child) in _BLOCKS:
            if current:
                runs.append(current)
                current = []
            runs.append([child])
        else:
            current.append(child)
        if tail:
            current.append(tail)
        container.remove(child)
    if current:
        runs.append(current)
    for run in runs:
        if len(run) == 1 and isinstance(run[0], etree._Element) and _tag(run[0]) in _BLOCKS:
            container.append(run[0])
            continue
        para = etree.SubElement(container, "p")
        last: etree._Element | None = None
        for part in run:
            if isinstance(part, str):
                if last is None:
                    para.text = (para.text or "") + part
                else:
                    last.tail = (last.tail or "") + part
            else:
                para.append(part)
                last = part
        if not _has_text(para) and not _has_media(para):
            container.remove(para)


def _normalise_whitespace(body: etree._Element) -> None:
    pre = _within(body, ("pre",))
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        in_pre = el in pre
        el.text = _decode_text(el.text, in_pre)
        parent_pre = el.getparent() in pre
        el.tail = _decode_text(el.tail, parent_pre)
        if not in_pre and el.text:
            el.text = _WS_RE.sub(" ", el.text)
        if not parent_pre and el.tail:
            el.tail = _WS_RE.sub(" ", el.tail)
    # trim space at the edges of blocks and around <br>
    for el in body.iter():
        tag = _tag(el)
        if tag not in _BLOCKS or el in pre:
            continue
        if el.text:
            el.text = el.text.lstrip()
        children = list(el)
        if children:
            last = children[-1]
            if last.tail:
                last.tail = last.tail.rstrip()
        elif el.text:
            el.text = el.text.rstrip()
        for child in children:
            if _tag(child) == "br" and child.tail:
                child.tail = child.tail.lstrip()
            if _tag(child) in _BLOCKS and child.tail:
                child.tail = child.tail.strip() or None
            nxt = child.getnext()
            if nxt is not None and _tag(nxt) == "br" and child.tail:
                child.tail = child.tail.rstrip()
        if children and el.text is not None and not el.text:
            el.text = None
    # a space before a block child at the start belongs to nobody
    for el in body.iter():
        if el.text is not None and not el.text.strip() and len(el) and _tag(el[0]) in _BLOCKS:
            el.text = None


def _break_between_blocks(body: etree._Element) -> None:
    """Put each block of a list, table, quote or figure on its own line.

    Without it ``<li>stops.</li><li>Route B`` reads "stops.Route B" to anything that
    takes the text of the HTML.
    """
    pre = _within(body, ("pre",))
    for el in body.iter():
        if el is body or el in pre or not any(_tag(c) in _BLOCKS for c in el):
            continue
        if not (el.text or "").strip() and _tag(el[0]) in _BLOCKS:
            el.text = "\n"
        for child in el:
            if _tag(child) in _BLOCKS and not (child.tail or "").strip():
                child.tail = "\n"


def _serialise(body: etree._Element) -> str:
    parts = []
    if body.text and body.text.strip():
        parts.append(html_lib.escape(body.text.strip(), quote=False))
    for child in body:
        tail = child.tail
        child.tail = None
        parts.append(lxml.html.tostring(child, encoding="unicode", method="html"))
        if tail and tail.strip():
            parts.append(html_lib.escape(tail.strip(), quote=False))
    return "\n".join(p for p in parts if p)


def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT) - set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(LINK_SCHEMES),
        url_relative="deny",
        link_rel=LINK_REL,
        strip_comments=True,
    )


_NH3 = _cleaner()


def sanitise(markup: str) -> str:
    """Run nh3 with newscrawl's allowlist: the last word on what may appear in the output."""
    return _NH3.clean(markup)


def clean_html(
    markup: str | None,
    url: str = "",
    *,
    page_html: str | None = None,
    drop_selectors: Iterable[str] = (),
) -> str:
    """Return safe, tidy article HTML with absolute URLs (the stages are in the module doc).

    ``url`` is the page's final URL; ``page_html`` the whole page, whose ``<base href>``
    is honoured when it points at http(s). ``drop_selectors`` are extra CSS selectors
    of blocks to remove (site-specific boilerplate).
    """
    if not markup or not markup.strip():
        return ""
    base = find_base_url(page_html if page_html is not None else markup, url)
    if page_html is not None and base == url:
        base = find_base_url(markup, url)
    doc = _parse(strip_shortcodes(markup))
    if doc is None:
        return ""
    body = doc.find("body")
    if body is None:
        return ""
    _unnest_void_elements(body)
    _resolve_pictures(body)
    _drop_active_and_boilerplate(body, drop_selectors)
    _strip_text_shortcodes(body)
    _resolve_images(body, base)
    _resolve_links(body, base)
    _unwrap_soup(body)
    _filter_attributes(body)
    _remove_empty(body)
    _normalise_whitespace(body)
    _wrap_inline_runs(body)
    for quote in list(body.iter("blockquote")):
        _wrap_inline_runs(quote)
    _tidy_breaks(body)
    _remove_empty(body)
    _normalise_whitespace(body)
    _break_between_blocks(body)
    return sanitise(_serialise(body)).strip()


# --------------------------------------------------------------------------- Markdown and text


def _escape_line_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    # "1." -> "1\.", "#" -> "\#": what would start a list, heading or quote stays text
    return match.group(1) + (marker + "\\" if marker[0].isdigit() else "\\" + marker)


class _MarkdownConverter(MarkdownConverter):
    """markdownify with escaping that keeps prose readable but never turns into markup."""

    _LINE_START = re.compile(r"^(\s*)([#>=+]|[-*](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))")

    def escape(self, text: str, parent_tags: set[str]) -> str:
        if not text:
            return ""
        text = text.replace("\\", "\\\\")
        text = super().escape(text, parent_tags)
        text = re.sub(r"([`\[\]|])", r"\\\1", text)
        text = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", text)
        text = re.sub(r"&(?=#?\w+;)", r"\\&", text)
        return self._LINE_START.sub(_escape_line_start, text)


def to_markdown(clean: str) -> str:
    """Markdown of clean article HTML: ATX headings, "-" bullets, tables as pipe tables."""
    if not clean or not clean.strip():
        return ""
    converter = _MarkdownConverter(
        heading_style="ATX",
        bullets="-",
        strong_em_symbol="*",
        escape_misc=False,
        table_infer_header=True,
        newline_style="backslash",
        bs4_options="lxml",  # several times faster than html.parser on long articles
    )
    markdown = converter.convert(clean)
    markdown = re.sub(r"[ \t]+\n", "\n", markdown)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)
    return markdown.strip() + "\n"


def html_to_text(markup: str | None) -> str:
    """Plain text of an HTML fragment (shortcodes stripped, whitespace collapsed)."""
    if not markup:
        return ""
    if "<" not in markup and "&" not in markup:
        text = strip_shortcodes(markup)
    else:
        doc = _parse(strip_shortcodes(markup))
        if doc is None:
            return ""
        for el in list(doc.iter(*DROP_WITH_CONTENT)):
            _remove(el)
        for el in doc.iter():
            if isinstance(el.tag, str) and (_tag(el) in _BLOCKS or _tag(el) in ("br", "li")):
                el.tail = " " + (el.tail or "")  # "<p>a.</p><p>B" reads "a. B", not "a.B"
        text = doc.text_content()
        for _ in range(2):  # entities double-encoded by a CMS
            if _ENTITY_RE.search(text):
                text = html_lib.unescape(text)
    text = strip_shortcodes(text)
    return _WS_RE.sub(" ", _ZERO_WIDTH_RE.sub("", text)).strip()


# Feed summaries often end with a WordPress "read more" trail.
_SUMMARY_TRAIL_RE = re.compile(
    r"(?:\s*(?:\[(?:\.\.\.|…|&hellip;)\]|(?:continue reading|read more)\b.*"
    r"|the post .+ appeared first on .+))+\s*$",
    re.IGNORECASE | re.DOTALL,
)


# Markup-like text (from escaped entities) is dropped from excerpts: templates such as
# Jekyll's print front-matter values unescaped.
_TAG_LIKE_RE = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>?")


def truncate_words(text: str, max_length: int = DEFAULT_EXCERPT_LENGTH) -> str:
    """Shorten ``text`` to at most ``max_length`` characters at a word boundary, adding "…"."""
    text = text.strip()
    if max_length <= 0 or len(text) <= max_length:
        return text
    cut = text[: max_length - 1]
    if not text[max_length - 1].isspace():
        space = cut.rfind(" ")
        if space > max_length // 2:
            cut = cut[:space]
    return cut.rstrip(" ,;:-–—(\"'“‘") + "…"


def _plain(markup: str | None) -> str:
    return _WS_RE.sub(" ", _TAG_LIKE_RE.sub(" ", html_to_text(markup))).strip()


def make_excerpt(
    summary: str | None = None,
    description: str | None = None,
    clean: str | None = None,
    max_length: int = DEFAULT_EXCERPT_LENGTH,
) -> str:
    """Plain-text excerpt: the feed summary, else the meta description, else the first paragraph."""
    for candidate in (summary, description):
        text = _SUMMARY_TRAIL_RE.sub("", _plain(candidate)).strip()
        if text:
            return truncate_words(text, max_length)
    if clean:
        doc = _parse(clean)
        if doc is not None:
            for para in doc.iter("p"):
                text = _plain(lxml.html.tostring(para, encoding="unicode", with_tail=False))
                if len(text) >= 20:
                    return truncate_words(text, max_length)
            text = _plain(clean)
            if text:
                return truncate_words(text, max_length)
    return ""


@dataclass(frozen=True)
class CleanResult:
    """The cleaned forms of one article body."""

    html: str
    markdown: str
    excerpt: str


def clean_article(
    body_html: str | None,
    url: str = "",
    *,
    page_html: str | None = None,
    summary: str | None = None,
    description: str | None = None,
    excerpt_length: int = DEFAULT_EXCERPT_LENGTH,
    drop_selectors: Iterable[str] = (),
) -> CleanResult:
    """Clean HTML, Markdown and excerpt of an article body (see :func:`clean_html`)."""
    clean = clean_html(body_html, url, page_html=page_html, drop_selectors=drop_selectors)
    return CleanResult(
        html=clean,
        markdown=to_markdown(clean),
        excerpt=make_excerpt(summary, description, clean, excerpt_length),
    )
