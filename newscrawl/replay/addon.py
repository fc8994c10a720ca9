"""``ReplayAddon``: answers requests from an archive when ``NEWSCRAWL_REPLAY_FROM`` is set.

It runs before :class:`~newscrawl.warc.addon.WarcAddon` and takes the http/https
download handlers; WARC capture is off in a replay (see
:func:`newscrawl.warc.config.warc_enabled`), so replay writes no WARC unless
``NEWSCRAWL_REPLAY_LIVE_FALLBACK`` sends misses to the live web.
"""

from __future__ import annotations

from scrapy.settings import BaseSettings

from newscrawl.addonsettings import set_component, set_download_handler, set_unless_given
from newscrawl.replay.config import replay_active

HANDLER = "newscrawl.replay.handler.ReplayDownloadHandler"
EXTENSION = "newscrawl.replay.extension.ReplayExtension"
ITEM_MIDDLEWARE = "newscrawl.replay.spidermiddleware.ReplayItemMiddleware"

#: same place as the WARC item middleware: last on the way out
ITEM_ORDER = 10
EXTENSION_ORDER = 90

#: with no server to be polite to, replay runs as fast as extraction allows;
#: a value given on the command line (-s) is kept
_UNTHROTTLED = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
}


class ReplayAddon:
    """Sets the replay download handler, extension and item middleware."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not replay_active(settings):
            return
        set_download_handler(settings, HANDLER, replace=True)
        set_component(settings, "EXTENSIONS", EXTENSION, EXTENSION_ORDER)
        set_component(settings, "SPIDER_MIDDLEWARES", ITEM_MIDDLEWARE, ITEM_ORDER)
        # the crawl state remembers what the live crawl archived: consulted in a replay
        # it would skip every article and send conditional requests to the archive
        set_unless_given(settings, "NEWSCRAWL_STATE_ENABLED", False)
        if settings.getbool("NEWSCRAWL_REPLAY_LIVE_FALLBACK"):
            return
        for name, value in _UNTHROTTLED.items():
            set_unless_given(settings, name, value)
