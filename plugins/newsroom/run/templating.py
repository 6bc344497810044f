"""What templates get besides Pelican's context: gettext, filters, globals.

Everything here is installed once per generator (signal `generator_init`),
never per page.
"""

from collections import namedtuple
from functools import partial

from markupsafe import Markup

from ..model.i18n import (
    iso_date,
    localized_date,
    localized_file_size,
    localized_number,
    translations,
)
from ..model.layout import x_default
from . import calendar, events, render_cache, structured_data
from .figures import BODY_SIZES
from .picture import picture_html

Alternate = namedtuple("Alternate", "lang name dir url path current")


def install(generator):
    settings = generator.settings
    env = generator.env
    lang = settings["DEFAULT_LANG"]
    language = settings["LANGUAGE"]
    catalog = translations(settings["THEME"], lang)
    env.context_class = render_cache.RecordingContext  # what a page looks up
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(catalog, newstyle=True)
    locale, digits = language["locale"], language.get("digits")
    env.filters["localdate"] = partial(_localdate, locale=locale, digits=digits)
    env.filters["number"] = partial(localized_number, locale=locale, digits=digits)
    env.filters["category_name"] = partial(_label, catalog, settings["CATEGORIES"])
    env.filters["partner_kind_name"] = partial(_label, catalog, settings["PARTNER_KINDS"])
    env.filters["isodate"] = iso_date
    env.filters["filesize"] = partial(localized_file_size, locale=locale, digits=digits)
    env.globals["alternates"] = partial(_alternates, settings)
    env.globals["in_language"] = partial(_in_language, settings["THEME"])
    env.globals["asset"] = partial(_asset, settings)
    env.globals["picture"] = partial(_picture, settings)
    env.globals["rendition"] = partial(_rendition, settings)
    env.globals.update(structured_data.template_globals(settings, catalog.gettext))
    env.filters.update(events.template_filters(settings, catalog))
    env.globals["calendar_url"] = partial(calendar.calendar_url, settings)
    env.globals["webcal"] = partial(_webcal, settings)


# CLDR patterns for dates known to the year or month only (magazine issues).
PRECISION_FORMATS = {"year": "y", "month": "MMMM y"}


def _localdate(value, format="long", precision="day", *, locale, digits):
    return localized_date(value, locale, PRECISION_FORMATS.get(precision, format), digits)


def _asset(settings, path):
    """A theme file's URL, by its content-hashed name (build/assets.py)."""
    name = settings.get("NEWSROOM_ASSETS", {}).get(path, path)
    return f"{settings['SITE_PATH']}/{settings['THEME_STATIC_DIR']}/{name}"


def _picture(settings, path, alt, sizes=None, lead=False):
    """<picture> markup for a content image with renditions (build/media.py), else None."""
    entry = settings.get("NEWSROOM_IMAGES", {}).get(path)
    if entry is None:
        return None
    html = picture_html(entry, alt, sizes or BODY_SIZES, settings["SITE_PATH"], lead=bool(lead))
    return Markup(html)


def _rendition(settings, path, width):
    """The site path of a content image's smallest JPEG/PNG rendition at least
    `width` wide (the largest if none is), for thumbnails and social previews;
    `path` itself for images without renditions."""
    entry = settings.get("NEWSROOM_IMAGES", {}).get(path)
    if entry is None:
        return path
    candidates = entry["srcset"][entry["fallback"]]
    return next((name for w, name in candidates if w >= width), candidates[-1][1])


def _webcal(settings, path):
    """A calendar's subscription address: webcal: and the absolute URL."""
    return "webcal:" + f"{settings['SITEURL']}/{path}".split(":", 1)[1]


def _in_language(theme, lang, message):
    """`message` from the catalog of `lang`: for pages that speak every language."""
    return translations(theme, lang).gettext(message)


def _label(catalog, labels, key):
    """A fixed key's display name (a category, a kind of partner) in the page's language."""
    return catalog.gettext(labels.get(key, key))


class Versions(list):
    """A page's Alternates, plus the URL that hreflang="x-default" names."""

    x_default = None


def _alternates(settings, kind, key="", url=None):
    """The versions of one page in every language it exists in.

    `kind` is "article", "page", "category", "tag", "index", "archives" or
    "tags" (the tag index); `key` the slug where there is one. Returns
    Alternates in LANGUAGES order, with root-relative `path` for links and
    absolute `url` for hreflang.
    x-default is the entry page / for the homes, otherwise the version in
    X_DEFAULT_LANG, or else the first that exists. `url` is the page's own
    site-relative URL, for pages the content index does not know (tags).
    """
    current = settings["DEFAULT_LANG"]
    found = settings["NEWSROOM_ALTERNATES"].get((kind, key), {})
    if url:
        found = {**found, current: url}
    siteurl, site_path = settings["SITEURL"], settings["SITE_PATH"]
    versions = Versions(
        Alternate(
            lang,
            language["name"],
            language["dir"],
            f"{siteurl}/{found[lang]}",
            f"{site_path}/{found[lang]}",
            lang == current,
        )
        for lang, language in settings["LANGUAGES"].items()
        if lang in found
    )
    default = x_default(kind, found, settings)
    versions.x_default = None if default is None else f"{siteurl}/{default}"
    return versions
