"""Per-language settings: one Pelican run per language, from one settings file.

`{lang}` in a URL, SAVE_AS or FEED setting is replaced by the run's language,
so every path of that run lands under /<lang>/. Each run reads only files
named `*.<lang>.md`, and gets SITENAME in its own language (for feeds too).
"""

from urllib.parse import urlsplit

from .i18n import translations

LANG_PLACEHOLDER = "{lang}"


def _is_path_setting(key):
    return key.endswith(("_URL", "_SAVE_AS")) or key.startswith("FEED_") or "_FEED_" in key


def site_path(siteurl):
    """The path part of SITEURL ('' or '/prefix'): internal links start with it."""
    return urlsplit(siteurl).path.rstrip("/")


def language_settings(settings, lang, *, primary):
    """Return the Pelican settings overrides for `lang`'s run.

    `primary` marks the one run that also writes the site-wide pages (/, 404)
    and the theme's static files, so no two processes write the same file.
    """
    languages = settings["LANGUAGES"]
    overrides = {
        key: value.replace(LANG_PLACEHOLDER, lang)
        for key, value in settings.items()
        if _is_path_setting(key) and isinstance(value, str)
    }
    others = [other for other in languages if other != lang]
    overrides.update(
        DEFAULT_LANG=lang,
        SITE_PATH=site_path(settings["SITEURL"]),
        # Only other languages' Markdown: an image named x.en.png serves every language.
        IGNORE_FILES=[*settings["IGNORE_FILES"], *(f"*.{other}.md" for other in others)],
        SITENAME=translations(settings["THEME"], lang).gettext(settings["SITENAME"]),
        SITENAME_SOURCE=settings["SITENAME"],  # for pages in every language (/, 404)
        LANGUAGE=dict(languages[lang], code=lang),
    )
    if primary:
        overrides["DIRECT_TEMPLATES"] = [
            *settings["DIRECT_TEMPLATES"],
            *settings["SITEWIDE_TEMPLATES"],
        ]
    else:
        overrides["THEME_STATIC_PATHS"] = []
        # Content images are copied by the primary run; the others link them
        # (they still need them to resolve {static} links).
        overrides["STATIC_CREATE_LINKS"] = True
    overrides.update(languages[lang].get("settings", {}))
    return overrides
