"""Defaults for every setting newscrawl reads.

Deployment profiles in ``settings/`` start with ``from newscrawl.settings import *``
and override. Each newscrawl setting is documented here (type, default, example)
and in the README's settings reference.
"""

BOT_NAME = "newscrawl"

SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

ADDONS = {"newscrawl.addon.NewscrawlAddon": 0}

# --- Politeness -------------------------------------------------------------

# Say who we are; operators should put a real contact in their profile.
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl; contact: archive@example.org)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
DOWNLOAD_TIMEOUT = 30
# News pages are rarely above a few MB; anything past 32 MB is not an article.
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10
# The spider's errbacks log each failed request once, with the reason.
RETRY_GIVE_UP_LOG_LEVEL = "DEBUG"

# A page gives one item (a feed some requests): Scrapy's default of 100 starts 100 tasks
# per response to process its output in parallel, which costs CPU and buys nothing here.
CONCURRENT_ITEMS = 16

# Keep the crawl order close to feed order and the memory small.
DEPTH_PRIORITY = 0
# Cookies stay on: consent walls and some paywalls redirect in circles without them.
COOKIES_ENABLED = True
# No listening ports on a crawl host unless asked for.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# bool. Scrapy's cookie code uses tldextract, which downloads the Public Suffix
# List at first use (and logs tracebacks when offline). True makes it use the
# copy bundled with tldextract: quiet, deterministic, no network. Default True.
NEWSCRAWL_PSL_OFFLINE = True

# --- Output -----------------------------------------------------------------

# str. Root folder of everything a crawl writes: items/ (JSON Lines), posts/,
# warc/. Default "archive" (relative to the working directory).
# Example: NEWSCRAWL_OUTPUT_DIR = "/srv/newscrawl"
NEWSCRAWL_OUTPUT_DIR = "archive"

# bool. Export items as JSON Lines through Scrapy's FEEDS to
# <NEWSCRAWL_OUTPUT_DIR>/items/<spider>-<time>.jsonl. Default True. A FEEDS
# setting of your own is kept and this one is added beside it.
NEWSCRAWL_ITEMS_JSONL = True

# list[str]. Item fields left out of the JSON Lines export. Default: the raw
# page HTML and the unsanitised extracted body. Example: ["html", "body_html", "clean_html"]
NEWSCRAWL_ITEMS_EXCLUDE_FIELDS = ["html", "body_html"]

# str or None. Write the crawl's final stats as JSON to this path (for cron
# reports and tests). Default None. Example: "archive/stats/last.json"
NEWSCRAWL_STATS_FILE = None

# --- Feeds ------------------------------------------------------------------

# list[str] or comma-separated str. Feed URLs to crawl when the spider gets no
# -a feeds=... / -a feeds_file=... argument. Default []. (Not Scrapy's FEEDS,
# which configures exports.) Example: ["https://example.com/rss.xml"]
NEWSCRAWL_FEED_URLS = []

# str or None. Path to a feed list: OPML, or one URL per line with # comments.
# Default None. Example: "feeds.opml"
NEWSCRAWL_FEEDS_FILE = None

EXTENSIONS = {
    "newscrawl.statsfile.StatsFileExtension": 500,
    "newscrawl.logtidy.LogTidyExtension": 0,
}

# --- Extraction in worker processes -----------------------------------------------

# bool. Extract and clean each article page (metadata, body, Markdown, posts). False is
# archive-only: feeds and pages are archived as WARC and each page gives a minimal item
# (URL, status, feed entry fields, WARC location), to extract later by replay.
# Default True. Example: NEWSCRAWL_EXTRACT = False
NEWSCRAWL_EXTRACT = True

# int. Worker processes that extract and clean pages, off the crawl's event loop.
# Default 0 = one per CPU core. Example: NEWSCRAWL_EXTRACT_WORKERS = 2
NEWSCRAWL_EXTRACT_WORKERS = 0

# float (seconds). Longest a worker may spend on one page; past it the worker is
# replaced and the item is kept without extracted fields (logged, counted as
# newscrawl/extract/timeout). 0 = no limit. Default 60. Example: 20
NEWSCRAWL_EXTRACT_TIMEOUT = 60.0

# int. Pages handed to the workers at a time; the items behind them wait with their
# responses in Scrapy's scraper slot, which holds new downloads back once it holds
# SCRAPER_SLOT_MAX_ACTIVE_SIZE bytes. Default 0 = two per worker. Example: 16
NEWSCRAWL_EXTRACT_QUEUE_SIZE = 0

# str. Dotted path of the function a worker runs for each page: it takes a job dict and
# returns the item's fields (see newscrawl.workers.job.process_page, the default).
# Example: "mysite.extract.process_page"
NEWSCRAWL_EXTRACT_JOB = "newscrawl.workers.job.process_page"

# --- Cleaning and front-matter records (issue 3) -------------------------------

# Cleaning (newscrawl.pipelines.clean.CleanMarkupPipeline) turns body_html into
# clean_html, markdown and excerpt; FrontMatterPipeline builds the record and
# writes <NEWSCRAWL_OUTPUT_DIR>/posts/YYYY-MM-DD-slug.md. Extraction runs before 500.
ITEM_PIPELINES = {
    **globals().get("ITEM_PIPELINES", {}),
    "newscrawl.pipelines.extract.ExtractPipeline": 400,
    "newscrawl.pipelines.clean.CleanMarkupPipeline": 500,
    "newscrawl.pipelines.frontmatter.FrontMatterPipeline": 600,
}

# int. Longest plain-text excerpt, in characters, cut at a word boundary with "…".
# Default 300. Example: NEWSCRAWL_CLEAN_EXCERPT_LENGTH = 160
NEWSCRAWL_CLEAN_EXCERPT_LENGTH = 300

# list[str]. Extra CSS selectors of blocks to drop from article bodies (site
# boilerplate the built-in ad/promo/newsletter/social/related rules miss).
# Default []. Example: [".byline-follow", "#story-footer"]
NEWSCRAWL_CLEAN_DROP_SELECTORS = []

# str. Front-matter schema: "jekyll", "hugo" or "wordpress". Default "jekyll".
# Example: NEWSCRAWL_FRONTMATTER_PRESET = "wordpress"
NEWSCRAWL_FRONTMATTER_PRESET = "jekyll"

# dict[str, str | None]. Renames the preset's keys; None drops a key. Default {}.
# Example: {"post_title": "headline", "layout": None}
NEWSCRAWL_FRONTMATTER_KEYS = {}

# str. Base URL put before the permalink path. Default "" (a site-relative path).
# Example: "https://www.example.com"
NEWSCRAWL_FRONTMATTER_PERMALINK_BASE = ""

# str. Permalink path; may use {slug}, {year}, {month}, {day} and {id}.
# Default "/{slug}/". Example: "/{year}/{month}/{slug}.html"
NEWSCRAWL_FRONTMATTER_PERMALINK_PATTERN = "/{slug}/"

# str. The layout key of jekyll and wordpress records. Default "post".
NEWSCRAWL_FRONTMATTER_LAYOUT = "post"

# str. Author written when the article names none. Default "".
# Example: "Staff Writer"
NEWSCRAWL_FRONTMATTER_DEFAULT_AUTHOR = ""

# str. Time zone of record dates and of the date in post file names.
# Default "UTC". Example: "Europe/Berlin"
NEWSCRAWL_FRONTMATTER_TIMEZONE = "UTC"

# int. Longest slug, in characters (cut at a word boundary). Default 80.
NEWSCRAWL_FRONTMATTER_SLUG_MAX_LENGTH = 80

# bool. Write one Markdown post per article to <NEWSCRAWL_OUTPUT_DIR>/posts/
# (local folders only). Default True.
NEWSCRAWL_FRONTMATTER_POSTS = True
# --- WARC archiving -----------------------------------------------------------
# The add-on sets DOWNLOAD_HANDLERS (http/https), WarcCaptureMiddleware (950),
# WarcItemMiddleware (10) and WarcExtension when NEWSCRAWL_WARC_ENABLED is on.
ADDONS = {**ADDONS, "newscrawl.warc.addon.WarcAddon": 10}

# bool. Archive every HTTP exchange (robots.txt, feeds, redirects, articles,
# errors) as WARC. Default True. Example: NEWSCRAWL_WARC_ENABLED = False
NEWSCRAWL_WARC_ENABLED = True

# str. Folder of the WARC files, their .cdxj indexes and the dedup index.
# Default "" = <NEWSCRAWL_OUTPUT_DIR>/warc. Example: "/srv/warc"
NEWSCRAWL_WARC_DIR = ""

# str. File name prefix: {prefix}-{timestamp17}-{serial:05d}-{host}.warc.gz.
# Default "newscrawl". Example: "newsarchive"
NEWSCRAWL_WARC_PREFIX = "newscrawl"

# int (bytes). Start a new file once one reaches this size. Default 1 GiB.
# Example: 100 * 1024 * 1024
NEWSCRAWL_WARC_MAX_SIZE = 1024**3

# float (seconds). Start a new file once one is this old; 0 turns it off.
# Default 3600. Example: 86400
NEWSCRAWL_WARC_MAX_AGE = 3600

# bool. Per-record gzip (.warc.gz); False writes plain .warc. Default True.
NEWSCRAWL_WARC_GZIP = True

# int 1-9. gzip level of WARC records, as for zlib (ISA-L maps it to its levels
# 1-3: 1-2 -> 1, 3-5 -> 2, 6-9 -> 3). Default 6. Example: 1 (less CPU, bigger files)
NEWSCRAWL_WARC_GZIP_LEVEL = 6

# str. gzip implementation: "auto" (ISA-L through the isal package when installed,
# else zlib), "isal" or "zlib". Both write standard gzip members. Default "auto".
# Example: "zlib"
NEWSCRAWL_WARC_GZIP_ENGINE = "auto"

# str. WARC-Block-Digest / WARC-Payload-Digest algorithm, base32: "sha1" or
# "sha256". Default "sha1". Example: "sha256"
NEWSCRAWL_WARC_DIGEST = "sha1"

# bool. Write a revisit record (identical-payload-digest) instead of a full
# response when the same URL returned the same payload in this or an earlier
# run. Default True. Example: False
NEWSCRAWL_WARC_DEDUP = True

# str. Path of the SQLite dedup index. Default "" = <NEWSCRAWL_WARC_DIR>/dedup.sqlite3.
# Example: "/var/lib/newscrawl/dedup.sqlite3"
NEWSCRAWL_WARC_DEDUP_DB = ""

# str. Who runs the crawl, written into each warcinfo record. Default "" (left
# out). Example: "Example Library web archive <archive@example.org>"
NEWSCRAWL_WARC_OPERATOR = ""

# str. Crawl name, warcinfo's isPartOf. Default "" = the spider name.
# Example: "daily-news"
NEWSCRAWL_WARC_CRAWL_NAME = ""

# bool. fsync after every record (survives power loss, costs speed); files are
# always fsynced when closed, and every record is flushed to the OS, so a
# killed process loses at most the record being written. Default False.
# Example: True
NEWSCRAWL_WARC_FSYNC = False

# bool. Write a CDXJ index (pywb's format) beside each closed WARC. Default True.
NEWSCRAWL_WARC_CDXJ = True

# int. How far the writer process may fall behind before the crawl waits for it,
# in exchanges of 128 KiB (the limit is QUEUE_SIZE x 128 KiB of unsent bytes).
# Default 256 (32 MiB). Example: 1024
NEWSCRAWL_WARC_QUEUE_SIZE = 256
