"""``NetGuardAddon``: checks ``NEWSCRAWL_ALLOWED_NETWORKS`` and guards every HTTP(S) fetch."""

from __future__ import annotations

from scrapy.settings import BaseSettings

from newscrawl.net.handler import policy_from_settings

HANDLER = "newscrawl.net.handler.GuardedHTTP11DownloadHandler"

_ADDON_PRIORITY = 15  # Scrapy's SETTINGS_PRIORITIES["addon"]


class NetGuardAddon:
    """Rejects a bad allow-list at start-up; installs the guarded handler where none is set.

    It runs after the WARC add-on, whose handler already carries the guard; with
    WARC off, http and https get :class:`~newscrawl.net.handler.GuardedHTTP11DownloadHandler`.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        policy_from_settings(settings)  # raises NetworkConfigError with the fix
        handlers = settings.getdict("DOWNLOAD_HANDLERS")
        for scheme in ("http", "https"):
            handlers.setdefault(scheme, HANDLER)
        priority = max(settings.getpriority("DOWNLOAD_HANDLERS") or 0, _ADDON_PRIORITY)
        settings.set("DOWNLOAD_HANDLERS", handlers, priority=priority)
