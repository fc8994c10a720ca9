"""Repair ``.open`` WARC files left by a crashed run: keep every complete record.

A record counts as complete when warcio reads it to its full
``Content-Length``, its block digest matches, and (for ``.warc.gz``) its gzip
member ends with a valid trailer. The file is cut right after the last
complete record, synced, and renamed to its final name.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from newscrawl.warc.files import OPEN_SUFFIX, lock_file

logger = logging.getLogger(__name__)

_READ = 1 << 16


@dataclass(frozen=True)
class RecoveryResult:
    """What recovery did to one ``.open`` file."""

    open_path: str
    final_path: str | None  # None when nothing complete was left and the file was removed
    records: int
    bytes_kept: int
    bytes_cut: int


def _gzip_member_complete(fh: BinaryIO, offset: int, length: int) -> bool:
    fh.seek(offset)
    data = fh.read(length)
    if len(data) != length:
        return False
    d = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        d.decompress(data)
    except zlib.error:
        return False
    return d.eof and not d.unused_data


def _block_complete(record: ArcWarcRecord) -> bool:
    """Read the whole block: full ``Content-Length``, and a matching block digest if any."""
    declared = record.rec_headers.get_header("WARC-Block-Digest")
    digester = None
    if declared and ":" in declared:
        algorithm = declared.split(":", 1)[0].lower()
        if algorithm in hashlib.algorithms_available:
            digester = hashlib.new(algorithm)
    read = 0
    while chunk := record.raw_stream.read(_READ):
        read += len(chunk)
        if digester is not None:
            digester.update(chunk)
    if record.length is None or read != int(record.length):
        return False
    if digester is None:
        return True
    return declared.split(":", 1)[1] == base64.b32encode(digester.digest()).decode()


def complete_prefix(path: str) -> tuple[int, int]:
    """``(end offset of the last complete record, number of complete records)``."""
    gz = path.removesuffix(OPEN_SUFFIX).endswith(".gz")
    good_end, count = 0, 0
    with open(path, "rb") as fh, open(path, "rb") as probe:
        it = ArchiveIterator(fh, no_record_parse=True)
        try:
            for record in it:
                if not _block_complete(record):
                    break
                it.read_to_end()
                offset, length = it.member_info
                if gz:
                    if not _gzip_member_complete(probe, offset, length):
                        break
                    end = offset + length
                else:
                    end = offset + length
                    probe.seek(end)
                    if probe.read(4) != b"\r\n\r\n":
                        break
                    end += 4
                if offset != good_end:
                    break  # something unreadable sits between records
                good_end, count = end, count + 1
        except Exception as exc:  # any parse error marks the end of the good part
            logger.debug("Stopped reading %s at offset %d: %s", path, good_end, exc)
    return good_end, count


def recover_file(open_path: str) -> RecoveryResult | None:
    """Repair one ``.open`` file; ``None`` if another process is still writing it."""
    with open(open_path, "r+b") as fh:
        if not lock_file(fh):
            logger.info("Skipping WARC file %s: another process is writing it", open_path)
            return None
        size = os.fstat(fh.fileno()).st_size
        good_end, count = complete_prefix(open_path)
        cut = size - good_end
        if count == 0:
            os.unlink(open_path)
            logger.warning(
                "Removed WARC file %s from an interrupted run: no complete record in %d bytes",
                open_path,
                size,
            )
            return RecoveryResult(open_path, None, 0, 0, size)
        if cut:
            fh.truncate(good_end)
        fh.flush()
        os.fsync(fh.fileno())
        final = open_path.removesuffix(OPEN_SUFFIX)
        if os.path.exists(final):
            base, ext = _split_ext(open_path.removesuffix(OPEN_SUFFIX))
            final = f"{base}-recovered{ext}"
        os.rename(open_path, final)
    logger.warning(
        "Recovered WARC file %s from an interrupted run: kept %d complete records "
        "(%d bytes), cut %d trailing bytes",
        final,
        count,
        good_end,
        cut,
    )
    return RecoveryResult(open_path, final, count, good_end, cut)


def _split_ext(path: str) -> tuple[str, str]:
    for ext in (".warc.gz", ".warc"):
        if path.endswith(ext):
            return path[: -len(ext)], ext
    return path, ""


def recover_directory(directory: str) -> list[RecoveryResult]:
    """Repair every ``*.warc.open`` / ``*.warc.gz.open`` file in ``directory``."""
    if not os.path.isdir(directory):
        return []
    results = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith((".warc" + OPEN_SUFFIX, ".warc.gz" + OPEN_SUFFIX)):
            continue
        path = os.path.join(directory, name)
        try:
            result = recover_file(path)
        except OSError as exc:
            logger.error("Could not recover WARC file %s: %s", path, exc)
            continue
        if result is not None:
            results.append(result)
    return results


def closed_files(directory: str) -> list[str]:
    """Complete ``*.warc`` / ``*.warc.gz`` files in ``directory`` (not ``.open`` ones)."""
    if not os.path.isdir(directory):
        return []
    names = sorted(os.listdir(directory))
    return [os.path.join(directory, n) for n in names if n.endswith((".warc", ".warc.gz"))]
