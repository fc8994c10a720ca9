"""Benchmark newscrawl against its peers on a synthetic news site served by nginx.

    python -m bench.run                       # 1,000 articles, 3 runs of each variant
    python -m bench.run --articles 2000 --runs 5 --variants 1,2,3,4
    python -m bench.run --scale               # newscrawl full at N = 2,000 and 20,000

Variants (each run as a whole process; the same site, URLs and concurrency):
(1) plain Scrapy feed -> article crawl; (2) naive Scrapy + warcio + trafilatura inline +
JSON Lines; (3) newscrawl archive-only; (4) newscrawl full pipeline; (5) newscrawl
replaying (4)'s archive offline; (6) ``wget --warc-file`` over the same URLs; (7) newscrawl
full with its shipped polite defaults (delay, AutoThrottle, 4 per host, robots.txt).
Variants register in ``bench.variants``. For each: wall time, pages/s, CPU seconds of
the process tree (the crawl and every process it started and reaped) and the peak RSS
of the tree (sum of the processes' resident sets, sampled every 0.1 s), median and
min-max over the runs; then the ratios 3/1, 4/2, 5/4 and 5/7. The site server's own
CPU is not counted.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.nginx import Nginx
from bench.site import article_urls, generate_site
from bench.variants import VARIANTS, Context, Variant

RATIOS = (("3", "1"), ("4", "2"), ("5", "4"), ("5", "7"))


@dataclass
class Measure:
    wall: float
    cpu: float
    peak_rss: int  # bytes
    pages: int


@dataclass
class Series:
    variant: Variant
    runs: list[Measure] = field(default_factory=list)


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                found += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(pid: int) -> int:
    """Resident set of ``pid`` and all its descendants, summed."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _rss(current)
        todo += _children(current)
    return total


def measure(cmd: list[str], cwd: Path, env: dict[str, str], log: Path) -> tuple[Measure, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak = 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not stop.is_set():
                peak = max(peak, tree_rss(proc.pid))
                stop.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = proc.wait()
        stop.set()
        sampler.join()
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Measure(wall, cpu, peak, 0), code


def run_variant(variant: Variant, ctx: Context, run: int) -> Measure:
    out = ctx.work / f"out-{variant.key}-{run}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    cmd, env = variant.command(ctx, out)
    result, code = measure(cmd, out, env, out / "run.log")
    if code not in variant.ok_codes:
        tail = (out / "run.log").read_text(errors="replace")[-3000:]
        sys.exit(f"variant ({variant.key}) failed with exit status {code}:\n{tail}")
    result.pages = variant.count(ctx, out)
    if result.pages < ctx.articles:
        sys.exit(f"variant ({variant.key}) fetched {result.pages} of {ctx.articles} articles")
    ctx.outputs[variant.key] = out
    return result


def fmt_range(values: list[float], digits: int = 1) -> str:
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.{digits}f}"
    return f"{med:.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def print_table(series: list[Series], articles: int) -> dict[str, float]:
    print()
    print(f"{articles} articles; medians, (min-max) over {len(series[0].runs)} runs")
    print("| variant | wall s | pages/s | CPU s | pages per CPU-s | peak RSS MB (tree) |")
    print("| --- | --- | --- | --- | --- | --- |")
    rates = {}
    for s in series:
        walls = [m.wall for m in s.runs]
        pps = [articles / m.wall for m in s.runs]
        cpus = [m.cpu for m in s.runs]
        rss = [m.peak_rss / 2**20 for m in s.runs]
        per_cpu = [articles / m.cpu for m in s.runs if m.cpu > 0]
        rates[s.variant.key] = statistics.median(pps)
        print(
            f"| ({s.variant.key}) {s.variant.label} | {fmt_range(walls)} | {fmt_range(pps)} | "
            f"{fmt_range(cpus)} | {fmt_range(per_cpu)} | {fmt_range(rss, 0)} |"
        )
    print()
    for a, b in RATIOS:
        if a in rates and b in rates:
            print(f"ratio {a}/{b} (median pages/s): {rates[a] / rates[b]:.2f}")
    return rates


def machine() -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), Python {sys.version.split()[0]}, load {load}"


def prepare(work: Path, articles: int, feeds: int, server: Nginx) -> Context:
    site = work / f"site-{articles}"
    generate_site(site, articles, feeds, server.base)
    size = sum(p.stat().st_size for p in (site / "news").iterdir()) / articles / 1024
    print(f"site: {articles} articles, {size:.0f} KB average, {feeds} feeds ({site})")
    ctx = Context(
        work=work,
        base=server.base,
        articles=articles,
        feed_urls=[f"{server.base}/feeds/{f}.xml" for f in range(feeds)],
        article_urls=article_urls(server.base, articles),
    )
    server.serve(site)
    return ctx


def benchmark(args: argparse.Namespace, work: Path, server: Nginx) -> None:
    chosen = [VARIANTS[k] for k in args.variants.split(",") if k in VARIANTS]
    if not shutil.which("wget"):
        print("wget not found (apt-get install wget): variant (6) left out")
        chosen = [v for v in chosen if v.key != "6"]
    ctx = prepare(work, args.articles, args.feeds, server)
    series = [Series(v) for v in chosen]
    for run in range(args.runs):
        for s in series:
            m = run_variant(s.variant, ctx, run)
            s.runs.append(m)
            print(
                f"run {run + 1} ({s.variant.key}) {s.variant.label}: {m.wall:.1f} s, "
                f"{ctx.articles / m.wall:.1f} pages/s, CPU {m.cpu:.1f} s, "
                f"peak RSS {m.peak_rss / 2**20:.0f} MB",
                flush=True,
            )
        for key, out in list(ctx.outputs.items()):
            if not any(v.uses == key for v in chosen):
                shutil.rmtree(out, ignore_errors=True)
        ctx.outputs.clear()
    print_table(series, ctx.articles)


def scale(args: argparse.Namespace, work: Path, server: Nginx) -> None:
    variant = VARIANTS["4"]
    peaks = {}
    small, large = (int(n) for n in args.sizes.split(","))
    for articles in (small, large):
        ctx = prepare(work, articles, max(args.feeds, articles // 50), server)
        runs = [run_variant(variant, ctx, r) for r in range(args.runs)]
        walls = [m.wall for m in runs]
        rss = [m.peak_rss / 2**20 for m in runs]
        peaks[articles] = statistics.median(rss)
        print(
            f"N={articles}: ({variant.key}) {variant.label}: wall {fmt_range(walls)} s, "
            f"{fmt_range([articles / w for w in walls])} pages/s, peak RSS {fmt_range(rss, 0)} MB",
            flush=True,
        )
        shutil.rmtree(work / f"site-{articles}", ignore_errors=True)
        for out in ctx.outputs.values():
            shutil.rmtree(out, ignore_errors=True)
    growth = 100 * (peaks[large] / peaks[small] - 1)
    print(f"peak RSS growth {small:,} -> {large:,} articles: {growth:+.1f}% (target < 15%)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--feeds", type=int, default=21)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--variants", default=",".join(VARIANTS), help="comma-separated keys, e.g. 1,2,3,4,6"
    )
    parser.add_argument("--scale", action="store_true", help="variant 4 at two sizes (--sizes)")
    parser.add_argument("--sizes", default="2000,20000", help="the two sizes of --scale")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    work = Path(tempfile.mkdtemp(prefix="newscrawl-bench-"))
    work.chmod(0o755)  # nginx's worker process may run as another user
    try:
        with Nginx(work / "nginx") as server:
            if args.scale:
                scale(args, work, server)
            else:
                benchmark(args, work, server)
    finally:
        print(f"load at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
