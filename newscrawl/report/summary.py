"""What a run report says, built from the crawl's final stats (pure functions)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from newscrawl.exitcodes import exit_status


def _sum(stats: Mapping[str, Any], prefix: str) -> int:
    return sum(v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, int))


def _kinds(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {k[len(prefix) :]: v for k, v in sorted(stats.items()) if k.startswith(prefix) and v}


def _seconds(stats: Mapping[str, Any]) -> float | None:
    start, finish = stats.get("start_time"), stats.get("finish_time")
    if isinstance(start, datetime) and isinstance(finish, datetime):
        return round((finish - start).total_seconds(), 3)
    return stats.get("elapsed_time_seconds")


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def build_report(
    stats: Mapping[str, Any], run_id: str, spider: str, feeds_total: int | None = None
) -> dict[str, Any]:
    """The run report as a JSON-able dict."""
    s = stats
    new_versions = s.get("newscrawl/articles/new_version", 0)
    errors = {
        **{f"feed/{k}": v for k, v in _kinds(s, "newscrawl/feeds/failed/").items()},
        **{f"article/{k}": v for k, v in _kinds(s, "newscrawl/articles/failed/").items()},
    }
    for key in ("newscrawl/outputs/not_stored", "newscrawl/extract/no_body"):
        if s.get(key):
            errors[key.split("/", 1)[1]] = s[key]
    return {
        "run_id": run_id,
        "spider": spider,
        "started": _iso(s.get("start_time")),
        "finished": _iso(s.get("finish_time")),
        "duration_seconds": _seconds(s),
        "finish_reason": s.get("finish_reason"),
        "exit_status": exit_status(s),
        "feeds": {
            "total": feeds_total,
            "fetched": s.get("newscrawl/feeds/parsed", 0),
            "not_modified": s.get("newscrawl/feeds/not_modified", 0),
            "failed": _sum(s, "newscrawl/feeds/failed/"),
            "backed_off": s.get("newscrawl/feeds/backed_off", 0),
            "not_due": s.get("newscrawl/feeds/not_due", 0),
            "conditional_requests": s.get("newscrawl/feeds/conditional_requests", 0),
        },
        "articles": {
            "new": max(s.get("item_scraped_count", 0) - new_versions, 0),
            "skipped_known": s.get("newscrawl/articles/known", 0),
            "recrawled": s.get("newscrawl/articles/recrawled", 0),
            "new_versions": new_versions,
            "unchanged": s.get("newscrawl/articles/unchanged", 0),
            "failed": _sum(s, "newscrawl/articles/failed/"),
        },
        "warc": {
            "records": _sum(s, "newscrawl/warc/records/"),
            "revisits": s.get("newscrawl/warc/records/revisit", 0),
            "bytes": s.get("newscrawl/warc/bytes", 0),
            "files": s.get("newscrawl/warc/files", 0),
        },
        "http": {
            "requests": s.get("downloader/request_count", 0),
            "bytes_received": s.get("downloader/response_bytes", 0),
        },
        "errors": errors,
        "log": {
            "errors": s.get("log_count/ERROR", 0),
            "warnings": s.get("log_count/WARNING", 0),
        },
    }


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def format_report(report: Mapping[str, Any]) -> str:
    """The report as a few lines for the log."""
    f, a, w, h = report["feeds"], report["articles"], report["warc"], report["http"]
    total = f"/{f['total']}" if f["total"] is not None else ""
    errors = ", ".join(f"{k} {v}" for k, v in report["errors"].items()) or "none"
    duration = report["duration_seconds"]
    return "\n".join(
        [
            f"Run report {report['run_id']}: {report['finish_reason']} in "
            f"{duration if duration is not None else '?'} s, exit status {report['exit_status']}",
            f"  feeds     {f['fetched']}{total} fetched, {f['not_modified']} not modified, "
            f"{f['failed']} failed, {f['backed_off']} backed off, {f['not_due']} not due",
            f"  articles  {a['new']} new, {a['skipped_known']} skipped as known, "
            f"{a['recrawled']} re-crawled ({a['new_versions']} new versions), "
            f"{a['failed']} failed",
            f"  archive   {w['records']} WARC records ({w['revisits']} revisits), "
            f"{_size(w['bytes'])} written; {h['requests']} requests, "
            f"{_size(h['bytes_received'])} received",
            f"  errors    {errors}",
        ]
    )
