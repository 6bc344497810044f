"""Where a build makes the new site, and how it takes the old one's place.

The runs write into a staging folder beside the output folder; the merge
joins them into one site there; the swap puts it in place with two renames
on one filesystem, only when every step succeeded, so a failed build never
touches the last good site. Folders an interrupted build left behind go at
the start of the next one (`remove_leftovers`).
"""

import ctypes
import multiprocessing
import os
import shutil
import subprocess
import uuid
from contextlib import contextmanager
from types import SimpleNamespace

# Files worth compressing ahead of time: text, as served (feeds are .xml).
TEXT_EXTENSIONS = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


@contextmanager
def staging(output):
    """A new staging folder beside `output`, deleted when the build ends."""
    folder = output.with_name(f"{output.name}.staging-{multiprocessing.current_process().pid}")
    folder.mkdir()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def merge(staging, languages):
    """Join the runs' outputs into one site; returns its folder.

    The first run wrote the shared files (/, 404, theme, images). Each other
    run contributes its /<lang>/ tree, and any shared file the first run does
    not have: a PDF or an image that only that language links to.
    """
    primary, *others = languages
    site = staging / f"run-{primary}"
    for lang in others:
        run = staging / f"run-{lang}"
        (run / lang).rename(site / lang)
        for path in sorted(run.rglob("*")):
            target = site / path.relative_to(run)
            if path.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                path.rename(target)
    return site


def precompress(site):
    """.gz and .br beside every text file, for servers that send them as they are
    (pelican-precompress, run once on the whole merged site)."""
    from pelican.plugins.precompress import compress_files

    settings = {"OUTPUT_PATH": str(site), "PRECOMPRESS_ZSTANDARD": False}
    settings["PRECOMPRESS_TEXT_EXTENSIONS"] = [*TEXT_EXTENSIONS]
    compress_files(SimpleNamespace(settings=settings))


def swap(site, output, background=False):
    """Put the new site in place of the old one: in one step where the system
    can exchange two names (renameat2), else with two renames. The old one
    is deleted at once, or with `background`, renamed to a hidden folder
    beside it and deleted by a process of its own, so that the build does not
    wait for it (about a second per 100 MB)."""
    old = output.with_name(f"{output.name}.old-{multiprocessing.current_process().pid}")
    if output.exists() and _exchange(site, output):
        site.rename(old)  # the new site is in place: what is at `site` is the old one
    else:
        if output.exists():
            output.rename(old)
        site.rename(output)
    if not old.exists():
        return
    if not background:
        shutil.rmtree(old, ignore_errors=True)
        return
    gone = output.with_name(f".{output.name}.deleted-{uuid.uuid4().hex}")
    old.rename(gone)
    # All of them: one that an earlier build's process did not finish too.
    leftovers = sorted(map(str, output.parent.glob(f".{output.name}.deleted-*")))
    subprocess.Popen(["rm", "-rf", *leftovers], start_new_session=True)


RENAME_EXCHANGE = 2  # renameat2(2)'s flag: swap two names in one step


def _exchange(one, other):
    """Swap the folders `one` and `other` in one step (Linux's renameat2), so
    that no moment has no output/ at all; False where it cannot (another
    system, an old kernel or filesystem), and two renames do instead."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        exchange = libc.renameat2
    except (OSError, AttributeError):
        return False
    here = -100  # AT_FDCWD: paths as they are
    done = exchange(here, os.fsencode(one), here, os.fsencode(other), RENAME_EXCHANGE)
    return done == 0


def remove_leftovers(output):
    """Staging and old folders that an interrupted build left behind; old
    sites that a background deletion (see `swap`) may still be deleting are
    left to it."""
    for pattern in (f"{output.name}.staging-*", f"{output.name}.old-*"):
        for leftover in output.parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)
