"""Profile `replay`: re-run the crawl offline from ./archive/warc into ./replay.

Every request is answered from the archive (no network); records, posts and the
stats go to their own folder so the live outputs stay as they are.
"""

from newscrawl.settings import *  # noqa: F403

NEWSCRAWL_REPLAY_FROM = "archive/warc"
NEWSCRAWL_OUTPUT_DIR = "replay"
