"""Date parsing: any common date string to an aware datetime; never after the fetch time."""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

# an unknown zone name ("CEST") parses as a naive time, taken as UTC below; dateutil
# warns about it on stderr for every such page, which is noise for the operator
warnings.filterwarnings("ignore", category=dateutil_parser.UnknownTimezoneWarning)

# a naive or wrongly zoned timestamp from "just now" can look a few hours ahead;
# closer than this to the fetch time it is clamped, further away it is rejected
FUTURE_TOLERANCE = timedelta(hours=26)
_EARLIEST = datetime(1990, 1, 1, tzinfo=timezone.utc)
# how far the article header's own time may be from a UTC metadata date it replaces, and
# how close another layer's time must be to count as the same instant
HEADER_WINDOW = timedelta(hours=36)
SAME_INSTANT = timedelta(hours=1)
# a modification this far from the publication is a later update, with a day of its own
UPDATE_GAP = timedelta(hours=12)
# the largest offset from UTC a zone has
MAX_OFFSET = timedelta(hours=14)
# Central European time (+01:00, +02:00 in summer), and the languages whose pages are
# mostly written there: a date entered without a time is stored as its local midnight
_CENTRAL_EUROPE = ZoneInfo("Europe/Berlin")
_CENTRAL_EUROPEAN_LANGUAGES = frozenset(
    {"de", "fr", "it", "nl", "pl", "cs", "sk", "hu", "da", "sv", "no", "nb", "nn", "hr", "sl",
     "sr", "bs", "lb", "es", "ca"}
)  # fmt: skip
# the zone of a country-code domain in the Americas: an evening article there is past
# midnight in UTC, so a UTC time alone dates it a day late ("2022-05-04T02:41:00Z" on a
# Bolivian site is the evening of the 3rd). One zone per country, its capital's.
_AMERICAS = {
    "ar": "America/Argentina/Buenos_Aires", "bo": "America/La_Paz", "br": "America/Sao_Paulo",
    "cl": "America/Santiago", "co": "America/Bogota", "cr": "America/Costa_Rica",
    "cu": "America/Havana", "do": "America/Santo_Domingo", "ec": "America/Guayaquil",
    "gt": "America/Guatemala", "hn": "America/Tegucigalpa", "mx": "America/Mexico_City",
    "ni": "America/Managua", "pa": "America/Panama", "pe": "America/Lima",
    "py": "America/Asuncion", "sv": "America/El_Salvador", "uy": "America/Montevideo",
    "ve": "America/Caracas",
}  # fmt: skip
# country codes sold worldwide as generic names ("startup.co"): they name a country only
# under one of the country's own second-level names ("eltiempo.com.co")
_GENERIC_CC = frozenset({"co"})
_CC_SECOND_LEVEL = frozenset({"com", "org", "net", "gov", "edu", "gob", "mil", "nom"})
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
_OFFSET = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z|[A-Z]{3,4})$")
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


def host_zone(url: str | None) -> str | None:
    """The time zone a country-code domain of the Americas names ("eldeber.com.bo")."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return None
    labels = host.rsplit(".", 2)
    code = labels[-1]
    if code in _GENERIC_CC and (len(labels) < 3 or labels[-2] not in _CC_SECOND_LEVEL):
        return None
    return _AMERICAS.get(code)


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


def _is_utc(value: str) -> bool:
    parsed = parse_date(value)
    return parsed is not None and parsed.utcoffset() == timedelta(0)


def _without_offset(value: object) -> bool:
    """A day the page shows, or a wall-clock time without a zone."""
    parsed = parse_date(value) if isinstance(value, str) else None
    return parsed is not None and not _OFFSET.search(value.strip()[10:])


def choose_published(
    layers: list[dict[str, Any]], fetched_at: datetime, language: str | None = None
) -> str | None:
    """The publication date: the first layer's that is plausible, unless it is in UTC and the
    publisher's own clock says when (its calendar day may be the next or the previous one):
    the same instant with the publisher's offset from another layer, the article header's
    ``<time datetime>`` marked as the publication's (``time_element``) with an offset, or
    the date the page shows (the last layer's, page heuristics) one day off."""
    dates = [checked_date(layer.get("published"), fetched_at) for layer in layers]
    dates = [d for d in dates if d]
    header = next(
        (d for d in (checked_date(layer.get("time_element"), fetched_at) for layer in layers) if d),
        None,
    )
    if not dates:
        return header
    chosen = dates[0]
    # only the page's own markup or text gives a date (a <time> of a sidebar, htmldate's
    # guess) and the address says another day: the address's is the publication's
    metadata = [checked_date(layer.get("published"), fetched_at) for layer in layers[:-1]]
    url_day = checked_date(layers[-1].get("url_day"), fetched_at)
    if url_day and not header and not any(metadata) and chosen[:10] != url_day[:10]:
        return url_day
    # htmldate's pick among the page's dates (a modification's, a teaser's) and the
    # article's header showing another: the header's
    if not header and not any(metadata) and layers[-1].get("published_guessed"):
        shown = checked_date(shown_date(layers[-1].get("shown_date")), fetched_at)
        if shown and shown[:10] != chosen[:10]:
            return shown
    chosen = _outvoted(dates) or chosen
    if not _is_utc(chosen):
        return chosen
    instant = parse_date(chosen)
    if header and not _is_utc(header) and abs(parse_date(header) - instant) <= HEADER_WINDOW:
        return header
    for other in dates[1:]:
        if not _is_utc(other) and abs(parse_date(other) - instant) <= SAME_INSTANT:
            return other
    # the page shows the publisher's day: the day before for an early-morning UTC time
    # (an evening in the Americas), the day after for a late one (Asia, Europe at night);
    # a day in the URL ("/2019/01/01/slug") is the publisher's day too
    raw = layers[-1].get("published")
    visible = checked_date(raw, fetched_at) if _without_offset(raw) else None
    # a day the page shows that is the day of a later update says nothing of publication
    if visible and visible[:10] in _update_days(layers, fetched_at, instant):
        visible = None
    has_time = (instant.hour, instant.minute, instant.second) != (0, 0, 0)
    if not has_time:
        # a bare day in the metadata (a print edition's, the next morning's) and the header
        # showing the day before or after with its time of day: the header's
        timed = _timed_day_off(shown_date(layers[-1].get("shown_date")), instant, fetched_at)
        if timed:
            return timed
    shown = shown_date(layers[-1].get("shown_date")) if has_time else None
    shown = _shown_as_published(shown, instant, fetched_at)
    if shown:
        return shown
    for day in (visible, url_day):
        if (
            day
            and has_time
            and day[:10] != chosen[:10]
            and _one_day_off(parse_date(day[:10]), instant)
        ):
            return day
    # a UTC time on a site of a country in the Americas: its own clock's day and offset
    zone = layers[-1].get("zone")
    if zone and has_time:
        return instant.astimezone(ZoneInfo(zone)).isoformat()
    # "2021-11-04T23:00:00Z" on a German page: a date without a time, entered as midnight
    # in Central European time and stored in UTC (an English page's 22:00 UTC may well be
    # an American evening, so the page's language must place it there)
    if (language or "").split("-")[0].casefold() in _CENTRAL_EUROPEAN_LANGUAGES:
        local = instant.astimezone(_CENTRAL_EUROPE)
        if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
            offset = local.utcoffset() or timedelta(0)
            return local.astimezone(timezone(offset)).isoformat()
    return chosen


def _timed_day_off(shown: str | None, day: datetime, fetched_at: datetime) -> str | None:
    """The date ``shown`` when it gives a time of day and its day is one day from ``day``."""
    parsed = parse_date(shown) if shown else None
    if parsed is None or (parsed.hour, parsed.minute) == (0, 0):
        return None
    if abs((parsed.date() - day.date()).days) != 1:
        return None
    return checked_date(parsed, fetched_at)


def _one_day_off(day: datetime, instant: datetime) -> bool:
    """Whether ``day`` is the calendar day of the UTC time ``instant`` on a clock some
    hours off: the day before an early-morning time, or the day after a late one."""
    shift = (day.date() - instant.date()).days
    return (shift == -1 and instant.hour < 12) or (shift == 1 and instant.hour >= 12)


def _shown_as_published(shown: str | None, instant: datetime, fetched_at: datetime) -> str | None:
    """The UTC publication time ``instant`` on the publisher's clock, from the date the
    article's header shows: the same instant with its zone ("9:30 PM EST"), its wall-clock
    time giving the offset ("March 4, 2025 21:30" for 02:30 UTC the next day: -05:00), or
    its day one day off (the day before for an early-morning UTC time, after a late one)."""
    parsed = parse_date(shown) if shown else None
    if parsed is None:
        return None
    if not _without_offset(shown):
        if abs(parsed - instant) < timedelta(minutes=1):  # the shown time has no seconds
            return checked_date(instant.astimezone(parsed.tzinfo), fetched_at)
        if abs(parsed - instant) <= SAME_INSTANT:  # a summer time labelled as winter's
            return checked_date(parsed, fetched_at)
        return None
    if (parsed.hour, parsed.minute) != (0, 0):
        offset = parsed.replace(tzinfo=None) - instant.replace(tzinfo=None, second=0)
        quarter = timedelta(minutes=15)
        # twelve hours off is a 12-hour clock's time read the wrong way round
        if (
            timedelta(0) < abs(offset) <= MAX_OFFSET
            and abs(offset) != timedelta(hours=12)
            and offset % quarter == timedelta(0)
        ):
            return instant.astimezone(timezone(offset)).isoformat()
        return None
    return checked_date(parsed, fetched_at) if _one_day_off(parsed, instant) else None


def _outvoted(dates: list[str]) -> str | None:
    """The first layer's day stands alone and two other layers agree on another (a
    JSON-LD ``datePublished`` that the ``<meta>`` tags and the page's own date both
    contradict): the first of the two. The same instant in another zone is no
    contradiction."""
    days = [d[:10] for d in dates]
    if len(dates) < 3 or days.count(days[0]) > 1:
        return None
    first = parse_date(dates[0])
    for date in dates[1:]:
        if days.count(date[:10]) >= 2:
            if abs(parse_date(date) - first) <= SAME_INSTANT:
                return None
            return date
    return None


def _update_days(
    layers: list[dict[str, Any]], fetched_at: datetime, published: datetime
) -> set[str]:
    """The calendar days (as given and in UTC) of the layers' modification dates that are
    a later update, not a correction made within hours of ``published``."""
    days = set()
    for layer in layers:
        modified = checked_date(layer.get("modified"), fetched_at)
        if modified and abs(parse_date(modified) - published) > UPDATE_GAP:
            days.add(modified[:10])
            days.add(parse_date(modified).astimezone(timezone.utc).date().isoformat())
    return days
