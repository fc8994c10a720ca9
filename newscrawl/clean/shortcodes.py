"""Stage 1: WordPress-style shortcodes out, their meaningful content kept."""

from __future__ import annotations

import html as html_lib
import re

from newscrawl.security.pairs import sub_paired

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
