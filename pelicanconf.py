"""Development settings, shared by every language.

The newsroom builds each language in its own Pelican run (see
plugins/newsroom/build/). Everything below is common to the three runs;
`{lang}` in a URL pattern is filled in per language by
plugins/newsroom/build/run_settings.py, and LANGUAGES holds what differs.
"""

import base64
import hashlib
import os
import sys

# Let Pelican and Invoke import our plugin package from plugins/.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))

from newsroom.model import layout  # noqa: E402


def _(message):
    """Mark a string for the theme's catalogs (babel.cfg); the theme translates it."""
    return message


SITENAME = _("AICTO Newsroom")

# The organisation, for structured data (JSON-LD). Its logo and its profiles
# elsewhere (sameAs) are left out until the organisation provides them.
ORGANIZATION_NAME = _("Arab ICT Organization")
ORGANIZATION_SHORT_NAME = "AICTO"
ORGANIZATION_URL = "https://aicto.org/"
ORGANIZATION_LOGO = None  # a path under content/, e.g. "images/aicto-logo.png"
ORGANIZATION_SAME_AS = []
# Absolute base of canonical, hreflang and feed URLs. Links between pages are
# root-relative under this URL's path, so a build works on any host or port.
SITEURL = os.environ.get("SITEURL", "http://127.0.0.1:8000").rstrip("/")

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
THEME_STATIC_DIR = "theme"  # where the theme's files are published: /theme/
TIMEZONE = "Africa/Tunis"

# The languages, in the order the switcher shows them.
# "settings" are Pelican settings that apply to that language's run only.
# "reading_wpm": silent reading speed, words per minute, for reading times
# (Trauzettel-Klosinski et al. 2012, standardized texts in 17 languages).
# "digits": "latn" (0-9, as the organisation writes Arabic) or "arab" (٠-٩).
LANGUAGES = {
    "ar": {
        "name": "العربية",
        "dir": "rtl",
        "locale": "ar",
        "og_locale": "ar_AR",
        "reading_wpm": 138,
        "digits": "latn",
        # Arabic tags keep their letters in URLs (/ar/tags/هواوي/), not a transliteration.
        "settings": {"SLUGIFY_USE_UNICODE": True},
    },
    "en": {
        "name": "English",
        "dir": "ltr",
        "locale": "en",
        "og_locale": "en_US",
        "reading_wpm": 228,
    },
    "fr": {
        "name": "Français",
        "dir": "ltr",
        "locale": "fr",
        "og_locale": "fr_FR",
        "reading_wpm": 195,
    },
}
# hreflang="x-default" of an item points to this language's version when it
# exists (otherwise to the first existing one in LANGUAGES order).
X_DEFAULT_LANG = "en"

# Categories are a fixed list: front matter names one by its key, which is
# also its URL slug. The value is the English name, translated by the theme's
# catalogs.
CATEGORIES = {
    "news": _("News"),
    "press-releases": _("Press releases"),
    "events": _("Events"),
}

# Partners are grouped by kind, in this order; a partner names one by its key.
PARTNER_KINDS = {
    "government": _("Government"),
    "international-organization": _("International organization"),
    "industry": _("Industry"),
    "academia": _("Academia"),
}

# The press room (/<lang>/press/, plugins/newsroom/run/press.py): the newest
# stories of this category, and press kit files grouped by kind, in this order.
PRESS_CATEGORY = "press-releases"
PRESS_RELEASES_MAX = 5
PRESS_KIT_KINDS = {
    "logo": _("Logos"),
    "photo": _("Photos"),
    "document": _("Documents"),
}

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["newsroom"]

# Content layout: content/<kind>/…/<slug>.<lang>.md
# Authors write Markdown only: the content check reads nothing else.
READERS = {"rst": None, "html": None, "htm": None}
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
PARTNER_PATHS = ["partners"]
MAGAZINE_PATHS = ["magazine"]
PRESS_CONTACT_PATHS = ["press/contacts"]
PRESS_KIT_PATHS = ["press/kit"]
NEWSLETTER_PATHS = ["newsletter"]  # editions of the email newsletter: <n>.<lang>.md
REDIRECT_PATHS = ["redirects"]  # the old site's lists, redirected (docs/authoring.md)
STATIC_PATHS = ["images"]
# Widths (px) of the renditions made of every image a story shows, in AVIF,
# WebP and JPEG/PNG (plugins/newsroom/build/media.py); never wider than the file.
IMAGE_WIDTHS = [360, 720, 1080, 1440]
# Where the images the build makes are published (/generated/): renditions and social
# cards, each named for its content, so cached for good (CACHE_CONTROL).
MADE_IMAGES_DIR = "generated"
# <slug>.<lang>.md: the content model's pattern, so the scan and Pelican agree.
FILENAME_METADATA = layout.FILENAME_METADATA
USE_FOLDER_AS_CATEGORY = False

# URL layout (README.md, "URLs"): clean URLs, each an index.html in its folder.
ARTICLE_URL = "{lang}/{category}/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
PAGE_URL = "{lang}/{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
DRAFT_URL = "{lang}/drafts/{slug}/"
DRAFT_SAVE_AS = DRAFT_URL + "index.html"
DRAFT_PAGE_URL = "{lang}/drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_URL + "index.html"
INDEX_URL = "{lang}/"
INDEX_SAVE_AS = INDEX_URL + "index.html"
CATEGORY_URL = "{lang}/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
TAG_URL = "{lang}/tags/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "{lang}/tags/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
ARCHIVES_URL = "{lang}/archives/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
PARTNERS_URL = "{lang}/partners/"
PARTNERS_SAVE_AS = PARTNERS_URL + "index.html"
PARTNER_URL = "{lang}/partners/{slug}/"
PARTNER_SAVE_AS = PARTNER_URL + "index.html"
MAGAZINE_URL = "{lang}/magazine/"
MAGAZINE_SAVE_AS = MAGAZINE_URL + "index.html"
ISSUE_URL = "{lang}/magazine/{slug}/"  # the slug is the file's: issue-<n>
ISSUE_SAVE_AS = ISSUE_URL + "index.html"
PRESS_URL = "{lang}/press/"
PRESS_SAVE_AS = PRESS_URL + "index.html"
# Events (plugins/newsroom/run/events.py): stories of this category with a Start.
# Their list is the category's page, upcoming first; each language has a
# calendar of every event, and each event a calendar of its own.
EVENTS_CATEGORY = "events"
EVENT_TIMEZONE = TIMEZONE  # of events without a Timezone: the organisation's seat
EVENTS_CALENDAR_URL = "{lang}/events/calendar.ics"
EVENTS_CALENDAR_SAVE_AS = EVENTS_CALENDAR_URL
EVENT_CALENDAR_URL = "{lang}/events/{slug}.ics"
EVENT_CALENDAR_SAVE_AS = EVENT_CALENDAR_URL
HOME_EVENTS_MAX = 3  # the next upcoming events on the home page
# The newsletter (plugins/newsroom/run/newsletter.py, tools/newsletter.py): the
# web archive of its editions, and where readers subscribe, per language (the
# list manager's page; left out of the footer and the archive when unset).
NEWSLETTER_URL = "{lang}/newsletter/"
NEWSLETTER_SAVE_AS = NEWSLETTER_URL + "index.html"
EDITION_URL = "{lang}/newsletter/{slug}/"  # the slug is the file's: the edition's number
EDITION_SAVE_AS = EDITION_URL + "index.html"
NEWSLETTER_FEED_ATOM = "{lang}/newsletter/feed.atom.xml"
NEWSLETTER_SUBSCRIBE_URL = {}  # e.g. {"ar": "https://lists.example.org/aicto-ar"}
# `invoke newsletter render` writes the email here, outside the site.
NEWSLETTER_RENDER_DIR = "output-newsletter"
# No author pages and no category index: not part of the URL layout.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "archives", "search", "not_found"]
NOT_FOUND_URL = "{lang}/404.html"  # "not found", in each language
NOT_FOUND_SAVE_AS = NOT_FOUND_URL
# Translations are separate runs, never "-lang" variants of one run.
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
PAGE_LANG_URL = PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_SAVE_AS
# FILENAME_METADATA reads a language from images named x.en.png too.
STATIC_LANG_URL = "{path}"
STATIC_LANG_SAVE_AS = "{path}"

DEFAULT_PAGINATION = 12
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feeds, per language: every story, each category, each partner, the magazine
# (plugins/newsroom/run/writer.py gives them their language).
FEED_ALL_ATOM = "{lang}/feeds/all.atom.xml"
FEED_ALL_RSS = "{lang}/feeds/all.rss.xml"
FEED_JSON = "{lang}/feed.json"
CATEGORY_FEED_ATOM = "{lang}/feeds/{slug}.atom.xml"
PARTNER_FEED_ATOM = "{lang}/partners/{slug}/feed.atom.xml"
MAGAZINE_FEED_ATOM = "{lang}/magazine/feed.atom.xml"
RSS_FEED_SUMMARY_ONLY = False  # full content, as in Atom and JSON Feed
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

# Full-text search (plugins/newsroom/build/search.py): the page that runs Pagefind's
# Default UI in each language, and the folder at the site root where the build
# writes the index, once the languages are merged.
SEARCH_URL = "{lang}/search/"
SEARCH_SAVE_AS = SEARCH_URL + "index.html"
SEARCH_BUNDLE_DIR = "pagefind"


# Content-Security-Policy: everything from our own origin, no inline script
# or style, no third party. Pagefind compiles its WebAssembly
# ('wasm-unsafe-eval'), loads it and its index with fetch (connect-src), in a
# web worker when it can (worker-src falls back to script-src), and its
# stylesheet draws checkboxes and arrows with data: SVG images. JSON-LD
# (<script type="application/ld+json">) is data, never run: script-src does
# not apply to it. Every page carries this policy in a <meta> (partials/csp.html).
# Scripts: in development any of the origin's (the site is served on any
# port); publishconf.py names only the folders our scripts are in, the
# theme's and the search index's, so that no file elsewhere on the site
# could run as a script (docs/security.md).
def content_security_policy(script_sources):
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {' '.join(script_sources)} 'wasm-unsafe-eval'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )


# `invoke serve` (python-livereload) puts one inline script into every page it
# serves, which loads /livereload.js so that a save reloads the page: in
# development the policy allows that script by its hash, and nothing else
# inline. tests/build/test_serve.py reloads a page in Chromium, so a new
# version of the snippet fails there first.
LIVERELOAD_SNIPPET = (
    '(function(){var s=document.createElement("script");'
    "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
    "document.head.appendChild(s);})();"
)
_LIVERELOAD_HASH = base64.b64encode(hashlib.sha256(LIVERELOAD_SNIPPET.encode()).digest()).decode()
SCRIPT_SOURCES = ["'self'", f"'sha256-{_LIVERELOAD_HASH}'"]
CONTENT_SECURITY_POLICY = content_security_policy(SCRIPT_SOURCES)
# Links to other sites send them the origin, never the page's address; in a
# <meta> of every page too (partials/csp.html), for hosts that send no headers.
REFERRER_POLICY = "strict-origin-when-cross-origin"
# The browser features no page uses, turned off for every page and frame.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
        "payment", "usb",
    )
)  # fmt: skip


def http_headers(policy):
    """What hosts send as HTTP headers on every path (the `_headers` file at the
    site root, read by Netlify and Cloudflare Pages; docs/nginx.conf for
    nginx): the same policy, plus what a <meta> cannot carry: frame-ancestors,
    HSTS (browsers keep to https for a year; subdomains are not included, so
    other sites of the organisation are not bound) and the permissions policy."""
    return {
        "Content-Security-Policy": policy + "; frame-ancestors 'none'",
        "Referrer-Policy": REFERRER_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Strict-Transport-Security": "max-age=31536000",
        "Permissions-Policy": PERMISSIONS_POLICY,
    }


HTTP_HEADERS = http_headers(CONTENT_SECURITY_POLICY)

# The web editor at /admin/ (Decap CMS, plugins/newsroom/build/admin.py,
# docs/editor.md). In development it edits this checkout through
# decap-server, which `invoke serve` starts on 127.0.0.1:8081; publishconf.py
# includes it only when ADMIN is set, signing in against GitHub.
ADMIN = True
ADMIN_BACKEND = "proxy"
ADMIN_PROXY_PORT = 8081
ADMIN_BUNDLE = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "node_modules", "decap-cms", "dist"
)


# /admin/ has a policy of its own: Decap CMS is a React application that sets
# its styles inline (emotion), compiles its configuration's schema with
# new Function (ajv: 'unsafe-eval', which no other page allows), previews
# images and uploads as blob: and data: URLs, talks to the git host
# (connect-src) and draws its preview in an iframe of the same origin.
# Every other page keeps the policy above.
def admin_security_policy(git_host):
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src 'self' blob: {git_host}",
            "frame-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )


ADMIN_CONTENT_SECURITY_POLICY = admin_security_policy(f"http://127.0.0.1:{ADMIN_PROXY_PORT}")
# Cache-Control by path, in `_headers` too. Theme files, image renditions and
# social cards carry a content hash in their names (plugins/newsroom/build/assets.py,
# build/media.py, run/social_cards.py): a CDN may keep them for a year.
# Pages, feeds, sitemaps and the search index change with the content: brief.
# The paths never overlap, since hosts combine the headers of every match.
BRIEFLY = "public, max-age=300, must-revalidate"
CACHE_CONTROL = {
    "/theme/*": "public, max-age=31536000, immutable",
    f"/{MADE_IMAGES_DIR}/*": "public, max-age=31536000, immutable",
    "/images/*": "public, max-age=86400",
    "/": BRIEFLY,
    **{f"/{lang}/*": BRIEFLY for lang in LANGUAGES},
    **{
        f"/{name}": BRIEFLY
        for name in ("404.html", "sitemap.xml", "news-sitemap.xml", "robots.txt")
    },
    "/pagefind/*": BRIEFLY,
    "/admin/*": BRIEFLY,
}

# Site-wide pages, rendered by the first language's run only: the x-default
# entry at / (links to every language's home), the 404 page and `_headers`
# (HTTP_HEADERS for every path; headers.html renders it, although not HTML).
SITEWIDE_TEMPLATES = ["x_default", "not_found_sitewide", "headers"]
X_DEFAULT_URL = ""
X_DEFAULT_SAVE_AS = "index.html"
NOT_FOUND_SITEWIDE_URL = "404.html"
NOT_FOUND_SITEWIDE_SAVE_AS = "404.html"
HEADERS_URL = "_headers"
HEADERS_SAVE_AS = "_headers"

# Every value a template prints is HTML-escaped unless it is marked safe: the
# bodies and summaries the reader cleaned (`|safe`, model/html.py), and the
# headlines and notes it escaped and typeset itself (Markup).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}
# Pelican's content cache (Markdown, typography, metadata), kept beside the
# output in .cache/pelican/ and checked by checksum (plugins/newsroom/build/caches.py).
NEWSROOM_CACHE = True

# Typography is ours, per language, done when a file is read
# (plugins/newsroom/run/typography.py): Pelican's TYPOGRIFY knows English only.
TYPOGRIFY = False

# Development shows scheduled stories; publishconf.py holds them back.
WITH_FUTURE_DATES = True
