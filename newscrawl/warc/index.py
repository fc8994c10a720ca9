"""CDXJ (pywb's index format) for a closed WARC file, written next to it."""

from __future__ import annotations

import os

from newscrawl.warc.cdxjlib import write_cdx_index


def cdxj_path(warc_path: str) -> str:
    """``x.warc.gz`` -> ``x.cdxj`` (``x.warc`` -> ``x.cdxj``)."""
    base = warc_path
    for ext in (".gz", ".warc"):
        base = base.removesuffix(ext)
    return base + ".cdxj"


def write_cdxj(warc_path: str) -> str:
    """Index ``warc_path`` into a sorted CDXJ file beside it; returns the index path.

    The index is written under a temporary name and renamed, so a reader never
    sees half an index. Its ``filename`` fields are the WARC's base name,
    which is how pywb resolves them against the collection's archive folder.
    """
    out = cdxj_path(warc_path)
    tmp = out + ".tmp"
    write_cdx_index(tmp, [warc_path], {"sort": True})
    os.replace(tmp, out)
    return out
