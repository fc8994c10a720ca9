"""``NetGuardAddon``: checks ``NEWSCRAWL_ALLOWED_NETWORKS`` and guards every HTTP(S) fetch."""

from __future__ import annotations

from scrapy.settings import BaseSettings

from newscrawl.addonsettings import set_download_handler
from newscrawl.net.handler import policy_from_settings

HANDLER = "newscrawl.net.handler.GuardedHTTP11DownloadHandler"


class NetGuardAddon:
    """Rejects a bad allow-list at start-up; installs the guarded handler where none is set.

    It runs after the WARC add-on, whose handler already carries the guard; with
    WARC off, http and https get :class:`~newscrawl.net.handler.GuardedHTTP11DownloadHandler`.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        policy_from_settings(settings)  # raises NetworkConfigError with the fix
        set_download_handler(settings, HANDLER)
