"""Authors: clean the names each metadata layer offers and choose among them.

A name is kept when it looks like a person's byline: prefixes ("Posted by",
"Veröffentlicht von"), @handles and trailing dates or interface words are cut off;
the site's own name, its publisher, a desk ("Redaktion", "Staff") or interface text
("Sponsored content", "View archive →") is no author. Several authors stay several.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from . import selectors
from .text import clean_text, dedupe, split_authors

_PREFIX = re.compile(selectors.AUTHOR_PREFIX, re.I)
# "About the author - Ana Ruiz", "Posted on September 21, 2020 by Ana Ruiz"
_MORE_PREFIX = re.compile(
    r"^(?:(?:about\s+the\s+author|über\s+(?:den\s+autor|die\s+autorin)"
    r"|à\s+propos\s+de\s+l'auteur|sobre\s+el\s+autor)\s*[-–—:|]?\s*"
    r"|(?:posted|published|veröffentlicht|publié|publicado)\s+(?:on|am|le|el)\s+"
    r"[^|]{1,40}?\s+(?:by|von|par|por)\s+)",
    re.I,
)
_END = re.compile(selectors.AUTHOR_END, re.I)
_HANDLE = re.compile(r"@\w[\w.]*")
_EMAIL = re.compile(r"\S+(?:@|\[at\]|\(at\))\S+\.\w+", re.I)
_KEY = re.compile(r"\W+")
_DATE_AROUND = re.compile(r"^\s*\d[\d./-]*\d\s*[-–—|,·•]\s*|\s*[,|·•]\s*\d[\d./-]*\d\s*$")
_DEGREE = r"(?:Ph\.?\s?D|M\.?D|D\.?O|M\.?S|M\.?Sc|R\.?D|R\.?N|L\.?D|MPH|MBA|CDE|CPT|LMFT|FACP)\.?"
_DEGREES = re.compile(rf"(?:\s*,\s*{_DEGREE})+$")
_AGENCY_AFTER = re.compile(r"\s*,\s*[A-ZÄÖÜ]{2,5}(?:/[a-z]{2,4})?$")
_LOGIN = re.compile(r"^[a-zà-ÿ]{2,}(?:[._][a-zà-ÿ]{2,})+$")
_DOMAIN_END = re.compile(r"\.[a-z]{2,3}$")
# a word that names an institution, not a person ("Bayerische Landesanstalt für Wald",
# "Deutscher Tennis-Verband", "University of Leeds")
_ORGANISATION = re.compile(
    r"(?:stiftung|verband|verein|institut|ministerium|anstalt|agentur|gesellschaft"
    r"|hochschule|universität|pressestelle|bundesamt|landesamt)\b"
    r"|\b(?:university|institute|foundation|association|society|department|ministry"
    r"|council|commission|committee|université|universidad|fundación|fondation)\b",
    re.I,
)
# a company's or an association's legal form: an organisation, not a person
_LEGAL_FORM = re.compile(
    r"\b(?:gmbh|ag|e\.\s?v|kg|ug|se|inc|llc|ltd|plc|corp|s\.\s?a|s\.\s?l|sarl|sas|spa|bv|nv|ab|oy)"
    r"\b\.?$",
    re.I,
)
# splits that ``split_authors`` leaves: " / " and "and" in other languages
_SLASH = re.compile(r"\s+/\s+|\s(?:y|et|e|og|och|i)\s")
_LEADING = " ~-–—·•|:,;/"
MAX_WORDS = 6
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"})
_CODE = set("{}$<>=;:()[]!?")
_TAGS = re.compile(r"<[^>]*>")
# the small words of a byline line ("Posted by A, B and C - the team")
_CONNECTORS = frozenset(
    {"by", "and", "und", "et", "y", "e", "i", "or", "von", "par", "por", "with", "mit",
     "for", "für", "from", "team"}
)  # fmt: skip
# words of interface text, never of a name
_INTERFACE_WORDS = frozenset({"the", "to", "an", "send", "e-mail", "email", "contact", "kontakt"})
# "Autorenseite von": a label that ends where the name would start
_TRAILING_WORDS = frozenset({"von", "by", "par", "por", "from", "de", "di"})


def text_key(value: str) -> str:
    """``value`` casefolded, without anything but letters and digits: how names, site
    names and titles are compared."""
    return _KEY.sub("", value.casefold())


def site_keys(url: str | None, site_names: list[str | None]) -> set[str]:
    """Keys of names that denote the site, not a person: its names and its host."""
    # a "site name" of many words is a page's title put in the wrong tag
    keys = {text_key(n) for n in site_names if n and len(n.split()) <= 8}
    try:
        host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    except ValueError:
        host = ""
    if host:
        keys.add(text_key(host))
        labels = host.split(".")
        # the registrable label: "cnn" of edition.cnn.com, "nationalgeographic" of
        # nationalgeographic.co.uk
        if len(labels) >= 2:
            generic = len(labels) >= 3 and labels[-2] in _SECOND_LEVEL
            keys.add(text_key(labels[-3] if generic else labels[-2]))
    keys.discard("")
    return keys


def clean_name(value: str, rejects: set[str] = frozenset(), strict: bool = True) -> str | None:
    """One author name without prefixes, handles and trailing furniture; ``None`` if no name.

    ``strict``: a lowercase word marks interface text ("Why you can trust us"); not so in
    a name that JSON-LD types as a Person ("Mobasir hassan")."""
    # "<a href=/experts/mg>Mateusz Gniazdowski</a>" in a JSON-LD name
    text = clean_text(_TAGS.sub(" ", value) if "<" in value else value) or ""
    # "© Ana Ruiz" is a picture's credit
    if "→" in text or "»" in text or "©" in text or _EMAIL.search(text) or "://" in text:
        return None
    for _ in range(3):
        stripped = _PREFIX.sub("", _MORE_PREFIX.sub("", text.lstrip(_LEADING))).strip()
        if stripped == text:
            break
        text = stripped
    text = _HANDLE.sub(" ", text)
    # "Rob Picheta, CNN": the site after a comma is no part of the name; before it
    # ("hessenschau.de, Frankfurt, Germany") a place or a desk follows, no name
    if "," in text and rejects:
        parts = text.split(",")
        if text_key(parts[0]) in rejects:
            return None
        text = ", ".join(p for p in parts if text_key(p) not in rejects)
    text = _END.split(text)[0].strip(_LEADING + " +*@")
    # "Grant Tinsley, PhD": degrees after the name; "Benedikt Strunz, NDR": a
    # broadcaster's or an agency's initials
    text = _AGENCY_AFTER.sub("", _DEGREES.sub("", text))
    # "edilson.la.rosa", "gabor_munier": a login made of the name's words ("stol.it" is a
    # web address)
    if _LOGIN.match(text) and not _DOMAIN_END.search(text):
        text = " ".join(w.capitalize() for w in re.split(r"[._]", text))
    words = text.split()
    if not words or len(words) > MAX_WORDS or any(ch.isdigit() or ch in _CODE for ch in text):
        return None
    # a name's words are capitalised but for particles ("von der"); "Why you can trust
    # us" or "Nachricht abschicken" is interface text; a lone lowercase handle is a name
    checked = words if strict else words[:1]  # a Person's name still starts with a capital
    if len(words) > 1 and any(
        w[0].islower() and w not in selectors.NAME_PARTICLES for w in checked if w[0].isalpha()
    ):
        return None
    if len(words) > 1 and words[-1].casefold() in _TRAILING_WORDS:
        return None
    # "SEND AN E-MAIL TO THE AUTHOR": interface text in capitals passes the test above
    if len(words) > 1 and any(w.casefold() in _INTERFACE_WORDS for w in words):
        return None
    # "LN", "DT": a desk's or a writer's initials, not a name
    if len(words) == 1 and text.isupper() and len(text) <= 4:
        return None
    if _LEGAL_FORM.search(text) or _ORGANISATION.search(text):
        return None
    key = text_key(text)
    if not key or key in rejects or key in selectors.NOT_AUTHORS:
        return None
    # "Deutsche Welle" on dw.com: a name whose initials are the site's short name
    if len(words) > 1 and "".join(w[0] for w in words).casefold() in rejects:
        return None
    if any(text_key(w) in selectors.DESK_WORDS for w in re.split(r"[\s_-]+", text)):
        return None
    # "Global Voices Latin America": the site's name leads a longer name; "Die FURCHE",
    # "OÖ Volksblatt": an article or a region's initials before it
    if len(words) > 1 and any(
        len(r) >= 6 and (key.startswith(r) or key.endswith(r) and len(key) - len(r) <= 3)
        for r in rejects
    ):
        return None
    return text


def clean_names(
    values: list[str], rejects: set[str] = frozenset(), strict: bool = True
) -> list[str]:
    """Split each value into names ("A and B"), clean them, drop duplicates."""
    names: list[str] = []
    for value in values:
        if not isinstance(value, str):
            continue
        if text_key(value) in rejects:
            # "Nada Tawfik, BBC News, New York": after the outlet come places and roles
            if names:
                break
            continue
        # "#Krótko o przepisach prawa w Nowej Zelandii i Polsce": a sentence, no byline
        if _sentence(value):
            continue
        login = _digit_login(value, rejects)
        if login:
            names.append(login)
            continue
        # "Ana Ruiz, 01.12.2021", "11.12.2019 - Ana Ruiz": the date beside the name
        value = _DATE_AROUND.sub("", _MORE_PREFIX.sub("", value.strip()))
        for part in (p for piece in _SLASH.split(value) for p in split_authors(piece)):
            name = clean_name(part, rejects, strict)
            if name:
                names.append(name)
    names = dedupe(names)
    # "Tomas Spahn Fr" beside "Tomas Spahn": a full name with a trailing word is the same
    return [
        n
        for n in names
        if not any(o != n and len(o.split()) >= 2 and n.startswith(o + " ") for o in names)
    ]


# "freeman1984", "Bo2man": a login of letters and digits (three letters at least)
_DIGIT_LOGIN = re.compile(r"^(?=(?:[^\W\d_][\w.-]*){3})(?=\D*\d)[^\W\d_][\w.-]{2,29}$")


def _digit_login(value: str, rejects: set[str]) -> str | None:
    """A byline that is one login holding digits ("Author: Bo2man am 29.12.2010"), which
    the name rules would refuse for its digits."""
    text = clean_text(value) or ""
    if not text or not any(ch.isdigit() for ch in text):
        return None
    text = _PREFIX.sub("", text.lstrip(_LEADING)).strip()
    text = _END.split(text)[0].strip(_LEADING + " ")
    # "oe24.at" is a web address
    if not _DIGIT_LOGIN.match(text) or _DOMAIN_END.search(text):
        return None
    if sum(ch.isalpha() for ch in text) < 3:
        return None
    key = text_key(text)
    return None if key in rejects or key in selectors.NOT_AUTHORS else text


def _sentence(value: str) -> bool:
    """Three lowercase words or more (particles apart): prose, not a list of names."""
    lowercase = [
        w
        for w in _TAGS.sub(" ", value).split()
        if w[0].islower()
        and w.isalpha()
        and w not in selectors.NAME_PARTICLES
        and w not in _CONNECTORS
    ]
    return len(lowercase) >= 3


def choose_authors(layers: list[dict[str, Any]], url: str | None) -> list[str]:
    """The first layer's cleaned authors, unless a later one names them more fully.

    Each layer offers ``author_candidates`` (lists of raw names, best first) or ``authors``;
    A publisher's name (JSON-LD ``publisher_names``, ``site_name`` of the other layers) or
    the URL's host marks a name as the site's.
    """
    site_names = [n for layer in layers[1:] for n in [layer.get("site_name")] if n]
    site_names += [n for layer in layers for n in layer.get("publisher_names") or []]
    rejects = site_keys(url, site_names)
    publishers = {text_key(n) for layer in layers for n in layer.get("publisher_names") or []}
    candidates: list[list[str]] = []
    for layer in layers:
        # a JSON-LD Person may share the site's name (a blog); only the publisher is no author
        layer_rejects = publishers if layer.get("authors_are_people") else rejects
        for raw in layer.get("author_candidates") or [layer.get("authors") or []]:
            # "Jobs & Hire" split into two "names" is still the site's name
            if len(raw) > 1 and text_key("".join(r for r in raw if isinstance(r, str))) in rejects:
                continue
            # "Landesanstalt für Wald und Forstwirtschaft" split at its "und"
            if len(raw) == 2 and any(isinstance(r, str) and _ORGANISATION.search(r) for r in raw):
                continue
            names = clean_names(raw, layer_rejects, not layer.get("authors_are_people"))
            if names:
                candidates.append(names)
    if not candidates:
        return []
    # a JSON-LD Person named as the site ("El Colombiano") gives way to a byline naming
    # someone else; on a blog the byline names the site's owner too
    named_site = [all(text_key(n) in rejects for n in names) for names in candidates]
    if named_site[0] and not all(named_site):
        candidates = [c for c, site in zip(candidates, named_site, strict=True) if not site]
    chosen = candidates[0]
    keys = {text_key(n) for n in chosen}
    for later in candidates[1:]:
        later_keys = {text_key(n) for n in later}
        # one byline names every author where another source cut the list to the first
        if keys < later_keys:
            return later
        # "Stefanus" in a meta tag, "Stefanus Stahl" in the byline
        if len(chosen) == len(later) == 1 and len(chosen[0].split()) == 1:
            first_word = later[0].split()[0].casefold()
            if first_word == chosen[0].casefold() and len(later[0].split()) > 1:
                return later
    return [_best_spelling(n, candidates[1:]) for n in chosen]


def _best_spelling(name: str, others: list[list[str]]) -> str:
    """``name`` as another layer spells it out: "Arian Schlichenmayer" for the login
    "arianschlichenmayer", "Gàbor Muniér" for "gabor_munier" (more words, then accents)."""
    key = _plain_key(name)
    best = name
    for other in (n for names in others for n in names):
        if _plain_key(other) == key and _spelled_out(other) > _spelled_out(best):
            best = other
    return best


def _plain_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return text_key("".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _spelled_out(name: str) -> tuple[int, int, int]:
    return (
        len(name.split()),
        sum(w[:1].isupper() for w in name.split()),
        sum(not ch.isascii() for ch in name),
    )
