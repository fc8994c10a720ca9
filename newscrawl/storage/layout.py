"""Where each kind of output is written on this machine, for the destination chosen.

The key layout is the same everywhere (``warc/``, ``items/``, ``posts/``,
``reports/`` under the destination). A local destination holds files in place;
a remote one gets them through the spool, so components write to
``<spool>/work/<area>`` and hand complete files to ``<spool>/outgoing/<area>``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.utils.misc import load_object

from newscrawl.storage.base import OutputStorage, StorageConfigError
from newscrawl.storage.local import local_path

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

DEFAULT_STORAGES = {
    "": "newscrawl.storage.local.LocalStorage",
    "file": "newscrawl.storage.local.LocalStorage",
    "s3": "newscrawl.storage.s3.S3Storage",
}


def output_uri(settings: BaseSettings) -> str:
    return str(settings.get("NEWSCRAWL_OUTPUT_DIR") or "archive")


def storage_class(uri: str, settings: BaseSettings) -> type[OutputStorage]:
    """The storage class for ``uri``'s scheme (``NEWSCRAWL_OUTPUT_STORAGES``)."""
    storages = {**DEFAULT_STORAGES, **settings.getdict("NEWSCRAWL_OUTPUT_STORAGES")}
    scheme = urlsplit(uri).scheme if "://" in uri else ""
    path = storages.get(scheme)
    if not path:
        known = ", ".join(sorted(s + "://" for s in storages if s))
        raise StorageConfigError(
            f"NEWSCRAWL_OUTPUT_DIR={uri!r}: no storage for {scheme}:// (use a path, {known})"
        )
    return load_object(path)


def build_storage(settings: BaseSettings) -> OutputStorage:
    """The storage of ``NEWSCRAWL_OUTPUT_DIR``; raises ``StorageConfigError`` when malformed."""
    uri = output_uri(settings)
    cls = storage_class(uri, settings)
    from_settings = getattr(cls, "from_settings", None)
    return from_settings(uri, settings) if from_settings else cls(uri)


@dataclass(frozen=True)
class OutputLayout:
    """Local folders of each output area, for a local or a spooled destination."""

    uri: str
    spool_dir: str
    remote: bool

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> OutputLayout:
        uri = output_uri(settings)
        try:
            remote = storage_class(uri, settings).spooled
        except StorageConfigError:
            remote = True  # the storage extension stops the crawl; write nothing odd meanwhile
        spool = str(settings.get("NEWSCRAWL_SPOOL_DIR") or "spool")
        return cls(uri, spool, remote)

    def done_dir(self, area: str) -> str:
        """Where complete files of ``area`` go (the final folder, or the spool's outbox)."""
        if self.remote:
            return os.path.join(self.spool_dir, "outgoing", area)
        return os.path.join(local_path(self.uri), area)

    def work_dir(self, area: str) -> str:
        """Where files of ``area`` are written until complete."""
        if self.remote:
            return os.path.join(self.spool_dir, "work", area)
        return os.path.join(local_path(self.uri), area)

    def key_for(self, uri: str) -> str | None:
        """The key of ``uri`` under the destination, or None when it lies elsewhere."""
        root = self.uri.rstrip("/") + "/"
        return uri[len(root) :] if uri.startswith(root) and len(uri) > len(root) else None

    def sent_names(self, area: str) -> str | None:
        """For a remote destination: the local record of file names already handed over
        in ``area`` (the spool forgets a file once it is stored). None for a local one."""
        if not self.remote:
            return None
        return os.path.join(self.spool_dir, "work", f"{area}-names.tsv")
