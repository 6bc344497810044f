"""A language run's process: its entry point, and the kept run of `invoke serve`.

The build forks one process per language and calls `run_language` in it
(build/runs.py): Pelican runs with our plugin, warnings print as one plain
line each, and the first error ends the run and goes back to the parent as
one line. With `keep`, the run then stays alive with its site in memory and
answers the parent's `invoke serve` session (build/session.py): for a story
whose body alone changed, `rewrite` writes its pages and the feeds it is in
again; after a front-matter change, `regenerate` runs Pelican again and
writes what changed; both byte for byte what a cold build writes.
"""

import logging
import os
import signal
import sys
from pathlib import Path

from pelican import Pelican, signals
from pelican.cache import FileDataCacher
from pelican.contents import Article, Content
from pelican.generators import ArticlesGenerator, Generator, StaticGenerator
from pelican.settings import read_settings

from ..model import files
from ..model.problems import ContentProblems
from .entries import find
from .json_feed import write_json_feed
from .writer import NewsroomWriter


def run_language(settings_file, overrides, result, keep=False, parent_ends=()):
    """One language's Pelican run (in a child process); sends back None, an
    error (one line) or content problems (a list of lines) through the
    connection `result`. With `keep`, it then serves the
    parent's session until the connection ends."""
    for end in parent_ends:
        end.close()
    errors = _quiet_pelican_logging(overrides["DEFAULT_LANG"])
    _leave_out(overrides.get("NEWSROOM_EXCLUDED", ()))
    _whole_cache_files()
    try:
        pelican = Pelican(read_settings(settings_file, override=overrides))
        if keep:
            kept = _keep(pelican)
        pelican.run()
        if keep:  # before the parent moves them into the site
            kept["produced"] = _produced(pelican.output_path, kept, ())
        result.send(None)
    except ContentProblems as error:  # whole problem lines, as the scan prints them
        result.send(error.lines)
        keep = False
    except Exception as error:  # report it as one line, never a traceback
        result.send(" ".join(_describe(error, errors.first).split()))
        keep = False
    if keep:
        _serve(result, kept)
    result.close()


def _describe(error, logged):
    """What went wrong, for one line: Pelican's own error message if it logged
    one (its exception then only says "Warning or error encountered"), else
    the exception, with the template's file and line when it has them."""
    if logged:
        return logged
    message = f"{type(error).__name__}: {error}"
    if getattr(error, "filename", None) and getattr(error, "lineno", None):
        return f"{error.filename}:{error.lineno}: {message}"
    return message


class _FirstError(logging.Handler):
    """Remembers the first error Pelican logs."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.first = None

    def emit(self, record):
        if self.first is None:
            self.first = record.getMessage()


def _quiet_pelican_logging(lang):
    """Plain one-line warnings on stderr; the first error stops the run and is
    returned to the parent as its one line.

    Pelican logs through Rich, which wraps long lines and prints tracebacks;
    its per-run summary would interleave between processes.
    """
    from pelican import log as pelican_log

    warnings = logging.StreamHandler(sys.stderr)
    warnings.setFormatter(logging.Formatter(f"%(levelname)s [{lang}] %(message)s"))
    warnings.addFilter(lambda record: record.levelno < logging.ERROR)  # errors: one line, later
    # Our content check refuses images without alt text unless marked
    # {.decorative}: Pelican's warning would only repeat that choice.
    warnings.addFilter(lambda record: not record.msg.startswith("Empty alt attribute"))
    errors = _FirstError()
    root = logging.getLogger()
    root.handlers[:] = [warnings, errors]
    root.setLevel(logging.WARNING)
    pelican_log.FatalLogger.fatal_lvl = logging.ERROR
    pelican_log.console.quiet = True
    return errors


def _leave_out(paths):
    """Have every generator of this process skip `paths` (relative to content/):
    drafts whose problems the scan reported as warnings, so that a draft never
    stops the published site from building. Pelican has no setting for a
    file by its path (IGNORE_FILES matches names), hence this wrapper."""
    if not paths:
        return
    skipped = {os.path.normpath(path) for path in paths}
    include = Generator._include_path

    def _include_path(self, path, extensions=None):
        return os.path.normpath(path) not in skipped and include(self, path, extensions)

    Generator._include_path = _include_path


def _whole_cache_files():
    """Pelican writes its content cache in place: a build killed while a run
    saves it leaves a file cut short, which Pelican cannot read back (it
    catches OSError and PickleError, not EOFError), and every later build
    fails until `make clean`. Here a cache is written beside its place and
    renamed into it, whole or not at all; and one cut short by an older
    build reads as empty, as a missing one does."""
    save, load = FileDataCacher.save_cache, FileDataCacher.__init__
    if getattr(save, "whole", False):
        return

    def save_cache(self):
        final = self._cache_path
        self._cache_path = f"{final}.part-{os.getpid()}"
        try:
            save(self)
            if os.path.exists(self._cache_path):
                os.replace(self._cache_path, final)
        finally:
            self._cache_path = final

    def __init__(self, settings, cache_name, caching_policy, load_policy):
        try:
            load(self, settings, cache_name, caching_policy, load_policy)
        except (EOFError, ValueError):  # cut short: start this cache afresh
            load(self, settings, cache_name, caching_policy, False)

    save_cache.whole = True
    FileDataCacher.save_cache, FileDataCacher.__init__ = save_cache, __init__


# The kept run of `invoke serve`.

# Pelican memoizes a content's HTML per (object, site URL), for the process.
MEMOS = (Content.__dict__["get_content"], Content.__dict__["get_summary"])


def _keep(pelican):
    """Before the run: have it keep itself, its generators and its writer for `_serve`."""
    kept = {"pelican": pelican}
    make_writer = pelican._get_writer
    pelican._get_writer = lambda: kept.setdefault("writer", make_writer())
    signals.all_generators_finalized.connect(
        lambda generators: kept.update(generators=generators), weak=False
    )
    return kept


def _serve(connection, kept):
    """After the run: answer the session's requests until it closes the connection."""
    # Ctrl-C reaches every process of the terminal's group: the session,
    # which ends the kept runs, is the one to answer it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            request = connection.recv()
        except EOFError:  # the session stopped
            return
        action, *arguments = request
        try:
            if action == "regenerate":
                connection.send(("written", regenerate(kept, *arguments)))
                continue
            reason = rewrite(kept["generators"], kept["writer"], *arguments)
            connection.send(("needs a build", reason) if reason else ("written", None))
        except Exception as error:  # the full build reports it properly
            kept.pop("produced", None)  # the run is no longer the site's: no more regenerations
            connection.send(("failed", " ".join(f"{type(error).__name__}: {error}".split())))


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
    for memo in MEMOS:
        for key in [key for key in memo.cache if key[0] is story]:
            del memo.cache[key]  # memoized per (object, siteurl)
    out = NewsroomWriter(folder, settings=writer.settings, cached=False)
    for args, kwargs in writer.pages:
        if any(value is story for value in kwargs.values()):
            out.write_file(*args, **kwargs)
    limit = writer.settings["FEED_MAX_ITEMS"]
    for (elements, *args), kwargs in writer.feeds:
        if any(item is story for item in elements[:limit]):
            out.write_feed(elements, *args, **kwargs)
    if any(item is story for item in stories.articles[:limit]):
        write_json_feed(stories, out)
    return None


def regenerate(kept, folder, shared):
    """Run again in this process, after a story's front matter changed or a
    story came or went, with the build's new `shared` settings
    (run_settings.from_index): the content cache reads the changed file alone,
    and the render cache renders only the pages whose inputs changed. Those
    pages, the feeds and the files our plugin writes go into `folder`; the
    site's static files are not copied again (a change to them is a full
    build). Returns the files of the last run this one no longer makes."""
    if "produced" not in kept:
        raise RuntimeError("this run failed before: a full build is needed")
    for memo in MEMOS:  # the last run's contents: one equal to a new one would stand for it
        memo.cache.clear()
    pelican = kept["pelican"]
    # A writer for `folder`, which writes changed pages and feeds only.
    pelican.settings.update(shared, OUTPUT_PATH=folder, NEWSROOM_CHANGED_ONLY=True)
    pelican.output_path = folder
    kept.pop("writer", None)
    static = StaticGenerator.generate_output
    StaticGenerator.generate_output = lambda self, writer: None
    try:
        pelican.run()
    finally:
        StaticGenerator.generate_output = static
    # The pages, feeds and cards left in place (run/writer.py, run/social_cards.py)
    produced = _produced(folder, kept, kept["generators"][0].context["left_in_place"])
    gone = sorted(kept["produced"] - produced)
    kept["produced"] = produced
    return gone


def _produced(folder, kept, unwritten):
    """What the run made in `folder`, site-relative, and `unwritten` (pages it
    left as they are); without the static files (content images, PDFs, the
    theme's files), which only a full build changes."""
    static = next(g for g in kept["generators"] if isinstance(g, StaticGenerator))
    copied = {item.save_as for item in static.staticfiles}
    theme = kept["pelican"].settings["THEME_STATIC_DIR"] + "/"
    made = {path.relative_to(folder).as_posix() for path in files.walk(Path(folder))}
    made |= {Path(path).relative_to(folder).as_posix() for path in unwritten}
    return {path for path in made if path not in copied and not path.startswith(theme)}
