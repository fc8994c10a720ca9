"""A loopback nginx (the Debian package) serving one folder, for the benchmarks."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

INSTALL_HINT = "nginx not found: install it with `apt-get install nginx-light` (or nginx)"

CONFIG = """\
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    types {{ text/html html; application/rss+xml xml; text/plain txt; }}
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {prefix}/tmp;
    proxy_temp_path {prefix}/tmp;
    fastcgi_temp_path {prefix}/tmp;
    uwsgi_temp_path {prefix}/tmp;
    scgi_temp_path {prefix}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        charset utf-8;
        charset_types application/rss+xml;
    }}
}}
"""


def find_nginx() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )
    if not found:
        sys.exit(INSTALL_HINT)
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Nginx:
    """``with Nginx(folder) as server: server.serve(site)``; URLs start with ``server.base``."""

    def __init__(self, prefix: Path) -> None:
        self.binary = find_nginx()
        self.prefix = prefix
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Nginx:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def serve(self, root: Path) -> None:
        """(Re)start nginx with ``root`` as its document root."""
        self.stop()
        (self.prefix / "tmp").mkdir(parents=True, exist_ok=True)
        conf = self.prefix / "nginx.conf"
        conf.write_text(CONFIG.format(prefix=self.prefix, port=self.port, root=root.resolve()))
        self.proc = subprocess.Popen([self.binary, "-c", str(conf), "-p", str(self.prefix)])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        sys.exit(f"nginx did not start; see {self.prefix / 'error.log'}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None
