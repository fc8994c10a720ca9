"""How newscrawl's add-ons write settings: at add-on priority, over no one's choice.

Scrapy runs add-ons after every settings source is merged; a value an add-on derives
goes in at least at add-on priority, and a setting the user gave on the command line
(``-s``) is left as it is.
"""

from __future__ import annotations

from typing import Any

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.utils.misc import load_object

ADDON_PRIORITY = SETTINGS_PRIORITIES["addon"]
CMDLINE_PRIORITY = SETTINGS_PRIORITIES["cmdline"]


def set_dict(settings: BaseSettings, name: str, value: dict[str, Any]) -> None:
    """Write back a dict setting (read with ``getdict`` and extended) at its priority."""
    settings.set(name, value, priority=max(settings.getpriority(name) or 0, ADDON_PRIORITY))


def set_download_handler(settings: BaseSettings, handler: str, replace: bool = False) -> None:
    """``handler`` for http and https; a handler already set is kept unless ``replace``."""
    handlers = settings.getdict("DOWNLOAD_HANDLERS")
    for scheme in ("http", "https"):
        if replace:
            handlers[scheme] = handler
        else:
            handlers.setdefault(scheme, handler)
    set_dict(settings, "DOWNLOAD_HANDLERS", handlers)


def set_unless_given(settings: BaseSettings, name: str, value: object) -> None:
    """Set ``name`` at add-on priority unless the command line (-s) gave it."""
    current = settings.getpriority(name) or 0
    if current < CMDLINE_PRIORITY:
        settings.set(name, value, priority=max(current, ADDON_PRIORITY))


def set_component(settings: BaseSettings, name: str, path: str, order: int) -> None:
    """Put the component at ``path`` in the priority dict ``name`` at ``order``.

    Like ``settings.set_in_component_priority_dict``, the component replaces any entry
    for it (by its path or its class) whatever that entry's value; unlike it, the other
    entries are not imported to compare them, so a component a setting disabled (value
    None) is never imported.
    """
    cls = load_object(path)
    components = settings.getdict(name)
    for key in tuple(components):
        if key == path or key is cls:
            del components[key]
    components[cls] = order
    settings.set(name, components, settings.getpriority(name) or 0)
