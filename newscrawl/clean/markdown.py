"""Markdown of clean article HTML.

markdownify does the conversion: its rules for each tag and its whitespace handling. It
walks a BeautifulSoup tree, and parsing the clean HTML into one costs more than the whole
conversion. So the walk here goes over lxml's tree of the same HTML, as markdownify's own
walk does (same children kept, same spacing and newline collapsing, same parent context),
and calls markdownify's conversion for each tag; the few conversions that look around the
tree in BeautifulSoup's terms (list items, lists, images, table rows and cells) are written
here for lxml elements. A document with anything else goes through markdownify as is.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from markdownify import MarkdownConverter, re_extract_newlines, re_newline_whitespace, re_whitespace

from .tree import _PLAIN_PARSER

_MARKDOWN_CHARS = re.compile(r"([`\[\]|])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_START = re.compile(r"&(?=#?\w+;)")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")

# markdownify's blocks: whitespace next to them, and inside them at the edges, is dropped
_BLOCKS = frozenset(
    {"p", "blockquote", "article", "div", "section", "ol", "ul", "li", "dl", "dt", "dd",
     "table", "thead", "tbody", "tfoot", "tr", "td", "th"}
    | {f"h{n}" for n in range(1, 7)}
)  # fmt: skip
# tags the lxml walk handles (clean HTML holds no others; see rules.ALLOWED_TAGS)
_WALKED = frozenset(
    {"html", "body", "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col",
     "colgroup", "dd", "del", "dfn", "dl", "dt", "em", "figcaption", "figure", "h1", "h2",
     "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre",
     "q", "s", "samp", "small", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
     "th", "thead", "time", "tr", "u", "ul", "var"}
)  # fmt: skip
_INLINE_CONTEXT = frozenset({"td", "th", "h1", "h2", "h3", "h4", "h5", "h6"})
_NOFORMAT = frozenset({"pre", "code", "kbd", "samp"})


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
        # each expression scans the whole text; most texts hold none of its characters
        if "`" in text or "[" in text or "]" in text or "|" in text:
            text = _MARKDOWN_CHARS.sub(r"\\\1", text)
        if "<" in text:
            text = _TAG_START.sub(r"\\<", text)
        if "&" in text:
            text = _ENTITY_START.sub(r"\\&", text)
        return self._LINE_START.sub(_escape_line_start, text)


_OPTIONS: dict[str, Any] = {
    "heading_style": "ATX",
    "bullets": "-",
    "strong_em_symbol": "*",
    "escape_misc": False,
    "table_infer_header": True,
    "newline_style": "backslash",
    "bs4_options": "lxml",  # several times faster than html.parser on long articles
}
_SOUP_CONVERTER = _MarkdownConverter(**_OPTIONS)


def _strips_outside(node: Any) -> bool:
    """markdownify's ``should_remove_whitespace_outside`` for a child (text is a ``str``)."""
    return not isinstance(node, str) and node is not None and node.tag in _BLOCKS_AND_PRE


_BLOCKS_AND_PRE = _BLOCKS | {"pre"}


class _Unsupported(Exception):
    """The tree holds something the lxml walk does not handle."""


class _TreeConverter(_MarkdownConverter):
    """markdownify's walk over an lxml tree; the conversions of each tag are markdownify's."""

    def convert_tree(self, html: Any) -> str:
        text = self._element(html, {"[document]"})
        return self.convert__document_(None, text, parent_tags=set())

    def _element(self, el: Any, parent_tags: set[str]) -> str:
        name = el.tag
        if not isinstance(name, str) or name not in _WALKED:
            raise _Unsupported(name)
        nodes: list[Any] = [el.text] if el.text else []
        for child in el:
            nodes.append(child)
            if child.tail:
                nodes.append(child.tail)
        inside = name in _BLOCKS
        tags = {*parent_tags, name}
        if name in _INLINE_CONTEXT:
            tags.add("_inline")
        if name in _NOFORMAT:
            tags.add("_noformat")
        strings = []
        last = len(nodes) - 1
        for index, node in enumerate(nodes):
            before = nodes[index - 1] if index else None
            after = nodes[index + 1] if index < last else None
            if isinstance(node, str):
                if not node.strip() and (
                    (inside and (before is None or after is None))
                    or _strips_outside(before)
                    or _strips_outside(after)
                ):
                    continue
                string = self._text(node, inside, before, after, tags)
            else:
                string = self._element(node, tags)
            if string:
                strings.append(string)
        if name != "pre" and "pre" not in parent_tags:
            strings = _collapse_newlines(strings)
        text = "".join(strings)
        convert = self.get_conv_fn_cached(name)
        return convert(el, text, parent_tags=parent_tags) if convert is not None else text

    def _text(self, text: str, inside: bool, before: Any, after: Any, tags: set[str]) -> str:
        if "pre" not in tags:  # the expressions change nothing on most texts: test first
            if "\n" in text or "\r" in text:
                text = re_newline_whitespace.sub("\n", text)
            if "\t" in text or "  " in text:
                text = re_whitespace.sub(" ", text)
        if "_noformat" not in tags:
            text = self.escape(text, tags)
        if _strips_outside(before) or (inside and before is None):
            text = text.lstrip(" \t\r\n")
        if _strips_outside(after) or (inside and after is None):
            text = text.rstrip()
        return text

    # markdownify's conversions that look at the tree, for lxml elements

    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        alt = el.get("alt") or ""
        if "_inline" in parent_tags:
            return alt
        title = el.get("title") or ""
        title_part = ' "{}"'.format(title.replace('"', r"\"")) if title else ""
        return f"![{alt}]({el.get('src') or ''}{title_part})"

    def convert_list(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "li" in parent_tags:
            return "\n" + text.rstrip()
        # the next sibling that is content: text that is not only whitespace, or an element
        following = el.tail if el.tail and el.tail.strip() else el.getnext()
        before_paragraph = following is not None and getattr(following, "tag", None) not in (
            "ul",
            "ol",
        )
        return "\n\n" + text + ("\n" if before_paragraph else "")

    convert_ul = convert_list
    convert_ol = convert_list

    def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.getparent()
        if parent is not None and parent.tag == "ol":
            start = parent.get("start")
            first = int(start) if start and start.isnumeric() else 1
            bullet = f"{first + sum(1 for _ in el.itersiblings('li', preceding=True))}."
        else:
            depth = sum(1 for _ in el.iterancestors("ul")) - 1
            bullets = self.options["bullets"]
            bullet = bullets[depth % len(bullets)]
        bullet += " "
        indent = " " * len(bullet)
        lines = text.split("\n")
        text = "\n".join(indent + line if line else "" for line in lines)
        return bullet + text[len(bullet) :] + "\n"

    def convert_td(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return " " + text.strip().replace("\n", " ") + " |" * _colspan(el)

    convert_th = convert_td

    def convert_tr(self, el: Any, text: str, parent_tags: set[str]) -> str:
        cells = list(el.iter("td", "th"))
        parent = el.getparent()
        first_row = el.getprevious() is None
        head_row = all(cell.tag == "th" for cell in cells) or (
            parent.tag == "thead" and sum(1 for _ in parent.iter("tr")) == 1
        )
        head_missing = first_row and (
            parent.tag != "tbody" or not any(True for _ in parent.getparent().iter("thead"))
        )
        width = sum(_colspan(cell) for cell in cells)
        overline = underline = ""
        if (head_row or (head_missing and self.options["table_infer_header"])) and first_row:
            underline = "| " + " | ".join(["---"] * width) + " |\n"
        elif (head_missing and not self.options["table_infer_header"]) or (
            first_row
            and (parent.tag == "table" or (parent.tag == "tbody" and parent.getprevious() is None))
        ):
            overline = "| " + " | ".join([""] * width) + " |\n"
            overline += "| " + " | ".join(["---"] * width) + " |\n"
        return overline + "|" + text + "\n" + underline


def _colspan(cell: Any) -> int:
    value = cell.get("colspan")
    return max(1, min(1000, int(value))) if value is not None and value.isdigit() else 1


def _collapse_newlines(strings: list[str]) -> list[str]:
    """markdownify's merge of newlines where child strings meet (at most two)."""
    out = [""]
    for string in strings:
        leading, content, trailing = re_extract_newlines.match(string).groups()
        if out[-1] and leading:
            previous = out.pop()
            leading = "\n" * min(2, max(len(previous), len(leading)))
        out += (leading, content, trailing)
    return out


_TREE_CONVERTER = _TreeConverter(**_OPTIONS)


def _convert(clean: str) -> str:
    try:
        # lxml.html.document_fromstring's tree with lxml's own element classes (lxml.html
        # picks each element's class in Python on every access; the walk needs none of it)
        html = etree.fromstring(clean, _PLAIN_PARSER)
        if html is None:
            raise etree.ParserError("Document is empty")
        return _TREE_CONVERTER.convert_tree(html)
    except (_Unsupported, etree.ParserError, ValueError):
        return _SOUP_CONVERTER.convert(clean)


def to_markdown(clean: str) -> str:
    """Markdown of clean article HTML: ATX headings, "-" bullets, tables as pipe tables."""
    if not clean or not clean.strip():
        return ""
    markdown = _convert(clean)
    if " \n" in markdown or "\t\n" in markdown:
        markdown = _TRAILING_SPACE.sub("\n", markdown)
    if "\n\n\n" in markdown:
        markdown = _BLANK_LINES.sub("\n\n", markdown)
    return markdown.strip() + "\n"
