"""YAML for records: safe, each scalar on one line (no line reads as ``---``), libyaml if it can."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

__all__ = ["dump_yaml"]


class _Dumper(yaml.SafeDumper):
    """Safe dumper that keeps every scalar on one line, so no line can read as ``---``."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(c in value for c in "\n\r\x85\u2028\u2029"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)

# libyaml's emitter (PyYAML's C dumper) writes the same text as the Python one, about
# ten times faster, except for characters outside the Basic Multilingual Plane (which
# it escapes, so a title with an emoji would change) and lone surrogates (which it
# refuses): a record holding any of those goes through the Python dumper.
_CSafeDumper = getattr(yaml, "CSafeDumper", None)
if _CSafeDumper is not None:

    class _FastDumper(_CSafeDumper):  # type: ignore[misc, valid-type]
        """libyaml's safe dumper with the same one-line scalars as :class:`_Dumper`."""

    _FastDumper.add_representer(str, _represent_str)
_NOT_FOR_LIBYAML = re.compile("[\ud800-\udfff\U00010000-\U0010ffff]")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _dumper_for(record: Mapping[str, Any]) -> type:
    if _CSafeDumper is None or any(_NOT_FOR_LIBYAML.search(s) for s in _strings(record)):
        return _Dumper
    return _FastDumper


def dump_yaml(record: Mapping[str, Any]) -> str:
    """YAML for a record; ``yaml.safe_load`` gives back equal values, whatever the strings hold."""
    return yaml.dump(
        dict(record),
        Dumper=_dumper_for(record),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=2**31 - 1,
    )
