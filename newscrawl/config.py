"""Check every ``NEWSCRAWL_*`` setting once, at start-up, before anything is crawled.

A bad setting must stop the run with one line that names the setting, its value
and what is allowed (exit status 1), not with a traceback from whichever
component reads it first. The checks come from three places:

- :data:`SETTINGS`, one line per setting that needs more than its default's type
  (a range, a folder, a list of choices);
- every other ``NEWSCRAWL_*`` setting with a default in :mod:`newscrawl.settings`
  is checked against the type of that default (bool, int, float, str, list, dict);
- the components' own config objects (:data:`COMPONENT_CHECKS`), which know the
  rules between settings (WARC digest names, front-matter presets, time zones).

A ``NEWSCRAWL_*`` name that has no default is most likely a typo, and is an error.
"""

from __future__ import annotations

import difflib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.settings import BaseSettings

PREFIX = "NEWSCRAWL_"


class ConfigError(ValueError):
    """A setting that cannot work; ``str()`` is the one line an operator reads."""


@dataclass(frozen=True)
class Setting:
    """How to check one setting: its kind, and optional bounds or choices."""

    kind: str  # bool, int, float, str, optional_str, list, dict, folder, local_folder
    minimum: float | None = None
    choices: tuple[str, ...] = ()
    allowed: str = ""  # said after the type when the value is refused, e.g. "(bytes)"


# Settings whose check is more than the type of their default. Add a setting
# here with one line; one with a plain default needs no entry at all.
SETTINGS: dict[str, Setting] = {
    "NEWSCRAWL_OUTPUT_DIR": Setting("folder"),
    "NEWSCRAWL_STATS_FILE": Setting("optional_str"),
    "NEWSCRAWL_FEEDS_FILE": Setting("optional_str"),
    "NEWSCRAWL_CLEAN_EXCERPT_LENGTH": Setting("int", minimum=1, allowed="(characters)"),
    "NEWSCRAWL_FRONTMATTER_SLUG_MAX_LENGTH": Setting("int", allowed="(characters)"),
    "NEWSCRAWL_WARC_DIR": Setting("local_folder"),
    "NEWSCRAWL_WARC_MAX_SIZE": Setting("int", allowed="(bytes, e.g. 104857600)"),
    "NEWSCRAWL_WARC_MAX_AGE": Setting("float", allowed="(seconds, 0 turns it off)"),
    "NEWSCRAWL_WARC_GZIP_LEVEL": Setting("int", allowed="(1-9)"),
    "NEWSCRAWL_WARC_QUEUE_SIZE": Setting("int"),
}


def _warc_check(settings: BaseSettings) -> None:
    from newscrawl.warc.config import WarcConfig

    WarcConfig.from_settings(settings)


def _frontmatter_check(settings: BaseSettings) -> None:
    from newscrawl.frontmatter import FrontMatterConfig

    FrontMatterConfig.from_settings(settings)


def _storage_check(settings: BaseSettings) -> None:
    # parses the destination URI (scheme, bucket name, prefix) without connecting;
    # whether the bucket exists is asked when the crawl starts
    from newscrawl.storage.layout import build_storage

    build_storage(settings)


def _network_check(settings: BaseSettings) -> None:
    from newscrawl.quickimport import import_http11_handler

    # the crawl loads the guarded handler anyway; this is the first and cheapest place
    import_http11_handler()
    from newscrawl.net.handler import policy_from_settings

    policy_from_settings(settings)


def _state_check(settings: BaseSettings) -> None:
    from newscrawl.state.config import StateConfig

    StateConfig.from_settings(settings)


def _redis_check(settings: BaseSettings) -> None:
    from newscrawl.distributed.check import check_redis

    check_redis(settings)


#: The components' own checks, run once every value has the right type. Each
#: raises ValueError with a message that names the setting.
COMPONENT_CHECKS: list[Callable[[BaseSettings], None]] = [
    _warc_check,
    _frontmatter_check,
    _state_check,
    _storage_check,
    _network_check,
    _redis_check,
]


def defaults() -> dict[str, Any]:
    """The ``NEWSCRAWL_*`` defaults of :mod:`newscrawl.settings`."""
    from newscrawl import settings as module

    return {name: value for name, value in vars(module).items() if name.startswith(PREFIX)}


def check_settings(settings: BaseSettings) -> None:
    """Raise :class:`ConfigError` for the first setting that cannot work."""
    known = defaults()
    names = sorted(name for name in settings if name.startswith(PREFIX))
    for name in names:
        if name not in known and name not in SETTINGS:
            raise ConfigError(_unknown(name, settings.get(name), [*known, *SETTINGS]))
    for name in names:
        spec = SETTINGS.get(name) or _spec_from_default(known[name])
        if spec is not None:
            _check_one(settings, name, spec)
    for check in COMPONENT_CHECKS:
        try:
            check(settings)
        except ConfigError:
            raise
        except (ValueError, TypeError) as exc:
            raise ConfigError(str(exc).splitlines()[0]) from None
    if settings.getbool("NEWSCRAWL_WARC_ENABLED", True):
        _check_warc_folder(settings)


def _unknown(name: str, value: Any, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    hint = f"did you mean {close[0]}?" if close else "see the settings reference in README.md"
    return f"{name}={_show(value)} is not a newscrawl setting: {hint}"


def _spec_from_default(default: Any) -> Setting | None:
    for kind, types in (
        ("bool", bool),
        ("int", int),
        ("float", float),
        ("str", str),
        ("list", (list, tuple)),
        ("dict", dict),
    ):
        if isinstance(default, types):
            return Setting(kind)
    return None  # a default of None: any value, the component decides


_KIND_TEXT = {
    "bool": "True or False (also true/false, 1/0)",
    "int": "a whole number",
    "float": "a number",
    "str": "text",
    "optional_str": "text (a path), or None",
    "list": "a list, or comma-separated text",
    "dict": 'a dict, or a JSON object such as {"key": "value"}',
}


def _check_one(settings: BaseSettings, name: str, spec: Setting) -> None:
    raw = settings.get(name)

    def refuse(allowed: str) -> ConfigError:
        return ConfigError(f"{name}={_show(raw)} is not valid: expected {allowed}")

    expected = " ".join(filter(None, [_KIND_TEXT.get(spec.kind, ""), spec.allowed]))
    try:
        if spec.kind == "bool":
            value: Any = settings.getbool(name)
        elif spec.kind == "int":
            if isinstance(raw, float) and not raw.is_integer():
                raise ValueError(raw)
            value = settings.getint(name)
        elif spec.kind == "float":
            value = settings.getfloat(name)
        elif spec.kind == "dict":
            value = settings.getdict(name)
        elif spec.kind == "list":
            if not isinstance(raw, (str, list, tuple)) and raw is not None:
                raise TypeError(raw)
            value = settings.getlist(name)
        elif spec.kind in ("str", "folder", "local_folder"):
            if not isinstance(raw, str):
                raise TypeError(raw)
            value = raw
        elif spec.kind == "optional_str":
            if raw is not None and not isinstance(raw, (str, os.PathLike)):
                raise TypeError(raw)
            value = raw
        else:  # pragma: no cover - a typo in SETTINGS
            raise AssertionError(f"unknown kind {spec.kind!r} for {name}")
    except (ValueError, TypeError, json.JSONDecodeError):
        raise refuse(expected) from None
    if spec.minimum is not None and value < spec.minimum:
        raise refuse(f"a number >= {spec.minimum:g} {spec.allowed}".rstrip())
    if spec.choices and str(value).lower() not in spec.choices:
        raise refuse("one of " + ", ".join(spec.choices))
    if spec.kind == "folder":
        _check_folder(name, value or "archive", remote_ok=True)
    elif spec.kind == "local_folder" and value:
        _check_folder(name, value, remote_ok=False)


def _check_folder(name: str, value: str, remote_ok: bool) -> None:
    if "://" in value and not value.startswith("file://"):
        if remote_ok:
            return  # the storage layer reads the URI (_storage_check)
        raise ConfigError(f"{name}={_show(value)} is not valid: expected a local folder")
    _check_writable(name, Path(value.removeprefix("file://")))


def _check_warc_folder(settings: BaseSettings) -> None:
    if settings.get("NEWSCRAWL_WARC_DIR"):
        return  # checked as a setting of its own
    from newscrawl.warc.config import WarcConfig

    # the components' checks have passed: this is a local folder
    _check_writable("NEWSCRAWL_OUTPUT_DIR", Path(WarcConfig.from_settings(settings).directory))


def _check_writable(name: str, folder: Path) -> None:
    """The folder exists (or can be made) and a file can be created in it."""
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{name}={_show(str(folder))} is a file: expected a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".newscrawl-check-"):
            pass
    except OSError as exc:
        raise ConfigError(
            f"{name}={_show(str(folder))} is not a writable folder: "
            f"{exc.strerror or exc}; expected a folder this user can write to"
        ) from None


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
