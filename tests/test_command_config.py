"""A setting that cannot work stops `scrapy crawl` with one line naming it, and exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.settings import Settings

from newscrawl.config import ConfigError, check_settings
from tests.support.crawl import ROOT, crawl_env, run_crawl


def one_line(result) -> str:
    assert result.returncode == 1, result.log[-3000:]
    assert "Traceback" not in result.log and "Task exception" not in result.log
    lines = result.log.strip().splitlines()
    assert len(lines) == 1, result.log[-3000:]
    assert lines[0].startswith("newscrawl: ")
    return lines[0]


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("NEWSCRAWL_WARC_MAX_SIZE", "abc", "expected a whole number"),
        ("NEWSCRAWL_CLEAN_EXCERPT_LENGTH", "abc", "expected a whole number"),
        ("NEWSCRAWL_CLEAN_EXCERPT_LENGTH", "0", "expected a number >= 1"),
        ("NEWSCRAWL_FRONTMATTER_KEYS", "notadict", "expected a dict, or a JSON object"),
        ("NEWSCRAWL_FRONTMATTER_TIMEZONE", "Mars/Base", "is not a time zone name"),
        ("NEWSCRAWL_WARC_ENABLED", "maybe", "expected True or False"),
        ("NEWSCRAWL_WARC_GZIP_LEVEL", "12", "must be 1..9"),
        ("NEWSCRAWL_WARC_DIGEST", "md5", "use one of sha1, sha256"),
        ("NEWSCRAWL_FRONTMATTER_PRESET", "blogger", "use one of hugo, jekyll, wordpress"),
        ("NEWSCRAWL_ITEMS_JSONL", "yes please", "expected True or False"),
        ("NEWSCRAWL_WARC_MAXSIZE", "100", "did you mean NEWSCRAWL_WARC_MAX_SIZE?"),
        ("NEWSCRAWL_FEED_MIN_INTERVAL", "-5", "must be >= 0"),
        ("NEWSCRAWL_STATE_DIR", "s3://bucket/state", "kept on local disk"),
        ("NEWSCRAWL_ALLOWED_NETWORKS", "intranet", "NEWSCRAWL_ALLOWED_NETWORKS"),
    ],
)
def test_bad_setting_is_one_line_and_exit_1(tmp_path, name, value, allowed):
    line = one_line(run_crawl(tmp_path, feeds=["http://127.0.0.1:9/feed"], settings={name: value}))
    assert f"{name}={value!r}" in line or f"{name}={value}" in line
    assert allowed in line


def test_output_folder_that_is_a_file(tmp_path):
    output = tmp_path / "archive"
    output.write_text("a file, not a folder\n")
    line = one_line(run_crawl(tmp_path / "run", settings={"NEWSCRAWL_OUTPUT_DIR": str(output)}))
    assert line == (
        f"newscrawl: bad setting: NEWSCRAWL_OUTPUT_DIR={str(output)!r} is a file: expected a folder"
    )


def test_output_folder_that_cannot_be_written(tmp_path):
    # procfs refuses new files to every user, root included
    line = one_line(
        run_crawl(tmp_path, settings={"NEWSCRAWL_OUTPUT_DIR": "/proc/self/newscrawl-archive"})
    )
    assert "NEWSCRAWL_OUTPUT_DIR='/proc/self/newscrawl-archive' is not a writable folder" in line


def test_unknown_profile_is_one_line_and_exit_1(tmp_path):
    # Without a profile Scrapy loads no project settings at all, so only the command's
    # entry point (pyproject.toml, registered on install) is there to catch it.
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    commands = project["project"]["entry-points"]["scrapy.commands"]
    dist = tmp_path / "site" / "newscrawl-0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: newscrawl\nVersion: 0\n")
    lines = "".join(f"{name} = {target}\n" for name, target in commands.items())
    (dist / "entry_points.txt").write_text("[scrapy.commands]\n" + lines)
    env = crawl_env({"SCRAPY_PROJECT": "nightly"})
    env["PYTHONPATH"] = f"{dist.parent}:{env['PYTHONPATH']}"
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "feeds", "-a", "feeds=http://127.0.0.1:9/f"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert (proc.stdout + proc.stderr).strip().splitlines() == [
        f"newscrawl: SCRAPY_PROJECT='nightly' is not a profile in {ROOT / 'scrapy.cfg'}: "
        "use one of default, local, demo, replay, s3, distributed, or add it under [settings]"
    ]


def test_good_settings_pass_and_s3_output_is_accepted(tmp_path):
    settings = Settings()
    settings.setmodule("newscrawl.settings")
    settings.set("NEWSCRAWL_OUTPUT_DIR", str(tmp_path / "archive"))
    check_settings(settings)
    assert (tmp_path / "archive" / "warc").is_dir()
    # an S3 output is checked by the storage layer when it connects; WARC stays local
    settings.set("NEWSCRAWL_OUTPUT_DIR", "s3://news-bucket/archive/prefix")
    settings.set("NEWSCRAWL_WARC_DIR", str(tmp_path / "warc"))
    check_settings(settings)
    settings.set("NEWSCRAWL_OUTPUT_DIR", "ftp://host/archive")
    with pytest.raises(ConfigError, match=r"no storage for ftp:// \(use a path, file://, s3://\)"):
        check_settings(settings)


def test_every_default_passes_its_own_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    settings.setmodule("newscrawl.settings")
    check_settings(settings)
    assert Path("archive/warc").is_dir()


@pytest.mark.parametrize("command", ["shell", "parse", "upload"])
def test_shell_parse_and_upload_check_settings_too(tmp_path, command):
    args = {"shell": ["http://127.0.0.1:9/x", "-c", "1"], "parse": ["http://127.0.0.1:9/x"]}
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", command, "-s", "NEWSCRAWL_WARC_MAX_SIZE=abc",
         *args.get(command, [])],
        cwd=ROOT, env=crawl_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert (proc.stdout + proc.stderr).strip().splitlines() == [
        "newscrawl: bad setting: NEWSCRAWL_WARC_MAX_SIZE='abc' is not valid: "
        "expected a whole number (bytes, e.g. 104857600)"
    ]
