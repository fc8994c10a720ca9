"""The run report built from final stats, and where its file goes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from newscrawl.report.extension import new_run_id
from newscrawl.report.store import store_output
from newscrawl.report.summary import build_report, format_report
from newscrawl.storage.layout import OutputLayout

START = datetime(2026, 12, 3, 4, 0, tzinfo=timezone.utc)


def test_report_counts_what_an_operator_checks():
    stats = {
        "start_time": START,
        "finish_time": START + timedelta(seconds=42),
        "finish_reason": "finished",
        "newscrawl/feeds/parsed": 3,
        "newscrawl/feeds/not_modified": 5,
        "newscrawl/feeds/failed/http_503": 1,
        "newscrawl/feeds/failed/timeout": 1,
        "newscrawl/feeds/backed_off": 2,
        "item_scraped_count": 7,
        "newscrawl/articles/new_version": 1,
        "newscrawl/articles/known": 30,
        "newscrawl/articles/failed/http_404": 2,
        "newscrawl/warc/records/response": 12,
        "newscrawl/warc/records/request": 17,
        "newscrawl/warc/records/revisit": 5,
        "newscrawl/warc/bytes": 3 * 1024 * 1024,
    }
    report = build_report(stats, "20261203T040000Z-abcdef", "feeds", feeds_total=11)
    assert report["duration_seconds"] == 42
    assert report["exit_status"] == 0
    assert report["feeds"]["failed"] == 2 and report["feeds"]["backed_off"] == 2
    assert report["articles"] == {
        "new": 6,
        "skipped_known": 30,
        "recrawled": 0,
        "new_versions": 1,
        "unchanged": 0,
        "failed": 2,
    }
    assert report["warc"]["revisits"] == 5 and report["warc"]["records"] == 34
    assert report["errors"] == {"feed/http_503": 1, "feed/timeout": 1, "article/http_404": 2}
    json.dumps(report)  # JSON-able as it is
    text = format_report(report)
    assert len(text.splitlines()) <= 8  # one screen
    assert "feeds     3/11 fetched, 5 not modified, 2 failed, 2 backed off" in text
    assert "articles  6 new, 30 skipped as known" in text
    assert "3.0 MB written" in text
    assert "errors    feed/http_503 1, feed/timeout 1, article/http_404 2" in text


def test_run_ids_sort_by_start_time_and_are_file_names():
    early = new_run_id(START)
    late = new_run_id(START + timedelta(seconds=1))
    assert early.startswith("20261203T040000Z-") and early < late
    assert "/" not in early and not early.startswith(".")


def test_report_files_stay_inside_the_output_folder(tmp_path):
    local = OutputLayout(str(tmp_path), str(tmp_path / "spool"), remote=False)
    where = store_output(local, "reports/r1.json", b"{}")
    assert where == str(tmp_path / "reports" / "r1.json")
    assert (tmp_path / "reports" / "r1.json").read_bytes() == b"{}"
    for bad in ("../escape.json", "/etc/escape.json", "reports/../../escape.json", "r1.json"):
        with pytest.raises(ValueError, match="is not <area>/<name>"):
            store_output(local, bad, b"{}")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["r1.json", "reports"]


def test_a_remote_report_waits_complete_in_the_spool_outbox(tmp_path):
    remote = OutputLayout("s3://bucket/news/", str(tmp_path / "spool"), remote=True)
    where = store_output(remote, "reports/r1.json", b"{}")
    assert where == "s3://bucket/news/reports/r1.json"
    outbox = tmp_path / "spool" / "outgoing" / "reports"
    assert [p.name for p in outbox.iterdir()] == ["r1.json"]
