"""Reading a date: any common date string to an aware datetime; never after the fetch time."""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timedelta, timezone

from dateutil import parser as dateutil_parser

# an unknown zone name ("CEST") parses as a naive time, taken as UTC below; dateutil
# warns about it on stderr for every such page, which is noise for the operator
warnings.filterwarnings("ignore", category=dateutil_parser.UnknownTimezoneWarning)

# a naive or wrongly zoned timestamp from "just now" can look a few hours ahead;
# closer than this to the fetch time it is clamped, further away it is rejected
FUTURE_TOLERANCE = timedelta(hours=26)
_EARLIEST = datetime(1990, 1, 1, tzinfo=timezone.utc)
# "GMT+0100" and "UTC+01:00" as JavaScript's Date.toString() writes them: the offset from
# UTC (dateutil reads them the POSIX way round, as -01:00), and the zone's name in
# brackets after it ("(Central European Standard Time)")
_GMT_OFFSET = re.compile(r"\s*\b(?:GMT|UTC)\s*(?=[+-]\d)")
_ZONE_NAME = re.compile(r"\s*\([A-Za-z][A-Za-z .'-]*\)$")
# an ISO week without a day ("2019-W05"): no calendar day
_ISO_WEEK = re.compile(r"^\d{4}-?W\d{2}$", re.I)
# a date as a page shows it among other words ("Published March 4, 2025 9:30 PM EST",
# "By Ana Ruiz | 4. März 2025, 21:30 Uhr", "3 de mayo de 2022"): a day, a month, a year,
# and a time of day and a zone abbreviation if given
_SHOWN = re.compile(
    r"(?:\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,}\.?,?\s+(?:de\s+)?(?:19|20)\d\d"
    r"|[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)"
    r"(?:,?\s*(?:at|um|à|a\s+las|alle|[-|·•])?\s*\d{1,2}[:h.]\d\d(?:\s*[ap]\.?\s?m\b\.?)?"
    r"(?:\s*uhr)?(?:\s+(?-i:[A-Z]{2,5})\b)?)?",
    re.I,
)
_CONNECTOR = re.compile(r"(?<=\d{4})(?:,?\s+(?:at|um|à|a\s+las|alle|[-|·•])\s+|,\s*)", re.I)
_UPDATED = re.compile(r"updat|aktualisiert|geändert|modifi|actualiz|mis à jour|aggiornat", re.I)
_MERIDIEM = re.compile(r"\b([ap])\.?\s?m\b\.?", re.I)
_H_TIME = re.compile(r"(\d)h(\d\d)")
_NUMERIC = re.compile(r"^\d{10}(\d{3})?$")
_DAY_FIRST = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b|\b\d{1,2}-\d{1,2}-\d{4}\b")
ZONE_SUFFIX = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z|[A-Z]{3,4})$")
_HOUR = 3600
# Zone abbreviations that pages print after a time ("3:15 PM EDT"). dateutil does not know
# them (it warns, and labels the wall-clock time UTC); where one is ambiguous the reading
# most news pages mean is taken (IST: India, BST: British summer time).
TZINFOS: dict[str, int] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEZ": 0, "BST": _HOUR, "IST": 5 * _HOUR + 1800,
    "WEST": _HOUR, "WESZ": _HOUR, "CET": _HOUR, "MEZ": _HOUR, "CEST": 2 * _HOUR,
    "MESZ": 2 * _HOUR, "EET": 2 * _HOUR, "OEZ": 2 * _HOUR, "EEST": 3 * _HOUR,
    "OESZ": 3 * _HOUR, "MSK": 3 * _HOUR, "GST": 4 * _HOUR, "PKT": 5 * _HOUR,
    "ICT": 7 * _HOUR, "WIB": 7 * _HOUR, "SGT": 8 * _HOUR, "HKT": 8 * _HOUR,
    "PHT": 8 * _HOUR, "AWST": 8 * _HOUR, "JST": 9 * _HOUR, "KST": 9 * _HOUR,
    "ACST": 9 * _HOUR + 1800, "ACDT": 10 * _HOUR + 1800, "AEST": 10 * _HOUR,
    "AEDT": 11 * _HOUR, "NZST": 12 * _HOUR, "NZDT": 13 * _HOUR, "EST": -5 * _HOUR,
    "EDT": -4 * _HOUR, "CST": -6 * _HOUR, "CDT": -5 * _HOUR, "MST": -7 * _HOUR,
    "MDT": -6 * _HOUR, "PST": -8 * _HOUR, "PDT": -7 * _HOUR, "AKST": -9 * _HOUR,
    "AKDT": -8 * _HOUR, "HST": -10 * _HOUR, "AST": -4 * _HOUR, "ADT": -3 * _HOUR,
    "NST": -3 * _HOUR - 1800, "NDT": -2 * _HOUR - 1800, "BRT": -3 * _HOUR,
    "ART": -3 * _HOUR, "CLT": -4 * _HOUR, "COT": -5 * _HOUR, "PET": -5 * _HOUR,
}  # fmt: skip


class _Words(dateutil_parser.parserinfo):
    """Month and weekday names, and the small words around a date, in the languages of
    most news pages (English, German, French, Spanish, Italian, Portuguese, Dutch):
    "3 de mayo de 2022", "Mittwoch, 4. März 2020, 14:30 Uhr", "le 5 avril 2021"."""

    MONTHS = [
        ("Jan", "January", "Januar", "Jänner", "janvier", "janv", "enero", "ene", "gennaio",
         "gen", "janeiro", "januari"),
        ("Feb", "February", "Februar", "Feber", "février", "févr", "fevrier", "febrero",
         "febbraio", "fevereiro", "februari"),
        ("Mar", "March", "März", "Mrz", "mars", "marzo", "março", "maart"),
        ("Apr", "April", "avril", "avr", "abril", "abr", "aprile"),
        ("May", "Mai", "mayo", "maggio", "mag", "maio", "mei"),
        ("Jun", "June", "Juni", "juin", "junio", "giugno", "giu", "junho"),
        ("Jul", "July", "Juli", "juillet", "juil", "julio", "luglio", "lug", "julho"),
        ("Aug", "August", "août", "aout", "agosto", "ago", "augustus"),
        ("Sep", "Sept", "September", "septembre", "septiembre", "setiembre", "settembre",
         "set", "setembro"),
        ("Oct", "October", "Oktober", "Okt", "octobre", "octubre", "ottobre", "ott",
         "outubro"),
        ("Nov", "November", "novembre", "noviembre", "novembro"),
        ("Dec", "December", "Dezember", "Dez", "décembre", "déc", "decembre", "diciembre",
         "dic", "dicembre", "dezembro"),
    ]  # fmt: skip
    WEEKDAYS = [
        ("Mon", "Monday", "Montag", "Mo", "lundi", "lunes", "lunedì", "segunda", "maandag"),
        ("Tue", "Tuesday", "Dienstag", "Di", "mardi", "martes", "martedì", "terça", "dinsdag"),
        ("Wed", "Wednesday", "Mittwoch", "Mi", "mercredi", "miércoles", "mercoledì", "quarta",
         "woensdag"),
        ("Thu", "Thursday", "Donnerstag", "Do", "jeudi", "jueves", "giovedì", "quinta",
         "donderdag"),
        ("Fri", "Friday", "Freitag", "Fr", "vendredi", "viernes", "venerdì", "sexta", "vrijdag"),
        ("Sat", "Saturday", "Samstag", "Sa", "Sonnabend", "samedi", "sábado", "sabato",
         "zaterdag"),
        ("Sun", "Sunday", "Sonntag", "So", "dimanche", "domingo", "domenica", "zondag"),
    ]  # fmt: skip
    JUMP = dateutil_parser.parserinfo.JUMP + [
        "de", "del", "el", "le", "la", "am", "um", "uhr", "à", "às", "alle", "ore", "om",
        "den", "feira", "publicado", "publié", "veröffentlicht",
    ]  # fmt: skip

    def __init__(self, dayfirst: bool = False) -> None:
        super().__init__(dayfirst=dayfirst)


_WORDS = {first: _Words(dayfirst=first) for first in (False, True)}
# two defaults that differ in every field: a field dateutil fills in from the default
# (a year-only or month-only date) gives two different results
_DEFAULTS = (datetime(2001, 1, 1, 0, 0), datetime(2002, 2, 2, 0, 0))


def shows_date(text: str) -> bool:
    """Whether a line of text holds something like a date (cheap; ``shown_date`` reads it)."""
    return _SHOWN.search(text) is not None


def shown_date(text: str | None) -> str | None:
    """The first date in a line of text the page shows, as a string ``parse_date`` reads
    ("Published March 4, 2025 at 9:30 p.m. EST" -> "March 4, 2025 9:30 pm EST")."""
    for match in _SHOWN.finditer(text or ""):
        if _UPDATED.search(text[: match.start()]):
            return None  # "Updated 12:00, 4 March 2025": the update's date
        found = _H_TIME.sub(r"\1:\2", _MERIDIEM.sub(r"\1m", match.group(0)))
        found = _CONNECTOR.sub(" ", found)
        if parse_date(found) is not None:
            return found
    return None


def parse_date(value: object) -> datetime | None:
    """Parse an ISO 8601 / RFC 2822 / epoch / loose date; naive values are taken as UTC."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(float(value))
    elif isinstance(value, str):
        text = _GMT_OFFSET.sub(" ", _ZONE_NAME.sub("", value.strip()))
        if not text or len(text) > 64 or _ISO_WEEK.match(text):
            return None
        if _NUMERIC.match(text):
            return _from_epoch(float(text))
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            parsed = _parse_loose(text)
            if parsed is None:
                return None
    else:
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def _parse_loose(text: str) -> datetime | None:
    """dateutil with the zone abbreviations above; ``None`` for a date without a day
    ("2019", "May 2019"), which would otherwise become the first of a month."""
    results = []
    # "04.03.2025" and "04-03-2025" are written day first (the US writes 03/04/2025)
    dayfirst = bool(_DAY_FIRST.search(text))
    for default in _DEFAULTS:
        with warnings.catch_warnings():
            # an unknown zone name: dateutil warns and leaves the time naive (taken as UTC)
            warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
            try:
                parsed = dateutil_parser.parse(
                    text, parserinfo=_WORDS[dayfirst], default=default, tzinfos=TZINFOS
                )
            except (ValueError, OverflowError, TypeError):
                return None
        results.append(parsed)
    first, second = results
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None
    return first


def _from_epoch(seconds: float) -> datetime | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def to_fetch_time(fetched_at: datetime | str | None) -> datetime:
    """The fetch time as an aware datetime (now, in UTC, when not given)."""
    parsed = parse_date(fetched_at) if fetched_at is not None else None
    return parsed or datetime.now(timezone.utc)


def checked_date(value: object, fetched_at: datetime) -> str | None:
    """ISO 8601 with offset, or ``None`` when unparsable, implausibly old, or in the future."""
    parsed = parse_date(value)
    if parsed is None:
        return None
    try:
        if parsed < _EARLIEST:
            return None
        if parsed > fetched_at:
            if parsed - fetched_at > FUTURE_TOLERANCE:
                return None
            parsed = fetched_at
    except (OverflowError, TypeError):
        return None
    return parsed.isoformat()
