"""Start a real pywb (from its own virtualenv) as a process, for replay and recording tests."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import require_or_skip
from tests.support.crawl import ROOT
from tests.support.procs import free_port, stop_process


def pywb_python() -> Path | None:
    """The Python of pywb's virtualenv, if it can import pywb."""
    venv = os.environ.get("NEWSCRAWL_PYWB_VENV") or str(ROOT / ".venv-pywb")
    python = Path(venv) / "bin" / "python"
    if not python.exists():
        return None
    probe = subprocess.run([str(python), "-c", "import pywb, warcio"], capture_output=True)
    return python if probe.returncode == 0 else None


def fetch(url: str, timeout: float = 30, proxy: str | None = None) -> tuple[int, dict, bytes]:
    handlers = [urllib.request.ProxyHandler({"http": proxy} if proxy else {})]
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(url, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


@contextmanager
def running_pywb(root: Path) -> Iterator[str]:
    """pywb's ``wayback`` serving ``root`` (config.yaml, collections/) on a free port."""
    python = pywb_python()
    require_or_skip(python is not None, "pywb (set NEWSCRAWL_PYWB_VENV or create .venv-pywb)")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    with open(root / "wayback.log", "w") as log:
        proc = subprocess.Popen(
            [str(python), "-c", "from pywb.apps.cli import wayback; wayback()"]
            + ["-p", str(port), "-b", "127.0.0.1", "-d", str(root)],
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            while True:
                try:
                    if fetch(base + "/", timeout=2)[0] in (200, 404):
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError(
                        "pywb did not start: " + (root / "wayback.log").read_text()[-2000:]
                    )
                time.sleep(0.3)
            yield base
        finally:
            stop_process(proc)
