"""Where content lives and where its pages go.

Content files are `<kind folder>/…/<slug>.<lang>.md`: the slug names the
story in every language, the language suffix says which version a file is.
URL patterns come from the settings, with `{lang}` filled in per language.
"""

import re
from urllib.parse import urlsplit

# The slug and language in a file name; pelicanconf.py gives Pelican the same
# pattern (FILENAME_METADATA), so both read a file name alike.
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
FILENAME_METADATA = rf"(?P<slug>{SLUG})\.(?P<lang>[a-z]{{2}})"
FILENAME_RE = re.compile(rf"^{FILENAME_METADATA}\.md$")
SLUG_RE = re.compile(rf"^{SLUG}$")
LANG_PLACEHOLDER = "{lang}"

# kind of item -> the setting that names its folders under content/
FOLDERS = {
    "article": "ARTICLE_PATHS",
    "page": "PAGE_PATHS",
    "partner": "PARTNER_PATHS",
    "issue": "MAGAZINE_PATHS",
    "contact": "PRESS_CONTACT_PATHS",  # contacts and kit items: on the press room, no page
    "kit": "PRESS_KIT_PATHS",
    "edition": "NEWSLETTER_PATHS",  # newsletter editions: /<lang>/newsletter/<n>/
    "redirects": "REDIRECT_PATHS",  # the old site's lists (old_urls.py): no page
}


def site_path(siteurl):
    """The path part of SITEURL ('' or '/prefix'): internal links start with it."""
    return urlsplit(siteurl).path.rstrip("/")


def url(settings, key, lang, **values):
    """The site-relative URL that the setting `key` gives in `lang`."""
    pattern = settings[key].replace(LANG_PLACEHOLDER, lang)
    return pattern.format(lang=lang, **values)


def reserved_slugs(settings):
    """First path segments under /<lang>/ that belong to sections, not pages."""
    taken = set(settings["CATEGORIES"]) | {"page"}  # "page": /<lang>/page/2/ (pagination)
    for key, value in settings.items():
        if key.endswith("_URL") and isinstance(value, str) and value.startswith("{lang}/"):
            segment = value.split("/")[1]
            if segment and "{" not in segment:
                taken.add(segment)
    return taken


def x_default(kind, found, settings):
    """The site-relative URL hreflang="x-default" names for a page whose
    versions are `found` ({lang: URL}): the entry page / for the homes, else
    the X_DEFAULT_LANG version, else the first in LANGUAGES order."""
    if kind == "index":
        return ""
    default = settings["X_DEFAULT_LANG"]
    if default in found:
        return found[default]
    return next((found[lang] for lang in settings["LANGUAGES"] if lang in found), None)
