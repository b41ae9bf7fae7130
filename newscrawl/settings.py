"""Scrapy settings of newscrawl. Every project setting is prefixed ``NEWSCRAWL_``.

Override any of them per run with ``-s NAME=VALUE``; the README lists them all.
"""

import os

from newscrawl.fields import EXPORT_FIELDS as _EXPORT_FIELDS

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
#: `scrapy crawl` exits with status 1 when a run failed (newscrawl/commands/crawl.py).
COMMANDS_MODULE = "newscrawl.commands"

# --- newscrawl ---------------------------------------------------------------------------
#: SQLite archive the crawl writes to (created with its schema when missing).
NEWSCRAWL_DB = "data/news.db"
#: Site list read when neither -a start_urls nor -a sites is given.
NEWSCRAWL_SITES = "data/sites.toml"
#: Most pages requested per site in one run (a site's own max_pages overrides it).
NEWSCRAWL_MAX_PAGES_PER_SITE = 2000
#: Most URLs of one shape (digits folded, query values dropped) per run: stops endless
#: calendars, faceted search and runaway pagination. Each article found at a shape allows
#: two more URLs of it, so shapes of articles (/news/world-12345678) are not cut short.
NEWSCRAWL_MAX_PAGES_PER_PATTERN = 50
#: Most requests per site and run to fruitless pages (not articles, and of a URL shape that
#: has not led to an article) and to the URLs found on them: an endless calendar or
#: faceted search costs at most this much in all, whatever its URL shapes.
NEWSCRAWL_MAX_FRUITLESS_PAGES = 50
#: Longer URLs are never requested.
NEWSCRAWL_MAX_URL_LENGTH = 400
#: Articles whose body is shorter than this many characters are dropped ("body_too_short").
NEWSCRAWL_MIN_BODY_CHARS = 200
#: The archive commits after this many writes (articles and page states) or seconds,
#: whichever comes first.
NEWSCRAWL_BATCH_SIZE = 200
NEWSCRAWL_BATCH_SECONDS = 5.0
#: Two articles belong to one story when this share of either one's lead (its first two
#: paragraphs) is found, in order and near the top, in the other (see docs/benchmarks.md).
NEWSCRAWL_SYNDICATION_THRESHOLD = 0.7

#: Processes that analyse pages (classification, extraction, links) while the crawl's own
#: process downloads and stores; 0 analyses in the crawl's process. Default: one per core.
NEWSCRAWL_WORKERS = os.cpu_count() or 1

# --- scheduled runs (docs/scheduled-runs.md) -------------------------------------------------
#: When a known article is fetched again: comma-separated AGE:INTERVAL steps from young to
#: old (units s, m, h, d, w; AGE "*" = any age; INTERVAL "never"); older than the last step:
#: never. Age counts from publication (first fetch when unknown) or the last detected
#: change, whichever is later. Default, NewsDiffs-like: every 15 min while younger than 3 h,
#: hourly within a day, every 3 h within a week, every 3 days within a month, then never.
NEWSCRAWL_REVISIT_SCHEDULE = "3h:15m,1d:1h,7d:3h,30d:3d"
#: Re-fetch every known article and listing page of the crawled sites in this run,
#: unconditionally (audits; raise NEWSCRAWL_MAX_PAGES_PER_SITE to match the archive).
NEWSCRAWL_REVISIT_ALL = False
#: Listing pages (start pages, sections, feeds and sitemaps aside: read every run) are read
#: again by their yield: in the next run after a read that showed new article links, else
#: after max(this, time since their last yield), capped at NEWSCRAWL_LISTING_MAX_INTERVAL.
#: About, contact, search and video pages are not read again (docs/scheduled-runs.md).
NEWSCRAWL_LISTING_FIRST_RECHECK = "6h"
NEWSCRAWL_LISTING_MAX_INTERVAL = "7d"
#: Read robots.txt "Sitemap:" lines and follow feeds declared by <link rel="alternate"> on
#: non-article pages, besides the feeds and sitemaps the site list names.
NEWSCRAWL_AUTODISCOVER = True
#: Most feeds and most sitemaps read per site and run (newest sitemaps of an index first).
NEWSCRAWL_MAX_FEEDS_PER_SITE = 10
NEWSCRAWL_MAX_SITEMAPS_PER_SITE = 50
#: Largest feed or sitemap parsed, after gzip decompression (bigger ones are refused).
NEWSCRAWL_MAX_XML_BYTES = 50 * 1024 * 1024
#: A URL queued by an earlier run but never fetched is retried by later runs until its
#: requests have failed this many times.
NEWSCRAWL_MAX_FETCH_ERRORS = 3
#: Directory for WARC capture: one gzip WARC file per run with the request and response of
#: every stored article (off when unset). NEWSCRAWL_WARC_SITES limits it to some site keys.
NEWSCRAWL_WARC_DIR = None
NEWSCRAWL_WARC_SITES: list[str] = []

# --- distributed crawling (README: Running on many machines) ---------------------------------
#: Redis of a distributed crawl (redis://[:password@]host[:port]/db, rediss:// for TLS):
#: when set, this process is one of the job's workers and sends its articles to
#: `newscrawl store --redis URL`, the one process that writes the archive.
NEWSCRAWL_REDIS_URL = None
#: Name of the shared crawl in Redis: workers with the same job share one queue.
NEWSCRAWL_REDIS_JOB = "news"
#: A worker leaves when the shared queue has been empty and no worker busy this long.
NEWSCRAWL_REDIS_IDLE = 10.0
#: Seconds after which the requests of a worker that stopped answering (killed, cut off)
#: are given to the other workers.
NEWSCRAWL_REDIS_LEASE = 60.0

# --- rendering (README "Rendering"; needs the render extra and a Chromium) ------------------
#: When pages are rendered in a browser: "never"; "sites" (the sites marked render = true in
#: the site list); "auto" (those, and any page whose plain HTML lacks content but shows the
#: signs of a client-side app is fetched once more, rendered).
NEWSCRAWL_RENDER = "sites"
#: The browser: a path or a command name. Default: chromium (or chromium-browser,
#: google-chrome) found on PATH. None found: render = true sites are skipped (no_browser).
NEWSCRAWL_BROWSER = None
#: Seconds a page may take to load when rendered; slower pages are dropped (render_timeout).
NEWSCRAWL_RENDER_TIMEOUT = 30.0
#: Pages rendered at once (one browser, one context); each costs memory (docs/benchmarks.md).
NEWSCRAWL_RENDER_PAGES = 2
#: When a rendered page is taken: "load" (the load event), "domcontentloaded" or
#: "networkidle" (no requests for 0.5 s: for pages that fetch their text after loading).
NEWSCRAWL_RENDER_WAIT_UNTIL = "load"

# --- politeness -----------------------------------------------------------------------------
#: Tell sites who you are: replace the contact URL with your own before crawling real sites.
#: Each site's requests share one download slot named by its site key, so
#: CONCURRENT_REQUESTS_PER_DOMAIN and the delays apply per site; DOWNLOAD_SLOTS can set
#: {"site-key": {"concurrency": 1, "delay": 5}} for one site. A robots.txt Crawl-delay is
#: honoured (newscrawl.middlewares).
USER_AGENT = "newscrawl/0.1 (+https://example.org/newscrawl-contact; news archive crawler)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
#: Responses above 10 MB are dropped unread; above 5 MB a warning is logged.
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
#: Link chains deeper than this are not followed. Deep enough for a section's page 15 and
#: the articles it lists: pagination and other endless chains are bounded by
#: NEWSCRAWL_MAX_PAGES_PER_PATTERN, the page budget by NEWSCRAWL_MAX_PAGES_PER_SITE.
DEPTH_LIMIT = 20
DEPTH_PRIORITY = 1  # breadth-first: home and sections before deep chains
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# --- components -----------------------------------------------------------------------------
ITEM_PIPELINES = {
    "newscrawl.pipelines.validate.ValidatePipeline": 100,
    "newscrawl.pipelines.syndication.SyndicationPipeline": 200,
    "newscrawl.pipelines.store.StorePipeline": 300,
}
#: Switches `scrapy crawl` to a distributed worker when NEWSCRAWL_REDIS_URL is set.
ADDONS = {"newscrawl.distributed.addon.Distributed": 0}
EXTENSIONS = {
    "newscrawl.extensions.jobdir.JobdirGuard": 100,
    "newscrawl.extensions.pagestate.PageStateRecorder": 400,
    "newscrawl.extensions.runlog.RunLog": 500,
    "newscrawl.extensions.capture.WarcCapture": 600,
}
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.middlewares.ConcurrentRobotsTxtMiddleware": 100,  # Scrapy's, fixed
    "newscrawl.middlewares.CrawlDelayMiddleware": 150,  # after robots.txt is read
}
FEED_EXPORT_FIELDS = list(_EXPORT_FIELDS)
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
LOG_FORMATTER = "newscrawl.logformatter.NewsLogFormatter"
