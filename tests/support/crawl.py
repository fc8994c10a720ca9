"""Run a real ``scrapy crawl`` in a subprocess and collect what it wrote."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

# Fast, deterministic crawls against loopback servers.
TEST_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "LOG_LEVEL": "INFO",
    # Crawl state across runs is off unless a test asks for it (tests/test_state_*.py):
    # many tests crawl one site twice into one folder and expect two full crawls.
    "NEWSCRAWL_STATE_ENABLED": "False",
    # the suite's servers listen on 127.0.0.1, which the address guard refuses by default
    "NEWSCRAWL_ALLOWED_NETWORKS": "127.0.0.1/32",
}


@dataclass
class CrawlResult:
    returncode: int
    output_dir: Path
    log: str
    stats: dict[str, Any]
    items: list[dict[str, Any]] = field(default_factory=list)

    def stat(self, key: str, default: Any = 0) -> Any:
        return self.stats.get(key, default)

    def assert_one_config_error(self, naming: str) -> None:
        """The run stopped at start-up on one ERROR line naming ``naming``, no traceback."""
        errors = [line for line in self.log.splitlines() if "] ERROR:" in line]
        assert len(errors) == 1 and naming in errors[0], self.log[-2000:]
        assert self.stat("newscrawl/config_error") == 1
        assert "Traceback" not in self.log

    def item_for(self, url_part: str) -> dict[str, Any]:
        matches = [i for i in self.items if url_part in (i.get("url") or "")]
        assert len(matches) == 1, f"expected one item for {url_part}, got {len(matches)}"
        return matches[0]


def crawl_command(
    output_dir: Path,
    feeds: list[str] | None = None,
    spider_args: dict[str, str] | None = None,
    settings: dict[str, Any] | None = None,
    spider: str = "feeds",
) -> list[str]:
    args = [sys.executable, "-m", "scrapy", "crawl", spider]
    if feeds is not None:
        args += ["-a", "feeds=" + ",".join(feeds)]
    for key, value in (spider_args or {}).items():
        args += ["-a", f"{key}={value}"]
    merged = {
        **TEST_SETTINGS,
        "NEWSCRAWL_OUTPUT_DIR": str(output_dir),
        "NEWSCRAWL_STATS_FILE": str(output_dir / "stats.json"),
        **(settings or {}),
    }
    for key, value in merged.items():
        if isinstance(value, (dict, list)):
            value = json.dumps(value)
        args += ["-s", f"{key}={value}"]
    return args


def crawl_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra or {})
    return env


# the end of a script run by ``run_reactor_script``: its ``main()`` returns a Deferred
_REACTOR_MAIN = """

def run():
    d = main()
    d.addBoth(lambda result: (reactor.stop(), result)[1])
    d.addErrback(lambda failure: print(failure.getTraceback(), flush=True))


if __name__ == "__main__":
    reactor.callWhenRunning(run)
    reactor.run()
"""


def run_reactor_script(
    path: Path, source: str, timeout: float = 240
) -> subprocess.CompletedProcess:
    """Run ``source`` (which defines ``main()``, returning a Deferred, and imports
    ``reactor``) as the script ``path`` in a Python process of its own, under a running
    reactor, with the crawl's environment; its output is captured as text."""
    path.write_text(source + _REACTOR_MAIN)
    return subprocess.run(
        [sys.executable, str(path)],
        cwd=ROOT,
        env=crawl_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_crawl(
    output_dir: Path,
    feeds: list[str] | None = None,
    spider_args: dict[str, str] | None = None,
    settings: dict[str, Any] | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    spider: str = "feeds",
) -> CrawlResult:
    """Crawl with the project's settings (cwd = repo root) into ``output_dir``."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    cmd = crawl_command(output_dir, feeds, spider_args, settings, spider)
    proc = subprocess.run(
        cmd, cwd=ROOT, env=crawl_env(env), capture_output=True, text=True, timeout=timeout
    )
    return collect(output_dir, proc.returncode, proc.stderr + proc.stdout)


def collect(output_dir: Path, returncode: int, log: str) -> CrawlResult:
    stats_path = output_dir / "stats.json"
    stats = json.loads(stats_path.read_text()) if stats_path.exists() else {}
    items = []
    for path in sorted((output_dir / "items").glob("*.jsonl")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for number, line in enumerate(lines, 1):
            try:
                items.append(json.loads(line))
            except ValueError:
                # only a batch's last line, torn by a SIGKILL mid-write, may be unreadable
                # (never marked archived, so fetched again)
                if number != len(lines):
                    raise

    return CrawlResult(returncode, output_dir, log, stats, items)


def start_crawl(
    output_dir: Path,
    feeds: list[str] | None,
    settings: dict | None = None,
    env: dict[str, str] | None = None,
    **kw,
):
    """Start a crawl without waiting (for crash and signal tests, and parallel workers)."""
    output_dir.mkdir(parents=True, exist_ok=True)
    cmd = crawl_command(output_dir, feeds, settings=settings, **kw)
    return subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=crawl_env(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def kill_crawl(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    os.killpg(proc.pid, sig)


def finish_crawl(proc: subprocess.Popen, timeout: float) -> str:
    """Wait for a started crawl and return its log, read all the while.

    ``proc.wait()`` alone can hang: a crawl that logs more than the pipe holds (64 KB)
    blocks on its next write until someone reads.
    """
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_crawl(proc, signal.SIGKILL)
        out, _ = proc.communicate()
        raise AssertionError(f"the crawl did not end in {timeout} s:\n{out[-3000:]}") from None
    return out
