"""Refuse, at connection time, addresses an :class:`AddressPolicy` rules out.

The check sits where Twisted turns a host name into addresses to connect to:
a :class:`GuardedHostnameEndpoint` resolves the name, drops every address the
policy refuses, and connects only to the ones it kept. No second lookup happens
between the check and the connect, so a DNS answer that changes (rebinding)
cannot slip past it. IP literals (``127.0.0.1``, ``[::1]``) are checked without
any lookup. Redirects and meta refreshes become new requests and pass the same
check.
"""

from __future__ import annotations

import functools
from typing import Any

from scrapy.exceptions import IgnoreRequest
from twisted.internet._resolver import HostResolution
from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.endpoints import HostnameEndpoint, wrapClientTLS
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IHostnameResolver, IResolutionReceiver
from twisted.python.compat import nativeString
from twisted.python.failure import Failure
from twisted.web.client import URI, _StandardEndpointFactory
from zope.interface import implementer

from newscrawl.net.addresses import SETTING, AddressPolicy, allow_entry, is_ip_literal


class AddressNotAllowed(IgnoreRequest):
    """Every address of the host is one the policy refuses (message: which, why, fix)."""

    def __init__(self, host: str, port: int, refused: list[tuple[str, str]]) -> None:
        address, reason = refused[0]
        self.host = host
        self.address = address
        self.reason = reason
        shown = f"[{address}]" if ":" in address else address
        named = host if host == address else f"{host} ({shown})"
        network = allow_entry(address)
        super().__init__(
            f"refused to connect to {named} port {port}: {reason}; "
            f"to allow it add {network} to {SETTING}"
        )


@implementer(IResolutionReceiver)
class _FilteringReceiver:
    def __init__(self, receiver: Any, policy: AddressPolicy, refused: list) -> None:
        self._receiver = receiver
        self._policy = policy
        self._refused = refused

    def resolutionBegan(self, resolution: Any) -> None:  # noqa: N802 (Twisted's name)
        self._receiver.resolutionBegan(resolution)

    def addressResolved(self, address: Any) -> None:  # noqa: N802
        reason = self._policy.check(address.host)
        if reason is None:
            self._receiver.addressResolved(address)
        else:
            self._refused.append((address.host, reason))

    def resolutionComplete(self) -> None:  # noqa: N802
        self._receiver.resolutionComplete()


@implementer(IHostnameResolver)
class _FilteringResolver:
    """Wraps the reactor's resolver; only allowed addresses reach the endpoint."""

    def __init__(self, resolver: Any, policy: AddressPolicy, refused: list) -> None:
        self._resolver = resolver
        self._policy = policy
        self._refused = refused

    def resolveHostName(  # noqa: N802
        self,
        resolutionReceiver: Any,  # noqa: N803
        hostName: str,  # noqa: N803
        portNumber: int = 0,  # noqa: N803
        addressTypes: Any = None,  # noqa: N803
        transportSemantics: str = "TCP",  # noqa: N803
    ) -> Any:
        receiver = _FilteringReceiver(resolutionReceiver, self._policy, self._refused)
        if is_ip_literal(hostName):
            # no lookup for a literal (and IPv6 literals work with any resolver)
            resolution = HostResolution(hostName)
            receiver.resolutionBegan(resolution)
            kind = IPv6Address if ":" in hostName else IPv4Address
            receiver.addressResolved(kind("TCP", hostName, portNumber))
            receiver.resolutionComplete()
            return resolution
        return self._resolver.resolveHostName(
            receiver, hostName, portNumber, addressTypes, transportSemantics
        )


class GuardedHostnameEndpoint(HostnameEndpoint):
    """A ``HostnameEndpoint`` that connects only to addresses the policy allows."""

    # Twisted converts the host name (IDNA checks, about 0.2 ms) for every request's
    # endpoint; the conversion depends on the name alone, so each host is converted once
    _hostAsBytesAndText = staticmethod(  # noqa: N815 (Twisted's name)
        functools.lru_cache(maxsize=1024)(HostnameEndpoint._hostAsBytesAndText)
    )

    def __init__(self, reactor: Any, host: str, port: int, policy: AddressPolicy, **kw: Any):
        # set first: HostnameEndpoint's __init__ already asks for the resolver
        self._policy = policy
        self._refused: list[tuple[str, str]] = []
        super().__init__(reactor, host, port, **kw)

    def _getNameResolverAndMaybeWarn(self, reactor: object) -> Any:  # noqa: N802
        resolver = super()._getNameResolverAndMaybeWarn(reactor)
        return _FilteringResolver(resolver, self._policy, self._refused)

    def connect(self, protocolFactory: Any) -> Any:  # noqa: N803
        self._refused.clear()
        d = super().connect(protocolFactory)

        def _explain(failure: Failure) -> Failure:
            if self._refused and failure.check(DNSLookupError):
                raise AddressNotAllowed(self._hostText, self._port, list(self._refused))
            return failure

        return d.addErrback(_explain)


class GuardedEndpointFactory(_StandardEndpointFactory):
    """Twisted's endpoint factory (TCP, or TLS over TCP), with the guarded endpoint."""

    def __init__(self, standard: _StandardEndpointFactory, policy: AddressPolicy) -> None:
        super().__init__(
            standard._reactor,
            standard._policyForHTTPS,
            standard._connectTimeout,
            standard._bindAddress,
        )
        self._address_policy = policy

    def endpointForURI(self, uri: URI) -> Any:  # noqa: N802
        kwargs: dict[str, Any] = {"bindAddress": self._bindAddress}
        if self._connectTimeout is not None:
            kwargs["timeout"] = self._connectTimeout
        host = nativeString(uri.host)
        endpoint = GuardedHostnameEndpoint(
            self._reactor, host, uri.port, self._address_policy, **kwargs
        )
        if uri.scheme == b"https":
            creator = self._policyForHTTPS.creatorForNetloc(uri.host, uri.port)
            return wrapClientTLS(creator, endpoint)
        if uri.scheme == b"http":
            return endpoint
        return super().endpointForURI(uri)


def guard_agent(agent: Any, policy: AddressPolicy) -> Any:
    """Make a direct-connection Twisted ``Agent`` use the guarded endpoints.

    Agents that talk to a proxy are left alone: the proxy resolves the target,
    so the operator's proxy is where such a policy belongs.
    """
    factory = getattr(agent, "_endpointFactory", None)
    if type(factory) is _StandardEndpointFactory:
        agent._endpointFactory = GuardedEndpointFactory(factory, policy)
    return agent
