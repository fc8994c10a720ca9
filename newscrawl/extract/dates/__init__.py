"""Dates: reading a date string, and choosing the publication date of a page.

- ``parse``: any common date string (ISO 8601, RFC 2822, epoch, "4. März 2025, 21:30 Uhr",
  zone abbreviations) to an aware datetime, the dates a line of text shows, and the check
  that a date is plausible for the fetch time;
- ``choose``: the publication date among the metadata layers' dates, on the publisher's
  clock (its offset, its country's zone, the day the page shows).
"""

from .choose import choose_published, host_zone
from .parse import checked_date, parse_date, shown_date, shows_date, to_fetch_time

__all__ = [
    "checked_date",
    "choose_published",
    "host_zone",
    "parse_date",
    "shown_date",
    "shows_date",
    "to_fetch_time",
]
