"""Slugs and post file names can never leave the posts folder."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.frontmatter import make_slug, post_filename
from newscrawl.posts import MarkdownPostExporter

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DAY = datetime(2016, 1, 11, tzinfo=timezone.utc)

HOSTILE_TITLES = [
    "../../etc/passwd",
    "..\\..\\windows\\system32",
    "/etc/passwd",
    "C:\\Windows\\win.ini",
    "\\\\server\\share\\x",
    "file:///etc/passwd",
    "name\x00.md",
    "\x00",
    ".",
    "..",
    "...",
    ". . .",
    "~",
    "~/.ssh/id_rsa",
    "CON",
    "con",
    "NUL",
    "aux",
    "PRN",
    "COM1",
    "com9",
    "LPT1",
    "lpt9",
    "",
    "   ",
    "???",
    "😀😀😀",
    "x" * 500,
    "Word " * 100,
    "A/B testing: a guide",
    "<script>alert(1)</script>",
    "%2e%2e%2fetc%2fpasswd",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_slug_is_safe(title: str) -> None:
    slug = make_slug(title, max_length=80, fallback="article-0a1b2c3d")
    assert SLUG_RE.match(slug), slug
    assert len(slug) <= 85
    assert slug.split("-")[0] not in {"con", "nul", "aux", "prn"} or "-" in slug
    assert slug not in {"con", "nul", "aux", "prn", "com1", "com9", "lpt1", "lpt9"}
    name = post_filename(DAY, slug)
    assert Path(name).name == name and "/" not in name and "\\" not in name


def test_slug_is_ascii_folded_and_readable() -> None:
    assert make_slug("Exclusive: U.S., Mexican efforts falter – GAO") == (
        "exclusive-u-s-mexican-efforts-falter-gao"
    )
    assert make_slug("Ça déménage à Zürich: Straße & Ærø") == "ca-demenage-a-zurich-strasse-aero"
    assert make_slug("Ελληνικά νέα") == "ellenika-nea"
    assert make_slug("Новости дня") == "novosti-dnia"


def test_long_titles_are_cut_at_a_word_boundary() -> None:
    slug = make_slug("word " * 100, max_length=80)
    assert len(slug) <= 80
    assert slug.endswith("word")


def test_empty_titles_use_the_fallback() -> None:
    assert make_slug("", fallback="article-0a1b2c3d") == "article-0a1b2c3d"
    assert make_slug("!!!", fallback="article-0a1b2c3d") == "article-0a1b2c3d"
    assert make_slug(None) == "article"


def test_reserved_windows_names_get_a_suffix() -> None:
    assert make_slug("CON") == "con-post"
    assert make_slug("com1") == "com1-post"
    assert make_slug("Con job") == "con-job"


@pytest.mark.parametrize("slug", ["../x", "a/b", "", "-x", "x-", ".", "a\x00b", "A"])
def test_post_filename_refuses_unsafe_slugs(slug: str) -> None:
    with pytest.raises(ValueError):
        post_filename(DAY, slug)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_any_title_gives_a_safe_slug(title: str) -> None:
    slug = make_slug(title, max_length=80)
    assert SLUG_RE.match(slug), slug
    assert len(slug) <= 85


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_written_posts_stay_in_the_folder(tmp_path: Path, title: str) -> None:
    posts = tmp_path / "archive" / "posts"
    exporter = MarkdownPostExporter(posts)
    exporter.open()
    slug = make_slug(title, fallback="article-0a1b2c3d")
    _, name = exporter.claim(slug, DAY, "0a1b2c3d4e5f6789")
    path = exporter.write(name, "---\ntitle: x\n---\n")
    assert path.parent == posts.resolve()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [name]


@pytest.mark.parametrize(
    "name", ["../2016-01-11-x.md", "/tmp/2016-01-11-x.md", "x.md", "2016-01-11-x.txt"]
)
def test_exporter_refuses_names_outside_the_folder(tmp_path: Path, name: str) -> None:
    exporter = MarkdownPostExporter(tmp_path / "posts")
    exporter.open()
    with pytest.raises(ValueError):
        exporter.write(name, "x")
    assert not list(tmp_path.rglob("*.md"))


def test_two_exporters_on_one_folder_never_share_a_name(tmp_path: Path) -> None:
    # two distributed workers: each indexed the folder before the other wrote
    first = MarkdownPostExporter(tmp_path, shared=True)
    second = MarkdownPostExporter(tmp_path, shared=True)
    first.open()
    second.open()
    when = datetime(2026, 12, 3, tzinfo=timezone.utc)
    _, name_a = first.claim("same title", when, "a" * 16)
    _, name_b = second.claim("same title", when, "b" * 16)
    assert name_a != name_b
    first.write(name_a, "# newscrawl-id: " + "a" * 16 + "\n---\n")
    # the same article again, from the other worker: the same file
    assert second.claim("same title", when, "a" * 16)[1] == name_a


def test_a_killed_runs_name_reservation_is_not_left_as_a_post(tmp_path: Path) -> None:
    when = datetime(2026, 12, 3, tzinfo=timezone.utc)
    killed = MarkdownPostExporter(tmp_path, shared=True)  # a distributed worker's
    killed.open()
    _, name = killed.claim("storm", when, "a" * 16)  # reserved; the run dies before writing
    assert (tmp_path / name).exists()

    # a shared folder: a fresh reservation may be a live worker's, so it stays
    MarkdownPostExporter(tmp_path, shared=True).open()
    assert (tmp_path / name).exists()

    # one process writes the folder: any reservation found at open() is a dead run's
    MarkdownPostExporter(tmp_path).open()
    assert not (tmp_path / name).exists()
    post = tmp_path / "2026-12-03-storm.md"
    post.write_text("---\ntitle: Storm\n---\n\nBody.\n", encoding="utf-8")
    MarkdownPostExporter(tmp_path).open()
    assert post.exists()  # a post is never taken for a reservation


def test_a_folder_of_one_run_gets_no_reservation_files(tmp_path: Path) -> None:
    when = datetime(2026, 12, 3, tzinfo=timezone.utc)
    (tmp_path / "2026-12-01-storm.md").write_text(
        "---\n# newscrawl-id: " + "c" * 16 + "\ntitle: Storm\n---\n", encoding="utf-8"
    )
    exporter = MarkdownPostExporter(tmp_path)
    exporter.open()
    _, name_a = exporter.claim("storm", when, "a" * 16)
    _, name_b = exporter.claim("storm", when, "b" * 16)
    _, name_c = exporter.claim("storm", when, "c" * 16)
    # the names are this run's own: nothing is created until a post is written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-12-01-storm.md"]
    # the post on disk keeps its article; the others get names of their own
    assert name_c == "2026-12-01-storm.md"
    assert len({name_a, name_b, name_c}) == 3
    assert exporter.claim("storm", when, "a" * 16)[1] == name_a
    exporter.write(name_a, "---\n# newscrawl-id: " + "a" * 16 + "\n---\n")
    assert (tmp_path / name_a).exists() and not (tmp_path / name_b).exists()
