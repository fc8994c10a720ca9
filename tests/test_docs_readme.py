"""The README stays a complete guide: every setting documented, every link resolving."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import newscrawl.settings

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.MULTILINE)


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to dashes."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return {_anchor(h) for h in _HEADING.findall(text)}


def test_every_newscrawl_setting_is_in_the_settings_reference() -> None:
    readme = README.read_text(encoding="utf-8")
    reference = readme.split("## Settings reference", 1)[1].split("\n## ", 1)[0]
    names = [name for name in vars(newscrawl.settings) if name.startswith("NEWSCRAWL_")]
    assert names
    missing = [name for name in names if f"`{name}`" not in reference]
    assert not missing, f"settings missing from the README's settings reference: {missing}"


def test_fresh_machine_commands_are_on_the_first_screen() -> None:
    first_screen = README.read_text(encoding="utf-8").splitlines()[:40]
    assert "./scripts/demo.sh" in first_screen
    assert "./scripts/test.sh" in first_screen


@pytest.mark.parametrize("page", [README, *DOCS], ids=lambda p: p.name)
def test_relative_links_resolve(page: Path) -> None:
    broken = []
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    for target in _LINK.findall(text):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path_part, _, fragment = target.partition("#")
        linked = (page.parent / path_part).resolve() if path_part else page
        anchor_ok = not fragment or linked.suffix != ".md" or fragment in _anchors(linked)
        if not (linked.is_file() and anchor_ok):
            broken.append(target)
    assert not broken, f"broken links in {page.name}: {broken}"
