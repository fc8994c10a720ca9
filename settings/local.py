"""Profile `local` (the default): crawl to ./archive on local disk."""

from newscrawl.settings import *  # noqa: F403

NEWSCRAWL_OUTPUT_DIR = "archive"
