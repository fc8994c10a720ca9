"""The pipes between the crawl and its workers hold whole answers of long pages."""

from __future__ import annotations

import json

from newscrawl.workers.pool import PIPE_BYTES
from tests.support.crawl import run_reactor_script

LONG_PAGES = """
import fcntl
import json

from twisted.internet import defer, reactor

from newscrawl.workers.job import process_page
from newscrawl.workers.pool import PagePool

SENTENCE = (
    "The harbour board met on Monday to discuss the winter timetable, the new fares "
    "and the cost of keeping the old ferry in service for another year."
)
PAGE = (
    "<html><head><title>Ferry fares</title></head><body><article><h1>Ferry fares</h1>"
    + "".join(f"<p>Paragraph {i}. {SENTENCE}</p>" for i in range(400))
    + "</article></body></html>"
)


@defer.inlineCallbacks
def main():
    pool = PagePool(process_page, 2, 120)
    pool.start()
    channel = pool._pool._pool_manager.worker_manager.pool_channel
    ends = (channel.reader, channel.writer)
    sizes = [fcntl.fcntl(end.fileno(), fcntl.F_GETPIPE_SZ) for end in ends]
    jobs = [{"url": f"https://news.example/ferry-{n}", "html": PAGE} for n in range(6)]
    results = yield defer.gatherResults([pool.submit(job) for job in jobs])
    yield pool.close()
    answers = [len(json.dumps(result)) for result in results]
    paragraphs = [result["fields"]["markdown"].count("Paragraph ") for result in results]
    print(json.dumps({"sizes": sizes, "answers": answers, "paragraphs": paragraphs}), flush=True)

"""


def test_answers_larger_than_a_default_pipe_arrive_whole_through_widened_pipes(tmp_path):
    proc = run_reactor_script(tmp_path / "long_pages.py", LONG_PAGES)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    with open("/proc/sys/fs/pipe-max-size") as fh:
        wanted = min(PIPE_BYTES, int(fh.read()))
    # both pipes of the pool (jobs out, answers back) take several answers at once
    assert all(size >= wanted for size in report["sizes"]), report["sizes"]
    # each answer is several times a default pipe (64 KB), and arrives whole
    assert all(answer > 3 * 65536 for answer in report["answers"]), report["answers"]
    assert report["paragraphs"] == [400] * 6
