"""Small text helpers shared by the stages."""

from __future__ import annotations

import html
import re
from itertools import filterfalse
from operator import methodcaller

_WS = re.compile(r"\s+")
# Unicode category Cc (C0 and C1 controls, DEL) but tab and newline
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_BY = re.compile(r"^\s*(by|von|par|por|di|door|av|af)\s+", re.I)
_WEB_ADDRESS = re.compile(r"\(?\b(?:https?://|www\.)\S*\)?", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\||&|\band\b|\bund\b)\s*", re.I)


def clean_text(value: object) -> str | None:
    """Unescape HTML entities (also doubly escaped ones), drop tags' leftovers, squeeze spaces."""
    if not isinstance(value, str):
        return None
    text = value
    for _ in range(2):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    if not text.isprintable():  # control characters are unprintable; most texts have none
        text = _CONTROLS.sub("", text)
    # the same as _WS.sub(" ", text).strip(): str.split() splits on what \s matches
    text = " ".join(text.split())
    return text or None


def split_keywords(value: str) -> list[str]:
    """Split a keywords string on commas (or semicolons)."""
    separator = ";" if ";" in value and "," not in value else ","
    return [k for k in (clean_text(part) for part in value.split(separator)) if k]


def split_authors(value: str) -> list[str]:
    """Split a byline such as 'By Ana Ruiz and Tom Lee' into names."""
    text = clean_text(value) or ""
    text = _BY.sub("", text)
    if not text or text.startswith(("http://", "https://", "/")):
        return []
    # "Deutsche Welle (www.dw.com)": a web address is not part of a name
    text = _WEB_ADDRESS.sub("", text).strip(" ,()")
    parts = [p.strip(" ,") for p in _AUTHOR_SPLIT.split(text)]
    names: list[str] = []
    for part in parts:
        # "Doe, Jane" stays one name; "Jane Doe, Tom Lee" is two
        pieces = [p.strip() for p in part.split(",")]
        if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
            names += pieces
        elif part:
            names.append(part)
    return [n for n in names if n and len(n) <= 80 and not any(ch.isdigit() for ch in n)]


def dedupe(values: list[str]) -> list[str]:
    """Drop case-insensitive duplicates, keeping the first spelling and the order."""
    seen: set[str] = set()
    out = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


# characters that are neither word characters nor joiners in ``_WORD``: stripped from a
# token's ends, they leave its word alone
_EDGE_PUNCTUATION = '.,;:!?"()[]{}“”«»…/'


def word_count(text: str) -> int:
    """``len(_WORD.findall(text))``: the words of a text, "state-of-the-art" one of them.

    A match never spans white space, so each white-space separated token counts apart; a
    token of word characters only (``str.isalnum`` is ``\\w`` but ``_``) is one word, also
    once ``_EDGE_PUNCTUATION`` is stripped from its ends. The expression runs on the rest
    only: over a whole article it costs several times more.
    """
    tokens = text.split()
    odd = list(filterfalse(str.isalnum, tokens))
    if not odd:
        return len(tokens)
    cores = list(filterfalse(str.isalnum, map(methodcaller("strip", _EDGE_PUNCTUATION), odd)))
    rest = sum(len(_WORD.findall(core)) for core in cores if core)
    return len(tokens) - len(cores) + rest
