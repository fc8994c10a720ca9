"""Fixtures: loopback servers the suite starts itself (never the internet)."""

from __future__ import annotations

import os
import shutil

import pytest

from newscrawl.demo.server import DemoServer

# Tests that need an optional component (pywb, chromium, redis-server, ...) skip
# when it is missing, unless CI asks for everything with NEWSCRAWL_REQUIRE_ALL=1.
REQUIRE_ALL = os.environ.get("NEWSCRAWL_REQUIRE_ALL") == "1"


def require_or_skip(available: bool, what: str) -> None:
    if available:
        return
    if REQUIRE_ALL:
        pytest.fail(f"{what} is required (NEWSCRAWL_REQUIRE_ALL=1) but missing")
    pytest.skip(f"{what} not available")


def require_executable(name: str) -> str:
    path = shutil.which(name)
    require_or_skip(path is not None, name)
    return path


@pytest.fixture
def demo_site():
    """The bundled demo news site on 127.0.0.1:<free port>."""
    with DemoServer() as server:
        yield server


@pytest.fixture
def server():
    """An empty loopback server; tests register routes with ``server.add(...)``."""
    with DemoServer(site_dir=None) as srv:
        srv.add(
            "/robots.txt", "User-agent: *\nDisallow:\n", headers=[("Content-Type", "text/plain")]
        )
        yield srv
