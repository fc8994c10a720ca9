"""The content digest that decides whether a re-fetched article is a new version."""

from __future__ import annotations

from newscrawl.state.pipeline import content_digest

BASE = {
    "title": "Bridge approved",
    "published": "2026-12-01T09:00:00+00:00",
    "modified": None,
    "markdown": "The council approved the bridge.\n\nWork starts in spring.",
    "html": "<html>ad 1, token abc, generated 09:00</html>",
}


def test_same_content_same_digest_whatever_the_raw_page():
    noisy = {**BASE, "html": "<html>ad 2, token xyz, generated 10:30</html>"}
    spaced = {**BASE, "markdown": "The council  approved the bridge.\n\n\nWork starts in spring. "}
    assert content_digest(noisy) == content_digest(BASE) == content_digest(spaced)


def test_text_title_or_dates_change_the_digest():
    digest = content_digest(BASE)
    assert content_digest({**BASE, "markdown": "The council rejected the bridge."}) != digest
    assert content_digest({**BASE, "title": "Bridge approved, with changes"}) != digest
    assert content_digest({**BASE, "modified": "2026-12-02T08:00:00+00:00"}) != digest


def test_body_falls_back_to_html_fields_when_there_is_no_markdown():
    one = {**BASE, "markdown": None, "clean_html": "<p>One</p>"}
    two = {**BASE, "markdown": None, "clean_html": None, "body_html": "<p>One</p>"}
    assert content_digest(one) == content_digest(two)
    assert content_digest({**one, "clean_html": "<p>Two</p>"}) != content_digest(one)


def test_where_links_and_images_point_is_not_content():
    with_image = {
        **BASE,
        "markdown": BASE["markdown"] + "\n\n![Reels](http://cdn-1.example/r.jpg?tok=a)",
    }
    moved = {
        **BASE,
        "markdown": BASE["markdown"] + "\n\n![Reels](http://cdn-2.example/r.jpg?tok=b)",
    }
    assert content_digest(with_image) == content_digest(moved)
    linked = {**BASE, "markdown": 'The [council](https://a.example/c "Council") approved it.'}
    relinked = {**BASE, "markdown": "The [council](https://b.example/c) approved it."}
    assert content_digest(linked) == content_digest(relinked)
    # the alt text and link text are content
    assert content_digest({**moved, "markdown": moved["markdown"].replace("Reels", "Ruins")}) != (
        content_digest(moved)
    )


def test_an_extraction_worker_gives_the_digest_the_pipeline_would_compute():
    from newscrawl.workers.job import process_page

    html = (
        "<html><head><title>Bridge approved</title></head><body><article>"
        "<h1>Bridge approved</h1><p>The council approved the bridge on Monday after a "
        "long debate about its cost and its route across the river.</p><p>Work starts "
        "in spring, the mayor said, and should end within two years.</p></article>"
        "</body></html>"
    )
    job = {"url": "http://127.0.0.1/news/bridge.html", "html": html, "entry": {}}
    fields = process_page({**job, "digest": True})["fields"]
    assert fields["markdown"]
    assert fields["content_digest"] == content_digest({**fields, "content_digest": None})
    # asked only when the version pipeline runs: otherwise the field stays unset
    assert "content_digest" not in process_page(job)["fields"]
