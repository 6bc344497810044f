"""Every cache the build keeps: where it is, and what it is keyed by.

All of them live beside the output folder, so that a CI cache or a test's
temporary folder holds them with it:

    .cache/last-build             the up-to-date record (uptodate.py)
    .cache/search-input           the HTML the last search index was made from (search.py)
    .cache/pelican/<key>/<lang>/  Pelican's content cache, the render cache's
                                  record (pages.pickle) and the compiled templates
    .cache/pelican/<key>/scan.pickle  the scan's findings per file (model/scan.py)
    .cache/images/                renditions and press-kit thumbnails (media.py),
                                  keyed by the source's bytes
    .cache/cards/<lang>/          social cards, keyed by what they show
                                  (run/social_cards.py)

`<key>` names everything the content cache depends on besides the files
themselves; a new key starts a cold cache and the old ones go. With
NEWSROOM_CACHE off there is none of these: images are made in the staging
folder, and every page is rendered.
"""

import hashlib
import os
import pickle
import shutil
from pathlib import Path

import jinja2

from ..model.files import walk, write_atomic

PACKAGE = Path(__file__).resolve().parents[1]  # plugins/newsroom


def root(output):
    """The build's caches: beside the output folder."""
    return Path(output).parent / ".cache"


def last_build(output):
    return root(output) / "last-build"


def search_input(output):
    return root(output) / "search-input"


def search_parts(output):
    """Each language's last search bundle, with what it was made from (search.py)."""
    return root(output) / "search-parts"


def images(output, staging, settings):
    """Renditions and thumbnails: kept in the cache, or made for this build only."""
    return (root(output) if settings["NEWSROOM_CACHE"] else staging) / "images"


def content(output, settings_file, overrides, settings):
    """Where the runs keep Pelican's content cache, or None with the cache off:
    a folder named for everything the cached content depends on besides the
    files themselves (our code, the settings, the locked dependencies,
    Python's and Node's, SITEURL: its path prefixes image URLs). A change to any of them starts a
    new cache; older ones go."""
    if not settings["NEWSROOM_CACHE"]:
        return None
    project = Path(settings_file).resolve().parent
    inputs = sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)
    inputs += [Path(settings_file).resolve(), project / "pelicanconf.py"]
    inputs += sorted(project.glob("requirements/*.lock"))
    inputs.append(project / "package-lock.json")  # the web editor's bundle (/admin/)
    digest = hashlib.sha256(repr(sorted((overrides or {}).items())).encode())
    digest.update(settings["SITEURL"].encode())
    for path in inputs:
        if path.is_file():
            digest.update(path.read_bytes())
    folder = root(output) / "pelican"
    current = folder / digest.hexdigest()[:16]
    for old in folder.glob("*"):
        if old != current:
            shutil.rmtree(old, ignore_errors=True)
    return current


def run_settings(cache, lang, output, settings, theme):
    """A language run's cache settings (none without a content cache);
    `theme` is the theme's digest, made once per build."""
    if cache is None:
        return {}
    folder = cache / lang
    templates = folder / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    return {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CACHE_PATH": str(folder),
        "GZIP_CACHE": False,  # Pelican's default: gzip took a tenth of a kept run's regeneration
        "CHECK_MODIFIED_METHOD": "md5",  # checksums survive a git checkout; mtimes do not
        "NEWSROOM_PREVIOUS_OUTPUT": str(output),  # pages to reuse (run/render_cache.py)
        "NEWSROOM_PAGES_RECORD": str(folder / "pages.pickle"),
        "NEWSROOM_THEME_DIGEST": theme,
        # compiled templates, checked against their source by Jinja
        "JINJA_ENVIRONMENT": {
            **settings["JINJA_ENVIRONMENT"],
            "bytecode_cache": jinja2.FileSystemBytecodeCache(str(templates)),
        },
        "NEWSROOM_CARD_CACHE": str(root(output) / "cards"),  # keyed by content
    }


def scan_findings(cache, settings):
    """(what they depend on, the scan's findings per file) of the last build
    (model/scan.py's `known`): {} when that build's are not valid here. They
    need the same code and settings (the cache's key), the same working
    folder (messages name files from it) and the same files besides Markdown
    (a file's check looks for the images it names)."""
    content = Path(settings["PATH"]).resolve()
    others = sorted(str(path) for path in walk(content) if path.suffix != ".md")
    world = (os.getcwd(), str(content), others)
    if cache is None:
        return world, {}
    try:
        saved, known = pickle.loads((cache / "scan.pickle").read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
        return world, {}
    return world, known if saved == world else {}


def keep_scan_findings(cache, world, known):
    """Keep the findings for the next build: a file's own hold whether this
    build succeeds or not."""
    if cache is not None:
        write_atomic(cache / "scan.pickle", pickle.dumps((world, known)))
