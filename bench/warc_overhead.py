"""What WARC writing costs a crawl: pages/s with NEWSCRAWL_WARC_ENABLED on and off.

Generates a news site (default 2,000 articles of 50-100 KB HTML, in 20 RSS
feeds), serves it from a static server in a separate process on 127.0.0.1,
and runs ``scrapy crawl feeds`` against it several times with WARC on and off,
alternating. Prints each run's throughput and the median ratio.

    python bench/warc_overhead.py [--articles 2000] [--runs 3] [--gzip]

Two throughputs per run, both responses per second from the engine's start:
"end to end" until the stats file is written, i.e. after the WARC writer has
written its backlog, closed the last file and indexed it; "until close" until
the spider starts closing (Scrapy's elapsed_time_seconds). Target: median
on/off >= 0.90 (at most 10% overhead). The machine's load average is printed
too: other work on the machine moves these figures a lot.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = """council harbour bridge election market river school hospital weather train city
report minister budget festival museum library coast storm police court village farmers
energy prices water road archive tuesday officials residents said""".split()  # noqa: SIM905


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return f"<p>{text.capitalize()}.</p>\n"


def article_page(n: int, rng: random.Random, size: int) -> bytes:
    head = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Article {n}</title><link rel='canonical' href='/news/{n}.html'>"
        "<meta property='og:type' content='article'>"
        "<style>body{font-family:serif;max-width:40em;margin:auto}</style>"
        "<script>window.analytics=[];</script></head><body>"
        "<nav>" + "".join(f"<a href='/section/{w}'>{w}</a> " for w in WORDS[:20]) + "</nav>"
        f"<article><h1>Article {n}</h1>"
    )
    parts = [head]
    length = len(head)
    while length < size:
        p = paragraph(rng, rng.randint(40, 120))
        parts.append(p)
        length += len(p)
    parts.append("</article><footer>newscrawl benchmark site</footer></body></html>")
    return "".join(parts).encode()


def generate_site(directory: Path, articles: int, feeds: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    (directory / "news").mkdir(parents=True)
    (directory / "feeds").mkdir()
    for n in range(articles):
        page = article_page(n, rng, rng.randint(50_000, 100_000))
        (directory / "news" / f"{n}.html").write_bytes(page)
    per_feed = -(-articles // feeds)
    for f in range(feeds):
        items = "".join(
            f"<item><title>Article {n}</title><link>{{base}}/news/{n}.html</link>"
            f"<guid isPermaLink='false'>a{n}</guid></item>"
            for n in range(f * per_feed, min(articles, (f + 1) * per_feed))
        )
        feed = (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Feed {f}</title><link>{{base}}/</link><description>bench</description>"
            f"{items}</channel></rss>"
        )
        (directory / "feeds" / f"{f}.xml").write_text(feed, encoding="utf-8")
    (directory / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")


# -- the static server (runs in its own process) ---------------------------------
#
# A real site is on another machine; here the server shares the CPU with the
# crawler, so it must be as cheap as possible or it hides (or inflates) the
# crawler's own cost. Responses are assembled once; each request is answered
# with one write from an asyncio protocol (keep-alive, pipelining-safe).


def load_responses(directory: Path, base: bytes, use_gzip: bool) -> dict[bytes, bytes]:
    responses = {}
    for path in directory.rglob("*"):
        if not path.is_file():
            continue
        body = path.read_bytes().replace(b"{base}", base)
        ctype = {".html": b"text/html; charset=utf-8", ".xml": b"application/rss+xml"}.get(
            path.suffix, b"text/plain"
        )
        encoding = b""
        if use_gzip and path.suffix == ".html":
            body = gzip.compress(body, 6)
            encoding = b"Content-Encoding: gzip\r\n"
        head = (
            b"HTTP/1.1 200 OK\r\nServer: bench\r\nContent-Type: "
            + ctype
            + b"\r\n"
            + encoding
            + b"Content-Length: "
            + str(len(body)).encode()
            + b"\r\n\r\n"
        )
        responses[b"/" + path.relative_to(directory).as_posix().encode()] = head + body
    return responses


NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"


def serve(directory: Path, port_file: Path, use_gzip: bool) -> None:
    import asyncio

    responses: dict[bytes, bytes] = {}

    class Static(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            self.transport = transport
            self.buffer = b""

        def data_received(self, data: bytes) -> None:
            self.buffer += data
            while b"\r\n\r\n" in self.buffer:
                head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
                path = head.split(b" ", 2)[1] if head.count(b" ") >= 2 else b""
                self.transport.write(responses.get(path, NOT_FOUND))  # type: ignore[attr-defined]

    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(Static, "127.0.0.1", 0, backlog=256)
        port = server.sockets[0].getsockname()[1]
        base = f"http://127.0.0.1:{port}".encode()
        responses.update(load_responses(directory, base, use_gzip))
        port_file.write_text(base.decode())
        await server.serve_forever()

    asyncio.run(main())


# -- crawling ---------------------------------------------------------------------


def crawl(base: str, feeds: int, out: Path, warc: bool, extra: list[str]) -> dict:
    settings = {
        "NEWSCRAWL_OUTPUT_DIR": str(out),
        "NEWSCRAWL_STATS_FILE": str(out / "stats.json"),
        "NEWSCRAWL_WARC_ENABLED": str(warc),
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0",
        "CONCURRENT_REQUESTS": "32",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
        "LOG_LEVEL": "WARNING",
    }
    cmd = [sys.executable, "-m", "scrapy", "crawl", "feeds", "-a"]
    cmd.append("feeds=" + ",".join(f"{base}/feeds/{f}.xml" for f in range(feeds)))
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    for setting in extra:
        cmd += ["-s", setting]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.monotonic() - started
    # the crawl process and its writer process (reaped by it, so counted here)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode != 0:
        sys.exit(f"crawl failed:\n{proc.stderr[-3000:]}")
    stats_path = out / "stats.json"
    stats = json.loads(stats_path.read_text())
    start = datetime.fromisoformat(stats["start_time"]).timestamp()
    return {
        "pages": stats.get("downloader/response_count", 0),
        # until the last file is closed and indexed (the stats file is written after that)
        "total_time": stats_path.stat().st_mtime - start,
        # Scrapy's own crawl duration: until the spider starts closing
        "crawl_time": stats["elapsed_time_seconds"],
        "wall": wall,
        "warc_bytes": stats.get("newscrawl/warc/bytes", 0),
        "cpu": cpu,
        "writer_cpu": stats.get("newscrawl/warc/writer_cpu_seconds", 0.0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3, help="runs with WARC on, and as many off")
    parser.add_argument("--gzip", action="store_true", help="serve pages gzip-encoded")
    parser.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra Scrapy setting for every crawl, e.g. -s NEWSCRAWL_WARC_GZIP_LEVEL=1",
    )
    parser.add_argument("--serve", nargs=2, metavar=("DIR", "PORT_FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(Path(args.serve[0]), Path(args.serve[1]), args.gzip)
        return

    work = Path(tempfile.mkdtemp(prefix="newscrawl-bench-"))
    try:
        site = work / "site"
        generate_site(site, args.articles, args.feeds)
        size = sum(p.stat().st_size for p in (site / "news").iterdir())
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"load average (1, 5, 15 min) at the start: {load}")
        print(
            f"site: {args.articles} articles, {size / args.articles / 1024:.0f} KB average, "
            f"{args.feeds} feeds, served {'gzip-encoded' if args.gzip else 'identity'}"
        )
        port_file = work / "port"
        server_cmd = [sys.executable, __file__, "--serve", str(site), str(port_file)]
        server = subprocess.Popen(server_cmd + (["--gzip"] if args.gzip else []))
        try:
            while not port_file.exists() or not port_file.read_text():
                time.sleep(0.1)
            base = port_file.read_text()
            total: dict[bool, list[float]] = {True: [], False: []}
            crawl_only: dict[bool, list[float]] = {True: [], False: []}
            for run in range(args.runs):
                for warc in (False, True):
                    out = work / f"out-{run}-{'on' if warc else 'off'}"
                    r = crawl(base, args.feeds, out, warc, args.set)
                    total[warc].append(r["pages"] / r["total_time"])
                    crawl_only[warc].append(r["pages"] / r["crawl_time"])
                    pages = r["pages"]
                    extra = (
                        f", WARC {r['warc_bytes'] / 1e6:.1f} MB, CPU/page: crawl process "
                        f"{1000 * (r['cpu'] - r['writer_cpu']) / pages:.2f} ms + writer "
                        f"{1000 * r['writer_cpu'] / pages:.2f} ms"
                        if warc
                        else f", CPU/page: crawl process {1000 * r['cpu'] / pages:.2f} ms"
                    )
                    print(
                        f"run {run + 1} WARC {'on ' if warc else 'off'}: {r['pages']} responses, "
                        f"{total[warc][-1]:.1f} pages/s end to end ({r['total_time']:.2f} s), "
                        f"{crawl_only[warc][-1]:.1f} pages/s until close ({r['crawl_time']:.2f} s)"
                        f"{extra}"
                    )
                    shutil.rmtree(out)
        finally:
            server.terminate()
            server.wait()
        for label, results in (("end to end", total), ("until close", crawl_only)):
            on, off = statistics.median(results[True]), statistics.median(results[False])
            ratio = on / off
            print(
                f"median pages/s {label}: WARC off {off:.1f}, on {on:.1f}; ratio on/off "
                f"{ratio:.3f} (overhead {100 * (1 - ratio):.1f}%, target <= 10%)"
            )
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"load average (1, 5, 15 min) at the end: {load}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
