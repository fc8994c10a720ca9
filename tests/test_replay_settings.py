"""The replay add-on: which settings it takes over, and which it leaves to the operator."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings

from newscrawl import settings as defaults
from newscrawl.replay.addon import HANDLER, ReplayAddon
from newscrawl.replay.config import ReplayConfig, ReplayConfigError, parse_at
from newscrawl.warc.addon import WarcAddon


def project_settings(**cmdline) -> Settings:
    settings = Settings()
    settings.setmodule(defaults, priority="project")
    settings.update(cmdline, priority="cmdline")
    return settings


def apply_addons(settings: Settings) -> Settings:
    ReplayAddon().update_settings(settings)
    WarcAddon().update_settings(settings)
    return settings


def test_replay_takes_the_handlers_and_turns_off_capture_and_delays():
    settings = apply_addons(project_settings(NEWSCRAWL_REPLAY_FROM="archive/warc"))
    assert settings.getdict("DOWNLOAD_HANDLERS") == {"http": HANDLER, "https": HANDLER}
    assert "newscrawl.warc.middleware.WarcCaptureMiddleware" not in str(
        settings.getdict("DOWNLOADER_MIDDLEWARES")
    )
    assert settings.getfloat("DOWNLOAD_DELAY") == 0
    assert settings.getbool("AUTOTHROTTLE_ENABLED") is False


def test_command_line_delays_are_kept():
    settings = apply_addons(
        project_settings(NEWSCRAWL_REPLAY_FROM="archive/warc", DOWNLOAD_DELAY="2")
    )
    assert settings.getfloat("DOWNLOAD_DELAY") == 2


def test_live_fallback_keeps_capture_and_politeness():
    settings = apply_addons(
        project_settings(NEWSCRAWL_REPLAY_FROM="a", NEWSCRAWL_REPLAY_LIVE_FALLBACK="True")
    )
    assert settings.getdict("DOWNLOAD_HANDLERS")["http"] == HANDLER
    assert "WarcCaptureMiddleware" in str(settings.getdict("DOWNLOADER_MIDDLEWARES"))
    assert settings.getfloat("DOWNLOAD_DELAY") == 0.25


def test_without_replay_nothing_changes():
    settings = apply_addons(project_settings())
    assert "replay" not in str(settings.getdict("DOWNLOAD_HANDLERS"))
    assert settings.getfloat("DOWNLOAD_DELAY") == 0.25


def test_replay_at_accepts_iso_and_warc_timestamps():
    assert parse_at("2026-11-01T12:00:00Z") == parse_at("20261101120000")
    with pytest.raises(ReplayConfigError, match="NEWSCRAWL_REPLAY_AT"):
        ReplayConfig.from_settings(project_settings(NEWSCRAWL_REPLAY_AT="yesterday-ish"))
