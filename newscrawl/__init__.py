"""newscrawl: archive news feeds as WARC plus clean front-matter records."""

__version__ = "0.1.0"
