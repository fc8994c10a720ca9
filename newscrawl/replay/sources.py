"""Which archive files a ``NEWSCRAWL_REPLAY_FROM`` names: a file, a folder, a glob, a WACZ.

WARC files inside a WACZ are stored uncompressed in the zip, so a record is
read straight from the ``.wacz`` at the member's data offset plus the record's
offset; nothing is extracted. Remote locations (``s3://...``) are first made
local by the function :data:`REMOTE_SOURCES` holds for their scheme.
"""

from __future__ import annotations

import glob
import logging
import os
import struct
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from newscrawl.replay.config import ReplayConfigError

logger = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
WACZ_SUFFIX = ".wacz"

_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... file name length, extra length


@dataclass(frozen=True)
class ArchiveSource:
    """One WARC/ARC stream: a whole file, or a stored member of a WACZ."""

    path: str  # the local file holding it
    base: int = 0  # where the WARC data starts in ``path``
    size: int = -1  # its length (-1: to the end of the file)
    member: str = ""  # name inside a WACZ, else ""

    @property
    def name(self) -> str:
        """The name records of this source are known by (``warc_file`` of items)."""
        return os.path.basename(self.member or self.path)

    @property
    def label(self) -> str:
        return f"{self.path}#{self.member}" if self.member else self.path

    def stamp(self) -> str:
        """Changes whenever the content may have changed (for index caching)."""
        st = os.stat(self.path)
        return f"{os.path.abspath(self.path)}|{self.member}|{st.st_size}|{st.st_mtime_ns}"


#: scheme -> function(location, cache_dir, settings) that makes the archive local and
#: returns the local file, folder or glob to read
REMOTE_SOURCES: dict[str, Callable[[str, str, Mapping[str, Any]], str]] = {
    "s3": lambda *args: _s3_mirror(*args),
}


def _s3_mirror(location: str, cache_dir: str, options: Mapping[str, Any]) -> str:
    from newscrawl.replay.s3 import mirror  # boto3 only when used

    return mirror(location, cache_dir, options)


def is_archive_name(name: str) -> bool:
    return name.endswith(WARC_SUFFIXES) or name.endswith(WACZ_SUFFIX)


def localise(location: str, cache_dir: str, options: Mapping[str, Any]) -> str:
    """``location`` itself, or for a remote one (``s3://...``) its local copy."""
    if "://" not in location:
        return location
    scheme = location.split("://", 1)[0].lower()
    resolve = REMOTE_SOURCES.get(scheme)
    if resolve is None:
        raise ReplayConfigError(
            f"NEWSCRAWL_REPLAY_FROM={location!r}: {scheme}:// archives cannot be read; "
            "copy them to a local folder and name that folder"
        )
    return resolve(location, cache_dir, options)


def discover(location: str, damaged: list[str] | None = None) -> list[ArchiveSource]:
    """The archive streams under local ``location``, in a stable order; raises ReplayConfigError.

    An unreadable WACZ is logged, skipped and appended to ``damaged``.
    """
    if os.path.isdir(location):
        paths = []
        for root, dirs, files in os.walk(location):
            dirs.sort()
            paths += [os.path.join(root, f) for f in sorted(files) if is_archive_name(f)]
    elif glob.has_magic(location):
        paths = sorted(
            p
            for p in glob.glob(location, recursive=True)
            if os.path.isfile(p) and is_archive_name(p)
        )
    elif os.path.isfile(location):
        paths = [location]
    else:
        raise ReplayConfigError(
            f"NEWSCRAWL_REPLAY_FROM={location!r}: no such file or folder; name a WARC or WACZ "
            "file, a folder of them, or a glob"
        )
    sources: list[ArchiveSource] = []
    for path in paths:
        if not path.endswith(WACZ_SUFFIX):
            sources.append(ArchiveSource(path))
            continue
        try:
            sources += wacz_members(path)
        except (OSError, zipfile.BadZipFile, struct.error) as exc:
            logger.error("Replay skips WACZ %s: cannot read it as a zip (%s)", path, exc)
            if damaged is not None:
                damaged.append(path)
    if not sources:
        raise ReplayConfigError(
            f"NEWSCRAWL_REPLAY_FROM={location!r}: no WARC, ARC or WACZ files there"
        )
    return sources


def wacz_members(path: str) -> list[ArchiveSource]:
    """The stored WARC members of a WACZ (``archive/*.warc.gz``); raises on a bad zip."""
    sources = []
    with zipfile.ZipFile(path) as zf, open(path, "rb") as fh:
        for info in zf.infolist():
            if not info.filename.endswith(WARC_SUFFIXES):
                continue
            if info.compress_type != zipfile.ZIP_STORED:
                logger.error(
                    "Replay skips %s in %s: the member is zip-compressed (WACZ stores WARCs "
                    "uncompressed)",
                    info.filename,
                    path,
                )
                continue
            fh.seek(info.header_offset)
            sig, name_len, extra_len = _LOCAL_HEADER.unpack(fh.read(_LOCAL_HEADER.size))
            if sig != b"PK\x03\x04":
                raise zipfile.BadZipFile(f"bad local header for {info.filename}")
            base = info.header_offset + _LOCAL_HEADER.size + name_len + extra_len
            sources.append(ArchiveSource(path, base, info.file_size, info.filename))
    return sources
