"""Where outputs are stored: a local folder or a remote destination, picked by URI scheme.

Modules, one idea each:

- ``base``: the ``OutputStorage`` interface, its errors, content types.
- ``local``: ``LocalStorage`` (a path or ``file://``): files are written in place.
- ``s3``: ``S3Storage`` (``s3://bucket/prefix/``) through boto3, verified per object.
- ``layout``: the storage class for a URI (``NEWSCRAWL_OUTPUT_STORAGES``) and the
  local folders each output area is written to.
- ``spool``: complete files waiting for a remote destination.
- ``uploader``: the thread that stores them, with retries and backoff.
- ``feeds``: ``SpooledFeedStorage``, Scrapy's FEEDS through the spool.
- ``extension``: ``OutputStorageExtension``, start-up check, uploads, run report.

Key layout, the same for every destination: ``warc/<name>.warc.gz`` and
``warc/<name>.cdxj``, ``items/<spider>-<time>.jsonl``, ``posts/YYYY-MM-DD-slug.md``,
``reports/<run id>.json``.
"""
