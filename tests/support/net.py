"""Loopback sockets that prove a crawl did NOT connect somewhere."""

from __future__ import annotations

import socket
from contextlib import closing


class Trap:
    """A listening socket that counts the connections made to it (without accepting)."""

    def __init__(self, family: int, host: str) -> None:
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]

    def connections(self) -> int:
        self.sock.setblocking(False)
        count = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1

    def close(self) -> None:
        self.sock.close()


def ipv6_loopback() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with closing(socket.socket(socket.AF_INET6, socket.SOCK_STREAM)) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True
