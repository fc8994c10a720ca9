"""Stage 1, load: decode the page, disarm control characters, parse it into a tree."""

from __future__ import annotations

import codecs
import re

from lxml import html as lxml_html
from lxml.etree import ParserError, XMLSyntaxError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
# raw C0 controls (but tab, LF, CR) and DEL: they break lxml and make trafilatura
# throw away a whole document when one sits inside an attribute such as href
_RAW_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# the same characters written as numeric character references (&#14; &#x0E;), whole: the
# start of a longer one (&#x17c; is "ż", &#x1F600; an emoji) is no control character
_CONTROL_REFS = re.compile(
    r"&#(?:[xX]0*([0-9a-fA-F]{1,2})(?![0-9a-fA-F])|0*([0-9]{1,3})(?![0-9]));?"
)


def decode_html(html: str | bytes | None) -> str:
    """The page as text; bytes are decoded by their declared charset, else UTF-8, else cp1252."""
    if html is None:
        return ""
    if isinstance(html, str):
        return html
    declared = _META_CHARSET.search(html[:4096])
    candidates = [declared.group(1).decode("ascii", "ignore")] if declared else []
    candidates += ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            return html.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            if encoding.lower().replace("_", "-") in ("utf-8", "utf8") and _mostly_utf8(html):
                return html.decode("utf-8", errors=_CP1252_FALLBACK)
    return html.decode("utf-8", errors="replace")


# A UTF-8 page with a few bytes of another encoding (a template or a snippet pasted in
# from an older system) is read as UTF-8, those bytes as cp1252, rather than all of it
# as cp1252 ("MÃ¤scot" for "Mäscot" everywhere): when most of its non-ASCII characters
# read as UTF-8.
_CP1252_FALLBACK = "newscrawl-cp1252"
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """A decoding error handler: the bytes UTF-8 cannot read, read as cp1252 (as Latin-1
    where cp1252 leaves a byte undefined)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chars = []
    for byte in error.object[error.start : error.end]:
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars), error.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_bytes)


def _mostly_utf8(html: bytes) -> bool:
    """Whether most of the non-ASCII characters of ``html`` are valid UTF-8."""
    text = html.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return len(_NON_ASCII.findall(text)) - bad > bad


def _drop_control_ref(match: re.Match[str]) -> str:
    hex_digits, dec_digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(dec_digits)
    if (code < 32 and code not in (9, 10, 13)) or code == 127:
        return ""
    return match.group(0)


def disarm_controls(html: str) -> str:
    """Remove control characters, raw or as character references, which derail the parsers."""
    html = _RAW_CONTROLS.sub("", html)
    return _CONTROL_REFS.sub(_drop_control_ref, html)


def load_page(html: str | bytes | None) -> tuple[str, lxml_html.HtmlElement | None]:
    """Decode and disarm ``html``; return the cleaned text and its tree (``None`` if unparsable)."""
    text = disarm_controls(decode_html(html))
    if not text.strip():
        return text, None
    try:
        parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
        tree = lxml_html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (ParserError, XMLSyntaxError, ValueError):
        return text, None
    return text, tree
