"""Markdown of clean article HTML."""

from __future__ import annotations

import re

from markdownify import MarkdownConverter


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
        text = re.sub(r"([`\[\]|])", r"\\\1", text)
        text = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", text)
        text = re.sub(r"&(?=#?\w+;)", r"\\&", text)
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
    markdown = re.sub(r"[ \t]+\n", "\n", markdown)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)
    return markdown.strip() + "\n"
