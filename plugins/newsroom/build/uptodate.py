"""Nothing to do: a build whose inputs are the last build's keeps output/ as it is.

Like make: when every input is what it was at the last successful build, and
output/ is still what that build left, the build stops after the content
scan. The inputs:
- every file under content/ (by checksum; files over 256 kB by size and
  modification time) and under the theme;
- the content cache's key: our code, the settings files, the locked
  dependencies and the build's overrides (`caches.content`);
- SITEURL (publishconf.py reads it from the environment);
- what the scan publishes: a scheduled story whose time has come changes it;
- the news sitemap as of now, which changes as stories age out of it;
- which events are upcoming now (one that is over moves to the past list),
  and their calendar SEQUENCEs (from git's history: build/event_history.py).
Only with the content cache on; the record is `.cache/last-build` (caches.py).
"""

import hashlib
from pathlib import Path

from ..model import files
from ..model.events import upcoming
from . import sitemaps

LARGE = 256 * 1024


def inputs(settings, index, cache, build_date, theme, events):
    """The digest of the build's inputs; `theme` is the theme's (files.tree_digest),
    `events` the build's instant and the events' SEQUENCEs."""
    now, sequences = events
    digest = hashlib.md5()
    for part in (
        cache.name,
        theme,
        settings["SITEURL"],
        sitemaps.news(index, settings, build_date),
        repr(upcoming(index.items, settings, now)),
        repr(sorted(sequences.items())),
    ):
        digest.update(part.encode() + b"\0")
    for item in sorted(index.items, key=lambda item: (item.kind, item.path)):
        digest.update(f"{item.kind} {item.path} {item.url}\0".encode())
    for path in files.walk(settings["PATH"]):
        stat = path.stat()
        if stat.st_size > LARGE:
            mark = f"{stat.st_size} {stat.st_mtime_ns}".encode()
        else:
            mark = hashlib.md5(path.read_bytes()).digest()
        digest.update(str(path).encode() + b"\0" + mark)
    return digest.hexdigest()


def listing(output):
    """The names and sizes of every file in `output`."""
    digest = hashlib.md5()
    for path in files.walk(output):
        digest.update(f"{path.relative_to(output)} {path.stat().st_size}\0".encode())
    return digest.hexdigest()


def unchanged(record, digest, output):
    try:
        recorded = Path(record).read_text().split()
    except OSError:
        return False
    return output.is_dir() and recorded == [digest, listing(output)]


def remember(record, digest, output):
    Path(record).write_text(f"{digest} {listing(output)}\n")
