"""``scrapy upload``: send the outputs waiting in the spool to ``NEWSCRAWL_OUTPUT_DIR``."""

from __future__ import annotations

import argparse
import logging

from scrapy.commands import ScrapyCommand
from scrapy.utils.log import configure_logging

from newscrawl.commands.checks import CheckedSettings
from newscrawl.exitcodes import CONFIG_ERROR, OK, OUTPUTS_NOT_STORED
from newscrawl.storage.base import StorageConfigError, StorageUnavailable
from newscrawl.storage.layout import OutputLayout, build_storage
from newscrawl.storage.spool import Spool
from newscrawl.storage.uploader import Uploader

logger = logging.getLogger("newscrawl.upload")


class Command(CheckedSettings, ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_LEVEL": "INFO"}

    def short_desc(self) -> str:
        return "Send the outputs waiting in the spool to NEWSCRAWL_OUTPUT_DIR"

    def long_desc(self) -> str:
        return (
            "Send every complete file in the spool (NEWSCRAWL_SPOOL_DIR/outgoing) to the "
            "remote NEWSCRAWL_OUTPUT_DIR, deleting each once its upload is confirmed. "
            "Exit status: 0 all stored, 1 bad destination, 3 some files are still spooled."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help="give up after this many seconds of retrying (default: "
            "NEWSCRAWL_UPLOAD_CLOSE_TIMEOUT)",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        settings = self.settings
        configure_logging(settings)
        layout = OutputLayout.from_settings(settings)
        try:
            storage = build_storage(settings)
            if not storage.spooled:
                logger.info("%s is a local folder: nothing to upload", storage.describe())
                self.exitcode = OK
                return
            spool = Spool(layout.spool_dir, storage.uri)
            spool.open()
            storage.check()
        except StorageConfigError as exc:
            logger.error("Cannot store outputs: %s", exc)
            self.exitcode = CONFIG_ERROR
            return
        except StorageUnavailable as exc:
            logger.warning("%s is unreachable now (%s); retrying", storage.describe(), exc)
        before = spool.summary()
        logger.info("Sending %s from %s to %s", before.describe(), spool.outgoing, storage.uri)
        uploader = Uploader(
            storage,
            spool,
            settings.getfloat("NEWSCRAWL_UPLOAD_RETRY_DELAY", 1.0),
            settings.getfloat("NEWSCRAWL_UPLOAD_RETRY_MAX_DELAY", 60.0),
        )
        uploader.start()
        timeout = opts.timeout
        if timeout is None:
            timeout = settings.getfloat("NEWSCRAWL_UPLOAD_CLOSE_TIMEOUT", 60.0)
        uploader.drain(timeout)
        uploader.stop()
        left = spool.summary()
        stored = uploader.counts["uploaded"]
        if left.count:
            logger.error(
                "Stored %d files; %d were not stored and stay in %s (%s)",
                stored,
                left.count,
                spool.outgoing,
                left.describe(),
            )
            self.exitcode = OUTPUTS_NOT_STORED
        else:
            logger.info(
                "Stored %d files (%d bytes) in %s; the spool is empty",
                stored,
                uploader.counts["uploaded_bytes"],
                storage.describe(),
            )
            self.exitcode = OK
