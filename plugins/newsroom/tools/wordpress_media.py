"""`invoke import-wordpress --media-from DIR / --fetch-media`: the media
files the imported posts show, put in place under content/.

The import lists every file a post links to (wordpress_html.Media: its
address -> its path under content/). `--media-from` copies each upload from a
copy of the old site's `wp-content/uploads` folder, the usual way a migration
gets its media; `--fetch-media` downloads what is still missing, when the old
site can be reached. A file already in place is left as it is. What is still
missing after both is reported once, with the stories that show it (the
build would stop on each of them).
"""

import shutil
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..model.problems import shown_path
from .authoring import AuthoringError
from .wordpress_html import UPLOADS

TIMEOUT = 30  # seconds per file
LARGEST = 100 * 1024 * 1024  # bytes: larger than any photo or PDF a story shows
USER_AGENT = "aicto-newsroom-import (invoke import-wordpress --fetch-media)"


@dataclass
class Gathered:
    copied: int = 0
    fetched: int = 0
    there: int = 0  # in place before the import
    failed: dict = field(default_factory=dict)  # address -> why it could not be fetched
    missing: list = field(default_factory=list)  # paths under content/, still absent


def check_source(folder):
    """The `--media-from` folder, refused at once when it is none."""
    if folder is None:
        return None
    path = Path(folder)
    if not path.is_dir():
        raise AuthoringError(
            f"--media-from: {folder} is not a folder; give a copy of the old site's "
            "wp-content/uploads folder"
        )
    return path


def gather(files, content, source=None, fetch=False, progress=print):
    """Put the files of `files` ({address: path under content/}) in place."""
    done = Gathered()
    wanted = []
    for url, local in files.items():
        target = Path(content) / local
        if target.exists():
            done.there += 1
        elif source and _copy(url, source, target):
            done.copied += 1
        else:
            wanted.append((url, local, target))
    for number, (url, local, target) in enumerate(wanted if fetch else [], start=1):
        try:
            _download(url, target)
        except (OSError, ValueError) as error:
            done.failed[url] = _reason(error)
            progress(f"  [{number}/{len(wanted)}] {url}: not fetched ({done.failed[url]})")
            continue
        done.fetched += 1
        progress(f"  [{number}/{len(wanted)}] {local}")
    done.missing = [local for _, local, target in wanted if not target.exists()]
    return done


def _copy(url, source, target):
    """Copy the upload at `url` from the copy of uploads/ at `source`; False if it is not there."""
    path = unquote(urlsplit(url).path)
    if UPLOADS not in path:
        return False  # an image from another site: only a download can bring it
    found = source.joinpath(*path.split(UPLOADS, 1)[1].split("/"))
    if not found.is_file() or not found.resolve().is_relative_to(source.resolve()):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(found, target)
    return True


def _download(url, target):
    """Fetch `url` to `target`, whole or not at all."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    target.parent.mkdir(parents=True, exist_ok=True)
    part = Path(tempfile.mkstemp(dir=target.parent, prefix=".fetching-")[1])
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer, part.open("wb") as out:
            size = 0
            while chunk := answer.read(1 << 16):
                size += len(chunk)
                if size > LARGEST:
                    raise ValueError(f"larger than {LARGEST // 1024 // 1024} MB")
                out.write(chunk)
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)


def _reason(error):
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        return str(error.reason)
    return str(error) or type(error).__name__


def report(done, source, posts, content):
    """The report's lines about the media."""
    out = []
    said = []
    if source:
        said.append(f"{done.copied} copied from {source}")
    if done.fetched or done.failed:
        said.append(f"{done.fetched} downloaded")
    if done.there:
        said.append(f"{done.there} already in place")
    if said:
        out.append("  media files: " + ", ".join(said))
    if done.failed:
        out.append(f"Could not download ({len(done.failed)}):")
        out += [f"  {url}: {why}" for url, why in done.failed.items()]
    if done.missing:
        out.append(
            f"Still missing ({len(done.missing)}), each with the files that show it "
            "(the build stops on them until the file is in place):"
        )
        for local in done.missing:
            users = [shown_path(post.path) for post in posts if _shows(post, local)]
            out.append(f"  {shown_path(Path(content) / local)}: {', '.join(users) or '-'}")
    return out


def _shows(post, local):
    return local in post.body or any(local in line for line in post.lines)
