"""`invoke serve`'s builds: a saved story's body shows in a fraction of a second.

A full build (build.py) starts one Pelican run per language, each of which
reads the whole site again. Under `invoke serve` the runs stay alive after
a full build, each holding its language's site in memory. When the one
file saved since is a story whose front matter did not change, the parent
checks that file as the content scan would, and the story's language run
reads it again, puts the new body in place and writes what shows the body:
the story's own pages and the feeds it is in (listings show a story's card,
which is its front matter: render_cache.py). The files replace theirs in
output/, and the search index follows in the background. Anything else
(two files, a new file, a field, an image, the theme) gets a full build.
tests/test_live.py checks that the result is byte for byte a cold build's.
"""

import datetime
import os
import shutil
import signal
import sys
import time
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Content
from pelican.generators import ArticlesGenerator
from pelican.settings import read_settings

from . import build as builder
from . import content_index, feeds, files, search, uptodate
from .generators import find


class Session:
    """Full builds that keep the language runs, and quick rewrites between them."""

    def __init__(self, settings_file, output=None, overrides=None):
        self.settings_file, self.overrides, self.output = settings_file, overrides, output
        self.workers = {}  # lang -> (process, connection), alive between builds
        self.settings = self.index = self.built_on = None
        self.stamps = {}  # the content and theme files as of the last build
        self.refresh = None  # the search index being made after the last change

    def build(self):
        """A full build (build.build); the runs stay for `update`."""
        self.cancel_search()
        stamps = self._stamps()
        try:
            self.output = builder.build(
                self.settings_file, self.output, self.overrides, self._search_later, live=self
            )
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
        """Called by build.build after a full build with the runs it kept."""
        self.workers, self.settings, self.index = workers, settings, index
        self.output, self.built_on = Path(output), datetime.date.today()

    def stop(self):
        """End the kept runs (before a full build, or when serving stops)."""
        builder.stop_runs(self.workers)
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

    def _search_later(self, site, settings):
        # The page reloads first; the index follows seconds later.
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
        name = content_index.FILENAME_RE.match(path.name)
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
        checked = content_index.scan_file(path, "article", settings)
        for warning in checked.warnings:
            print(warning, file=sys.stderr)
        if checked.problems:
            raise builder.BuildError("\n".join(str(p) for p in checked.problems))
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
        (builder.cache_root(self.output) / uptodate.RECORD).unlink(missing_ok=True)
        self._search_later(self.output, settings)
        elapsed = time.perf_counter() - started
        shown = content_index.shown_path(path)
        print(f"Rewrote {len(written)} files for {shown} in {elapsed:.2f} s", file=sys.stderr)
        return True


# In a language run's process, kept by a Session.


def keep(pelican):
    """Before the run: have it keep its generators and writer for `serve`."""
    kept = {}
    make_writer = pelican._get_writer
    pelican._get_writer = lambda: kept.setdefault("writer", make_writer())
    signals.all_generators_finalized.connect(
        lambda generators: kept.update(generators=generators), weak=False
    )
    return kept


def serve(connection, kept):
    """After the run: answer the Session's requests until it closes the connection."""
    # Ctrl-C reaches every process of the terminal's group: the Session,
    # which ends the kept runs, is the one to answer it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            request = connection.recv()
        except EOFError:  # the Session stopped
            return
        try:
            reason = rewrite(kept["generators"], kept["writer"], *request)
            connection.send(("needs a build", reason) if reason else ("written", None))
        except Exception as error:  # the full build reports it properly
            connection.send(("failed", f"{type(error).__name__}: {error}"))


def rewrite(generators, writer, path, folder):
    """Read the story at `path` again and, if only its body changed, write its
    pages and the feeds it is in into `folder`. Returns None, or why a full
    build is needed."""
    stories = find(generators, ArticlesGenerator)
    kinds = ("articles", "translations", "hidden_articles", "hidden_translations")
    kinds += ("drafts", "drafts_translations")
    found = [
        story for kind in kinds for story in getattr(stories, kind) if story.source_path == path
    ]
    if len(found) != 1:
        return "not a story this run has"
    story = found[0]
    readers = stories.readers
    # Pelican's reader cache, in memory: {path: (stamp, (content, metadata))}
    # as last read; get_cached_data would refuse it, the file having changed.
    _, (_, before) = readers._cache.get(path, (None, (None, None)))
    if before is None:
        return "the content cache is off"
    fresh = readers.read_file(
        base_path=stories.path,
        path=path,
        content_class=Article,
        context=stories.context,
        preread_signal=signals.article_generator_preread,
        preread_sender=stories,
        context_signal=signals.article_generator_context,
        context_sender=stories,
    )
    _, (_, after) = readers._cache[path]
    # repr: Pelican's tags and categories are equal when their slugs are.
    if repr(after) != repr(before):
        return "its front matter changed"
    story._content = fresh._content
    for memo in (Content.__dict__["get_content"], Content.__dict__["get_summary"]):
        for key in [key for key in memo.cache if key[0] is story]:
            del memo.cache[key]  # memoized per (object, siteurl)
    out = feeds.NewsroomWriter(folder, settings=writer.settings, cached=False)
    for args, kwargs in writer.pages:
        if any(value is story for value in kwargs.values()):
            out.write_file(*args, **kwargs)
    limit = writer.settings["FEED_MAX_ITEMS"]
    for (elements, *args), kwargs in writer.feeds:
        if any(item is story for item in elements[:limit]):
            out.write_feed(elements, *args, **kwargs)
    if any(item is story for item in stories.articles[:limit]):
        feeds.write_json_feed(stories, out)
    return None
