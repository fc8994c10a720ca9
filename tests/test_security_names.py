"""Derived file names never escape their folder and never collide silently (property tests)."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.frontmatter import make_slug
from newscrawl.posts import MarkdownPostExporter
from newscrawl.storage.spool import move_into
from newscrawl.warc.config import WarcConfig, WarcConfigError
from newscrawl.warc.files import WarcFileManager, safe_host, warc_name

HOSTILE = st.one_of(
    st.text(),
    st.sampled_from(
        [
            "..",
            ".",
            "../../etc/passwd",
            "/abs/path",
            "a/../../b",
            "C:\\x",
            "CON",
            "nul",
            "\0",
            "a\0b",
            "\u202e",
            "..\\..\\x",
            "~",
            "-",
            "--",
            " ",
            "\n",
            "%2e%2e%2f",
        ]
    ),  # fmt: skip
    st.lists(st.sampled_from(["..", "/", "\\", ".", "\0", "a", "é", "CON"]), max_size=8).map(
        "".join
    ),
)
IDS = st.text(alphabet="0123456789abcdef", min_size=16, max_size=16)
FAST = settings(max_examples=200, deadline=None)


def _inside(folder: Path, name: str) -> bool:
    target = (folder / name).resolve()
    return target.parent == folder.resolve() and os.path.basename(name) == name


@FAST
@given(st.lists(st.tuples(HOSTILE, IDS), min_size=1, max_size=12, unique_by=lambda t: t[1]))
def test_post_names_from_hostile_titles_stay_in_the_folder_and_never_collide(articles):
    with tempfile.TemporaryDirectory() as tmp:
        exporter = MarkdownPostExporter(Path(tmp) / "posts")
        exporter.open()
        day = datetime(2026, 12, 3, tzinfo=timezone.utc)
        names = []
        for title, article_id in articles:
            slug = make_slug(title, fallback=f"article-{article_id[:8]}")
            _, name = exporter.claim(slug, day, article_id)
            assert _inside(exporter.directory, name), name
            assert exporter.path(name).parent == exporter.directory.resolve()
            names.append(name)
        assert len(set(names)) == len(names)  # one article, one file
        # claiming again (a re-run's replay) gives each article its own name back
        assert [exporter.claim("x", day, i)[1] for _, i in articles] == names


@FAST
@given(HOSTILE, HOSTILE, st.integers(0, 99_999))
def test_warc_names_from_hostile_prefixes_and_hosts_stay_in_the_folder(prefix, host, serial):
    try:
        WarcConfig(prefix=prefix)
    except WarcConfigError:
        return  # refused at start-up with one line (tests/test_command_config.py)
    when = datetime(2026, 12, 3, tzinfo=timezone.utc)
    name = warc_name(prefix, when, serial, safe_host(host))
    folder = Path(tempfile.gettempdir()) / "warc"
    assert _inside(folder, name) and _inside(folder, name + ".open"), name
    assert not name.startswith(".") and "\0" not in name
    assert warc_name(prefix, when, serial + 1, safe_host(host)) != name


@pytest.mark.parametrize("host", ["..", "../..", "/", "a/b", "\0", ""])
def test_warc_files_named_from_hostile_hosts_are_created_in_the_folder(tmp_path, host):
    manager = WarcFileManager(str(tmp_path / "warc"), "news", host=host)
    first, second = manager.open_new(), manager.open_new()
    try:
        for wf in (first, second):
            assert Path(wf.open_path).parent == tmp_path / "warc"
        assert first.name != second.name  # never the same file twice
    finally:
        first.fileobj.close()
        second.fileobj.close()


@FAST
@given(st.text(min_size=1, max_size=60).filter(lambda s: "/" not in s and "\0" not in s))
def test_spooled_files_keep_their_name_inside_the_spool_folder(name):
    if name in (".", "..") or len(name.encode("utf-8", "surrogatepass")) > 200:
        return  # no file can be called that
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return  # not a file name this system can hold
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "work" / name
        source.parent.mkdir()
        source.write_bytes(b"x")
        target = move_into(str(source), os.path.join(tmp, "outgoing"))
        assert Path(target).parent == Path(tmp) / "outgoing"
        assert Path(target).read_bytes() == b"x"


@FAST
@given(st.datetimes(timezones=st.just(timezone.utc)))
def test_report_names_come_from_run_ids_that_are_plain_file_names(when):
    from newscrawl.report.extension import new_run_id

    run_id = new_run_id(when)
    name = f"{run_id}.json"
    assert _inside(Path(tempfile.gettempdir()) / "reports", name)
    assert run_id.replace("T", "").replace("Z", "").replace("-", "").isalnum()
