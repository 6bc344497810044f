"""`invoke serve`'s builds: a saved story's body shows in a fraction of a second.

A full build (pipeline.py) starts one Pelican run per language, each of which
reads the whole site again. Under `invoke serve` the runs stay alive after
a full build, each holding its language's site in memory. When the one
file saved since is a story whose front matter did not change, the parent
checks that file as the content scan would, and the story's language run
reads it again, puts the new body in place and writes what shows the body:
the story's own pages and the feeds it is in (listings show a story's card,
which is its front matter: render_cache.py). The files replace theirs in
output/, and the search index follows in the background. Anything else
(two files, a new file, a field, an image, the theme) gets a full build.
The runs' half is run/child.py; they talk through the pipes runs.py opened.
tests/build/test_live.py checks that the result is byte for byte a cold build's.
"""

import datetime
import os
import shutil
import sys
import time
from pathlib import Path

from pelican.settings import read_settings

from ..model import files
from ..model.layout import FILENAME_RE
from ..model.problems import shown_path
from ..model.scan import scan_file
from . import caches, search
from .errors import BuildError
from .pipeline import build
from .runs import stop_runs


class Session:
    """Full builds that keep the language runs, and quick rewrites between them."""

    def __init__(self, settings_file, output=None, overrides=None):
        self.settings_file, self.overrides, self.output = settings_file, overrides, output
        self.workers = {}  # lang -> (process, connection), alive between builds
        self.settings = self.index = self.built_on = None
        self.stamps = {}  # the content and theme files as of the last build
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
        """After a save: rewrite one story's pages when only its body changed,
        else build in full. Returns "rewrite" or "build"."""
        stamps = self._stamps()
        paths = stamps.keys() | self.stamps.keys()
        changed = [path for path in paths if stamps.get(path) != self.stamps.get(path)]
        if len(changed) == 1 and self._rewrite(Path(changed[0])):
            self.stamps = stamps
            return "rewrite"
        self.build()
        return "build"

    def started(self, workers, settings, index, output):
        """Called by pipeline.build after a full build with the runs it kept."""
        self.workers, self.settings, self.index = workers, settings, index
        self.output, self.built_on = Path(output), datetime.date.today()

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

    def _rewrite(self, path):
        """Rewrite the pages of the story at `path` if only its body changed;
        False when a full build is needed. A problem in the file raises
        BuildError, as a full build would, and output/ stays as it was."""
        started = time.perf_counter()
        settings = self.settings
        name = FILENAME_RE.match(path.name)
        stories = [Path(settings["PATH"]) / folder for folder in settings["ARTICLE_PATHS"]]
        if (
            not self.workers
            or not name
            or name["lang"] not in self.workers
            or not path.is_file()
            or not any(path.is_relative_to(folder) for folder in stories)
            or settings.get("PRECOMPRESS")
            or self.built_on != datetime.date.today()  # banners, sitemaps: a full build
        ):
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
            _, connection = self.workers[name["lang"]]
            connection.send((str(path), str(folder)))
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
