"""The address classifier and allow-list, on literal addresses (nothing connects)."""

from __future__ import annotations

import ipaddress

import pytest

from newscrawl.net.addresses import (
    AddressPolicy,
    NetworkConfigError,
    parse_networks,
    refusal_reason,
)
from newscrawl.net.guard import AddressNotAllowed

REFUSED = {
    "127.0.0.1": "loopback",
    "127.8.9.10": "loopback",
    "0.0.0.0": "unspecified",
    "10.1.2.3": "private",
    "172.16.5.4": "private",
    "192.168.1.1": "private",
    "169.254.169.254": "cloud metadata",
    "169.254.170.2": "cloud metadata",
    "100.100.100.200": "cloud metadata",
    "169.254.1.1": "link-local",
    "224.0.0.1": "multicast",
    "239.255.255.250": "multicast",
    "240.0.0.1": "reserved",
    "255.255.255.255": "reserved",  # broadcast
    "100.64.0.1": "not globally routable",  # shared address space (CGNAT)
    "192.0.2.10": "private",  # documentation (TEST-NET-1)
    "::1": "loopback",
    "::": "unspecified",
    "fe80::1": "link-local",
    "fc00::1": "private",
    "fd12:3456::1": "private",
    "fd00:ec2::254": "cloud metadata",
    "ff02::1": "multicast",
    "2001:db8::1": "private",  # documentation
}

EMBEDDED = {
    "::ffff:127.0.0.1": "loopback",
    "::ffff:169.254.169.254": "cloud metadata",
    "::ffff:10.0.0.1": "private",
    "2002:7f00:1::1": "loopback",  # 6to4 of 127.0.0.1
    "64:ff9b::a9fe:a9fe": "cloud metadata",  # NAT64 of 169.254.169.254
}

PUBLIC = ["8.8.8.8", "93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]


@pytest.mark.parametrize(("address", "reason"), sorted(REFUSED.items()))
def test_non_public_addresses_are_refused_with_their_reason(address, reason):
    assert refusal_reason(ipaddress.ip_address(address)) == reason + " address"
    assert AddressPolicy().check(address) == reason + " address"


@pytest.mark.parametrize(("address", "reason"), sorted(EMBEDDED.items()))
def test_ipv4_inside_ipv6_is_judged_as_the_ipv4_address(address, reason):
    assert AddressPolicy().check(address).startswith(reason + " address (IPv4 ")
    assert AddressPolicy().check(address).endswith(" inside IPv6)")


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address):
    assert AddressPolicy().check(address) is None


def test_allowed_networks_open_exactly_what_they_name():
    policy = AddressPolicy(parse_networks(["127.0.0.2/32", "10.20.0.0/16", "fd00:1::/64"]))
    assert policy.check("127.0.0.2") is None
    assert policy.check("::ffff:127.0.0.2") is None  # the same host, written as IPv6
    assert policy.check("10.20.99.1") is None
    assert policy.check("fd00:1::5") is None
    assert policy.check("127.0.0.1") == "loopback address"
    assert policy.check("10.21.0.1") == "private address"
    assert policy.check("169.254.169.254") == "cloud metadata address"
    assert policy.check("::1") == "loopback address"


def test_a_host_name_is_never_taken_for_an_address():
    assert AddressPolicy(parse_networks(["0.0.0.0/0"])).check("localhost") == "not an IP address"


def test_a_bad_network_names_the_setting_and_the_fix():
    with pytest.raises(
        NetworkConfigError, match=r"NEWSCRAWL_ALLOWED_NETWORKS='intranet' is not a network"
    ):
        parse_networks(["10.0.0.0/8", "intranet"])
    assert parse_networks(["", " 127.0.0.1 "]) == (ipaddress.ip_network("127.0.0.1/32"),)


def test_the_refusal_says_what_why_and_which_setting_allows_it():
    exc = AddressNotAllowed("localhost", 8080, [("127.0.0.1", "loopback address")])
    assert str(exc) == (
        "refused to connect to localhost (127.0.0.1) port 8080: loopback address; "
        "to allow it add 127.0.0.1/32 to NEWSCRAWL_ALLOWED_NETWORKS"
    )
    v6 = AddressNotAllowed("::1", 80, [("::1", "loopback address")])
    assert "::1/128" in str(v6)
    mapped = AddressNotAllowed("::ffff:10.0.0.1", 80, [("::ffff:10.0.0.1", "private address")])
    assert "add 10.0.0.1/32 to" in str(mapped)
