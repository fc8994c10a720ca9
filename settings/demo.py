"""Profile `demo`: work against the bundled demo site on this machine (127.0.0.1).

newscrawl refuses loopback and private addresses by default; this profile allows
only 127.0.0.1, for `scrapy shell` / `scrapy parse` / `scrapy crawl` on the demo
site that `python -m newscrawl.demo serve` starts.
"""

from newscrawl.settings import *  # noqa: F403

NEWSCRAWL_OUTPUT_DIR = "archive"
NEWSCRAWL_ALLOWED_NETWORKS = ["127.0.0.1/32"]
