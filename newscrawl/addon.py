"""The newscrawl add-on: derives settings that depend on other settings."""

from __future__ import annotations

from dataclasses import fields

from scrapy.settings import BaseSettings

from newscrawl.addonsettings import set_dict
from newscrawl.items import Article
from newscrawl.offline import use_bundled_public_suffix_list
from newscrawl.worker import worker_id

# Scrapy extensions that do nothing unless their setting is on, with that setting
_OPTIONAL_EXTENSIONS = (
    ("scrapy.extensions.remote_control.RemoteControl", "REMOTE_CONTROL_ENABLED"),
    ("scrapy.extensions.telnet.TelnetConsole", "TELNETCONSOLE_ENABLED"),
)


class NewscrawlAddon:
    """Adds the JSON Lines export under ``NEWSCRAWL_OUTPUT_DIR`` to Scrapy's FEEDS.

    It runs after settings from every source are merged, so a ``-s
    NEWSCRAWL_OUTPUT_DIR=...`` on the command line moves the export too. It also
    keeps cookie handling offline (``NEWSCRAWL_PSL_OFFLINE``), and leaves out Scrapy's
    extensions that their own setting turns off, so their modules are not imported.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        if settings.getbool("NEWSCRAWL_PSL_OFFLINE", True):
            use_bundled_public_suffix_list()
        if settings.getbool("NEWSCRAWL_ITEMS_JSONL", True):
            self._add_items_export(settings)
        self._drop_disabled_extensions(settings)

    @staticmethod
    def _drop_disabled_extensions(settings: BaseSettings) -> None:
        # Scrapy imports every extension (and every key of EXTENSIONS, None or not) before
        # one can refuse with NotConfigured; the remote control's module imports aiohttp,
        # a quarter of a second of every run's start-up. Off, they leave EXTENSIONS_BASE.
        off = [path for path, setting in _OPTIONAL_EXTENSIONS if not settings.getbool(setting)]
        base = settings.getdict("EXTENSIONS_BASE")
        if all(base.get(path) is None for path in off):
            return
        for path in off:
            base.pop(path, None)
        set_dict(settings, "EXTENSIONS_BASE", base)

    def _add_items_export(self, settings: BaseSettings) -> None:
        output_dir = str(settings.get("NEWSCRAWL_OUTPUT_DIR") or "archive").rstrip("/")
        excluded = set(settings.getlist("NEWSCRAWL_ITEMS_EXCLUDE_FIELDS"))
        worker = worker_id(settings)
        # several workers writing to one folder: each has its own batch files
        suffix = f"-{worker}" if worker else ""
        uri = f"{output_dir}/items/%(name)s-%(time)s{suffix}.jsonl"
        feeds = settings.getdict("FEEDS")
        feeds.setdefault(
            uri,
            {
                "format": "jsonlines",
                "encoding": "utf-8",
                "fields": [f.name for f in fields(Article) if f.name not in excluded],
                "store_empty": False,
            },
        )
        set_dict(settings, "FEEDS", feeds)
