"""Build the whole site: scan, one Pelican run per language in parallel, swap.

    content ─scan─> content index ─┬─ Pelican run (ar) ─┐
                                   ├─ Pelican run (en) ─┼─> staging ─> hashed assets,
                                   └─ Pelican run (fr) ─┘    redirects, sitemaps, search
                                                             index, (compression) ─swap─> output/

The runs write into a staging folder beside the output folder; the output
folder is replaced only when every step succeeded, so a failed build never
touches the last good site. With the cache on, a build whose inputs are the
last build's stops after the scan (uptodate.py), and the runs reuse what did
not change: read files (Pelican's content cache), rendered pages
(render_cache.py), image renditions, social cards and the search index.
"""

import datetime
import hashlib
import logging
import multiprocessing
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import jinja2
from pelican import Pelican
from pelican.settings import read_settings

from . import assets, content_index, files, images, redirects, search, sitemaps, uptodate
from .languages import language_settings

# Files worth compressing ahead of time: text, as served (feeds are .xml).
TEXT_EXTENSIONS = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class BuildError(Exception):
    """The build stopped; the message says why, one line per problem."""


def build(
    settings_file="pelicanconf.py", output=None, overrides=None, search_later=None, live=None
):
    """Build every language into `output` (default: the settings' OUTPUT_PATH).

    For `invoke serve`: `search_later` is a function of the output folder and
    the settings: a site that changed keeps the last build's search index,
    and it is called after the swap to make the new one (`search.Refresh`).
    `live` is a live.Session: the language runs stay alive for it."""
    started = time.perf_counter()
    settings = read_settings(settings_file, override=dict(overrides or {}))
    output = Path(output or settings["OUTPUT_PATH"]).resolve()

    index = content_index.scan(settings)
    for warning in index.warnings:
        print(warning, file=sys.stderr)
    if index.problems:
        raise BuildError("\n".join(str(p) for p in index.problems))
    alternates = index.alternates(settings)
    hashed = assets.plan(Path(settings["THEME"]) / "static")

    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(output)
    cache = (
        content_cache(output, settings_file, overrides, settings)
        if settings["NEWSROOM_CACHE"]
        else None
    )
    if cache:
        theme = files.tree_digest(Path(settings["THEME"]))  # for uptodate and render_cache
        record = cache_root(output) / uptodate.RECORD
        inputs = uptodate.inputs(settings, index, cache, _build_date(settings), theme)
        # A session without runs needs them: it builds even so.
        if uptodate.unchanged(record, inputs, output) and (live is None or live.workers):
            elapsed = time.perf_counter() - started
            print(
                f"Nothing changed since the last build: {output} kept ({elapsed:.1f} s)",
                file=sys.stderr,
            )
            return output
        record.unlink(missing_ok=True)  # until this build has succeeded
    staging = output.with_name(f"{output.name}.staging-{multiprocessing.current_process().pid}")
    staging.mkdir()
    if live:
        live.stop()  # their site is about to be replaced
    workers = {}
    try:
        renditions = (cache_root(output) if cache else staging) / "images"
        try:
            manifest, made = images.prepare(
                Path(settings["PATH"]), index.images, settings, renditions
            )
        except images.ImageError as error:
            raise BuildError(str(error)) from None
        runs = {}
        for position, lang in enumerate(settings["LANGUAGES"]):
            run_overrides = {
                **(overrides or {}),
                **language_settings(settings, lang, primary=position == 0),
                "OUTPUT_PATH": str(staging / f"run-{lang}"),
                "NEWSROOM_ALTERNATES": alternates,
                "NEWSROOM_ASSETS": {source: name for source, (name, _) in hashed.items()},
                "NEWSROOM_IMAGES": manifest,
                "NEWSROOM_IMAGE_USES": index.image_uses,
            }
            if cache:
                run_overrides.update(
                    CACHE_CONTENT=True,
                    LOAD_CONTENT_CACHE=True,
                    CACHE_PATH=str(cache / lang),
                    CHECK_MODIFIED_METHOD="md5",  # checksums survive a git checkout; mtimes do not
                    NEWSROOM_PREVIOUS_OUTPUT=str(output),  # pages to reuse (render_cache.py)
                    NEWSROOM_THEME_DIGEST=theme,
                    # compiled templates, checked against their source by Jinja
                    JINJA_ENVIRONMENT={
                        **settings["JINJA_ENVIRONMENT"],
                        "bytecode_cache": _bytecode_cache(cache / lang / "templates"),
                    },
                    NEWSROOM_CARD_CACHE=str(cache_root(output) / "cards"),  # keyed by content
                )
            runs[lang] = run_overrides
        workers = _run_all(settings_file, runs, keep=live is not None)
        site = _merge(staging, list(runs))
        images.apply(site, manifest)
        assets.apply(site, settings["THEME_STATIC_DIR"], hashed)
        # Old_URLs: after the merge, so a redirect cannot take a page's place.
        clashes = redirects.write(site, index.items, settings)
        if clashes:
            raise BuildError("\n".join(str(p) for p in clashes))
        sitemaps.write_all(site, index, alternates, settings, _build_date(settings))
        # Pagefind reads only the HTML: the same HTML as the index in output/
        # was made from (both recorded in the cache) needs no new index.
        searched = cache_root(output) / "search-input" if cache else None
        # The cache's name covers our code, the settings and the locked Pagefind.
        pages = f"{cache.name} {search.html_digest(site)}" if cache else None
        bundle = output / settings["SEARCH_BUNDLE_DIR"]
        same = (
            searched
            and searched.is_file()
            and searched.read_text() == _search_record(pages, bundle)
        )
        stale = bool(search_later) and not same and (bundle / search.ENTRY).is_file()
        try:  # before the swap: a failing index leaves output/ as it was
            previous = output if same or stale else None
            indexed = search.index(site, settings, published=bool(index.items), previous=previous)
        except search.SearchError as error:
            raise BuildError(str(error)) from None
        print(f"{indexed} (refreshed after the reload)" if stale else indexed, file=sys.stderr)
        if settings.get("PRECOMPRESS"):
            precompress(site)
        _swap(site, output, background=bool(cache))
        if cache and not stale:
            searched.write_text(_search_record(pages, bundle))
            uptodate.remember(record, inputs, output)
        if live:
            live.started(workers, settings, index, output)
    except BaseException:
        stop_runs(workers)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if stale:
        search_later(output, settings)
    elapsed = time.perf_counter() - started
    print(f"Images: {made} of {len(manifest)} processed, the rest from the cache", file=sys.stderr)
    print(f"Built {', '.join(runs)} into {output} in {elapsed:.1f} s", file=sys.stderr)
    return output


def content_cache(output, settings_file, overrides, settings):
    """Where the runs keep Pelican's content cache: beside the output, in a folder
    named for everything the cached content depends on besides the files
    themselves (our reader and typography code, the settings, the locked
    dependencies, SITEURL: its path prefixes image URLs). A change to any of
    them starts a new cache; older ones go."""
    project = Path(settings_file).resolve().parent
    inputs = sorted(Path(__file__).parent.glob("*.py"))
    inputs += [Path(settings_file).resolve(), project / "pelicanconf.py"]
    inputs += sorted(project.glob("requirements/*.lock"))
    digest = hashlib.sha256(repr(sorted((overrides or {}).items())).encode())
    digest.update(settings["SITEURL"].encode())
    for path in inputs:
        if path.is_file():
            digest.update(path.read_bytes())
    root = cache_root(output) / "pelican"
    current = root / digest.hexdigest()[:16]
    for old in root.glob("*"):
        if old != current:
            shutil.rmtree(old, ignore_errors=True)
    return current


def cache_root(output):
    """The build's caches: beside the output folder, so that a CI cache or a
    test's temporary folder holds them with it."""
    return Path(output).parent / ".cache"


def _bytecode_cache(folder):
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def precompress(site):
    """.gz and .br beside every text file, for servers that send them as they are
    (pelican-precompress, run once on the whole merged site)."""
    from pelican.plugins.precompress import compress_files

    settings = {"OUTPUT_PATH": str(site), "PRECOMPRESS_ZSTANDARD": False}
    settings["PRECOMPRESS_TEXT_EXTENSIONS"] = [*TEXT_EXTENSIONS]
    compress_files(SimpleNamespace(settings=settings))


def _build_date(settings):
    """BUILD_DATE (ISO 8601) when set, for tests and reproducible builds; else now."""
    value = settings.get("BUILD_DATE")
    return datetime.datetime.fromisoformat(value) if value else None


def _run_all(settings_file, runs, keep=False):
    """Run Pelican once per language, each in a process of its own. With
    `keep`, the processes stay to serve a live.Session: returns
    {lang: (process, connection)}."""
    context = multiprocessing.get_context("fork")  # inherit imports: fast start
    processes = {}
    for lang, run_overrides in runs.items():
        receiver, sender = context.Pipe(duplex=keep)
        # The child closes the parent's ends it inherits, so that a kept run
        # sees its connection end when this process does.
        ends = [receiver, *(end for _, end in processes.values())]
        process = context.Process(
            target=_run_language,
            args=(settings_file, run_overrides, sender, keep, ends),
            name=f"pelican-{lang}",
            daemon=keep,  # ended with this process
        )
        process.start()
        sender.close()
        processes[lang] = (process, receiver)
    errors = []
    try:
        for lang, (_, receiver) in processes.items():
            try:
                error = receiver.recv()
            except EOFError:
                error = "the build process died without a word"
            if error:
                errors.append(f"[{lang}] {error}")
    except BaseException:  # Ctrl-C: no run outlives the build
        stop_runs(processes)
        raise
    if errors or not keep:
        stop_runs(processes)
    if errors:
        raise BuildError("\n".join(errors))
    return processes if keep else {}


def stop_runs(processes, wait=10):
    """Close the runs' connections and wait for them to end: `wait` seconds,
    then they are terminated (a run still writing, or one that missed the end
    of its connection)."""
    for _, connection in processes.values():
        connection.close()  # a kept run reads the end of its requests
    deadline = time.monotonic() + wait
    for process, _ in processes.values():
        process.join(max(0, deadline - time.monotonic()))
        if process.is_alive():
            process.terminate()
            process.join()


def _run_language(settings_file, overrides, result, keep=False, parent_ends=()):
    """One language's Pelican run (in a child process); sends back an error or
    None. With `keep`, it then serves a live.Session."""
    for end in parent_ends:
        end.close()
    errors = _quiet_pelican_logging(overrides["DEFAULT_LANG"])
    try:
        pelican = Pelican(read_settings(settings_file, override=overrides))
        if keep:
            from . import live  # live imports this module

            kept = live.keep(pelican)
        pelican.run()
        result.send(None)
    except Exception as error:  # report it as one line, never a traceback
        result.send(" ".join(_describe(error, errors.first).split()))
        keep = False
    if keep:
        live.serve(result, kept)
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


def _merge(staging, languages):
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


def _swap(site, output, background=False):
    """Put the new site in place of the old one with two renames. The old one
    is deleted at once, or with `background`, renamed to a hidden folder
    beside it and deleted by a process of its own, so that the build does not
    wait for it (about a second per 100 MB)."""
    old = output.with_name(f"{output.name}.old-{multiprocessing.current_process().pid}")
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


def _search_record(pages, bundle):
    """The HTML's digest, and the digest of the entry file of the index in `bundle`."""
    entry = bundle / search.ENTRY
    return f"{pages} {hashlib.md5(entry.read_bytes()).hexdigest() if entry.is_file() else None}"


def _remove_leftovers(output):
    """Staging and old folders that an interrupted build left behind; old
    sites that a background deletion (see `_swap`) may still be deleting are
    left to it."""
    for pattern in (f"{output.name}.staging-*", f"{output.name}.old-*"):
        for leftover in output.parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)
