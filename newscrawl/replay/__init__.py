"""Replay: answer a crawl's requests from WARC/WACZ archives instead of the network.

One idea per module: ``config`` (the ``NEWSCRAWL_REPLAY_*`` settings),
``sources`` (which archive files a ``NEWSCRAWL_REPLAY_FROM`` names), ``index``
(CDXJ per file, built on the fly and cached when missing), ``lookup`` (which
capture answers a URL), ``reader`` (one record by offset), ``archive`` (the
three together, with revisits resolved), ``handler`` (the Scrapy download
handler), ``extension`` (loads the archive at start), ``spidermiddleware``
(stamps items with the replayed record), ``addon`` (wires it all) and
``wacz`` (packages a crawl for viewers).
"""
