"""Store a run's output file under ``NEWSCRAWL_OUTPUT_DIR`` (local folders today)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)


def local_dir(output_dir: str) -> Path | None:
    """The local folder of ``output_dir`` (a path or file:// URI); None for remote storage."""
    parts = urlsplit(output_dir)
    if parts.scheme == "file":
        return Path(parts.path)
    if parts.scheme and len(parts.scheme) > 1:  # s3://..., not a Windows drive letter
        return None
    return Path(output_dir)


def store_output(output_dir: str, relative: str, data: bytes) -> str | None:
    """Write ``data`` to ``<output_dir>/<relative>`` atomically; returns where, or None.

    ``relative`` must be a plain relative path made by the caller (no ``..``).
    """
    if Path(relative).is_absolute() or ".." in Path(relative).parts:
        raise ValueError(f"output path {relative!r} would leave the output folder")
    root = local_dir(output_dir)
    if root is None:
        logger.info("Run report kept in the log only: %s is not a local folder", output_dir)
        return None
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return str(target)
