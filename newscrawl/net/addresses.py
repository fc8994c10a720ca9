"""Classify IP addresses a crawl must not reach, and the operator's exceptions.

A crawler fetches URLs that strangers wrote. Without a check, a feed entry or a
redirect pointing at ``http://169.254.169.254/`` or ``http://localhost:6379/``
turns the crawl host into a proxy into its own network. These pure functions say
why an address is off limits; :mod:`newscrawl.net.guard` applies them at the
moment of connecting, to the address actually used.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

SETTING = "NEWSCRAWL_ALLOWED_NETWORKS"

#: Cloud instance-metadata endpoints (credentials live there). Most are also
#: link-local or private; naming them gives the log line a clearer reason.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean ...
        "169.254.170.2",  # AWS ECS task metadata
        "169.254.169.123",  # AWS time sync
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud (classic)
        "fd00:ec2::254",  # AWS IPv6 metadata
        "fd00:ec2::23",  # AWS IPv6 DNS
    )
)

NAT64 = ipaddress.ip_network("64:ff9b::/96")


class NetworkConfigError(ValueError):
    """A bad ``NEWSCRAWL_ALLOWED_NETWORKS`` entry; the message says how to fix it."""


def refusal_reason(address: IPAddress) -> str | None:
    """Why ``address`` is off limits ("loopback address", ...), or None if it is public."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        reason = refusal_reason(embedded)
        return f"{reason} (IPv4 {embedded} inside IPv6)" if reason else None
    if address in METADATA_ADDRESSES:
        return "cloud metadata address"
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        # shared (CGNAT), documentation, benchmarking and other special ranges
        ("not globally routable", not address.is_global),
    )
    for reason, hit in checks:
        if hit:
            return f"{reason} address"
    return None


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped, 6to4, Teredo, NAT64)."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def parse_networks(values: Iterable[str]) -> tuple[IPNetwork, ...]:
    """CIDRs from the setting; raises ``NetworkConfigError`` naming a bad one."""
    networks = []
    for value in values:
        text = str(value).strip()
        if not text:
            continue
        try:
            networks.append(ipaddress.ip_network(text, strict=False))
        except ValueError:
            raise NetworkConfigError(
                f"{SETTING}={text!r} is not a network; write CIDRs such as "
                "127.0.0.1/32, 10.0.0.0/8 or fd00::/8"
            ) from None
    return tuple(networks)


@dataclass(frozen=True)
class AddressPolicy:
    """Refuse non-public addresses unless an allowed network holds them."""

    allowed: tuple[IPNetwork, ...] = ()

    def check(self, host: str) -> str | None:
        """Why connecting to the IP ``host`` is refused, or None when it is fine."""
        try:
            address = ipaddress.ip_address(host.split("%", 1)[0])
        except ValueError:
            return "not an IP address"
        reason = refusal_reason(address)
        if reason is None or self._allowed(address):
            return None
        return reason

    def _allowed(self, address: IPAddress) -> bool:
        candidates: list[IPAddress] = [address]
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            candidates.append(embedded)
        return any(a in net for a in candidates for net in self.allowed if a.version == net.version)


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def allow_entry(host: str) -> str:
    """The narrowest ``NEWSCRAWL_ALLOWED_NETWORKS`` entry that allows the IP ``host``."""
    address = ipaddress.ip_address(host.split("%", 1)[0])
    address = _embedded_ipv4(address) or address
    return f"{address}/{address.max_prefixlen}"
