"""Content-hashed names for the theme's CSS, JS, fonts and images.

A CDN or browser may keep /theme/css/newsroom.1a2b3c4d5e.css for a year: a
changed file gets a new name, and every page names the current one. The
names are worked out once, before the language runs, from the theme's source
files (templates ask `asset("css/newsroom.css")`); after the merge the copied
files are renamed to them. Stylesheets name fonts with url(): they are
rewritten with the hashed names first, and hashed after that.
"""

import hashlib
import posixpath
import re
from functools import partial
from pathlib import Path

HASHED = (".css", ".js", ".woff2", ".svg")
CSS_URL_RE = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")


def _hashed_name(path, data):
    digest = hashlib.sha256(data).hexdigest()[:10]
    return path.with_name(f"{path.stem}.{digest}{path.suffix}").as_posix()


def plan(static):
    """{source path: (hashed path, bytes to write)} for the theme's static folder.

    Paths are relative to `static` (theme/static), as templates name them.
    """
    static = Path(static)
    files = sorted(path.relative_to(static) for path in static.rglob("*") if path.suffix in HASHED)
    manifest = {}
    # Everything but stylesheets first: stylesheets name the others.
    for path in sorted(files, key=lambda path: path.suffix == ".css"):
        data = (static / path).read_bytes()
        if path.suffix == ".css":
            data = CSS_URL_RE.sub(partial(_rename_url, path, manifest), data.decode()).encode()
        manifest[str(path)] = (_hashed_name(path, data), data)
    return manifest


def _rename_url(stylesheet, manifest, match):
    """url(../fonts/x.woff2) -> url("../fonts/x.<hash>.woff2"), as relative as written."""
    target = match.group(2)
    source = posixpath.normpath(posixpath.join(stylesheet.parent.as_posix(), target))
    if source not in manifest:
        return match.group(0)
    hashed = posixpath.basename(manifest[source][0])
    return f'url("{posixpath.join(posixpath.dirname(target), hashed)}")'


def apply(site, theme_dir, manifest):
    """Replace the copied theme files in the built `site` with their hashed versions."""
    folder = Path(site) / theme_dir
    for source, (hashed, data) in manifest.items():
        original = folder / source
        if original.exists():
            original.unlink()
        (folder / hashed).write_bytes(data)
