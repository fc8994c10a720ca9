"""YAML front matter parses back (PyYAML) to the same values, whatever the title holds."""

from __future__ import annotations

from dataclasses import asdict

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.frontmatter import (
    FrontMatterConfig,
    build_record,
    dump_yaml,
    parse_post,
    post_identity,
    render_post,
    yamltext,
)
from newscrawl.items import Article

TRICKY_TITLES = [
    "Exclusive: U.S., Mexican efforts falter – GAO",
    "Key: value",
    "ends with colon:",
    "- starts with a dash",
    "* starts with a star",
    "& anchor-like",
    "! tag-like",
    "!!python/object:os.system",
    "% directive-like",
    "@ at sign",
    "` backtick",
    "| literal",
    "> folded",
    "? question",
    "[not, a, list]",
    "{not: a map}",
    "# not a comment",
    "title # with hash",
    "'single' quotes",
    '"double" quotes',
    "it's",
    "yes",
    "No",
    "on",
    "OFF",
    "null",
    "~",
    "true",
    "1",
    "0x1F",
    "1e3",
    "0o17",
    "1_000",
    ".inf",
    "-.NaN",
    "2016-01-11",
    "2016-01-11 17:48:48",
    "12:30",
    "line one\nline two",
    "---",
    "...",
    "a\n---\nb",
    "trailing space ",
    " leading space",
    "tab\there",
    "carriage\rreturn",
    "\u2028line separator",
    "emoji 📰🗞️👩🏽‍💻",
    "مرحبا بالعالم",
    "שלום עולם",
    "mixed \u202eRTL override",
    "日本語のタイトル",
    "zero\u200bwidth",
    "nbsp\u00a0here",
    "bom\ufeffinside",
    "back\\slash",
    "",
    " ",
    "x" * 500,
]


def roundtrip(record: dict) -> dict:
    return yaml.safe_load(dump_yaml(record))


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_tricky_titles_round_trip(title: str) -> None:
    record = {"title": title, "original_title": [title], "ID": 58, "published": True}
    assert roundtrip(record) == record


@pytest.mark.parametrize("title", TRICKY_TITLES)
@pytest.mark.parametrize("preset", ["jekyll", "hugo", "wordpress"])
def test_records_from_tricky_titles_round_trip_through_the_post_file(
    title: str, preset: str
) -> None:
    article = Article(url="https://example.com/a", title=title, entry_title=title)
    record = build_record(asdict(article), FrontMatterConfig(preset=preset))
    text = render_post(record, "Body with\n---\na rule", identity="0123456789abcdef")
    parsed, body = parse_post(text)
    assert parsed == record
    assert body == "Body with\n---\na rule\n"
    assert post_identity(text) == "0123456789abcdef"


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_any_string_round_trips(text: str) -> None:
    record = {"post_title": text, "original_title": [text], "author": text}
    assert roundtrip(record) == record
    parsed, _ = parse_post(render_post(record, text))
    assert parsed == record


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_title_gives_a_record_that_round_trips(title: str) -> None:
    article = Article(url="https://example.com/a", title=title)
    record = build_record(asdict(article), FrontMatterConfig(preset="wordpress"))
    assert roundtrip(record) == record


def test_front_matter_lines_never_end_the_block_early() -> None:
    record = {"title": "a\n---\nb", "excerpt": "x\n...\ny"}
    lines = dump_yaml(record).splitlines()
    assert "---" not in lines and "..." not in lines


def test_round_trip_check_can_fail() -> None:
    # a naive dump that PyYAML reads back differently: the check above would catch it
    naive = "title: yes\nid: 010\n"
    assert yaml.safe_load(naive) != {"title": "yes", "id": "010"}


def python_dump(record: dict) -> str:
    """The record through PyYAML's pure-Python emitter only (what posts were written with)."""
    return yaml.dump(
        record,
        Dumper=yamltext._Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=2**31 - 1,
    )


SCALARS = st.one_of(
    st.text(),
    st.text(alphabet=" :-#&*!|>'\"%@`,?[]{}~=\t\n\r\x85\u2028\u2029\ufeff\xa0\x7fa1é日"),
    st.sampled_from(TRICKY_TITLES),
    st.none(),
    st.booleans(),
    st.integers(),
)


@settings(max_examples=600, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "author", "id", "x"]), st.one_of(
    SCALARS, st.lists(SCALARS, max_size=3))))  # fmt: skip
def test_yaml_text_is_the_same_as_the_python_emitters(record: dict) -> None:
    # posts written with libyaml's emitter are byte for byte what the Python one wrote
    assert dump_yaml(record) == python_dump(record)


def test_libyaml_emitter_is_used_and_differs_where_it_is_not() -> None:
    fast = yamltext._dumper_for({"title": "Plain ASCII, ütf-8 and 日本語"})
    assert yaml.__with_libyaml__ and fast is not yamltext._Dumper
    # libyaml escapes astral characters: such a record keeps the Python emitter
    emoji = {"title": "Launch \U0001f680"}
    assert yamltext._dumper_for(emoji) is yamltext._Dumper
    assert yaml.dump(emoji, Dumper=fast, allow_unicode=True) != python_dump(emoji)
    assert dump_yaml(emoji) == python_dump(emoji) == "title: Launch \U0001f680\n"
