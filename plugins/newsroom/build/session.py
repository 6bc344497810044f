"""`invoke serve`'s builds: a saved story shows without a full build.

A full build (pipeline.py) starts one Pelican run per language, each of which
reads the whole site again. Under `invoke serve` the runs stay alive after
a full build, each holding its language's site in memory. Then, after a save:
- one story whose front matter did not change: the parent checks that file
  as the content scan would, and the story's language run reads it again,
  puts the new body in place and writes what shows the body: the story's
  own pages and the feeds it is in (listings show a story's card, which is
  its front matter: render_cache.py);
- stories whose front matter changed, or that came or went: the parent scans
  again (unchanged files from memory), and the runs concerned run Pelican
  again in their processes, where the caches leave only the changed pages
  and feeds to render and write;
- anything else (a page, a partner, an image, the theme): a full build.
The files replace theirs in output/, and the search index follows in the
background. The runs' half is run/child.py; they talk through the pipes
runs.py opened. tests/build/test_live.py checks that the result is byte for
byte a cold build's.
"""

import datetime
import os
import shutil
import sys
import threading
import time
from pathlib import Path

from pelican.settings import read_settings

from ..model import files
from ..model.layout import FILENAME_RE
from ..model.problems import shown_path
from ..model.scan import scan, scan_file
from . import admin, caches, event_history, run_settings, search, sitemaps
from .errors import BuildError
from .pipeline import build, build_date
from .runs import stop_runs


class Session:
    """Full builds that keep the language runs, and quick rewrites between them."""

    def __init__(self, settings_file, output=None, overrides=None):
        self.settings_file, self.overrides, self.output = settings_file, overrides, output
        self.workers = {}  # lang -> (process, connection), alive between builds
        self.settings = self.index = self.built_on = None
        self.runs, self.hashed = {}, {}  # the runs' settings, the theme's hashed files
        self.stamps = {}  # the content and theme files as of the last build
        self.known = {}  # the scan's findings per file (model/scan.py)
        self.refresh = None  # the search index being made after the last change

    def build(self):
        """A full build (pipeline.build); the runs stay for `update`."""
        self.cancel_search()
        stamps = self._stamps()
        try:
            self.output = build(self.settings_file, self.output, self.overrides, session=self)
        except BaseException:
            self.stop()  # their site may be neither the old one nor the new one
            raise
        self.stamps = stamps
        return self.output

    def update(self):
        """After a save: rewrite one story's pages when only its body changed;
        regenerate in the kept runs when stories' front matter changed or
        stories came or went; else build in full. Returns "rewrite",
        "regenerate" or "build"."""
        stamps = self._stamps()
        paths = stamps.keys() | self.stamps.keys()
        changed = sorted(path for path in paths if stamps.get(path) != self.stamps.get(path))
        if len(changed) == 1 and self._rewrite(Path(changed[0])):
            self.stamps = stamps
            return "rewrite"
        if self._regenerate([Path(path) for path in changed]):
            self.stamps = stamps
            return "regenerate"
        self.build()
        return "build"

    def started(self, workers, settings, index, output, runs, hashed, known):
        """Called by pipeline.build after a full build with the runs it kept."""
        self.workers, self.settings, self.index = workers, settings, index
        self.output, self.built_on = Path(output), datetime.date.today()
        self.runs, self.hashed, self.known = runs, hashed, known

    def stop(self):
        """End the kept runs (before a full build, or when serving stops)."""
        stop_runs(self.workers)
        self.workers = {}

    def settle(self):
        """Wait until the search index is the site's."""
        if self.refresh is not None:
            self.refresh.join()

    def cancel_search(self):
        """Drop a search index still being made: a newer change is coming."""
        if self.refresh is not None:
            self.refresh.cancel()
            self.refresh = None

    def search_later(self, site, settings):
        """Called by pipeline.build after a full build that kept the last search
        index: the page reloads first, the index follows seconds later."""
        self.refresh = search.Refresh(site, settings)
        self.refresh.start()

    def _stamps(self):
        settings = self.settings or read_settings(self.settings_file, dict(self.overrides or {}))
        stamps = {}
        for folder in (settings["PATH"], settings["THEME"]):
            for path in files.walk(folder):
                stat = path.stat()
                stamps[str(path)] = (stat.st_mtime_ns, stat.st_size)
        return stamps

    def _quick(self):
        """Whether the kept runs can make the next change: they are there, with
        their caches, and the last full build was made today (banners,
        sitemaps) without precompressed copies."""
        return (
            bool(self.workers)
            and all("NEWSROOM_PAGES_RECORD" in run for run in self.runs.values())
            and not self.settings.get("PRECOMPRESS")
            and self.built_on == datetime.date.today()
        )

    def _story(self, path):
        """The language of the story file at `path` (saved or deleted), or None."""
        settings = self.settings
        name = FILENAME_RE.match(path.name)
        stories = [Path(settings["PATH"]) / folder for folder in settings["ARTICLE_PATHS"]]
        if name and name["lang"] in self.workers and any(path.is_relative_to(f) for f in stories):
            return name["lang"]
        return None

    def _regenerate(self, changed):
        """After stories' front matter changed, or stories came or went: scan
        again (the files that did not change from memory), then the kept runs
        of the languages concerned run again in their processes
        (run/child.py's `regenerate`), rendering only the pages whose inputs
        changed; those pages, the feeds and the sitemaps replace theirs in
        output/, and the pages no run makes any more leave it. False when a
        full build is needed (anything but stories, new images, redirects).
        A problem raises BuildError, as a full build would; output/ stays."""
        started = time.perf_counter()
        langs = {self._story(path) for path in changed}
        if not changed or not self._quick() or None in langs:
            return False
        settings = self.settings
        index = scan(settings, known=self.known)
        for warning in index.warnings:
            print(warning, file=sys.stderr)
        if index.problems:
            raise BuildError("\n".join(str(p) for p in index.problems))
        if (index.images, index.image_uses) != (self.index.images, self.index.image_uses):
            return False  # new images need renditions
        if _redirected(index) != _redirected(self.index):
            return False  # redirects: a full build checks them against the pages
        alternates = index.alternates(settings)
        now = build_date(settings) or datetime.datetime.now(datetime.UTC)
        last = next(iter(self.runs.values()))
        sequences = last["NEWSROOM_EVENT_SEQUENCES"]
        if _events(index, changed) or _events(self.index, changed):
            sequences = event_history.sequences(index, settings)
        shared = run_settings.from_index(index, alternates, (now, sequences))
        if any(shared[key] != last[key] for key in shared if key != "NEWSROOM_NOW"):
            langs = set(self.workers)  # translations, links and partners cross languages
        folder = self.output.with_name(f"{self.output.name}.staging-live-{os.getpid()}")
        shutil.rmtree(folder, ignore_errors=True)
        try:
            for lang in sorted(langs):  # the runs work side by side
                self.workers[lang][1].send(("regenerate", str(folder / lang), shared))
            site = folder / "site"  # meanwhile, what the index alone makes
            try:
                sitemaps.write_all(site, index, alternates, settings, build_date(settings))
                admin.write(site, index, settings, self.hashed)
            finally:  # every answer read, so that the next request gets its own
                answers = {lang: self.workers[lang][1].recv() for lang in sorted(langs)}
            failed = [f"[{lang}] {why}" for lang, (how, why) in answers.items() if how != "written"]
            if failed:
                print(f"Full build: {'; '.join(failed)}", file=sys.stderr)
                return False
            self.cancel_search()  # it indexes the pages being replaced
            written = 0
            for part in [*(folder / lang for lang in sorted(langs)), site]:
                for path in files.walk(part):
                    target = self.output / path.relative_to(part)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(path, target)
                    written += 1
            gone = [name for _, names in answers.values() for name in names]
            for name in gone:
                _remove(self.output, name)
        except (EOFError, OSError) as error:  # a run that died: build in full
            print(f"Full build: {error}", file=sys.stderr)
            self.stop()
            return False
        except BaseException:
            self.stop()  # the runs have moved on from output/: the next change builds in full
            raise
        finally:
            _remove_later(folder)
        self.index = index
        for run in self.runs.values():
            run.update(shared)
        caches.last_build(self.output).unlink(missing_ok=True)  # output/ is not that build's
        self.search_later(self.output, settings)
        elapsed = time.perf_counter() - started
        print(
            f"Regenerated {', '.join(sorted(langs))}: {written} files written, "
            f"{len(gone)} removed, in {elapsed:.2f} s",
            file=sys.stderr,
        )
        return True

    def _rewrite(self, path):
        """Rewrite the pages of the story at `path` if only its body changed;
        False when a full build is needed. A problem in the file raises
        BuildError, as a full build would, and output/ stays as it was."""
        started = time.perf_counter()
        settings = self.settings
        lang = self._story(path)
        if not self._quick() or lang is None or not path.is_file():
            return False
        checked = scan_file(path, "article", settings)
        for warning in checked.warnings:
            print(warning, file=sys.stderr)
        if checked.problems:
            raise BuildError("\n".join(str(p) for p in checked.problems))
        real = os.path.realpath(path)
        if checked.image_uses.get(real) != self.index.image_uses.get(real):
            return False  # new images need renditions
        folder = self.output.with_name(f"{self.output.name}.staging-live-{os.getpid()}")
        shutil.rmtree(folder, ignore_errors=True)
        try:
            _, connection = self.workers[lang]
            connection.send(("rewrite", str(path), str(folder)))
            answer, reason = connection.recv()
            if answer != "written":
                print(f"Full build: {reason}", file=sys.stderr)
                return False
            written = [p.relative_to(folder) for p in files.walk(folder)]
            self.cancel_search()  # it indexes the pages being replaced
            for relative in written:
                target = self.output / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(folder / relative, target)
        except (EOFError, OSError) as error:  # a run that died: build in full
            print(f"Full build: {error}", file=sys.stderr)
            self.stop()
            return False
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        # output/ is no longer what the last full build recorded.
        caches.last_build(self.output).unlink(missing_ok=True)
        self.search_later(self.output, settings)
        elapsed = time.perf_counter() - started
        shown = shown_path(path)
        print(f"Rewrote {len(written)} files for {shown} in {elapsed:.2f} s", file=sys.stderr)
        return True


def _redirected(index):
    """What the redirects are made of: each item's Old_URLs and its address."""
    return sorted(
        (item.url or "", item.meta["old_urls"].value)
        for item in index.items
        if "old_urls" in item.meta
    )


def _events(index, paths):
    """Whether one of the files at `paths` is an event in `index`."""
    shown = {shown_path(path) for path in paths}
    return any(item.path in shown and "start" in item.meta for item in index.items)


def _remove(output, name):
    """Remove a page no run makes any more, and the folders it leaves empty."""
    path = output / name
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == output or any(folder.iterdir()):
            break
        folder.rmdir()


def _remove_later(folder):
    """Remove a regeneration's folder in the background: the folders Pelican
    makes for every page, written or not, take a tenth of a second to remove.
    One left by a process that ended is a staging leftover (staging.py)."""
    if folder.exists():
        gone = folder.with_name(f"{folder.name}.gone-{time.monotonic_ns()}")
        folder.rename(gone)
        threading.Thread(target=shutil.rmtree, args=(gone, True), daemon=True).start()
