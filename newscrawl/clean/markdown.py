"""Markdown of clean article HTML."""

from __future__ import annotations

import re

from markdownify import MarkdownConverter

_MARKDOWN_CHARS = re.compile(r"([`\[\]|])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_START = re.compile(r"&(?=#?\w+;)")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


def _escape_line_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    # "1." -> "1\.", "#" -> "\#": what would start a list, heading or quote stays text
    return match.group(1) + (marker + "\\" if marker[0].isdigit() else "\\" + marker)


class _MarkdownConverter(MarkdownConverter):
    """markdownify with escaping that keeps prose readable but never turns into markup."""

    _LINE_START = re.compile(r"^(\s*)([#>=+]|[-*](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))")

    def escape(self, text: str, parent_tags: set[str]) -> str:
        if not text:
            return ""
        text = text.replace("\\", "\\\\")
        text = super().escape(text, parent_tags)
        text = _MARKDOWN_CHARS.sub(r"\\\1", text)
        text = _TAG_START.sub(r"\\<", text)
        text = _ENTITY_START.sub(r"\\&", text)
        return self._LINE_START.sub(_escape_line_start, text)


def to_markdown(clean: str) -> str:
    """Markdown of clean article HTML: ATX headings, "-" bullets, tables as pipe tables."""
    if not clean or not clean.strip():
        return ""
    converter = _MarkdownConverter(
        heading_style="ATX",
        bullets="-",
        strong_em_symbol="*",
        escape_misc=False,
        table_infer_header=True,
        newline_style="backslash",
        bs4_options="lxml",  # several times faster than html.parser on long articles
    )
    markdown = converter.convert(clean)
    markdown = _TRAILING_SPACE.sub("\n", markdown)
    markdown = _BLANK_LINES.sub("\n\n", markdown)
    return markdown.strip() + "\n"
