"""Sitemaps, the Google News sitemap and robots.txt, written once per build.

They are made in the parent process from the content index, which knows every
language's pages: each URL lists all its translations (hreflang, x-default
included) without any run having to know the others. Dates come from the
content (Modified, else Date), never from the clock.

    /sitemap.xml                 index of the per-language sitemaps
    /<lang>/sitemap.xml          (or sitemap-1.xml, sitemap-2.xml, … past 50,000 URLs)
    /news-sitemap.xml            stories of the last two days, at most 1,000
    /robots.txt                  names both
"""

import datetime
from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr
from zoneinfo import ZoneInfo

from ..model.i18n import translations
from ..model.layout import x_default
from ..model.values import parse_date

MAX_URLS = 50_000
NEWS_MAX = 1_000
NEWS_WINDOW = datetime.timedelta(days=2)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
# Listing pages in every language, and those that exist only with content.
ALWAYS_LISTED = ("index", "archives", "press")
LISTED_WITH = {"partners": "partner", "magazine": "issue"}


def write_all(site, index, alternates, settings, build_date=None):
    """Write every file above into the built site folder `site`."""
    siteurl = settings["SITEURL"]
    zone = ZoneInfo(settings["TIMEZONE"])
    entries = _entries(index, alternates, settings, zone)
    sitemaps = []
    for lang, urls in entries.items():
        parts = [urls[start : start + MAX_URLS] for start in range(0, len(urls), MAX_URLS)]
        for number, part in enumerate(parts, start=1):
            name = f"{lang}/sitemap.xml" if len(parts) == 1 else f"{lang}/sitemap-{number}.xml"
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(_urlset(part, siteurl), encoding="utf-8")
            sitemaps.append(name)
    (site / "sitemap.xml").write_text(_sitemap_index(sitemaps, siteurl), encoding="utf-8")
    (site / "news-sitemap.xml").write_text(news(index, settings, build_date), encoding="utf-8")
    (site / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {siteurl}/sitemap.xml\n"
        f"Sitemap: {siteurl}/news-sitemap.xml\n",
        encoding="utf-8",
    )
    return sitemaps


def _lastmod(item, zone):
    """W3C date of an item's last change: Modified, else Date; None without a full date."""
    meta = item.meta
    field = meta.get("modified") or meta.get("date")
    if not field:
        return None
    date, precision = parse_date(field.value, ("day", "month", "year"))
    if precision != "day":
        return None  # the schema wants a full date; a year alone would be a guess
    return (date if date.tzinfo else date.replace(tzinfo=zone)).isoformat()


def _entries(index, alternates, settings, zone):
    """{lang: [(url, lastmod, {lang: url}, x-default url)]}, in a stable order."""
    languages = settings["LANGUAGES"]
    categories = sorted(key for key in alternates if key[0] == "category")
    newest = defaultdict(str)  # (kind, key, lang) -> lastmod of the newest item listed
    by_lang = defaultdict(list)
    kinds_in = defaultdict(set)
    for item in index.items:
        if item.url is None:  # press contacts and kit items: no page of their own
            continue
        lastmod = _lastmod(item, zone)
        by_lang[item.lang].append(((item.kind, item.slug), lastmod))
        kinds_in[item.lang].add(item.kind)
        if item.kind == "article" and lastmod:
            for key in (("index", ""), ("archives", ""), ("category", item.category)):
                newest[(*key, item.lang)] = max(newest[(*key, item.lang)], lastmod)
    entries = {}
    for lang in languages:
        keys = [((kind, ""), newest[(kind, "", lang)] or None) for kind in ALWAYS_LISTED]
        keys += [
            ((kind, ""), None) for kind, needs in LISTED_WITH.items() if needs in kinds_in[lang]
        ]
        categories = sorted({key for key in alternates if key[0] == "category"})
        keys += [
            (key, newest[(*key, lang)] or None) for key in categories if lang in alternates[key]
        ]
        keys += sorted(by_lang[lang], key=lambda entry: entry[0])
        entries[lang] = [_entry(key, lastmod, alternates, lang, settings) for key, lastmod in keys]
    # The entry page / belongs to no language; the first language's sitemap lists it.
    first = next(iter(languages))
    entries[first].insert(0, _entry(("index", ""), None, alternates, None, settings))
    return entries


def _entry(key, lastmod, alternates, lang, settings):
    found = alternates[key]
    url = found[lang] if lang else ""
    return url, lastmod, found, x_default(key[0], found, settings)


def _urlset(entries, siteurl):
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for url, lastmod, found, default in entries:
        lines.append(f"<url><loc>{escape(f'{siteurl}/{url}')}</loc>")
        if lastmod:
            lines.append(f"<lastmod>{lastmod}</lastmod>")
        links = [*found.items(), *([("x-default", default)] if default is not None else [])]
        for hreflang, href in links:
            target = quoteattr(f"{siteurl}/{href}")
            lines.append(f'<xhtml:link rel="alternate" hreflang="{hreflang}" href={target}/>')
        lines.append("</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


def _sitemap_index(names, siteurl):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    lines += [f"<sitemap><loc>{escape(f'{siteurl}/{name}')}</loc></sitemap>" for name in names]
    lines.append("</sitemapindex>\n")
    return "\n".join(lines)


def news(index, settings, build_date=None):
    """The news sitemap as of `build_date` (default: now)."""
    zone = ZoneInfo(settings["TIMEZONE"])
    return _news(index, settings, zone, build_date or datetime.datetime.now(zone))


def _news(index, settings, zone, now):
    """Stories published in the NEWS_WINDOW before `now`, newest first."""
    stories = []
    for item in index.items:
        if item.kind != "article":
            continue
        date, _ = parse_date(item.meta["date"].value)
        date = date if date.tzinfo else date.replace(tzinfo=zone)
        if now - NEWS_WINDOW <= date <= now:
            stories.append((date, item))
    stories.sort(key=lambda entry: (entry[0], entry[1].url), reverse=True)
    names = {
        lang: translations(settings["THEME"], lang).gettext(settings["SITENAME"])
        for lang in settings["LANGUAGES"]
    }
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">',
    ]
    for date, item in stories[:NEWS_MAX]:
        lines += [
            f"<url><loc>{escape(settings['SITEURL'] + '/' + item.url)}</loc>",
            "<news:news><news:publication>",
            f"<news:name>{escape(names[item.lang])}</news:name>",
            f"<news:language>{item.lang}</news:language>",
            "</news:publication>",
            f"<news:publication_date>{date.isoformat()}</news:publication_date>",
            f"<news:title>{escape(item.meta['title'].value)}</news:title>",
            "</news:news></url>",
        ]
    lines.append("</urlset>\n")
    return "\n".join(lines)
