"""Choosing the publication date among the layers' dates, on the publisher's clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from .parse import ZONE_SUFFIX, checked_date, parse_date, shown_date

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


def _is_utc(value: str) -> bool:
    parsed = parse_date(value)
    return parsed is not None and parsed.utcoffset() == timedelta(0)


def _without_offset(value: object) -> bool:
    """A day the page shows, or a wall-clock time without a zone."""
    parsed = parse_date(value) if isinstance(value, str) else None
    return parsed is not None and not ZONE_SUFFIX.search(value.strip()[10:])


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
