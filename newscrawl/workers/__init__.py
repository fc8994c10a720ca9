"""Extraction and cleaning in worker processes, off the crawl's reactor.

``job.process_page`` is what a worker runs for one page: extraction and cleaning from one
parse, returning the item's fields; ``pool.PagePool`` runs it on a pool of processes with
a per-page time limit and bounded hand-off (``launcher`` keeps its spawned workers from
running the ``scrapy`` console script again); ``newscrawl.pipelines.extract.ExtractPipeline``
feeds it from the crawl.
"""
