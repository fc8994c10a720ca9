"""Store a run's output file under ``NEWSCRAWL_OUTPUT_DIR``, local or remote."""

from __future__ import annotations

import os
import tempfile
from pathlib import PurePosixPath

from newscrawl.storage.layout import OutputLayout


def store_output(layout: OutputLayout, relative: str, data: bytes) -> str:
    """Write ``data`` as ``<output>/<relative>`` and return where it will be stored.

    A local output is written in place; a remote one lands complete in the spool's
    outbox, which the uploader sends and removes once stored. ``relative`` is
    ``<area>/<name>``, made by the caller (no ``..``).
    """
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or len(path.parts) != 2:
        raise ValueError(f"output path {relative!r} is not <area>/<name>")
    area, name = path.parts
    directory = layout.done_dir(area)
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, os.path.join(directory, name))
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    if layout.remote:
        return f"{layout.uri.rstrip('/')}/{relative}"
    return os.path.join(directory, name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
