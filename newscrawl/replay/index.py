"""CDXJ index lines for one archive source: the WARC's own ``.cdxj``, else built and cached.

newscrawl writes ``x.cdxj`` beside each closed ``x.warc.gz``; it is used when it
is at least as new as the WARC. Any other source (foreign WARCs, WACZ members,
files without an index) is indexed once with ``cdxj_indexer`` and the lines
are cached under the index folder, keyed by path, size and modification time.
A damaged file keeps the lines of the records read before the damage; the
damage is remembered in the cache so every run reports it.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from newscrawl.replay.sources import ArchiveSource
from newscrawl.warc.cdxjlib import CDXJIndexer
from newscrawl.warc.index import cdxj_path

logger = logging.getLogger(__name__)

_DAMAGE_MARK = "!damaged "
_CACHE_VERSION = "1"


@dataclass
class SourceIndex:
    """The index lines of one source, and what went wrong reading it (if anything)."""

    lines: list[str] = field(default_factory=list)
    damage: str = ""
    built: bool = False  # indexed now rather than read from a file


class _Slice(io.RawIOBase):
    """A read-only window ``[base, base + size)`` of a file (a WACZ member)."""

    def __init__(self, fh: io.BufferedReader, base: int, size: int) -> None:
        self._fh = fh
        self._base = base
        self._end = base + size
        fh.seek(base)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        left = self._end - self._fh.tell()
        if left <= 0:
            return 0
        view = memoryview(buffer)[: min(len(buffer), left)]
        return self._fh.readinto(view) or 0


def open_stream(source: ArchiveSource) -> io.BufferedReader:
    """The source's bytes from its first record (caller closes)."""
    fh = open(source.path, "rb")  # noqa: SIM115 (returned)
    if source.member:
        return io.BufferedReader(_Slice(fh, source.base, source.size))
    return fh


def build_lines(source: ArchiveSource) -> SourceIndex:
    """Index the source now; a read error ends the index where the damage starts."""
    out = io.StringIO()
    result = SourceIndex(built=True)
    with open_stream(source) as stream:
        indexer = CDXJIndexer(out, [stream], filename=source.name)
        try:
            indexer.process_all()
        except Exception as exc:  # warcio raises several types on damaged input
            result.damage = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    result.lines = out.getvalue().splitlines()
    return result


def _cache_file(source: ArchiveSource, cache_dir: str) -> str:
    key = hashlib.sha1(f"{_CACHE_VERSION}|{source.stamp()}".encode()).hexdigest()
    return os.path.join(cache_dir, f"{key}.cdxj")


def _own_index(source: ArchiveSource) -> str | None:
    if source.member or not source.path.endswith((".warc", ".warc.gz")):
        return None
    path = cdxj_path(source.path)
    try:
        if os.stat(path).st_mtime_ns >= os.stat(source.path).st_mtime_ns:
            return path
    except OSError:
        pass
    return None


def load_lines(source: ArchiveSource, cache_dir: str) -> SourceIndex:
    """The index of ``source``: its own ``.cdxj``, a cached one, or one built now."""
    own = _own_index(source)
    if own is not None:
        with open(own, encoding="utf-8") as fh:
            return SourceIndex([line.rstrip("\n") for line in fh])
    cached = _cache_file(source, cache_dir)
    try:
        with open(cached, encoding="utf-8") as fh:
            lines = [line.rstrip("\n") for line in fh]
    except OSError:
        pass
    else:
        damage = ""
        if lines and lines[0].startswith(_DAMAGE_MARK):
            damage = lines.pop(0)[len(_DAMAGE_MARK) :]
        return SourceIndex(lines, damage)
    result = build_lines(source)
    try:
        os.makedirs(cache_dir, exist_ok=True)
        tmp = f"{cached}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            if result.damage:
                fh.write(_DAMAGE_MARK + result.damage.replace("\n", " ") + "\n")
            fh.writelines(line + "\n" for line in result.lines)
        os.replace(tmp, cached)
    except OSError as exc:
        logger.info("Replay index of %s not cached in %s: %s", source.label, cache_dir, exc)
    return result


def parse_lines(lines: list[str], name: str) -> Iterator[tuple[str, str, dict]]:
    """``(urlkey, timestamp, fields)`` of each index line that belongs to file ``name``."""
    for line in lines:
        if not line or line.startswith(("!", " ")):
            continue
        try:
            urlkey, timestamp, data = line.split(" ", 2)
            fields = json.loads(data)
            int(fields["offset"])
        except (ValueError, KeyError, TypeError):
            continue
        filename = fields.get("filename")
        if filename and os.path.basename(filename) != name:
            continue
        yield urlkey, timestamp, fields
