"""``process_page``: what a worker does with one page (extract, then clean), as plain data."""

from __future__ import annotations

import logging
from typing import Any


class _Collect(logging.Handler):
    """Keeps the log records of one page so the crawl process can log them as its own."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def process_page(job: dict[str, Any]) -> dict[str, Any]:
    """Extract and clean one page.

    ``job``: ``url``, ``html``, ``entry`` (feed entry dict), ``fetched_at``, ``entry_content``,
    ``entry_summary``, ``clean`` (default true), ``excerpt_length``, ``drop_selectors``,
    ``digest`` (default false: also fill ``content_digest``, which the crawl process would
    otherwise compute from the same fields). Returns ``fields`` (values for the Article),
    ``clean_stats`` (keys under ``newscrawl/clean/``) and ``logs`` (``(logger, level,
    message)`` logged meanwhile).
    """
    from newscrawl.clean.fields import clean_fields  # in the worker only
    from newscrawl.extract import extract_article

    collect = _Collect()
    root = logging.getLogger()
    root.addHandler(collect)
    try:
        url = job.get("url") or ""
        extracted = extract_article(job.get("html"), url, job.get("entry"), job.get("fetched_at"))
        fields = {**extracted, "canonical_url": extracted["canonical_url"] or url}
        if not job.get("clean", True):
            _add_digest(job, fields)
            return {"fields": fields, "clean_stats": [], "logs": collect.records}
        cleaned = clean_fields(
            {
                **fields,
                "url": url,
                "html": job.get("html"),
                "entry_content": job.get("entry_content"),
                "entry_summary": job.get("entry_summary"),
            },
            job.get("excerpt_length", 300),
            job.get("drop_selectors", ()),
        )
        fields.update(cleaned.updates)
        _add_digest(job, fields)
        return {"fields": fields, "clean_stats": cleaned.stats, "logs": collect.records}
    finally:
        root.removeHandler(collect)


def _add_digest(job: dict[str, Any], fields: dict[str, Any]) -> None:
    if job.get("digest"):
        from newscrawl.state.digest import content_digest

        fields["content_digest"] = content_digest(fields)


def init_worker(log_level: int = logging.INFO) -> None:
    """Set up a worker process: signals are the crawl's to handle; records reach ``process_page``.

    Ctrl-C and ``systemctl stop`` signal the whole process group: the crawl then finishes the
    pages it holds, which needs the workers, and stops them itself.
    """
    import signal
    import warnings

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    warnings.simplefilter("ignore")  # dateutil and trafilatura warn about odd pages
    root = logging.getLogger()
    root.setLevel(log_level)
    for handler in list(root.handlers):  # a forked parent's handlers would print twice
        root.removeHandler(handler)
