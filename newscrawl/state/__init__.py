"""Crawl state kept across runs: feed validators and outcomes, archived articles.

- ``store``: the records (:class:`FeedState`, :class:`ArticleState`) and the small
  interface every backend implements (:class:`StateStore`).
- ``sqlite``: the default backend, one SQLite file in a local folder.
- ``redis``: the backend shared by distributed workers, with claims on requests.
- ``keys``: URL normalisation for matching articles (fragments and tracking
  parameters dropped).
- ``config``: the ``NEWSCRAWL_STATE_*`` and feed politeness settings.
- ``lock``: the lock that keeps two runs off one store.
- ``extension`` / ``middleware`` / ``pipeline``: the Scrapy components.
"""
