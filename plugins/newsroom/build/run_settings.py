"""The settings of each language's run: one settings file, a layer per language.

`{lang}` in a URL, SAVE_AS or FEED setting is replaced by the run's language,
so every path of that run lands under /<lang>/. Each run reads only files
named `*.<lang>.md`, and gets SITENAME in its own language (for feeds too).
On top come the NEWSROOM_* settings through which the build hands each run
what it worked out once for all of them (`for_run`).
"""

from ..model.i18n import translations
from ..model.layout import LANG_PLACEHOLDER, site_path
from . import caches


def _is_path_setting(key):
    return key.endswith(("_URL", "_SAVE_AS")) or key.startswith("FEED_") or "_FEED_" in key


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


def for_runs(
    settings, overrides, *, staging, output, index, alternates, hashed, images, cache, theme, events
):
    """{lang: every setting of its run that is not in the settings file}: the
    caller's overrides, the language's layer, the run's staging folder, and
    what the build worked out once for every run from the content `index`:
    the translation table (`alternates`), which file shows which image, the
    drafts the runs leave out, the hashed theme files, the image renditions
    the caches, and for events the build's instant and their SEQUENCEs
    (`events`: (now, {slug: SEQUENCE}))."""
    shared = {
        "NEWSROOM_ASSETS": {source: name for source, (name, _) in hashed.items()},
        "NEWSROOM_IMAGES": images,
        **from_index(index, alternates, events),
    }
    return {
        lang: {
            **(overrides or {}),
            **language_settings(settings, lang, primary=position == 0),
            "OUTPUT_PATH": str(staging / f"run-{lang}"),
            **shared,
            **caches.run_settings(cache, lang, output, settings, theme),
        }
        for position, lang in enumerate(settings["LANGUAGES"])
    }


def from_index(index, alternates, events):
    """The runs' settings that follow the content index (for_runs): what
    `invoke serve` sends its kept runs again after a story's front matter
    changed (session.py)."""
    return {
        "NEWSROOM_ALTERNATES": alternates,
        "NEWSROOM_IMAGE_USES": index.image_uses,
        "NEWSROOM_EXCLUDED": sorted(index.excluded),  # drafts with problems (the scan's)
        "NEWSROOM_NOW": events[0].isoformat(),  # the build's instant: upcoming or past events
        "NEWSROOM_EVENT_SEQUENCES": events[1],
    }
