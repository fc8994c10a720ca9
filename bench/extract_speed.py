"""CPU time of the extraction worker's job per page, in total and by stage.

    python bench/extract_speed.py                      # bench site pages, quality pages, 990 set
    python bench/extract_speed.py --sets bench --stages
    python bench/extract_speed.py --dump before.json   # outputs, to compare after a change
    python bench/extract_speed.py --compare before.json

It runs ``newscrawl.workers.job.process_page`` (what a worker does with one page: extract,
clean, Markdown, excerpt) on each set, with the job the crawl sends, and prints the CPU
milliseconds per page (``time.process_time``; the minimum and median over ``--repeat``
passes): CPU time, because the machine may be shared. ``--stages`` times the stages apart
(exclusive time of each, measured in a separate pass: the wrappers cost a little).
``--dump`` writes every page's fields; ``--compare`` says which pages' fields differ.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newscrawl.workers.job import process_page  # noqa: E402

DEV_SET = Path(
    os.environ.get("NEWSCRAWL_EVAL_990") or REPO.parent / "shared" / "eval" / "trafilatura-990"
)  # as quality/gate.py finds it
FETCHED_AT = "2026-12-01T12:00:00+00:00"
BENCH_BASE = "http://127.0.0.1:8080"


def _job(url: str, raw: bytes) -> dict[str, Any]:
    """The job ``ExtractPipeline`` sends for a page (``html`` is the response's text)."""
    entry = {"title": None, "author": None, "published": None, "categories": []}
    return {
        "url": url,
        "html": raw.decode("utf-8", "replace"),
        "entry": {**entry, "summary": None, "content": None},
        "fetched_at": FETCHED_AT,
        "clean": True,
        "excerpt_length": 300,
        "drop_selectors": (),
        "entry_content": None,
        "entry_summary": None,
    }


def page_sets(names: list[str], bench_pages: int, dev_pages: int) -> dict[str, list[dict]]:
    sets: dict[str, list[dict]] = {}
    if "bench" in names:
        from bench.site import generate_site

        with tempfile.TemporaryDirectory() as tmp:
            generate_site(Path(tmp), bench_pages, 3, BENCH_BASE)
            sets["bench"] = [
                _job(f"{BENCH_BASE}/news/{n}.html", (Path(tmp) / "news" / f"{n}.html").read_bytes())
                for n in range(bench_pages)
            ]
    if "news" in names:
        sets["news"] = [
            _job(json.loads(p.with_suffix(".json").read_text("utf-8"))["url"], p.read_bytes())
            for p in sorted((REPO / "quality" / "news").glob("*.html"))
        ]
    if "990" in names and (DEV_SET / "evaldata.json").is_file():
        data = json.loads((DEV_SET / "evaldata.json").read_text("utf-8"))
        jobs = []
        for url, entry in sorted(data.items()):
            path = next((DEV_SET / d / entry["file"] for d in ("cache", "eval")
                         if (DEV_SET / d / entry["file"]).is_file()), None)  # fmt: skip
            if path is not None:
                jobs.append(_job(url, path.read_bytes()))
        step = max(1, len(jobs) // dev_pages) if dev_pages else 1
        sets["990"] = jobs[::step][: dev_pages or None]
    return sets


def cpu_ms_per_page(jobs: list[dict], repeat: int) -> list[float]:
    for job in jobs[:3]:  # imports and caches
        process_page(job)
    passes = []
    for _ in range(repeat):
        started = time.process_time()
        for job in jobs:
            process_page(job)
        passes.append((time.process_time() - started) * 1000 / len(jobs))
    return passes


# stage name -> functions (module, attribute) whose time counts for it, exclusive of the
# other stages' functions they call
STAGES: dict[str, list[tuple[str, str]]] = {
    "load": [("newscrawl.extract.load", "load_page")],
    "metadata": [
        ("newscrawl.extract.jsonld", "load_jsonld"),
        ("newscrawl.extract.jsonld", "article_fields"),
        ("newscrawl.extract.meta", "meta_fields"),
        ("newscrawl.extract.heuristics", "heuristic_fields"),
        ("newscrawl.extract.titles", "choose_title"),
        ("newscrawl.extract.authors", "choose_authors"),
        ("newscrawl.extract.dates", "choose_published"),
    ],
    "trafilatura": [("newscrawl.extract.content", "_trafilatura")],
    "prune": [
        ("newscrawl.extract.prune", "drop_repeated_blocks"),
        ("newscrawl.extract.prune", "drop_repeated_in"),
        ("newscrawl.extract.prune", "trim_boilerplate"),
        ("newscrawl.extract.prune", "trim_boilerplate_in"),
        ("newscrawl.extract.prune", "drop_title_and_byline"),
        ("newscrawl.extract.prune", "drop_title_and_byline_in"),
        ("newscrawl.extract.prune", "flatten_layout_tables"),
        ("newscrawl.extract.boilerplate", "drop_boilerplate_in"),
        ("newscrawl.extract.fragments", "parse_fragment"),
        ("newscrawl.extract.fragments", "serialise_children"),
    ],
    "restore_images": [
        ("newscrawl.extract.content", "restore_images"),
        ("newscrawl.extract.content", "restore_images_in"),
    ],
    "body text": [
        ("newscrawl.extract.fragments", "fragment_text"),
        ("newscrawl.extract.fragments", "element_text"),
    ],
    "clean_html": [("newscrawl.clean.markup", "clean_html")],
    "markdown": [("newscrawl.clean.markdown", "to_markdown")],
    "excerpt": [("newscrawl.clean.excerpt", "make_excerpt")],
}


class _StageClock:
    """Wraps the stage functions wherever newscrawl's modules refer to them."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.stack: list[list[Any]] = []  # [stage, started, time spent in nested stages]
        self.undo: list[tuple[Any, str, Any]] = []

    def _wrap(self, stage: str, func: Callable) -> Callable:
        def timed(*args: Any, **kwargs: Any) -> Any:
            frame = [stage, time.process_time(), 0.0]
            self.stack.append(frame)
            try:
                return func(*args, **kwargs)
            finally:
                self.stack.pop()
                spent = time.process_time() - frame[1]
                self.totals[stage] += spent - frame[2]
                if self.stack:
                    self.stack[-1][2] += spent

        return timed

    def install(self) -> None:
        import importlib

        import newscrawl.extract.assemble  # noqa: F401  (loads every stage module)

        for stage, targets in STAGES.items():
            for module_name, attr in targets:
                func = getattr(importlib.import_module(module_name), attr, None)
                if func is None:
                    continue
                timed = self._wrap(stage, func)
                for name, module in list(sys.modules.items()):
                    if not name.startswith("newscrawl") or module is None:
                        continue
                    for key, value in list(vars(module).items()):
                        if value is func:
                            self.undo.append((module, key, value))
                            setattr(module, key, timed)

    def uninstall(self) -> None:
        for module, key, value in reversed(self.undo):
            setattr(module, key, value)
        self.undo.clear()


def stage_ms_per_page(jobs: list[dict], repeat: int) -> tuple[dict[str, float], float]:
    clock = _StageClock()
    clock.install()
    try:
        best: dict[str, float] = {}
        best_total = float("inf")
        for _ in range(repeat):
            clock.totals = dict.fromkeys(STAGES, 0.0)
            started = time.process_time()
            for job in jobs:
                process_page(job)
            total = (time.process_time() - started) * 1000 / len(jobs)
            if total < best_total:
                best_total = total
                best = {k: v * 1000 / len(jobs) for k, v in clock.totals.items()}
    finally:
        clock.uninstall()
    best["other"] = best_total - sum(best.values())
    return best, best_total


def outputs(jobs: list[dict]) -> dict[str, Any]:
    return {job["url"]: process_page(job)["fields"] for job in jobs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default="bench,news,990", help="bench, news and/or 990")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--bench-pages", type=int, default=60)
    parser.add_argument("--dev-pages", type=int, default=150, help="990 set sample; 0: all")
    parser.add_argument("--stages", action="store_true", help="also time the stages apart")
    parser.add_argument("--dump", type=Path, help="write every page's fields to this file")
    parser.add_argument("--compare", type=Path, help="compare the fields with a --dump file")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    sets = page_sets(args.sets.split(","), args.bench_pages, args.dev_pages)
    if args.dump or args.compare:
        current = {name: outputs(jobs) for name, jobs in sets.items()}
        if args.dump:
            args.dump.write_text(json.dumps(current, sort_keys=True, default=str), "utf-8")
            print(f"wrote {sum(map(len, current.values()))} pages' fields to {args.dump}")
        if args.compare:
            before = json.loads(args.compare.read_text("utf-8"))
            current = json.loads(json.dumps(current, sort_keys=True, default=str))
            for name, pages in current.items():
                old = before.get(name, {})
                differ = [
                    (url, sorted(k for k in fields if fields[k] != old.get(url, {}).get(k)))
                    for url, fields in pages.items()
                    if fields != old.get(url)
                ]
                print(f"{name}: {len(pages) - len(differ)} of {len(pages)} pages identical")
                for url, keys in differ[:20]:
                    print(f"  differs: {url} {keys}")
        return
    for name, jobs in sets.items():
        passes = cpu_ms_per_page(jobs, args.repeat)
        print(
            f"{name}: {len(jobs)} pages x {args.repeat}: process_page CPU ms/page "
            f"min {min(passes):.1f}, median {statistics.median(passes):.1f}"
        )
        if args.stages:
            stages, total = stage_ms_per_page(jobs, args.repeat)
            print(f"  by stage (pass of least CPU, {total:.1f} ms/page with the timers):")
            for stage, ms in stages.items():
                print(f"    {stage:<15} {ms:6.2f}")


if __name__ == "__main__":
    main()
