"""``LocalStorage``: outputs live in a local folder (the default) and are written in place."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlsplit

from newscrawl.storage.base import OutputStorage, StorageConfigError, StoredObject, safe_key


def local_path(uri: str) -> str:
    """The folder a plain path or ``file://`` URI names."""
    parts = urlsplit(uri)
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise StorageConfigError(
                f"NEWSCRAWL_OUTPUT_DIR={uri!r}: a file:// URI names a local folder "
                "(file:///path), not a host"
            )
        return parts.path
    return uri


class LocalStorage(OutputStorage):
    """A local folder (path or ``file://`` URI): components write their files into it."""

    spooled = False

    def __init__(self, uri: str) -> None:
        super().__init__(uri)
        self.root = local_path(uri)

    def check(self) -> None:
        if not self.root:
            raise StorageConfigError("NEWSCRAWL_OUTPUT_DIR is empty; set a folder or s3:// URI")

    def local_root(self) -> str:
        return self.root

    def put(self, path: str, key: str) -> StoredObject:
        target = os.path.join(self.root, safe_key(key))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = target + ".part"
        shutil.copyfile(path, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        return StoredObject(key, os.path.getsize(target))

    def describe(self, key: str = "") -> str:
        return os.path.join(self.root, key) if key else self.root
