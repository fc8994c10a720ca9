"""What cleaning keeps and drops: allowlists, boilerplate markers, tracker patterns."""

from __future__ import annotations

import re

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
