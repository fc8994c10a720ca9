"""``scrapy shell`` that checks the profile and settings first (one line, exit 1)."""

from __future__ import annotations

from scrapy.commands.shell import Command as ScrapyShellCommand

from newscrawl.commands.checks import CheckedSettings


class Command(CheckedSettings, ScrapyShellCommand):
    pass
