"""trafilatura's readability/jusText comparison: skipped only where it cannot change the body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import trafilatura
from trafilatura import core, external

from newscrawl.extract import comparison
from newscrawl.extract.content import trafilatura_body

URL = "https://news.example/story"
QUALITY = Path(__file__).resolve().parent.parent / "quality" / "news"
SENTENCE = (
    "The regional council approved the budget on Tuesday after a long debate about "
    "school buildings, bus routes and the cost of heating public swimming pools."
)


@pytest.fixture
def readability_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the runs of trafilatura's readability copy (the comparison's first step)."""
    runs: list[int] = []
    real = external.try_readability

    def counted(tree):
        runs.append(1)
        return real(tree)

    monkeypatch.setattr(external, "try_readability", counted)
    return runs


def without_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura's own comparison on every page, as before the skip was installed (and its
    own step calling it, which copies the raw tree for it on every page)."""
    monkeypatch.setattr(core, "compare_extraction", core.compare_extraction.compare)
    monkeypatch.setattr(core, "_extract_and_compare", core._extract_and_compare.step)


def article_page() -> str:
    paragraphs = "".join(f"<p>Paragraph {i}. {SENTENCE}</p>" for i in range(12))
    return (
        "<html><head><title>Budget approved</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>Budget approved</h1>{paragraphs}</article>"
        "<footer>Contact us</footer></body></html>"
    )


def short_article_among_links() -> str:
    links = "".join(f'<a href="/{i}">{SENTENCE}</a>' for i in range(20))
    spans = "".join(f"<span>{SENTENCE} {i}</span>" for i in range(12))
    return (
        f"<html><body><nav>{links}</nav><article><p>{SENTENCE}</p>"
        f"<p>{SENTENCE} again</p></article><div>{spans}</div></body></html>"
    )


def test_the_skip_is_installed_for_the_installed_trafilatura():
    assert comparison.install()
    assert hasattr(core.compare_extraction, "compare")


def test_a_long_clean_article_skips_readability_and_keeps_its_body(readability_runs, monkeypatch):
    page = article_page()
    skipped = trafilatura_body(page, URL)
    assert readability_runs == []
    without_skip(monkeypatch)
    compared = trafilatura_body(page, URL)
    assert readability_runs == [1]
    assert skipped == compared
    assert "Paragraph 11." in skipped.text


def test_a_short_article_among_boilerplate_still_gets_the_comparisons_result(
    readability_runs, monkeypatch
):
    page = short_article_among_links()
    body = trafilatura_body(page, URL)
    assert readability_runs  # the comparison ran
    # ... and its choice is the body: longer than trafilatura's own extraction
    own = trafilatura.extract(page, fast=True, output_format="txt")
    assert len(body.text) > 2 * len(own)
    without_skip(monkeypatch)
    assert trafilatura_body(page, URL) == body


def test_quality_pages_get_the_same_body_with_and_without_the_skip(monkeypatch):
    pages = [
        (json.loads(p.with_suffix(".json").read_text("utf-8"))["url"], p.read_text("utf-8"))
        for p in sorted(QUALITY.glob("*.html"))
    ]
    assert pages
    runs: list[bool] = []
    skip = core.compare_extraction

    def record(cleaned_tree, raw_tree, body, text, options):
        runs.append(comparison.settled(body, text, raw_tree, options))
        return skip(cleaned_tree, raw_tree, body, text, options)

    monkeypatch.setattr(core, "compare_extraction", record)
    skipped = [trafilatura_body(page, url) for url, page in pages]
    # both kinds of page are among them: some skip the comparison, some run it
    assert any(runs) and not all(runs)
    monkeypatch.setattr(core, "compare_extraction", skip)
    without_skip(monkeypatch)
    assert [trafilatura_body(page, url) for url, page in pages] == skipped


def test_the_comparison_step_copies_the_raw_tree_only_for_a_comparison_that_runs(
    readability_runs, monkeypatch
):
    # the comparison edits the tree it is given: trafilatura's later steps read the raw tree
    copies: list[int] = []
    real_copy = comparison.copy
    monkeypatch.setattr(comparison, "copy", lambda tree: copies.append(1) or real_copy(tree))
    trafilatura_body(article_page(), URL)
    assert copies == [] and readability_runs == []
    page = short_article_among_links()
    body = trafilatura_body(page, URL)
    assert copies and len(copies) == len(readability_runs)  # one copy per comparison run
    without_skip(monkeypatch)
    assert trafilatura_body(page, URL) == body


def test_a_comparison_of_another_signature_is_left_alone(monkeypatch):
    def other(tree, backup_tree, body, text, len_text, options):  # trafilatura 2.0's
        return body, text, len_text

    monkeypatch.setattr(core, "compare_extraction", other)
    assert not comparison.install()
    assert core.compare_extraction is other
