"""Defaults for every setting newscrawl reads.

Deployment profiles in ``settings/`` start with ``from newscrawl.settings import *``
and override. Each newscrawl setting is documented here (type, default, example)
and in the README's settings reference.
"""

BOT_NAME = "newscrawl"

SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
# `scrapy crawl` checks the settings first and exits with a meaningful status
# (newscrawl/exitcodes.py; the README's "Exit statuses").
COMMANDS_MODULE = "newscrawl.commands"

ADDONS = {"newscrawl.addon.NewscrawlAddon": 0}

# A page whose declared charset does not decode its bytes is re-decoded by a
# guess, logged once and counted (after decompression, which runs at 590).
DOWNLOADER_MIDDLEWARES = {"newscrawl.security.encoding.CharsetCheckMiddleware": 580}

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

# A redirect or meta-refresh target that is not an http(s) URL (javascript:,
# data:, mailto:, malformed, over-long) is ignored and the page itself kept
# (stat newscrawl/articles/bad_redirect), instead of the page being lost.
DOWNLOADER_MIDDLEWARES = {
    **globals().get("DOWNLOADER_MIDDLEWARES", {}),
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newscrawl.redirects.SafeMetaRefreshMiddleware": 580,
    "newscrawl.redirects.SafeRedirectMiddleware": 600,
}

# Log (INFO) and count (newscrawl/requests/duplicate_dropped) every request
# Scrapy drops as already seen, e.g. two permalinks that redirect to one page.
DUPEFILTER_CLASS = "newscrawl.dupefilter.LoggingDupeFilter"

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

# JSON Lines lines are written whole or not at all (a full disk leaves no torn line).
FEED_EXPORTERS = {"jsonlines": "newscrawl.security.jsonlines.WholeLineJsonLinesExporter"}

# --- Network safety -------------------------------------------------------------
# NetGuardAddon checks every HTTP(S) connection at the moment it is made: private,
# loopback, link-local, multicast, reserved and cloud-metadata addresses (IPv4,
# IPv6, IPv4 inside IPv6) are refused, whether named, resolved from a host name,
# or reached by a redirect. See docs/security.md.
ADDONS = {**ADDONS, "newscrawl.net.addon.NetGuardAddon": 20}

# list[str]. Networks (CIDR) a crawl may connect to although they are not public,
# e.g. an intranet news server or a local test site. Default [] (public addresses
# only). Example: ["10.20.0.0/16", "127.0.0.1/32"]
NEWSCRAWL_ALLOWED_NETWORKS = []

# bool. Scrapy's cookie code uses tldextract, which downloads the Public Suffix
# List at first use (and logs tracebacks when offline). True makes it use the
# copy bundled with tldextract: quiet, deterministic, no network. Default True.
NEWSCRAWL_PSL_OFFLINE = True

# --- Output -----------------------------------------------------------------

# JSON Lines lines are written whole or not at all (a full disk leaves no torn line).
FEED_EXPORTERS = {"jsonlines": "newscrawl.security.jsonlines.WholeLineJsonLinesExporter"}

# str. Where everything a crawl writes goes: a local folder (or file:// URI), or
# s3://bucket/prefix/ (see "Storing outputs in S3" in the README). Under it:
# warc/ (WARC + CDXJ), items/ (JSON Lines), posts/ (Markdown), reports/ (run
# reports). Default "archive" (relative to the working directory).
# Example: NEWSCRAWL_OUTPUT_DIR = "/srv/newscrawl" or "s3://my-archive/news/"
NEWSCRAWL_OUTPUT_DIR = "archive"

# str. Local folder where outputs for a remote NEWSCRAWL_OUTPUT_DIR are completed
# and wait until their upload is confirmed (outgoing/), plus the WARC writer's
# working files and dedup index (work/). Keep it across runs: the next run sends
# what is left first. Unused for a local output. Default "spool".
# Example: "/var/spool/newscrawl"
NEWSCRAWL_SPOOL_DIR = "spool"

# float (seconds). At the end of a crawl, how long to wait for the spool to empty
# before leaving the rest for the next run. Default 60. Example: 600
NEWSCRAWL_UPLOAD_CLOSE_TIMEOUT = 60.0

# float (seconds). First wait after a failed upload; doubles on each further
# failure up to NEWSCRAWL_UPLOAD_RETRY_MAX_DELAY. Defaults 1 and 60.
NEWSCRAWL_UPLOAD_RETRY_DELAY = 1.0
NEWSCRAWL_UPLOAD_RETRY_MAX_DELAY = 60.0

# dict[str, str]. Storage class per NEWSCRAWL_OUTPUT_DIR scheme ("" = a plain path),
# merged over the built-in ones. Default {}. Example: {"gs": "myproject.storage.GcsStorage"}
NEWSCRAWL_OUTPUT_STORAGES = {}

# S3 destinations use Scrapy's own settings: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_SESSION_TOKEN, AWS_ENDPOINT_URL (MinIO, Ceph, R2, ...), AWS_REGION_NAME,
# AWS_USE_SSL, AWS_VERIFY. Unset ones fall back to boto3's chain (environment,
# ~/.aws profile, instance role). Never put keys in a profile in the repository.

# str. S3 storage class of every object. Default "" (the bucket's default).
# Example: "STANDARD_IA"
NEWSCRAWL_S3_STORAGE_CLASS = ""

# str. Server-side encryption: "", "AES256" or "aws:kms". Default "".
NEWSCRAWL_S3_SSE = ""

# str. KMS key for NEWSCRAWL_S3_SSE = "aws:kms". Default "" (the account's key).
NEWSCRAWL_S3_SSE_KMS_KEY_ID = ""

# str. Checksum S3 verifies on every part and newscrawl compares after upload:
# "SHA256" or "SHA1"; "" for endpoints without checksums (size is still checked).
# Default "SHA256".
NEWSCRAWL_S3_CHECKSUM = "SHA256"

# int (bytes). Multipart part size, also the size above which uploads are
# multipart; memory per upload is about this times NEWSCRAWL_S3_MAX_CONCURRENCY.
# Default 16 MiB (minimum 5 MiB). Example: 64 * 1024 * 1024
NEWSCRAWL_S3_PART_SIZE = 16 * 1024 * 1024

# int. Parts of one file sent at once. Default 4.
NEWSCRAWL_S3_MAX_CONCURRENCY = 4

# JSON Lines batches to s3:// go through the spool like every other output
# (Scrapy's S3FeedStorage would drop a batch whose upload fails).
FEED_STORAGES = {"s3": "newscrawl.storage.feeds.SpooledFeedStorage"}

# Project commands: `scrapy upload` sends what waits in the spool.
COMMANDS_MODULE = "newscrawl.commands"

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

# int. Most entries followed per feed (the first ones, in feed order); 0 means no
# limit. A feed listing more is cut, logged once and counted. Default 1000.
# Example: NEWSCRAWL_FEED_MAX_ENTRIES = 200
NEWSCRAWL_FEED_MAX_ENTRIES = 1000

# int (bytes). Stop the crawl (finish reason "disk_full", one ERROR line) when
# less than this is free on the file system of NEWSCRAWL_OUTPUT_DIR, so every
# file still closes whole; 0 turns the check off. Default 256 MiB (more than the
# WARC writer's queue, NEWSCRAWL_WARC_QUEUE_SIZE x 128 KiB). Example: 1024**3
NEWSCRAWL_MIN_FREE_SPACE = 256 * 1024 * 1024

EXTENSIONS = {
    "newscrawl.security.diskspace.DiskSpaceGuard": 0,
    "newscrawl.security.limits.LimitsExtension": 0,
    "newscrawl.statsfile.StatsFileExtension": 500,
    "newscrawl.logtidy.LogTidyExtension": 0,
    # an item a pipeline failed on is a record not stored (exit status 3)
    "newscrawl.itemerrors.ItemErrorExtension": 0,
    "newscrawl.storage.extension.OutputStorageExtension": 50,
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

# bool. Write one Markdown post per article to <NEWSCRAWL_OUTPUT_DIR>/posts/.
# Default True.
NEWSCRAWL_FRONTMATTER_POSTS = True
# --- WARC archiving -----------------------------------------------------------
# The add-on sets DOWNLOAD_HANDLERS (http/https), WarcCaptureMiddleware (950),
# WarcItemMiddleware (10) and WarcExtension when NEWSCRAWL_WARC_ENABLED is on.
ADDONS = {**ADDONS, "newscrawl.warc.addon.WarcAddon": 10}

# bool. Archive every HTTP exchange (robots.txt, feeds, redirects, articles,
# errors) as WARC. Default True. Example: NEWSCRAWL_WARC_ENABLED = False
NEWSCRAWL_WARC_ENABLED = True

# str. Local folder of the WARC files, their .cdxj indexes and the dedup index.
# Default "" = <NEWSCRAWL_OUTPUT_DIR>/warc (for an s3:// output: the writer's
# working folder <NEWSCRAWL_SPOOL_DIR>/work/warc; closed files go to the spool).
# Example: "/srv/warc"
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

# str. Path of the SQLite dedup index (always local), or "redis": one index in
# REDIS_URL shared by distributed workers. Default "" =
# <NEWSCRAWL_WARC_DIR>/dedup.sqlite3.
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

# --- Crawl state: incremental runs -------------------------------------------
# Feed validators and outcomes and the archived articles persist across runs, so
# a scheduled run asks feeds conditionally and fetches only new articles.
DOWNLOADER_MIDDLEWARES = {
    **globals().get("DOWNLOADER_MIDDLEWARES", {}),
    # below RetryMiddleware (550) and RedirectMiddleware (600): sees final outcomes
    "newscrawl.state.middleware.FeedStateMiddleware": 500,
}
SPIDER_MIDDLEWARES = {
    **globals().get("SPIDER_MIDDLEWARES", {}),
    "newscrawl.state.middleware.KnownArticleMiddleware": 800,
}
EXTENSIONS = {**EXTENSIONS, "newscrawl.state.extension.CrawlStateExtension": 300}
# after extraction and cleaning (500), before the front matter (600)
ITEM_PIPELINES = {**ITEM_PIPELINES, "newscrawl.state.pipeline.ContentVersionPipeline": 550}

# bool. Keep crawl state across runs (conditional feed requests, skip archived
# articles, per-feed politeness). Default True. Example: False (every run starts afresh)
NEWSCRAWL_STATE_ENABLED = True

# str. Local folder of the state store (state.sqlite3) and its lock file. Default ""
# = <NEWSCRAWL_OUTPUT_DIR>/state, or ./.newscrawl/state when the outputs are remote
# (s3://...). Example: "/var/lib/newscrawl/state"
NEWSCRAWL_STATE_DIR = ""

# str. Dotted path of the state backend class (a newscrawl.state.store.StateStore
# built with the folder). Default "newscrawl.state.sqlite.SqliteStateStore". The
# distributed profile uses "newscrawl.state.redis.RedisStateStore" (shared, no lock).
NEWSCRAWL_STATE_STORE = "newscrawl.state.sqlite.SqliteStateStore"

# bool. Ask feeds with If-None-Match / If-Modified-Since from the last answer.
# Default True. Example: False
NEWSCRAWL_FEED_CONDITIONAL = True

# float (hours). Fetch each feed unconditionally at least this often, for servers
# whose validators go stale; 0 never forces one. Default 24. Example: 6
NEWSCRAWL_STATE_FULL_FETCH_HOURS = 24.0

# float (seconds). Skip a feed fetched less than this long ago (any outcome).
# Default 60. Example: 900
NEWSCRAWL_FEED_MIN_INTERVAL = 60.0

# float (seconds). After n failed fetches of a feed in a row, wait BASE x 2^(n-1)
# seconds (at most NEWSCRAWL_FEED_BACKOFF_MAX) before trying it again; 0 turns
# backoff off. Default 600. Example: 300
NEWSCRAWL_FEED_BACKOFF_BASE = 600.0

# float (seconds). Longest backoff of a failing feed. Default 86400 (a day).
NEWSCRAWL_FEED_BACKOFF_MAX = 86400.0

# float (hours). Re-crawl policy: fetch known articles again while they are
# younger than this (first fetched less than N hours ago), to capture
# corrections; a new record version is written only when the extracted title,
# text or dates changed. While on, feeds are fetched in full (not conditionally),
# since re-crawled articles are found through the feed's entries. Default 0 (off).
# Example: 48
NEWSCRAWL_RECRAWL_HOURS = 0.0

# --- Run report and progress ----------------------------------------------------
EXTENSIONS = {
    **EXTENSIONS,
    # after the WARC extension (100) has published its counts
    "newscrawl.report.extension.RunReportExtension": 700,
    # before the report (700), so the live line is finished when the summary prints
    "newscrawl.progress.ProgressExtension": 650,
}

# bool. At the end of each run, log a one-screen summary and store it as JSON in
# <NEWSCRAWL_OUTPUT_DIR>/reports/<run id>.json. Default True. Example: False
NEWSCRAWL_RUN_REPORT = True

# str. Progress display: "auto" (a live line on a terminal, log lines otherwise),
# "bar", "log" or "off". Default "auto". Example: "log"
NEWSCRAWL_PROGRESS = "auto"

# float (seconds). How often "log" progress writes a line; 0 turns the lines off.
# Default 60. Example: 300
NEWSCRAWL_PROGRESS_INTERVAL = 60.0

# --- Replay ---------------------------------------------------------------------
# The add-on answers every http/https request from an archive when
# NEWSCRAWL_REPLAY_FROM is set, turns WARC capture off and drops the download
# delays (no server to be polite to; -s values are kept).
ADDONS = {**ADDONS, "newscrawl.replay.addon.ReplayAddon": 5}

# str. The archive to replay instead of fetching: a WARC/ARC or WACZ file, a
# folder of them (searched recursively), a glob, or s3://bucket/prefix/ (mirrored
# to NEWSCRAWL_REPLAY_INDEX_DIR with the AWS_* settings). Default "" (a live crawl).
# Example: NEWSCRAWL_REPLAY_FROM = "archive/warc"
NEWSCRAWL_REPLAY_FROM = ""

# str. Replay the capture closest to this time (ISO 8601, or a 14-digit WARC
# timestamp) instead of the latest one. Default "" (latest).
# Example: NEWSCRAWL_REPLAY_AT = "2026-11-01T12:00:00Z"
NEWSCRAWL_REPLAY_AT = ""

# bool. Fetch URLs the archive has no capture of from the live web (and archive
# those fetches as WARC). Default False: a replay never touches the network.
NEWSCRAWL_REPLAY_LIVE_FALLBACK = False

# str. Folder for CDXJ indexes built for archives that have none (foreign WARCs,
# WACZ members) and for mirrors of s3:// archives. Default "" =
# <NEWSCRAWL_OUTPUT_DIR>/replay-index (~/.cache/newscrawl/replay-index when the
# output dir is a URL).
# Example: "/var/cache/newscrawl/replay-index"
NEWSCRAWL_REPLAY_INDEX_DIR = ""

# --- Distributed crawls (settings/distributed.py) ---------------------------------
# str. Names this process's outputs when several workers share one output folder or
# S3 prefix: "auto" is <host>-<pid>, added to WARC file names (their host part) and to
# JSON Lines batch names. Default "" (one process: names unchanged). Example: "auto"
NEWSCRAWL_WORKER_ID = ""

# str. Prefix of the crawl state keys in Redis (newscrawl.state.redis.RedisStateStore,
# which connects to REDIS_URL). Default "newscrawl". Example: "news-eu"
NEWSCRAWL_REDIS_STATE_PREFIX = "newscrawl"

# float (seconds). How long a worker's claim on a request it took lasts; a claim
# its worker never finished (the worker died) is queued again by any worker after
# this. Longer than the slowest article's fetch and processing. Default 600. Example: 1800
NEWSCRAWL_REDIS_LEASE = 600
