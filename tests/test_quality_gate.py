"""CI runs the extraction quality gate on the in-repo news set (the 990 set is optional)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

QUALITY = Path(__file__).resolve().parent.parent / "quality"


def test_news_set_has_at_least_40_annotated_pages_of_varied_layouts():
    truths = [json.loads(p.read_text(encoding="utf-8")) for p in (QUALITY / "news").glob("*.json")]
    assert len(truths) >= 40
    assert len({t["layout"] for t in truths}) >= 8
    assert len({t["language"] for t in truths}) >= 3
    for truth in truths:
        assert truth["title"] and truth["published"] and truth["authors"]
        # a paywall page shows a teaser; every other page carries a full article
        assert len(truth["body"].split()) >= (50 if truth["layout"] == "paywall" else 250)


def test_quality_gate_passes_on_the_news_set():
    run = subprocess.run(
        [sys.executable, str(QUALITY / "gate.py"), "--no-990"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "quality gate: passed" in run.stdout
    assert "body (4-token shingles, mean)" in run.stdout


def test_quality_gate_fails_below_a_floor(tmp_path):
    # a set whose ground truth the extractor cannot match must fail the gate
    source = QUALITY / "news" / "riverside-housing-vote"
    truth = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    truth["body"] = "Entirely different words that appear nowhere on the page at all. " * 20
    (tmp_path / "x.json").write_text(json.dumps(truth), encoding="utf-8")
    (tmp_path / "x.html").write_text(source.with_suffix(".html").read_text(encoding="utf-8"))
    run = subprocess.run(
        [sys.executable, str(QUALITY / "gate.py"), "--no-990", "--news", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1
    assert "FAIL: news_f1" in run.stdout


def test_every_ground_truth_line_is_on_its_page():
    # the truth is written from the article sources; this checks the rendered pages carry it
    import html
    import re

    from lxml import html as lxml_html

    for truth_path in (QUALITY / "news").glob("*.json"):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        page = truth_path.with_suffix(".html").read_text(encoding="utf-8")
        if truth["layout"] == "paywall" and "articleBody" in page:
            visible = html.unescape(page).replace("\\n", " ")  # the full text is in JSON-LD
        else:
            root = lxml_html.fromstring(page)
            visible = " ".join(root.itertext())  # table cells apart, as words
        words = " " + " ".join(re.findall(r"\w+", visible)) + " "
        for line in truth["body"].split("\n"):
            line_words = " " + " ".join(re.findall(r"\w+", line)) + " "
            assert line_words in words, (truth_path.stem, line)
