"""``WarcAddon``: wires WARC capture into a crawl when ``NEWSCRAWL_WARC_ENABLED`` is on."""

from __future__ import annotations

from scrapy.settings import BaseSettings

from newscrawl.addonsettings import set_component, set_download_handler
from newscrawl.warc.config import warc_enabled

HANDLER = "newscrawl.warc.handler.WarcHTTP11DownloadHandler"
CAPTURE_MIDDLEWARE = "newscrawl.warc.middleware.WarcCaptureMiddleware"
ITEM_MIDDLEWARE = "newscrawl.warc.spidermiddleware.WarcItemMiddleware"
EXTENSION = "newscrawl.warc.extension.WarcExtension"
PIPELINE = "newscrawl.warc.pipeline.WarcLocationPipeline"

#: above HttpCompressionMiddleware (590), RedirectMiddleware (600),
#: RetryMiddleware (550) and DownloaderStats (850): sees raw responses first
CAPTURE_ORDER = 950
#: low, so it runs last on the way out and items leave the spider complete
ITEM_ORDER = 10
EXTENSION_ORDER = 100
#: early, so that later pipelines (front matter, exports) see the warc_* fields
PIPELINE_ORDER = 50


class WarcAddon:
    """Sets the download handler, the two middlewares, the extension and the pipeline.

    A handler of your own for http/https in ``DOWNLOAD_HANDLERS`` is kept (and
    its responses are then counted as ``newscrawl/warc/uncaptured``).
    """

    def update_settings(self, settings: BaseSettings) -> None:
        if not warc_enabled(settings):
            return
        set_download_handler(settings, HANDLER)
        set_component(settings, "DOWNLOADER_MIDDLEWARES", CAPTURE_MIDDLEWARE, CAPTURE_ORDER)
        set_component(settings, "SPIDER_MIDDLEWARES", ITEM_MIDDLEWARE, ITEM_ORDER)
        set_component(settings, "EXTENSIONS", EXTENSION, EXTENSION_ORDER)
        set_component(settings, "ITEM_PIPELINES", PIPELINE, PIPELINE_ORDER)
