"""What every newscrawl command checks before it starts: the profile and the settings.

A bad setting or an unknown ``SCRAPY_PROJECT`` profile is one line on stderr and
exit status 1, before anything is logged or fetched, for ``scrapy crawl`` as for
``scrapy shell`` and ``scrapy parse``.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from scrapy.utils.conf import closest_scrapy_cfg, get_config

from newscrawl import exitcodes


def stop(message: str) -> None:
    """One line on stderr, exit status 1: nothing has been crawled."""
    sys.stderr.write(f"newscrawl: {message}\n")
    sys.stderr.flush()
    sys.exit(exitcodes.CONFIG_ERROR)


def unknown_profile() -> str | None:
    """The ``SCRAPY_PROJECT`` value when ``scrapy.cfg`` has no such profile."""
    profile = os.environ.get("SCRAPY_PROJECT")
    if not profile or os.environ.get("SCRAPY_SETTINGS_MODULE") or not closest_scrapy_cfg():
        return None
    cfg = get_config()
    if cfg.has_option("settings", profile):
        return None
    known = [name for name in cfg.options("settings")] if cfg.has_section("settings") else []
    return (
        f"SCRAPY_PROJECT={profile!r} is not a profile in {closest_scrapy_cfg()}: "
        f"use one of {', '.join(known) or '(none listed)'}, or add it under [settings]"
    )


class CheckedSettings:
    """Mixin for a Scrapy command: check the profile and settings after option parsing."""

    settings: Any

    @property
    def _newscrawl(self) -> bool:
        return self.settings is not None and "NEWSCRAWL_OUTPUT_DIR" in self.settings

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        profile_error = unknown_profile()
        if profile_error:
            stop(profile_error)
        super().process_options(args, opts)  # type: ignore[misc]
        if self._newscrawl:
            from newscrawl.config import ConfigError, check_settings

            try:
                check_settings(self.settings)
            except ConfigError as exc:
                stop(f"bad setting: {exc}")
