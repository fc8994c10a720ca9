"""cdxj_indexer, imported without the warning its dependency prints on every run.

cdxj_indexer imports py3amf, which imports setuptools' ``pkg_resources``; setuptools
80.9 and later warn about that on stderr (a ``UserWarning``), which a cron run would
mail to its operator each time. The warning is about setuptools, not about us.
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    from cdxj_indexer.main import CDXJIndexer, SortingWriter, write_cdx_index

__all__ = ["CDXJIndexer", "SortingWriter", "write_cdx_index"]
