"""Scrapy's HTTP/1.1 download handler with the address guard on every connection."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler, _ScrapyAgent, logger
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError, ResponseDataLossError
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils._download_handlers import get_dataloss_msg, wrap_twisted_exceptions
from scrapy.utils.defer import maybe_deferred_to_future

from newscrawl.net.addresses import SETTING, AddressPolicy, parse_networks
from newscrawl.net.guard import AddressNotAllowed, guard_agent

STAT = "newscrawl/net/refused"


def policy_from_settings(settings: BaseSettings) -> AddressPolicy:
    return AddressPolicy(parse_networks(settings.getlist(SETTING)))


class GuardedScrapyAgent(_ScrapyAgent):
    """Scrapy's agent; direct connections go through the guarded endpoints."""

    address_policy: AddressPolicy = AddressPolicy()

    def _get_agent(self, request: Request, timeout: float) -> Any:
        agent = super()._get_agent(request, timeout)
        if request.meta.get("proxy"):
            return agent  # the proxy resolves and connects, not us
        return guard_agent(agent, self.address_policy)


class GuardedHTTP11DownloadHandler(HTTP11DownloadHandler):
    """Refuses private, loopback, link-local, multicast, reserved and metadata addresses.

    ``NEWSCRAWL_ALLOWED_NETWORKS`` lists the exceptions. A refused request fails
    with :class:`AddressNotAllowed` (an ``IgnoreRequest``: never retried) whose
    message names the address, the reason and the setting; the spider's errback
    logs it, and the stat ``newscrawl/net/refused`` counts it.
    """

    agent_class: type[GuardedScrapyAgent] = GuardedScrapyAgent

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.address_policy = policy_from_settings(crawler.settings)

    def _make_agent(self) -> GuardedScrapyAgent:
        spider = self._crawler.spider
        agent = self.agent_class(
            contextFactory=self._contextFactory,
            bindAddress=self._bind_address,
            pool=self._pool,
            maxsize=getattr(spider, "download_maxsize", self._default_maxsize),
            warnsize=getattr(spider, "download_warnsize", self._default_warnsize),
            fail_on_dataloss=self._fail_on_dataloss,
            crawler=self._crawler,
            tls_verbose_logging=self._tls_verbose_logging,
        )
        agent.address_policy = self.address_policy
        return agent

    async def download_request(self, request: Request) -> Response:
        # Same as the parent's, with our agent; the parent builds its agent
        # inline, so this is the one place to swap it.
        agent = self._make_agent()
        try:
            with wrap_twisted_exceptions():
                return await maybe_deferred_to_future(agent.download_request(request))
        except AddressNotAllowed as exc:
            stats = self._crawler.stats
            if stats is not None:
                stats.inc_value(STAT)
                stats.inc_value(f"{STAT}/{exc.reason.split(' address')[0].replace(' ', '_')}")
            raise
        except DownloadCancelledError as exc:
            if str(exc):
                raise
            # Scrapy cancels a body that grows past the limit without saying why
            limit = request.meta.get("download_maxsize", agent._maxsize)
            raise DownloadCancelledError(
                f"Received a body larger than download max size ({limit}); cut (DOWNLOAD_MAXSIZE)"
            ) from exc
        except ResponseDataLossError:
            if not self._fail_on_dataloss_warned:
                logger.warning(get_dataloss_msg(request.url))
                self._fail_on_dataloss_warned = True
            raise
