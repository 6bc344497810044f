"""The web editor at /admin/: Decap CMS from our own origin, started with the
configuration admin_config.py makes (docs/editor.md).

Written after the merge when the setting ADMIN is on (development builds;
production ones only when publishconf.py's ADMIN is set): Decap's bundle,
pinned in package-lock.json, linked from node_modules (ADMIN_BUNDLE), our
format and start-up scripts and stylesheet from theme/admin/, the page, its
configuration and the list of translations the editor shows. The page has
its own Content-Security-Policy (ADMIN_CONTENT_SECURITY_POLICY), is
noindex, and is in no sitemap and no search index (those name the language
folders only).
"""

import json
import os
import shutil
from html import escape
from pathlib import Path

from .admin_config import LEFT_TO_RIGHT, SHARED, config
from .errors import BuildError

FOLDER = "admin"
SCRIPTS = ("newsroom-format.js", "newsroom-admin.js")  # theme/admin/, before Decap's bundle
BUNDLE = "decap-cms.js"
FONTS = ("fonts/noto-naskh-arabic-400.woff2", "fonts/noto-naskh-arabic-700.woff2")


def write(site, index, settings, hashed):
    """Write /admin/ into the merged `site` when ADMIN is on."""
    if not settings.get("ADMIN"):
        return
    production = settings.get("ADMIN_BACKEND") == "github"
    if production and not settings.get("ADMIN_REPO"):
        raise BuildError("ADMIN is set but ADMIN_REPO is not: set ADMIN_REPO=<owner>/<repository>")
    bundle = Path(settings["ADMIN_BUNDLE"])
    if not (bundle / BUNDLE).is_file():
        raise BuildError(
            f"the web editor's bundle is missing ({bundle / BUNDLE}): "
            "run `make node_modules/.installed` (npm ci), or turn ADMIN off"
        )
    folder = site / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for path in bundle.iterdir():  # the bundle, its chunks and their WebAssembly
        if path.name.endswith((".decap-cms.js", ".wasm")) or path.name in (
            BUNDLE,
            f"{BUNDLE}.LICENSE.txt",
        ):
            _link(path, folder / path.name)
    theme = Path(settings["THEME"]) / "admin"
    for name in SCRIPTS:  # copied: a theme file edited in place must not change a built site
        shutil.copyfile(theme / name, folder / name)
    static = settings["THEME_STATIC_DIR"]
    css = (theme / "admin.css").read_text(encoding="utf-8")
    for font in FONTS:
        css = css.replace(f"../{static}/{font}", f"../{static}/{hashed[font][0]}")
    (folder / "admin.css").write_text(css, encoding="utf-8")
    editor = config(
        settings,
        index,
        production=production,
        repo=settings.get("ADMIN_REPO"),
        branch=settings.get("ADMIN_BRANCH", "main"),
    )
    _json(folder / "config.json", editor)
    _json(folder / "translations.json", translations(index))
    start = {
        "stylesheet": f"../{static}/{hashed['css/newsroom.css'][0]}",
        "languages": {
            lang: {"dir": value.get("dir", "ltr"), "name": value["name"]}
            for lang, value in settings["LANGUAGES"].items()
        },
        "siteurl": settings["SITEURL"],
        "left_to_right": LEFT_TO_RIGHT,
        "shared": SHARED,
    }
    page = (theme / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{ policy }}", escape(settings["ADMIN_CONTENT_SECURITY_POLICY"]))
    page = page.replace("{{ start }}", escape(json.dumps(start, ensure_ascii=False), quote=False))
    (folder / "index.html").write_text(page, encoding="utf-8")


def translations(index):
    """{kind: {slug: {lang: site-relative URL or ""}}}: which languages each item is written in."""
    found = {}
    for item in index.items:
        found.setdefault(item.kind, {}).setdefault(item.slug, {})[item.lang] = item.url or ""
    return found


def _json(path, value):
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _link(source, target):
    """A hard link when the two are on one file system (the bundle is 6 MB;
    npm replaces its files, never edits them), else a copy."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
