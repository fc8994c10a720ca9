"""``python -m newscrawl.warc.writerproc``: how the crawl starts the writer process."""

import sys

from newscrawl.warc.writerproc.child import child_main

if __name__ == "__main__":
    sys.exit(child_main())
