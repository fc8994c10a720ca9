"""``scrapy parse`` that checks the profile and settings first (one line, exit 1).

Without ``--pipelines`` items never reach the pipelines, so the extraction
pipeline is left out and the spider extracts in-process. Scrapy's own parse
command wraps the callback in a way Scrapy 2.19 itself
deprecates, which prints a ``ScrapyDeprecationWarning`` on every use; that
warning is about Scrapy's command, not about the project, so it is not shown.
"""

from __future__ import annotations

import argparse
import warnings

from scrapy.commands.parse import Command as ScrapyParseCommand
from scrapy.exceptions import ScrapyDeprecationWarning

from newscrawl.commands.checks import CheckedSettings

EXTRACT_PIPELINE = "newscrawl.pipelines.extract.ExtractPipeline"


class Command(CheckedSettings, ScrapyParseCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if not opts.pipelines:
            # items skip the pipelines here, so the spider must extract in-process:
            # an open ExtractPipeline would tell it to leave pages to the workers
            pipelines = self.settings.getdict("ITEM_PIPELINES")
            pipelines[EXTRACT_PIPELINE] = None
            self.settings.set("ITEM_PIPELINES", pipelines, priority="cmdline")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        warnings.filterwarnings(
            "ignore", message=r".*returned a Deferred", category=ScrapyDeprecationWarning
        )
        super().run(args, opts)
