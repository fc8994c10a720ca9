"""Spawned workers skip re-running a console-script launcher as their main module.

A process started with the spawn method first sets up its ``__main__`` the way the
parent's was made (``multiprocessing.spawn.get_preparation_data``): a main module
run as ``python -m pkg`` is named and, for a ``pkg.__main__``, left alone; a main
module given by path is run again as ``__mp_main__``, so that functions and classes a
script defines can be unpickled in the worker. Under the ``scrapy`` console script,
that path is the launcher pip writes into the environment's ``bin``: running it again
imports ``scrapy.cmdline`` and with it all of Scrapy (about 0.3-0.4 s of CPU per
worker, which ``python -m scrapy`` does not pay), and it defines nothing a worker needs.

:func:`skip_launcher_main` makes spawn leave such a launcher out of what it sends. A
main module counts as a launcher only when it is named after an installed
``console_scripts`` entry point and defines no function, class or object of its own
(anything a pickle could name as ``__main__.<name>``); any other script, e.g.
``python myscript.py`` defining a page job, is run again in each worker as before.
The stdlib has no per-context hook for this, so it wraps the module function spawn
calls; it applies to every process this process spawns, none of which can need a
launcher's namespace.
"""

from __future__ import annotations

import functools
import os
import sys
from types import ModuleType
from typing import Any

_MAIN_PATH = "init_main_from_path"  # the key of spawn's preparation data for a script


def skip_launcher_main() -> None:
    """Install the wrapper of ``multiprocessing.spawn.get_preparation_data`` (once)."""
    from multiprocessing import spawn

    prepare = getattr(spawn, "get_preparation_data", None)
    if prepare is None or getattr(prepare, "skips_launcher", False):
        return

    @functools.wraps(prepare)
    def get_preparation_data(*args: Any, **kwargs: Any) -> dict[str, Any]:
        data = prepare(*args, **kwargs)
        if _MAIN_PATH in data and is_launcher(sys.modules.get("__main__")):
            del data[_MAIN_PATH]
        return data

    get_preparation_data.skips_launcher = True  # type: ignore[attr-defined]
    spawn.get_preparation_data = get_preparation_data


def is_launcher(main: ModuleType | None) -> bool:
    """Whether ``main`` is a console script's launcher that a worker need not run again."""
    path = getattr(main, "__file__", None)
    if main is None or not path or getattr(main, "__spec__", None) is not None:
        return False
    return _is_console_script(os.path.basename(path)) and not _defines_anything(main)


def _defines_anything(main: ModuleType) -> bool:
    for value in list(vars(main).values()):
        try:
            if getattr(value, "__module__", None) == main.__name__:
                return True
        except Exception:  # an object whose attributes raise: assume it is its own
            return True
    return False


@functools.lru_cache(maxsize=8)
def _is_console_script(name: str) -> bool:
    try:
        from importlib.metadata import entry_points

        return bool(entry_points(group="console_scripts", name=name))
    except Exception:  # unreadable package metadata: keep spawn's own behaviour
        return False
