"""Score body extraction on the trafilatura 990-page dev set, the way its authors do.

Snippet scoring (see ``shared/eval/README.md``): a "with" snippet found in the
whitespace-normalised output is a true positive, else a false negative; a "without"
snippet found is a false positive. A crash counts as empty output.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_WS = re.compile(r"\s+")


@dataclass
class SnippetScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else 0.0

    def add(self, output: str, with_: list[str], without: list[str]) -> None:
        text = _WS.sub(" ", output).strip()
        for snippet in with_:
            if _WS.sub(" ", snippet).strip() in text:
                self.tp += 1
            else:
                self.fn += 1
        for snippet in without:
            if _WS.sub(" ", snippet).strip() in text:
                self.fp += 1
            else:
                self.tn += 1


def load_pages(root: Path) -> list[tuple[str, bytes, list[str], list[str]]]:
    """(url, raw page, with-snippets, without-snippets) for every annotated page found."""
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, entry in data.items():
        for folder in ("cache", "eval"):
            path = root / folder / entry["file"]
            if path.is_file():
                pages.append((url, path.read_bytes(), entry["with"], entry["without"]))
                break
    return pages


def newscrawl_text(page: bytes, url: str) -> str:
    """The body newscrawl stores, as text."""
    from newscrawl.extract import extract_article
    from newscrawl.extract.fragments import fragment_text

    return fragment_text(extract_article(page, url)["body_html"])


# trafilatura configured as its own benchmark runs it (tests/comparison_small.py in its
# repository: fallback on, comments off, tables on, no formatting), and that benchmark's
# precision and recall variants. The gate compares newscrawl with the strongest of them.
TRAFILATURA_CONFIGS: dict[str, dict[str, bool]] = {
    "benchmark": {"include_comments": False, "include_tables": True, "include_formatting": False},
    "favor_precision": {
        "include_comments": False,
        "include_tables": True,
        "include_formatting": False,
        "favor_precision": True,
    },
    "favor_recall": {
        "include_comments": False,
        "include_tables": True,
        "include_formatting": False,
        "favor_recall": True,
    },
}
# the strongest configuration on this set (measured with ``gate.py --all-peers``)
STRONGEST = "benchmark"


def trafilatura_text(page: bytes, url: str, config: str = STRONGEST) -> str:
    """trafilatura as its own benchmark runs it (``config``: a ``TRAFILATURA_CONFIGS`` key)."""
    import trafilatura

    return trafilatura.extract(page, url=url, **TRAFILATURA_CONFIGS[config]) or ""


def score(
    pages: list[tuple[str, bytes, list[str], list[str]]], extractor: Callable[[bytes, str], str]
) -> SnippetScore:
    result = SnippetScore()
    for url, page, with_, without in pages:
        try:
            output = extractor(page, url)
        except Exception:  # a crash counts as empty output
            output = ""
        result.add(output, with_, without)
    return result


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/trafilatura-990")
    pages = load_pages(root)
    for name, extractor in (("newscrawl", newscrawl_text), ("trafilatura", trafilatura_text)):
        s = score(pages, extractor)
        print(f"{name:12} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}")
