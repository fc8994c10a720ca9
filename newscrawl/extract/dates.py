"""Date parsing: any common date string to an aware datetime; never after the fetch time."""

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
_NUMERIC = re.compile(r"^\d{10}(\d{3})?$")


def parse_date(value: object) -> datetime | None:
    """Parse an ISO 8601 / RFC 2822 / epoch / loose date; naive values are taken as UTC."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(float(value))
    elif isinstance(value, str):
        text = value.strip()
        if not text or len(text) > 64:
            return None
        if _NUMERIC.match(text):
            return _from_epoch(float(text))
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                parsed = dateutil_parser.parse(text, fuzzy=False)
            except (ValueError, OverflowError, TypeError):
                return None
    else:
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


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
