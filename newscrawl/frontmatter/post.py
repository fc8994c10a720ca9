"""A Markdown post's text (YAML front matter between ``---`` lines, then the body), and back."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from newscrawl.frontmatter.yamltext import dump_yaml

__all__ = ["parse_post", "post_identity", "render_post"]

_IDENTITY_RE = re.compile(r"^# newscrawl-id: ([0-9a-f]{16})$", re.MULTILINE)
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def render_post(record: Mapping[str, Any], body: str | None, identity: str | None = None) -> str:
    """A Markdown file: YAML front matter between ``---`` lines, then the body.

    ``identity`` (the article's hex ID) goes into a YAML comment, so the exporter can
    tell whose file it is whatever keys the preset and mapping produce.
    """
    head = f"# newscrawl-id: {identity}\n" if identity else ""
    body = (body or "").strip("\n")
    return f"---\n{head}{dump_yaml(record)}---\n" + (f"\n{body}\n" if body else "")


def parse_post(text: str) -> tuple[dict[str, Any], str]:
    """Front matter and body of a Markdown post (the way Jekyll splits them)."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return {}, text
    data = yaml.safe_load(match.group(1) or "") or {}
    if not isinstance(data, dict):
        data = {}
    return data, text[match.end() :].lstrip("\n")


def post_identity(text: str) -> str | None:
    """The article ID recorded in a post written by newscrawl."""
    head = text[:4096]
    match = _IDENTITY_RE.search(head)
    return match.group(1) if match else None
